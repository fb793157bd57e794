/* topo_graph.c — graph topologies: Graph_create (a ring plus a hub),
 * Graphdims_get, Graph_get, Graph_neighbors(_count), Graph_map; distributed
 * graphs: a weighted and an unweighted adjacent ring (MPI_UNWEIGHTED),
 * Dist_graph_create, Dist_graph_neighbors(_count), data sent to the
 * neighbours the queries return, Topo_test. */
/* ranks: 4 1 2 3 */
#include "cm_log.h"

/* GCC takes the sentinels MPI_UNWEIGHTED/MPI_WEIGHTS_EMPTY for empty arrays. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif

int main(int argc, char **argv) {
  cm_init(&argc, &argv);
  int r = cm_rank, n = cm_size, v = -1;
  int next = (r + 1) % n, prev = (r + n - 1) % n;

  /* Graph: node 0 is a hub linked to every node; others also to their ring
   * successor (each edge listed on both ends). */
  int index[16], edges[64], ne = 0;
  for (int i = 0; i < n; i++) {
    if (i == 0) {
      for (int j = 1; j < n; j++) edges[ne++] = j;
    } else {
      edges[ne++] = 0;
      if (i + 1 < n) edges[ne++] = i + 1;
      if (i > 1) edges[ne++] = i - 1;
    }
    index[i] = ne;
  }
  MPI_Comm g;
  int rc = MPI_Graph_create(MPI_COMM_WORLD, n, index, edges, 0, &g);
  CHECK(rc == MPI_SUCCESS, "Graph_create %d nodes %d edges", n, ne);
  MPI_Topo_test(g, &v);
  CHECK(v == MPI_GRAPH, "Topo_test %s", cm_topo(v));
  int nn = -1, nedges = -1;
  MPI_Graphdims_get(g, &nn, &nedges);
  CHECK(nn == n && nedges == ne, "Graphdims_get %d %d", nn, nedges);
  int gi[16], ge[64];
  MPI_Graph_get(g, n, ne, gi, ge);
  int same = 1;
  for (int i = 0; i < n; i++) same &= gi[i] == index[i];
  for (int i = 0; i < ne; i++) same &= ge[i] == edges[i];
  CHECK(same, "Graph_get returns the description");
  int cnt = -1, nb[16];
  MPI_Graph_neighbors_count(g, r, &cnt);
  MPI_Graph_neighbors(g, r, 16, nb);
  char list[96] = "";
  for (int i = 0; i < cnt; i++) snprintf(list + strlen(list), sizeof list - strlen(list), " %d", nb[i]);
  CHECK(cnt == index[r] - (r ? index[r - 1] : 0), "Graph_neighbors of %d: %d [%s ]", r, cnt, list);
  /* A short buffer receives only the first neighbours. */
  int two[3] = {-5, -5, -5};
  MPI_Graph_neighbors(g, 0, 2, two);
  CHECK(two[2] == -5 && (n < 2 || two[0] == 1), "Graph_neighbors of 0, max 2: %d %d %d", two[0],
        two[1], two[2]);
  int newrank = -9;
  MPI_Graph_map(MPI_COMM_WORLD, n, index, edges, &newrank);
  CHECK(newrank == r, "Graph_map %s", cm_r(newrank));
  MPI_Comm_free(&g);

  /* Adjacent ring, weighted: in from prev (weight prev+1), out to next. */
  int src[1] = {prev}, sw[1] = {prev + 1}, dst[1] = {next}, dw[1] = {r + 1};
  MPI_Comm ring;
  rc = MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 1, src, sw, 1, dst, dw, MPI_INFO_NULL, 0,
                                      &ring);
  CHECK(rc == MPI_SUCCESS, "Dist_graph_create_adjacent weighted ring");
  MPI_Topo_test(ring, &v);
  CHECK(v == MPI_DIST_GRAPH, "Topo_test %s", cm_topo(v));
  int indeg = -1, outdeg = -1, weighted = -1;
  MPI_Dist_graph_neighbors_count(ring, &indeg, &outdeg, &weighted);
  CHECK(indeg == 1 && outdeg == 1 && weighted == 1, "neighbors_count in %d out %d weighted %d",
        indeg, outdeg, weighted);
  int qs[2] = {-1, -1}, qsw[2] = {-1, -1}, qd[2] = {-1, -1}, qdw[2] = {-1, -1};
  MPI_Dist_graph_neighbors(ring, 2, qs, qsw, 2, qd, qdw);
  CHECK(qs[0] == prev && qsw[0] == prev + 1 && qd[0] == next && qdw[0] == r + 1 && qs[1] == -1,
        "neighbors: from %d (w %d) to %d (w %d)", qs[0], qsw[0], qd[0], qdw[0]);
  /* Weights not wanted. */
  qs[0] = qd[0] = -1;
  MPI_Dist_graph_neighbors(ring, 1, qs, MPI_UNWEIGHTED, 1, qd, MPI_UNWEIGHTED);
  CHECK(qs[0] == prev && qd[0] == next, "neighbors, MPI_UNWEIGHTED: from %d to %d", qs[0], qd[0]);
  int token = r * 100, got = -1;
  MPI_Sendrecv(&token, 1, MPI_INT, qd[0], 9, &got, 1, MPI_INT, qs[0], 9, ring, MPI_STATUS_IGNORE);
  CHECK(got == prev * 100, "ring token from %d: %d", qs[0], got);
  MPI_Comm_free(&ring);

  /* Unweighted, both directions. */
  int both[2] = {prev, next};
  MPI_Comm uw;
  MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 2, both, MPI_UNWEIGHTED, 2, both,
                                 MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &uw);
  MPI_Dist_graph_neighbors_count(uw, &indeg, &outdeg, &weighted);
  CHECK(indeg == 2 && outdeg == 2 && weighted == 0, "unweighted: in %d out %d weighted %d", indeg,
        outdeg, weighted);
  MPI_Comm_free(&uw);

  /* No neighbours at all, weights MPI_WEIGHTS_EMPTY. */
  MPI_Comm lone;
  rc = MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 0, src, MPI_WEIGHTS_EMPTY, 0, dst,
                                      MPI_WEIGHTS_EMPTY, MPI_INFO_NULL, 0, &lone);
  MPI_Dist_graph_neighbors_count(lone, &indeg, &outdeg, &weighted);
  CHECK(rc == MPI_SUCCESS && indeg == 0 && outdeg == 0, "empty graph: in %d out %d", indeg,
        outdeg);
  MPI_Comm_free(&lone);

  /* Dist_graph_create: rank 0 declares every edge i -> i+1 (mod n), weight i. */
  int ns = r == 0 ? n : 0, srcs[16], degs[16], dsts[16], wts[16];
  for (int i = 0; i < ns; i++) srcs[i] = i, degs[i] = 1, dsts[i] = (i + 1) % n, wts[i] = i;
  MPI_Comm dg;
  rc = MPI_Dist_graph_create(MPI_COMM_WORLD, ns, srcs, degs, dsts, wts, MPI_INFO_NULL, 0, &dg);
  MPI_Dist_graph_neighbors_count(dg, &indeg, &outdeg, &weighted);
  qs[0] = qsw[0] = qd[0] = qdw[0] = -1;
  MPI_Dist_graph_neighbors(dg, 1, qs, qsw, 1, qd, qdw);
  CHECK(rc == MPI_SUCCESS && indeg == 1 && outdeg == 1 && qs[0] == prev && qsw[0] == prev &&
            qd[0] == next && qdw[0] == r,
        "Dist_graph_create: in %d out %d from %d (w %d) to %d (w %d)", indeg, outdeg, qs[0],
        qsw[0], qd[0], qdw[0]);
  MPI_Comm_free(&dg);
  return cm_finish();
}
