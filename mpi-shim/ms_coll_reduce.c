/* ms_coll_reduce.c — the reductions with special shapes: Reduce (rooted),
 * Reduce_scatter(_block), Reduce_local and their non-blocking forms
 * (Allreduce, Scan and Exscan are generated from mpi-api.tab).  The op is checked
 * against the type (predefined ops have no host arithmetic for
 * transport-only types); in place, the receive buffer is checked over the
 * whole input it then holds. */
#include "ms_coll.h"
#include "ms_fast.h"

/* The type and op every participating rank gives (ms_cc_op). */
static int type_op(ms_cc *x, ms_gh type, ms_gh op, ms_type **t, MPI_Op *hop) {
  return ms_cc_op(x, op, type, t, hop);
}

/* ---- Reduce ---- */

static int32_t reduce(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr rbuf, int32_t count, ms_gh type,
                      ms_gh op, int32_t root, ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  ms_type *t;
  MPI_Op hop = MPI_OP_NULL;
  MPI_Datatype ht;
  void *hs = NULL, *hr = NULL;
  int rank, rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc) return rc;
  if ((rc = MPI_Comm_rank(x.c->host, &rank)) != MPI_SUCCESS) return ms_cc_check(&x, rc);
  bool send = true, recv = false, in_place_ok = false;
  if (root == ABI_ROOT || root == ABI_PROC_NULL) { /* intercommunicator, root group */
    if (!ms_cc_inter(&x))
      return ms_raise(vm, x.c, ABI_ERR_ROOT, fn, "root %s on an intracommunicator",
                      root == ABI_ROOT ? "MPI_ROOT" : "MPI_PROC_NULL");
    send = false;
    recv = root == ABI_ROOT;
  } else if (root == rank && !ms_cc_inter(&x)) {
    recv = in_place_ok = true;
  }
  if (send || recv) {
    if ((rc = type_op(&x, type, op, &t, &hop))) return rc;
    ht = t->host;
  } else { /* MPI_PROC_NULL: nothing moves, but the host still validates the op */
    ms_op *o;
    ht = ms_cc_ignored_type(type);
    if (ms_op_get(op, &o) == 0) hop = o->host;
  }
  if (recv && (rc = ms_cc_buf(&x, "recvbuf", rbuf, count, t, &hr))) return rc;
  if (send) {
    if (in_place_ok && sbuf == ABI_IN_PLACE)
      hs = MPI_IN_PLACE;
    else if ((rc = ms_cc_buf(&x, "sendbuf", sbuf, count, t, &hs)))
      return rc;
  }
  int hroot = ms_rank_in(root);
  if (!nb) return ms_cc_check(&x, MPI_Reduce(hs, hr, count, ht, hop, hroot, x.c->host));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) return rc;
  return ms_cc_req_end(&x, &q, MPI_Ireduce(hs, hr, count, ht, hop, hroot, x.c->host, &q.r->host),
                       NULL);
}

int32_t ms_MPI_Reduce(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, int32_t count, uint32_t type, uint32_t op, int32_t root, uint32_t comm) {
  return reduce(vm, sbuf, rbuf, count, type, op, root, comm, 0, false, "MPI_Reduce");
}
int32_t ms_MPI_Ireduce(wasmso_vmctx *vm, uint32_t sbuf, uint32_t rbuf, int32_t count, uint32_t type, uint32_t op, int32_t root, uint32_t comm, uint32_t req) {
  return reduce(vm, sbuf, rbuf, count, type, op, root, comm, req, true, "MPI_Ireduce");
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

/* ---- Reduce_local: no communicator; errors go to MPI_COMM_WORLD's handler ---- */

int32_t ms_MPI_Reduce_local(wasmso_vmctx *vm, uint32_t inbuf, uint32_t inoutbuf, int32_t count, uint32_t type, uint32_t op) {
  ms_cc x = {vm, NULL, "MPI_Reduce_local"};
  ms_type *t;
  MPI_Op hop;
  void *hi, *hio;
  int rc;
  if ((rc = type_op(&x, type, op, &t, &hop)) ||
      (rc = ms_cc_buf(&x, "inbuf", inbuf, count, t, &hi)) ||
      (rc = ms_cc_buf(&x, "inoutbuf", inoutbuf, count, t, &hio)))
    return rc;
  return ms_check(vm, NULL, MPI_Reduce_local(hi, hio, count, t->host, hop), x.fn);
}
