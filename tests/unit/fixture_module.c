/* fixture_module.c — a hand-made stand-in for a wasm2so object, for the
 * loader's unit tests: the descriptor, "generated" functions taking the vmctx
 * first, and trampolines, written in C.  Variants (-D): FIXTURE_BAD_ABI,
 * FIXTURE_ARCH, FIXTURE_CPU, FIXTURE_OOB_DATA make the loader refuse it or
 * fail to instantiate it.
 *
 * Function index space: 0 = import env.add1 (i32)->i32, then the defined
 * functions below.  Globals: 0 = import env.g (i32, const), 1 = defined
 * mutable i32 = global.get 0.  Memory: 1 page, max 2.  Table: funcref 4..8. */
#include <stddef.h>
#include <stdint.h>

#include "wasmso_abi.h"

#define VIS __attribute__((visibility("default")))
#define NOINLINE __attribute__((noinline))

/* Types: 0 () -> i32, 1 (i32 i32) -> i32, 2 (i32) -> i32, 3 () -> () */
static const uint8_t t0[] = {WASMSO_I32};
static const uint8_t t1[] = {WASMSO_I32, WASMSO_I32, WASMSO_I32};
static const uint8_t t2[] = {WASMSO_I32, WASMSO_I32};

typedef uint32_t (*fn0)(wasmso_vmctx *);
typedef uint32_t (*fn1)(wasmso_vmctx *, uint32_t, uint32_t);
typedef uint32_t (*fn2)(wasmso_vmctx *, uint32_t);
typedef void (*fn3)(wasmso_vmctx *);

static void tramp0(void *fn, wasmso_vmctx *vm, const wasmso_value *a, wasmso_value *r) {
  (void)a;
  r[0].i32 = ((fn0)fn)(vm);
}
static void tramp1(void *fn, wasmso_vmctx *vm, const wasmso_value *a, wasmso_value *r) {
  r[0].i32 = ((fn1)fn)(vm, a[0].i32, a[1].i32);
}
static void tramp2(void *fn, wasmso_vmctx *vm, const wasmso_value *a, wasmso_value *r) {
  r[0].i32 = ((fn2)fn)(vm, a[0].i32);
}
static void tramp3(void *fn, wasmso_vmctx *vm, const wasmso_value *a, wasmso_value *r) {
  (void)a;
  (void)r;
  ((fn3)fn)(vm);
}

static uint32_t f_answer(wasmso_vmctx *vm) { (void)vm; return 42; }
static uint32_t f_add(wasmso_vmctx *vm, uint32_t a, uint32_t b) { (void)vm; return a + b; }
NOINLINE static uint32_t f_load(wasmso_vmctx *vm, uint32_t a) {
  return *(volatile uint32_t *)(vm->mem_base + a);
}
static uint32_t f_call_import(wasmso_vmctx *vm, uint32_t a) {
  wasmso_funcref *f = vm->funcs[0];
  return ((fn2)f->fn)(f->vmctx, a);
}
static uint32_t f_div(wasmso_vmctx *vm, uint32_t a, uint32_t b) {
  if (b == 0) vm->rt->trap(vm, WASMSO_TRAP_INT_DIV_ZERO);
  return a / b;
}
NOINLINE static uint32_t f_recurse(wasmso_vmctx *vm, uint32_t n) {
  volatile uint8_t pad[256];
  if ((uintptr_t)__builtin_frame_address(0) < vm->stack_limit) vm->rt->trap(vm, WASMSO_TRAP_STACK_EXHAUSTED);
  pad[0] = (uint8_t)n;
  return f_recurse(vm, n + 1) + pad[0];
}
static uint32_t f_grow(wasmso_vmctx *vm, uint32_t d) { return vm->rt->memory_grow(vm, d); }
static uint32_t f_call_indirect(wasmso_vmctx *vm, uint32_t i) {
  wasmso_table *t = vm->tables[0];
  if (i >= t->size) vm->rt->trap(vm, WASMSO_TRAP_UNDEFINED_ELEMENT);
  wasmso_funcref *f = t->elems[i];
  if (!f) vm->rt->trap(vm, WASMSO_TRAP_UNINITIALIZED_ELEMENT);
  if (f->type_id != vm->type_ids[0]) vm->rt->trap(vm, WASMSO_TRAP_INDIRECT_TYPE);
  return ((fn0)f->fn)(f->vmctx);
}
static uint32_t f_get_g(wasmso_vmctx *vm) { return vm->globals[1]->value.i32; }
static void f_start(wasmso_vmctx *vm) { vm->mem_base[100] = 7; }
/* Passive segments: memory.init 0..3 of data 1 to address a, then drop. */
static uint32_t f_init(wasmso_vmctx *vm, uint32_t a) {
  vm->rt->memory_init(vm, 1, a, 0, 3);
  vm->rt->data_drop(vm, 1);
  return vm->mem_base[a];
}

static uint32_t f_fill(wasmso_vmctx *vm, uint32_t a, uint32_t n) {
  vm->rt->memory_fill(vm, a, 0xab, n);
  return 0;
}

static const wasmso_functype types[] = {
  {0, 1, t0, tramp0}, {2, 1, t1, tramp1}, {1, 1, t2, tramp2}, {0, 0, NULL, tramp3},
};

static const wasmso_import imports[] = {
  {"env", "add1", WASMSO_EXTERN_FUNC, 2, 0, 0, {0, 0, 0, 0}, 3, 4},
  {"env", "g", WASMSO_EXTERN_GLOBAL, WASMSO_I32, 0, 0, {0, 0, 0, 0}, 3, 1},
};

static const wasmso_func funcs[] = {
  {(void *)f_answer, 0, 0, "answer"},            /* 1 */
  {(void *)f_add, 1, 0, "add"},                  /* 2 */
  {(void *)f_load, 2, 0, "load"},                /* 3 */
  {(void *)f_call_import, 2, 0, "call_import"},  /* 4 */
  {(void *)f_div, 1, 0, "div"},                  /* 5 */
  {(void *)f_recurse, 2, 0, "recurse"},          /* 6 */
  {(void *)f_grow, 2, 0, "grow"},                /* 7 */
  {(void *)f_call_indirect, 2, 0, "call_indirect"}, /* 8 */
  {(void *)f_get_g, 0, 0, "get_g"},              /* 9 */
  {(void *)f_start, 3, 0, "start"},              /* 10 */
  {(void *)f_init, 2, 0, "init"},                /* 11 */
  {(void *)f_fill, 1, 0, "fill"},                /* 12 */
};

static const wasmso_table_def tables[] = {{WASMSO_FUNCREF, 0, {4, 8, 1, 0}}};
static const wasmso_limits memories[] = {{1, 2, 1, 0}};
static const wasmso_global_def globals[] = {
  {WASMSO_I32, 1, {WASMSO_CONST_GLOBAL_GET, 0, {0}}},
};

static const wasmso_export exports[] = {
  {"answer", WASMSO_EXTERN_FUNC, 1, 6, 0}, {"add", WASMSO_EXTERN_FUNC, 2, 3, 0},
  {"load", WASMSO_EXTERN_FUNC, 3, 4, 0}, {"call_import", WASMSO_EXTERN_FUNC, 4, 11, 0},
  {"div", WASMSO_EXTERN_FUNC, 5, 3, 0}, {"recurse", WASMSO_EXTERN_FUNC, 6, 7, 0},
  {"grow", WASMSO_EXTERN_FUNC, 7, 4, 0}, {"call_indirect", WASMSO_EXTERN_FUNC, 8, 13, 0},
  {"get_g", WASMSO_EXTERN_FUNC, 9, 5, 0}, {"init", WASMSO_EXTERN_FUNC, 11, 4, 0},
  {"fill", WASMSO_EXTERN_FUNC, 12, 4, 0},
  {"mem", WASMSO_EXTERN_MEMORY, 0, 3, 0}, {"tab", WASMSO_EXTERN_TABLE, 0, 3, 0},
  {"g2", WASMSO_EXTERN_GLOBAL, 1, 2, 0},
};

static const uint8_t hello[] = "hello";
static const uint8_t xyz[] = "xyz";
static const wasmso_data datas[] = {
#ifdef FIXTURE_OOB_DATA
  {WASMSO_SEG_ACTIVE, 0, {WASMSO_CONST_I32, 0, {.i32 = 65534}}, hello, 5},
#else
  {WASMSO_SEG_ACTIVE, 0, {WASMSO_CONST_I32, 0, {.i32 = 16}}, hello, 5},
#endif
  {WASMSO_SEG_PASSIVE, 0, {0, 0, {0}}, xyz, 3},
};

static const wasmso_constexpr elem0[] = {
  {WASMSO_CONST_REF_FUNC, 1, {0}}, {WASMSO_CONST_REF_FUNC, 2, {0}}, {WASMSO_CONST_REF_NULL, WASMSO_FUNCREF, {0}},
};
static const wasmso_elem elems[] = {
  {WASMSO_SEG_ACTIVE, 0, WASMSO_FUNCREF, 3, {WASMSO_CONST_I32, 0, {.i32 = 1}}, elem0},
};

/* The host's own architecture, or (FIXTURE_ARCH) the other one. */
#if defined(__x86_64__) != defined(FIXTURE_ARCH)
#define TRIPLE "x86_64-unknown-linux-gnu"
#else
#define TRIPLE "aarch64-unknown-linux-gnu"
#endif
#if defined(FIXTURE_CPU)
#define FEATURES "+sse4.2,+fma4,+xop"
#else
#define FEATURES "+sse4.2"
#endif

VIS const wasmso_module_desc wasmso_module_descriptor = {
  .magic = WASMSO_MAGIC,
#ifdef FIXTURE_BAD_ABI
  .abi_version = 99,
#else
  .abi_version = WASMSO_ABI_VERSION,
#endif
  .target_triple = TRIPLE,
  .cpu = "x86-64-v2",
  .features = FEATURES,
  .producer = "hand-made fixture",
  .ntypes = 4, .nimports = 2, .nfuncs = 12, .ntables = 1, .nmemories = 1, .nglobals = 1,
  .nexports = sizeof exports / sizeof exports[0], .ndatas = 2, .nelems = 1, .start = 10,
  .types = types, .imports = imports, .funcs = funcs, .tables = tables, .memories = memories,
  .globals = globals, .exports = exports, .datas = datas, .elems = elems,
};
