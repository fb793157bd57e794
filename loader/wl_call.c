/* wl_call.c — calling guest functions from C.  Each call pushes an entry
 * frame on this thread's stack of frames; a trap (fault, runtime helper or
 * host function) jumps back to the innermost one, so host functions may call
 * back into the guest and traps unwind only as far as their own entry. */
#define _GNU_SOURCE
#include <string.h>

#include "wl_internal.h"

bool wl_call(wasmso_funcref *f, const wasmso_value *args, wasmso_value *results, wl_error *err) {
  wl_error local;
  if (!err) err = &local;
  if (!f) {
    wl_fail(err, WL_ERR_TRAP, "%s", wl_trap_message(WASMSO_TRAP_UNINITIALIZED_ELEMENT));
    err->trap = WASMSO_TRAP_UNINITIALIZED_ELEMENT;
    return false;
  }
  if (!f->tramp) return wl_fail(err, WL_ERR_RESOURCE, "function has no trampoline (a host function)");
  if (!wl_traps_init(err)) return false;
  if (f->vmctx) f->vmctx->stack_limit = wl_thread_stack_limit();
  struct wl_frame fr;
  fr.err = err;
  wl_frame_push(&fr);
  if (sigsetjmp(fr.jb, 1)) {
    wl_frame_pop(&fr);
    return false;
  }
  f->tramp(f->fn, f->vmctx, args, results);
  wl_frame_pop(&fr);
  return true;
}
