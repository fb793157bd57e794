/* ms_type.h — the datatype group (constructors, queries, attributes,
 * decoding, packing): its wrappers and the helpers its files share.  Private
 * to ms_type*.c and ms_pack*.c. */
#ifndef MS_TYPE_H
#define MS_TYPE_H

#include "ms_internal.h"

/* ---- a new type's bounds, computed by us ----
 * Host MPI keeps sizes and bounds in 64-bit integers and wraps silently on
 * overflow (a contiguous of a contiguous of ... reports size 0 and would
 * still move data).  Each constructor therefore adds its blocks to a hull in
 * 128-bit arithmetic first and refuses types whose bounds or size could leave
 * the 64-bit range; the host's own description of the finished type must lie
 * within the hull. */
typedef struct ms_hull {
  __int128 lo, hi;     /* lb/ub markers (either sign of extent) */
  __int128 tlo, thi;   /* true bounds */
  __int128 size;       /* upper bound of the size */
  bool any;            /* some block added */
  bool transport_only; /* a component is */
  const uint32_t *comps; /* the component handles, for decoding (may be NULL) */
  uint32_t ncomps;
} ms_hull;

/* Add `copies` blocks of n elements of type o, each block's displacement (in
 * bytes) between d_lo and d_hi. */
void ms_hull_add(ms_hull *h, const ms_type *o, __int128 d_lo, __int128 d_hi, __int128 n,
                 __int128 copies);

/* 0 if the hull stays within +-2^62 bytes, else a raised ABI_ERR_ARG.
 * Called before the host constructor. */
int ms_hull_check(wasmso_vmctx *vm, const char *fn, const ms_hull *h);

/* Finish a constructor: host type made by the host constructor (host_rc its
 * return code), hull the bounds we expect.  Checks the hull, wraps the host
 * type in a new guest object and stores its handle at guest address out (a
 * 4-byte slot checked by the caller).  Frees the host type on failure.
 * Returns ms_check/ms_raise's value. */
int ms_type_finish(wasmso_vmctx *vm, const char *fn, int host_rc, MPI_Datatype host,
                   const ms_hull *h, uint32_t out);

/* Wrap a host type we received (Type_get_contents) in a new guest handle;
 * on failure the host type is freed and the class returned. */
int ms_type_wrap(MPI_Datatype host, bool transport_only, ms_gh *out);

/* A guest NUL-terminated string of at most max bytes (NUL included) at g:
 * its host address, or NULL if it leaves memory or is longer. */
const char *ms_gstr(const wasmso_vmctx *vm, uint32_t g, size_t max);

/* Array orders, distributions and darray arguments, guest <-> host. */
int ms_order_in(int order, int *host); /* 0 or ABI_ERR_ARG */
int ms_order_out(int host);
int ms_distrib_out(int host);
int ms_darg_out(int host);

/* Raise with the common "bad pointer" wording. */
#define MS_BADPTR(vm, fn, what, g) \
  ms_raise(vm, NULL, ABI_ERR_ARG, fn, "%s 0x%x lies outside guest memory", what, (unsigned)(g))

/* 32-bit little-endian guest stores (guest ints may be unaligned). */
void ms_put32(const wasmso_vmctx *vm, uint32_t g, int32_t v);
int32_t ms_get32(const wasmso_vmctx *vm, uint32_t g);
void ms_put64(const wasmso_vmctx *vm, uint32_t g, int64_t v);

/* What the shim keeps per datatype handle: its name (a guest string, up to
 * ABI_MAX_OBJECT_NAME - 1 chars) and the guest handles of the components it
 * was built from (by position, as host MPI_Type_get_contents lists them). */
const char *ms_type_name_get(ms_gh h); /* NULL: none set */
int ms_type_name_set(ms_gh h, const char *name);
void ms_type_components_set(ms_gh h, const uint32_t *comps, uint32_t n); /* best effort */
void ms_type_components_copy(ms_gh to, ms_gh from); /* if from's are known */
ms_gh ms_type_component(ms_gh h, uint32_t i); /* 0: not known */
void ms_type_extra_drop(ms_gh h); /* at MPI_Type_free */
const char *ms_type_predef_name(ms_gh h); /* "MPI_INT", or NULL */

/* ---- what the generated wrappers call (gen-kinds-type.awk) ----
 * Where a host function would be (host=ms_ty_* in mpi-api.tab): the
 * wrapper has checked every argument; a datatype comes as its record and
 * its guest handle; results go to host-typed variables that the wrapper
 * translates and stores on success; the return is a host code (MPI_SUCCESS,
 * or an MPI_ERR_* class that ms_check maps and raises). */

/* Guest MPI_Aint outputs: a value that does not fit 32 bits is reported as
 * MPI_UNDEFINED (MPI-4 semantics), never truncated. */
static inline int32_t ms_ty_aint_or_undefined(int64_t v) {
  return v < INT32_MIN || v > INT32_MAX ? ABI_UNDEFINED : (int32_t)v;
}
/* A guest MPI_Count (64-bit, maybe unaligned). */
typedef int64_t ms_ty_i64 __attribute__((aligned(1), may_alias));
/* The longest guest string a datatype call reads (MPI_Type_set_name; longer
 * names are cut to MPI_MAX_OBJECT_NAME - 1 anyway). */
#define MS_TY_STR_MAX ((size_t)1 << 20)
/* A guest type keyval's host keyval: 0, or ABI_ERR_KEYVAL (ms_type_attr.c). */
int ms_ty_keyval(int guest, int *host);
/* Free a valid guest type keyval (its record stays for the host's callbacks). */
int ms_ty_free_keyval(int guest);

/* The sizes and extents the guest sees: our record's.  MPI-4: a size an
 * int cannot hold is MPI_UNDEFINED. */
static inline int ms_ty_size(const ms_type *t, ms_gh h, int *size) {
  (void)h;
  *size = t->size > INT32_MAX ? MPI_UNDEFINED : (int)t->size;
  return MPI_SUCCESS;
}
static inline int ms_ty_size_count(const ms_type *t, ms_gh h, MPI_Count *size) {
  (void)h;
  *size = t->size;
  return MPI_SUCCESS;
}
static inline int ms_ty_extent(const ms_type *t, ms_gh h, MPI_Aint *lb, MPI_Aint *extent) {
  (void)h;
  *lb = t->lb, *extent = t->extent;
  return MPI_SUCCESS;
}
static inline int ms_ty_extent_count(const ms_type *t, ms_gh h, MPI_Count *lb, MPI_Count *extent) {
  (void)h;
  *lb = t->lb, *extent = t->extent;
  return MPI_SUCCESS;
}
static inline int ms_ty_true_extent(const ms_type *t, ms_gh h, MPI_Aint *lb, MPI_Aint *extent) {
  (void)h;
  *lb = t->true_lb, *extent = t->true_extent;
  return MPI_SUCCESS;
}
static inline int ms_ty_true_extent_count(const ms_type *t, ms_gh h, MPI_Count *lb,
                                          MPI_Count *extent) {
  (void)h;
  *lb = t->true_lb, *extent = t->true_extent;
  return MPI_SUCCESS;
}
/* Commit (predefined and committed types: nothing to do); free a user type
 * (the host type and our record go now, or with the last pending operation
 * that pins it). */
int ms_ty_commit(ms_type *t, ms_gh h);
int ms_ty_free(ms_type *t, ms_gh h);
/* Names: stored by the shim (MPI_ERR_NO_MEM); a type without one is "", a
 * predefined type is named as Open MPI names it. */
int ms_ty_set_name(ms_type *t, ms_gh h, const char *name);
int ms_ty_get_name(const ms_type *t, ms_gh h, const char **name, int *len);
/* The decoding's envelope: the combiner as the ABI's; MPI_ERR_INTERN if the
 * host cannot decode. */
int ms_ty_envelope(const ms_type *t, ms_gh h, int *ni, int *na, int *nd, int *combiner);
/* The predefined type of that class and size (MPI_ERR_ARG: none). */
int ms_ty_match_size(int typeclass, int size, ms_gh *type);
/* Addresses are guest addresses (MPI_BOTTOM is guest 0), as the guest's
 * 32-bit MPI_Aint holds them; their arithmetic is 32-bit, as in the guest. */
static inline int ms_ty_address(uint32_t location, MPI_Aint *address) {
  *address = (int32_t)location;
  return MPI_SUCCESS;
}
static inline int32_t ms_ty_aint_add(int32_t base, int32_t disp) {
  return (int32_t)((uint32_t)base + (uint32_t)disp);
}
static inline int32_t ms_ty_aint_diff(int32_t addr1, int32_t addr2) {
  return (int32_t)((uint32_t)addr1 - (uint32_t)addr2);
}

/* ---- the hand-written wrappers (prototypes: ms_api.h, from mpi-api.tab) ---- */
typedef wasmso_vmctx V;
typedef uint32_t G; /* guest pointer or handle */
typedef int32_t I;  /* guest int or MPI_Aint */

#endif
