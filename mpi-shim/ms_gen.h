/* ms_gen.h — what the generated wrappers (ms_api_gen.c, from mpi-api.tab by
 * gen-api.awk) use: the helpers of the groups whose kinds they handle, and
 * the lookups of their fast path. */
#ifndef MS_GEN_H
#define MS_GEN_H

#include "ms_coll.h"
#include "ms_comm.h"
#include "ms_p2p.h"

/* Fast path: the record of a predefined communicator (MPI_COMM_WORLD,
 * MPI_COMM_SELF) or datatype with one table load and a compare; NULL for
 * anything else, which the general path then looks up with its errors. */
static inline ms_comm *ms_gen_predef_comm(ms_gh h) {
  if (h >= ABI_PREDEF_LIMIT) return NULL;
  const struct ms_predef_entry *p = &ms_predef[h];
  return p->kind == MS_COMM + 1 ? (ms_comm *)p->rec : NULL;
}
static inline ms_type *ms_gen_predef_type(ms_gh h) {
  if (h >= ABI_PREDEF_LIMIT) return NULL;
  const struct ms_predef_entry *p = &ms_predef[h];
  return p->kind == MS_TYPE + 1 ? (ms_type *)p->rec : NULL;
}

/* A predefined op on a predefined datatype it has host arithmetic for: the
 * type's record and the host op, as ms_cc_op gives them, without a call. */
static inline bool ms_gen_predef_op(ms_gh op, ms_gh type, ms_type **t, MPI_Op *hop) {
  if ((op | type) >= ABI_PREDEF_LIMIT) return false;
  const struct ms_predef_entry *po = &ms_predef[op], *pt = &ms_predef[type];
  if (po->kind != MS_OP + 1 || pt->kind != MS_TYPE + 1) return false;
  ms_type *ty = (ms_type *)pt->rec;
  if (ty->transport_only) return false;
  *t = ty;
  *hop = ((ms_op *)po->rec)->host;
  return true;
}
/* The collective context of a fast-path call on predefined communicator c
 * (handle comm), as ms_cc_begin makes it; always true. */
static inline bool ms_gen_cc(ms_cc *x, wasmso_vmctx *vm, const char *fn, ms_gh comm, ms_comm *c) {
  x->vm = vm;
  x->fn = fn;
  x->c = c;
  x->comm_h = comm;
  x->op_h = 0;
  return true;
}

#endif
