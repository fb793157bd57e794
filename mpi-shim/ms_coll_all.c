/* ms_coll_all.c — MPI_Alltoallw and MPI_Ialltoallw; the rest of the
 * all-to-all family is generated from mpi-api.tab.
 * hand-written: MPI_Alltoallw, MPI_Ialltoallw (per-peer datatype arrays
 * translated into one host block that lives through the checks and, for the
 * nonblocking form, until completion).  MPI_IN_PLACE is accepted as sendbuf
 * on intracommunicators only. */
#include "ms_coll.h"

/* ---- Alltoallw: per-peer types and byte displacements ----
 * One host block holds the host type arrays (and, non-blocking, copies of
 * the four int arrays); the guest's type records are only needed for the
 * checks. */

static int32_t alltoallw(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr scountsg, ms_gaddr sdisplsg,
                         ms_gaddr stypesg, ms_gaddr rbuf, ms_gaddr rcountsg, ms_gaddr rdisplsg,
                         ms_gaddr rtypesg, ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int peers;
  bool inter;
  void *hs, *hr, *temp = NULL;
  int32_t *sc, *sd, *rc_, *rd;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_peers(&x, &peers, &inter))) return rc;
  size_t n = (size_t)peers;
  /* host types [2n], guest records [2n], int copies [4n] */
  if ((rc = ms_cc_alloc(&x, n * (2 * sizeof(MPI_Datatype) + 2 * sizeof(ms_type *) + 16), &temp)))
    return rc;
  MPI_Datatype *hst = temp, *hrt = hst + n;
  ms_type **sts = (ms_type **)(hrt + n), **rts = sts + n;
  int32_t *copy = (int32_t *)(rts + n);
  if ((rc = ms_cc_ints(&x, "recvcounts", rcountsg, peers, &rc_)) ||
      (rc = ms_cc_ints(&x, "rdispls", rdisplsg, peers, &rd)) ||
      (rc = ms_cc_types(&x, "recvtypes", rtypesg, peers, rts, hrt)) ||
      (rc = ms_cc_wbuf(&x, "recvbuf", rbuf, rc_, rd, NULL, rts, peers, &hr)))
    goto fail;
  if (sbuf == ABI_IN_PLACE) {
    if (inter) {
      rc = ms_cc_in_place(&x, "sendbuf");
      goto fail;
    }
    hs = MPI_IN_PLACE;
    sc = rc_;
    sd = rd;
    hst = hrt;
  } else if ((rc = ms_cc_ints(&x, "sendcounts", scountsg, peers, &sc)) ||
             (rc = ms_cc_ints(&x, "sdispls", sdisplsg, peers, &sd)) ||
             (rc = ms_cc_types(&x, "sendtypes", stypesg, peers, sts, hst)) ||
             (rc = ms_cc_wbuf(&x, "sendbuf", sbuf, sc, sd, NULL, sts, peers, &hs))) {
    goto fail;
  }
  if (!nb) {
    rc = ms_cc_check(&x, MPI_Alltoallw(hs, sc, sd, hst, hr, rc_, rd, hrt, x.c->host));
    free(temp);
    return rc;
  }
  ms_cc_copy_ints(copy, sc, peers);
  ms_cc_copy_ints(copy + n, sd, peers);
  ms_cc_copy_ints(copy + 2 * n, rc_, peers);
  ms_cc_copy_ints(copy + 3 * n, rd, peers);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) goto fail;
  return ms_cc_req_end(&x, &q,
                       MPI_Ialltoallw(hs, copy, copy + n, hst, hr, copy + 2 * n, copy + 3 * n, hrt,
                                      x.c->host, &q.r->host),
                       temp);
fail:
  free(temp);
  return rc;
}

int32_t ms_MPI_Alltoallw(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stypes, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtypes, uint32_t comm) {
  return alltoallw(vm, sbuf, scounts, sdispls, stypes, rbuf, rcounts, rdispls, rtypes, comm, 0,
                   false, "MPI_Alltoallw");
}
int32_t ms_MPI_Ialltoallw(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stypes, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtypes, uint32_t comm, uint32_t req) {
  return alltoallw(vm, sbuf, scounts, sdispls, stypes, rbuf, rcounts, rdispls, rtypes, comm, req,
                   true, "MPI_Ialltoallw");
}
