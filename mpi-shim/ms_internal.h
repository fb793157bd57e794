/* ms_internal.h — the MPI shim's internal contract: guest MPI calls (MPI 5.0
 * standard ABI, wasm32) forwarded to the host's Open MPI with zero copies.
 *
 * A guest call arrives as a host function ms_MPI_X(vmctx, i32/i64 args...)
 * bound to the import "mpi"."MPI_X".  Every wrapper:
 *   1. looks up each handle (ms_obj_get / the typed getters below): a guest
 *      handle is an index, never a host pointer;
 *   2. checks every guest pointer over its whole footprint against the
 *      current memory size (ms_ptr, ms_buffer) before the host sees it;
 *   3. translates constants (ranks, tags, sentinels) with ms_rank_in & co.;
 *   4. calls host MPI on base + guest address (no copy) and returns
 *      ms_check(...) of its result: 0, or a guest error class after the
 *      guest's error handler ran.
 * Host communicators always carry MPI_ERRORS_RETURN; the guest's handler is
 * kept in our record and applied by ms_raise.
 *
 * One guest per process (as for WASI): the state lives in ms_state.c.
 * Prefix: ms_ (functions), ABI_ (guest ABI constants, ms_abi.h). */
#ifndef MS_INTERNAL_H
#define MS_INTERNAL_H

#include <mpi.h> /* the host's Open MPI */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ms_abi.h"
#include "wl_runtime.h"
#include "ms_api.h" /* generated: every wrapper's prototype */

typedef uint32_t ms_gaddr; /* a guest address (wasm32 pointer) */
typedef uint32_t ms_gh;    /* a guest handle value (MPI_Comm, MPI_Datatype, ...) */

/* ---- guest memory ---- */

static inline uint64_t ms_memsize(const wasmso_vmctx *vm) {
  return vm->memory ? vm->memory->size : 0;
}
/* True if [g, g+len) lies inside the guest's memory as it is now. */
static inline bool ms_in_mem(const wasmso_vmctx *vm, uint64_t g, uint64_t len) {
  uint64_t size = ms_memsize(vm);
  return g <= size && len <= size - g;
}
/* Host address of len bytes at guest address g, or NULL if any of them lies
 * outside guest memory.  (len 0: g may equal the memory size.) */
static inline void *ms_ptr(const wasmso_vmctx *vm, uint64_t g, uint64_t len) {
  return ms_in_mem(vm, g, len) ? vm->mem_base + g : NULL;
}

/* A 32-bit guest int at g: 0, or ABI_ERR_ARG if it lies outside memory.
 * (Guest ints need not be aligned.) */
static inline int ms_put_i32(const wasmso_vmctx *vm, ms_gaddr g, int32_t v) {
  void *p = ms_ptr(vm, g, 4);
  if (!p) return ABI_ERR_ARG;
  memcpy(p, &v, 4);
  return 0;
}
static inline int ms_get_i32(const wasmso_vmctx *vm, ms_gaddr g, int32_t *v) {
  const void *p = ms_ptr(vm, g, 4);
  if (!p) return ABI_ERR_ARG;
  memcpy(v, p, 4);
  return 0;
}
/* A guest C string: its host address if a NUL ends it inside guest memory,
 * else NULL. */
const char *ms_str(const wasmso_vmctx *vm, ms_gaddr g);
/* Copy s (cut to cap - 1 bytes) with its NUL to guest address g; the length
 * written (without the NUL) in *len if len.  0, or ABI_ERR_ARG if the bytes
 * written would not fit in guest memory or cap is 0. */
int ms_str_out(const wasmso_vmctx *vm, ms_gaddr g, const char *s, size_t cap, int *len);

/* ---- objects and handles ----
 * Predefined handles are the ABI's fixed values below 0x400 (ABI_COMM_WORLD,
 * ABI_INT, ABI_SUM, ...).  User objects get ((kind + 1) << 28) |
 * (generation << 20) | index, so a handle of the wrong kind is never found
 * and a stale one is refused (see ms_handles.c). */
enum ms_kind {
  MS_COMM, MS_GROUP, MS_TYPE, MS_OP, MS_REQUEST, MS_ERRHANDLER, MS_INFO, MS_MESSAGE,
  MS_KIND_COUNT
};

typedef struct ms_comm {
  MPI_Comm host;
  ms_gh errhandler;      /* the guest's handler: ABI_ERRORS_ARE_FATAL, _RETURN, _ABORT or a user one */
  /* MPI_Comm_free'd while pending operations pin it (ms_obj_release): the
   * handle is gone, the host communicator stays until the last unpin. */
  bool free_deferred;
  /* The local rank and size, and the remote size of an intercommunicator
   * (0 for an intracommunicator), cached once the host said them
   * (ms_comm_cache, ms_fast.h): they never change for a communicator.  size
   * 0: not cached (a new, zeroed record; after MPI_Finalize). */
  int32_t rank, size, remote_size;
} ms_comm;

typedef struct ms_type {
  MPI_Datatype host;
  int64_t size;          /* MPI_Type_size, bytes */
  int64_t lb, extent;    /* MPI_Type_get_extent */
  int64_t true_lb, true_extent; /* MPI_Type_get_true_extent: what a buffer really covers */
  bool committed;        /* predefined types are */
  bool predefined;
  bool transport_only;   /* no host arithmetic (long double is binary128 on wasm32): ops refuse it */
  /* Predefined types whose elements are dense (true_lb 0, true_extent ==
   * extent > 0): the extent, for ms_fast_buf; 0 for every other type. */
  uint32_t fast_extent;
} ms_type;

typedef struct ms_op {
  MPI_Op host;
  bool predefined;
  uint32_t guest_fn;     /* user op: index in the guest's function table */
  int commute;
  int slot;              /* user op: the host trampoline it is bound to */
} ms_op;

/* MS_REQ_COLLECTIVE: a nonblocking collective (or MPI_Comm_idup), which
 * MPI_Request_free and MPI_Cancel refuse. */
enum { MS_REQ_PERSISTENT = 1, MS_REQ_GENERALIZED = 2, MS_REQ_BSEND = 4, MS_REQ_COLLECTIVE = 8 };
#define MS_REQ_PINS 3
typedef struct ms_request {
  MPI_Request host;
  uint32_t flags;
  void *temp;            /* freed (free()) when the request completes or is freed: translated arrays */
  ms_comm *comm;         /* whose error handler hears of its completion errors (NULL: MPI_COMM_WORLD's) */
  ms_gh pins[MS_REQ_PINS]; /* the user objects it pinned (ms_req_pin), 0 for none */
  /* MPI_Comm_idup: the new communicator's guest handle.  The host writes
   * its half-made communicator into temp (an MPI_Comm) at once; our record
   * gets it only when the request completes (ms_req_drop), so no call sees
   * it before (Open MPI has no collectives or matching on it yet). */
  ms_gh idup_comm;
} ms_request;

typedef struct ms_errhandler {
  MPI_Errhandler host;   /* unused for user handlers (host comms keep ERRORS_RETURN) */
  uint32_t guest_fn;     /* user handler: guest function-table index */
  bool freed;            /* MPI_Errhandler_free'd: still applies where attached, cannot be attached again */
} ms_errhandler;

/* A live object of kind k for guest handle h (predefined or user), or NULL.
 * Null handles (ABI_COMM_NULL, ...) are not objects. */
void *ms_obj_get(enum ms_kind k, ms_gh h);
/* A new zeroed user object of kind k; its guest handle in *h.  NULL when the
 * table is full or out of memory. */
void *ms_obj_new(enum ms_kind k, ms_gh *h);
/* Release a user object (predefined handles are never freed). */
void ms_obj_free(enum ms_kind k, ms_gh h);
/* ---- pins: objects freed under pending operations (ms_handles.c) ----
 * MPI lets a program free a communicator, datatype or op that pending
 * nonblocking or persistent operations still use.  Each such request pins
 * the user objects it uses (ms_req_pin, released in ms_req_drop); freeing a
 * pinned object (ms_obj_release) only retires its handle, and its release
 * function (the host free) runs when the last pin goes, so the host never
 * sees the free while an operation of ours uses the object. */
typedef int ms_obj_release_fn(void *rec, ms_gh h); /* a host return code */
/* Count one more user of user object h (any kind; false and nothing done
 * for predefined, null or dead handles). */
bool ms_obj_pin(ms_gh h);
/* One user fewer: at the last, a deferred release runs and the record goes. */
void ms_obj_unpin(ms_gh h);
/* Free user object h of kind k: release(rec, h) now and the record with it
 * (unless release fails: its code is returned and the object stays), or,
 * while pinned, retire the handle and defer both to the last unpin (returns
 * MPI_SUCCESS).  release NULL: the record only. */
int ms_obj_release(enum ms_kind k, ms_gh h, ms_obj_release_fn *release);
bool ms_obj_pinned(ms_gh h);
/* Requests (ms_pin.c): r pins user object h (predefined ones are skipped). */
void ms_req_pin(ms_request *r, ms_gh h);
void ms_req_pin2(ms_request *r, ms_gh a, ms_gh b);
/* Release request r (handle h): its temp, its record, then its pins; the
 * guest's slot (if any) gets ABI_REQUEST_NULL. */
void ms_req_drop(ms_request *r, ms_gh h, void *slot);
/* Request r completed on the host (ms_req_drop; MPI_Request_get_status
 * when it says so): an MPI_Comm_idup's communicator goes to its record. */
void ms_req_idup_done(ms_request *r);
/* MPI_Request_free of a point-to-point request that may still be active:
 * Open MPI releases the last reference to a communicator from inside the
 * progress engine when a freed receive completes there, then reads it (use
 * after free, natively too).  So the shim keeps freed active requests as
 * orphans (handle retired, pins held), tests them from time to time
 * (ms_orphans_poll: at frees and completions) and releases each once the
 * host says it is done.  Returns the host code of the test. */
int ms_req_free_active(ms_request *r, ms_gh h);
void ms_orphans_poll(void);
extern unsigned ms_orphan_count;
/* At MPI_Finalize: one last poll; the rest is left to the host. */
void ms_orphans_finalize(void);

/* Retire user object h: its handle no longer names it (ms_obj_get gives
 * NULL, as after ms_obj_free), but the record stays, is not reused, and
 * ms_obj_find still finds it, until ms_obj_free(k, h). */
void ms_obj_retire(enum ms_kind k, ms_gh h);
/* The guest handle of a host object if we already have one (predefined first,
 * then user objects), else 0.  Used where host MPI hands back handles. */
ms_gh ms_obj_find(enum ms_kind k, const void *host_handle, size_t host_size);

/* Typed getters: 0, or the error class for a bad handle (ABI_ERR_COMM,
 * ABI_ERR_TYPE, ABI_ERR_OP, ABI_ERR_GROUP, ABI_ERR_REQUEST, ABI_ERR_ARG...). */
/* One predefined handle: kind + 1 (0: not a handle) and its record
 * (ms_handles.c).  Here so that the lookups of the hot path inline: a call on
 * MPI_COMM_WORLD and MPI_INT costs two loads and two compares. */
struct ms_predef_entry {
  uint8_t kind;
  bool alias;   /* a datatype sharing its host type with another (MPI_LONG -> int32): ms_obj_find prefers the other */
  void *rec;
};
extern struct ms_predef_entry ms_predef[ABI_PREDEF_LIMIT];
static inline void *ms_obj_get_inline(enum ms_kind k, ms_gh h) {
  if (h < ABI_PREDEF_LIMIT) {
    const struct ms_predef_entry *p = &ms_predef[h];
    return p->kind == (uint8_t)(k + 1) ? p->rec : NULL;
  }
  return ms_obj_get(k, h);
}
/* A communicator with a host communicator: a record that has none yet (its
 * MPI_Comm_idup pending, or reserved while a constructor runs) is no
 * communicator to any call. */
static inline int ms_comm_get(ms_gh h, ms_comm **out) {
  ms_comm *c = (ms_comm *)ms_obj_get_inline(MS_COMM, h);
  *out = c;
  return c && c->host != (MPI_Comm)0 ? 0 : ABI_ERR_COMM;
}
/* any type, committed or not */
static inline int ms_type_get(ms_gh h, ms_type **out) {
  return (*out = (ms_type *)ms_obj_get_inline(MS_TYPE, h)) ? 0 : ABI_ERR_TYPE;
}
/* ABI_ERR_TYPE unless committed */
static inline int ms_type_get_committed(ms_gh h, ms_type **out) {
  ms_type *t = (ms_type *)ms_obj_get_inline(MS_TYPE, h);
  *out = t;
  return t && t->committed ? 0 : ABI_ERR_TYPE;
}
static inline int ms_op_get(ms_gh h, ms_op **out) {
  return (*out = (ms_op *)ms_obj_get_inline(MS_OP, h)) ? 0 : ABI_ERR_OP;
}
int ms_group_get(ms_gh h, MPI_Group *out);    /* ABI_GROUP_EMPTY included */
int ms_info_get(ms_gh h, MPI_Info *out);      /* ABI_INFO_NULL -> MPI_INFO_NULL */
/* Fill a user ms_type from its host type (size, extents); returns 0 or a class. */
int ms_type_describe(ms_type *t);
/* The guest handle for a host datatype (predefined or known user type), 0 if none. */
ms_gh ms_type_from_host(MPI_Datatype host);

/* The record behind ABI_COMM_WORLD: errors with no communicator (bad comm
 * handle, type and op errors...) go to its handler. */
ms_comm *ms_comm_world(void);

/* ---- buffers ----
 * Check that count elements of type t at guest address buf lie wholly in guest
 * memory (using the true lower bound and extent, any sign of extent) and give
 * the host address.  buf 0 (MPI_BOTTOM) is base + 0: absolute displacements
 * from MPI_Get_address are guest addresses.  count 0 needs no memory.
 * Returns 0, ABI_ERR_COUNT (count < 0), ABI_ERR_TYPE (not committed) or
 * ABI_ERR_BUFFER. */
static inline int ms_buffer(const wasmso_vmctx *vm, ms_gaddr buf, int64_t count,
                            const ms_type *t, void **host) {
  *host = vm->mem_base + buf;
  if (count < 0) return ABI_ERR_COUNT;
  if (!t->committed) return ABI_ERR_TYPE;
  if (count == 0 || t->size == 0) return 0;
  if (t->true_lb == 0 && t->true_extent == t->extent) {
    /* Dense elements (every predefined type): count * extent bytes at buf. */
    uint64_t bytes;
    if (__builtin_mul_overflow((uint64_t)count, (uint64_t)t->extent, &bytes)) return ABI_ERR_BUFFER;
    return ms_in_mem(vm, buf, bytes) ? 0 : ABI_ERR_BUFFER;
  }
  __int128 first = (__int128)buf + t->true_lb;
  __int128 span = (__int128)(count - 1) * t->extent;
  __int128 lo = span < 0 ? first + span : first;
  __int128 hi = (span < 0 ? first : first + span) + t->true_extent;
  return (lo < 0 || hi > (__int128)ms_memsize(vm)) ? ABI_ERR_BUFFER : 0;
}
/* The same for a send buffer that may be ABI_IN_PLACE (1): *host =
 * MPI_IN_PLACE and no check. */
int ms_buffer_or_in_place(const wasmso_vmctx *vm, ms_gaddr buf, int64_t count,
                          const ms_type *t, void **host);
/* An int array (counts, displacements, ranks...) of n entries: host pointer or
 * NULL (n 0 gives a valid pointer). */
static inline int32_t *ms_ints(const wasmso_vmctx *vm, ms_gaddr g, int64_t n) {
  /* (n above 2^32 never fits a wasm32 memory; the bound keeps n * 4 exact) */
  return n < 0 || n > UINT32_MAX ? NULL : (int32_t *)ms_ptr(vm, g, (uint64_t)n * 4);
}
/* Guest MPI_Aint arrays are 32-bit, the host's 64-bit: a malloc'd host copy
 * (sign-extended), or NULL (bad pointer or no memory; *cls says which). */
MPI_Aint *ms_aints_in(const wasmso_vmctx *vm, ms_gaddr g, int64_t n, int *cls);
/* Store a host MPI_Aint into a guest 32-bit MPI_Aint; ABI_ERR_ARG... if it
 * does not fit (never silently truncated). */
int ms_aint_out(const wasmso_vmctx *vm, ms_gaddr g, MPI_Aint v);

/* ---- constants ----
 * A guest rank or tag argument for the host: the common non-negative values
 * unchanged (no call: every point-to-point call has them), the sentinels
 * (PROC_NULL, ANY_SOURCE, ROOT; ANY_TAG) mapped, any other negative value
 * INT_MIN (it must stay invalid on the host, never land on a host sentinel). */
static inline int ms_rank_in(int r) {
  if (__builtin_expect(r >= 0, 1)) return r;
  return r == ABI_PROC_NULL ? MPI_PROC_NULL : r == ABI_ANY_SOURCE ? MPI_ANY_SOURCE
         : r == ABI_ROOT    ? MPI_ROOT : INT32_MIN;
}
static inline int ms_tag_in(int t) {
  if (__builtin_expect(t >= 0, 1)) return t;
  return t == ABI_ANY_TAG ? MPI_ANY_TAG : INT32_MIN;
}
int ms_rank_out(int host_rank);
int ms_tag_out(int host_tag);
int ms_undefined_out(int host_value); /* MPI_UNDEFINED -> ABI_UNDEFINED, others unchanged */
int ms_undefined_in(int guest_value);  /* ABI_UNDEFINED -> MPI_UNDEFINED, others unchanged */
int ms_class_to_guest(int host_class);
int ms_class_to_host(int guest_class);
/* Thread levels: 0 or ABI_ERR_ARG for a value that is no level. */
int ms_thread_level_in(int guest_level, int *host_level);
int ms_thread_level_out(int host_level);
int ms_compare_out(int host_result);   /* MPI_IDENT... -> ABI_IDENT... */
int ms_topo_out(int host_kind);        /* MPI_CART... -> ABI_CART...; MPI_UNDEFINED mapped */

/* ---- statuses ----
 * Guest MPI_Status: 32 bytes {MPI_SOURCE, MPI_TAG, MPI_ERROR, internal[5]}.
 * The shim lays the internal words out as the host's (Open MPI 4.1) status
 * does: internal[0] the cancelled flag (byte 12), internal[1..2] the
 * received byte count (64-bit, byte 16), so MPI_Get_count & co. can rebuild
 * the host status, and a receive into an 8-byte aligned guest status can let
 * the host write it in place (ms_fast_status_at; ms_status.c checks the
 * host's layout at compile time). */
#define MS_STATUS_SIZE 32u
/* The host's status may be written in place in the guest's: Open MPI's
 * layout on 64-bit hosts (ms_status.c asserts it at compile time). */
#if defined(OMPI_MAJOR_VERSION) && (defined(__x86_64__) || defined(__aarch64__))
#define MS_STATUS_IN_PLACE 1
#else
#define MS_STATUS_IN_PLACE 0
#endif
/* Host address of n guest statuses at g (g 0 = MPI_STATUS(ES)_IGNORE gives
 * NULL with *ignore set), or NULL with *ignore clear when out of bounds. */
void *ms_statuses(const wasmso_vmctx *vm, ms_gaddr g, int64_t n, bool *ignore);
void ms_status_out_slow(void *guest_status, const MPI_Status *host);
/* Every receive writes one: the common cases (real source and tag, or the
 * empty status of MPI_PROC_NULL; no error) translate here, the rest in
 * ms_status_out_slow (which gives the same words for these).  guest_status
 * may be host's own memory (the host wrote it in place): every field is read
 * before anything is written. */
static inline void ms_status_out(void *guest_status, const MPI_Status *host) {
  int32_t src = host->MPI_SOURCE, tag = host->MPI_TAG;
  if (src < 0 && src == MPI_PROC_NULL) src = ABI_PROC_NULL;
  else if (src < 0) goto slow;
  if (tag < 0 && tag == MPI_ANY_TAG) tag = ABI_ANY_TAG;
  else if (tag < 0) goto slow;
  if (host->MPI_ERROR != MPI_SUCCESS) goto slow;
  uint64_t count = (uint64_t)host->_ucount;
  int32_t w[8] = {src, tag, 0, host->_cancelled, (int32_t)(uint32_t)count,
                  (int32_t)(uint32_t)(count >> 32), 0, 0};
  __builtin_memcpy(guest_status, w, sizeof w);
  return;
slow:
  ms_status_out_slow(guest_status, host);
}
void ms_status_in(const void *guest_status, MPI_Status *host);

/* ---- errors ----
 * Raise error class cls (a guest ABI class) detected by the shim in function
 * fn, on communicator c (NULL: MPI_COMM_WORLD's handler).  Runs the guest's
 * handler: ERRORS_ARE_FATAL/ABORT print "wasmload: rank R: FN: CLASS-NAME:
 * detail" and end the job (MPI_Abort); ERRORS_RETURN returns cls; a user
 * handler is called in the guest, then cls is returned. */
int ms_raise(wasmso_vmctx *vm, ms_comm *c, int cls, const char *fn, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A host MPI return code: MPI_SUCCESS gives 0; otherwise its class, mapped,
 * goes through ms_raise. */
int ms_check(wasmso_vmctx *vm, ms_comm *c, int host_rc, const char *fn);
const char *ms_class_name(int guest_class); /* "MPI_ERR_BUFFER"; NULL if no class */
const char *ms_class_text(int guest_class); /* "invalid buffer pointer"; NULL if no class */
/* Codes: the ABI's classes and what MPI_Add_error_class/code added. */
int ms_code_class(int guest_code);          /* its class, or -1 if no code */
const char *ms_code_text(int guest_code);   /* for messages */
int ms_last_used_code(void);                /* the MPI_LASTUSEDCODE attribute */

/* ---- calling back into the guest ----
 * Entry `index` of the guest's function table (table 0) if it exists and has
 * the signature params -> results ("i" i32, "I" i64, "f" f32, "d" f64);
 * else NULL. */
wasmso_funcref *ms_guest_func(wasmso_vmctx *vm, uint32_t index, const char *params,
                              const char *results);
/* Call it.  A trap in the guest ends the whole job (ms_on_trap): this never
 * unwinds through host MPI frames. */
void ms_guest_call(wasmso_vmctx *vm, wasmso_funcref *f, const wasmso_value *args,
                   wasmso_value *results);
/* ---- the re-entrancy rule ----
 * Guest code runs inside MPI calls: user reduction ops, attribute copy and
 * delete functions, error handlers, generalized-request query/free/cancel
 * functions, and the guest's own malloc/free that the shim calls for
 * scratch memory.  Every such call goes through ms_guest_call, which counts
 * them in ms_guest_depth.  While it is non-zero, an MPI call in progress
 * (the host's or the shim's) may still hold any object, so every call that
 * frees, finalizes, completes, cancels or otherwise invalidates an MPI
 * object (starting a persistent request too: a completion call in progress
 * may hold it, inactive) starts with MS_NO_REENTRY: it is refused before its arguments are
 * read (they may be the very objects in use) and never reaches Open MPI.
 * The list of those calls (flag "frees" in mpi-api.tab) is
 * ms_reentry_refused_fns (generated, NULL-terminated); a test
 * checks each one's wrapper starts with the check.  MPI_Grequest_complete is
 * allowed: it only marks the request done for a completion call (which is
 * what it is for), and frees nothing a call in progress holds. */
extern int ms_guest_depth;
/* Raise the refusal of fn through MPI_COMM_WORLD's error handler (the call's
 * own object is not looked at): returns the class, MPI_ERR_OTHER. */
int ms_reentry_refused(wasmso_vmctx *vm, const char *fn);
#define MS_NO_REENTRY(vm, fn)                                                                    \
  do {                                                                                           \
    if (__builtin_expect(ms_guest_depth != 0, 0)) return ms_reentry_refused(vm, fn);             \
  } while (0)
extern const char *const ms_reentry_refused_fns[];

/* The guest heap, through its exported malloc and free (wasm-mpicc exports
 * them).  0 if the guest has no malloc or it failed.  malloc may grow memory;
 * the base never moves, so host pointers taken before stay valid. */
ms_gaddr ms_guest_malloc(wasmso_vmctx *vm, uint32_t size);
void ms_guest_free(wasmso_vmctx *vm, ms_gaddr p);
/* True if the guest exports a usable malloc and free. */
bool ms_guest_has_heap(wasmso_vmctx *vm);

/* ---- process state ---- */
/* The guest instance (set by ms_MPI_Init*; host callbacks use it). */
wasmso_vmctx *ms_vm(void);
bool ms_initialized(void);
bool ms_finalized(void);
int ms_world_rank(void);

/* ---- the import table ----
 * Generated from mpi-api.tab (ms_api_table.c): for each function, the
 * wrapper ms_MPI_Name(wasmso_vmctx *, ...) (prototypes in ms_api.h) and its
 * Wasm signature.  The same table gives wasm-mpicc its list of imports. */
struct ms_fn {
  const char *name;
  void *fn;
  const char *params, *results; /* 'i' i32, 'I' i64, 'd' f64 */
};

/* ---- what wasmload uses ---- */
/* The resolver for import module "mpi". */
bool ms_resolve(void *user, const char *module, size_t module_len, const char *name,
                size_t name_len, uint8_t kind, wl_extern *out);
/* After the guest trapped: if MPI is active, print "wasmload: rank R: trap:
 * MSG" and the backtrace, and end the whole job (MPI_Abort, status 134);
 * else return (wasmload reports it as usual). */
void ms_on_trap(const wl_error *err);
/* After the guest exited with code: if MPI is initialised and not finalised
 * and code != 0, end the whole job with that code. */
void ms_on_exit(int code);

#endif
