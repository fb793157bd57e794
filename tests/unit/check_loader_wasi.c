/* check_loader_wasi.c — the minimal WASI host, called directly with a fake
 * instance context: argument/environment layout, errno values, and bounds
 * checks on every guest pointer. */
#define _GNU_SOURCE
#include <check.h>
#include <string.h>

#include "wasi_internal.h"

static wasmso_memory *mem;
static wasmso_vmctx vm;

static void setup(void) {
  wl_error err;
  mem = wl_memory_new(1, 1, true, &err);
  ck_assert_ptr_nonnull(mem);
  memset(&vm, 0, sizeof vm);
  vm.memory = mem;
  vm.mem_base = mem->base;
}

static void teardown(void) { wl_memory_free(mem); }

START_TEST(wasi_resolve) {
  wl_extern ex;
  ck_assert(wl_wasi_resolve(NULL, "wasi_snapshot_preview1", 22, "fd_write", 8, WASMSO_EXTERN_FUNC, &ex));
  const uint8_t i4[] = {WASMSO_I32, WASMSO_I32, WASMSO_I32, WASMSO_I32};
  ck_assert_uint_eq(ex.u.func.type_id, wl_type_id(i4, 4, i4, 1));
  ck_assert_ptr_null(ex.u.func.ref);
  ck_assert_ptr_nonnull(ex.u.func.host_fn);
  ck_assert(wl_wasi_resolve(NULL, "wasi_snapshot_preview1", 22, "proc_exit", 9, WASMSO_EXTERN_FUNC, &ex));
  ck_assert_uint_eq(ex.u.func.type_id, wl_type_id(i4, 1, NULL, 0));
  ck_assert(!wl_wasi_resolve(NULL, "wasi_snapshot_preview1", 22, "no_such", 7, WASMSO_EXTERN_FUNC, &ex));
  ck_assert(!wl_wasi_resolve(NULL, "wasi_unstable", 13, "fd_write", 8, WASMSO_EXTERN_FUNC, &ex));
  ck_assert(!wl_wasi_resolve(NULL, "wasi_snapshot_preview1", 22, "fd_write", 8, WASMSO_EXTERN_GLOBAL, &ex));
}
END_TEST

START_TEST(wasi_args_env) {
  char *argv[] = {"prog", "-x", "ünï"};
  char *env[] = {"A=1"};
  wl_wasi_setup(3, argv, 1, env);
  ck_assert_uint_eq(wasi_args_sizes_get(&vm, 0, 4), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_get32(mem->base), 3);
  ck_assert_uint_eq(wasi_get32(mem->base + 4), 5 + 3 + strlen("ünï") + 1);
  ck_assert_uint_eq(wasi_args_get(&vm, 100, 200), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_get32(mem->base + 100), 200);
  ck_assert_uint_eq(wasi_get32(mem->base + 104), 205);
  ck_assert_str_eq((char *)mem->base + 205, "-x");
  ck_assert_str_eq((char *)mem->base + wasi_get32(mem->base + 108), "ünï");
  ck_assert_uint_eq(wasi_environ_sizes_get(&vm, 0, 4), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_get32(mem->base), 1);
  ck_assert_uint_eq(wasi_environ_get(&vm, 300, 400), WASI_ESUCCESS);
  ck_assert_str_eq((char *)mem->base + 400, "A=1");
  /* Out of bounds, including the string buffer's tail. */
  ck_assert_uint_eq(wasi_args_get(&vm, 100, 65536 - 5), WASI_EFAULT);
  ck_assert_uint_eq(wasi_args_sizes_get(&vm, 65534, 0), WASI_EFAULT);
}
END_TEST

START_TEST(wasi_fds) {
  /* one iovec {ptr 64, len 0}: a zero-length write to stdout */
  wasi_put32(mem->base + 0, 64);
  wasi_put32(mem->base + 4, 0);
  ck_assert_uint_eq(wasi_fd_write(&vm, 1, 0, 1, 8), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 0);
  ck_assert_uint_eq(wasi_fd_write(&vm, 7, 0, 1, 8), WASI_EBADF);
  wasi_put32(mem->base + 4, 10);
  wasi_put32(mem->base + 0, 65530); /* buffer runs past the end */
  ck_assert_uint_eq(wasi_fd_write(&vm, 1, 0, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_write(&vm, 1, 65532, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_write(&vm, 1, 0, 1, 0xfffffffeu), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 3, 0), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 2, 16), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 2, 65530), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 9, 0, 0, 0), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 0, 0, 7, 0), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_close(&vm, 0), WASI_ESUCCESS);
  ck_assert_uint_eq(wasi_fd_close(&vm, 0), WASI_EBADF);
}
END_TEST

START_TEST(wasi_clock_random) {
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 1, 0, 8), WASI_ESUCCESS);
  uint64_t t;
  memcpy(&t, mem->base + 8, 8);
  ck_assert_uint_gt(t, 0);
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 9, 0, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 0, 0, 65529), WASI_EFAULT);
  memset(mem->base + 100, 0, 64);
  ck_assert_uint_eq(wasi_random_get(&vm, 100, 64), WASI_ESUCCESS);
  int nonzero = 0;
  for (int i = 0; i < 64; i++) nonzero += mem->base[100 + i] != 0;
  ck_assert_int_gt(nonzero, 0);
  ck_assert_uint_eq(wasi_random_get(&vm, 65535, 2), WASI_EFAULT);
}
END_TEST

Suite *loader_wasi_suite(void) {
  Suite *s = suite_create("loader-wasi");
  TCase *tc = tcase_create("wasi");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, wasi_resolve);
  tcase_add_test(tc, wasi_args_env);
  tcase_add_test(tc, wasi_fds);
  tcase_add_test(tc, wasi_clock_random);
  suite_add_tcase(s, tc);
  return s;
}
