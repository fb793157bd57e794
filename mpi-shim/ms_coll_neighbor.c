/* ms_coll_neighbor.c — MPI_Neighbor_alltoallw and MPI_Ineighbor_alltoallw
 * (the other neighbourhood collectives are generated from mpi-api.tab).
 * hand-written: MPI_Neighbor_alltoallw, MPI_Ineighbor_alltoallw (per-peer
 * datatype arrays and guest 32-bit MPI_Aint displacements widened into one
 * host block).  Receive-side arrays and blocks number the in-degree,
 * send-side ones the out-degree; MPI_IN_PLACE is never allowed. */
#include "ms_coll.h"

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
