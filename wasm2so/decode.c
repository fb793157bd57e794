/* decode.c — the opcode table, LEB128 readers and the one-instruction
 * decoder shared by the validator and the lowering.  Everything is driven by
 * w2s_opcodes.def, so adding an opcode there is enough for decoding. */
#include <string.h>

#include "read_internal.h"

const w2s_opinfo w2s_opinfo_table[W2S_OP_COUNT] = {
#define W2S_OP(name, prefix, code, text, imm, cls, sig, arg) \
  [W2S_OP_##name] = {text, prefix, code, W2S_IMM_##imm, W2S_CLASS_##cls, sig, arg},
#include "w2s_opcodes.def"
#undef W2S_OP
};

/* Reverse map (prefix, code) -> op + 1 (0 = illegal), built at compile time
 * from the same table: one-byte codes at 0..255, 0xFC n at 256+n, 0xFD n at
 * 512+n. */
#define W2S_CODE_SLOT(prefix, code) \
  ((prefix) == 0 ? (code) : (prefix) == 0xfc ? 256 + (code) : 512 + (code))
static const uint16_t op_by_code[1024] = {
#define W2S_OP(name, prefix, code, text, imm, cls, sig, arg) \
  [W2S_CODE_SLOT(prefix, code)] = W2S_OP_##name + 1,
#include "w2s_opcodes.def"
#undef W2S_OP
};

enum w2s_leb_status w2s_leb_unsigned(const uint8_t **pp, const uint8_t *end, unsigned bits,
                                     uint64_t *out) {
  const uint8_t *p = *pp;
  unsigned maxbytes = (bits + 6) / 7;
  uint64_t v = 0;
  for (unsigned i = 0;; i++) {
    if (p >= end)
      return W2S_LEB_END;
    uint8_t b = *p++;
    if (i == maxbytes - 1) {
      if (b & 0x80)
        return W2S_LEB_TOO_LONG;
      unsigned rem = bits - 7 * i; /* value bits this byte may carry */
      if (rem < 7 && (b >> rem) != 0)
        return W2S_LEB_TOO_LARGE;
      v |= (uint64_t)b << (7 * i);
      break;
    }
    v |= (uint64_t)(b & 0x7f) << (7 * i);
    if (!(b & 0x80))
      break;
  }
  *pp = p;
  *out = v;
  return W2S_LEB_OK;
}

enum w2s_leb_status w2s_leb_signed(const uint8_t **pp, const uint8_t *end, unsigned bits,
                                   int64_t *out) {
  const uint8_t *p = *pp;
  unsigned maxbytes = (bits + 6) / 7;
  uint64_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  for (unsigned i = 0;; i++) {
    if (p >= end)
      return W2S_LEB_END;
    b = *p++;
    if (i == maxbytes - 1) {
      if (b & 0x80)
        return W2S_LEB_TOO_LONG;
      /* The bits above the value's sign bit must all repeat it. */
      unsigned rem = bits - 7 * i;
      uint8_t top = (uint8_t)((b & 0x7f) >> (rem - 1));
      if (top != 0 && top != (0x7f >> (rem - 1)))
        return W2S_LEB_TOO_LARGE;
    }
    v |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80))
      break;
  }
  if (shift < 64 && (b & 0x40))
    v |= ~(uint64_t)0 << shift;
  *pp = p;
  *out = (int64_t)v;
  return W2S_LEB_OK;
}

const char *w2s_leb_message(enum w2s_leb_status s) {
  switch (s) {
  case W2S_LEB_END: return "unexpected end";
  case W2S_LEB_TOO_LONG: return "integer representation too long";
  case W2S_LEB_TOO_LARGE: return "integer too large";
  default: return "ok";
  }
}

bool w2s_read_u32(const uint8_t **p, const uint8_t *end, uint32_t *out) {
  uint64_t v;
  if (w2s_leb_unsigned(p, end, 32, &v) != W2S_LEB_OK)
    return false;
  *out = (uint32_t)v;
  return true;
}
bool w2s_read_u64(const uint8_t **p, const uint8_t *end, uint64_t *out) {
  return w2s_leb_unsigned(p, end, 64, out) == W2S_LEB_OK;
}
bool w2s_read_s32(const uint8_t **p, const uint8_t *end, int32_t *out) {
  int64_t v;
  if (w2s_leb_signed(p, end, 32, &v) != W2S_LEB_OK)
    return false;
  *out = (int32_t)v;
  return true;
}
bool w2s_read_s33(const uint8_t **p, const uint8_t *end, int64_t *out) {
  return w2s_leb_signed(p, end, 33, out) == W2S_LEB_OK;
}
bool w2s_read_s64(const uint8_t **p, const uint8_t *end, int64_t *out) {
  return w2s_leb_signed(p, end, 64, out) == W2S_LEB_OK;
}

uint32_t w2s_br_table_next(const uint8_t **cursor) {
  const uint8_t *p = *cursor;
  uint32_t v = 0;
  unsigned shift = 0;
  uint8_t b;
  do {
    b = *p++;
    if (shift < 32)
      v |= (uint32_t)(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  *cursor = p;
  return v;
}

/* Immediate readers: each reports its own failure at the immediate's offset. */
typedef struct dec {
  const uint8_t *p, *end, *base;
  w2s_diag *d;
} dec;

static bool dec_leb_fail(dec *c, const uint8_t *at, enum w2s_leb_status s) {
  if (s == W2S_LEB_END)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(at - c->base),
                    "unexpected end of section or function");
  return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(at - c->base), "%s", w2s_leb_message(s));
}
static bool dec_u32(dec *c, uint32_t *out) {
  if (c->p < c->end && !(*c->p & 0x80)) { /* the common one-byte case */
    *out = *c->p++;
    return true;
  }
  const uint8_t *at = c->p;
  uint64_t v;
  enum w2s_leb_status s = w2s_leb_unsigned(&c->p, c->end, 32, &v);
  if (s != W2S_LEB_OK)
    return dec_leb_fail(c, at, s);
  *out = (uint32_t)v;
  return true;
}
static bool dec_signed(dec *c, unsigned bits, int64_t *out) {
  if (c->p < c->end && !(*c->p & 0x80)) {
    uint8_t b = *c->p++;
    *out = (b & 0x40) ? (int64_t)b - 128 : (int64_t)b;
    return true;
  }
  const uint8_t *at = c->p;
  enum w2s_leb_status s = w2s_leb_signed(&c->p, c->end, bits, out);
  return s == W2S_LEB_OK || dec_leb_fail(c, at, s);
}
static bool dec_bytes(dec *c, size_t n, uint64_t *out) {
  if ((size_t)(c->end - c->p) < n)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(c->p - c->base),
                    "unexpected end of section or function");
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++)
    v |= (uint64_t)c->p[i] << (8 * i);
  c->p += n;
  *out = v;
  return true;
}
static bool dec_raw(dec *c, uint8_t *out, size_t n) {
  if ((size_t)(c->end - c->p) < n)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(c->p - c->base),
                    "unexpected end of section or function");
  memcpy(out, c->p, n);
  c->p += n;
  return true;
}
static bool dec_zero(dec *c) {
  if (c->p >= c->end)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(c->p - c->base),
                    "unexpected end of section or function");
  if (*c->p != 0)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(c->p - c->base), "zero byte expected");
  c->p++;
  return true;
}
static bool dec_blocktype(dec *c, w2s_instr *in) {
  if (c->p >= c->end)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(c->p - c->base),
                    "unexpected end of section or function");
  uint8_t b = *c->p;
  in->imm.block.typeidx = 0;
  in->imm.block.valtype = 0;
  if (b == 0x40) {
    in->imm.block.kind = W2S_BLOCK_EMPTY;
    c->p++;
    return true;
  }
  if (w2s_is_valtype(b)) {
    in->imm.block.kind = W2S_BLOCK_VALUE;
    in->imm.block.valtype = b;
    c->p++;
    return true;
  }
  const uint8_t *at = c->p;
  int64_t v;
  if (!dec_signed(c, 33, &v))
    return false;
  if (v < 0)
    return w2s_fail(c->d, W2S_DIAG_MALFORMED, (size_t)(at - c->base), "malformed value type");
  in->imm.block.kind = W2S_BLOCK_TYPEIDX;
  in->imm.block.typeidx = (uint32_t)v;
  return true;
}

bool w2s_decode_instr(const uint8_t **pp, const uint8_t *end, const uint8_t *file_start,
                      w2s_instr *out, w2s_diag *d) {
  dec c = {*pp, end, file_start, d};
  size_t off = (size_t)(c.p - file_start);
  if (c.p >= end)
    return w2s_fail(d, W2S_DIAG_MALFORMED, off, "unexpected end of section or function");
  uint8_t b = *c.p++;
  unsigned slot = b;
  if (b == 0xfc) {
    uint32_t sub;
    if (!dec_u32(&c, &sub))
      return false;
    if (sub >= 256 || !op_by_code[256 + sub])
      return w2s_fail(d, W2S_DIAG_MALFORMED, off, "illegal opcode fc %u", sub);
    slot = 256 + sub;
  } else if (b == 0xfd) {
    uint32_t sub;
    if (!dec_u32(&c, &sub))
      return false;
    if (sub >= 256 || !op_by_code[512 + sub])
      return w2s_fail(d, W2S_DIAG_MALFORMED, off, "illegal opcode fd %u", sub);
    slot = 512 + sub;
  }
  if (!op_by_code[slot])
    return w2s_fail(d, W2S_DIAG_MALFORMED, off, "illegal opcode %02x", b);
  w2s_op op = (w2s_op)(op_by_code[slot] - 1);
  out->op = op;
  out->offset = off;
  int64_t s;
  uint64_t u = 0;
  switch (w2s_opinfo_table[op].imm) {
  case W2S_IMM_NONE:
    break;
  case W2S_IMM_BLOCKTYPE:
    if (!dec_blocktype(&c, out))
      return false;
    break;
  case W2S_IMM_INDEX:
    if (!dec_u32(&c, &out->imm.index))
      return false;
    break;
  case W2S_IMM_BR_TABLE: {
    uint32_t n;
    if (!dec_u32(&c, &n))
      return false;
    /* n labels plus the default, at least one byte each: check before looping. */
    if ((size_t)(c.end - c.p) <= (size_t)n)
      return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(c.end - file_start),
                      "unexpected end of section or function");
    out->imm.br_table.count = n;
    out->imm.br_table.targets = c.p;
    uint32_t l;
    for (uint64_t i = 0; i <= n; i++)
      if (!dec_u32(&c, &l))
        return false;
    break;
  }
  case W2S_IMM_CALL_INDIRECT:
    if (!dec_u32(&c, &out->imm.call_indirect.type) || !dec_u32(&c, &out->imm.call_indirect.table))
      return false;
    break;
  case W2S_IMM_SELECT_T: {
    uint32_t n;
    if (!dec_u32(&c, &n))
      return false;
    if ((size_t)(c.end - c.p) < (size_t)n)
      return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(c.end - file_start),
                      "unexpected end of section or function");
    out->imm.select_t.count = n;
    out->imm.select_t.type = 0;
    for (uint32_t i = 0; i < n; i++, c.p++) {
      if (!w2s_is_valtype(*c.p))
        return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(c.p - file_start), "malformed value type");
      if (i == 0)
        out->imm.select_t.type = *c.p;
    }
    break;
  }
  case W2S_IMM_MEMARG:
    if (!dec_u32(&c, &out->imm.memarg.align))
      return false;
    {
      uint32_t o;
      if (!dec_u32(&c, &o))
        return false;
      out->imm.memarg.offset = o;
    }
    out->imm.memarg.memory = 0;
    break;
  case W2S_IMM_MEMIDX:
    if (!dec_zero(&c))
      return false;
    out->imm.index = 0;
    break;
  case W2S_IMM_I32:
    if (!dec_signed(&c, 32, &s))
      return false;
    out->imm.i32 = (uint32_t)s;
    break;
  case W2S_IMM_I64:
    if (!dec_signed(&c, 64, &s))
      return false;
    out->imm.i64 = (uint64_t)s;
    break;
  case W2S_IMM_F32:
    if (!dec_bytes(&c, 4, &u))
      return false;
    out->imm.f32 = (uint32_t)u;
    break;
  case W2S_IMM_F64:
    if (!dec_bytes(&c, 8, &u))
      return false;
    out->imm.f64 = u;
    break;
  case W2S_IMM_REFTYPE:
    if (c.p >= c.end)
      return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(c.p - file_start),
                      "unexpected end of section or function");
    if (!w2s_is_reftype(*c.p))
      return w2s_fail(d, W2S_DIAG_MALFORMED, (size_t)(c.p - file_start), "malformed reference type");
    out->imm.reftype = *c.p++;
    break;
  case W2S_IMM_DATA_MEM:
    if (!dec_u32(&c, &out->imm.pair.a) || !dec_zero(&c))
      return false;
    out->imm.pair.b = 0;
    break;
  case W2S_IMM_MEM_MEM:
    if (!dec_zero(&c) || !dec_zero(&c))
      return false;
    out->imm.pair.a = out->imm.pair.b = 0;
    break;
  case W2S_IMM_PAIR:
    if (!dec_u32(&c, &out->imm.pair.a) || !dec_u32(&c, &out->imm.pair.b))
      return false;
    break;
  case W2S_IMM_V128:
  case W2S_IMM_SHUFFLE: /* same storage: 16 raw bytes */
    if (!dec_raw(&c, out->imm.v128, 16))
      return false;
    break;
  case W2S_IMM_LANE:
    if (!dec_raw(&c, &out->imm.lane, 1))
      return false;
    break;
  case W2S_IMM_MEMARG_LANE: {
    uint32_t o;
    if (!dec_u32(&c, &out->imm.memlane.align) || !dec_u32(&c, &o) ||
        !dec_raw(&c, &out->imm.memlane.lane, 1))
      return false;
    out->imm.memlane.offset = o;
    out->imm.memlane.memory = 0;
    break;
  }
  }
  *pp = c.p;
  return true;
}
