/* ms_gen.h — what the generated wrappers (ms_api_gen.c, from mpi-api.tab by
 * gen-api.awk) use: the helpers of the groups whose kinds they handle, and
 * the lookups of their fast path. */
#ifndef MS_GEN_H
#define MS_GEN_H

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

#endif
