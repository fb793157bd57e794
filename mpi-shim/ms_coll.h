/* ms_coll.h — what the collective wrappers (group coll) share: argument
 * checks that raise the right class with a message naming the argument,
 * footprints of v/w buffers, communicator shape, and the start of a
 * non-blocking collective.  Every checker returns 0 or the value of
 * ms_raise (the guest's error class), so wrappers end with
 * `if ((rc = ...)) return rc;`. */
#ifndef MS_COLL_H
#define MS_COLL_H

#include <stdlib.h>

#include "ms_internal.h"

/* One call: the instance, its communicator (for ms_raise/ms_check) and the
 * MPI function's name for messages. */
typedef struct ms_cc {
  wasmso_vmctx *vm;
  ms_comm *c;
  const char *fn;
  /* What a nonblocking collective pins (ms_cc_req_end): the communicator,
   * and a user op with its datatype (the op's trampoline needs both records
   * until the last call; ms_cc_op_slow notes them). */
  ms_gh comm_h, op_h, op_type_h;
} ms_cc;

/* The communicator's shape: local rank and size, and the number of blocks a
 * rooted/all-to-all buffer holds (the remote size for an intercommunicator). */
typedef struct ms_shape {
  int rank, size, peers;
  bool inter;
} ms_shape;

/* The error paths of the inline checkers below (out of line: the hot path
 * is lookups and compares only). */
int ms_cc_bad_comm(ms_cc *x, int cls, ms_gh comm);
int ms_cc_bad_type(ms_cc *x, int cls, const char *what, ms_gh h);
int ms_cc_bad_buf(ms_cc *x, int cls, const char *what, ms_gaddr g, int64_t count);

/* Look up the communicator handle; ERR_COMM (raised on MPI_COMM_WORLD). */
static inline int ms_cc_begin(ms_cc *x, wasmso_vmctx *vm, ms_gh comm, const char *fn) {
  x->vm = vm;
  x->fn = fn;
  x->comm_h = comm;
  x->op_h = 0;
  int cls = ms_comm_get(comm, &x->c);
  return cls ? ms_cc_bad_comm(x, cls, comm) : 0;
}
/* A host return code: 0, or ms_check's class. */
static inline int ms_cc_check(ms_cc *x, int host_rc) {
  return host_rc == MPI_SUCCESS ? 0 : ms_check(x->vm, x->c, host_rc, x->fn);
}
int ms_cc_shape(ms_cc *x, ms_shape *s);

/* A rooted collective (Bcast, Gather(v), Scatter(v), Reduce) on this rank:
 * which of its buffers are significant.  The root side holds a block per
 * peer (Gather's receive, Scatter's send buffer; Reduce's result); the
 * leaf side is what every contributing rank gives or gets.  On an
 * intracommunicator every rank is a leaf and the root is both (its leaf
 * side may be MPI_IN_PLACE); on an intercommunicator MPI_ROOT is the root
 * side only, the other group's ranks the leaf side only, and MPI_PROC_NULL
 * neither (its buffers, counts and types are ignored: the host gets NULL
 * and whatever valid handles it can). */
typedef struct ms_root {
  int peers;     /* blocks at the root: the size, the remote size for an intercommunicator */
  bool root;     /* the root side is significant */
  bool leaf;     /* the leaf side is significant */
  bool in_place; /* the intracommunicator's root: the leaf side may be MPI_IN_PLACE */
} ms_root;
/* ERR_ROOT for a root value the communicator cannot have. */
int ms_cc_root(ms_cc *x, int root, ms_root *r);
/* The local rank (rank NULL: not wanted) and the local size, also on an
 * intercommunicator (Reduce_scatter's counts). */
int ms_cc_local(ms_cc *x, int *rank, int *size);
/* Only the block count (peers) and whether it is an intercommunicator. */
int ms_cc_peers(ms_cc *x, int *peers, bool *inter);
bool ms_cc_inter(ms_cc *x);

/* A committed datatype argument (ERR_TYPE). */
static inline int ms_cc_type(ms_cc *x, const char *what, ms_gh h, ms_type **t) {
  int cls = ms_type_get_committed(h, t);
  return cls ? ms_cc_bad_type(x, cls, what, h) : 0;
}
/* A significant buffer of count elements of t where MPI_IN_PLACE is not
 * allowed: guest 1 is refused (never base + 1). */
static inline int ms_cc_buf(ms_cc *x, const char *what, ms_gaddr g, int64_t count, const ms_type *t,
                            void **host) {
  int cls = g == ABI_IN_PLACE ? -1 : ms_buffer(x->vm, g, count, t, host);
  if (!cls) return 0;
  *host = NULL;
  return ms_cc_bad_buf(x, cls, what, g, count);
}
/* Type lookup and buffer check in one. */
static inline int ms_cc_tbuf(ms_cc *x, const char *what, ms_gaddr g, int64_t count, ms_gh th,
                             ms_type **t, void **host) {
  int rc = ms_cc_type(x, what, th, t);
  return rc ? rc : ms_cc_buf(x, what, g, count, *t, host);
}
/* The caller found g == MPI_IN_PLACE where the standard allows it on an
 * intracommunicator: refused on an intercommunicator. */
int ms_cc_in_place(ms_cc *x, const char *what);
/* For an ignored (in-place) send type: its host handle if it is a valid
 * handle, else MPI_DATATYPE_NULL; never an error. */
MPI_Datatype ms_cc_ignored_type(ms_gh h);
/* The same for an ignored op (MPI_PROC_NULL's Reduce): MPI_OP_NULL if invalid. */
MPI_Op ms_cc_ignored_op(ms_gh h);

/* n guest ints (counts, displacements): host pointer or ERR_ARG. */
int ms_cc_ints(ms_cc *x, const char *what, ms_gaddr g, int64_t n, int32_t **out);
/* Blocks i < n of counts[i] elements of t at buf + displs[i] * extent(t):
 * each lies in guest memory (ERR_COUNT for a negative count, ERR_BUFFER). */
int ms_cc_vbuf(ms_cc *x, const char *what, ms_gaddr buf, const int32_t *counts,
               const int32_t *displs, int n, const ms_type *t, void **host);
/* The blocks of a w collective: n guest datatype handles at types, each
 * committed (ERR_TYPE naming twhat[i]), then blocks of counts[i] elements
 * of types[i] at buf + displs[i] bytes (int or 32-bit guest MPI_Aint). */
int ms_cc_wbuf(ms_cc *x, const char *what, const char *twhat, ms_gaddr buf, const int32_t *counts,
               const int32_t *displs, const int32_t *types, int n, void **host);

/* A reduction's op and committed datatype.  The op is looked at first: a
 * predefined op on an invalid datatype is an op error (it is not defined
 * there; Open MPI says the same), and predefined ops refuse transport-only
 * types (ERR_OP); a user op's bad datatype is a type error.  A user op
 * remembers the datatype's guest handle for its callback. */
int ms_cc_op_slow(ms_cc *x, ms_gh oph, ms_gh th, ms_type **t, MPI_Op *out);
/* Hot path: a predefined op on a committed datatype with host arithmetic
 * needs nothing more; everything else (user ops, errors) goes to
 * ms_cc_op_slow, which makes every check again. */
static inline int ms_cc_op(ms_cc *x, ms_gh oph, ms_gh th, ms_type **t, MPI_Op *out) {
  ms_op *op = (ms_op *)ms_obj_get_inline(MS_OP, oph);
  ms_type *ty = (ms_type *)ms_obj_get_inline(MS_TYPE, th);
  if (__builtin_expect(op && op->predefined && ty && ty->committed && !ty->transport_only, 1)) {
    *t = ty;
    *out = op->host;
    return 0;
  }
  return ms_cc_op_slow(x, oph, th, t, out);
}

/* Sum of n counts as elements (ERR_COUNT if negative or above INT_MAX). */
int ms_cc_sum(ms_cc *x, const char *what, const int32_t *counts, int n, int64_t *sum);

/* malloc or ERR_NO_MEM. */
int ms_cc_alloc(ms_cc *x, size_t bytes, void **out);
/* A host copy of n guest ints into dst (non-blocking calls: the guest may
 * change its arrays before completion, the host must not see that). */
void ms_cc_copy_ints(int32_t *dst, const int32_t *src, int n);
/* What the host gets instead of checked guest arrays, all in one malloc'd
 * block *temp (NULL if nothing is kept; free()d by the caller or with the
 * request): the variadic arguments are k quadruples (int how, void *dst,
 * const int32_t *src, int64_t n), skipped when src is NULL, where how is
 *   MS_KEEP_INTS   *(int32_t **)dst = a copy of the n ints (nonblocking
 *                  calls and user ops: the guest may rewrite its arrays
 *                  before the host is done);
 *   MS_KEEP_AINTS  *(MPI_Aint **)dst = the n 32-bit guest MPI_Aints widened;
 *   MS_KEEP_TYPES  *(MPI_Datatype **)dst = the host handles of the n guest
 *                  datatype handles (checked before: MPI_DATATYPE_NULL for
 *                  any that is not valid).
 * 0 or ERR_NO_MEM (*temp NULL). */
enum { MS_KEEP_INTS, MS_KEEP_AINTS, MS_KEEP_TYPES };
int ms_cc_keep(ms_cc *x, void **temp, int k, ...);

/* Non-blocking collectives.  ms_cc_req_begin checks the guest's request
 * pointer and makes a request object before the host starts anything;
 * ms_cc_req_end hands it to the guest (with temp, freed at completion), or
 * on a host error frees both and returns ms_check's class. */
typedef struct ms_nbreq {
  ms_request *r;
  ms_gh h;
  int32_t *guest;
} ms_nbreq;
int ms_cc_req_begin(ms_cc *x, ms_gaddr reqp, ms_nbreq *q);
int ms_cc_req_end(ms_cc *x, ms_nbreq *q, int host_rc, void *temp);
/* A check failed after req_begin: release the object. */
void ms_cc_req_drop(ms_nbreq *q);

/* Neighbourhood collectives: in- and out-degree of the topology
 * (ERR_TOPOLOGY when the communicator has none). */
int ms_cc_degrees(ms_cc *x, int *in, int *out);

/* User-op trampolines (ms_op_tramp.c). */
int ms_op_slot_bind(wasmso_funcref *f, MPI_User_function **host_fn);
void ms_op_slot_release(int slot);
int ms_op_slots(void); /* the pool's size */
/* Remember which guest type the next calls of this op's callback see for
 * host type ht (several guest types share one host type). */
void ms_op_slot_note_type(int slot, MPI_Datatype ht, ms_gh guest_type);

#endif
