/* check_spec_values.c — the spec runner's value parsing and comparison, and
 * its expected-failures list. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "spec_expect.h"
#include "spec_values.h"

static spec_value parse_ok(uint8_t type, const char *s, bool expected) {
  spec_value v;
  char err[256];
  ck_assert_msg(spec_value_parse_str(type, s, expected, &v, err, sizeof err), "%s: %s", s, err);
  return v;
}

static bool parse_fails(uint8_t type, const char *s, bool expected) {
  spec_value v;
  char err[256] = "";
  bool ok = spec_value_parse_str(type, s, expected, &v, err, sizeof err);
  return !ok && err[0] != '\0';
}

static wasmso_value bits32(uint32_t b) { wasmso_value v; memset(&v, 0, sizeof v); v.i32 = b; return v; }
static wasmso_value bits64(uint64_t b) { wasmso_value v; memset(&v, 0, sizeof v); v.i64 = b; return v; }
static wasmso_value ref(void *p) { wasmso_value v; memset(&v, 0, sizeof v); v.ref = p; return v; }

START_TEST(integers_are_unsigned_decimal_bit_patterns) {
  spec_value v = parse_ok(WASMSO_I32, "4294967295", false);
  ck_assert_uint_eq(v.v.i32, 0xffffffffu);
  wasmso_value a = bits32(0xffffffffu);
  ck_assert(spec_value_matches(&v, WASMSO_I32, &a));
  a = bits32(0xfffffffeu);
  ck_assert(!spec_value_matches(&v, WASMSO_I32, &a));
  v = parse_ok(WASMSO_I64, "18446744073709551615", false);
  ck_assert(v.v.i64 == UINT64_MAX);
  ck_assert(parse_fails(WASMSO_I32, "4294967296", false));
  ck_assert(parse_fails(WASMSO_I32, "-1", false));
  ck_assert(parse_fails(WASMSO_I32, "12abc", false));
  ck_assert(parse_fails(WASMSO_I32, "", false));
  ck_assert(parse_fails(WASMSO_I64, "18446744073709551616", false));
  ck_assert(parse_fails(WASMSO_I32, NULL, false));
}
END_TEST

START_TEST(floats_compare_bit_exactly) {
  spec_value one = parse_ok(WASMSO_F32, "1065353216", true);
  wasmso_value a;
  memset(&a, 0, sizeof a);
  a.f32 = 1.0f;
  ck_assert(spec_value_matches(&one, WASMSO_F32, &a));
  /* +0 and -0 are different results */
  spec_value zero = parse_ok(WASMSO_F64, "0", true);
  a = bits64(0x8000000000000000ull);
  ck_assert(!spec_value_matches(&zero, WASMSO_F64, &a));
  /* an exact NaN must have exactly its payload */
  spec_value nan = parse_ok(WASMSO_F32, "2143289345", true);  /* 0x7fc00001 */
  a = bits32(0x7fc00001u);
  ck_assert(spec_value_matches(&nan, WASMSO_F32, &a));
  a = bits32(0x7fc00000u);
  ck_assert(!spec_value_matches(&nan, WASMSO_F32, &a));
  /* the type must agree too */
  a = bits32(0x3f800000u);
  ck_assert(!spec_value_matches(&one, WASMSO_I32, &a));
}
END_TEST

START_TEST(nan_classes_f32) {
  ck_assert(spec_f32_is_canonical_nan(0x7fc00000u));
  ck_assert(spec_f32_is_canonical_nan(0xffc00000u));
  ck_assert(!spec_f32_is_canonical_nan(0x7fc00001u));
  ck_assert(!spec_f32_is_canonical_nan(0x7f800000u));
  ck_assert(spec_f32_is_arithmetic_nan(0x7fc00001u));
  ck_assert(spec_f32_is_arithmetic_nan(0xffffffffu));
  ck_assert(!spec_f32_is_arithmetic_nan(0x7fa00000u));  /* signalling */
  ck_assert(!spec_f32_is_arithmetic_nan(0x7f800000u));  /* infinity */

  spec_value c = parse_ok(WASMSO_F32, "nan:canonical", true);
  spec_value ar = parse_ok(WASMSO_F32, "nan:arithmetic", true);
  ck_assert_int_eq(c.match, SPEC_MATCH_NAN_CANONICAL);
  wasmso_value a = bits32(0xffc00000u);
  ck_assert(spec_value_matches(&c, WASMSO_F32, &a));
  ck_assert(spec_value_matches(&ar, WASMSO_F32, &a));
  a = bits32(0x7fc12345u);
  ck_assert(!spec_value_matches(&c, WASMSO_F32, &a));
  ck_assert(spec_value_matches(&ar, WASMSO_F32, &a));
  a = bits32(0x7f812345u);
  ck_assert(!spec_value_matches(&ar, WASMSO_F32, &a));
  /* NaN classes are expectations, never arguments, and never integers */
  ck_assert(parse_fails(WASMSO_F32, "nan:canonical", false));
  ck_assert(parse_fails(WASMSO_I32, "nan:canonical", true));
}
END_TEST

START_TEST(nan_classes_f64) {
  ck_assert(spec_f64_is_canonical_nan(0x7ff8000000000000ull));
  ck_assert(spec_f64_is_canonical_nan(0xfff8000000000000ull));
  ck_assert(!spec_f64_is_canonical_nan(0x7ff8000000000001ull));
  ck_assert(spec_f64_is_arithmetic_nan(0x7ff8000000000001ull));
  ck_assert(!spec_f64_is_arithmetic_nan(0x7ff4000000000000ull));
  ck_assert(!spec_f64_is_arithmetic_nan(0x7ff0000000000000ull));
  spec_value c = parse_ok(WASMSO_F64, "nan:canonical", true);
  wasmso_value a = bits64(0xfff8000000000000ull);
  ck_assert(spec_value_matches(&c, WASMSO_F64, &a));
  /* an f32 canonical NaN in the low bits is no f64 NaN */
  a = bits64(0x7fc00000ull);
  ck_assert(!spec_value_matches(&c, WASMSO_F64, &a));
}
END_TEST

START_TEST(externref_host_numbers_map_consistently) {
  spec_value null = parse_ok(WASMSO_EXTERNREF, "null", false);
  spec_value h0 = parse_ok(WASMSO_EXTERNREF, "0", false);
  spec_value h1 = parse_ok(WASMSO_EXTERNREF, "1", true);
  ck_assert_ptr_null(null.v.ref);
  ck_assert_ptr_nonnull(h0.v.ref);
  ck_assert_ptr_ne(h0.v.ref, h1.v.ref);
  ck_assert(spec_externref_to_host(h1.v.ref) == 1);
  ck_assert(spec_externref_from_host(0) == h0.v.ref);
  /* what was passed in as host 1 must come back as host 1, nothing else */
  wasmso_value a = ref(spec_externref_from_host(1));
  ck_assert(spec_value_matches(&h1, WASMSO_EXTERNREF, &a));
  ck_assert(!spec_value_matches(&h0, WASMSO_EXTERNREF, &a));
  ck_assert(!spec_value_matches(&null, WASMSO_EXTERNREF, &a));
  a = ref(NULL);
  ck_assert(spec_value_matches(&null, WASMSO_EXTERNREF, &a));
  ck_assert(!spec_value_matches(&h0, WASMSO_EXTERNREF, &a));
  char buf[64];
  spec_value_format(WASMSO_EXTERNREF, &h1.v, buf, sizeof buf);
  ck_assert_str_eq(buf, "externref 1");
}
END_TEST

START_TEST(funcref_null_and_typed_only) {
  spec_value null = parse_ok(WASMSO_FUNCREF, "null", false);
  int dummy;
  wasmso_value a = ref(&dummy);
  ck_assert(!spec_value_matches(&null, WASMSO_FUNCREF, &a));
  ck_assert(!spec_value_matches(&null, WASMSO_EXTERNREF, &a));
  /* an expected reference with only its type: any non-null one */
  spec_value any = parse_ok(WASMSO_FUNCREF, NULL, true);
  ck_assert(spec_value_matches(&any, WASMSO_FUNCREF, &a));
  a = ref(NULL);
  ck_assert(!spec_value_matches(&any, WASMSO_FUNCREF, &a));
  ck_assert(parse_fails(WASMSO_FUNCREF, "3", true));
}
END_TEST

START_TEST(json_objects_and_v128_lanes) {
  json_error_t je;
  json_t *o = json_loads("{\"type\": \"f64\", \"value\": \"4607182418800017408\"}", 0, &je);
  spec_value v;
  char err[256];
  ck_assert(spec_value_parse_json(o, false, &v, err, sizeof err));
  ck_assert(v.type == WASMSO_F64 && v.v.f64 == 1.0);
  json_decref(o);

  o = json_loads("{\"type\": \"i33\", \"value\": \"0\"}", 0, &je);
  ck_assert(!spec_value_parse_json(o, true, &v, err, sizeof err));
  json_decref(o);

  o = json_loads("{\"type\": \"v128\", \"lane_type\": \"f32\", \"value\": "
                 "[\"1065353216\", \"nan:canonical\", \"nan:arithmetic\", \"0\"]}", 0, &je);
  ck_assert(spec_value_parse_json(o, true, &v, err, sizeof err));
  json_decref(o);
  wasmso_value a;
  memset(&a, 0, sizeof a);
  uint32_t lanes[4] = { 0x3f800000u, 0xffc00000u, 0x7fc00001u, 0 };
  memcpy(a.v128, lanes, sizeof lanes);
  ck_assert(spec_value_matches(&v, WASMSO_V128, &a));
  lanes[1] = 0x7fc00001u;  /* not canonical */
  memcpy(a.v128, lanes, sizeof lanes);
  ck_assert(!spec_value_matches(&v, WASMSO_V128, &a));

  o = json_loads("{\"type\": \"v128\", \"lane_type\": \"i8\", \"value\": "
                 "[\"255\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\"]}",
                 0, &je);
  ck_assert(spec_value_parse_json(o, false, &v, err, sizeof err));
  ck_assert_uint_eq(v.v.v128[0], 255);
  ck_assert_uint_eq(v.v.v128[15], 15);
  json_decref(o);
  o = json_loads("{\"type\": \"v128\", \"lane_type\": \"i8\", \"value\": [\"256\"]}", 0, &je);
  ck_assert(!spec_value_parse_json(o, false, &v, err, sizeof err));
  json_decref(o);
}
END_TEST

START_TEST(expected_failures_list) {
  spec_expect x;
  char err[256];
  ck_assert(spec_expect_parse(&x,
                              "# comment\n"
                              "\n"
                              "*:text-modules  text modules are skipped\n"
                              "i32.wast:123  a reason with spaces\n"
                              "  f64.wast:7\tanother\n",
                              err, sizeof err));
  ck_assert(x.text_rule);
  ck_assert_uint_eq(x.n, 2);
  ck_assert_str_eq(spec_expect_lookup(&x, "i32.wast", 123), "a reason with spaces");
  ck_assert_str_eq(spec_expect_lookup(&x, "f64.wast", 7), "another");
  ck_assert_ptr_null(spec_expect_lookup(&x, "i32.wast", 124));
  ck_assert_ptr_null(spec_expect_lookup(&x, "i64.wast", 123));
  spec_expect_free(&x);

  ck_assert(!spec_expect_parse(&x, "\ni32.wast:12\n", err, sizeof err));  /* no reason */
  ck_assert(strstr(err, "line 2") != NULL);
  ck_assert(!spec_expect_parse(&x, "i32.wast  reason\n", err, sizeof err));
  ck_assert(!spec_expect_parse(&x, "i32.wast:x1  reason\n", err, sizeof err));
  ck_assert(spec_expect_parse(&x, "", err, sizeof err));
  ck_assert(!x.text_rule);
  spec_expect_free(&x);
}
END_TEST

int main(void) {
  Suite *s = suite_create("spec_values");
  TCase *tc = tcase_create("values");
  tcase_add_test(tc, integers_are_unsigned_decimal_bit_patterns);
  tcase_add_test(tc, floats_compare_bit_exactly);
  tcase_add_test(tc, nan_classes_f32);
  tcase_add_test(tc, nan_classes_f64);
  tcase_add_test(tc, externref_host_numbers_map_consistently);
  tcase_add_test(tc, funcref_null_and_typed_only);
  tcase_add_test(tc, json_objects_and_v128_lanes);
  tcase_add_test(tc, expected_failures_list);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
