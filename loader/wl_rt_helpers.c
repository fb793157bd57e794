/* wl_rt_helpers.c — the runtime helpers generated code calls through
 * vmctx->rt, with the spec's bulk-memory semantics: every range is checked
 * in full before anything is written (n = 0 at exactly the end is allowed),
 * copies may overlap, and dropped segments act as empty ones. */
#include <string.h>

#include "wl_internal.h"

static struct wl_instance *inst_of(wasmso_vmctx *vmctx) { return vmctx->host; }

/* Trap from a helper: the backtrace starts at the generated code that
 * called it (its return address and frame pointer). */
#define HELPER_TRAP(trap) \
  wl_trap_jump((trap), NULL, (uintptr_t)__builtin_return_address(0), \
               *(uintptr_t *)__builtin_frame_address(0), false)

__attribute__((noreturn, noinline)) static void rt_trap(wasmso_vmctx *vmctx, uint32_t trap) {
  (void)vmctx;
  HELPER_TRAP(trap);
}


static uint32_t rt_memory_grow(wasmso_vmctx *vmctx, uint32_t delta) {
  if (!vmctx->memory) return 0xffffffffu;
  return wl_memory_grow(vmctx->memory, delta);
}

static bool in_range(uint64_t off, uint64_t n, uint64_t size) { return off + n <= size; }

__attribute__((noinline)) static void rt_memory_init(wasmso_vmctx *vmctx, uint32_t data, uint32_t dst, uint32_t src, uint32_t n) {
  struct wl_instance *in = inst_of(vmctx);
  if (data >= in->desc->ndatas) HELPER_TRAP(WASMSO_TRAP_MEMORY_OOB);
  const struct wl_seg_data *s = &in->datas[data];
  wasmso_memory *m = vmctx->memory;
  if (!m || !in_range(src, n, s->size) || !in_range(dst, n, m->size)) HELPER_TRAP(WASMSO_TRAP_MEMORY_OOB);
  if (n) memcpy(m->base + dst, s->bytes + src, n);
}

static void rt_data_drop(wasmso_vmctx *vmctx, uint32_t data) {
  struct wl_instance *in = inst_of(vmctx);
  if (data < in->desc->ndatas) in->datas[data].size = 0;
}

__attribute__((noinline)) static void rt_memory_copy(wasmso_vmctx *vmctx, uint32_t dst, uint32_t src, uint32_t n) {
  wasmso_memory *m = vmctx->memory;
  if (!m || !in_range(src, n, m->size) || !in_range(dst, n, m->size)) HELPER_TRAP(WASMSO_TRAP_MEMORY_OOB);
  if (n) memmove(m->base + dst, m->base + src, n);
}

__attribute__((noinline)) static void rt_memory_fill(wasmso_vmctx *vmctx, uint32_t dst, uint32_t val, uint32_t n) {
  wasmso_memory *m = vmctx->memory;
  if (!m || !in_range(dst, n, m->size)) HELPER_TRAP(WASMSO_TRAP_MEMORY_OOB);
  if (n) memset(m->base + dst, (int)(val & 0xff), n);
}

static wasmso_table *table_at(wasmso_vmctx *vmctx, uint32_t t) {
  struct wl_instance *in = inst_of(vmctx);
  return t < in->ntables ? in->tables[t] : NULL;
}

__attribute__((noinline)) static void rt_table_init(wasmso_vmctx *vmctx, uint32_t table, uint32_t elem, uint32_t dst, uint32_t src, uint32_t n) {
  struct wl_instance *in = inst_of(vmctx);
  wasmso_table *t = table_at(vmctx, table);
  if (!t || elem >= in->desc->nelems) HELPER_TRAP(WASMSO_TRAP_TABLE_OOB);
  const struct wl_seg_elem *s = &in->elems[elem];
  if (!in_range(src, n, s->count) || !in_range(dst, n, t->size)) HELPER_TRAP(WASMSO_TRAP_TABLE_OOB);
  if (n) memcpy(t->elems + dst, s->items + src, n * sizeof(void *));
}

static void rt_elem_drop(wasmso_vmctx *vmctx, uint32_t elem) {
  struct wl_instance *in = inst_of(vmctx);
  if (elem < in->desc->nelems) in->elems[elem].count = 0;
}

__attribute__((noinline)) static void rt_table_copy(wasmso_vmctx *vmctx, uint32_t dst_table, uint32_t src_table, uint32_t dst, uint32_t src, uint32_t n) {
  wasmso_table *d = table_at(vmctx, dst_table), *s = table_at(vmctx, src_table);
  if (!d || !s || !in_range(src, n, s->size) || !in_range(dst, n, d->size)) HELPER_TRAP(WASMSO_TRAP_TABLE_OOB);
  if (n) memmove(d->elems + dst, s->elems + src, n * sizeof(void *));
}

static uint32_t rt_table_grow(wasmso_vmctx *vmctx, uint32_t table, void *init, uint32_t delta) {
  wasmso_table *t = table_at(vmctx, table);
  return t ? wl_table_grow(t, init, delta) : 0xffffffffu;
}

__attribute__((noinline)) static void rt_table_fill(wasmso_vmctx *vmctx, uint32_t table, uint32_t dst, void *val, uint32_t n) {
  wasmso_table *t = table_at(vmctx, table);
  if (!t || !in_range(dst, n, t->size)) HELPER_TRAP(WASMSO_TRAP_TABLE_OOB);
  for (uint32_t i = 0; i < n; i++) t->elems[dst + i] = val;
}

const wasmso_runtime wl_runtime_helpers = {
  .trap = rt_trap,
  .memory_grow = rt_memory_grow,
  .memory_init = rt_memory_init,
  .data_drop = rt_data_drop,
  .memory_copy = rt_memory_copy,
  .memory_fill = rt_memory_fill,
  .table_init = rt_table_init,
  .elem_drop = rt_elem_drop,
  .table_copy = rt_table_copy,
  .table_grow = rt_table_grow,
  .table_fill = rt_table_fill,
};
