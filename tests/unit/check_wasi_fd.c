/* check_wasi_fd.c — fd_* functions on files opened through a preopen:
 * I/O, positions, stat, sizes and times, flags, rights, renumber/close,
 * readdir, and EFAULT for every guest pointer out of bounds. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_wasi.h"

#define ALL WR_ALL
#define END 65536u /* the memory's size: one page */

/* one iovec at 64 -> {ptr, len} */
static void iov(uint32_t ptr, uint32_t len) {
  wasi_put32(mem->base + 64, ptr);
  wasi_put32(mem->base + 68, len);
}

START_TEST(fd_io) {
  int fd = gopen(3, 1, "new.txt", WASI_O_CREAT | WASI_O_EXCL, ALL);
  ck_assert_int_eq(fd, 5);
  memcpy(mem->base + 256, "abcdef", 6);
  iov(256, 6);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 6);
  ck_assert_str_eq(slurp("box/new.txt"), "abcdef");
  ck_assert_uint_eq(wasi_fd_tell(&vm, 5, 16), 0);
  ck_assert_uint_eq(wasi_get64(mem->base + 16), 6);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, (uint64_t)-4, 1, 16), 0);
  ck_assert_uint_eq(wasi_get64(mem->base + 16), 2);
  iov(300, 10);
  ck_assert_uint_eq(wasi_fd_read(&vm, 5, 64, 1, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 4);
  ck_assert(!memcmp(mem->base + 300, "cdef", 4));
  /* positional I/O leaves the offset alone */
  memcpy(mem->base + 256, "XY", 2);
  iov(256, 2);
  ck_assert_uint_eq(wasi_fd_pwrite(&vm, 5, 64, 1, 1, 8), 0);
  iov(400, 3);
  ck_assert_uint_eq(wasi_fd_pread(&vm, 5, 64, 1, 0, 8), 0);
  ck_assert(!memcmp(mem->base + 400, "aXY", 3));
  ck_assert_uint_eq(wasi_fd_tell(&vm, 5, 16), 0);
  ck_assert_uint_eq(wasi_get64(mem->base + 16), 6);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, 0, 2, 16), 0);
  ck_assert_uint_eq(wasi_get64(mem->base + 16), 6);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, 0, 3, 16), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, (uint64_t)-100, 0, 16), WASI_EINVAL);
  /* bounds */
  iov(END - 2, 3);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_read(&vm, 5, 64, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_pread(&vm, 5, 64, 1, 0, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_pwrite(&vm, 5, 64, 1, 0, 8), WASI_EFAULT);
  iov(END, 0); /* empty at the very end: fine */
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, 8), 0);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, END - 4, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 0x20000000u, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, END - 3), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_tell(&vm, 5, END - 7), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, 0, 0, 0xffffffffu), WASI_EFAULT);
  ck_assert_str_eq(slurp("box/new.txt"), "aXYdef");
  /* bad fds */
  ck_assert_uint_eq(wasi_fd_write(&vm, 99, 64, 1, 8), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_read(&vm, 0xffffffffu, 64, 1, 8), WASI_EBADF);
  /* a directory is not readable as a file */
  iov(300, 4);
  ck_assert_uint_eq(wasi_fd_read(&vm, 3, 64, 1, 8), WASI_ENOTCAPABLE);
}
END_TEST

START_TEST(fd_stat_size_times) {
  int fd = gopen(3, 1, "file", 0, ALL);
  ck_assert_int_eq(fd, 5);
  ck_assert_uint_eq(wasi_fd_filestat_get(&vm, 5, 128), 0);
  struct stat st;
  ck_assert_int_eq(stat(hpath("box/file"), &st), 0);
  ck_assert_uint_eq(wasi_get64(mem->base + 128), st.st_dev);
  ck_assert_uint_eq(wasi_get64(mem->base + 136), st.st_ino);
  ck_assert_uint_eq(mem->base[144], WASI_FT_REG);
  ck_assert_uint_eq(wasi_get64(mem->base + 152), 1);
  ck_assert_uint_eq(wasi_get64(mem->base + 160), 5);
  ck_assert_uint_eq(wasi_fd_filestat_get(&vm, 5, END - 63), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_filestat_set_size(&vm, 5, 2), 0);
  ck_assert_str_eq(slurp("box/file"), "he");
  ck_assert_uint_eq(wasi_fd_filestat_set_size(&vm, 5, (uint64_t)1 << 63), WASI_EINVAL);
  uint64_t t = 1000000000ull * 1234567 + 89;
  ck_assert_uint_eq(wasi_fd_filestat_set_times(&vm, 5, t, t + 1, WASI_FST_ATIM | WASI_FST_MTIM), 0);
  ck_assert_int_eq(stat(hpath("box/file"), &st), 0);
  ck_assert_int_eq(st.st_atim.tv_sec, 1234567);
  ck_assert_int_eq(st.st_atim.tv_nsec, 89);
  ck_assert_int_eq(st.st_mtim.tv_nsec, 90);
  ck_assert_uint_eq(wasi_fd_filestat_set_times(&vm, 5, 0, 0, WASI_FST_ATIM | WASI_FST_ATIM_NOW), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_filestat_set_times(&vm, 5, 0, 0, 16), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_allocate(&vm, 5, 0, 4096), 0);
  ck_assert_int_eq(stat(hpath("box/file"), &st), 0);
  ck_assert_int_eq(st.st_size, 4096);
  ck_assert_uint_eq(wasi_fd_advise(&vm, 5, 0, 0, 1), 0);
  ck_assert_uint_eq(wasi_fd_advise(&vm, 5, 0, 0, 6), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_datasync(&vm, 5), 0);
  ck_assert_uint_eq(wasi_fd_sync(&vm, 5), 0);
  ck_assert_uint_eq(wasi_fd_sync(&vm, 77), WASI_EBADF);
}
END_TEST

START_TEST(fd_fdstat_rights) {
  /* fdstat of the preopen */
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 3, 32), 0);
  ck_assert_uint_eq(mem->base[32], WASI_FT_DIR);
  ck_assert_uint_eq(wasi_get64(mem->base + 40), WASI_DIR_RIGHTS);
  ck_assert_uint_eq(wasi_get64(mem->base + 48), WR_ALL);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 3, END - 23), WASI_EFAULT);
  /* a read-only open gets no write right and cannot write */
  int fd = gopen(3, 1, "file", 0, WR_FD_READ | WR_FD_SEEK | WR_FD_TELL);
  ck_assert_int_eq(fd, 5);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 5, 32), 0);
  ck_assert_uint_eq(mem->base[32], WASI_FT_REG);
  ck_assert_uint_eq(wasi_get64(mem->base + 40), WR_FD_READ | WR_FD_SEEK | WR_FD_TELL);
  iov(256, 1);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, 8), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_filestat_set_size(&vm, 5, 0), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_filestat_get(&vm, 5, 128), WASI_ENOTCAPABLE);
  /* rights shrink, never grow */
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 5, WR_FD_READ, 0), 0);
  ck_assert_uint_eq(wasi_fd_seek(&vm, 5, 1, 0, 16), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_tell(&vm, 5, 16), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 5, WR_FD_READ | WR_FD_SEEK, 0), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_read(&vm, 5, 64, 1, 8), 0);
  /* a directory whose inheriting rights lack FD_WRITE hands out no writer */
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 3, WASI_DIR_RIGHTS & ~WR_PATH_CREATE_FILE, WR_ALL & ~WR_FD_WRITE), 0);
  ck_assert_int_eq(gopen(3, 1, "made", WASI_O_CREAT, WR_ALL), -(int)WASI_ENOTCAPABLE);
  fd = gopen(3, 1, "file", 0, WR_ALL);
  ck_assert_int_ge(fd, 6);
  ck_assert_uint_eq(wasi_fd_write(&vm, (uint32_t)fd, 64, 1, 8), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 3, 0, 0), 0);
  ck_assert_int_eq(gopen(3, 1, "file", 0, WR_ALL), -(int)WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_path_create_directory(&vm, 3, P("d")), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_fd_readdir(&vm, 3, 256, 100, 0, 8), WASI_ENOTCAPABLE);
}
END_TEST

START_TEST(fd_flags) {
  int fd = gopen(3, 1, "file", 0, WR_ALL);
  ck_assert_int_eq(fd, 5);
  ck_assert_uint_eq(wasi_fd_fdstat_set_flags(&vm, 5, WASI_FDFLAG_APPEND), 0);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 5, 32), 0);
  ck_assert_uint_eq(wasi_get16(mem->base + 34), WASI_FDFLAG_APPEND);
  memcpy(mem->base + 256, "!", 1);
  iov(256, 1);
  ck_assert_uint_eq(wasi_fd_write(&vm, 5, 64, 1, 8), 0);
  ck_assert_str_eq(slurp("box/file"), "hello!");
  ck_assert_uint_eq(wasi_fd_fdstat_set_flags(&vm, 5, WASI_FDFLAG_SYNC), WASI_ENOTSUP);
  ck_assert_uint_eq(wasi_fd_fdstat_set_flags(&vm, 5, 64), WASI_EINVAL);
  ck_assert_uint_eq(wasi_fd_fdstat_set_flags(&vm, 5, 0), 0);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, 5, 32), 0);
  ck_assert_uint_eq(wasi_get16(mem->base + 34), 0);
  /* opened with DSYNC: reported, and kept */
  ck_assert_uint_eq(wasi_path_open(&vm, 3, 1, P("file"), 0, WR_ALL, WR_ALL, WASI_FDFLAG_DSYNC, 0), 0);
  uint32_t g = wasi_get32(mem->base);
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, g, 32), 0);
  ck_assert_uint_eq(wasi_get16(mem->base + 34), WASI_FDFLAG_DSYNC);
}
END_TEST

START_TEST(fd_renumber_close) {
  int a = gopen(3, 1, "file", 0, ALL), b = gopen(3, 1, "sub/inner", 0, ALL);
  ck_assert_int_eq(a, 5);
  ck_assert_int_eq(b, 6);
  ck_assert_uint_eq(wasi_fd_renumber(&vm, 6, 5), 0);
  iov(300, 5);
  ck_assert_uint_eq(wasi_fd_read(&vm, 5, 64, 1, 8), 0);
  ck_assert(!memcmp(mem->base + 300, "inner", 5));
  ck_assert_uint_eq(wasi_fd_read(&vm, 6, 64, 1, 8), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_renumber(&vm, 5, 40), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_renumber(&vm, 40, 5), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_renumber(&vm, 5, 5), 0);
  ck_assert_uint_eq(wasi_fd_close(&vm, 5), 0);
  ck_assert_uint_eq(wasi_fd_close(&vm, 5), WASI_EBADF);
  /* the lowest free fd is reused */
  ck_assert_int_eq(gopen(3, 1, "file", 0, ALL), 5);
}
END_TEST

START_TEST(fd_prestat) {
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 3, 16), 0);
  ck_assert_uint_eq(mem->base[16], 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 20), 8);
  ck_assert_uint_eq(wasi_fd_prestat_dir_name(&vm, 3, 32, 8), 0);
  ck_assert(!memcmp(mem->base + 32, "/sandbox", 8));
  ck_assert_uint_eq(wasi_fd_prestat_dir_name(&vm, 3, 32, 7), WASI_ENAMETOOLONG);
  ck_assert_uint_eq(wasi_fd_prestat_dir_name(&vm, 3, END - 7, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 3, END - 7), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 4, 16), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 20), 5);
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 5, 16), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_prestat_get(&vm, 1, 16), WASI_EBADF);
}
END_TEST

/* Collect the names fd_readdir reports with a buffer of bufsize, following
 * cookies; returns the count, names joined by ',' into out (sorted order is
 * not promised: the caller checks membership). */
static int readdir_all(uint32_t fd, uint32_t bufsize, char *out) {
  uint64_t cookie = 0;
  int n = 0;
  out[0] = 0;
  for (int rounds = 0; rounds < 100; rounds++) {
    ck_assert_uint_eq(wasi_fd_readdir(&vm, fd, 1024, bufsize, cookie, 8), 0);
    uint32_t used = wasi_get32(mem->base + 8), off = 0;
    while (off + 24 <= used) {
      const uint8_t *e = mem->base + 1024 + off;
      uint32_t nl = wasi_get32(e + 16);
      if (off + 24 + nl > used) break; /* cut short: ask again from cookie */
      strncat(out, (const char *)e + 24, nl);
      strcat(out, ",");
      cookie = wasi_get64(e);
      n++;
      off += 24 + nl;
    }
    if (used < bufsize) return n;
  }
  ck_abort_msg("readdir did not end");
  return -1;
}

START_TEST(fd_readdir) {
  char names[1024];
  for (uint32_t size = 40; size <= 2048; size *= 3) {
    ck_assert_int_eq(readdir_all(3, size, names), 7);
    ck_assert_ptr_nonnull(strstr(names, "file,"));
    ck_assert_ptr_nonnull(strstr(names, "sub,"));
    ck_assert_ptr_nonnull(strstr(names, "abs,"));
    ck_assert_ptr_nonnull(strstr(names, "..,"));
  }
  /* types */
  ck_assert_uint_eq(wasi_fd_readdir(&vm, 3, 1024, 4096, 0, 8), 0);
  uint32_t used = wasi_get32(mem->base + 8);
  int seen = 0;
  for (uint32_t off = 0; off < used;) {
    const uint8_t *e = mem->base + 1024 + off;
    uint32_t nl = wasi_get32(e + 16);
    if (nl == 4 && !memcmp(e + 24, "file", 4)) {
      ck_assert_uint_eq(e[20], WASI_FT_REG);
      seen++;
    }
    if (nl == 3 && !memcmp(e + 24, "sub", 3)) {
      ck_assert_uint_eq(e[20], WASI_FT_DIR);
      seen++;
    }
    if (nl == 3 && !memcmp(e + 24, "out", 3)) {
      ck_assert_uint_eq(e[20], WASI_FT_SYMLINK);
      seen++;
    }
    off += 24 + nl;
  }
  ck_assert_int_eq(seen, 3);
  int sub = gopen(3, 1, "sub", WASI_O_DIRECTORY, ALL);
  ck_assert_int_eq(readdir_all((uint32_t)sub, 100, names), 3);
  ck_assert_uint_eq(wasi_fd_readdir(&vm, 3, END - 10, 11, 0, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_fd_readdir(&vm, 3, 1024, 10, 0, END - 2), WASI_EFAULT);
  int f = gopen(3, 1, "file", 0, ALL);
  ck_assert_uint_eq(wasi_fd_readdir(&vm, (uint32_t)f, 1024, 100, 0, 8), WASI_ENOTCAPABLE);
}
END_TEST

Suite *wasi_fd_suite(void) {
  Suite *s = suite_create("wasi-fd");
  TCase *tc = tcase_create("fd");
  tcase_add_checked_fixture(tc, wasi_setup, wasi_teardown);
  tcase_add_test(tc, fd_io);
  tcase_add_test(tc, fd_stat_size_times);
  tcase_add_test(tc, fd_fdstat_rights);
  tcase_add_test(tc, fd_flags);
  tcase_add_test(tc, fd_renumber_close);
  tcase_add_test(tc, fd_prestat);
  tcase_add_test(tc, fd_readdir);
  suite_add_tcase(s, tc);
  return s;
}
