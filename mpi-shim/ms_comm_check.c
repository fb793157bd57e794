/* ms_comm_check.c — argument checks the comm group makes itself rather than
 * leave to the host.  Open MPI validates ranks, topologies and
 * intercommunicators only while its parameter checking is on (MCA
 * mpi_param_check); without it, a rank out of range indexes host arrays.
 * So whatever could make the host touch memory it should not is checked
 * here, whatever the host's settings. */
#include <stdlib.h>

#include "ms_comm.h"

int ms_cm_intra(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn) {
  int inter = 0;
  if (MPI_Comm_test_inter(c->host, &inter) == MPI_SUCCESS && !inter) return 0;
  return ms_raise(vm, c, ABI_ERR_COMM, fn, "communicator 0x%x is an intercommunicator", h);
}

int ms_cm_inter(wasmso_vmctx *vm, ms_comm *c, ms_gh h, const char *fn) {
  int inter = 0;
  if (MPI_Comm_test_inter(c->host, &inter) == MPI_SUCCESS && inter) return 0;
  return ms_raise(vm, c, ABI_ERR_COMM, fn, "communicator 0x%x is no intercommunicator", h);
}

int ms_cm_topo(wasmso_vmctx *vm, ms_comm *c, ms_gh h, int want, const char *fn) {
  int status = MPI_UNDEFINED;
  if (MPI_Topo_test(c->host, &status) == MPI_SUCCESS && status == want) return 0;
  return ms_raise(vm, c, ABI_ERR_TOPOLOGY, fn, "communicator 0x%x has no %s topology", h,
                  want == MPI_CART ? "Cartesian" : want == MPI_GRAPH ? "graph"
                                                                       : "distributed graph");
}

int ms_cm_size(const ms_comm *c) {
  int size = 0;
  return MPI_Comm_size(c->host, &size) == MPI_SUCCESS ? size : 0;
}

int ms_cm_ranks(wasmso_vmctx *vm, ms_comm *c, const int32_t *ranks, int64_t n, int size,
                int flags, const char *fn, const char *what) {
  unsigned char *seen = NULL;
  if ((flags & MS_CM_DISTINCT) && n > 0 && !(seen = calloc((size_t)size + 1, 1)))
    return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no memory to check %s", what);
  for (int64_t i = 0; i < n; i++) {
    int32_t r = ranks[i];
    if ((flags & MS_CM_PROC_NULL) && r == ABI_PROC_NULL) continue;
    const char *why = r < 0 || r >= size ? "is no rank" : seen && seen[r]++ ? "is repeated" : NULL;
    if (why) {
      free(seen);
      return ms_raise(vm, c, ABI_ERR_RANK, fn, "%s[%lld] = %d %s (size %d)", what, (long long)i,
                      r, why, size);
    }
  }
  free(seen);
  return 0;
}

/* ---- the checks of the generated wrappers' kinds (gen-kinds-comm.awk) ---- */

int ms_cm_cart_ndims(const ms_comm *c) {
  int status, nd = 0;
  if (MPI_Topo_test(c->host, &status) != MPI_SUCCESS || status != MPI_CART) return 0;
  if (MPI_Cartdim_get(c->host, &nd) != MPI_SUCCESS || nd < 0) return 0;
  return nd;
}

static void graph_dims(const ms_comm *c, int *nnodes, int *nedges) {
  int status;
  *nnodes = *nedges = 0;
  if (MPI_Topo_test(c->host, &status) == MPI_SUCCESS && status == MPI_GRAPH &&
      MPI_Graphdims_get(c->host, nnodes, nedges) != MPI_SUCCESS)
    *nnodes = *nedges = 0;
  if (*nnodes < 0 || *nedges < 0) *nnodes = *nedges = 0;
}
int ms_cm_graph_nnodes(const ms_comm *c) {
  int nn, ne;
  graph_dims(c, &nn, &ne);
  return nn;
}
int ms_cm_graph_nedges(const ms_comm *c) {
  int nn, ne;
  graph_dims(c, &nn, &ne);
  return ne;
}
int ms_cm_graph_degree(const ms_comm *c, int rank) {
  int count = 0;
  if (MPI_Graph_neighbors_count(c->host, rank, &count) != MPI_SUCCESS || count < 0) return 0;
  return count;
}

int ms_cm_grid(wasmso_vmctx *vm, ms_comm *c, const int32_t *dims, int32_t ndims, const char *fn) {
  int64_t cells = 1, size = ms_cm_size(c);
  for (int32_t i = 0; i < ndims; i++) {
    if (dims[i] <= 0)
      return ms_raise(vm, c, ABI_ERR_DIMS, fn, "dims[%d] = %d is not positive", i, dims[i]);
    if ((cells *= dims[i]) > size)
      return ms_raise(vm, c, ABI_ERR_DIMS, fn, "the grid has more cells than the %lld processes",
                      (long long)size);
  }
  return 0;
}

int ms_cm_dims_fill(wasmso_vmctx *vm, ms_comm *c, int32_t nnodes, const int32_t *dims,
                    int32_t ndims, const char *fn) {
  int64_t fixed = 1;
  for (int32_t i = 0; i < ndims; i++) {
    if (dims[i] < 0)
      return ms_raise(vm, c, ABI_ERR_DIMS, fn, "dims[%d] = %d is negative", i, dims[i]);
    if (dims[i] > 0 && (fixed *= dims[i]) > INT32_MAX) fixed = (int64_t)INT32_MAX + 1;
  }
  if (nnodes <= 0 || nnodes % fixed != 0)
    return ms_raise(vm, c, ABI_ERR_DIMS, fn,
                    "%d processes cannot fill a grid with the given fixed extents", nnodes);
  return 0;
}

/* index is checked to be a non-decreasing sequence of non-negative counts
 * before edges is checked over index[nnodes-1], so the host never reads
 * past what was checked. */
int ms_cm_graph(wasmso_vmctx *vm, ms_comm *c, int32_t nnodes, ms_gaddr index, ms_gaddr edges,
                int32_t **pi, int32_t **pe, const char *fn) {
  int rc;
  if ((rc = ms_cm_ints(vm, c, index, nnodes, pi, fn, "index"))) return rc;
  int32_t prev = 0;
  for (int32_t i = 0; i < nnodes; i++) {
    if ((*pi)[i] < prev)
      return ms_raise(vm, c, ABI_ERR_ARG, fn, "index[%d] = %d is below index[%d]", i, (*pi)[i],
                      i - 1);
    prev = (*pi)[i];
  }
  int32_t nedges = nnodes > 0 ? (*pi)[nnodes - 1] : 0;
  if ((rc = ms_cm_ints(vm, c, edges, nedges, pe, fn, "edges"))) return rc;
  /* The nodes are the first nnodes processes; every edge ends at one. */
  if (nnodes > ms_cm_size(c))
    return ms_raise(vm, c, ABI_ERR_ARG, fn, "%d nodes, more than the %d processes", nnodes,
                    ms_cm_size(c));
  return ms_cm_ranks(vm, c, *pe, nedges, nnodes, 0, fn, "edges");
}

/* Open MPI checks this only with its parameter checking on. */
int ms_cm_group_within(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const char *fn) {
  MPI_Group cg = MPI_GROUP_NULL, outside = MPI_GROUP_NULL;
  int n = -1, rc;
  if ((rc = ms_check(vm, c, MPI_Comm_group(c->host, &cg), fn))) return rc;
  rc = MPI_Group_difference(g, cg, &outside);
  if (rc == MPI_SUCCESS) MPI_Group_size(outside, &n);
  MPI_Group_free(&cg);
  if (outside != MPI_GROUP_NULL) MPI_Group_free(&outside);
  if (rc != MPI_SUCCESS) return ms_check(vm, c, rc, fn);
  if (n != 0)
    return ms_raise(vm, c, ABI_ERR_GROUP, fn, "%d process(es) of the group are not in the "
                    "communicator", n);
  return 0;
}

int ms_cm_group_ranks(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const int32_t *ranks,
                      int32_t n, const char *fn, const char *what) {
  int size = 0, rc;
  if ((rc = ms_check(vm, c, MPI_Group_size(g, &size), fn))) return rc;
  return ms_cm_ranks(vm, c, ranks, n, size, MS_CM_DISTINCT, fn, what);
}

/* Ranges (first, last, stride): first and last ranks of the group, stride
 * not 0 and pointing from first to last, every rank they name distinct. */
int ms_cm_group_ranges(wasmso_vmctx *vm, ms_comm *c, MPI_Group g, const int32_t *r, int32_t n,
                       const char *fn) {
  int size = 0, rc;
  if ((rc = ms_check(vm, c, MPI_Group_size(g, &size), fn))) return rc;
  unsigned char *seen = calloc((size_t)size + 1, 1);
  if (!seen) return ms_raise(vm, c, ABI_ERR_NO_MEM, fn, "no memory to check the ranges");
  for (int32_t i = 0; i < n && !rc; i++) {
    int64_t first = r[3 * i], last = r[3 * i + 1], stride = r[3 * i + 2];
    if (first < 0 || first >= size || last < 0 || last >= size)
      rc = ms_raise(vm, c, ABI_ERR_RANK, fn, "range %d (%lld, %lld) leaves the group (size %d)",
                    i, (long long)first, (long long)last, size);
    else if (stride == 0 || (last - first) / stride < 0)
      rc = ms_raise(vm, c, ABI_ERR_ARG, fn, "range %d: stride %lld cannot reach %lld from %lld",
                    i, (long long)stride, (long long)last, (long long)first);
    for (int64_t k = first; !rc && (stride > 0 ? k <= last : k >= last); k += stride)
      if (seen[k]++)
        rc = ms_raise(vm, c, ABI_ERR_RANK, fn, "range %d names rank %lld again", i,
                      (long long)k);
  }
  free(seen);
  return rc;
}

int ms_cm_split_type(wasmso_vmctx *vm, ms_comm *c, int32_t type, int *host, const char *fn) {
  if (type == ABI_UNDEFINED) *host = MPI_UNDEFINED;
  else if (type == ABI_COMM_TYPE_SHARED) *host = MPI_COMM_TYPE_SHARED;
  else
    return ms_raise(vm, c, ABI_ERR_ARG, fn, "split type %d is not supported (only "
                    "MPI_COMM_TYPE_SHARED and MPI_UNDEFINED)", type);
  return 0;
}

int ms_cm_group_free(MPI_Group *g) {
  return *g == MPI_GROUP_EMPTY ? MPI_SUCCESS : MPI_Group_free(g);
}
