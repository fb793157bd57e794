/* wl_internal.h — what the runtime's own files share; not part of the API. */
#ifndef WL_INTERNAL_H
#define WL_INTERNAL_H

#include <setjmp.h>
#include <stdarg.h>

#include "wl_runtime.h"

/* Fill err (kind, printf-style message); returns false for `return wl_fail(...)`. */
bool wl_fail(wl_error *err, wl_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- memory reservations, for the fault handler ---- */
/* True if addr lies in some memory's reservation (incl. its guard). */
bool wl_memory_contains(uintptr_t addr);

/* ---- loaded modules, for the fault handler and backtraces ---- */
/* True if pc lies in the text of a loaded module. */
bool wl_module_text_contains(uintptr_t pc);
/* Name of the Wasm function containing pc, or NULL. Async-signal-safe. */
const char *wl_module_func_name(uintptr_t pc);
/* True if pc is in a module without a name section. Async-signal-safe. */
bool wl_module_names_missing(uintptr_t pc);
void wl_module_ref(wl_module *mod);

/* Target architecture and CPU features of a descriptor against this host. */
bool wl_cpu_check(const wasmso_module_desc *d, wl_error *err);

/* ---- link errors in words (wl_link_text.c) ---- */
/* What im expects, e.g. "func (i32) -> i64", "global mut i32". */
void wl_import_text(const wasmso_module_desc *d, const wasmso_import *im, char *buf, size_t size);
/* What ex is, in the same words. */
void wl_extern_text(const wl_extern *ex, char *buf, size_t size);

/* ---- canonical types ---- */
bool wl_type_lookup(uint32_t id, const uint8_t **params, uint32_t *nparams,
                    const uint8_t **results, uint32_t *nresults);
uint32_t wl_functype_id(const wasmso_functype *t);

/* ---- instances ---- */
struct wl_seg_elem { void **items; uint32_t count; };
struct wl_seg_data { const uint8_t *bytes; uint64_t size; };

struct wl_instance {
  wasmso_vmctx vmctx;               /* first: vmctx->host points back here */
  wl_module *mod;
  const wasmso_module_desc *desc;
  uint32_t nfuncs, ntables, nglobals; /* whole index spaces */
  wasmso_funcref **funcs;
  wasmso_funcref *own_funcs;        /* defined functions, then host imports */
  wasmso_table **tables;
  uint8_t *own_table;               /* per index: allocated here */
  wasmso_memory *memory;
  bool own_memory;
  wasmso_global **globals;
  uint8_t *own_global;
  uint32_t *type_ids;
  struct wl_seg_elem *elems;
  struct wl_seg_data *datas;
};

extern const wasmso_runtime wl_runtime_helpers;

/* ---- traps and entry frames ---- */
struct wl_frame {
  sigjmp_buf jb;
  struct wl_frame *prev;
  wl_error *err;
};
/* The innermost entry frame of this thread (NULL outside wl_call). */
struct wl_frame *wl_frame_top(void);
void wl_frame_push(struct wl_frame *f);
void wl_frame_pop(struct wl_frame *f);
/* Record a trap in the innermost frame's error and jump to it.  pc/fp start
 * the backtrace (0 = none); pc is a return address unless pc_exact (a
 * faulting instruction). */
void wl_trap_jump(uint32_t trap, const char *msg, uintptr_t pc, uintptr_t fp, bool pc_exact)
    __attribute__((noreturn));
/* This thread's stack bounds (cached). */
void wl_thread_stack(uintptr_t *lo, uintptr_t *hi);
/* The stack limit generated code checks against, for this thread. */
uintptr_t wl_thread_stack_limit(void);
/* Append "  at NAME" lines for a frame-pointer walk starting at pc/fp. */
void wl_backtrace(char *buf, size_t size, uintptr_t pc, uintptr_t fp, bool pc_exact);

#endif
