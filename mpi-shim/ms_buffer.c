/* ms_buffer.c — buffers that may be MPI_IN_PLACE, MPI_Aint arrays (32-bit in
 * the guest), guest strings, user datatype descriptions. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "ms_core.h"

int ms_buffer_or_in_place(const wasmso_vmctx *vm, ms_gaddr buf, int64_t count,
                          const ms_type *t, void **host) {
  if (buf == ABI_IN_PLACE) {
    *host = MPI_IN_PLACE;
    return 0;
  }
  return ms_buffer(vm, buf, count, t, host);
}

MPI_Aint *ms_aints_in(const wasmso_vmctx *vm, ms_gaddr g, int64_t n, int *cls) {
  const int32_t *src = ms_ints(vm, g, n);
  if (!src) {
    *cls = n < 0 ? ABI_ERR_COUNT : ABI_ERR_ARG;
    return NULL;
  }
  MPI_Aint *a = malloc(n ? (size_t)n * sizeof *a : 1);
  if (!a) {
    *cls = ABI_ERR_NO_MEM;
    return NULL;
  }
  for (int64_t i = 0; i < n; i++) {
    int32_t v;
    memcpy(&v, src + i, sizeof v); /* guest arrays need not be aligned */
    a[i] = v;
  }
  *cls = 0;
  return a;
}

int ms_aint_out(const wasmso_vmctx *vm, ms_gaddr g, MPI_Aint v) {
  void *p = ms_ptr(vm, g, 4);
  if (!p) return ABI_ERR_ARG;
  if (v < INT32_MIN || v > INT32_MAX) return ABI_ERR_VALUE_TOO_LARGE;
  int32_t w = (int32_t)v;
  memcpy(p, &w, 4);
  return 0;
}

const char *ms_str(const wasmso_vmctx *vm, ms_gaddr g) {
  uint64_t size = ms_memsize(vm);
  if (g >= size) return NULL;
  const char *s = (const char *)vm->mem_base + g;
  return memchr(s, 0, size - g) ? s : NULL;
}

int ms_str_out(const wasmso_vmctx *vm, ms_gaddr g, const char *s, size_t cap, int *len) {
  if (!cap) return ABI_ERR_ARG;
  size_t n = strnlen(s, cap - 1);
  char *d = ms_ptr(vm, g, n + 1);
  if (!d) return ABI_ERR_ARG;
  memcpy(d, s, n);
  d[n] = 0;
  if (len) *len = (int)n;
  return 0;
}

int ms_type_describe(ms_type *t) {
  MPI_Count size, lb, ext, tlb, text;
  int rc = MPI_Type_size_x(t->host, &size);
  if (rc == MPI_SUCCESS) rc = MPI_Type_get_extent_x(t->host, &lb, &ext);
  if (rc == MPI_SUCCESS) rc = MPI_Type_get_true_extent_x(t->host, &tlb, &text);
  if (rc != MPI_SUCCESS) {
    int cls;
    MPI_Error_class(rc, &cls);
    return ms_class_to_guest(cls);
  }
  t->size = size;
  t->lb = lb;
  t->extent = ext;
  t->true_lb = tlb;
  t->true_extent = text;
  return 0;
}
