/* ms_comm_new.c — the constructors of communicators that are not generated
 * from mpi-api.tab.  Each checks its out-parameter and reserves the guest
 * handle before the host call, so a host communicator is never created that
 * the guest cannot be given.
 * hand-written: MPI_Comm_idup (a communicator and a request at once; the
 *   host fills the record when the request completes)
 * hand-written: MPI_Intercomm_create (peer_comm and remote_leader are
 *   significant only at the local leader) */
#include <stdlib.h>

#include "ms_comm.h"

/* The host writes the new communicator into the record when the request
 * completes; records never move (ms_handles.c), so it may keep the address.
 * The guest handle is valid from the start, as MPI says. */
int32_t ms_MPI_Comm_idup(wasmso_vmctx *vm, uint32_t comm, uint32_t newcomm, uint32_t request) {
  static const char fn[] = "MPI_Comm_idup";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *preq;
  ms_gh rh;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, request, &preq, fn, "request")))
    return rc;
  if ((rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn))) return rc;
  ms_request *req = ms_obj_new(MS_REQUEST, &rh);
  if (!req) {
    ms_cm_unreserve(n.h);
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no room for another request handle");
  }
  ms_comm *rec = ms_obj_get(MS_COMM, n.h);
  rec->errhandler = n.errh;
  /* Open MPI writes its new communicator at once, long before it can be
   * used (no collective modules, no matching): it goes to the request's
   * temp, and to our record at completion (ms_req_drop). */
  MPI_Comm *pending = malloc(sizeof *pending);
  if (!pending) {
    ms_obj_free(MS_REQUEST, rh);
    ms_cm_unreserve(n.h);
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "out of host memory");
  }
  *pending = MPI_COMM_NULL;
  int hrc = MPI_Comm_idup(c->host, pending, &req->host);
  if (hrc != MPI_SUCCESS) {
    free(pending);
    ms_obj_free(MS_REQUEST, rh);
    ms_cm_unreserve(n.h);
    return ms_check(vm, ms_obj_get(MS_COMM, comm), hrc, fn);
  }
  /* The parent stays on the host until the duplication completes (Open MPI
   * 4.1 crashes when it is freed before): the request pins it. */
  req->flags = MS_REQ_COLLECTIVE;
  req->comm = c;
  req->temp = pending;
  req->idup_comm = n.h;
  ms_req_pin(req, comm);
  /* A new host communicator inherits the parent's ERRORS_RETURN. */
  *n.out = (int32_t)n.h;
  *preq = (int32_t)rh;
  return 0;
}

int32_t ms_MPI_Intercomm_create(wasmso_vmctx *vm, uint32_t local, int32_t local_leader, uint32_t peer, int32_t remote_leader, int32_t tag, uint32_t newcomm) {
  static const char fn[] = "MPI_Intercomm_create";
  struct ms_cm_new n;
  ms_comm *c, *pc;
  MPI_Comm nc = MPI_COMM_NULL, hpeer = MPI_COMM_NULL;
  int rc, me;
  if ((rc = ms_cm_comm(vm, local, &c, fn)) || (rc = ms_cm_intra(vm, c, local, fn)) ||
      (rc = ms_cm_ranks(vm, c, &local_leader, 1, ms_cm_size(c), 0, fn, "local_leader")))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Comm_rank(c->host, &me), fn))) return rc;
  /* peer_comm is significant only at the local leader: elsewhere it may be
   * anything and is not looked at. */
  if (me == local_leader) {
    int inter = 0, psize = 0;
    if ((rc = ms_cm_comm(vm, peer, &pc, fn))) return rc;
    MPI_Comm_test_inter(pc->host, &inter);
    if (inter) MPI_Comm_remote_size(pc->host, &psize);
    else psize = ms_cm_size(pc);
    if ((rc = ms_cm_ranks(vm, c, &remote_leader, 1, psize, 0, fn, "remote_leader"))) return rc;
    hpeer = pc->host;
  }
  if ((rc = ms_cm_begin(vm, local, newcomm, &n, &c, fn))) return rc;
  return ms_cm_end(vm, &n,
             MPI_Intercomm_create(c->host, local_leader, hpeer, remote_leader, tag, &nc), &nc,
             fn);
}
