/* check_wasi_path.c — path_* functions inside a preopen: their effects on
 * the host tree, their errno values, and EFAULT/EILSEQ for bad paths; each
 * test runs with openat2 and with the fallback walk. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_wasi.h"

#define ALL WR_ALL
#define END 65536u /* the memory's size: one page */

START_TEST(path_open_errors) {
  wasi_force_walk = _i == 1;
  ck_assert_int_eq(gopen(3, 1, "nope", 0, ALL), -(int)WASI_ENOENT);
  ck_assert_int_eq(gopen(3, 1, "file", WASI_O_CREAT | WASI_O_EXCL, ALL), -(int)WASI_EEXIST);
  ck_assert_int_eq(gopen(3, 1, "file", WASI_O_DIRECTORY, ALL), -(int)WASI_ENOTDIR);
  ck_assert_int_eq(gopen(3, 1, "file/x", 0, ALL), -(int)WASI_ENOTDIR);
  ck_assert_int_eq(gopen(3, 1, "sub", 0, WR_FD_WRITE), -(int)WASI_EISDIR);
  ck_assert_int_eq(gopen(3, 1, "", 0, ALL), -(int)WASI_ENOENT);
  ck_assert_int_eq(gopen(3, 1, "file", 16, ALL), -(int)WASI_EINVAL);
  int f = gopen(3, 1, "file", 0, ALL);
  ck_assert_int_eq(f, 5);
  ck_assert_int_eq(gopen(5, 1, "x", 0, ALL), -(int)WASI_ENOTDIR);
  ck_assert_int_eq(gopen(9, 1, "x", 0, ALL), -(int)WASI_EBADF);
  /* bad guest pointers: nothing is created */
  ck_assert_uint_eq(wasi_path_open(&vm, 3, 1, END - 2, 3, WASI_O_CREAT, ALL, ALL, 0, 0), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_open(&vm, 3, 1, P("made"), WASI_O_CREAT, ALL, ALL, 0, END - 3), WASI_EFAULT);
  ck_assert_int_eq(access(hpath("box/made"), F_OK), -1);
  memcpy(mem->base + 200, "fi\0le", 5);
  ck_assert_uint_eq(wasi_path_open(&vm, 3, 1, 200, 5, 0, ALL, ALL, 0, 0), WASI_EILSEQ);
  /* the length, not a NUL, ends the path */
  memcpy(mem->base + 200, "filexyz", 7);
  ck_assert_uint_eq(wasi_path_open(&vm, 3, 1, 200, 4, 0, ALL, ALL, 0, 0), 0);
  /* O_TRUNC truncates, O_CREAT creates */
  ck_assert_int_ge(gopen(3, 1, "file", WASI_O_TRUNC, ALL), 0);
  ck_assert_str_eq(slurp("box/file"), "");
  ck_assert_int_ge(gopen(3, 1, "sub/made", WASI_O_CREAT, ALL), 0);
  ck_assert_int_eq(access(hpath("box/sub/made"), F_OK), 0);
}
END_TEST

START_TEST(path_dirs) {
  wasi_force_walk = _i == 1;
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P("d")), 0);
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P("d/e/")), 0);
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P("d")), WASI_EEXIST);
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P("x/y")), WASI_ENOENT);
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P(".")), WASI_EEXIST);
  struct stat st;
  ck_assert_int_eq(stat(hpath("box/d/e"), &st), 0);
  ck_assert(S_ISDIR(st.st_mode));
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, P("d")), WASI_ENOTEMPTY);
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, P("file")), WASI_ENOTDIR);
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, P("d/e")), 0);
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, P("d/")), 0);
  ck_assert_int_eq(access(hpath("box/d"), F_OK), -1);
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, P(".")), WASI_EINVAL);
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, P("sub")), WASI_EISDIR);
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, P("file/")), WASI_ENOTDIR);
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, P("nope")), WASI_ENOENT);
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, P("file")), 0);
  ck_assert_int_eq(access(hpath("box/file"), F_OK), -1);
  /* unlinking a symlink removes the link, not its target */
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, P("in")), 0);
  ck_assert_str_eq(slurp("box/sub/inner"), "inner");
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, END - 1, 2), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_unlink_file(&vm, 3, END, 1), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_remove_directory(&vm, 3, 0xffffffffu, 2), WASI_EFAULT);
}
END_TEST

START_TEST(path_stat_times) {
  wasi_force_walk = _i == 1;
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 1, P("in"), 128), 0);
  ck_assert_uint_eq(mem->base[144], WASI_FT_REG);
  ck_assert_uint_eq(wasi_get64(mem->base + 160), 5);
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 0, P("in"), 128), 0);
  ck_assert_uint_eq(mem->base[144], WASI_FT_SYMLINK);
  ck_assert_uint_eq(wasi_get64(mem->base + 160), strlen("sub/inner"));
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 1, P("sub/"), 128), 0);
  ck_assert_uint_eq(mem->base[144], WASI_FT_DIR);
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 1, P("file/"), 128), WASI_ENOTDIR);
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 1, P("nope"), 128), WASI_ENOENT);
  ck_assert_uint_eq(wasi_path_filestat_get(&vm, 3, 1, P("file"), END - 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_filestat_set_times(&vm, 3, 1, P("in"), 7000000000ull, 0, WASI_FST_ATIM), 0);
  struct stat st;
  ck_assert_int_eq(stat(hpath("box/sub/inner"), &st), 0);
  ck_assert_int_eq(st.st_atim.tv_sec, 7);
  ck_assert_uint_eq(wasi_path_filestat_set_times(&vm, 3, 0, P("file"), 0, 9000000000ull, WASI_FST_MTIM), 0);
  ck_assert_int_eq(stat(hpath("box/file"), &st), 0);
  ck_assert_int_eq(st.st_mtim.tv_sec, 9);
  ck_assert_uint_eq(wasi_path_filestat_set_times(&vm, 3, 0, P("file"), 0, 0, WASI_FST_MTIM | WASI_FST_MTIM_NOW),
                    WASI_EINVAL);
}
END_TEST

START_TEST(path_links) {
  wasi_force_walk = _i == 1;
  ck_assert_uint_eq(wasi_path_readlink(&vm, 3, P("in"), 256, 64, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 9);
  ck_assert(!memcmp(mem->base + 256, "sub/inner", 9));
  ck_assert_uint_eq(wasi_path_readlink(&vm, 3, P("in"), 256, 3, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 3);
  ck_assert_uint_eq(wasi_path_readlink(&vm, 3, P("file"), 256, 64, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_path_readlink(&vm, 3, P("in"), END - 4, 64, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_readlink(&vm, 3, P("in"), 256, 64, END - 1), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_symlink(&vm, P("file"), 3, P("sub/l")), 0);
  ck_assert_uint_eq(wasi_path_symlink(&vm, P("file"), 3, P("in")), WASI_EEXIST);
  ck_assert_uint_eq(wasi_path_symlink(&vm, END - 1, 5, 3, P("z")), WASI_EFAULT);
  char t[64] = {0};
  ck_assert_int_eq(readlink(hpath("box/sub/l"), t, sizeof t - 1), 4);
  ck_assert_str_eq(t, "file");
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("file"), 3, P("sub/hard")), 0);
  ck_assert_str_eq(slurp("box/sub/hard"), "hello");
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("file"), 3, P("sub/hard")), WASI_EEXIST);
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("nope"), 3, P("x")), WASI_ENOENT);
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("sub"), 3, P("x")), WASI_EPERM);
  /* following: links what the symlink names; not following: the link */
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 1, P("in"), 3, P("viafollow")), 0);
  struct stat a, b;
  ck_assert_int_eq(lstat(hpath("box/viafollow"), &a), 0);
  ck_assert_int_eq(stat(hpath("box/sub/inner"), &b), 0);
  ck_assert_uint_eq(a.st_ino, b.st_ino);
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("in"), 3, P("nofollow")), 0);
  ck_assert_int_eq(lstat(hpath("box/nofollow"), &a), 0);
  ck_assert(S_ISLNK(a.st_mode));
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("file"), 3, P("sub/renamed")), 0);
  ck_assert_str_eq(slurp("box/sub/renamed"), "hello");
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("nope"), 3, P("x")), WASI_ENOENT);
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("sub/renamed"), 3, P("y/")), WASI_ENOTDIR);
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("sub"), 3, P("sub/deeper")), WASI_EINVAL);
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("sub"), 4, P("moved/")), 0);
  ck_assert_str_eq(slurp("box2/moved/inner"), "inner");
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, END - 1, 4, 4, P("q")), WASI_EFAULT);
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("in"), 4, END - 1, 4), WASI_EFAULT);
  /* rights on each side */
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 4, WASI_DIR_RIGHTS & ~WR_PATH_RENAME_TARGET, WR_ALL), 0);
  ck_assert_uint_eq(wasi_path_rename(&vm, 3, P("in"), 4, P("in")), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 3, WASI_DIR_RIGHTS & ~WR_PATH_LINK_SOURCE, WR_ALL), 0);
  ck_assert_uint_eq(wasi_path_link(&vm, 3, 0, P("in"), 4, P("in")), WASI_ENOTCAPABLE);
}
END_TEST

Suite *wasi_path_suite(void) {
  Suite *s = suite_create("wasi-path");
  TCase *tc = tcase_create("path");
  tcase_add_checked_fixture(tc, wasi_setup, wasi_teardown);
  tcase_add_loop_test(tc, path_open_errors, 0, 2);
  tcase_add_loop_test(tc, path_dirs, 0, 2);
  tcase_add_loop_test(tc, path_stat_times, 0, 2);
  tcase_add_loop_test(tc, path_links, 0, 2);
  suite_add_tcase(s, tc);
  return s;
}
