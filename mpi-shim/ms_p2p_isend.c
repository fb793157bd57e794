/* ms_p2p_isend.c — calls that make a request: the nonblocking sends and
 * receive, and their persistent forms (*_init).  The guest gets a handle of
 * the request table; the record holds the host request. */
#include "ms_p2p.h"

typedef int (*make_fn)(const void *, int, MPI_Datatype, int, int, MPI_Comm, MPI_Request *);

/* The general path: every lookup and check, with the errors. */
static __attribute__((noinline)) int32_t make_slow(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt,
                                                   u32 peer, u32 tag, u32 comm, u32 req,
                                                   make_fn make, uint32_t flags, const char *fn) {
  ms_comm *c;
  ms_type *t;
  void *p;
  int cls = ms_comm_get(comm, &c);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
  cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, buf, (int32_t)count, dt);
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
  *slot = h;
  return 0;
}

typedef int32_t (*make_slow_fn)(wasmso_vmctx *, u32, u32, u32, u32, u32, u32, u32);

static inline __attribute__((always_inline)) int32_t make_request(
    wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 peer, u32 tag, u32 comm, u32 req,
    make_fn make, make_slow_fn slow, uint32_t flags, const char *fn) {
  ms_comm *c = ms_fast_comm(comm);
  const ms_type *t = ms_fast_type(dt);
  ms_u32 *slot = ms_fast_ptr(vm, req, 4);
  void *p;
  ms_gh h;
  ms_request *r;
  if (__builtin_expect(!c || !t || !ms_fast_buf(vm, buf, (int32_t)count, t, &p) || !slot ||
                           req == 0 || !(r = ms_fast_req_new(&h)), 0))
    return slow(vm, buf, count, dt, peer, tag, comm, req);
  int rc = make(p, (int32_t)count, t->host, ms_fast_rank(peer), ms_fast_tag(tag), c->host,
                &r->host);
  if (__builtin_expect(rc != MPI_SUCCESS, 0)) {
    ms_fast_req_done(h, NULL);
    return ms_fast_fail(vm, comm, rc, fn);
  }
  r->flags = flags;
  r->comm = c;
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

/* Each call's general path has the wrapper's own parameters: a tail call
 * from the fast path. */
#define MAKE(name, host, flags)                                                               \
  static __attribute__((noinline)) int32_t name##_slow(wasmso_vmctx *vm, u32 buf, u32 count,   \
                                                       u32 dt, u32 peer, u32 tag, u32 comm,    \
                                                       u32 req) {                              \
    return make_slow(vm, buf, count, dt, peer, tag, comm, req, host, flags, "MPI_" #name);    \
  }                                                                                           \
  int32_t ms_MPI_##name(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 peer, u32 tag,      \
                        u32 comm, u32 req) {                                                  \
    return make_request(vm, buf, count, dt, peer, tag, comm, req, host, name##_slow, flags,   \
                        "MPI_" #name);                                                        \
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
