/* wl_runtime.h — the runtime core: load a wasm2so shared object, instantiate
 * it against imports, call its exports, turn faults into Wasm traps.  Used by
 * wasmload and, in-process, by the spec runner.  Prefix: wl_. */
#ifndef WL_RUNTIME_H
#define WL_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasmso_abi.h"

typedef enum wl_error_kind {
  WL_OK = 0,
  WL_ERR_LOAD,          /* not a wasm2so .so, wrong ABI version, wrong architecture, missing CPU features */
  WL_ERR_LINK,          /* an import is missing or has the wrong type (spec: assert_unlinkable) */
  WL_ERR_TRAP,          /* a trap, during instantiation (assert_uninstantiable) or a call (assert_trap) */
  WL_ERR_EXIT,          /* the guest called proc_exit; exit_code holds its status */
  WL_ERR_RESOURCE,      /* out of memory or address space */
} wl_error_kind;

typedef struct wl_error {
  wl_error_kind kind;
  uint32_t trap;        /* enum wasmso_trap when kind == WL_ERR_TRAP */
  int exit_code;        /* when kind == WL_ERR_EXIT */
  char msg[2048];       /* the spec's trap wording, or what is wrong */
  char backtrace[1024]; /* Wasm function names, innermost first, one per line (may be empty) */
} wl_error;

const char *wl_trap_message(uint32_t trap);
/* "i32", "funcref", ... for a wasmso_valtype ("?" for another value). */
const char *wl_valtype_name(uint32_t t);

/* ---- host objects ---- */
/* A memory for code that relies on guard regions (WASMSO_MEMORY_GUARDED):
 * about 8 GiB of address space; the host's and the tests' memories. */
wasmso_memory *wl_memory_new(uint32_t min_pages, uint32_t max_pages, bool has_max, wl_error *err);
/* A memory for code of the given enum wasmso_memory_mode: WASMSO_MEMORY_CHECKED
 * reserves only its maximum, capped by the limit (wl_memory_set_limit). */
wasmso_memory *wl_memory_new_mode(uint32_t min_pages, uint32_t max_pages, bool has_max,
                                  uint32_t mode, wl_error *err);
/* Whether m has the guard regions unchecked code needs. */
bool wl_memory_guarded(const wasmso_memory *m);
void wl_memory_free(wasmso_memory *m);
/* memory.grow: old size in pages, or 0xffffffff (beyond max or the limit). */
uint32_t wl_memory_grow(wasmso_memory *m, uint32_t delta_pages);
/* Process-wide cap on any memory's size (wasmload --max-memory); default 4 GiB. */
void wl_memory_set_limit(uint64_t max_bytes);
wasmso_table *wl_table_new(uint8_t elem_type, uint32_t min, uint32_t max, bool has_max, wl_error *err);
void wl_table_free(wasmso_table *t);
/* table.grow: old size, or 0xffffffff (beyond max or an implementation limit). */
uint32_t wl_table_grow(wasmso_table *t, void *init, uint32_t delta);
wasmso_global *wl_global_new(uint8_t type, bool mut, wasmso_value init);
void wl_global_free(wasmso_global *g);

/* Canonical, process-wide id of a signature (params then results). */
uint32_t wl_type_id(const uint8_t *params, uint32_t nparams, const uint8_t *results, uint32_t nresults);
/* The same for a host function's signature spelt as strings, one letter per
 * value: 'i' i32, 'I' i64, 'f' f32, 'd' f64 (at most 32 params, 4 results). */
uint32_t wl_sig_type_id(const char *params, const char *results);

/* ---- externs ---- */
typedef struct wl_extern {
  uint8_t kind;                     /* enum wasmso_extern_kind */
  union {
    struct {
      wasmso_funcref *ref;          /* an instance's function (from wl_instance_export) */
      /* or a host function: ref == NULL, host_fn called as host_fn(vmctx of
       * the importing instance, params...), with signature type_id. */
      void *host_fn;
      uint32_t type_id;
    } func;
    wasmso_table *table;
    wasmso_memory *memory;
    wasmso_global *global;
  } u;
} wl_extern;

/* Resolve one import; return false if there is no such import.  Names are
 * NUL-terminated but Wasm names may contain NUL bytes: compare with the lengths. */
typedef bool (*wl_resolver)(void *user, const char *module, size_t module_len,
                            const char *name, size_t name_len, uint8_t kind, wl_extern *out);

/* A table of host functions for one import module, and the resolver body
 * they share (wl_wasi_resolve, wl_compat_resolve): the function named `name`
 * of module `want`, with its signature spelt as for wl_sig_type_id. */
typedef struct wl_host_fn {
  const char *name;
  void *fn;
  const char *params, *results;
} wl_host_fn;
bool wl_resolve_host(const char *want, const wl_host_fn *fns, size_t nfns, const char *module,
                     size_t module_len, const char *name, size_t name_len, uint8_t kind,
                     wl_extern *out);

/* ---- modules and instances ---- */
typedef struct wl_module wl_module;
typedef struct wl_instance wl_instance;

/* dlopen a .so and check it: descriptor present, magic, ABI version (first),
 * target architecture, CPU features. */
wl_module *wl_module_open(const char *path, wl_error *err);
const wasmso_module_desc *wl_module_desc(const wl_module *mod);
void wl_module_close(wl_module *mod);   /* after every instance of it is freed */

/* Link imports (type-checked as the spec's import matching), allocate memory,
 * tables and globals, initialise segments in the spec's order, run the start
 * function.  On failure returns NULL with err (LINK, TRAP, RESOURCE).  Per the
 * spec, segment writes done before a trapping segment remain visible in
 * imported memories/tables. */
wl_instance *wl_instantiate(wl_module *mod, wl_resolver resolve, void *user, wl_error *err);
void wl_instance_free(wl_instance *inst);
wasmso_vmctx *wl_instance_vmctx(wl_instance *inst);

bool wl_instance_export(wl_instance *inst, const char *name, wl_extern *out);
/* The same for a name of name_len bytes (which may contain NUL bytes). */
bool wl_instance_export_n(wl_instance *inst, const char *name, size_t name_len, wl_extern *out);
/* The signature of a function export (params then results, as valtypes). */
bool wl_func_signature(const wasmso_funcref *f, const uint8_t **params, uint32_t *nparams,
                       const uint8_t **results, uint32_t *nresults);

/* Call a function with args/results as wasmso_value slots.  Returns false with
 * err (TRAP, EXIT) if the call trapped or exited; the instance stays usable. */
bool wl_call(wasmso_funcref *f, const wasmso_value *args, wasmso_value *results, wl_error *err);

/* Install the fault handler (alternate stack) for this thread; idempotent.
 * wl_call does it itself. */
bool wl_traps_init(wl_error *err);

/* Host functions that need the trap machinery: raise a trap from inside a host
 * function called by guest code (e.g. an out-of-bounds WASI pointer). */
void wl_host_trap(wasmso_vmctx *vmctx, uint32_t trap, const char *msg) __attribute__((noreturn));
/* Leave the guest with exit status code (WASI proc_exit). */
void wl_host_exit(wasmso_vmctx *vmctx, int code) __attribute__((noreturn));

#endif
