/* ms_coll_reduce.c — Reduce_scatter and Reduce_scatter_block and their
 * non-blocking forms (the other reductions are generated from mpi-api.tab).
 * hand-written: MPI_Reduce_scatter_block, MPI_Ireduce_scatter_block (in
 * place, the receive buffer is checked over the whole input, recvcount
 * times the local size); MPI_Reduce_scatter, MPI_Ireduce_scatter (the input
 * is the sum of recvcounts, the output recvcounts[rank], and the host gets a
 * copy of recvcounts for a user op too, whose callback may rewrite it).
 * The op is checked against the type (predefined ops have no host
 * arithmetic for transport-only types). */
#include "ms_coll.h"
#include "ms_fast.h"

/* The type and op every participating rank gives (ms_cc_op). */
static int type_op(ms_cc *x, ms_gh type, ms_gh op, ms_type **t, MPI_Op *hop) {
  return ms_cc_op(x, op, type, t, hop);
}

/* ---- Reduce_scatter_block: recvcount × (local size) in, recvcount out ---- */

static int32_t reduce_scatter_block(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr rbuf, int32_t rcount,
                                    ms_gh type, ms_gh op, ms_gh comm, ms_gaddr reqp, bool nb,
                                    const char *fn) {
  ms_cc x;
  ms_type *t;
  MPI_Op hop;
  void *hs, *hr;
  int size, rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = type_op(&x, type, op, &t, &hop))) return rc;
  if ((rc = MPI_Comm_size(x.c->host, &size)) != MPI_SUCCESS) return ms_cc_check(&x, rc);
  int64_t total = (int64_t)rcount * size;
  if (sbuf == ABI_IN_PLACE) {
    if ((rc = ms_cc_in_place(&x, "sendbuf")) ||
        (rc = ms_cc_buf(&x, "recvbuf (in place: the whole input)", rbuf, total, t, &hr)))
      return rc;
    hs = MPI_IN_PLACE;
  } else if ((rc = ms_cc_buf(&x, "sendbuf", sbuf, total, t, &hs)) ||
             (rc = ms_cc_buf(&x, "recvbuf", rbuf, rcount, t, &hr))) {
    return rc;
  }
  if (!nb)
    return ms_cc_check(&x, MPI_Reduce_scatter_block(hs, hr, rcount, t->host, hop, x.c->host));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) return rc;
  return ms_cc_req_end(
      &x, &q, MPI_Ireduce_scatter_block(hs, hr, rcount, t->host, hop, x.c->host, &q.r->host), NULL);
}

int32_t ms_MPI_Reduce_scatter_block(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, int32_t rcount, uint32_t type, uint32_t op, uint32_t comm) {
  return reduce_scatter_block(vm, sbuf, rbuf, rcount, type, op, comm, 0, false,
                              "MPI_Reduce_scatter_block");
}
int32_t ms_MPI_Ireduce_scatter_block(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, int32_t rcount, uint32_t type, uint32_t op, uint32_t comm, uint32_t req) {
  return reduce_scatter_block(vm, sbuf, rbuf, rcount, type, op, comm, req, true,
                              "MPI_Ireduce_scatter_block");
}

/* ---- Reduce_scatter: sum(recvcounts) in, recvcounts[rank] out ----
 * The host gets a copy of recvcounts when the guest could rewrite it before
 * the host is done: a non-blocking call, or a user op (its callback runs
 * guest code in the middle of the operation). */

static int32_t reduce_scatter(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr rbuf, ms_gaddr countsg,
                              ms_gh type, ms_gh op, ms_gh comm, ms_gaddr reqp, bool nb,
                              const char *fn) {
  ms_cc x;
  ms_type *t;
  MPI_Op hop;
  void *hs, *hr, *temp = NULL;
  int32_t *counts;
  int64_t total;
  int size, rank, rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = type_op(&x, type, op, &t, &hop))) return rc;
  if ((rc = MPI_Comm_size(x.c->host, &size)) != MPI_SUCCESS ||
      (rc = MPI_Comm_rank(x.c->host, &rank)) != MPI_SUCCESS)
    return ms_cc_check(&x, rc);
  if ((rc = ms_cc_ints(&x, "recvcounts", countsg, size, &counts)) ||
      (rc = ms_cc_sum(&x, "recvcounts", counts, size, &total)))
    return rc;
  if (sbuf == ABI_IN_PLACE) {
    if ((rc = ms_cc_in_place(&x, "sendbuf")) ||
        (rc = ms_cc_buf(&x, "recvbuf (in place: the whole input)", rbuf, total, t, &hr)))
      return rc;
    hs = MPI_IN_PLACE;
  } else if ((rc = ms_cc_buf(&x, "sendbuf", sbuf, total, t, &hs)) ||
             (rc = ms_cc_buf(&x, "recvbuf", rbuf, counts[rank], t, &hr))) {
    return rc;
  }
  ms_op *o;
  if (nb || (ms_op_get(op, &o) == 0 && !o->predefined)) {
    if ((rc = ms_cc_alloc(&x, (size_t)size * 4, &temp))) return rc;
    ms_cc_copy_ints(temp, counts, size);
    counts = temp;
  }
  if (!nb) {
    rc = ms_cc_check(&x, MPI_Reduce_scatter(hs, hr, counts, t->host, hop, x.c->host));
    free(temp);
    return rc;
  }
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(
      &x, &q, MPI_Ireduce_scatter(hs, hr, counts, t->host, hop, x.c->host, &q.r->host), temp);
}

int32_t ms_MPI_Reduce_scatter(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, uint32_t rcounts, uint32_t type, uint32_t op, uint32_t comm) {
  return reduce_scatter(vm, sbuf, rbuf, rcounts, type, op, comm, 0, false, "MPI_Reduce_scatter");
}
int32_t ms_MPI_Ireduce_scatter(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, uint32_t rcounts, uint32_t type, uint32_t op, uint32_t comm, uint32_t req) {
  return reduce_scatter(vm, sbuf, rbuf, rcounts, type, op, comm, req, true, "MPI_Ireduce_scatter");
}
