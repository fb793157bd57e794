/* wasi_env.c — WASI args, environ, clocks, random, proc_exit. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "wasi_internal.h"

static int g_argc, g_envc;
static char *const *g_argv, *const *g_envp;

void wl_wasi_setup(int argc, char *const *argv, int envc, char *const *envp) {
  g_argc = argc;
  g_argv = argv;
  g_envc = envc;
  g_envp = envp;
}

/* Writes n pointers into ptrs[] and the NUL-terminated strings into buf. */
static uint32_t put_strings(wasmso_vmctx *vm, int n, char *const *s, uint32_t ptrs, uint32_t buf) {
  uint64_t total = 0;
  for (int i = 0; i < n; i++) total += strlen(s[i]) + 1;
  uint8_t *p = wasi_mem(vm, ptrs, (uint64_t)n * 4), *b = wasi_mem(vm, buf, total);
  if (!p || !b) return WASI_EFAULT;
  uint32_t off = 0;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(s[i]) + 1;
    memcpy(b + off, s[i], len);
    wasi_put32(p + 4 * i, buf + off);
    off += (uint32_t)len;
  }
  return WASI_ESUCCESS;
}

static uint32_t put_sizes(wasmso_vmctx *vm, int n, char *const *s, uint32_t count_p, uint32_t size_p) {
  uint8_t *c = wasi_mem(vm, count_p, 4), *z = wasi_mem(vm, size_p, 4);
  if (!c || !z) return WASI_EFAULT;
  uint64_t total = 0;
  for (int i = 0; i < n; i++) total += strlen(s[i]) + 1;
  if (total > 0xffffffffu) return WASI_EOVERFLOW;
  wasi_put32(c, (uint32_t)n);
  wasi_put32(z, (uint32_t)total);
  return WASI_ESUCCESS;
}

uint32_t wasi_args_get(wasmso_vmctx *vm, uint32_t argv, uint32_t buf) {
  return put_strings(vm, g_argc, g_argv, argv, buf);
}
uint32_t wasi_args_sizes_get(wasmso_vmctx *vm, uint32_t argc_p, uint32_t size_p) {
  return put_sizes(vm, g_argc, g_argv, argc_p, size_p);
}
uint32_t wasi_environ_get(wasmso_vmctx *vm, uint32_t env, uint32_t buf) {
  return put_strings(vm, g_envc, g_envp, env, buf);
}
uint32_t wasi_environ_sizes_get(wasmso_vmctx *vm, uint32_t count_p, uint32_t size_p) {
  return put_sizes(vm, g_envc, g_envp, count_p, size_p);
}

/* WASI clock ids: realtime, monotonic, process and thread CPU time. */
static bool clock_of(uint32_t id, clockid_t *c) {
  static const clockid_t map[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID};
  if (id >= 4) return false;
  *c = map[id];
  return true;
}

uint32_t wasi_clock_res_get(wasmso_vmctx *vm, uint32_t id, uint32_t res_p) {
  clockid_t c;
  struct timespec ts;
  if (!clock_of(id, &c)) return WASI_EINVAL;
  uint8_t *p = wasi_mem(vm, res_p, 8);
  if (!p) return WASI_EFAULT;
  if (clock_getres(c, &ts) != 0) return WASI_EINVAL;
  wasi_put64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return WASI_ESUCCESS;
}

uint32_t wasi_clock_time_get(wasmso_vmctx *vm, uint32_t id, uint64_t precision, uint32_t time_p) {
  (void)precision;
  clockid_t c;
  struct timespec ts;
  if (!clock_of(id, &c)) return WASI_EINVAL;
  uint8_t *p = wasi_mem(vm, time_p, 8);
  if (!p) return WASI_EFAULT;
  if (clock_gettime(c, &ts) != 0) return WASI_EINVAL;
  wasi_put64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return WASI_ESUCCESS;
}

uint32_t wasi_random_get(wasmso_vmctx *vm, uint32_t buf, uint32_t len) {
  uint8_t *p = wasi_mem(vm, buf, len);
  if (!p) return WASI_EFAULT;
  for (uint32_t done = 0; done < len;) {
    ssize_t n = getrandom(p + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return WASI_EIO;
    }
    done += (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

void wasi_proc_exit(wasmso_vmctx *vm, uint32_t code) { wl_host_exit(vm, (int)code); }

uint32_t wasi_sched_yield(wasmso_vmctx *vm) {
  (void)vm;
  sched_yield();
  return WASI_ESUCCESS;
}
