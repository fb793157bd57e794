/* ms_req_misc.c — request management: Request_free, Request_get_status,
 * Cancel, and starting persistent requests (Start, Startall).
 * hand-written: MPI_Request_free, MPI_Request_get_status, MPI_Cancel,
 *   MPI_Start, MPI_Startall (a request's state decides: active or not,
 *   persistent, generalized, orphaned by Request_free while active). */
#include "ms_p2p.h"

#include <stdlib.h>

static int bad_request(wasmso_vmctx *vm, const char *fn, u32 g) {
  return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "invalid request (request pointer %#x)", g);
}

/* A nonblocking collective's temp arrays may still be read by the host until
 * it completes, and it pins its communicator (ms_req_pin): freeing or
 * cancelling one is erroneous (MPI-3.1 5.12), and refused rather than
 * letting the host read freed memory. */
static bool busy_collective(const ms_request *r) {
  return r && ((r->temp && !(r->flags & MS_REQ_PERSISTENT)) || (r->flags & MS_REQ_COLLECTIVE));
}

int32_t ms_MPI_Request_free(wasmso_vmctx *vm, uint32_t req) {
  MS_NO_REENTRY(vm, "MPI_Request_free");
  static const char fn[] = "MPI_Request_free";
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  if (ms_req_in(vm, req, &slot, &h, &r)) return bad_request(vm, fn, req);
  if (busy_collective(r))
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "a nonblocking collective cannot be freed");
  MPI_Request null = MPI_REQUEST_NULL;
  if (r && (r->flags & MS_REQ_GENERALIZED) && !(r->flags & MS_REQ_P2P_GREQ_DONE)) {
    /* The host keeps a pending generalized request until
     * MPI_Grequest_complete, which the guest may still call with a copy of
     * the handle: the record stays for that call only. */
    MPI_Request keep = r->host;
    int rc = MPI_Request_free(&r->host);
    if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
    r->host = keep;
    r->flags |= MS_REQ_P2P_GREQ_FREED;
    *slot = ABI_REQUEST_NULL;
    return 0;
  }
  /* The host's free of an active request may release objects too soon
   * (ms_req_free_active): the shim keeps it until it is done. */
  int rc = r ? ms_req_free_active(r, h) : MPI_Request_free(&null);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  if (r) *slot = ABI_REQUEST_NULL;
  return 0;
}

int32_t ms_MPI_Request_get_status(wasmso_vmctx *vm, uint32_t req, uint32_t flag, uint32_t status) {
  static const char fn[] = "MPI_Request_get_status";
  ms_request *r = NULL;
  void *gs;
  MPI_Status hs;
  if (req != ABI_REQUEST_NULL && !(r = ms_req_get(req)))
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "invalid request %#x", req);
  ms_i32 *gf = flag ? (ms_i32 *)ms_ptr(vm, flag, 4) : NULL;
  if (!gf) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "flag %#x outside guest memory", flag);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return ms_raise(vm, NULL, ABI_ERR_ARG, fn, "status %#x outside guest memory", status);
  int f = 0;
  int rc = MPI_Request_get_status(r ? r->host : MPI_REQUEST_NULL, &f, st);
  if (rc != MPI_SUCCESS) return ms_check(vm, NULL, rc, fn);
  *gf = f != 0;
  if (f && gs) ms_status_out(gs, st);
  if (f && r) ms_req_idup_done(r); /* complete: MPI_Comm_idup's newcomm may be used */
  return 0;
}

int32_t ms_MPI_Cancel(wasmso_vmctx *vm, uint32_t req) {
  MS_NO_REENTRY(vm, "MPI_Cancel");
  static const char fn[] = "MPI_Cancel";
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  if (ms_req_in(vm, req, &slot, &h, &r)) return bad_request(vm, fn, req);
  if (busy_collective(r))
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "a nonblocking collective cannot be cancelled");
  MPI_Request null = MPI_REQUEST_NULL;
  int rc = MPI_Cancel(r ? &r->host : &null);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}

int32_t ms_MPI_Start(wasmso_vmctx *vm, uint32_t req) {
  MS_NO_REENTRY(vm, "MPI_Start");
  static const char fn[] = "MPI_Start";
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  if (ms_req_in(vm, req, &slot, &h, &r)) return bad_request(vm, fn, req);
  MPI_Request null = MPI_REQUEST_NULL;
  /* Open MPI's MPI_Start does not refuse an active request (it would leave
   * the running one behind); its MPI_Startall does. */
  int rc = MPI_Startall(1, r ? &r->host : &null);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}

int32_t ms_MPI_Startall(wasmso_vmctx *vm, int32_t n, uint32_t reqs) {
  MS_NO_REENTRY(vm, "MPI_Startall");
  static const char fn[] = "MPI_Startall";
  ms_reqv v;
  void *gst;
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, 0, 0, &gst);
  if (cls == ABI_ERR_REQUEST) return bad_request(vm, fn, reqs);
  if (cls) return ms_raise(vm, NULL, cls, fn, "bad count %d", (int32_t)n);
  int rc = MPI_Startall(v.n, v.host);
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}
