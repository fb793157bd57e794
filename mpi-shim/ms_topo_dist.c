/* ms_topo_dist.c — distributed graph topologies.
 * hand-written: MPI_Dist_graph_create_adjacent, MPI_Dist_graph_create,
 *   MPI_Dist_graph_neighbors (weights that may be the sentinels
 *   MPI_UNWEIGHTED and MPI_WEIGHTS_EMPTY, arrays that may be NULL when
 *   empty, edge counts summed from degrees)  Weight arguments may be
 * the sentinels MPI_UNWEIGHTED (guest 10) and MPI_WEIGHTS_EMPTY (guest 11):
 * they become the host's sentinels, never base + 10. */
#include <stdlib.h>

#include "ms_comm.h"

/* A weights in-argument of n entries: host pointer in *w. */
static int weights_in(wasmso_vmctx *vm, ms_comm *c, ms_gaddr g, int64_t n, int **w,
                      const char *fn, const char *what) {
  int32_t *p;
  int rc;
  if (g == ABI_UNWEIGHTED) *w = MPI_UNWEIGHTED;
  else if (g == ABI_WEIGHTS_EMPTY) *w = MPI_WEIGHTS_EMPTY;
  else if (g == 0 && n == 0) *w = NULL; /* as the native call would see it */
  else if (g == 0)
    return ms_raise(vm, c, ABI_ERR_ARG, fn, "%s is NULL (use MPI_UNWEIGHTED)", what);
  else if ((rc = ms_cm_ints(vm, c, g, n, &p, fn, what))) return rc;
  else *w = p;
  return 0;
}

/* Weights are non-negative (sentinels and NULL have nothing to check). */
static int weights_ok(wasmso_vmctx *vm, ms_comm *c, const int *w, int64_t n, const char *fn,
                      const char *what) {
  if (w == MPI_UNWEIGHTED || w == MPI_WEIGHTS_EMPTY || !w) return 0;
  for (int64_t i = 0; i < n; i++)
    if (w[i] < 0)
      return ms_raise(vm, c, ABI_ERR_ARG, fn, "%s[%lld] = %d is negative", what, (long long)i,
                      w[i]);
  return 0;
}

/* An int array in-argument that may be NULL when empty. */
static int ints_in(wasmso_vmctx *vm, ms_comm *c, ms_gaddr g, int64_t n, int32_t **p,
                   const char *fn, const char *what) {
  if (g == 0 && n == 0) {
    *p = NULL;
    return 0;
  }
  return ms_cm_ints(vm, c, g, n, p, fn, what);
}

int32_t ms_MPI_Dist_graph_create_adjacent(wasmso_vmctx *vm, uint32_t comm, int32_t indegree, uint32_t sources, uint32_t sourceweights, int32_t outdegree, uint32_t dests, uint32_t destweights, uint32_t info, int32_t reorder, uint32_t newcomm) {
  static const char fn[] = "MPI_Dist_graph_create_adjacent";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *ps, *pd;
  int *sw, *dw;
  MPI_Info i;
  MPI_Comm nc = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) ||
      (rc = ints_in(vm, c, sources, indegree, &ps, fn, "sources")) ||
      (rc = weights_in(vm, c, sourceweights, indegree, &sw, fn, "sourceweights")) ||
      (rc = ints_in(vm, c, dests, outdegree, &pd, fn, "destinations")) ||
      (rc = weights_in(vm, c, destweights, outdegree, &dw, fn, "destweights")) ||
      (rc = ms_cm_intra(vm, c, comm, fn)) ||
      (rc = ms_cm_ranks(vm, c, ps, indegree, ms_cm_size(c), 0, fn, "sources")) ||
      (rc = ms_cm_ranks(vm, c, pd, outdegree, ms_cm_size(c), 0, fn, "destinations")) ||
      (rc = weights_ok(vm, c, sw, indegree, fn, "sourceweights")) ||
      (rc = weights_ok(vm, c, dw, outdegree, fn, "destweights")))
    return rc;
  if (ms_info_get(info, &i))
    return ms_raise(vm, c, ABI_ERR_INFO, fn, "invalid info handle 0x%x", (uint32_t)info);
  if ((rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn))) return rc;
  return ms_cm_end(vm, &n,
                   MPI_Dist_graph_create_adjacent(c->host, indegree, ps, sw, outdegree, pd, dw,
                                                  i, reorder, &nc),
                   &nc, fn);
}

int32_t ms_MPI_Dist_graph_create(wasmso_vmctx *vm, uint32_t comm, int32_t nsrc, uint32_t sources, uint32_t degrees, uint32_t dests, uint32_t weights, uint32_t info, int32_t reorder, uint32_t newcomm) {
  static const char fn[] = "MPI_Dist_graph_create";
  struct ms_cm_new n;
  ms_comm *c;
  int32_t *ps, *pg, *pd;
  int *w;
  MPI_Info i;
  MPI_Comm nc = MPI_COMM_NULL;
  int rc;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) ||
      (rc = ints_in(vm, c, sources, nsrc, &ps, fn, "sources")) ||
      (rc = ints_in(vm, c, degrees, nsrc, &pg, fn, "degrees")))
    return rc;
  int64_t nedges = 0;
  for (int32_t k = 0; k < nsrc; k++) {
    if (pg[k] < 0)
      return ms_raise(vm, c, ABI_ERR_ARG, fn, "degrees[%d] = %d is negative", k, pg[k]);
    nedges += pg[k];
  }
  if ((rc = ints_in(vm, c, dests, nedges, &pd, fn, "destinations")) ||
      (rc = weights_in(vm, c, weights, nedges, &w, fn, "weights")) ||
      (rc = ms_cm_intra(vm, c, comm, fn)) ||
      (rc = ms_cm_ranks(vm, c, ps, nsrc, ms_cm_size(c), 0, fn, "sources")) ||
      (rc = ms_cm_ranks(vm, c, pd, nedges, ms_cm_size(c), 0, fn, "destinations")) ||
      (rc = weights_ok(vm, c, w, nedges, fn, "weights")))
    return rc;
  if (ms_info_get(info, &i))
    return ms_raise(vm, c, ABI_ERR_INFO, fn, "invalid info handle 0x%x", (uint32_t)info);
  if ((rc = ms_cm_begin(vm, comm, newcomm, &n, &c, fn))) return rc;
  return ms_cm_end(vm, &n,
                   MPI_Dist_graph_create(c->host, nsrc, ps, pg, pd, w, i, reorder, &nc), &nc, fn);
}

/* One side (sources or destinations) of MPI_Dist_graph_neighbors: the
 * guest's arrays checked, host scratch for the host to fill. */
struct side {
  int32_t *ids, *weights; /* guest arrays (weights NULL: unweighted) */
  int *tids, *tweights;   /* host scratch; tweights may be MPI_UNWEIGHTED */
  int64_t max, actual;
};

static int side_in(wasmso_vmctx *vm, ms_comm *c, struct side *s, ms_gaddr ids, ms_gaddr wts,
                   const char *fn, const char *what, const char *wwhat) {
  int rc;
  if ((rc = ms_cm_ints(vm, c, ids, s->max, &s->ids, fn, what))) return rc;
  if (!(s->tids = ms_cm_scratch(vm, c, s->max, s->actual, fn, &rc))) return rc;
  if (wts == ABI_UNWEIGHTED) {
    s->weights = NULL;
    s->tweights = MPI_UNWEIGHTED;
    return 0;
  }
  if ((rc = ms_cm_ints(vm, c, wts, s->max, &s->weights, fn, wwhat))) return rc;
  if (!(s->tweights = ms_cm_scratch(vm, c, s->max, s->actual, fn, &rc))) return rc;
  return 0;
}

static void side_out(struct side *s) {
  ms_cm_copy_out(s->ids, s->tids, s->max, s->actual);
  if (s->weights) ms_cm_copy_out(s->weights, s->tweights, s->max, s->actual);
}

static void side_free(struct side *s) {
  free(s->tids);
  if (s->tweights != MPI_UNWEIGHTED) free(s->tweights);
}

int32_t ms_MPI_Dist_graph_neighbors(wasmso_vmctx *vm, uint32_t comm, int32_t maxin, uint32_t sources, uint32_t sourceweights, int32_t maxout, uint32_t dests, uint32_t destweights) {
  static const char fn[] = "MPI_Dist_graph_neighbors";
  struct side in = {.max = maxin}, out = {.max = maxout};
  ms_comm *c;
  int rc, ind, outd, wt;
  if ((rc = ms_cm_comm(vm, comm, &c, fn)) || (rc = ms_cm_topo(vm, c, comm, MPI_DIST_GRAPH, fn)))
    return rc;
  /* The topology's own degrees bound what the host writes; a communicator
   * without one fails here with the host's class. */
  if ((rc = ms_check(vm, c, MPI_Dist_graph_neighbors_count(c->host, &ind, &outd, &wt), fn)))
    return rc;
  in.actual = ind;
  out.actual = outd;
  int hrc = MPI_SUCCESS;
  if (!(rc = side_in(vm, c, &in, sources, sourceweights, fn, "sources", "sourceweights")) &&
      !(rc = side_in(vm, c, &out, dests, destweights, fn, "destinations", "destweights"))) {
    hrc = MPI_Dist_graph_neighbors(c->host, maxin, in.tids, in.tweights, maxout, out.tids,
                                   out.tweights);
    if (hrc == MPI_SUCCESS) {
      side_out(&in);
      side_out(&out);
    }
  }
  side_free(&in);
  side_free(&out);
  return rc ? rc : ms_check(vm, c, hrc, fn);
}
