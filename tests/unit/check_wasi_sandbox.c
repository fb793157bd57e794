/* check_wasi_sandbox.c — every way out of a preopen is refused: `..`,
 * absolute paths, symlinks leading out (planted by the host or made by the
 * guest), hard links and renames out, and the same through the other path
 * operations.  Each test runs twice: with openat2 and with the fallback
 * component walk.  After each, outside/ must be exactly as it was. */
#define _GNU_SOURCE
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_wasi.h"

#define ALL WR_ALL
#define NOTCAP (-(int)WASI_ENOTCAPABLE)

static void outside_untouched(void) {
  ck_assert_str_eq(slurp("outside/secret"), "secret");
  DIR *d = opendir(hpath("outside"));
  ck_assert_ptr_nonnull(d);
  int n = 0;
  struct dirent *de;
  while ((de = readdir(d)))
    if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
      ck_assert_str_eq(de->d_name, "secret");
      n++;
    }
  closedir(d);
  ck_assert_int_eq(n, 1);
}

static void mode(int i) { wasi_force_walk = i == 1; }

START_TEST(escape_dotdot) {
  mode(_i);
  ck_assert_int_eq(gopen(3, 1, "../outside/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "sub/../../outside/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "..", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "sub/../..", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "../box2", 0, ALL), NOTCAP);
  /* `..` that stays inside is fine. */
  int fd = gopen(3, 1, "sub/../file", 0, ALL);
  ck_assert_int_ge(fd, 5);
  /* A subdirectory fd is a capability of its own: `..` cannot leave it. */
  int sub = gopen(3, 1, "sub", WASI_O_DIRECTORY, ALL);
  ck_assert_int_ge(sub, 5);
  ck_assert_int_eq(gopen((uint32_t)sub, 1, "../file", 0, ALL), NOTCAP);
  ck_assert_int_eq(wasi_path_create_directory(&vm, 3, P("../outside/d")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_unlink_file(&vm, 3, P("../outside/secret")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_remove_directory(&vm, 3, P("sub/../../outside")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_filestat_get(&vm, 3, 0, P("../outside/secret"), 0), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_filestat_set_times(&vm, 3, 0, P("../outside/secret"), 0, 0, WASI_FST_MTIM_NOW),
                   WASI_ENOTCAPABLE);
  ck_assert_int_eq(gopen(3, 1, "../outside/new", WASI_O_CREAT, ALL), NOTCAP);
  outside_untouched();
}
END_TEST

START_TEST(escape_absolute) {
  mode(_i);
  ck_assert_int_eq(gopen(3, 1, "/etc/passwd", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, hpath("outside/secret"), 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "/", 0, ALL), NOTCAP);
  ck_assert_int_eq(wasi_path_create_directory(&vm, 3, P(hpath("outside/d"))), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_unlink_file(&vm, 3, P(hpath("outside/secret"))), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_filestat_get(&vm, 3, 1, P("/etc"), 0), WASI_ENOTCAPABLE);
  outside_untouched();
}
END_TEST

START_TEST(escape_host_symlinks) {
  mode(_i);
  ck_assert_int_eq(gopen(3, 1, "out/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "abs/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "out", WASI_O_DIRECTORY, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "out/new", WASI_O_CREAT, ALL), NOTCAP);
  ck_assert_int_eq(wasi_path_filestat_get(&vm, 3, 1, P("out"), 0), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_create_directory(&vm, 3, P("out/d")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_unlink_file(&vm, 3, P("abs/secret")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_symlink(&vm, P("x"), 3, P("out/l")), WASI_ENOTCAPABLE);
  /* Without following, the link itself is what is seen. */
  ck_assert_int_eq(wasi_path_filestat_get(&vm, 3, 0, P("out"), 0), WASI_ESUCCESS);
  ck_assert_int_eq(mem->base[16], WASI_FT_SYMLINK);
  ck_assert_int_eq(gopen(3, 0, "out", 0, ALL), -(int)WASI_ELOOP);
  /* A symlink that stays inside works. */
  int fd = gopen(3, 1, "in", 0, ALL);
  ck_assert_int_ge(fd, 5);
  outside_untouched();
}
END_TEST

START_TEST(escape_guest_symlinks) {
  mode(_i);
  ck_assert_int_eq(wasi_path_symlink(&vm, P("../outside"), 3, P("gl")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_symlink(&vm, P("../outside/new"), 3, P("gnew")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_symlink(&vm, P("sub/../../outside/secret"), 3, P("gs")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_symlink(&vm, P(hpath("outside")), 3, P("ga")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(gopen(3, 1, "gl/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "gs", 0, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "gnew", WASI_O_CREAT, ALL), NOTCAP);
  ck_assert_int_eq(gopen(3, 1, "sub/../gl/secret", 0, ALL), NOTCAP);
  ck_assert_int_eq(wasi_path_create_directory(&vm, 3, P("gl/d")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_filestat_set_times(&vm, 3, 1, P("gs"), 0, 0, WASI_FST_MTIM_NOW), WASI_ENOTCAPABLE);
  /* A chain of guest links, each inside, ending outside. */
  ck_assert_int_eq(wasi_path_symlink(&vm, P("sub/l2"), 3, P("l1")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_symlink(&vm, P("../../outside/secret"), 3, P("sub/l2")), WASI_ESUCCESS);
  ck_assert_int_eq(gopen(3, 1, "l1", 0, ALL), NOTCAP);
  /* A self-loop ends. */
  ck_assert_int_eq(wasi_path_symlink(&vm, P("loop"), 3, P("loop")), WASI_ESUCCESS);
  ck_assert_int_eq(gopen(3, 1, "loop", 0, ALL), -(int)WASI_ELOOP);
  outside_untouched();
}
END_TEST

START_TEST(escape_links_renames) {
  mode(_i);
  ck_assert_int_eq(wasi_path_link(&vm, 3, 0, P("file"), 3, P("../outside/x")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_link(&vm, 3, 0, P("../outside/secret"), 3, P("stolen")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_link(&vm, 3, 0, P("out/secret"), 3, P("stolen")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_link(&vm, 3, 1, P("out/secret"), 3, P("stolen")), WASI_ENOTCAPABLE);
  /* Following a symlink that leads out, as the link's source. */
  ck_assert_int_eq(wasi_path_symlink(&vm, P("../outside/secret"), 3, P("gs")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_link(&vm, 3, 1, P("gs"), 3, P("stolen")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(access(hpath("box/stolen"), F_OK), -1);
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("file"), 3, P("../outside/moved")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("../outside/secret"), 3, P("got")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("file"), 3, P("abs/moved")), WASI_ENOTCAPABLE);
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("out/secret"), 3, P("got")), WASI_ENOTCAPABLE);
  /* Renaming the link itself is fine: only its text leads out. */
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("out"), 3, P("out2")), WASI_ESUCCESS);
  ck_assert_int_eq(gopen(3, 1, "out2/secret", 0, ALL), NOTCAP);
  ck_assert_str_eq(slurp("box/file"), "hello");
  /* Across preopens: both ends are inside the sandbox. */
  ck_assert_int_eq(wasi_path_link(&vm, 3, 0, P("file"), 4, P("linked")), WASI_ESUCCESS);
  ck_assert_int_eq(wasi_path_rename(&vm, 3, P("sub/inner"), 4, P("moved")), WASI_ESUCCESS);
  ck_assert_str_eq(slurp("box2/linked"), "hello");
  ck_assert_str_eq(slurp("box2/moved"), "inner");
  ck_assert_int_eq(wasi_path_rename(&vm, 4, P("moved"), 4, P("../box/x")), WASI_ENOTCAPABLE);
  outside_untouched();
}
END_TEST

Suite *wasi_sandbox_suite(void) {
  Suite *s = suite_create("wasi-sandbox");
  TCase *tc = tcase_create("escapes");
  tcase_add_checked_fixture(tc, wasi_setup, wasi_teardown);
  tcase_add_loop_test(tc, escape_dotdot, 0, 2);
  tcase_add_loop_test(tc, escape_absolute, 0, 2);
  tcase_add_loop_test(tc, escape_host_symlinks, 0, 2);
  tcase_add_loop_test(tc, escape_guest_symlinks, 0, 2);
  tcase_add_loop_test(tc, escape_links_renames, 0, 2);
  suite_add_tcase(s, tc);
  return s;
}
