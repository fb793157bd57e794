/* ms_req_wait.c — completion: Wait and Test, and their all/any/some forms
 * over arrays of requests.  A request the host completed is released (temp
 * freed, guest handle set to MPI_REQUEST_NULL) unless it is persistent.
 * hand-written: MPI_Wait, MPI_Test, MPI_Waitall, MPI_Testall, MPI_Waitany,
 *   MPI_Testany, MPI_Waitsome, MPI_Testsome (completion: the guest's array
 *   read once, each completed request released and its guest slot nulled,
 *   persistent ones kept, statuses and MPI_ERR_IN_STATUS per entry; Wait's
 *   fast path inlines a plain request's release) */
#include "ms_p2p.h"

static int out_of_memory(wasmso_vmctx *vm, int cls, const char *fn, const char *what, u32 g) {
  return ms_raise(vm, NULL, cls, fn, "%s %#x outside guest memory", what, g);
}

/* Class of a failed ms_req_in/ms_reqv_in, raised with its reason. */
static int bad_requests(wasmso_vmctx *vm, int cls, const char *fn, u32 g) {
  switch (cls) {
  case ABI_ERR_REQUEST:
    return ms_raise(vm, NULL, cls, fn, "invalid request (or request array %#x)", g);
  case ABI_ERR_ARG:
    return ms_raise(vm, NULL, cls, fn, "bad count or status array");
  default:
    return ms_raise(vm, NULL, cls, fn, "cannot translate the requests");
  }
}

/* ---- one request ---- */

/* After the host's MPI_Wait on r (hr: its host request, active: it was not
 * MPI_REQUEST_NULL before): status, release, the error if any. */
static int32_t wait_end(wasmso_vmctx *vm, ms_request *r, ms_gh h, ms_u32 *slot,
                        MPI_Request *hr, bool active, int rc, MPI_Status *st, void *gs) {
  bool done = active && *hr == MPI_REQUEST_NULL;
  if (gs && (rc == MPI_SUCCESS || done)) ms_status_out(gs, st);
  ms_comm *c = r ? ms_req_comm(r) : NULL;
  if (r && (done || (rc == MPI_SUCCESS && !(r->flags & MS_REQ_PERSISTENT))))
    ms_req_release(r, h, slot);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, "MPI_Wait");
}

static __attribute__((noinline)) int32_t wait_slow(wasmso_vmctx *vm, uint32_t req, uint32_t status) {
  static const char fn[] = "MPI_Wait";
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  void *gs;
  MPI_Status hs;
  int cls = ms_req_in(vm, req, &slot, &h, &r);
  if (cls) return bad_requests(vm, cls, fn, req);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return out_of_memory(vm, ABI_ERR_ARG, fn, "status", status);
  MPI_Request null = MPI_REQUEST_NULL, *hr = r ? &r->host : &null;
  bool active = *hr != MPI_REQUEST_NULL;
  int rc = MPI_Wait(hr, st);
  return wait_end(vm, r, h, slot, hr, active, rc, st, gs);
}

/* Hot path: a plain request (ms_fast_req_in) completed without error; an
 * aligned status written by the host in place (ms_fast_status_at). */
int32_t ms_MPI_Wait(wasmso_vmctx *vm, uint32_t req, uint32_t status) {
  MS_NO_REENTRY(vm, "MPI_Wait");
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  void *gs;
  MPI_Status *st;
  if (__builtin_expect(!ms_fast_req_in(vm, req, &slot, &h, &r) ||
                           !ms_fast_status_at(vm, status, &st, &gs), 0))
    return wait_slow(vm, req, status);
  bool active = r->host != MPI_REQUEST_NULL;
  int rc = MPI_Wait(&r->host, st);
  if (__builtin_expect(rc != MPI_SUCCESS, 0))
    return wait_end(vm, r, h, slot, &r->host, active, rc, st, gs);
  if (gs) ms_fast_status_fix(st);
  ms_fast_req_done(h, slot);
  return 0;
}

int32_t ms_MPI_Test(wasmso_vmctx *vm, uint32_t req, uint32_t flag, uint32_t status) {
  MS_NO_REENTRY(vm, "MPI_Test");
  static const char fn[] = "MPI_Test";
  ms_u32 *slot;
  ms_gh h;
  ms_request *r;
  void *gs;
  MPI_Status hs;
  int cls = ms_req_in(vm, req, &slot, &h, &r);
  if (cls) return bad_requests(vm, cls, fn, req);
  ms_i32 *gf = ms_ptr(vm, flag, 4);
  if (!gf || flag == 0) return out_of_memory(vm, ABI_ERR_ARG, fn, "flag", flag);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return out_of_memory(vm, ABI_ERR_ARG, fn, "status", status);
  MPI_Request null = MPI_REQUEST_NULL, *hr = r ? &r->host : &null;
  bool active = *hr != MPI_REQUEST_NULL;
  int f = 0;
  int rc = MPI_Test(hr, &f, st);
  bool done = active && *hr == MPI_REQUEST_NULL;
  if (rc == MPI_SUCCESS) *gf = f != 0;
  if (gs && ((rc == MPI_SUCCESS && f) || done)) ms_status_out(gs, st);
  ms_comm *c = r ? ms_req_comm(r) : NULL;
  if (r && (done || (rc == MPI_SUCCESS && f && !(r->flags & MS_REQ_PERSISTENT))))
    ms_req_release(r, h, slot);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, fn);
}

/* ---- arrays ---- */

/* A guest int out-parameter (flag, index, outcount). */
static ms_i32 *int_out(const wasmso_vmctx *vm, u32 g) {
  return g ? (ms_i32 *)ms_ptr(vm, g, 4) : NULL;
}

/* Host status pointer for the single status of the any forms. */
static MPI_Status *one_status(ms_reqv *v, void *gst) {
  return gst ? v->st : MPI_STATUS_IGNORE;
}

static bool completed(int rc) { return rc == MPI_SUCCESS || rc == MPI_ERR_IN_STATUS; }

int32_t ms_MPI_Waitall(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t statuses) {
  MS_NO_REENTRY(vm, "MPI_Waitall");
  static const char fn[] = "MPI_Waitall";
  ms_reqv v;
  void *gst;
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, statuses, (int32_t)n, &gst);
  if (cls) return bad_requests(vm, cls, fn, reqs);
  int rc = MPI_Waitall(v.n, v.host, gst ? v.st : MPI_STATUSES_IGNORE);
  if (completed(rc))
    for (int i = 0; i < v.n; i++) ms_reqv_status_out(&v, gst, i, i);
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return ms_reqv_check(vm, rc, fn);
}

int32_t ms_MPI_Testall(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t flag, uint32_t statuses) {
  MS_NO_REENTRY(vm, "MPI_Testall");
  static const char fn[] = "MPI_Testall";
  ms_reqv v;
  void *gst;
  ms_i32 *gf = int_out(vm, flag);
  if (!gf) return out_of_memory(vm, ABI_ERR_ARG, fn, "flag", flag);
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, statuses, (int32_t)n, &gst);
  if (cls) return bad_requests(vm, cls, fn, reqs);
  int f = 0;
  int rc = MPI_Testall(v.n, v.host, &f, gst ? v.st : MPI_STATUSES_IGNORE);
  if (completed(rc)) {
    *gf = f != 0;
    if (f || rc == MPI_ERR_IN_STATUS)
      for (int i = 0; i < v.n; i++) ms_reqv_status_out(&v, gst, i, i);
  }
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return ms_reqv_check(vm, rc, fn);
}

int32_t ms_MPI_Waitany(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t index, uint32_t status) {
  MS_NO_REENTRY(vm, "MPI_Waitany");
  static const char fn[] = "MPI_Waitany";
  ms_reqv v;
  void *gst;
  ms_i32 *gi = int_out(vm, index);
  if (!gi) return out_of_memory(vm, ABI_ERR_ARG, fn, "index", index);
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, status, 1, &gst);
  if (cls) return bad_requests(vm, cls, fn, reqs);
  int idx = MPI_UNDEFINED;
  int rc = MPI_Waitany(v.n, v.host, &idx, one_status(&v, gst));
  /* On an error the host still names the failed request. */
  *gi = ms_undefined_out(idx);
  if (rc == MPI_SUCCESS || idx != MPI_UNDEFINED) ms_reqv_status_out(&v, gst, 0, 0);
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return ms_reqv_check(vm, rc, fn);
}

int32_t ms_MPI_Testany(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t index, uint32_t flag, uint32_t status) {
  MS_NO_REENTRY(vm, "MPI_Testany");
  static const char fn[] = "MPI_Testany";
  ms_reqv v;
  void *gst;
  ms_i32 *gi = int_out(vm, index), *gf = int_out(vm, flag);
  if (!gi) return out_of_memory(vm, ABI_ERR_ARG, fn, "index", index);
  if (!gf) return out_of_memory(vm, ABI_ERR_ARG, fn, "flag", flag);
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, status, 1, &gst);
  if (cls) return bad_requests(vm, cls, fn, reqs);
  int idx = MPI_UNDEFINED, f = 0;
  int rc = MPI_Testany(v.n, v.host, &idx, &f, one_status(&v, gst));
  *gi = ms_undefined_out(idx);
  if (rc == MPI_SUCCESS) *gf = f != 0;
  if ((rc == MPI_SUCCESS && f) || idx != MPI_UNDEFINED) ms_reqv_status_out(&v, gst, 0, 0);
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return ms_reqv_check(vm, rc, fn);
}

typedef int (*some_fn)(int, MPI_Request *, int *, int *, MPI_Status *);

static int32_t some(wasmso_vmctx *vm, u32 n, u32 reqs, u32 outcount, u32 indices, u32 statuses,
                    some_fn host, const char *fn) {
  ms_reqv v;
  void *gst;
  ms_i32 *go = int_out(vm, outcount);
  if (!go) return out_of_memory(vm, ABI_ERR_ARG, fn, "outcount", outcount);
  /* The host writes the indices straight into the guest's array. */
  int32_t *gidx = ms_ints(vm, indices, (int32_t)n);
  if ((int32_t)n >= 0 && (!gidx || (indices == 0 && n > 0)))
    return out_of_memory(vm, ABI_ERR_ARG, fn, "indices", indices);
  int cls = ms_reqv_in(vm, &v, (int32_t)n, reqs, statuses, (int32_t)n, &gst);
  if (cls) return bad_requests(vm, cls, fn, reqs);
  int out = MPI_UNDEFINED;
  int rc = host(v.n, v.host, &out, gidx, gst ? v.st : MPI_STATUSES_IGNORE);
  if (completed(rc)) {
    *go = ms_undefined_out(out);
    for (int j = 0; j < out; j++) ms_reqv_status_out(&v, gst, j, j);
  }
  ms_reqv_settle(&v);
  ms_reqv_free(&v);
  return ms_reqv_check(vm, rc, fn);
}

int32_t ms_MPI_Waitsome(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t outcount, uint32_t indices, uint32_t statuses) {
  MS_NO_REENTRY(vm, "MPI_Waitsome");
  return some(vm, n, reqs, outcount, indices, statuses, MPI_Waitsome, "MPI_Waitsome");
}

int32_t ms_MPI_Testsome(wasmso_vmctx *vm, int32_t n, uint32_t reqs, uint32_t outcount, uint32_t indices, uint32_t statuses) {
  MS_NO_REENTRY(vm, "MPI_Testsome");
  return some(vm, n, reqs, outcount, indices, statuses, MPI_Testsome, "MPI_Testsome");
}
