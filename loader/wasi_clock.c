/* wasi_clock.c — clocks (realtime, monotonic, process and thread CPU time),
 * random, sched_yield, proc_exit, proc_raise. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/random.h>
#include <time.h>

#include "wasi_internal.h"

bool wasi_clock_of(uint32_t id, clockid_t *c) {
  static const clockid_t map[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID};
  if (id >= 4) return false;
  *c = map[id];
  return true;
}

uint64_t wasi_now(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint32_t wasi_clock_res_get(wasmso_vmctx *vm, uint32_t id, uint32_t res_p) {
  clockid_t c;
  struct timespec ts;
  if (!wasi_clock_of(id, &c)) return WASI_EINVAL;
  uint8_t *p = wasi_mem(vm, res_p, 8);
  if (!p) return WASI_EFAULT;
  if (clock_getres(c, &ts) != 0) return wasi_errno(errno);
  wasi_put64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return WASI_ESUCCESS;
}

uint32_t wasi_clock_time_get(wasmso_vmctx *vm, uint32_t id, uint64_t precision, uint32_t time_p) {
  clockid_t c;
  struct timespec ts;
  if (!wasi_clock_of(id, &c)) return WASI_EINVAL;
  uint8_t *p = wasi_mem(vm, time_p, 8);
  if (!p) return WASI_EFAULT;
  if (clock_gettime(c, &ts) != 0) return wasi_errno(errno);
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
      return wasi_errno(errno);
    }
    done += (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

uint32_t wasi_sched_yield(wasmso_vmctx *vm) {
  sched_yield();
  return WASI_ESUCCESS;
}

void wasi_proc_exit(wasmso_vmctx *vm, uint32_t code) { wl_host_exit(vm, (int)code); }

/* WASI signal numbers (witx "signal") -> host signals. */
static const int host_sig[] = {
  0, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1,
  SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN,
  SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGPOLL, SIGPWR, SIGSYS,
};

/* The guest has no signal handlers: a signal does its default action, on the
 * guest only.  Ignored ones do nothing; stop/continue are not supported for
 * a guest; the rest end the guest with status 128 + the host signal number,
 * as a shell reports a process killed by it. */
uint32_t wasi_proc_raise(wasmso_vmctx *vm, uint32_t sig) {
  if (sig >= sizeof host_sig / sizeof host_sig[0]) return WASI_EINVAL;
  int s = host_sig[sig];
  switch (s) {
  case 0: case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
    return WASI_ESUCCESS;
  case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
    return WASI_ENOTSUP;
  default:
    wl_host_exit(vm, 128 + s);
  }
}
