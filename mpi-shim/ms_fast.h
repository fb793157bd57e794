/* ms_fast.h — the hot paths of the shim's wrappers as small inline helpers,
 * for hand-written and generated wrappers alike.
 *
 * The rule every helper keeps: it either does the whole job for the common
 * case with the same checks as the general path (handles validated, every
 * guest pointer checked over its whole footprint against the memory size as
 * it is now), or it answers false/NULL and changes nothing, and the wrapper
 * takes its general path, which looks at everything again and raises the
 * errors.  Helpers never raise errors themselves.
 *
 * Typical use (MPI_Send):
 *   const ms_comm *c = ms_fast_comm(comm);
 *   const ms_type *t = ms_fast_type(dt);
 *   void *p;
 *   if (!c || !t || !ms_fast_buf(vm, buf, count, t, &p)) return general_path(...);
 *   int rc = MPI_Send(p, count, t->host, ms_rank_in(dest), ms_tag_in(tag), c->host);
 *   return rc == MPI_SUCCESS ? 0 : ms_fast_fail(vm, comm, rc, "MPI_Send");
 */
#ifndef MS_FAST_H
#define MS_FAST_H

#include "ms_internal.h"

/* Guest int and handle slots: guest memory need not be aligned. */
typedef uint32_t ms_u32 __attribute__((aligned(1), may_alias));
typedef int32_t ms_i32 __attribute__((aligned(1), may_alias));

/* ---- handles ---- */

/* One table per kind for the fast path, filled with ms_predef (ms_predef.c):
 * the record of predefined communicator h, of predefined datatype h if its
 * elements are dense (fast_extent != 0: committed, true lower bound 0, true
 * extent = extent); NULL for anything else. */
extern ms_comm *ms_fast_comms[ABI_PREDEF_LIMIT];
extern const ms_type *ms_fast_types[ABI_PREDEF_LIMIT];

/* Predefined communicator h (MPI_COMM_WORLD, MPI_COMM_SELF), or NULL: user
 * handles and anything else take the general path.  A compare and a load. */
static inline ms_comm *ms_fast_comm(ms_gh h) {
  return h < ABI_PREDEF_LIMIT ? ms_fast_comms[h] : NULL;
}

/* Predefined datatype h with dense elements, or NULL. */
static inline const ms_type *ms_fast_type(ms_gh h) {
  return h < ABI_PREDEF_LIMIT ? ms_fast_types[h] : NULL;
}

/* Predefined op h for a reduction on fast type t (one with host arithmetic:
 * not transport-only), its host op in *op; else false. */
static inline bool ms_fast_op(ms_gh h, const ms_type *t, MPI_Op *op) {
  if (h >= ABI_PREDEF_LIMIT || ms_predef[h].kind != MS_OP + 1 || t->transport_only) return false;
  *op = ((const ms_op *)ms_predef[h].rec)->host;
  return true;
}

/* ---- buffers ---- */

/* count elements of fast type t (from ms_fast_type) at guest address buf:
 * true with *host = base + buf when count >= 0 and all count * extent bytes
 * lie inside guest memory; else false (count 0 beyond the end included: the
 * general path decides).  fast_extent < 2^31, so the product cannot wrap. */
static inline bool ms_fast_buf(const wasmso_vmctx *vm, ms_gaddr buf, int32_t count,
                               const ms_type *t, void **host) {
  const wasmso_memory *m = vm->memory;
  if (count < 0 || !m) return false;
  *host = vm->mem_base + buf;
  return (uint64_t)buf + (uint64_t)(uint32_t)count * t->fast_extent <= m->size;
}

/* Host address of len bytes at guest address g if they all lie inside guest
 * memory (as ms_ptr, one compare fewer), else NULL. */
static inline void *ms_fast_ptr(const wasmso_vmctx *vm, ms_gaddr g, uint32_t len) {
  const wasmso_memory *m = vm->memory;
  return m && (uint64_t)g + len <= m->size ? vm->mem_base + g : NULL;
}

/* ---- results ---- */

/* A failed host call (rc != MPI_SUCCESS) on guest communicator handle comm:
 * looks the handle up again (guest code may have run during the call) and
 * returns ms_check's class, raised on that communicator's handler (on
 * MPI_COMM_WORLD's if the handle no longer names one).  Out of line. */
int ms_fast_fail(wasmso_vmctx *vm, ms_gh comm, int rc, const char *fn)
    __attribute__((cold, noinline));

/* ---- communicator queries ---- */

/* Predefined communicator h whose rank and size are cached (ms_comm.size
 * != 0), or NULL (user communicators: ms_comm_cached, out of line).  The
 * cache is filled by ms_comm_cache after the host answered once and cleared
 * at MPI_Finalize (ms_comm_forget_all), so before MPI_Init and after
 * MPI_Finalize the host still answers (and refuses). */
static inline const ms_comm *ms_fast_comm_cached(ms_gh h) {
  const ms_comm *c = ms_fast_comm(h);
  return c && c->size != 0 ? c : NULL;
}
/* The same for any communicator handle, user ones included. */
const ms_comm *ms_comm_cached(ms_gh h);
/* Ask the host for c's rank and size and cache them (nothing if it cannot
 * say, or c has no host communicator). */
void ms_comm_cache(ms_comm *c);
/* Forget every cached rank and size (at MPI_Finalize). */
void ms_comm_forget_all(void);

/* ---- statuses ---- */

/* The status argument of a fast-path receive at guest address g: NULL for
 * MPI_STATUS_IGNORE (g 0, *st MPI_STATUS_IGNORE); else the guest's status,
 * given to the host in place (*st = it, its MPI_ERROR set to MPI_SUCCESS
 * as single-completion calls leave it) when it lies in guest memory and is
 * 8-byte aligned.  False (the general path then) for anything else. */
static inline bool ms_fast_status_at(const wasmso_vmctx *vm, ms_gaddr g, MPI_Status **st,
                                     void **gs) {
  if (g == 0) {
    *gs = NULL;
    *st = MPI_STATUS_IGNORE;
    return true;
  }
  if (!MS_STATUS_IN_PLACE || (g & 7) != 0) return false;
  MPI_Status *p = (MPI_Status *)ms_fast_ptr(vm, g, MS_STATUS_SIZE);
  if (!p) return false;
  p->MPI_ERROR = MPI_SUCCESS;
  *st = p;
  *gs = p;
  return true;
}

/* After the host wrote status st in place (ms_fast_status_at): the words a
 * real message or MPI_PROC_NULL's empty status leave are already the
 * guest's; sentinels and errors are translated by ms_status_out (in place). */
static inline void ms_fast_status_fix(MPI_Status *st) {
  int32_t src = st->MPI_SOURCE, tag = st->MPI_TAG, err = st->MPI_ERROR;
  if (__builtin_expect((src | tag) >= 0 && err == MPI_SUCCESS, 1)) return;
  if (src == MPI_PROC_NULL && tag == MPI_ANY_TAG && err == MPI_SUCCESS) {
    /* MPI_PROC_NULL's empty status: the host left count and cancelled 0 */
    st->MPI_SOURCE = ABI_PROC_NULL;
    st->MPI_TAG = ABI_ANY_TAG;
    return;
  }
  ms_status_out(st, st);
}

/* ---- requests ----
 * The request table's layout (ms_handles.c owns it) is here so that making
 * and completing a plain request inlines. */
#define MS_TAB_CHUNK 256u
#define MS_TAB_INDEX_BITS 20u
#define MS_TAB_MAX_INDEX (1u << MS_TAB_INDEX_BITS)
#define MS_TAB_GEN_MASK 0xffu
#define MS_TAB_KIND_SHIFT 28u
#define MS_TAB_REUSE_AFTER 256u /* free slots kept back before reuse */

union ms_record {
  ms_comm comm;
  ms_type type;
  ms_op op;
  ms_request request;
  ms_errhandler errhandler;
  MPI_Group group;
  MPI_Info info;
  MPI_Message message;
};
struct ms_slot {
  union ms_record rec; /* first: the record's address is the slot's */
  uint32_t next_free;
  uint32_t pins;       /* pending operations that use it (ms_obj_pin) */
  ms_obj_release_fn *release; /* RETIRED by ms_obj_release: run at the last unpin */
  uint8_t live, gen;   /* live: 0 free, MS_SLOT_LIVE, or MS_SLOT_RETIRED (ms_obj_retire) */
};
enum { MS_SLOT_LIVE = 1, MS_SLOT_RETIRED = 2 };
struct ms_table {
  struct ms_slot **chunks;
  uint32_t nchunks, used; /* slots handed out at least once */
  uint32_t free_head, free_tail, nfree;
  uint32_t live;
};
extern struct ms_table ms_tables[MS_KIND_COUNT];
static inline struct ms_slot *ms_slot_at(struct ms_table *t, uint32_t i) {
  return &t->chunks[i / MS_TAB_CHUNK][i % MS_TAB_CHUNK];
}

/* A new request record as ms_req_new makes it (host MPI_REQUEST_NULL, no
 * flags, temp or comm), its handle in *h, when the table has more than
 * MS_TAB_REUSE_AFTER free slots (the steady state of a request loop); else
 * NULL and the caller uses ms_req_new.  Same slot order and generations as
 * ms_obj_new. */
static inline ms_request *ms_fast_req_new(ms_gh *h) {
  struct ms_table *t = &ms_tables[MS_REQUEST];
  if (__builtin_expect(t->nfree <= MS_TAB_REUSE_AFTER, 0)) return NULL;
  uint32_t i = t->free_head;
  struct ms_slot *s = ms_slot_at(t, i);
  t->free_head = s->next_free;
  t->nfree--;
  t->live++;
  s->live = MS_SLOT_LIVE;
  s->rec.request = (ms_request){.host = MPI_REQUEST_NULL};
  *h = ((uint32_t)(MS_REQUEST + 1) << MS_TAB_KIND_SHIFT) |
       ((uint32_t)s->gen << MS_TAB_INDEX_BITS) | i;
  return &s->rec.request;
}

/* The guest's request slot at g and the plain request it names: a live
 * user request with no flags (not persistent, generalized, buffered or
 * collective), no temp and no pins (ms_pin.c: its release must unpin).
 * The handle is read once.  False for
 * anything else (MPI_REQUEST_NULL, bad pointers and handles included). */
static inline bool ms_fast_req_in(const wasmso_vmctx *vm, ms_gaddr g, ms_u32 **slot, ms_gh *h,
                                  ms_request **r) {
  ms_u32 *p = (ms_u32 *)ms_fast_ptr(vm, g, 4);
  if (!p || g == 0) return false;
  ms_gh v = *p;
  if ((v >> MS_TAB_KIND_SHIFT) != MS_REQUEST + 1) return false;
  struct ms_table *t = &ms_tables[MS_REQUEST];
  uint32_t i = v & (MS_TAB_MAX_INDEX - 1);
  if (i >= t->used) return false;
  struct ms_slot *s = ms_slot_at(t, i);
  if (s->live != MS_SLOT_LIVE || s->gen != ((v >> MS_TAB_INDEX_BITS) & MS_TAB_GEN_MASK) ||
      s->rec.request.flags != 0 || s->rec.request.temp != NULL || s->rec.request.pins[0] != 0)
    return false;
  *slot = p;
  *h = v;
  *r = &s->rec.request;
  return true;
}

/* Release slot i of table t: queued for reuse (the oldest free slot is
 * reused first, once more than MS_TAB_REUSE_AFTER are free), its generation
 * bumped so that stale handles are refused.  ms_obj_free and the fast
 * request path share it. */
static inline void ms_slot_release(struct ms_table *t, struct ms_slot *s, uint32_t i) {
  s->live = 0;
  s->pins = 0;
  s->release = NULL;
  s->gen = (s->gen + 1) & MS_TAB_GEN_MASK;
  s->next_free = 0;
  if (t->nfree) ms_slot_at(t, t->free_tail)->next_free = i;
  else t->free_head = i;
  t->free_tail = i;
  t->nfree++;
  t->live--;
}

/* Plain request h (from ms_fast_req_in or ms_fast_req_new), completed or
 * freed by the host: its record released as ms_req_release does and
 * ABI_REQUEST_NULL stored in the guest's slot if slot. */
static inline void ms_fast_req_done(ms_gh h, ms_u32 *slot) {
  struct ms_table *t = &ms_tables[MS_REQUEST];
  uint32_t i = h & (MS_TAB_MAX_INDEX - 1);
  ms_slot_release(t, ms_slot_at(t, i), i);
  if (slot) *slot = ABI_REQUEST_NULL;
}

#endif
