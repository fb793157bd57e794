/* ms_p2p_probe.c — probing and matched receives: Probe, Iprobe, Mprobe,
 * Improbe, Mrecv, Imrecv.  A matched message is a guest handle of the
 * message table (its record holds the host MPI_Message); MPI_MESSAGE_NO_PROC
 * (a probe of MPI_PROC_NULL) is the predefined ABI_MESSAGE_NO_PROC.
 * Probe is generated from mpi-api.tab.
 * hand-written: MPI_Iprobe (the status written only when a message is there)
 * hand-written: MPI_Mprobe, MPI_Improbe, MPI_Mrecv, MPI_Imrecv (message
 *   handles: a record reserved before the probe, MPI_MESSAGE_NO_PROC kept
 *   predefined, the handle consumed by the receive) */
#include "ms_p2p.h"

static int bad_comm(wasmso_vmctx *vm, int cls, const char *fn, u32 comm) {
  return ms_raise(vm, NULL, cls, fn, "invalid communicator %#x", comm);
}

static int bad_ptr(wasmso_vmctx *vm, ms_comm *c, const char *fn, const char *what, u32 g) {
  return ms_raise(vm, c, ABI_ERR_ARG, fn, "%s %#x outside guest memory", what, g);
}

static ms_i32 *slot4(const wasmso_vmctx *vm, u32 g) {
  return g ? (ms_i32 *)ms_ptr(vm, g, 4) : NULL;
}

int32_t ms_MPI_Iprobe(wasmso_vmctx *vm, int32_t src, int32_t tag, uint32_t comm, uint32_t flag, uint32_t status) {
  static const char fn[] = "MPI_Iprobe";
  ms_comm *c;
  void *gs;
  MPI_Status hs;
  int cls = ms_comm_get(comm, &c);
  if (cls) return bad_comm(vm, cls, fn, comm);
  ms_i32 *gf = slot4(vm, flag);
  if (!gf) return bad_ptr(vm, c, fn, "flag", flag);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return bad_ptr(vm, c, fn, "status", status);
  int f = 0;
  int rc = MPI_Iprobe(ms_rank_in((int32_t)src), ms_tag_in((int32_t)tag), c->host, &f, st);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  *gf = f != 0;
  if (f && gs) ms_status_out(gs, st);
  return 0;
}

/* The guest handle for a host message the probe returned; rec is a record
 * made beforehand (so a full table never loses a matched message), freed
 * when not needed. */
static ms_gh message_out(MPI_Message hm, MPI_Message *rec, ms_gh h) {
  if (hm == MPI_MESSAGE_NO_PROC || hm == MPI_MESSAGE_NULL) {
    ms_obj_free(MS_MESSAGE, h);
    return hm == MPI_MESSAGE_NO_PROC ? ABI_MESSAGE_NO_PROC : ABI_MESSAGE_NULL;
  }
  *rec = hm;
  return h;
}

static int32_t mprobe(wasmso_vmctx *vm, u32 src, u32 tag, u32 comm, u32 flag, u32 msg,
                      u32 status, bool blocking, const char *fn) {
  ms_comm *c;
  void *gs;
  MPI_Status hs;
  int cls = ms_comm_get(comm, &c);
  if (cls) return bad_comm(vm, cls, fn, comm);
  ms_i32 *gf = NULL;
  if (!blocking && !(gf = slot4(vm, flag))) return bad_ptr(vm, c, fn, "flag", flag);
  ms_u32 *gm = (ms_u32 *)slot4(vm, msg);
  if (!gm) return bad_ptr(vm, c, fn, "message", msg);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return bad_ptr(vm, c, fn, "status", status);
  ms_gh h;
  MPI_Message *rec = ms_obj_new(MS_MESSAGE, &h);
  if (!rec) return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "too many messages");
  MPI_Message hm = MPI_MESSAGE_NULL;
  int f = 1;
  int rc = blocking ? MPI_Mprobe(ms_rank_in((int32_t)src), ms_tag_in((int32_t)tag), c->host,
                                 &hm, st)
                    : MPI_Improbe(ms_rank_in((int32_t)src), ms_tag_in((int32_t)tag), c->host, &f,
                                  &hm, st);
  if (rc != MPI_SUCCESS || !f) {
    ms_obj_free(MS_MESSAGE, h);
    if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
    *gf = 0;
    return 0;
  }
  *gm = message_out(hm, rec, h);
  if (gf) *gf = 1;
  if (gs) ms_status_out(gs, st);
  return 0;
}

int32_t ms_MPI_Mprobe(wasmso_vmctx *vm, int32_t src, int32_t tag, uint32_t comm, uint32_t msg, uint32_t status) {
  return mprobe(vm, src, tag, comm, 0, msg, status, true, "MPI_Mprobe");
}

int32_t ms_MPI_Improbe(wasmso_vmctx *vm, int32_t src, int32_t tag, uint32_t comm, uint32_t flag, uint32_t msg, uint32_t status) {
  return mprobe(vm, src, tag, comm, flag, msg, status, false, "MPI_Improbe");
}

/* The guest's message slot and the host message it names: 0 or a class
 * (ABI_ERR_ARG for the slot, ABI_ERR_REQUEST for MPI_MESSAGE_NULL or an
 * unknown message, as Open MPI reports a bad message — but raised here: the
 * host raises it on its MPI_COMM_NULL, whose handler is fatal). */
static int message_in(const wasmso_vmctx *vm, u32 msg, ms_u32 **gm, ms_gh *mh,
                      MPI_Message **rec, MPI_Message *hm) {
  *gm = (ms_u32 *)slot4(vm, msg);
  if (!*gm) return ABI_ERR_ARG;
  ms_gh h = *mh = **gm;
  *rec = NULL;
  if (h == ABI_MESSAGE_NO_PROC) {
    *hm = MPI_MESSAGE_NO_PROC;
  } else {
    *rec = ms_obj_get(MS_MESSAGE, h);
    if (!*rec) return ABI_ERR_REQUEST;
    *hm = **rec;
  }
  return 0;
}

/* After the host consumed the message: its record goes, the guest's slot
 * becomes what the host left (MPI_MESSAGE_NULL). */
static void message_done(ms_u32 *gm, ms_gh mh, MPI_Message *rec, MPI_Message hm) {
  if (hm != MPI_MESSAGE_NULL) return;
  if (rec) ms_obj_free(MS_MESSAGE, mh);
  *gm = ABI_MESSAGE_NULL;
}

int32_t ms_MPI_Mrecv(wasmso_vmctx *vm, uint32_t buf, int32_t count, uint32_t dt, uint32_t msg, uint32_t status) {
  static const char fn[] = "MPI_Mrecv";
  ms_type *t;
  void *p, *gs;
  MPI_Status hs;
  ms_u32 *gm;
  ms_gh mh;
  MPI_Message *rec, hm;
  int cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, NULL, cls, fn, buf, (int32_t)count, dt);
  cls = message_in(vm, msg, &gm, &mh, &rec, &hm);
  if (cls == ABI_ERR_ARG) return bad_ptr(vm, NULL, fn, "message", msg);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid message %#x", mh);
  MPI_Status *st;
  if (!ms_p2p_status(vm, status, &hs, &st, &gs)) return bad_ptr(vm, NULL, fn, "status", status);
  int rc = MPI_Mrecv(p, (int32_t)count, t->host, &hm, st);
  message_done(gm, mh, rec, hm);
  if (gs && (rc == MPI_SUCCESS || rc == MPI_ERR_TRUNCATE)) ms_status_out(gs, st);
  return rc == MPI_SUCCESS ? 0 : ms_check(vm, NULL, rc, fn);
}

int32_t ms_MPI_Imrecv(wasmso_vmctx *vm, uint32_t buf, int32_t count, uint32_t dt, uint32_t msg, uint32_t req) {
  static const char fn[] = "MPI_Imrecv";
  ms_type *t;
  void *p;
  ms_u32 *gm;
  ms_gh mh;
  MPI_Message *rec, hm;
  int cls = ms_p2p_buf(vm, buf, (int32_t)count, dt, &t, &p);
  if (cls) return ms_p2p_buf_error(vm, NULL, cls, fn, buf, (int32_t)count, dt);
  cls = message_in(vm, msg, &gm, &mh, &rec, &hm);
  if (cls == ABI_ERR_ARG) return bad_ptr(vm, NULL, fn, "message", msg);
  if (cls) return ms_raise(vm, NULL, cls, fn, "invalid message %#x", mh);
  ms_u32 *slot = (ms_u32 *)slot4(vm, req);
  if (!slot)
    return ms_raise(vm, NULL, ABI_ERR_REQUEST, fn, "request pointer %#x outside guest memory",
                    req);
  ms_gh h;
  ms_request *r = ms_req_new(&h);
  if (!r) return ms_raise(vm, NULL, ABI_ERR_NO_MEM, fn, "too many requests");
  int rc = MPI_Imrecv(p, (int32_t)count, t->host, &hm, &r->host);
  message_done(gm, mh, rec, hm);
  if (rc != MPI_SUCCESS) {
    ms_obj_free(MS_REQUEST, h);
    return ms_check(vm, NULL, rc, fn);
  }
  *slot = h;
  return 0;
}
