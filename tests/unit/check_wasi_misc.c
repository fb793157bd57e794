/* check_wasi_misc.c — poll_oneoff, sockets, the environment configuration,
 * clocks, proc_raise and the import table. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "check_wasi.h"

#define END 65536u /* the memory's size: one page */

static uint64_t mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* subscription i at 1024 + 48 i */
static void sub_clock(int i, uint64_t ud, uint32_t id, uint64_t timeout, uint16_t flags) {
  uint8_t *p = mem->base + 1024 + 48 * i;
  memset(p, 0, 48);
  wasi_put64(p, ud);
  p[8] = 0;
  wasi_put32(p + 16, id);
  wasi_put64(p + 24, timeout);
  wasi_put16(p + 40, flags);
}
static void sub_fd(int i, uint64_t ud, uint8_t type, uint32_t fd) {
  uint8_t *p = mem->base + 1024 + 48 * i;
  memset(p, 0, 48);
  wasi_put64(p, ud);
  p[8] = type;
  wasi_put32(p + 16, fd);
}
/* event i at 2048 + 32 i */
static const uint8_t *ev(int i) { return mem->base + 2048 + 32 * i; }

START_TEST(poll_clock) {
  sub_clock(0, 77, 1, 20000000, 0); /* 20 ms */
  uint64_t t0 = mono();
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_ge(mono() - t0, 20000000);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 1);
  ck_assert_uint_eq(wasi_get64(ev(0)), 77);
  ck_assert_uint_eq(wasi_get16(ev(0) + 8), 0);
  ck_assert_uint_eq(ev(0)[10], 0);
  /* absolute realtime in the past: at once; the later one does not fire */
  sub_clock(0, 1, 0, 1000, 1);
  sub_clock(1, 2, 1, 5000000000ull, 0);
  t0 = mono();
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 2, 8), 0);
  ck_assert_uint_lt(mono() - t0, 1000000000ull);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 1);
  ck_assert_uint_eq(wasi_get64(ev(0)), 1);
  /* an unknown clock is an event error, a CPU-time clock unsupported */
  sub_clock(0, 5, 9, 0, 0);
  sub_clock(1, 6, 2, 1000, 0);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 2, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 2);
  ck_assert_uint_eq(wasi_get16(ev(0) + 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_get16(ev(1) + 8), WASI_ENOTSUP);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 0, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, END - 47, 2048, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, END - 31, 1, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, END - 3), WASI_EFAULT);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 0x10000000u, 8), WASI_EFAULT);
  sub_fd(0, 1, 7, 1);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), WASI_EINVAL);
}
END_TEST

START_TEST(poll_fds) {
  int sv[2];
  ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  uint32_t g;
  ck_assert_uint_eq(wasi_fd_install(sv[0], WASI_FT_STREAM, wasi_rights_for(WASI_FT_STREAM), 0, &g), 0);
  ck_assert_uint_eq(g, 5);
  /* nothing to read yet: the clock fires first; writing is possible */
  sub_fd(0, 10, 1, 5);
  sub_clock(1, 11, 1, 10000000, 0);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 2, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 1);
  ck_assert_uint_eq(wasi_get64(ev(0)), 11);
  sub_fd(0, 12, 2, 5);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_eq(wasi_get64(ev(0)), 12);
  ck_assert_uint_eq(ev(0)[10], 2);
  ck_assert_int_eq(write(sv[1], "abc", 3), 3);
  sub_fd(0, 13, 1, 5);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 1);
  ck_assert_uint_eq(wasi_get64(ev(0)), 13);
  ck_assert_uint_eq(ev(0)[10], 1);
  ck_assert_uint_eq(wasi_get64(ev(0) + 16), 3);
  /* the peer hangs up */
  close(sv[1]);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_eq(wasi_get16(ev(0) + 24), 1);
  /* a bad fd and a missing right are per-event errors */
  sub_fd(0, 14, 1, 42);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_eq(wasi_get16(ev(0) + 8), WASI_EBADF);
  ck_assert_uint_eq(wasi_fd_fdstat_set_rights(&vm, 5, WR_FD_READ, 0), 0);
  sub_fd(0, 15, 1, 5);
  ck_assert_uint_eq(wasi_poll_oneoff(&vm, 1024, 2048, 1, 8), 0);
  ck_assert_uint_eq(wasi_get16(ev(0) + 8), WASI_ENOTCAPABLE);
}
END_TEST

static void iov(uint32_t at, uint32_t ptr, uint32_t len) {
  wasi_put32(mem->base + at, ptr);
  wasi_put32(mem->base + at + 4, len);
}

START_TEST(sockets) {
  int sv[2];
  ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  uint32_t g;
  uint64_t r = wasi_rights_for(WASI_FT_STREAM);
  ck_assert_uint_eq(wasi_fd_install(sv[0], WASI_FT_STREAM, r, r, &g), 0);
  memcpy(mem->base + 256, "ping", 4);
  iov(64, 256, 4);
  ck_assert_uint_eq(wasi_sock_send(&vm, g, 64, 1, 0, 8), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 4);
  char buf[8] = {0};
  ck_assert_int_eq(read(sv[1], buf, sizeof buf), 4);
  ck_assert_str_eq(buf, "ping");
  ck_assert_int_eq(write(sv[1], "pong!", 5), 5);
  iov(64, 300, 4);
  ck_assert_uint_eq(wasi_sock_recv(&vm, g, 64, 1, 1 /* peek */, 8, 12), 0);
  ck_assert_uint_eq(wasi_get32(mem->base + 8), 4);
  ck_assert_uint_eq(wasi_sock_recv(&vm, g, 64, 1, 0, 8, 12), 0);
  ck_assert(!memcmp(mem->base + 300, "pong", 4));
  ck_assert_uint_eq(wasi_get16(mem->base + 12), 0);
  ck_assert_uint_eq(wasi_sock_recv(&vm, g, 64, 1, 4, 8, 12), WASI_EINVAL);
  ck_assert_uint_eq(wasi_sock_send(&vm, g, 64, 1, 1, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_sock_recv(&vm, g, 64, 1, 0, 8, END - 1), WASI_EFAULT);
  ck_assert_uint_eq(wasi_sock_send(&vm, g, END - 4, 1, 0, 8), WASI_EFAULT);
  ck_assert_uint_eq(wasi_sock_shutdown(&vm, g, 0), WASI_EINVAL);
  ck_assert_uint_eq(wasi_sock_shutdown(&vm, g, 2), 0);
  ck_assert_int_eq(read(sv[1], buf, sizeof buf), 0); /* EOF */
  close(sv[1]);
  /* not a socket, and lacking the right */
  ck_assert_uint_eq(wasi_fd_install(open("/dev/null", O_RDONLY), WASI_FT_CHAR, r, r, &g), 0);
  ck_assert_uint_eq(wasi_sock_shutdown(&vm, g, 3), WASI_ENOTSOCK);
  ck_assert_uint_eq(wasi_sock_accept(&vm, 3, 0, 8), WASI_ENOTCAPABLE);
  ck_assert_uint_eq(wasi_sock_send(&vm, 3, 64, 1, 0, 8), WASI_ENOTCAPABLE);
}
END_TEST

START_TEST(sock_accept) {
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  snprintf(a.sun_path, sizeof a.sun_path, "%s", hpath("sock"));
  ck_assert_int_eq(bind(l, (struct sockaddr *)&a, sizeof a), 0);
  ck_assert_int_eq(listen(l, 1), 0);
  uint32_t g, c;
  uint64_t r = wasi_rights_for(WASI_FT_STREAM);
  ck_assert_uint_eq(wasi_fd_install(l, WASI_FT_STREAM, r, r, &g), 0);
  int peer = socket(AF_UNIX, SOCK_STREAM, 0);
  ck_assert_int_eq(connect(peer, (struct sockaddr *)&a, sizeof a), 0);
  ck_assert_uint_eq(wasi_sock_accept(&vm, g, 2, 16), WASI_EINVAL);
  ck_assert_uint_eq(wasi_sock_accept(&vm, g, 0, END - 2), WASI_EFAULT);
  ck_assert_uint_eq(wasi_sock_accept(&vm, g, 0, 16), 0);
  c = wasi_get32(mem->base + 16);
  ck_assert_uint_ne(c, g);
  ck_assert_int_eq(write(peer, "hi", 2), 2);
  iov(64, 300, 2);
  ck_assert_uint_eq(wasi_fd_read(&vm, c, 64, 1, 8), 0);
  ck_assert(!memcmp(mem->base + 300, "hi", 2));
  ck_assert_uint_eq(wasi_fd_fdstat_get(&vm, c, 32), 0);
  ck_assert_uint_eq(mem->base[32], WASI_FT_STREAM);
  /* nothing pending on a non-blocking listener */
  ck_assert_uint_eq(wasi_fd_fdstat_set_flags(&vm, g, WASI_FDFLAG_NONBLOCK), 0);
  ck_assert_uint_eq(wasi_sock_accept(&vm, g, WASI_FDFLAG_NONBLOCK, 16), WASI_EAGAIN);
  close(peer);
}
END_TEST

static int env_count(void) {
  ck_assert_uint_eq(wasi_environ_sizes_get(&vm, 0, 4), 0);
  return (int)wasi_get32(mem->base);
}

static const char *env_at(int i) {
  ck_assert_uint_eq(wasi_environ_get(&vm, 8192, 16384), 0);
  return (const char *)mem->base + wasi_get32(mem->base + 8192 + 4 * i);
}

START_TEST(environment) {
  wl_error err;
  ck_assert_int_eq(env_count(), 0); /* nothing inherited by default */
  ck_assert(wl_wasi_env_add("B=1", &err));
  ck_assert(wl_wasi_env_add("WASI_T_HOST=mine", &err));
  ck_assert(wl_wasi_env_add("B=2", &err));
  ck_assert(!wl_wasi_env_add("=x", &err));
  ck_assert(!wl_wasi_env_add("noeq", &err));
  ck_assert_int_eq(env_count(), 2);
  ck_assert_str_eq(env_at(0), "B=2");
  ck_assert_str_eq(env_at(1), "WASI_T_HOST=mine");
  extern char **environ;
  clearenv();
  setenv("FIRST", "f", 1);
  setenv("WASI_T_HOST", "host", 1);
  setenv("LAST", "l", 1);
  ck_assert(wl_wasi_env_inherit(&err));
  ck_assert_int_eq(env_count(), 4);
  const char *want[] = {"FIRST=f", "WASI_T_HOST=mine", "LAST=l", "B=2"};
  for (int i = 0; i < 4; i++) ck_assert_str_eq(env_at(i), want[i]);
  ck_assert(wl_wasi_env_add("LAST=L", &err));
  ck_assert_str_eq(env_at(2), "LAST=L");
  ck_assert_uint_eq(wasi_environ_get(&vm, END - 4, 16384), WASI_EFAULT);
  ck_assert_uint_eq(wasi_environ_get(&vm, 8192, END - 10), WASI_EFAULT);
  /* args are copied */
  char a0[] = "prog", a1[] = "x";
  char *argv[] = {a0, a1};
  ck_assert(wl_wasi_set_args(2, argv, &err));
  a1[0] = 'y';
  ck_assert_uint_eq(wasi_args_get(&vm, 8192, 16384), 0);
  ck_assert_str_eq((char *)mem->base + wasi_get32(mem->base + 8196), "x");
  wl_wasi_reset();
  ck_assert_int_eq(env_count(), 0);
}
END_TEST

START_TEST(clocks_raise) {
  for (uint32_t id = 0; id < 4; id++) {
    ck_assert_uint_eq(wasi_clock_res_get(&vm, id, 8), 0);
    ck_assert_uint_gt(wasi_get64(mem->base + 8), 0);
    ck_assert_uint_eq(wasi_clock_time_get(&vm, id, 0, 8), 0);
  }
  /* CPU time advances with work */
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 2, 0, 8), 0);
  uint64_t t0 = wasi_get64(mem->base + 8);
  volatile uint64_t x = 0;
  for (int i = 0; i < 20000000; i++) x += (uint64_t)i;
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 3, 0, 16), 0);
  ck_assert_uint_eq(wasi_clock_time_get(&vm, 2, 0, 8), 0);
  ck_assert_uint_gt(wasi_get64(mem->base + 8), t0);
  ck_assert_uint_eq(wasi_clock_res_get(&vm, 4, 8), WASI_EINVAL);
  ck_assert_uint_eq(wasi_clock_res_get(&vm, 0, END - 7), WASI_EFAULT);
  ck_assert_uint_eq(wasi_proc_raise(&vm, 31), WASI_EINVAL);
  ck_assert_uint_eq(wasi_proc_raise(&vm, 0), 0);
  ck_assert_uint_eq(wasi_proc_raise(&vm, 16), 0); /* SIGCHLD: ignored */
  ck_assert_uint_eq(wasi_proc_raise(&vm, 18), WASI_ENOTSUP);
  ck_assert_uint_eq(wasi_sched_yield(&vm), 0);
}
END_TEST

/* Every preview1 function resolves, with its signature. */
START_TEST(import_table) {
  static const struct { const char *name, *sig; } fns[] = {
    {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"}, {"environ_sizes_get", "ii"},
    {"clock_res_get", "ii"}, {"clock_time_get", "iIi"}, {"fd_advise", "iIIi"}, {"fd_allocate", "iII"},
    {"fd_close", "i"}, {"fd_datasync", "i"}, {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"},
    {"fd_fdstat_set_rights", "iII"}, {"fd_filestat_get", "ii"}, {"fd_filestat_set_size", "iI"},
    {"fd_filestat_set_times", "iIIi"}, {"fd_pread", "iiiIi"}, {"fd_prestat_get", "ii"},
    {"fd_prestat_dir_name", "iii"}, {"fd_pwrite", "iiiIi"}, {"fd_read", "iiii"}, {"fd_readdir", "iiiIi"},
    {"fd_renumber", "ii"}, {"fd_seek", "iIii"}, {"fd_sync", "i"}, {"fd_tell", "ii"}, {"fd_write", "iiii"},
    {"path_create_directory", "iii"}, {"path_filestat_get", "iiiii"}, {"path_filestat_set_times", "iiiiIIi"},
    {"path_link", "iiiiiii"}, {"path_open", "iiiiiIIii"}, {"path_readlink", "iiiiii"},
    {"path_remove_directory", "iii"}, {"path_rename", "iiiiii"}, {"path_symlink", "iiiii"},
    {"path_unlink_file", "iii"}, {"poll_oneoff", "iiii"}, {"proc_raise", "i"}, {"random_get", "ii"},
    {"sched_yield", ""}, {"sock_accept", "iii"}, {"sock_recv", "iiiiii"}, {"sock_send", "iiiii"},
    {"sock_shutdown", "ii"},
  };
  const uint8_t res[] = {WASMSO_I32};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    wl_extern ex;
    ck_assert_msg(wl_wasi_resolve(NULL, "wasi_snapshot_preview1", 22, fns[i].name, strlen(fns[i].name),
                                  WASMSO_EXTERN_FUNC, &ex), "%s", fns[i].name);
    uint8_t ps[16];
    uint32_t n = 0;
    for (const char *c = fns[i].sig; *c; c++) ps[n++] = *c == 'I' ? WASMSO_I64 : WASMSO_I32;
    ck_assert_msg(ex.u.func.type_id == wl_type_id(ps, n, res, 1), "%s", fns[i].name);
  }
}
END_TEST

Suite *wasi_misc_suite(void) {
  Suite *s = suite_create("wasi-misc");
  TCase *tc = tcase_create("misc");
  tcase_add_checked_fixture(tc, wasi_setup, wasi_teardown);
  tcase_add_test(tc, poll_clock);
  tcase_add_test(tc, poll_fds);
  tcase_add_test(tc, sockets);
  tcase_add_test(tc, sock_accept);
  tcase_add_test(tc, environment);
  tcase_add_test(tc, clocks_raise);
  tcase_add_test(tc, import_table);
  suite_add_tcase(s, tc);
  return s;
}
