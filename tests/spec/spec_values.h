/* spec_values.h — Wasm values as the spec test JSON (wast2json) writes them:
 * parsing, comparing against what a call returned, and printing. */
#ifndef SPEC_VALUES_H
#define SPEC_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "wasmso_abi.h"

/* How an expected value is compared. */
typedef enum spec_match {
  SPEC_MATCH_EXACT = 0,      /* bit-exact (floats too), references by identity */
  SPEC_MATCH_NAN_CANONICAL,  /* quiet NaN with only the quiet bit in the payload, either sign */
  SPEC_MATCH_NAN_ARITHMETIC, /* any NaN with the quiet bit set */
  SPEC_MATCH_ANY_NONNULL,    /* a reference given only by its type: any non-null one */
} spec_match;

/* v128 expectations are kept per lane, since each float lane may be a NaN class. */
#define SPEC_MAX_LANES 16

typedef struct spec_value {
  uint8_t type;              /* enum wasmso_valtype */
  spec_match match;          /* scalars */
  uint8_t lane_type;         /* v128 only: WASMSO_I32 .. (i8/i16 as 8/16) */
  uint8_t nlanes;
  spec_match lane_match[SPEC_MAX_LANES];
  wasmso_value v;
} spec_value;

/* Lane type codes for v128 (i32/i64/f32/f64 reuse the valtype codes). */
enum { SPEC_LANE_I8 = 8, SPEC_LANE_I16 = 16 };

/* Externref values in the JSON are host reference numbers N; the runner
 * passes N as this non-null pointer and maps results back the same way. */
void *spec_externref_from_host(uint64_t n);
uint64_t spec_externref_to_host(const void *p);

/* "i32", "f64", "externref", ... -> valtype; 0 if unknown. */
uint8_t spec_valtype_from_name(const char *name);
const char *spec_valtype_name(uint8_t type);

/* Parse one value from its type and the JSON string (NULL when the JSON gives
 * only a type, as in assert_trap results).  allow_nan_class: expected values
 * only.  Returns false with a message in err. */
bool spec_value_parse_str(uint8_t type, const char *str, bool allow_nan_class,
                          spec_value *out, char *err, size_t errlen);

/* Parse {"type": ..., "value": ...} (v128: "lane_type" and a list). */
bool spec_value_parse_json(const json_t *obj, bool allow_nan_class, spec_value *out,
                           char *err, size_t errlen);

/* Does the actual value (of type `type`) match the expectation? */
bool spec_value_matches(const spec_value *expected, uint8_t type, const wasmso_value *actual);

/* Human-readable forms, for failure reports. */
void spec_value_format(uint8_t type, const wasmso_value *v, char *buf, size_t len);
void spec_expected_format(const spec_value *e, char *buf, size_t len);

/* NaN classes on raw bits, exposed for the unit test. */
bool spec_f32_is_canonical_nan(uint32_t bits);
bool spec_f32_is_arithmetic_nan(uint32_t bits);
bool spec_f64_is_canonical_nan(uint64_t bits);
bool spec_f64_is_arithmetic_nan(uint64_t bits);

#endif
