/* ms_type_array.c — the array constructors, subarray and darray.  Their
 * orders and distributions are ABI constants mapped to the host's; the hull
 * is the whole global array (both types are resized to it).
 *
 * hand-written: MPI_Type_create_subarray (the nesting of sizes, subsizes and
 * starts), MPI_Type_create_darray (the distribution arithmetic and the
 * translated distribution arrays), and the hull each computes first. */
#include <stdlib.h>

#include "ms_type.h"

int ms_order_in(int order, int *host) {
  if (order == ABI_ORDER_C) *host = MPI_ORDER_C;
  else if (order == ABI_ORDER_FORTRAN) *host = MPI_ORDER_FORTRAN;
  else return ABI_ERR_ARG;
  return 0;
}

static int distrib_in(int d, int *host) {
  switch (d) {
  case ABI_DISTRIBUTE_NONE: *host = MPI_DISTRIBUTE_NONE; return 0;
  case ABI_DISTRIBUTE_BLOCK: *host = MPI_DISTRIBUTE_BLOCK; return 0;
  case ABI_DISTRIBUTE_CYCLIC: *host = MPI_DISTRIBUTE_CYCLIC; return 0;
  default: return ABI_ERR_ARG;
  }
}

int ms_order_out(int host) {
  return host == MPI_ORDER_C ? ABI_ORDER_C : host == MPI_ORDER_FORTRAN ? ABI_ORDER_FORTRAN : host;
}

int ms_distrib_out(int host) {
  return host == MPI_DISTRIBUTE_NONE    ? ABI_DISTRIBUTE_NONE
         : host == MPI_DISTRIBUTE_BLOCK ? ABI_DISTRIBUTE_BLOCK
         : host == MPI_DISTRIBUTE_CYCLIC ? ABI_DISTRIBUTE_CYCLIC
                                          : host;
}

int ms_darg_out(int host) {
  return host == MPI_DISTRIBUTE_DFLT_DARG ? ABI_DISTRIBUTE_DFLT_DARG : host;
}

/* The number of elements of the global array: -1 if a size is not positive,
 * -2 if there are more than 2^62 (refused: far beyond any memory, and the
 * hull's products stay within 128 bits). */
static __int128 elements(const int32_t *sizes, I ndims) {
  __int128 n = 1;
  for (I i = 0; i < ndims; i++) {
    if (sizes[i] <= 0) return -1;
    n *= sizes[i];
    if (n > ((__int128)1 << 62)) return -2;
  }
  return n;
}

int32_t ms_MPI_Type_create_subarray(V *vm, int32_t ndims, uint32_t sizes, uint32_t subsizes, uint32_t starts, int32_t order, uint32_t old, uint32_t out) {
  static const char fn[] = "MPI_Type_create_subarray";
  ms_type *o;
  if (ms_type_get(old, &o))
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)old);
  if (ndims <= 0) return ms_raise(vm, NULL, ABI_ERR_COUNT, fn, "ndims %d is not positive", ndims);
  if (!ms_in_mem(vm, out, 4)) return MS_BADPTR(vm, fn, "newtype", out);
  const int32_t *sz = ms_ints(vm, sizes, ndims), *sub = ms_ints(vm, subsizes, ndims),
                *st = ms_ints(vm, starts, ndims);
  if (!sz) return MS_BADPTR(vm, fn, "array_of_sizes", sizes);
  if (!sub) return MS_BADPTR(vm, fn, "array_of_subsizes", subsizes);
  if (!st) return MS_BADPTR(vm, fn, "array_of_starts", starts);
  int horder;
  if (ms_order_in(order, &horder))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "invalid order %d", order);
  for (I i = 0; i < ndims; i++)
    if (sz[i] <= 0 || sub[i] < 0 || sub[i] > sz[i] || st[i] < 0 || st[i] > sz[i] - sub[i])
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                      "dimension %d: size %d, subsize %d, start %d do not nest", i, sz[i],
                      sub[i], st[i]);
  __int128 n = elements(sz, ndims);
  if (n < 0) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the array has more than 2^62 elements");
  ms_hull h = {.comps = &old, .ncomps = 1};
  ms_hull_add(&h, o, 0, 0, n, 1);
  int cls = ms_hull_check(vm, fn, &h);
  if (cls) return cls;
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = MPI_Type_create_subarray(ndims, sz, sub, st, horder, o->host, &nt);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}

int32_t ms_MPI_Type_create_darray(V *vm, int32_t size, int32_t rank, int32_t ndims, uint32_t gsizes, uint32_t distribs, uint32_t dargs, uint32_t psizes, int32_t order, uint32_t old, uint32_t out) {
  static const char fn[] = "MPI_Type_create_darray";
  ms_type *o;
  if (ms_type_get(old, &o))
    return ms_raise(vm, NULL, ABI_ERR_TYPE, fn, "invalid datatype handle 0x%x", (unsigned)old);
  if (ndims <= 0) return ms_raise(vm, NULL, ABI_ERR_COUNT, fn, "ndims %d is not positive", ndims);
  if (size <= 0 || rank < 0 || rank >= size)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "rank %d of size %d", rank, size);
  if (!ms_in_mem(vm, out, 4)) return MS_BADPTR(vm, fn, "newtype", out);
  const int32_t *gs = ms_ints(vm, gsizes, ndims), *di = ms_ints(vm, distribs, ndims),
                *da = ms_ints(vm, dargs, ndims), *ps = ms_ints(vm, psizes, ndims);
  if (!gs) return MS_BADPTR(vm, fn, "array_of_gsizes", gsizes);
  if (!di) return MS_BADPTR(vm, fn, "array_of_distribs", distribs);
  if (!da) return MS_BADPTR(vm, fn, "array_of_dargs", dargs);
  if (!ps) return MS_BADPTR(vm, fn, "array_of_psizes", psizes);
  int horder;
  if (ms_order_in(order, &horder))
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "invalid order %d", order);
  __int128 procs = 1;
  for (I i = 0; i < ndims; i++) {
    if (ps[i] <= 0 || gs[i] <= 0)
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "dimension %d: gsize %d, psize %d", i, gs[i],
                      ps[i]);
    procs *= ps[i];
    if (procs > size) break;
  }
  if (procs != size)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the psizes do not multiply to size %d", size);
  int *hdist = malloc(2 * (size_t)ndims * sizeof *hdist);
  if (!hdist) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "cannot copy %d dimensions", ndims);
  int *hdarg = hdist + ndims;
  for (I i = 0; i < ndims; i++) {
    if (distrib_in(di[i], &hdist[i])) {
      free(hdist);
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "invalid distribution %d in dimension %d",
                      di[i], i);
    }
    if (da[i] == ABI_DISTRIBUTE_DFLT_DARG) hdarg[i] = MPI_DISTRIBUTE_DFLT_DARG;
    else if (da[i] > 0) hdarg[i] = da[i];
    else {
      free(hdist);
      return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "invalid distribution argument %d in dimension %d",
                      da[i], i);
    }
  }
  __int128 n = elements(gs, ndims);
  if (n < 0) {
    free(hdist);
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "the array has more than 2^62 elements");
  }
  ms_hull h = {.comps = &old, .ncomps = 1};
  ms_hull_add(&h, o, 0, 0, n, 1);
  MPI_Datatype nt = MPI_DATATYPE_NULL;
  int rc = MPI_SUCCESS, cls = ms_hull_check(vm, fn, &h);
  if (cls) {
    free(hdist);
    return cls;
  }
  rc = MPI_Type_create_darray(size, rank, ndims, gs, hdist, hdarg, ps, horder, o->host, &nt);
  free(hdist);
  return ms_type_finish(vm, fn, rc, nt, &h, out);
}
