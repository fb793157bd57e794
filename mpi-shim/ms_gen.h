/* ms_gen.h — what the generated wrappers (ms_api_gen.c, from mpi-api.tab by
 * gen-api.awk) use: the helpers of the groups whose kinds they handle, and
 * those of their fast paths (ms_fast.h). */
#ifndef MS_GEN_H
#define MS_GEN_H

#include "ms_coll.h"
#include "ms_comm.h"
#include "ms_fast.h"
#include "ms_p2p.h"
#include "ms_type.h"

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
