/* ms_coll_all.c — the v and w forms of the all-to-all family: Allgatherv,
 * Alltoallv, Alltoallw and their non-blocking forms (Barrier, Allgather and
 * Alltoall are generated from mpi-api.tab).  MPI_IN_PLACE is accepted as
 * sendbuf on intracommunicators only; the receive buffer then holds the
 * input too, and it is checked over its whole extent anyway. */
#include "ms_coll.h"

/* The send side of Allgather/Alltoall: MPI_IN_PLACE (intra only) or count
 * elements of type. */
static int send_side(ms_cc *x, bool inter, ms_gaddr sbuf, int64_t count, ms_gh type, void **hs,
                     MPI_Datatype *hst) {
  ms_type *t;
  int rc;
  if (sbuf == ABI_IN_PLACE) {
    if (inter) return ms_cc_in_place(x, "sendbuf");
    *hs = MPI_IN_PLACE;
    *hst = ms_cc_ignored_type(type);
    return 0;
  }
  if ((rc = ms_cc_tbuf(x, "sendbuf", sbuf, count, type, &t, hs))) return rc;
  *hst = t->host;
  return 0;
}

/* ---- Allgatherv ---- */

static int32_t allgatherv(wasmso_vmctx *vm, ms_gaddr sbuf, int32_t scount, ms_gh stype,
                          ms_gaddr rbuf, ms_gaddr countsg, ms_gaddr displsg, ms_gh rtype,
                          ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int peers;
  bool inter;
  void *hs = NULL, *hr, *temp = NULL;
  MPI_Datatype hst = MPI_DATATYPE_NULL;
  ms_type *rt;
  int32_t *counts, *displs;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_peers(&x, &peers, &inter)) ||
      (rc = send_side(&x, inter, sbuf, scount, stype, &hs, &hst)) ||
      (rc = ms_cc_ints(&x, "recvcounts", countsg, peers, &counts)) ||
      (rc = ms_cc_ints(&x, "displs", displsg, peers, &displs)) ||
      (rc = ms_cc_type(&x, "recvbuf", rtype, &rt)) ||
      (rc = ms_cc_vbuf(&x, "recvbuf", rbuf, counts, displs, peers, rt, &hr)))
    return rc;
  if (!nb)
    return ms_cc_check(&x,
                       MPI_Allgatherv(hs, scount, hst, hr, counts, displs, rt->host, x.c->host));
  if ((rc = ms_cc_alloc(&x, (size_t)peers * 8, &temp))) return rc;
  int32_t *copy = temp;
  ms_cc_copy_ints(copy, counts, peers);
  ms_cc_copy_ints(copy + peers, displs, peers);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(
      &x, &q,
      MPI_Iallgatherv(hs, scount, hst, hr, copy, copy + peers, rt->host, x.c->host, &q.r->host),
      temp);
}

int32_t ms_MPI_Allgatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, uint32_t comm) {
  return allgatherv(vm, sbuf, scount, stype, rbuf, rcounts, displs, rtype, comm, 0, false,
                    "MPI_Allgatherv");
}
int32_t ms_MPI_Iallgatherv(wasmso_vmctx *vm, uint32_t sbuf, int32_t scount, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t displs, uint32_t rtype, uint32_t comm, uint32_t req) {
  return allgatherv(vm, sbuf, scount, stype, rbuf, rcounts, displs, rtype, comm, req, true,
                    "MPI_Iallgatherv");
}

/* ---- Alltoallv ----
 * In place, the send arguments are ignored: the host gets the (checked)
 * receive arrays in their place. */

static int32_t alltoallv(wasmso_vmctx *vm, ms_gaddr sbuf, ms_gaddr scountsg, ms_gaddr sdisplsg,
                         ms_gh stype, ms_gaddr rbuf, ms_gaddr rcountsg, ms_gaddr rdisplsg,
                         ms_gh rtype, ms_gh comm, ms_gaddr reqp, bool nb, const char *fn) {
  ms_cc x;
  int peers;
  bool inter;
  void *hs, *hr, *temp = NULL;
  MPI_Datatype hst;
  ms_type *st, *rt;
  int32_t *sc, *sd, *rc_, *rd;
  int rc = ms_cc_begin(&x, vm, comm, fn);
  if (rc || (rc = ms_cc_peers(&x, &peers, &inter)) ||
      (rc = ms_cc_ints(&x, "recvcounts", rcountsg, peers, &rc_)) ||
      (rc = ms_cc_ints(&x, "rdispls", rdisplsg, peers, &rd)) ||
      (rc = ms_cc_type(&x, "recvbuf", rtype, &rt)) ||
      (rc = ms_cc_vbuf(&x, "recvbuf", rbuf, rc_, rd, peers, rt, &hr)))
    return rc;
  if (sbuf == ABI_IN_PLACE) {
    if (inter) return ms_cc_in_place(&x, "sendbuf");
    hs = MPI_IN_PLACE;
    sc = rc_;
    sd = rd;
    hst = rt->host;
  } else {
    if ((rc = ms_cc_ints(&x, "sendcounts", scountsg, peers, &sc)) ||
        (rc = ms_cc_ints(&x, "sdispls", sdisplsg, peers, &sd)) ||
        (rc = ms_cc_type(&x, "sendbuf", stype, &st)) ||
        (rc = ms_cc_vbuf(&x, "sendbuf", sbuf, sc, sd, peers, st, &hs)))
      return rc;
    hst = st->host;
  }
  if (!nb) return ms_cc_check(&x, MPI_Alltoallv(hs, sc, sd, hst, hr, rc_, rd, rt->host, x.c->host));
  if ((rc = ms_cc_alloc(&x, (size_t)peers * 16, &temp))) return rc;
  int32_t *copy = temp;
  ms_cc_copy_ints(copy, sc, peers);
  ms_cc_copy_ints(copy + peers, sd, peers);
  ms_cc_copy_ints(copy + 2 * peers, rc_, peers);
  ms_cc_copy_ints(copy + 3 * peers, rd, peers);
  ms_nbreq q;
  if ((rc = ms_cc_req_begin(&x, reqp, &q))) {
    free(temp);
    return rc;
  }
  return ms_cc_req_end(&x, &q,
                       MPI_Ialltoallv(hs, copy, copy + peers, hst, hr, copy + 2 * peers,
                                      copy + 3 * peers, rt->host, x.c->host, &q.r->host),
                       temp);
}

int32_t ms_MPI_Alltoallv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtype, uint32_t comm) {
  return alltoallv(vm, sbuf, scounts, sdispls, stype, rbuf, rcounts, rdispls, rtype, comm, 0, false,
                   "MPI_Alltoallv");
}
int32_t ms_MPI_Ialltoallv(wasmso_vmctx *vm, uint32_t sbuf, uint32_t scounts, uint32_t sdispls, uint32_t stype, uint32_t rbuf, uint32_t rcounts, uint32_t rdispls, uint32_t rtype, uint32_t comm, uint32_t req) {
  return alltoallv(vm, sbuf, scounts, sdispls, stype, rbuf, rcounts, rdispls, rtype, comm, req,
                   true, "MPI_Ialltoallv");
}

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
