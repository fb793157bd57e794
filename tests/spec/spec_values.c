/* spec_values.c — parse, compare and print the values of the spec test JSON.
 * Integers and floats arrive as the unsigned decimal value of their bit
 * pattern, so everything here works on bits: floats compare bit-exactly. */
#include "spec_values.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Host reference N becomes pointer N+1 so that host reference 0 is not null. */
void *spec_externref_from_host(uint64_t n) { return (void *)(uintptr_t)(n + 1); }
uint64_t spec_externref_to_host(const void *p) { return (uint64_t)(uintptr_t)p - 1; }

static const struct { const char *name; uint8_t type; } valtype_names[] = {
  { "i32", WASMSO_I32 }, { "i64", WASMSO_I64 }, { "f32", WASMSO_F32 }, { "f64", WASMSO_F64 },
  { "v128", WASMSO_V128 }, { "funcref", WASMSO_FUNCREF }, { "externref", WASMSO_EXTERNREF },
};

uint8_t spec_valtype_from_name(const char *name) {
  for (size_t i = 0; i < sizeof valtype_names / sizeof valtype_names[0]; i++)
    if (strcmp(name, valtype_names[i].name) == 0) return valtype_names[i].type;
  return 0;
}

const char *spec_valtype_name(uint8_t type) {
  for (size_t i = 0; i < sizeof valtype_names / sizeof valtype_names[0]; i++)
    if (valtype_names[i].type == type) return valtype_names[i].name;
  return "?";
}

bool spec_f32_is_canonical_nan(uint32_t bits) { return (bits & 0x7fffffffu) == 0x7fc00000u; }
bool spec_f32_is_arithmetic_nan(uint32_t bits) { return (bits & 0x7fc00000u) == 0x7fc00000u; }
bool spec_f64_is_canonical_nan(uint64_t bits) {
  return (bits & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}
bool spec_f64_is_arithmetic_nan(uint64_t bits) {
  return (bits & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
}

/* Strictly an unsigned decimal number that fits in max. */
static bool parse_unsigned(const char *s, uint64_t max, uint64_t *out) {
  if (!s || *s < '0' || *s > '9') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || v > max) return false;
  *out = v;
  return true;
}

static bool parse_nan_class(const char *s, bool allow, spec_match *m) {
  if (!allow || !s) return false;
  if (strcmp(s, "nan:canonical") == 0) { *m = SPEC_MATCH_NAN_CANONICAL; return true; }
  if (strcmp(s, "nan:arithmetic") == 0) { *m = SPEC_MATCH_NAN_ARITHMETIC; return true; }
  return false;
}

bool spec_value_parse_str(uint8_t type, const char *str, bool allow_nan_class,
                          spec_value *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  out->type = type;
  out->match = SPEC_MATCH_EXACT;
  uint64_t bits;
  switch (type) {
  case WASMSO_I32:
  case WASMSO_F32:
    if (type == WASMSO_F32 && parse_nan_class(str, allow_nan_class, &out->match)) return true;
    if (!parse_unsigned(str, UINT32_MAX, &bits)) break;
    out->v.i32 = (uint32_t)bits;
    return true;
  case WASMSO_I64:
  case WASMSO_F64:
    if (type == WASMSO_F64 && parse_nan_class(str, allow_nan_class, &out->match)) return true;
    if (!parse_unsigned(str, UINT64_MAX, &bits)) break;
    out->v.i64 = bits;
    return true;
  case WASMSO_EXTERNREF:
  case WASMSO_FUNCREF:
    if (!str) {  /* only the type given: any non-null reference */
      if (!allow_nan_class) break;
      out->match = SPEC_MATCH_ANY_NONNULL;
      return true;
    }
    if (strcmp(str, "null") == 0) { out->v.ref = NULL; return true; }
    /* Only externrefs have host numbers; a funcref number has no meaning here. */
    if (type == WASMSO_EXTERNREF && parse_unsigned(str, UINT64_MAX - 1, &bits)) {
      out->v.ref = spec_externref_from_host(bits);
      return true;
    }
    break;
  default:
    snprintf(err, errlen, "unsupported value type 0x%02x", type);
    return false;
  }
  snprintf(err, errlen, "bad %s value \"%s\"", spec_valtype_name(type), str ? str : "(none)");
  return false;
}

static bool parse_v128(const json_t *obj, bool allow_nan_class, spec_value *out,
                       char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  out->type = WASMSO_V128;
  const char *lt = json_string_value(json_object_get(obj, "lane_type"));
  const json_t *lanes = json_object_get(obj, "value");
  unsigned width;
  if (!lt) { snprintf(err, errlen, "v128 without lane_type"); return false; }
  if (strcmp(lt, "i8") == 0) { out->lane_type = SPEC_LANE_I8; width = 1; }
  else if (strcmp(lt, "i16") == 0) { out->lane_type = SPEC_LANE_I16; width = 2; }
  else if (strcmp(lt, "i32") == 0 || strcmp(lt, "f32") == 0) {
    out->lane_type = spec_valtype_from_name(lt); width = 4;
  } else if (strcmp(lt, "i64") == 0 || strcmp(lt, "f64") == 0) {
    out->lane_type = spec_valtype_from_name(lt); width = 8;
  } else { snprintf(err, errlen, "bad v128 lane_type \"%s\"", lt); return false; }
  out->nlanes = (uint8_t)(16 / width);
  if (!json_is_array(lanes) || json_array_size(lanes) != out->nlanes) {
    snprintf(err, errlen, "v128 needs %u %s lanes", out->nlanes, lt);
    return false;
  }
  for (unsigned i = 0; i < out->nlanes; i++) {
    const char *s = json_string_value(json_array_get(lanes, i));
    bool is_float = out->lane_type == WASMSO_F32 || out->lane_type == WASMSO_F64;
    uint64_t bits = 0;
    out->lane_match[i] = SPEC_MATCH_EXACT;
    if (!(is_float && parse_nan_class(s, allow_nan_class, &out->lane_match[i])) &&
        !parse_unsigned(s, width == 8 ? UINT64_MAX : (1ull << (8 * width)) - 1, &bits)) {
      snprintf(err, errlen, "bad v128 %s lane %u \"%s\"", lt, i, s ? s : "(none)");
      return false;
    }
    for (unsigned b = 0; b < width; b++)  /* lanes are little-endian in the vector */
      out->v.v128[i * width + b] = (uint8_t)(bits >> (8 * b));
  }
  return true;
}

bool spec_value_parse_json(const json_t *obj, bool allow_nan_class, spec_value *out,
                           char *err, size_t errlen) {
  const char *tname = json_string_value(json_object_get(obj, "type"));
  uint8_t type = tname ? spec_valtype_from_name(tname) : 0;
  if (!type) {
    snprintf(err, errlen, "unknown value type \"%s\"", tname ? tname : "(none)");
    return false;
  }
  if (type == WASMSO_V128) return parse_v128(obj, allow_nan_class, out, err, errlen);
  const json_t *val = json_object_get(obj, "value");
  if (val && !json_is_string(val)) {
    snprintf(err, errlen, "%s value is not a string", tname);
    return false;
  }
  return spec_value_parse_str(type, val ? json_string_value(val) : NULL, allow_nan_class,
                              out, err, errlen);
}

static bool match_f32(spec_match m, uint32_t want, uint32_t got) {
  switch (m) {
  case SPEC_MATCH_NAN_CANONICAL: return spec_f32_is_canonical_nan(got);
  case SPEC_MATCH_NAN_ARITHMETIC: return spec_f32_is_arithmetic_nan(got);
  default: return want == got;
  }
}

static bool match_f64(spec_match m, uint64_t want, uint64_t got) {
  switch (m) {
  case SPEC_MATCH_NAN_CANONICAL: return spec_f64_is_canonical_nan(got);
  case SPEC_MATCH_NAN_ARITHMETIC: return spec_f64_is_arithmetic_nan(got);
  default: return want == got;
  }
}

static uint64_t lane_bits(const uint8_t *v128, unsigned i, unsigned width) {
  uint64_t bits = 0;
  for (unsigned b = 0; b < width; b++) bits |= (uint64_t)v128[i * width + b] << (8 * b);
  return bits;
}

bool spec_value_matches(const spec_value *e, uint8_t type, const wasmso_value *a) {
  if (e->type != type) return false;
  switch (type) {
  case WASMSO_I32: return e->v.i32 == a->i32;
  case WASMSO_I64: return e->v.i64 == a->i64;
  case WASMSO_F32: return match_f32(e->match, e->v.i32, a->i32);
  case WASMSO_F64: return match_f64(e->match, e->v.i64, a->i64);
  case WASMSO_FUNCREF:
  case WASMSO_EXTERNREF:
    if (e->match == SPEC_MATCH_ANY_NONNULL) return a->ref != NULL;
    return e->v.ref == a->ref;
  case WASMSO_V128: {
    unsigned width = 16u / e->nlanes;
    for (unsigned i = 0; i < e->nlanes; i++) {
      uint64_t want = lane_bits(e->v.v128, i, width), got = lane_bits(a->v128, i, width);
      bool ok = e->lane_type == WASMSO_F32 ? match_f32(e->lane_match[i], (uint32_t)want, (uint32_t)got)
              : e->lane_type == WASMSO_F64 ? match_f64(e->lane_match[i], want, got)
              : want == got;
      if (!ok) return false;
    }
    return true;
  }
  default: return false;
  }
}

static void format_ref(uint8_t type, const void *p, char *buf, size_t len) {
  if (!p) snprintf(buf, len, "%s null", spec_valtype_name(type));
  else if (type == WASMSO_EXTERNREF)
    snprintf(buf, len, "externref %" PRIu64, spec_externref_to_host(p));
  else snprintf(buf, len, "funcref %p", p);
}

void spec_value_format(uint8_t type, const wasmso_value *v, char *buf, size_t len) {
  switch (type) {
  case WASMSO_I32:
    snprintf(buf, len, "i32 %" PRIu32 " (0x%08" PRIx32 ")", v->i32, v->i32);
    break;
  case WASMSO_I64:
    snprintf(buf, len, "i64 %" PRIu64 " (0x%016" PRIx64 ")", v->i64, v->i64);
    break;
  case WASMSO_F32:
    snprintf(buf, len, "f32 0x%08" PRIx32 " (%.9g)", v->i32, (double)v->f32);
    break;
  case WASMSO_F64:
    snprintf(buf, len, "f64 0x%016" PRIx64 " (%.17g)", v->i64, v->f64);
    break;
  case WASMSO_FUNCREF:
  case WASMSO_EXTERNREF:
    format_ref(type, v->ref, buf, len);
    break;
  case WASMSO_V128: {
    int n = snprintf(buf, len, "v128 0x");
    for (int i = 15; i >= 0 && n >= 0 && (size_t)n < len; i--)
      n += snprintf(buf + n, len - (size_t)n, "%02x", v->v128[i]);
    break;
  }
  default:
    snprintf(buf, len, "(type 0x%02x)", type);
  }
}

static const char *match_name(spec_match m) {
  return m == SPEC_MATCH_NAN_CANONICAL ? "nan:canonical"
       : m == SPEC_MATCH_NAN_ARITHMETIC ? "nan:arithmetic" : NULL;
}

void spec_expected_format(const spec_value *e, char *buf, size_t len) {
  const char *m = match_name(e->match);
  if (m && (e->type == WASMSO_F32 || e->type == WASMSO_F64)) {
    snprintf(buf, len, "%s %s", spec_valtype_name(e->type), m);
  } else if (e->match == SPEC_MATCH_ANY_NONNULL) {
    snprintf(buf, len, "%s non-null", spec_valtype_name(e->type));
  } else if (e->type == WASMSO_V128) {
    unsigned width = 16u / e->nlanes;
    int n = snprintf(buf, len, "v128 %s", e->lane_type == SPEC_LANE_I8 ? "i8"
                     : e->lane_type == SPEC_LANE_I16 ? "i16" : spec_valtype_name(e->lane_type));
    for (unsigned i = 0; i < e->nlanes && n >= 0 && (size_t)n < len; i++) {
      const char *lm = match_name(e->lane_match[i]);
      if (lm) n += snprintf(buf + n, len - (size_t)n, " %s", lm);
      else n += snprintf(buf + n, len - (size_t)n, " 0x%" PRIx64, lane_bits(e->v.v128, i, width));
    }
  } else {
    spec_value_format(e->type, &e->v, buf, len);
  }
}
