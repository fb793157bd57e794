/* ms_req_greq.c — generalized requests: the guest's query, free and cancel
 * functions (indices in its function table) run when the host calls our
 * callbacks.  The query function fills a guest status in guest scratch
 * memory, which then becomes the host's status.
 * hand-written: MPI_Grequest_start, MPI_Grequest_complete (guest callbacks
 *   through host trampolines; a freed request's record kept until complete). */
#include <stdlib.h>

#include "ms_p2p.h"

typedef struct greq {
  wasmso_funcref *query, *free_fn, *cancel;
  uint32_t extra_state; /* the guest's void *, passed back as is */
} greq;

/* A guest return code as a host code: 0 stays MPI_SUCCESS. */
static int host_rc(uint32_t rc) {
  return rc == 0 ? MPI_SUCCESS : ms_class_to_host((int32_t)rc);
}

static int query_cb(void *es, MPI_Status *st) {
  greq *g = es;
  wasmso_vmctx *vm = ms_vm();
  ms_gaddr gs = ms_guest_malloc(vm, MS_STATUS_SIZE);
  void *p = gs ? ms_ptr(vm, gs, MS_STATUS_SIZE) : NULL;
  if (!p) return MPI_ERR_NO_MEM;
  ms_status_out(p, st);
  wasmso_value args[2] = {{.i32 = g->extra_state}, {.i32 = gs}}, res[1] = {{.i32 = 0}};
  ms_guest_call(vm, g->query, args, res);
  ms_status_in(p, st);
  ms_guest_free(vm, gs);
  return host_rc(res[0].i32);
}

static int free_cb(void *es) {
  greq *g = es;
  wasmso_value args[1] = {{.i32 = g->extra_state}}, res[1] = {{.i32 = 0}};
  ms_guest_call(ms_vm(), g->free_fn, args, res);
  free(g);
  return host_rc(res[0].i32);
}

static int cancel_cb(void *es, int complete) {
  greq *g = es;
  wasmso_value args[2] = {{.i32 = g->extra_state}, {.i32 = complete != 0}}, res[1] = {{.i32 = 0}};
  ms_guest_call(ms_vm(), g->cancel, args, res);
  return host_rc(res[0].i32);
}

int32_t ms_MPI_Grequest_start(wasmso_vmctx *vm, uint32_t query_fn, uint32_t free_fn, uint32_t cancel_fn, uint32_t extra_state, uint32_t req) {
  static const char fn[] = "MPI_Grequest_start";
  ms_u32 *slot = req ? (ms_u32 *)ms_ptr(vm, req, 4) : NULL;
  if (!slot)
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "request pointer %#x outside guest memory",
                    req);
  greq g = {ms_guest_func(vm, query_fn, "ii", "i"), ms_guest_func(vm, free_fn, "i", "i"),
            ms_guest_func(vm, cancel_fn, "ii", "i"), extra_state};
  if (!g.query || !g.free_fn || !g.cancel)
    return ms_raise(vm, NULL, ABI_ERR_ARG, fn,
                    "%s function %u is not a guest function of the right type",
                    !g.query ? "query" : !g.free_fn ? "free" : "cancel",
                    !g.query ? query_fn : !g.free_fn ? free_fn : cancel_fn);
  greq *state = malloc(sizeof *state);
  ms_gh h;
  ms_request *r = state ? ms_req_new(&h) : NULL;
  if (!r) {
    free(state);
    return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "out of memory for a request");
  }
  *state = g;
  int rc = MPI_Grequest_start(query_cb, free_cb, cancel_cb, state, &r->host);
  if (rc != MPI_SUCCESS) {
    free(state);
    ms_obj_free(MS_REQUEST, h);
    return ms_check(vm, NULL, rc, fn);
  }
  r->flags = MS_REQ_GENERALIZED;
  *slot = h;
  return 0;
}

int32_t ms_MPI_Grequest_complete(wasmso_vmctx *vm, uint32_t req) {
  static const char fn[] = "MPI_Grequest_complete";
  ms_request *r = req == ABI_REQUEST_NULL ? NULL : ms_obj_get(MS_REQUEST, req);
  if (req != ABI_REQUEST_NULL && !r)
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "invalid request %#x", req);
  if (r && !(r->flags & MS_REQ_GENERALIZED))
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "request %#x is not a generalized request", req);
  if (r && (r->flags & MS_REQ_P2P_GREQ_DONE))
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "request %#x was already completed", req);
  int rc = MPI_Grequest_complete(r ? r->host : MPI_REQUEST_NULL);
  if (rc != MPI_SUCCESS || !r) return ms_check(vm, NULL, rc, fn);
  r->flags |= MS_REQ_P2P_GREQ_DONE;
  /* Freed by the guest before: the host has now let it go (free_fn ran). */
  if (r->flags & MS_REQ_P2P_GREQ_FREED) ms_obj_free(MS_REQUEST, req);
  return 0;
}
