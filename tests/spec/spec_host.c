/* spec_host.c — the "spectest" host module the spec scripts import from:
 * no-op print functions, four immutable globals, a table and a memory.  One
 * instance per script, shared by every module of it (as in the reference
 * interpreter). */
#include <stdlib.h>
#include <string.h>

#include "spec.h"

/* Host functions are called as fn(vmctx, params...). */
static void print_none(wasmso_vmctx *c) { (void)c; }
static void print_i32(wasmso_vmctx *c, uint32_t a) { (void)c; (void)a; }
static void print_i64(wasmso_vmctx *c, uint64_t a) { (void)c; (void)a; }
static void print_f32(wasmso_vmctx *c, float a) { (void)c; (void)a; }
static void print_f64(wasmso_vmctx *c, double a) { (void)c; (void)a; }
static void print_i32_f32(wasmso_vmctx *c, uint32_t a, float b) { (void)c; (void)a; (void)b; }
static void print_f64_f64(wasmso_vmctx *c, double a, double b) { (void)c; (void)a; (void)b; }

static const struct {
  const char *name;
  void *fn;
  uint8_t nparams;
  uint8_t params[2];
} host_funcs[] = {
  { "print", (void *)print_none, 0, { 0 } },
  { "print_i32", (void *)print_i32, 1, { WASMSO_I32 } },
  { "print_i64", (void *)print_i64, 1, { WASMSO_I64 } },
  { "print_f32", (void *)print_f32, 1, { WASMSO_F32 } },
  { "print_f64", (void *)print_f64, 1, { WASMSO_F64 } },
  { "print_i32_f32", (void *)print_i32_f32, 2, { WASMSO_I32, WASMSO_F32 } },
  { "print_f64_f64", (void *)print_f64_f64, 2, { WASMSO_F64, WASMSO_F64 } },
};
#define NFUNCS (sizeof host_funcs / sizeof host_funcs[0])

static const char *const global_names[4] = { "global_i32", "global_i64", "global_f32", "global_f64" };

struct spec_host {
  wasmso_global *globals[4];
  wasmso_table *table;
  wasmso_memory *memory;
};

spec_host *spec_host_new(wl_error *err) {
  spec_host *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  wasmso_value v;
  memset(&v, 0, sizeof v); v.i32 = 666;
  h->globals[0] = wl_global_new(WASMSO_I32, false, v);
  memset(&v, 0, sizeof v); v.i64 = 666;
  h->globals[1] = wl_global_new(WASMSO_I64, false, v);
  memset(&v, 0, sizeof v); v.f32 = 666.6f;
  h->globals[2] = wl_global_new(WASMSO_F32, false, v);
  memset(&v, 0, sizeof v); v.f64 = 666.6;
  h->globals[3] = wl_global_new(WASMSO_F64, false, v);
  h->table = wl_table_new(WASMSO_FUNCREF, 10, 20, true, err);
  h->memory = h->table ? wl_memory_new(1, 2, true, err) : NULL;
  if (!h->globals[0] || !h->globals[1] || !h->globals[2] || !h->globals[3] || !h->memory) {
    spec_host_free(h);
    return NULL;
  }
  return h;
}

void spec_host_free(spec_host *h) {
  if (!h) return;
  for (int i = 0; i < 4; i++)
    if (h->globals[i]) wl_global_free(h->globals[i]);
  if (h->table) wl_table_free(h->table);
  if (h->memory) wl_memory_free(h->memory);
  free(h);
}

/* A name that exists with another kind is not found: the import is unlinkable. */
bool spec_host_resolve(spec_host *h, const char *name, uint8_t kind, wl_extern *out) {
  memset(out, 0, sizeof *out);
  out->kind = kind;
  switch (kind) {
  case WASMSO_EXTERN_FUNC:
    for (size_t i = 0; i < NFUNCS; i++) {
      if (strcmp(name, host_funcs[i].name) != 0) continue;
      out->u.func.ref = NULL;
      out->u.func.host_fn = host_funcs[i].fn;
      out->u.func.type_id = wl_type_id(host_funcs[i].params, host_funcs[i].nparams, NULL, 0);
      return true;
    }
    return false;
  case WASMSO_EXTERN_GLOBAL:
    for (int i = 0; i < 4; i++) {
      if (strcmp(name, global_names[i]) != 0) continue;
      out->u.global = h->globals[i];
      return true;
    }
    return false;
  case WASMSO_EXTERN_TABLE:
    if (strcmp(name, "table") != 0) return false;
    out->u.table = h->table;
    return true;
  case WASMSO_EXTERN_MEMORY:
    if (strcmp(name, "memory") != 0) return false;
    out->u.memory = h->memory;
    return true;
  default:
    return false;
  }
}
