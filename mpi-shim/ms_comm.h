/* ms_comm.h — the "comm" group of the shim: communicators, groups,
 * topologies and communicator attributes.  Helpers shared by its files
 * (prefix ms_cm_), used by its hand-written wrappers and by the kinds of
 * gen-kinds-comm.awk (the wrappers' prototypes: ms_api.h, from mpi-api.tab). */
#ifndef MS_COMM_H
#define MS_COMM_H

#include <stdlib.h>

#include "ms_internal.h"

/* ---- argument helpers: 0, or the class returned by ms_raise ---- */

/* The communicator behind guest handle h (ABI_ERR_COMM raised on
 * MPI_COMM_WORLD's handler when there is none). */
int ms_cm_comm(wasmso_vmctx *vm, ms_gh h, ms_comm **c, const char *fn);
/* The group behind guest handle h (ABI_ERR_GROUP raised on c's handler). */
int ms_cm_group(wasmso_vmctx *vm, ms_comm *c, ms_gh h, MPI_Group *g, const char *fn);
/* n guest ints at g, the whole extent inside memory (n < 0: ABI_ERR_ARG). */
int ms_cm_ints(wasmso_vmctx *vm, ms_comm *c, ms_gaddr g, int64_t n, int32_t **p,
               const char *fn, const char *what);
/* One guest int (an out- or in-parameter). */
static inline int ms_cm_int(wasmso_vmctx *vm, ms_comm *c, ms_gaddr g, int32_t **p,
                            const char *fn, const char *what) {
  return ms_cm_ints(vm, c, g, 1, p, fn, what);
}

/* Host out-arrays: the host writes into a zeroed scratch array of max(a, b)
 * ints (its own idea of the length, b, may exceed the guest's, a), and
 * ms_cm_copy_out copies min(max, actual) entries to the guest.  NULL with
 * *rc set (ABI_ERR_NO_MEM raised) when out of memory; free() the result. */
int *ms_cm_scratch(wasmso_vmctx *vm, ms_comm *c, int64_t a, int64_t b, const char *fn,
                   int *rc);
void ms_cm_copy_out(int32_t *dst, const int *src, int64_t max, int64_t actual);

/* ---- checks the host would make only with its parameter checking on ----
 * (ms_comm_check.c): 0, or the class raised on c's handler. */
int ms_cm_intra(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn); /* ABI_ERR_COMM */
int ms_cm_inter(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn);
/* c has topology want (MPI_CART, MPI_GRAPH, MPI_DIST_GRAPH), else ABI_ERR_TOPOLOGY. */
int ms_cm_topo(wasmso_vmctx *vm, ms_comm *c, ms_gh h, int want, const char *fn);
int ms_cm_size(const ms_comm *c); /* 0 if the host cannot say */
/* n ranks each in [0, size) (ABI_ERR_RANK); flags: */
enum { MS_CM_DISTINCT = 1, MS_CM_PROC_NULL = 2 /* ABI_PROC_NULL allowed */ };
int ms_cm_ranks(wasmso_vmctx *vm, ms_comm *c, const int32_t *ranks, int64_t n, int size,
                int flags, const char *fn, const char *what);

/* ---- checks of the generated wrappers' kinds (gen-kinds-comm.awk) ---- */
/* The number of dimensions of c's Cartesian topology, 0 if it has none. */
int ms_cm_cart_ndims(const ms_comm *c);
/* nnodes and nedges of c's graph topology, 0 if it has none; the degree of
 * node rank (0 if the host cannot say). */
int ms_cm_graph_nnodes(const ms_comm *c);
int ms_cm_graph_nedges(const ms_comm *c);
int ms_cm_graph_degree(const ms_comm *c, int rank);
/* A grid description: every extent positive, the grid no larger than c
 * (ABI_ERR_DIMS). */
int ms_cm_grid(wasmso_vmctx *vm, ms_comm *c, const int32_t *dims, int32_t ndims, const char *fn);
/* MPI_Dims_create's dims: fixed extents non-negative and dividing nnodes,
 * which is positive (ABI_ERR_DIMS). */
int ms_cm_dims_fill(wasmso_vmctx *vm, ms_comm *c, int32_t nnodes, const int32_t *dims,
                    int32_t ndims, const char *fn);
/* A graph description: index[nnodes] non-decreasing, then edges[index[nnodes-1]]
 * inside memory, nnodes no more than c's size, every edge a node. */
int ms_cm_graph(wasmso_vmctx *vm, ms_comm *c, int32_t nnodes, ms_gaddr index, ms_gaddr edges,
                int32_t **pi, int32_t **pe, const char *fn);
/* Group g lies within c's (local) group (ABI_ERR_GROUP). */
int ms_cm_group_within(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const char *fn);
/* n distinct ranks of group g (ABI_ERR_RANK); n ranges (first, last,
 * stride) of g naming distinct ranks (ABI_ERR_RANK, ABI_ERR_ARG). */
int ms_cm_group_ranks(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const int32_t *ranks,
                      int32_t n, const char *fn, const char *what);
int ms_cm_group_ranges(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const int32_t *ranges,
                       int32_t n, const char *fn);
/* MPI_Comm_split_type's split type: MPI_COMM_TYPE_SHARED or MPI_UNDEFINED
 * (else ABI_ERR_ARG), the host's value in *host. */
int ms_cm_split_type(wasmso_vmctx *vm, ms_comm *c, int32_t type, int *host, const char *fn);
/* MPI_Group_free on the host, nothing for MPI_GROUP_EMPTY (predefined). */
int ms_cm_group_free(MPI_Group *g);
/* For __attribute__((cleanup)): free a scratch array of ms_cm_scratch. */
static inline void ms_cm_scratch_free(int **p) { free(*p); }

/* Store a new guest handle for host group g at *out (MPI_GROUP_EMPTY stays
 * the predefined handle); on failure g is freed and the class raised. */
int ms_cm_group_out(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, int32_t *out, const char *fn);

/* ---- new communicators ----
 * A new communicator is a user object reserved before the host call (so no
 * host communicator is ever created that the guest cannot be given), then
 * bound to the host's result, which inherits the parent's guest errhandler. */
int ms_cm_reserve(wasmso_vmctx *vm, ms_comm *parent, ms_gh *h, const char *fn);
/* Bind the reserved h to host (MPI_COMM_NULL releases it): the guest handle
 * to hand out (ABI_COMM_NULL for MPI_COMM_NULL). */
ms_gh ms_cm_bind(ms_gh h, MPI_Comm host, ms_gh errhandler);
/* Release a reserved handle after the host call failed. */
void ms_cm_unreserve(ms_gh h);

/* A constructor call between its checks and its host call. */
struct ms_cm_new {
  ms_gh parent_h, h, errh;
  int32_t *out;
};
/* Look up the parent, check the out-parameter, reserve the handle. */
int ms_cm_begin(wasmso_vmctx *vm, ms_gh parent, ms_gaddr out, struct ms_cm_new *n, ms_comm **c,
                const char *fn);
/* After the host call: store the new handle (ABI_COMM_NULL if the host gave
 * MPI_COMM_NULL), or release it and raise the host's error.  host points to
 * the host call's out-parameter, read only here: callers pass the call and
 * &out in one argument list, whose evaluation order C leaves open. */
int ms_cm_end(wasmso_vmctx *vm, struct ms_cm_new *n, int host_rc, const MPI_Comm *host,
              const char *fn);

/* Attributes: the guest handle of a host communicator for a callback. */
ms_gh ms_cm_guest_handle(MPI_Comm host);

#endif
