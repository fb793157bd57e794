/* ms_p2p.h — what the point-to-point wrappers (group p2p) share: the
 * prototypes of every wrapper (for the import table in ms_p2p_table.c) and
 * small helpers for guest buffers, requests and arrays of requests. */
#ifndef MS_P2P_H
#define MS_P2P_H

#include "ms_fast.h"

typedef uint32_t u32; /* a guest i32 argument */
/* A guest int64 slot (ms_u32, ms_i32: ms_fast.h). */
typedef int64_t ms_i64 __attribute__((aligned(1), may_alias));

/* A committed type and count elements of it at guest address buf: 0 or the
 * class (ABI_ERR_TYPE, ABI_ERR_COUNT, ABI_ERR_BUFFER), *host set. */
static inline int ms_p2p_buf(const wasmso_vmctx *vm, ms_gaddr buf, int32_t count, ms_gh dt,
                             ms_type **t, void **host) {
  int cls = ms_type_get_committed(dt, t);
  return cls ? cls : ms_buffer(vm, buf, count, *t, host);
}

/* Raise cls from a buffer check with the details of the call. */
int ms_p2p_buf_error(wasmso_vmctx *vm, ms_comm *c, int cls, const char *fn, ms_gaddr buf,
                     int32_t count, ms_gh dt);

/* Host status for a guest status pointer g: *st is a stack status (local)
 * or MPI_STATUS_IGNORE (g 0), *guest the guest status (NULL if ignored).
 * False when the 32 bytes are not in guest memory. */
static inline bool ms_p2p_status(const wasmso_vmctx *vm, ms_gaddr g, MPI_Status *local,
                                 MPI_Status **st, void **guest) {
  if (g == 0) {
    *guest = NULL;
    *st = MPI_STATUS_IGNORE;
    return true;
  }
  *guest = ms_fast_ptr(vm, g, MS_STATUS_SIZE);
  /* Single-completion calls leave MPI_ERROR unset: start it defined, so the
   * guest gets MPI_SUCCESS there, not a translation of stack garbage. */
  local->MPI_ERROR = MPI_SUCCESS;
  *st = local;
  return *guest != NULL;
}

/* Bits of ms_request.flags this group uses beside the core's MS_REQ_*:
 * LISTED marks a request while an array is translated (ms_req.c); a
 * generalized request records whether MPI_Grequest_complete was called
 * (GREQ_DONE), and one the guest freed before that (GREQ_FREED) keeps its
 * record, for MPI_Grequest_complete only, until then. */
#define MS_REQ_P2P_LISTED 0x80000000u
#define MS_REQ_P2P_GREQ_DONE 0x40000000u
#define MS_REQ_P2P_GREQ_FREED 0x20000000u

/* A live request record for guest handle h that the guest may still use
 * (not a generalized request it already freed), or NULL. */
static inline ms_request *ms_req_get(ms_gh h) {
  ms_request *r = ms_obj_get(MS_REQUEST, h);
  return r && !(r->flags & MS_REQ_P2P_GREQ_FREED) ? r : NULL;
}

/* Completion and free calls made by guest code that the shim runs from
 * inside another MPI call are refused: MS_NO_REENTRY (ms_internal.h). */

/* ---- one request ----
 * The guest's request slot at g, the handle in it (read once: guest
 * callbacks run by the host may change the slot) and its record (NULL for
 * ABI_REQUEST_NULL): 0 or
 * ABI_ERR_REQUEST (slot NULL or outside memory, as Open MPI says for NULL;
 * or an unknown handle). */
int ms_req_in(const wasmso_vmctx *vm, ms_gaddr g, ms_u32 **slot, ms_gh *h, ms_request **r);
/* A new request record for a guest request slot (checked by the caller). */
ms_request *ms_req_new(ms_gh *h);
/* After the host completed or freed r: release temp, the record and store
 * ABI_REQUEST_NULL in the guest's slot.  Persistent requests stay. */
/* The communicator whose error handler hears of r's completion errors, or
 * NULL for MPI_COMM_WORLD's. */
static inline ms_comm *ms_req_comm(const ms_request *r) {
  /* A communicator freed while the request was pending (allowed by MPI;
   * the request's pin keeps the record): the guest has no handle for it
   * any more, so MPI_COMM_WORLD's handler hears of it. */
  return r->comm && !r->comm->free_deferred ? r->comm : NULL;
}
void ms_req_release(ms_request *r, ms_gh h, ms_u32 *slot);

/* ---- arrays of requests ----
 * Host copies of n guest handles (on the stack up to MS_REQV_STACK), the
 * handles and records they name (kept here: the guest's array may change
 * while the host runs guest callbacks), and host statuses. */
#define MS_REQV_STACK 16
typedef struct ms_reqv {
  int n;
  ms_u32 *g;              /* the guest's array */
  MPI_Request *host;
  MPI_Status *st;         /* n host statuses, or MPI_STATUSES_IGNORE */
  ms_gh *h;               /* the handles as translated */
  ms_request **rec;       /* their records (NULL for MPI_REQUEST_NULL) */
  void *heap;             /* one malloc for all of them beyond the stack arrays */
  MPI_Request host_small[MS_REQV_STACK];
  MPI_Status st_small[MS_REQV_STACK];
  ms_gh h_small[MS_REQV_STACK];
  ms_request *rec_small[MS_REQV_STACK];
} ms_reqv;
/* Check and translate: n >= 0 (else ABI_ERR_ARG), the n handles at g (a
 * NULL or out-of-memory array is ABI_ERR_REQUEST as in Open MPI, an unknown
 * handle too), nst guest statuses at gst (0 = ignore; else ABI_ERR_ARG when
 * outside memory).  Host statuses: n.  Returns 0 or the class (also
 * ABI_ERR_NO_MEM); *gstat is the guest status array or NULL. */
int ms_reqv_in(const wasmso_vmctx *vm, ms_reqv *v, int32_t n, ms_gaddr g, ms_gaddr gst,
               int32_t nst, void **gstat);
/* After the host call: every request the host completed (host handle now
 * MPI_REQUEST_NULL) is released and nulled in the guest's array; persistent
 * ones keep their record (and the host handle, copied back). */
void ms_reqv_settle(ms_reqv *v);
void ms_reqv_free(ms_reqv *v);
/* Store host status i as guest status j of the array gstat (NULL: ignored). */
void ms_reqv_status_out(const ms_reqv *v, void *gstat, int j, int i);
/* The multi-completion return: statuses already written, MPI_ERR_IN_STATUS
 * raised as such. */
int ms_reqv_check(wasmso_vmctx *vm, int rc, const char *fn);


#endif
