/* wl_traps.c — turning faults in guest code into Wasm traps.  One handler for
 * SIGSEGV/SIGBUS/SIGFPE/SIGILL on a per-thread alternate stack.  A fault is a
 * trap only if the PC is in a loaded module's text and the address is in a
 * memory reservation (out of bounds) or at this thread's stack bottom (stack
 * exhausted); anything else is a real crash and gets the previous action. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "wl_internal.h"

#define ALT_STACK_SIZE (128u * 1024u)
/* Room left below the limit generated code checks, for host functions and
 * the runtime's own frames. */
#define HOST_STACK_MARGIN (256u * 1024u)

static __thread struct wl_frame *frame_top;
static __thread uintptr_t stack_lo, stack_hi;
static __thread bool thread_ready;

static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static bool installed;
static const int trap_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
static struct sigaction old_actions[4];

struct wl_frame *wl_frame_top(void) { return frame_top; }
void wl_frame_push(struct wl_frame *f) { f->prev = frame_top; frame_top = f; }
void wl_frame_pop(struct wl_frame *f) { frame_top = f->prev; }

void wl_thread_stack(uintptr_t *lo, uintptr_t *hi) {
  if (!stack_hi) {
    pthread_attr_t a;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
      pthread_attr_getstack(&a, &addr, &size);
      pthread_attr_destroy(&a);
    }
    stack_lo = (uintptr_t)addr;
    stack_hi = (uintptr_t)addr + size;
  }
  *lo = stack_lo;
  *hi = stack_hi;
}

uintptr_t wl_thread_stack_limit(void) {
  uintptr_t lo, hi;
  wl_thread_stack(&lo, &hi);
  if (!hi) return 0;
  if (hi - lo <= 2 * HOST_STACK_MARGIN) return lo + (hi - lo) / 2;
  return lo + HOST_STACK_MARGIN;
}

/* ---- backtraces: walk the frame-pointer chain, name PCs in module text ---- */
void wl_backtrace(char *buf, size_t size, uintptr_t pc, uintptr_t fp, bool pc_exact) {
  size_t len = strlen(buf);
  uintptr_t lo, hi;
  wl_thread_stack(&lo, &hi);
  int shown = 0, seen_guest = 0;
  bool no_names = false;
  for (int steps = 0; steps < 64 && shown < 12 && pc; steps++) {
    /* A return address may be the first byte after a noreturn call that
     * ends its function: look up the call instruction instead. */
    uintptr_t at = pc_exact ? pc : pc - 1;
    pc_exact = false;
    if (wl_module_text_contains(at)) {
      const char *name = wl_module_func_name(at);
      seen_guest = 1;
      no_names = no_names || wl_module_names_missing(at);
      if (name && len + 1 < size) {
        int n = snprintf(buf + len, size - len, "%s  at %s", len ? "\n" : "", name);
        if (n > 0) len += (size_t)n < size - len ? (size_t)n : size - len - 1;
        shown++;
      }
    } else if (seen_guest) {
      break; /* back in the host: the guest part of the stack is done */
    }
    /* The next frame record must lie higher on this thread's stack. */
    if (fp < lo || fp + 16 > hi || (fp & 7)) break;
    uintptr_t next_fp = ((uintptr_t *)fp)[0];
    pc = ((uintptr_t *)fp)[1];
    if (next_fp <= fp) break;
    fp = next_fp;
  }
  /* Once, however many frames: why only exports (or none) are named. */
  if (no_names && len + 1 < size)
    snprintf(buf + len, size - len, "%s  (names unavailable: the module has no name section)",
             len ? "\n" : "");
}

void wl_trap_jump(uint32_t trap, const char *msg, uintptr_t pc, uintptr_t fp, bool pc_exact) {
  struct wl_frame *f = frame_top;
  if (!f) {
    fprintf(stderr, "wasmload: trap outside any call: %s\n", msg ? msg : wl_trap_message(trap));
    abort();
  }
  wl_error *err = f->err;
  err->kind = WL_ERR_TRAP;
  err->trap = trap;
  err->exit_code = 0;
  snprintf(err->msg, sizeof err->msg, "%s", msg ? msg : wl_trap_message(trap));
  err->backtrace[0] = 0;
  if (pc) wl_backtrace(err->backtrace, sizeof err->backtrace, pc, fp, pc_exact);
  siglongjmp(f->jb, 1);
}

/* ---- the handler ---- */
static void context_regs(void *uctx, uintptr_t *pc, uintptr_t *fp) {
  ucontext_t *uc = uctx;
#if defined(__x86_64__)
  *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  *fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
#elif defined(__aarch64__)
  *pc = (uintptr_t)uc->uc_mcontext.pc;
  *fp = (uintptr_t)uc->uc_mcontext.regs[29];
#else
  (void)uc;
  *pc = *fp = 0;
#endif
}

static void not_ours(int sig, siginfo_t *si, void *uctx) {
  for (int i = 0; i < 4; i++) {
    if (trap_signals[i] != sig) continue;
    const struct sigaction *old = &old_actions[i];
    if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
      old->sa_sigaction(sig, si, uctx);
      return;
    }
    if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN && old->sa_handler) {
      old->sa_handler(sig);
      return;
    }
  }
  /* Default action: a synchronous fault re-executes and kills the process
   * with the true signal (and a core dump); a sent one is re-raised. */
  signal(sig, SIG_DFL);
  if (si->si_code <= 0) raise(sig);
}

static void handler(int sig, siginfo_t *si, void *uctx) {
  uintptr_t pc, fp;
  context_regs(uctx, &pc, &fp);
  if (!frame_top || si->si_code <= 0 || !wl_module_text_contains(pc)) {
    not_ours(sig, si, uctx);
    return;
  }
  uintptr_t addr = (uintptr_t)si->si_addr;
  uint32_t trap = WASMSO_TRAP_NONE;
  if (sig == SIGSEGV || sig == SIGBUS) {
    uintptr_t lo, hi;
    wl_thread_stack(&lo, &hi);
    if (wl_memory_contains(addr)) trap = WASMSO_TRAP_MEMORY_OOB;
    /* The stack guard, or just below it for a frame bigger than a page. */
    else if (hi && addr < lo + 65536 && addr + (64u << 20) >= lo) trap = WASMSO_TRAP_STACK_EXHAUSTED;
  } else if (sig == SIGFPE) {
    trap = si->si_code == FPE_INTOVF ? WASMSO_TRAP_INT_OVERFLOW : WASMSO_TRAP_INT_DIV_ZERO;
  } else if (sig == SIGILL) {
    trap = WASMSO_TRAP_UNREACHABLE; /* llvm.trap (ud2 / brk) */
  }
  if (trap == WASMSO_TRAP_NONE) {
    not_ours(sig, si, uctx);
    return;
  }
  wl_trap_jump(trap, NULL, pc, fp, true);
}

static void install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  installed = true;
  for (int i = 0; i < 4; i++)
    if (sigaction(trap_signals[i], &sa, &old_actions[i]) != 0) installed = false;
}

bool wl_traps_init(wl_error *err) {
  if (thread_ready) return true;
  pthread_once(&install_once, install);
  if (!installed) return wl_fail(err, WL_ERR_RESOURCE, "cannot install the fault handler");
  stack_t cur;
  if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE) && cur.ss_size >= ALT_STACK_SIZE) {
    thread_ready = true; /* someone already gave this thread a big enough one */
  } else {
    /* Per thread; lives as long as the thread (not freed: threads that ran
     * guest code are few). */
    stack_t ss = {.ss_sp = malloc(ALT_STACK_SIZE), .ss_size = ALT_STACK_SIZE, .ss_flags = 0};
    if (!ss.ss_sp || sigaltstack(&ss, NULL) != 0) {
      free(ss.ss_sp);
      return wl_fail(err, WL_ERR_RESOURCE, "cannot set up the signal stack");
    }
    thread_ready = true;
  }
  uintptr_t lo, hi;
  wl_thread_stack(&lo, &hi);
  return true;
}

void wl_host_trap(wasmso_vmctx *vmctx, uint32_t trap, const char *msg) {
  (void)vmctx;
  wl_trap_jump(trap, msg, (uintptr_t)__builtin_return_address(0),
               *(uintptr_t *)__builtin_frame_address(0), false);
}

void wl_host_exit(wasmso_vmctx *vmctx, int code) {
  (void)vmctx;
  struct wl_frame *f = frame_top;
  if (!f) exit(code);
  f->err->kind = WL_ERR_EXIT;
  f->err->exit_code = code;
  f->err->trap = WASMSO_TRAP_NONE;
  snprintf(f->err->msg, sizeof f->err->msg, "exit with status %d", code);
  f->err->backtrace[0] = 0;
  siglongjmp(f->jb, 1);
}
