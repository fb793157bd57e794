/* read_values.c — the reader's small pieces: bytes, LEBs, names, types,
 * limits and constant expressions, each checked against the bytes left. */
#include <stdlib.h>
#include <string.h>

#include "read_internal.h"

static bool rd_end(w2s_rd *r) {
  return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "unexpected end of section or function");
}

bool w2s_grow(w2s_rd *r, void **arr, uint32_t n, uint32_t add, size_t elem) {
  size_t total = (size_t)n + add;
  if (total > UINT32_MAX)
    return w2s_fail(r->d, W2S_DIAG_LIMIT, w2s_rd_off(r), "too many entries");
  if (add == 0)
    return true;
  void *p = realloc(*arr, total * elem);
  if (!p)
    return w2s_fail(r->d, W2S_DIAG_LIMIT, w2s_rd_off(r), "out of memory");
  memset((char *)p + (size_t)n * elem, 0, (size_t)add * elem);
  *arr = p;
  return true;
}

bool w2s_rd_u8(w2s_rd *r, uint8_t *out) {
  if (r->p >= r->end)
    return rd_end(r);
  *out = *r->p++;
  return true;
}

bool w2s_rd_u32(w2s_rd *r, uint32_t *out) {
  const uint8_t *at = r->p;
  uint64_t v;
  enum w2s_leb_status s = w2s_leb_unsigned(&r->p, r->end, 32, &v);
  if (s == W2S_LEB_END)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, (size_t)(at - r->base), "unexpected end of section or function");
  if (s != W2S_LEB_OK)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, (size_t)(at - r->base), "%s", w2s_leb_message(s));
  *out = (uint32_t)v;
  return true;
}

bool w2s_rd_count(w2s_rd *r, uint32_t *out) {
  const uint8_t *at = r->p;
  if (!w2s_rd_u32(r, out))
    return false;
  /* Every vector element takes at least one byte: a larger count cannot be
   * honest, and must not size an allocation. */
  if (*out > (size_t)(r->end - r->p))
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, (size_t)(at - r->base),
                    "unexpected end of section or function (count %u exceeds the bytes left)", *out);
  return true;
}

bool w2s_utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    unsigned len;
    uint32_t cp, min;
    if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (n - i < len)
      return false;
    for (unsigned k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80)
        return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

bool w2s_rd_name_view(w2s_rd *r, const uint8_t **out, uint32_t *len) {
  if (!w2s_rd_u32(r, len))
    return false;
  if (*len > (size_t)(r->end - r->p))
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "unexpected end (name length out of bounds)");
  if (!w2s_utf8_valid(r->p, *len))
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "malformed UTF-8 encoding");
  *out = r->p;
  r->p += *len;
  return true;
}

bool w2s_rd_name(w2s_rd *r, const char **out, uint32_t *len) {
  const uint8_t *s;
  if (!w2s_rd_name_view(r, &s, len))
    return false;
  char *c = malloc((size_t)*len + 1);
  if (!c)
    return w2s_fail(r->d, W2S_DIAG_LIMIT, w2s_rd_off(r), "out of memory");
  memcpy(c, s, *len);
  c[*len] = 0;
  *out = c;
  return true;
}

bool w2s_rd_valtype(w2s_rd *r, w2s_valtype *out) {
  if (r->p >= r->end)
    return rd_end(r);
  if (!w2s_is_valtype(*r->p))
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "malformed value type 0x%02x", *r->p);
  *out = *r->p++;
  return true;
}

bool w2s_rd_reftype(w2s_rd *r, w2s_valtype *out) {
  if (r->p >= r->end)
    return rd_end(r);
  if (!w2s_is_reftype(*r->p))
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "malformed reference type 0x%02x", *r->p);
  *out = *r->p++;
  return true;
}

bool w2s_rd_limits(w2s_rd *r, w2s_limits *out) {
  size_t at = w2s_rd_off(r);
  uint8_t flags = 0;
  uint32_t v;
  if (!w2s_rd_u8(r, &flags))
    return false;
  /* The flags are a one-bit LEB in the spec's decoder, hence its wording. */
  if (flags & 0x80)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "integer representation too long (limits flags)");
  if (flags > 1)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "integer too large (limits flags 0x%02x)", flags);
  if (!w2s_rd_u32(r, &v))
    return false;
  out->min = v;
  out->has_max = flags == 1;
  out->max = 0;
  if (out->has_max) {
    if (!w2s_rd_u32(r, &v))
      return false;
    out->max = v;
  }
  return true;
}

bool w2s_rd_tabletype(w2s_rd *r, w2s_tabletype *out) {
  return w2s_rd_reftype(r, &out->elem) && w2s_rd_limits(r, &out->limits);
}

bool w2s_rd_globaltype(w2s_rd *r, w2s_globaltype *out) {
  uint8_t mut = 0;
  if (!w2s_rd_valtype(r, &out->type))
    return false;
  size_t at = w2s_rd_off(r);
  if (!w2s_rd_u8(r, &mut))
    return false;
  if (mut > 1)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "malformed mutability");
  out->mut = mut == 1;
  return true;
}

/* Decodes instructions up to the expression's own `end`.  Anything but one
 * constant instruction is left for the validator to reject as invalid. */
bool w2s_rd_constexpr(w2s_rd *r, const w2s_module *m, w2s_constexpr *out) {
  memset(out, 0, sizeof *out);
  size_t start = w2s_rd_off(r);
  size_t bad = (size_t)-1;
  uint32_t nvalues = 0, depth = 0;
  for (;;) {
    w2s_instr in;
    if (!w2s_decode_instr(&r->p, r->end, r->base, &in, r->d))
      return false;
    if (in.op == W2S_OP_END) {
      if (depth == 0)
        break;
      depth--;
      continue;
    }
    bool first = nvalues == 0;
    switch (in.op) {
    case W2S_OP_I32_CONST:
    case W2S_OP_I64_CONST:
    case W2S_OP_F32_CONST:
    case W2S_OP_F64_CONST:
    case W2S_OP_V128_CONST:
    case W2S_OP_GLOBAL_GET:
    case W2S_OP_REF_NULL:
    case W2S_OP_REF_FUNC:
      nvalues++;
      break;
    case W2S_OP_BLOCK:
    case W2S_OP_LOOP:
    case W2S_OP_IF:
      depth++;
      /* fall through */
    default:
      if (bad == (size_t)-1)
        bad = in.offset;
      continue;
    }
    if (!first)
      continue;
    out->offset = in.offset;
    switch (in.op) {
    case W2S_OP_I32_CONST:
      out->op = WASMSO_CONST_I32, out->type = WASMSO_I32, out->bits[0] = in.imm.i32;
      break;
    case W2S_OP_I64_CONST:
      out->op = WASMSO_CONST_I64, out->type = WASMSO_I64, out->bits[0] = in.imm.i64;
      break;
    case W2S_OP_F32_CONST:
      out->op = WASMSO_CONST_F32, out->type = WASMSO_F32, out->bits[0] = in.imm.f32;
      break;
    case W2S_OP_F64_CONST:
      out->op = WASMSO_CONST_F64, out->type = WASMSO_F64, out->bits[0] = in.imm.f64;
      break;
    case W2S_OP_V128_CONST:
      out->op = WASMSO_CONST_V128, out->type = WASMSO_V128;
      for (int i = 0; i < 16; i++)
        out->bits[i / 8] |= (uint64_t)in.imm.v128[i] << (8 * (i % 8));
      break;
    case W2S_OP_GLOBAL_GET:
      out->op = WASMSO_CONST_GLOBAL_GET, out->index = in.imm.index;
      out->type = in.imm.index < m->nglobals ? m->globals[in.imm.index].type.type : 0;
      break;
    case W2S_OP_REF_NULL:
      out->op = WASMSO_CONST_REF_NULL, out->type = in.imm.reftype;
      break;
    default: /* REF_FUNC */
      out->op = WASMSO_CONST_REF_FUNC, out->type = WASMSO_FUNCREF, out->index = in.imm.index;
      break;
    }
  }
  if (bad != (size_t)-1) {
    out->op = W2S_CONSTEXPR_NONCONST;
    out->offset = bad;
  } else if (nvalues != 1) {
    out->op = W2S_CONSTEXPR_ARITY;
    out->offset = start;
  }
  return true;
}
