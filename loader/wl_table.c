/* wl_table.c — tables of funcrefs or externrefs (NULL = null).  elems grows
 * by realloc; generated code reloads it after any call that may grow. */
#include <stdlib.h>
#include <string.h>

#include "wl_internal.h"

/* An implementation limit, so a table.grow by 2^32-1 fails cleanly (-1)
 * instead of trying to allocate 32 GiB. */
#define TABLE_LIMIT 10000000u

wasmso_table *wl_table_new(uint8_t elem_type, uint32_t min, uint32_t max, bool has_max, wl_error *err) {
  if (!has_max) max = 0xffffffffu;
  if (min > max || min > TABLE_LIMIT) {
    wl_fail(err, WL_ERR_RESOURCE, "table of %u elements is too large", min);
    return NULL;
  }
  wasmso_table *t = calloc(1, sizeof *t);
  void **elems = calloc(min ? min : 1, sizeof *elems);
  if (!t || !elems) {
    free(t);
    free(elems);
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    return NULL;
  }
  t->elems = elems;
  t->size = min;
  t->max = max;
  t->has_max = has_max;
  t->elem_type = elem_type;
  return t;
}

void wl_table_free(wasmso_table *t) {
  if (!t) return;
  free(t->elems);
  free(t);
}

uint32_t wl_table_grow(wasmso_table *t, void *init, uint32_t delta) {
  uint32_t old = t->size;
  uint64_t n = (uint64_t)old + delta;
  if (n > t->max || n > TABLE_LIMIT) return 0xffffffffu;
  if (delta == 0) return old;
  void **e = realloc(t->elems, n * sizeof *e);
  if (!e) return 0xffffffffu;
  for (uint64_t i = old; i < n; i++) e[i] = init;
  t->elems = e;
  t->size = (uint32_t)n;
  return old;
}
