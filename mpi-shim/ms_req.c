/* ms_req.c — guest request handles: one request, arrays of requests, and the
 * release of completed requests (temp arrays freed, guest slot nulled). */
#include <stdlib.h>
#include <string.h>

#include "ms_p2p.h"

int ms_p2p_buf_error(wasmso_vmctx *vm, ms_comm *c, int cls, const char *fn, ms_gaddr buf,
                     int32_t count, ms_gh dt) {
  switch (cls) {
  case ABI_ERR_COUNT:
    return ms_raise(vm, c, cls, fn, "negative count %d", count);
  case ABI_ERR_TYPE:
    return ms_raise(vm, c, cls, fn, "datatype %#x is not a committed datatype", dt);
  case ABI_ERR_BUFFER:
    return ms_raise(vm, c, cls, fn,
                    "buffer %#x with %d elements of datatype %#x runs outside guest memory "
                    "(%llu bytes)",
                    buf, count, dt, (unsigned long long)ms_memsize(vm));
  default:
    return ms_raise(vm, c, cls, fn, "bad buffer %#x", buf);
  }
}

int ms_req_in(const wasmso_vmctx *vm, ms_gaddr g, ms_u32 **slot, ms_gh *h, ms_request **r) {
  *slot = ms_ptr(vm, g, 4);
  if (!*slot || g == 0) return ABI_ERR_REQUEST;
  *h = **slot;
  if (*h == ABI_REQUEST_NULL) {
    *r = NULL;
    return 0;
  }
  *r = ms_req_get(*h);
  return *r ? 0 : ABI_ERR_REQUEST;
}

ms_request *ms_req_new(ms_gh *h) {
  ms_request *r = ms_obj_new(MS_REQUEST, h);
  if (r) r->host = MPI_REQUEST_NULL;
  return r;
}

void ms_req_release(ms_request *r, ms_gh h, ms_u32 *slot) {
  if (r->flags & MS_REQ_PERSISTENT) return;
  ms_req_drop(r, h, (void *)slot);
  if (__builtin_expect(ms_orphan_count != 0, 0)) ms_orphans_poll();
}

/* Marks a request while it is listed in the array being translated: a
 * request listed twice would reach the host twice, and the host frees it at
 * the first completion (a use after free in the host). */
#define LISTED MS_REQ_P2P_LISTED

static void unmark(ms_reqv *v, int32_t upto) {
  for (int32_t i = 0; i < upto; i++)
    if (v->rec[i]) v->rec[i]->flags &= ~LISTED;
}

/* The arrays for n requests: on the stack, or one malloc. */
static bool reqv_arrays(ms_reqv *v, int32_t n) {
  if (n <= MS_REQV_STACK) {
    v->host = v->host_small;
    v->st = v->st_small;
    v->h = v->h_small;
    v->rec = v->rec_small;
    return true;
  }
  size_t un = (size_t)n;
  v->heap = malloc(un * (sizeof(MPI_Status) + sizeof(MPI_Request) + sizeof(ms_request *) +
                         sizeof(ms_gh)));
  if (!v->heap) return false;
  /* Largest alignment first. */
  v->st = v->heap;
  v->host = (MPI_Request *)(v->st + un);
  v->rec = (ms_request **)(v->host + un);
  v->h = (ms_gh *)(v->rec + un);
  return true;
}

int ms_reqv_in(const wasmso_vmctx *vm, ms_reqv *v, int32_t n, ms_gaddr g, ms_gaddr gst,
               int32_t nst, void **gstat) {
  v->n = 0;
  v->heap = NULL;
  if (n < 0) return ABI_ERR_ARG;
  v->g = (ms_u32 *)ms_ptr(vm, g, (uint64_t)n * 4);
  if (!v->g || (g == 0 && n > 0)) return ABI_ERR_REQUEST;
  bool ignore;
  *gstat = ms_statuses(vm, gst, nst, &ignore);
  if (!*gstat && !ignore) return ABI_ERR_ARG;
  if (!reqv_arrays(v, n)) return ABI_ERR_NO_MEM;
  if (ignore) v->st = MPI_STATUSES_IGNORE;
  for (int32_t i = 0; i < n; i++) {
    ms_gh h = v->h[i] = v->g[i];
    ms_request *r = NULL;
    if (h != ABI_REQUEST_NULL && (!(r = ms_req_get(h)) || (r->flags & LISTED))) {
      unmark(v, i);
      ms_reqv_free(v);
      return ABI_ERR_REQUEST;
    }
    v->rec[i] = r;
    if (r) r->flags |= LISTED;
    v->host[i] = r ? r->host : MPI_REQUEST_NULL;
  }
  v->n = n;
  unmark(v, n);
  return 0;
}

void ms_reqv_settle(ms_reqv *v) {
  for (int i = 0; i < v->n; i++) {
    ms_request *r = v->rec[i];
    if (!r) continue;
    r->host = v->host[i];
    if (v->host[i] == MPI_REQUEST_NULL) ms_req_release(r, v->h[i], &v->g[i]);
  }
}

void ms_reqv_free(ms_reqv *v) {
  free(v->heap);
  v->heap = NULL;
}

void ms_reqv_status_out(const ms_reqv *v, void *gstat, int j, int i) {
  if (gstat) ms_status_out((char *)gstat + (size_t)j * MS_STATUS_SIZE, &v->st[i]);
}

int ms_reqv_check(wasmso_vmctx *vm, int rc, const char *fn) {
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}
