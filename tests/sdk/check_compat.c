/* check_compat.c — unit tests of the host side of the sdk's compat library
 * (loader/wl_compat.c): the resolver answers exactly "wasm2so_compat"
 * functions, and gethostname checks the guest buffer over its whole length
 * before writing, at every edge of memory. */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasi_internal.h"
#include "wl_compat.h"

static wasmso_memory *mem;
static wasmso_vmctx vm;
static char host[HOST_NAME_MAX + 1];
typedef uint32_t (*gethostname_fn)(wasmso_vmctx *, uint32_t, uint32_t);
static gethostname_fn ghn;

static void setup(void) {
  wl_error err;
  mem = wl_memory_new(1, 2, true, &err);
  ck_assert_ptr_nonnull(mem);
  memset(&vm, 0, sizeof vm);
  vm.memory = mem;
  vm.mem_base = mem->base;
  ck_assert_int_eq(gethostname(host, sizeof host), 0);
  wl_extern ext;
  ck_assert(wl_compat_resolve(NULL, "wasm2so_compat", 14, "gethostname", 11, WASMSO_EXTERN_FUNC, &ext));
  ghn = (gethostname_fn)ext.u.func.host_fn;
}
static void teardown(void) { wl_memory_free(mem); }

START_TEST(resolve_only_compat_functions) {
  wl_extern ext;
  ck_assert(wl_compat_resolve(NULL, "wasm2so_compat", 14, "gethostname", 11, WASMSO_EXTERN_FUNC, &ext));
  ck_assert_int_eq(ext.kind, WASMSO_EXTERN_FUNC);
  ck_assert_ptr_null(ext.u.func.ref);
  ck_assert_ptr_nonnull(ext.u.func.host_fn);
  const uint8_t ii[] = {WASMSO_I32, WASMSO_I32}, i[] = {WASMSO_I32};
  ck_assert_uint_eq(ext.u.func.type_id, wl_type_id(ii, 2, i, 1));
  /* Another module, another name, a prefix of the name, another kind. */
  ck_assert(!wl_compat_resolve(NULL, "env", 3, "gethostname", 11, WASMSO_EXTERN_FUNC, &ext));
  ck_assert(!wl_compat_resolve(NULL, "wasm2so_compat", 14, "sethostname", 11, WASMSO_EXTERN_FUNC, &ext));
  ck_assert(!wl_compat_resolve(NULL, "wasm2so_compat", 14, "gethost", 7, WASMSO_EXTERN_FUNC, &ext));
  ck_assert(!wl_compat_resolve(NULL, "wasm2so_compat", 13, "gethostname", 11, WASMSO_EXTERN_FUNC, &ext));
  ck_assert(!wl_compat_resolve(NULL, "wasm2so_compat", 14, "gethostname", 11, WASMSO_EXTERN_MEMORY, &ext));
}
END_TEST

START_TEST(gethostname_writes_name_and_nul) {
  memset(mem->base + 100, 'x', 300);
  ck_assert_uint_eq(ghn(&vm, 100, 300), 0);
  ck_assert_str_eq((char *)mem->base + 100, host);
  /* Exactly the name and its NUL. */
  size_t n = strlen(host) + 1;
  memset(mem->base + 1000, 'x', n + 1);
  ck_assert_uint_eq(ghn(&vm, 1000, (uint32_t)n), 0);
  ck_assert_str_eq((char *)mem->base + 1000, host);
  ck_assert_int_eq(mem->base[1000 + n], 'x'); /* nothing beyond */
}
END_TEST

START_TEST(gethostname_too_small_writes_nothing) {
  size_t n = strlen(host) + 1;
  memset(mem->base + 200, 'x', n);
  ck_assert_uint_eq(ghn(&vm, 200, (uint32_t)n - 1), WASI_ENAMETOOLONG);
  for (size_t i = 0; i < n; i++) ck_assert_int_eq(mem->base[200 + i], 'x');
  ck_assert_uint_eq(ghn(&vm, 200, 0), WASI_ENAMETOOLONG);
}
END_TEST

START_TEST(gethostname_checks_the_whole_buffer) {
  uint32_t size = (uint32_t)mem->size;
  size_t n = strlen(host) + 1;
  /* Ends exactly at the end of memory: fine. */
  ck_assert_uint_eq(ghn(&vm, size - (uint32_t)n, (uint32_t)n), 0);
  ck_assert_str_eq((char *)mem->base + size - n, host);
  /* One byte past the end, starting past the end, wrapping around 2^32. */
  ck_assert_uint_eq(ghn(&vm, size - (uint32_t)n + 1, (uint32_t)n), WASI_EFAULT);
  ck_assert_uint_eq(ghn(&vm, size, 256), WASI_EFAULT);
  ck_assert_uint_eq(ghn(&vm, size + 1, 0), WASI_EFAULT);
  ck_assert_uint_eq(ghn(&vm, 0xffffff00u, 0x200), WASI_EFAULT);
  ck_assert_uint_eq(ghn(&vm, 16, 0xffffffffu), WASI_EFAULT);
  /* A guest without memory. */
  wasmso_vmctx none;
  memset(&none, 0, sizeof none);
  ck_assert_uint_eq(ghn(&none, 0, 16), WASI_EFAULT);
}
END_TEST

START_TEST(phys_pages_bounded_by_guest_memory) {
  wl_extern ext;
  ck_assert(wl_compat_resolve(NULL, "wasm2so_compat", 14, "phys_pages", 10, WASMSO_EXTERN_FUNC, &ext));
  const uint8_t i[] = {WASMSO_I32}, I[] = {WASMSO_I64};
  ck_assert_uint_eq(ext.u.func.type_id, wl_type_id(i, 1, I, 1));
  int64_t (*pp)(wasmso_vmctx *, uint32_t) = (int64_t (*)(wasmso_vmctx *, uint32_t))ext.u.func.host_fn;
  /* The fixture's memory: 1 page now, at most 2.  Hosts have more. */
  ck_assert_int_eq(pp(&vm, 0), 2);
  ck_assert_int_eq(pp(&vm, 1), 1);
  /* No memory: nothing to use. */
  wasmso_vmctx none;
  memset(&none, 0, sizeof none);
  ck_assert_int_eq(pp(&none, 0), 0);
  ck_assert_int_eq(pp(&none, 1), 0);
}
END_TEST

int main(void) {
  Suite *s = suite_create("wl_compat");
  TCase *tc = tcase_create("gethostname");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, resolve_only_compat_functions);
  tcase_add_test(tc, gethostname_writes_name_and_nul);
  tcase_add_test(tc, gethostname_too_small_writes_nothing);
  tcase_add_test(tc, gethostname_checks_the_whole_buffer);
  tcase_add_test(tc, phys_pages_bounded_by_guest_memory);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
