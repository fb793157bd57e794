/* check_wasi.c — runner and fixture of the WASI host's unit tests. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_wasi.h"

wasmso_memory *mem;
wasmso_vmctx vm;
char root[256];
static uint32_t bump;

static void put_file(const char *rel, const char *text) {
  FILE *f = fopen(hpath(rel), "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

void wasi_setup(void) {
  wl_error err;
  mem = wl_memory_new(1, 2, true, &err);
  ck_assert_ptr_nonnull(mem);
  memset(&vm, 0, sizeof vm);
  vm.memory = mem;
  vm.mem_base = mem->base;
  bump = 4096;
  wl_wasi_reset();
  wasi_force_walk = false;
  snprintf(root, sizeof root, "%s/wasi-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(root));
  ck_assert_int_eq(mkdir(hpath("box"), 0755), 0);
  ck_assert_int_eq(mkdir(hpath("box/sub"), 0755), 0);
  ck_assert_int_eq(mkdir(hpath("box2"), 0755), 0);
  ck_assert_int_eq(mkdir(hpath("outside"), 0755), 0);
  put_file("outside/secret", "secret");
  put_file("box/file", "hello");
  put_file("box/sub/inner", "inner");
  /* Symlinks planted by the host: relative and absolute ones leading out,
   * and a harmless one inside. */
  ck_assert_int_eq(symlink("../outside", hpath("box/out")), 0);
  ck_assert_int_eq(symlink(hpath("outside"), hpath("box/abs")), 0);
  ck_assert_int_eq(symlink("sub/inner", hpath("box/in")), 0);
  ck_assert(wl_wasi_preopen(hpath("box"), "/sandbox", &err));
  ck_assert(wl_wasi_preopen(hpath("box2"), "other", &err));
}

void wasi_teardown(void) {
  wl_wasi_reset();
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  ck_assert_int_eq(system(cmd), 0);
  wl_memory_free(mem);
}

uint32_t gstr(const char *s) {
  size_t n = strlen(s) + 1;
  ck_assert_uint_lt(bump + n, 60000);
  memcpy(mem->base + bump, s, n);
  uint32_t at = bump;
  bump += (uint32_t)(n + 7) & ~7u;
  return at;
}

const char *hpath(const char *rel) {
  static char buf[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
  return buf[k];
}

const char *slurp(const char *rel) {
  static char buf[4096];
  int fd = open(hpath(rel), O_RDONLY);
  if (fd < 0) return NULL;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n < 0) return NULL;
  buf[n] = 0;
  return buf;
}

int gopen(uint32_t dir, uint32_t lookup, const char *path, uint32_t oflags, uint64_t rights) {
  uint32_t e = wasi_path_open(&vm, dir, lookup, P(path), oflags, rights, rights, 0, 0);
  return e ? -(int)e : (int)wasi_get32(mem->base);
}

int main(void) {
  SRunner *sr = srunner_create(wasi_fd_suite());
  srunner_add_suite(sr, wasi_path_suite());
  srunner_add_suite(sr, wasi_sandbox_suite());
  srunner_add_suite(sr, wasi_misc_suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? 1 : 0;
}
