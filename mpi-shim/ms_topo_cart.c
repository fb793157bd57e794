/* ms_topo_cart.c — Cartesian topologies, MPI_Dims_create and MPI_Topo_test.
 * Arrays whose length the topology fixes (coords of MPI_Cart_rank,
 * remain_dims of MPI_Cart_sub) are checked over the topology's ndims;
 * out-arrays go through host scratch, so the host never writes guest
 * memory beyond the length the guest gave. */
#include <stdlib.h>

#include "ms_comm.h"

/* The number of dimensions of c's Cartesian topology, 0 if it has none (the
 * host call that follows reports MPI_ERR_TOPOLOGY). */
static int cart_ndims(const ms_comm *c) {
  int status, nd = 0;
  if (MPI_Topo_test(c->host, &status) != MPI_SUCCESS || status != MPI_CART) return 0;
  if (MPI_Cartdim_get(c->host, &nd) != MPI_SUCCESS || nd < 0) return 0;
  return nd;
}

/* A grid description: every extent positive, the grid no larger than c. */
static int check_dims(wasmso_vmctx *vm, ms_comm *c, const int32_t *dims, int32_t ndims,
                      const char *fn) {
  int64_t cells = 1, size = ms_cm_size(c);
  for (int32_t i = 0; i < ndims; i++) {
    if (dims[i] <= 0)
      return ms_raise(vm, c, ABI_ERR_DIMS, fn, "dims[%d] = %d is not positive", i, dims[i]);
    if ((cells *= dims[i]) > size)
      return ms_raise(vm, c, ABI_ERR_DIMS, fn, "the grid has more cells than the %lld processes",
                      (long long)size);
  }
  return 0;
}

int32_t ms_MPI_Cart_create(wasmso_vmctx *vm, uint32_t comm, int32_t ndims, uint32_t dims, uint32_t periods, int32_t reorder, uint32_t newcomm) {
  static const char fn[] = "MPI_Cart_create";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *d, *p;
  MPI_Comm nc = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_ints(vm, c, dims, ndims, &d, fn, "dims")) ||
      (rc = ms_cm_ints(vm, c, periods, ndims, &p, fn, "periods")) ||
      (rc = ms_cm_intra(vm, c, comm, fn)) || (rc = check_dims(vm, c, d, ndims, fn)) ||
      (rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn)))
    return rc;
  return ms_cm_end(vm, &n, MPI_Cart_create(c->host, ndims, d, p, reorder, &nc), &nc, fn);
}

int32_t ms_MPI_Cart_coords(wasmso_vmctx *vm, uint32_t comm, int32_t rank, int32_t maxdims, uint32_t coords) {
  static const char fn[] = "MPI_Cart_coords";
  ms_comm *c;
  int32_t *out;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) ||
      (rc = ms_cm_ints(vm, c, coords, maxdims, &out, fn, "coords")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)) ||
      (rc = ms_cm_ranks(vm, c, &rank, 1, ms_cm_size(c), 0, fn, "rank")))
    return rc;
  int nd = cart_ndims(c);
  int *tmp = ms_cm_scratch(vm, c, maxdims, nd, fn, &rc);
  if (!tmp) return rc;
  int hrc = MPI_Cart_coords(c->host, rank, maxdims, tmp);
  if (hrc == MPI_SUCCESS) ms_cm_copy_out(out, tmp, maxdims, nd);
  free(tmp);
  return ms_check(vm, c, hrc, fn);
}

int32_t ms_MPI_Cart_rank(wasmso_vmctx *vm, uint32_t comm, uint32_t coords, uint32_t rank) {
  static const char fn[] = "MPI_Cart_rank";
  ms_comm *c;
  int32_t *in, *out;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)) ||
      (rc = ms_cm_ints(vm, c, coords, cart_ndims(c), &in, fn, "coords")) ||
      (rc = ms_cm_int(vm, c, rank, &out, fn, "rank")))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Cart_rank(c->host, in, &v), fn))) return rc;
  *out = ms_rank_out(v);
  return 0;
}

int32_t ms_MPI_Cart_shift(wasmso_vmctx *vm, uint32_t comm, int32_t dir, int32_t disp, uint32_t src, uint32_t dest) {
  static const char fn[] = "MPI_Cart_shift";
  ms_comm *c;
  int32_t *ps, *pd;
  int rc, s, d;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, src, &ps, fn, "rank_source")) ||
      (rc = ms_cm_int(vm, c, dest, &pd, fn, "rank_dest")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)))
    return rc;
  if (dir < 0 || dir >= cart_ndims(c))
    return ms_raise(vm, c, ABI_ERR_DIMS, fn, "direction %d is no dimension of the grid", dir);
  if ((rc = ms_check(vm, c, MPI_Cart_shift(c->host, dir, disp, &s, &d), fn))) return rc;
  *ps = ms_rank_out(s);
  *pd = ms_rank_out(d);
  return 0;
}

int32_t ms_MPI_Cart_sub(wasmso_vmctx *vm, uint32_t comm, uint32_t remain, uint32_t newcomm) {
  static const char fn[] = "MPI_Cart_sub";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *r;
  MPI_Comm nc = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)) ||
      (rc = ms_cm_ints(vm, c, remain, cart_ndims(c), &r, fn, "remain_dims")) ||
      (rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn)))
    return rc;
  return ms_cm_end(vm, &n, MPI_Cart_sub(c->host, r, &nc), &nc, fn);
}

int32_t ms_MPI_Cart_get(wasmso_vmctx *vm, uint32_t comm, int32_t maxdims, uint32_t dims, uint32_t periods, uint32_t coords) {
  static const char fn[] = "MPI_Cart_get";
  ms_comm *c;
  int32_t *od, *op, *oc;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_ints(vm, c, dims, maxdims, &od, fn, "dims")) ||
      (rc = ms_cm_ints(vm, c, periods, maxdims, &op, fn, "periods")) ||
      (rc = ms_cm_ints(vm, c, coords, maxdims, &oc, fn, "coords")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)))
    return rc;
  int nd = cart_ndims(c);
  int *tmp = ms_cm_scratch(vm, c, 3 * (int64_t)maxdims, 3 * (int64_t)nd, fn, &rc);
  if (!tmp) return rc;
  int stride = maxdims > nd ? maxdims : nd;
  int hrc = MPI_Cart_get(c->host, maxdims, tmp, tmp + stride, tmp + 2 * stride);
  if (hrc == MPI_SUCCESS) {
    ms_cm_copy_out(od, tmp, maxdims, nd);
    ms_cm_copy_out(op, tmp + stride, maxdims, nd);
    ms_cm_copy_out(oc, tmp + 2 * stride, maxdims, nd);
  }
  free(tmp);
  return ms_check(vm, c, hrc, fn);
}

int32_t ms_MPI_Cartdim_get(wasmso_vmctx *vm, uint32_t comm, uint32_t ndims) {
  static const char fn[] = "MPI_Cartdim_get";
  ms_comm *c;
  int32_t *p;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, ndims, &p, fn, "ndims")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_CART, fn)))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Cartdim_get(c->host, &v), fn))) return rc;
  *p = v;
  return 0;
}

int32_t ms_MPI_Cart_map(wasmso_vmctx *vm, uint32_t comm, int32_t ndims, uint32_t dims, uint32_t periods, uint32_t newrank) {
  static const char fn[] = "MPI_Cart_map";
  ms_comm *c;
  int32_t *d, *p, *out;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_ints(vm, c, dims, ndims, &d, fn, "dims")) ||
      (rc = ms_cm_ints(vm, c, periods, ndims, &p, fn, "periods")) ||
      (rc = ms_cm_int(vm, c, newrank, &out, fn, "newrank")) ||
      (rc = ms_cm_intra(vm, c, comm, fn)) || (rc = check_dims(vm, c, d, ndims, fn)))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Cart_map(c->host, ndims, d, p, &v), fn))) return rc;
  *out = ms_undefined_out(v);
  return 0;
}

int32_t ms_MPI_Dims_create(wasmso_vmctx *vm, int32_t nnodes, int32_t ndims, uint32_t dims) {
  static const char fn[] = "MPI_Dims_create";
  int32_t *d;
  int rc;
  if ((rc = ms_cm_ints(vm, NULL, dims, ndims, &d, fn, "dims"))) return rc;
  /* nnodes positive; fixed extents non-negative and dividing it. */
  int64_t fixed = 1;
  for (int32_t i = 0; i < ndims; i++) {
    if (d[i] < 0)
      return ms_raise(vm, NULL, ABI_ERR_DIMS, fn, "dims[%d] = %d is negative", i, d[i]);
    if (d[i] > 0 && (fixed *= d[i]) > INT32_MAX) fixed = (int64_t)INT32_MAX + 1;
  }
  if (nnodes <= 0 || nnodes % fixed != 0)
    return ms_raise(vm, NULL, ABI_ERR_DIMS, fn,
                    "%d processes cannot fill a grid with the given fixed extents", nnodes);
  return ms_check(vm, NULL, MPI_Dims_create(nnodes, ndims, d), fn);
}

int32_t ms_MPI_Topo_test(wasmso_vmctx *vm, uint32_t comm, uint32_t status) {
  static const char fn[] = "MPI_Topo_test";
  ms_comm *c;
  int32_t *p;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, status, &p, fn, "status")))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Topo_test(c->host, &v), fn))) return rc;
  *p = ms_topo_out(v);
  return 0;
}
