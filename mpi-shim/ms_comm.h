/* ms_comm.h — the "comm" group of the shim: communicators, groups,
 * topologies and communicator attributes.  Helpers shared by its files
 * (prefix ms_cm_) and the prototypes of its wrappers, which ms_comm_fns.c
 * lists in the import table. */
#ifndef MS_COMM_H
#define MS_COMM_H

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

/* ---- wrappers ---- */
typedef wasmso_vmctx vmx;
/* communicators: ms_comm_basic.c */
int32_t ms_MPI_Comm_rank(vmx *, int32_t comm, int32_t rank);
int32_t ms_MPI_Comm_size(vmx *, int32_t comm, int32_t size);
int32_t ms_MPI_Comm_remote_size(vmx *, int32_t comm, int32_t size);
int32_t ms_MPI_Comm_test_inter(vmx *, int32_t comm, int32_t flag);
int32_t ms_MPI_Comm_compare(vmx *, int32_t c1, int32_t c2, int32_t result);
int32_t ms_MPI_Comm_group(vmx *, int32_t comm, int32_t group);
int32_t ms_MPI_Comm_remote_group(vmx *, int32_t comm, int32_t group);
int32_t ms_MPI_Comm_free(vmx *, int32_t comm);
int32_t ms_MPI_Comm_disconnect(vmx *, int32_t comm);
int32_t ms_MPI_Comm_get_parent(vmx *, int32_t parent);
int32_t ms_MPI_Comm_set_name(vmx *, int32_t comm, int32_t name);
int32_t ms_MPI_Comm_get_name(vmx *, int32_t comm, int32_t name, int32_t len);
int32_t ms_MPI_Comm_set_info(vmx *, int32_t comm, int32_t info);
int32_t ms_MPI_Comm_get_info(vmx *, int32_t comm, int32_t info);
/* communicator constructors: ms_comm_new.c */
int32_t ms_MPI_Comm_split(vmx *, int32_t comm, int32_t color, int32_t key, int32_t newcomm);
int32_t ms_MPI_Comm_split_type(vmx *, int32_t comm, int32_t type, int32_t key, int32_t info,
                               int32_t newcomm);
int32_t ms_MPI_Comm_dup(vmx *, int32_t comm, int32_t newcomm);
int32_t ms_MPI_Comm_dup_with_info(vmx *, int32_t comm, int32_t info, int32_t newcomm);
int32_t ms_MPI_Comm_idup(vmx *, int32_t comm, int32_t newcomm, int32_t request);
int32_t ms_MPI_Comm_create(vmx *, int32_t comm, int32_t group, int32_t newcomm);
int32_t ms_MPI_Comm_create_group(vmx *, int32_t comm, int32_t group, int32_t tag,
                                 int32_t newcomm);
int32_t ms_MPI_Intercomm_create(vmx *, int32_t local, int32_t local_leader, int32_t peer,
                                int32_t remote_leader, int32_t tag, int32_t newcomm);
int32_t ms_MPI_Intercomm_merge(vmx *, int32_t inter, int32_t high, int32_t newcomm);
/* groups: ms_group.c */
int32_t ms_MPI_Group_size(vmx *, int32_t group, int32_t size);
int32_t ms_MPI_Group_rank(vmx *, int32_t group, int32_t rank);
int32_t ms_MPI_Group_compare(vmx *, int32_t g1, int32_t g2, int32_t result);
int32_t ms_MPI_Group_translate_ranks(vmx *, int32_t g1, int32_t n, int32_t ranks1, int32_t g2,
                                     int32_t ranks2);
int32_t ms_MPI_Group_incl(vmx *, int32_t group, int32_t n, int32_t ranks, int32_t newgroup);
int32_t ms_MPI_Group_excl(vmx *, int32_t group, int32_t n, int32_t ranks, int32_t newgroup);
int32_t ms_MPI_Group_range_incl(vmx *, int32_t group, int32_t n, int32_t ranges,
                                int32_t newgroup);
int32_t ms_MPI_Group_range_excl(vmx *, int32_t group, int32_t n, int32_t ranges,
                                int32_t newgroup);
int32_t ms_MPI_Group_union(vmx *, int32_t g1, int32_t g2, int32_t newgroup);
int32_t ms_MPI_Group_intersection(vmx *, int32_t g1, int32_t g2, int32_t newgroup);
int32_t ms_MPI_Group_difference(vmx *, int32_t g1, int32_t g2, int32_t newgroup);
int32_t ms_MPI_Group_free(vmx *, int32_t group);
/* Cartesian topologies: ms_topo_cart.c */
int32_t ms_MPI_Cart_create(vmx *, int32_t comm, int32_t ndims, int32_t dims, int32_t periods,
                           int32_t reorder, int32_t newcomm);
int32_t ms_MPI_Cart_coords(vmx *, int32_t comm, int32_t rank, int32_t maxdims, int32_t coords);
int32_t ms_MPI_Cart_rank(vmx *, int32_t comm, int32_t coords, int32_t rank);
int32_t ms_MPI_Cart_shift(vmx *, int32_t comm, int32_t dir, int32_t disp, int32_t src,
                          int32_t dest);
int32_t ms_MPI_Cart_sub(vmx *, int32_t comm, int32_t remain, int32_t newcomm);
int32_t ms_MPI_Cart_get(vmx *, int32_t comm, int32_t maxdims, int32_t dims, int32_t periods,
                        int32_t coords);
int32_t ms_MPI_Cartdim_get(vmx *, int32_t comm, int32_t ndims);
int32_t ms_MPI_Cart_map(vmx *, int32_t comm, int32_t ndims, int32_t dims, int32_t periods,
                        int32_t newrank);
int32_t ms_MPI_Dims_create(vmx *, int32_t nnodes, int32_t ndims, int32_t dims);
int32_t ms_MPI_Topo_test(vmx *, int32_t comm, int32_t status);
/* graph topologies: ms_topo_graph.c */
int32_t ms_MPI_Graph_create(vmx *, int32_t comm, int32_t nnodes, int32_t index, int32_t edges,
                            int32_t reorder, int32_t newcomm);
int32_t ms_MPI_Graph_get(vmx *, int32_t comm, int32_t maxindex, int32_t maxedges,
                         int32_t index, int32_t edges);
int32_t ms_MPI_Graphdims_get(vmx *, int32_t comm, int32_t nnodes, int32_t nedges);
int32_t ms_MPI_Graph_neighbors(vmx *, int32_t comm, int32_t rank, int32_t max,
                               int32_t neighbors);
int32_t ms_MPI_Graph_neighbors_count(vmx *, int32_t comm, int32_t rank, int32_t n);
int32_t ms_MPI_Graph_map(vmx *, int32_t comm, int32_t nnodes, int32_t index, int32_t edges,
                         int32_t newrank);
/* distributed graphs: ms_topo_dist.c */
int32_t ms_MPI_Dist_graph_create_adjacent(vmx *, int32_t comm, int32_t indegree,
                                          int32_t sources, int32_t sourceweights,
                                          int32_t outdegree, int32_t dests,
                                          int32_t destweights, int32_t info, int32_t reorder,
                                          int32_t newcomm);
int32_t ms_MPI_Dist_graph_create(vmx *, int32_t comm, int32_t n, int32_t sources,
                                 int32_t degrees, int32_t dests, int32_t weights, int32_t info,
                                 int32_t reorder, int32_t newcomm);
int32_t ms_MPI_Dist_graph_neighbors(vmx *, int32_t comm, int32_t maxin, int32_t sources,
                                    int32_t sourceweights, int32_t maxout, int32_t dests,
                                    int32_t destweights);
int32_t ms_MPI_Dist_graph_neighbors_count(vmx *, int32_t comm, int32_t indegree,
                                          int32_t outdegree, int32_t weighted);
/* attributes: ms_attr.c */
int32_t ms_MPI_Comm_create_keyval(vmx *, int32_t copy_fn, int32_t delete_fn, int32_t keyval,
                                  int32_t extra_state);
int32_t ms_MPI_Comm_free_keyval(vmx *, int32_t keyval);
int32_t ms_MPI_Comm_set_attr(vmx *, int32_t comm, int32_t keyval, int32_t value);
int32_t ms_MPI_Comm_get_attr(vmx *, int32_t comm, int32_t keyval, int32_t value, int32_t flag);
int32_t ms_MPI_Comm_delete_attr(vmx *, int32_t comm, int32_t keyval);
int32_t ms_MPI_Keyval_create(vmx *, int32_t copy_fn, int32_t delete_fn, int32_t keyval,
                             int32_t extra_state);
int32_t ms_MPI_Keyval_free(vmx *, int32_t keyval);
int32_t ms_MPI_Attr_put(vmx *, int32_t comm, int32_t keyval, int32_t value);
int32_t ms_MPI_Attr_get(vmx *, int32_t comm, int32_t keyval, int32_t value, int32_t flag);
int32_t ms_MPI_Attr_delete(vmx *, int32_t comm, int32_t keyval);

#endif
