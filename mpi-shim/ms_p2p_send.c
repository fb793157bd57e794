/* ms_p2p_send.c — blocking point-to-point: the four send modes, Recv,
 * Sendrecv and Sendrecv_replace.  Hot path: handle lookups, one footprint
 * check, the host call on base + guest address. */
#include "ms_p2p.h"

typedef int (*send_fn)(const void *, int, MPI_Datatype, int, int, MPI_Comm);

/* The general path: every lookup and check, with the errors. */
static __attribute__((noinline)) int32_t send_slow(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt,
                                                   u32 dest, u32 tag, u32 comm, send_fn send,
                                                   const char *fn) {
  ms_comm *c;
  ms_type *t;
  void *p;
  int cls = ms_comm_get(comm, &c);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
  cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, buf, (int32_t)count, dt);
  int rc = send(p, (int32_t)count, t->host, ms_p2p_rank(dest), ms_p2p_tag(tag),
                c->host);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, fn);
}

typedef int32_t (*send_slow_fn)(wasmso_vmctx *, u32, u32, u32, u32, u32, u32);

static inline __attribute__((always_inline)) int32_t send_mode(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 dest,
                                u32 tag, u32 comm, send_fn send, send_slow_fn slow, const char *fn) {
  ms_comm *c = ms_fast_comm(comm);
  const ms_type *t = ms_fast_type(dt);
  void *p;
  if (__builtin_expect(!c || !t || !ms_fast_buf(vm, buf, (int32_t)count, t, &p), 0))
    return slow(vm, buf, count, dt, dest, tag, comm);
  int rc = send(p, (int32_t)count, t->host, ms_fast_rank(dest), ms_fast_tag(tag), c->host);
  return rc == MPI_SUCCESS ? 0 : ms_fast_fail(vm, comm, rc, fn);
}

/* Each mode's general path has the wrapper's own parameters, so that the
 * fast path reaches it by a tail call and saves no registers for it. */
#define SEND_MODE(name)                                                                       \
  static __attribute__((noinline)) int32_t name##_slow(wasmso_vmctx *vm, u32 buf, u32 count,   \
                                                       u32 dt, u32 dest, u32 tag, u32 comm) {  \
    return send_slow(vm, buf, count, dt, dest, tag, comm, MPI_##name, "MPI_" #name);          \
  }                                                                                           \
  int32_t ms_MPI_##name(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 dest, u32 tag,       \
                        u32 comm) {                                                           \
    return send_mode(vm, buf, count, dt, dest, tag, comm, MPI_##name, name##_slow,            \
                     "MPI_" #name);                                                           \
  }
SEND_MODE(Send)
SEND_MODE(Ssend)
/* The attached buffer lies in guest memory (checked by MPI_Buffer_attach). */
SEND_MODE(Bsend)
SEND_MODE(Rsend)

static __attribute__((noinline)) int32_t recv_slow(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt,
                                                   u32 src, u32 tag, u32 comm, u32 status) {
  static const char fn[] = "MPI_Recv";
  ms_comm *c;
  ms_type *t;
  void *p, *gs;
  MPI_Status hs;
  int cls = ms_comm_get(comm, &c);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
  cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, buf, (int32_t)count, dt);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return ms_raise(vm, c, ABI_ERR_ARG, fn, "status %#x outside guest memory", status);
  int rc = MPI_Recv(p, (int32_t)count, t->host, ms_p2p_rank(src), ms_p2p_tag(tag),
                    c->host, st);
  if (gs && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_status_out(gs, st);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, fn);
}

int32_t ms_MPI_Recv(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 src, u32 tag, u32 comm,
                    u32 status) {
  ms_comm *c = ms_fast_comm(comm);
  const ms_type *t = ms_fast_type(dt);
  void *p, *gs;
  MPI_Status hs, *st;
  if (__builtin_expect(!c || !t || !ms_fast_buf(vm, buf, (int32_t)count, t, &p) ||
                           !ms_p2p_status(vm, status, &hs, &st, &gs), 0))
    return recv_slow(vm, buf, count, dt, src, tag, comm, status);
  int rc = MPI_Recv(p, (int32_t)count, t->host, ms_fast_rank(src), ms_fast_tag(tag), c->host, st);
  if (__builtin_expect(rc == MPI_SUCCESS, 1)) {
    if (gs) ms_fast_status_out(gs, st);
    return 0;
  }
  if (gs && rc == MPI_ERR_TRUNCATE) ms_status_out(gs, st);
  return ms_fast_fail(vm, comm, rc, "MPI_Recv");
}

int32_t ms_MPI_Sendrecv(wasmso_vmctx *vm, u32 sbuf, u32 scount, u32 sdt, u32 dest, u32 stag,
                        u32 rbuf, u32 rcount, u32 rdt, u32 src, u32 rtag, u32 comm, u32 status) {
  static const char fn[] = "MPI_Sendrecv";
  ms_comm *c;
  ms_type *st_, *rt;
  void *sp, *rp, *gs;
  MPI_Status hs;
  int cls = ms_comm_get(comm, &c);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
  cls = ms_p2p_buf(vm, sbuf, (int32_t)scount, sdt, &st_, &sp);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, sbuf, (int32_t)scount, sdt);
  cls = ms_p2p_buf(vm, rbuf, (int32_t)rcount, rdt, &rt, &rp);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, rbuf, (int32_t)rcount, rdt);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return ms_raise(vm, c, ABI_ERR_ARG, fn, "status %#x outside guest memory", status);
  int rc = MPI_Sendrecv(sp, (int32_t)scount, st_->host, ms_p2p_rank(dest),
                        ms_p2p_tag(stag), rp, (int32_t)rcount, rt->host,
                        ms_p2p_rank(src), ms_p2p_tag(rtag), c->host, st);
  if (gs && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_status_out(gs, st);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, fn);
}

int32_t ms_MPI_Sendrecv_replace(wasmso_vmctx *vm, u32 buf, u32 count, u32 dt, u32 dest, u32 stag,
                                u32 src, u32 rtag, u32 comm, u32 status) {
  static const char fn[] = "MPI_Sendrecv_replace";
  ms_comm *c;
  ms_type *t;
  void *p, *gs;
  MPI_Status hs;
  int cls = ms_comm_get(comm, &c);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
  cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, c, cls, fn, buf, (int32_t)count, dt);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return ms_raise(vm, c, ABI_ERR_ARG, fn, "status %#x outside guest memory", status);
  int rc = MPI_Sendrecv_replace(p, (int32_t)count, t->host, ms_p2p_rank(dest),
                                ms_p2p_tag(stag), ms_p2p_rank(src),
                                ms_p2p_tag(rtag), c->host, st);
  if (gs && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_status_out(gs, st);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, c, rc, fn);
}
