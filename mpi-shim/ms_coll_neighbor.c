/* ms_coll_neighbor.c — neighbourhood collectives on process topologies:
 * Neighbor_allgather(v), Neighbor_alltoall(v,w) and their non-blocking
 * forms.  Receive-side arrays and blocks number the in-degree, send-side
 * ones the out-degree; MPI_IN_PLACE is never allowed.  Neighbor_alltoallw's
 * displacements are guest MPI_Aints (32-bit), widened for the host. */
#include "ms_coll.h"

/* ---- Neighbor_allgather, Neighbor_alltoall ---- */

static int32_t allgather_alltoall(wasmso_vmctx *vm, bool a2a, ms_gaddr sbuf, int32_t scount,
                                  ms_gh stype, ms_gaddr rbuf, int32_t rcount, ms_gh rtype,
                                  ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int in, out;
  void *hs, *hr;
  ms_type *st, *rt;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_degrees(&x, &in, &out)) ||
      (rc = ms_cc_tbuf(&x, "sendbuf", sbuf, a2a ? (int64_t)scount * out : scount, stype, &st,
                       &hs)) ||
      (rc = ms_cc_tbuf(&x, "recvbuf", rbuf, (int64_t)rcount * in, rtype, &rt, &hr)))
    return rc;
  MPI_Comm hc = x.c->host;
  if (!nb)
    return ms_cc_check(
        &x, a2a ? MPI_Neighbor_alltoall(hs, scount, st->host, hr, rcount, rt->host, hc)
                : MPI_Neighbor_allgather(hs, scount, st->host, hr, rcount, rt->host, hc));
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) return rc;
  MPI_Request *r = &q.r->host;
  return ms_cc_req_end(
      &x, &q,
      a2a ? MPI_Ineighbor_alltoall(hs, scount, st->host, hr, rcount, rt->host, hc, r)
          : MPI_Ineighbor_allgather(hs, scount, st->host, hr, rcount, rt->host, hc, r),
      NULL);
}

int32_t ms_MPI_Neighbor_allgather(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, uint32_t comm) {
  return allgather_alltoall(vm, false, sbuf, scount, stype, rbuf, rcount, rtype, comm, 0, false,
                            "MPI_Neighbor_allgather");
}
int32_t ms_MPI_Ineighbor_allgather(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, uint32_t comm, uint32_t req) {
  return allgather_alltoall(vm, false, sbuf, scount, stype, rbuf, rcount, rtype, comm, req, true,
                            "MPI_Ineighbor_allgather");
}
int32_t ms_MPI_Neighbor_alltoall(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, uint32_t comm) {
  return allgather_alltoall(vm, true, sbuf, scount, stype, rbuf, rcount, rtype, comm, 0, false,
                            "MPI_Neighbor_alltoall");
}
int32_t ms_MPI_Ineighbor_alltoall(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, int32_t rcount, uint32_t rtype, uint32_t comm, uint32_t req) {
  return allgather_alltoall(vm, true, sbuf, scount, stype, rbuf, rcount, rtype, comm, req, true,
                            "MPI_Ineighbor_alltoall");
}

/* ---- Neighbor_allgatherv ---- */

static int32_t allgatherv(wasmso_vmctx *vm, ms_gaddr sbuf, int32_t scount, ms_gh stype,
                          ms_gaddr rbuf, ms_gaddr countsg, ms_gaddr displsg, ms_gh rtype,
                          ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int in, out;
  void *hs, *hr, *temp = NULL;
  ms_type *st, *rt;
  int32_t *counts, *displs;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_degrees(&x, &in, &out)) ||
      (rc = ms_cc_tbuf(&x, "sendbuf", sbuf, scount, stype, &st, &hs)) ||
      (rc = ms_cc_ints(&x, "recvcounts", countsg, in, &counts)) ||
      (rc = ms_cc_ints(&x, "displs", displsg, in, &displs)) ||
      (rc = ms_cc_type(&x, "recvbuf", rtype, &rt)) ||
      (rc = ms_cc_vbuf(&x, "recvbuf", rbuf, counts, displs, in, rt, &hr)))
    return rc;
  MPI_Comm hc = x.c->host;
  if (!nb)
    return ms_cc_check(
        &x, MPI_Neighbor_allgatherv(hs, scount, st->host, hr, counts, displs, rt->host, hc));
  if ((rc = ms_cc_alloc(&x, (size_t)in * 8, &temp))) return rc;
  int32_t *copy = temp;
  ms_cc_copy_ints(copy, counts, in);
  ms_cc_copy_ints(copy + in, displs, in);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(
      &x, &q,
      MPI_Ineighbor_allgatherv(hs, scount, st->host, hr, copy, copy + in, rt->host, hc, &q.r->host),
      temp);
}

int32_t ms_MPI_Neighbor_allgatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, uint32_t comm) {
  return allgatherv(vm, sbuf, scount, stype, rbuf, rcounts, displs, rtype, comm, 0, false,
                    "MPI_Neighbor_allgatherv");
}
int32_t ms_MPI_Ineighbor_allgatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, uint32_t comm, uint32_t req) {
  return allgatherv(vm, sbuf, scount, stype, rbuf, rcounts, displs, rtype, comm, req, true,
                    "MPI_Ineighbor_allgatherv");
}

/* ---- Neighbor_alltoallv ---- */

static int32_t alltoallv(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr scountsg, ms_gaddr sdisplsg,
                         ms_gh stype, ms_gaddr rbuf, ms_gaddr rcountsg, ms_gaddr rdisplsg,
                         ms_gh rtype, ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int in, out;
  void *hs, *hr, *temp = NULL;
  ms_type *st, *rt;
  int32_t *sc, *sd, *rc_, *rd;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_degrees(&x, &in, &out)) ||
      (rc = ms_cc_ints(&x, "sendcounts", scountsg, out, &sc)) ||
      (rc = ms_cc_ints(&x, "sdispls", sdisplsg, out, &sd)) ||
      (rc = ms_cc_type(&x, "sendbuf", stype, &st)) ||
      (rc = ms_cc_vbuf(&x, "sendbuf", sbuf, sc, sd, out, st, &hs)) ||
      (rc = ms_cc_ints(&x, "recvcounts", rcountsg, in, &rc_)) ||
      (rc = ms_cc_ints(&x, "rdispls", rdisplsg, in, &rd)) ||
      (rc = ms_cc_type(&x, "recvbuf", rtype, &rt)) ||
      (rc = ms_cc_vbuf(&x, "recvbuf", rbuf, rc_, rd, in, rt, &hr)))
    return rc;
  MPI_Comm hc = x.c->host;
  if (!nb)
    return ms_cc_check(&x, MPI_Neighbor_alltoallv(hs, sc, sd, st->host, hr, rc_, rd, rt->host, hc));
  if ((rc = ms_cc_alloc(&x, ((size_t)in + out) * 8, &temp))) return rc;
  int32_t *copy = temp;
  ms_cc_copy_ints(copy, sc, out);
  ms_cc_copy_ints(copy + out, sd, out);
  ms_cc_copy_ints(copy + 2 * out, rc_, in);
  ms_cc_copy_ints(copy + 2 * out + in, rd, in);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(&x, &q,
                       MPI_Ineighbor_alltoallv(hs, copy, copy + out, st->host, hr, copy + 2 * out,
                                               copy + 2 * out + in, rt->host, hc, &q.r->host),
                       temp);
}

int32_t ms_MPI_Neighbor_alltoallv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtype, uint32_t comm) {
  return alltoallv(vm, sbuf, scounts, sdispls, stype, rbuf, rcounts, rdispls, rtype, comm, 0, false,
                   "MPI_Neighbor_alltoallv");
}
int32_t ms_MPI_Ineighbor_alltoallv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtype, uint32_t comm, uint32_t req) {
  return alltoallv(vm, sbuf, scounts, sdispls, stype, rbuf, rcounts, rdispls, rtype, comm, req,
                   true, "MPI_Ineighbor_alltoallv");
}

/* ---- Neighbor_alltoallw ----
 * One host block: host types [out + in], widened displacements [out + in],
 * guest type records [out + in], int count copies [out + in]. */

static void widen(MPI_Aint *dst, const int32_t *src, int n) {
  for (int i = 0; i < n; i++)
    dst[i] = src[i]; /* guest MPI_Aint is signed 32-bit */
}

static int32_t alltoallw(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr scountsg, ms_gaddr sdisplsg,
                         ms_gaddr stypesg, ms_gaddr rbuf, ms_gaddr rcountsg, ms_gaddr rdisplsg,
                         ms_gaddr rtypesg, ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int in, out;
  void *hs, *hr, *temp = NULL;
  int32_t *sc, *sdg, *rc_, *rdg;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_degrees(&x, &in, &out))) return rc;
  size_t n = (size_t)in + out;
  if ((rc = ms_cc_alloc(&x, n * (sizeof(MPI_Datatype) + sizeof(MPI_Aint) + sizeof(ms_type *) + 4),
                        &temp)))
    return rc;
  MPI_Datatype *hst = temp, *hrt = hst + out;
  MPI_Aint *sd = (MPI_Aint *)(hst + n), *rd = sd + out;
  ms_type **sts = (ms_type **)(sd + n), **rts = sts + out;
  int32_t *copy = (int32_t *)(sts + n);
  if ((rc = ms_cc_ints(&x, "sendcounts", scountsg, out, &sc)) ||
      (rc = ms_cc_ints(&x, "sdispls", sdisplsg, out, &sdg)) ||
      (rc = ms_cc_types(&x, "sendtypes", stypesg, out, sts, hst)) ||
      (rc = ms_cc_ints(&x, "recvcounts", rcountsg, in, &rc_)) ||
      (rc = ms_cc_ints(&x, "rdispls", rdisplsg, in, &rdg)) ||
      (rc = ms_cc_types(&x, "recvtypes", rtypesg, in, rts, hrt)))
    goto fail;
  widen(sd, sdg, out);
  widen(rd, rdg, in);
  if ((rc = ms_cc_wbuf(&x, "sendbuf", sbuf, sc, NULL, sd, sts, out, &hs)) ||
      (rc = ms_cc_wbuf(&x, "recvbuf", rbuf, rc_, NULL, rd, rts, in, &hr)))
    goto fail;
  MPI_Comm hc = x.c->host;
  if (!nb) {
    rc = ms_cc_check(&x, MPI_Neighbor_alltoallw(hs, sc, sd, hst, hr, rc_, rd, hrt, hc));
    free(temp);
    return rc;
  }
  ms_cc_copy_ints(copy, sc, out);
  ms_cc_copy_ints(copy + out, rc_, in);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) goto fail;
  return ms_cc_req_end(
      &x, &q, MPI_Ineighbor_alltoallw(hs, copy, sd, hst, hr, copy + out, rd, hrt, hc, &q.r->host),
      temp);
fail:
  free(temp);
  return rc;
}

int32_t ms_MPI_Neighbor_alltoallw(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stypes, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtypes, uint32_t comm) {
  return alltoallw(vm, sbuf, scounts, sdispls, stypes, rbuf, rcounts, rdispls, rtypes, comm, 0,
                   false, "MPI_Neighbor_alltoallw");
}
int32_t ms_MPI_Ineighbor_alltoallw(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stypes, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtypes, uint32_t comm, uint32_t req) {
  return alltoallw(vm, sbuf, scounts, sdispls, stypes, rbuf, rcounts, rdispls, rtypes, comm, req,
                   true, "MPI_Ineighbor_alltoallw");
}
