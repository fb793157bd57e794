/* ms_p2p_isend.c — calls that make a request: the nonblocking sends and
 * receive, and their persistent forms (*_init).  The guest gets a handle of
 * the request table; the record holds the host request. */
#include "ms_p2p.h"

typedef int (*make_fn)(const void *, int, MPI_Datatype, int, int, MPI_Comm, MPI_Request *);

static inline int32_t make_request(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 peer,
                                   u32 tag, u32 comm, u32 req, make_fn make, uint32_t flags,
                                   const char *fn) {
  ms_comm *c;
  ms_type *t;
  void *p;
  if (__builtin_expect(!ms_p2p_fast(vm, buf, (int32_t)count, dt, comm, &c, &t, &p), 0)) {
    int cls = ms_comm_get(comm, &c);
    if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
    cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
    if (cls) return ms_p2p_buf_error(vm, c, cls, fn, buf, (int32_t)count, dt);
  }
  ms_u32 *slot = ms_ptr(vm, req, 4);
  if (!slot || req == 0)
    return ms_raise(vm, c, ABI_ERR_REQUEST, fn, "request pointer %#x outside guest memory", req);
  ms_gh h;
  ms_request *r = ms_req_new(&h);
  if (!r) return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "too many requests");
  int rc = make(p, (int32_t)count, t->host, ms_p2p_rank(peer), ms_p2p_tag(tag),
                c->host, &r->host);
  if (rc != MPI_SUCCESS) {
    ms_obj_free(MS_REQUEST, h);
    return ms_check(vm, c, rc, fn);
  }
  r->flags = flags;
  r->comm = c;
  /* MPI lets the program free them before the request is done. */
  if (__builtin_expect((comm | dt) >= ABI_PREDEF_LIMIT, 0)) ms_req_pin2(r, comm, dt);
  *slot = h;
  return 0;
}

/* MPI_Irecv and MPI_Recv_init take a non-const buffer. */
static int irecv(const void *b, int n, MPI_Datatype t, int src, int tag, MPI_Comm c,
                 MPI_Request *r) {
  return MPI_Irecv((void *)b, n, t, src, tag, c, r);
}
static int recv_init(const void *b, int n, MPI_Datatype t, int src, int tag, MPI_Comm c,
                     MPI_Request *r) {
  return MPI_Recv_init((void *)b, n, t, src, tag, c, r);
}

#define MAKE(name, host, flags)                                                               \
  int32_t ms_MPI_##name(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 peer, u32 tag,      \
                        u32 comm, u32 req) {                                                  \
    return make_request(vm, buf, count, dt, peer, tag, comm, req, host, flags, "MPI_" #name); \
  }
MAKE(Isend, MPI_Isend, 0)
MAKE(Ibsend, MPI_Ibsend, MS_REQ_BSEND)
MAKE(Issend, MPI_Issend, 0)
MAKE(Irsend, MPI_Irsend, 0)
MAKE(Irecv, irecv, 0)
MAKE(Send_init, MPI_Send_init, MS_REQ_PERSISTENT)
MAKE(Bsend_init, MPI_Bsend_init, MS_REQ_PERSISTENT | MS_REQ_BSEND)
MAKE(Ssend_init, MPI_Ssend_init, MS_REQ_PERSISTENT)
MAKE(Rsend_init, MPI_Rsend_init, MS_REQ_PERSISTENT)
MAKE(Recv_init, recv_init, MS_REQ_PERSISTENT)
