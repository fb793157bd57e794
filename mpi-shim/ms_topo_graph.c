/* ms_topo_graph.c — graph topologies (MPI-1 style).  The edges array's
 * length comes from index[nnodes-1]: index is checked to be a
 * non-decreasing sequence of non-negative counts before edges is checked
 * over that length, so the host never reads past what was checked. */
#include <stdlib.h>

#include "ms_comm.h"

/* index[nnodes] and edges[index[nnodes-1]] of a graph description. */
static int graph_arrays(wasmso_vmctx *vm, ms_comm *c, int32_t nnodes, ms_gaddr index,
                        ms_gaddr edges, int32_t **pi, int32_t **pe, const char *fn) {
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

int32_t ms_MPI_Graph_create(wasmso_vmctx *vm, uint32_t comm, int32_t nnodes, uint32_t index, uint32_t edges, int32_t reorder, uint32_t newcomm) {
  static const char fn[] = "MPI_Graph_create";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *pi, *pe;
  MPI_Comm nc = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_intra(vm, c, comm, fn)) ||
      (rc = graph_arrays(vm, c, nnodes, index, edges, &pi, &pe, fn)) ||
      (rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn)))
    return rc;
  return ms_cm_end(vm, &n, MPI_Graph_create(c->host, nnodes, pi, pe, reorder, &nc), &nc, fn);
}

int32_t ms_MPI_Graph_map(wasmso_vmctx *vm, uint32_t comm, int32_t nnodes, uint32_t index, uint32_t edges, uint32_t newrank) {
  static const char fn[] = "MPI_Graph_map";
  ms_comm *c;
  int32_t *pi, *pe, *out;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_intra(vm, c, comm, fn)) ||
      (rc = graph_arrays(vm, c, nnodes, index, edges, &pi, &pe, fn)) ||
      (rc = ms_cm_int(vm, c, newrank, &out, fn, "newrank")))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Graph_map(c->host, nnodes, pi, pe, &v), fn))) return rc;
  *out = ms_undefined_out(v);
  return 0;
}

/* nnodes and nedges of c's graph topology, 0 and 0 if it has none. */
static void graph_dims(const ms_comm *c, int *nnodes, int *nedges) {
  int status;
  *nnodes = *nedges = 0;
  if (MPI_Topo_test(c->host, &status) == MPI_SUCCESS && status == MPI_GRAPH &&
      MPI_Graphdims_get(c->host, nnodes, nedges) != MPI_SUCCESS)
    *nnodes = *nedges = 0;
  if (*nnodes < 0 || *nedges < 0) *nnodes = *nedges = 0;
}

/* rank is a node of c's graph. */
static int graph_rank(wasmso_vmctx *vm, ms_comm *c, ms_gh h, int32_t rank, const char *fn) {
  int rc, nn, ne;
  if ((rc = ms_cm_topo(vm, c, h, MPI_GRAPH, fn))) return rc;
  graph_dims(c, &nn, &ne);
  return ms_cm_ranks(vm, c, &rank, 1, nn, 0, fn, "rank");
}

int32_t ms_MPI_Graphdims_get(wasmso_vmctx *vm, uint32_t comm, uint32_t nnodes, uint32_t nedges) {
  static const char fn[] = "MPI_Graphdims_get";
  ms_comm *c;
  int32_t *pn, *pe;
  int rc, n, e;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, nnodes, &pn, fn, "nnodes")) ||
      (rc = ms_cm_int(vm, c, nedges, &pe, fn, "nedges")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_GRAPH, fn)))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Graphdims_get(c->host, &n, &e), fn))) return rc;
  *pn = n;
  *pe = e;
  return 0;
}

int32_t ms_MPI_Graph_get(wasmso_vmctx *vm, uint32_t comm, int32_t maxindex, int32_t maxedges, uint32_t index, uint32_t edges) {
  static const char fn[] = "MPI_Graph_get";
  ms_comm *c;
  int32_t *pi, *pe;
  int rc, nn, ne;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) ||
      (rc = ms_cm_ints(vm, c, index, maxindex, &pi, fn, "index")) ||
      (rc = ms_cm_ints(vm, c, edges, maxedges, &pe, fn, "edges")) ||
      (rc = ms_cm_topo(vm, c, comm, MPI_GRAPH, fn)))
    return rc;
  graph_dims(c, &nn, &ne);
  int *ti = ms_cm_scratch(vm, c, maxindex, nn, fn, &rc);
  if (!ti) return rc;
  int *te = ms_cm_scratch(vm, c, maxedges, ne, fn, &rc);
  if (!te) {
    free(ti);
    return rc;
  }
  int hrc = MPI_Graph_get(c->host, maxindex, maxedges, ti, te);
  if (hrc == MPI_SUCCESS) {
    ms_cm_copy_out(pi, ti, maxindex, nn);
    ms_cm_copy_out(pe, te, maxedges, ne);
  }
  free(ti);
  free(te);
  return ms_check(vm, c, hrc, fn);
}

int32_t ms_MPI_Graph_neighbors_count(wasmso_vmctx *vm, uint32_t comm, int32_t rank, uint32_t n) {
  static const char fn[] = "MPI_Graph_neighbors_count";
  ms_comm *c;
  int32_t *p;
  int rc, v;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_int(vm, c, n, &p, fn, "nneighbors")) ||
      (rc = graph_rank(vm, c, comm, rank, fn)))
    return rc;
  if ((rc = ms_check(vm, c, MPI_Graph_neighbors_count(c->host, rank, &v), fn))) return rc;
  *p = v;
  return 0;
}

int32_t ms_MPI_Graph_neighbors(wasmso_vmctx *vm, uint32_t comm, int32_t rank, int32_t max, uint32_t neighbors) {
  static const char fn[] = "MPI_Graph_neighbors";
  ms_comm *c;
  int32_t *p;
  int rc, count;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) ||
      (rc = ms_cm_ints(vm, c, neighbors, max, &p, fn, "neighbors")) ||
      (rc = graph_rank(vm, c, comm, rank, fn)))
    return rc;
  /* A bad rank or topology fails here with the host's class. */
  if ((rc = ms_check(vm, c, MPI_Graph_neighbors_count(c->host, rank, &count), fn))) return rc;
  int *tmp = ms_cm_scratch(vm, c, max, count, fn, &rc);
  if (!tmp) return rc;
  int hrc = MPI_Graph_neighbors(c->host, rank, max, tmp);
  if (hrc == MPI_SUCCESS) ms_cm_copy_out(p, tmp, max, count);
  free(tmp);
  return ms_check(vm, c, hrc, fn);
}
