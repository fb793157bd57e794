/* coll_neighbor.c — neighbourhood collectives, blocking and not:
 * Neighbor_allgather(v), Neighbor_alltoall(v,w) on a periodic ring
 * (Cartesian), a non-periodic 2-D grid (MPI_PROC_NULL neighbours leave
 * their blocks alone), a graph topology and an irregular distributed graph
 * with different in- and out-degrees; alltoallw with MPI_Aint byte
 * displacements. */
/* ranks: 4 1 2 3 */
#include "coll_log.h"

/* gcc reads Open MPI's MPI_UNWEIGHTED sentinel as a zero-length array. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overread"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif

#define MAXN 8

int main(int argc, char **argv) {
  cl_init(&argc, &argv);
  const int r = cl_rank, n = cl_size;
  int rc, good;
  MPI_Request q[4];

  /* Periodic ring: neighbours left then right. */
  MPI_Comm ring;
  int dims1[1] = {n}, per1[1] = {1};
  MPI_Cart_create(MPI_COMM_WORLD, 1, dims1, per1, 0, &ring);
  int left = (r + n - 1) % n, right = (r + 1) % n, got[2] = {-1, -1};
  int me = r * 7;
  rc = MPI_Neighbor_allgather(&me, 1, MPI_INT, got, 1, MPI_INT, ring);
  CHECK(rc == MPI_SUCCESS && got[0] == left * 7 && got[1] == right * 7,
        "ring Neighbor_allgather: %d %d", got[0], got[1]);
  int to[2] = {r * 10 + 1, r * 10 + 2}; /* [0] goes left, [1] goes right */
  rc = MPI_Neighbor_alltoall(to, 1, MPI_INT, got, 1, MPI_INT, ring);
  CHECK(rc == MPI_SUCCESS && got[0] == left * 10 + 2 && got[1] == right * 10 + 1,
        "ring Neighbor_alltoall: %d %d", got[0], got[1]);
  /* With fewer than 3 ranks left == right, and Open MPI 4.1's non-blocking
   * version swaps the two messages from that one neighbour (natively too). */
  if (n >= 3) {
    got[0] = got[1] = -1;
    rc = MPI_Ineighbor_alltoall(to, 1, MPI_INT, got, 1, MPI_INT, ring, &q[0]);
    if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
    CHECK(rc == MPI_SUCCESS && got[0] == left * 10 + 2 && got[1] == right * 10 + 1,
          "ring Ineighbor_alltoall: %d %d", got[0], got[1]);
  }
  MPI_Comm_free(&ring);

  /* Non-periodic 2-D grid: 4 neighbours (up, down, left, right), some PROC_NULL. */
  MPI_Comm grid;
  int dims2[2] = {0, 0}, per2[2] = {0, 0}, co[2];
  MPI_Dims_create(n, 2, dims2);
  MPI_Cart_create(MPI_COMM_WORLD, 2, dims2, per2, 0, &grid);
  MPI_Cart_coords(grid, r, 2, co);
  int nb[4];
  MPI_Cart_shift(grid, 0, 1, &nb[0], &nb[1]);
  MPI_Cart_shift(grid, 1, 1, &nb[2], &nb[3]);
  int g4[4] = {-1, -1, -1, -1};
  rc = MPI_Neighbor_allgather(&me, 1, MPI_INT, g4, 1, MPI_INT, grid);
  good = rc == MPI_SUCCESS;
  for (int k = 0; k < 4; k++) good &= g4[k] == (nb[k] == MPI_PROC_NULL ? -1 : nb[k] * 7);
  CHECK(good, "grid %dx%d Neighbor_allgather: %d %d %d %d", dims2[0], dims2[1], g4[0], g4[1],
        g4[2], g4[3]);
  /* Neighbor_allgatherv: 2 ints per neighbour, blocks reversed with gaps. */
  int cnt4[4] = {2, 2, 2, 2}, dis4[4] = {9, 6, 3, 0}, gv[12], two[2] = {r, -r};
  for (int k = 0; k < 12; k++) gv[k] = 99;
  rc = MPI_Ineighbor_allgatherv(two, 2, MPI_INT, gv, cnt4, dis4, MPI_INT, grid, &q[0]);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  good = rc == MPI_SUCCESS;
  for (int k = 0; k < 4; k++) {
    int want0 = nb[k] == MPI_PROC_NULL ? 99 : nb[k], want1 = nb[k] == MPI_PROC_NULL ? 99 : -nb[k];
    good &= gv[dis4[k]] == want0 && gv[dis4[k] + 1] == want1 && gv[dis4[k] + 2] == 99;
  }
  CHECK(good, "grid Ineighbor_allgatherv: weighted sum %lld", cl_isum(gv, 12));
  rc = MPI_Neighbor_allgatherv(two, 2, MPI_INT, gv, cnt4, dis4, MPI_INT, grid);
  CHECK(rc == MPI_SUCCESS, "grid Neighbor_allgatherv: %s", cl_class(rc));
  MPI_Comm_free(&grid);

  /* Graph topology: a ring as a graph (rank i linked to i-1 and i+1). */
  if (n >= 3) {
    int index[MAXN], edges[2 * MAXN];
    for (int i = 0; i < n; i++) {
      index[i] = 2 * (i + 1);
      edges[2 * i] = (i + n - 1) % n;
      edges[2 * i + 1] = (i + 1) % n;
    }
    MPI_Comm gr;
    MPI_Graph_create(MPI_COMM_WORLD, n, index, edges, 0, &gr);
    double dv[2] = {r + 0.5, r + 0.25}, dg[2];
    rc = MPI_Neighbor_alltoall(dv, 1, MPI_DOUBLE, dg, 1, MPI_DOUBLE, gr);
    CHECK(rc == MPI_SUCCESS && dg[0] == left + 0.25 && dg[1] == right + 0.5,
          "graph Neighbor_alltoall: %g %g", dg[0], dg[1]);
    MPI_Comm_free(&gr);
  }

  /* Distributed graph: r sends to r+1 and r+3 (mod n); so it receives from
   * r-1 and r-3.  Send r+1 one int and r+3 three ints. */
  MPI_Comm dg;
  int dst[2] = {(r + 1) % n, (r + 3) % n}, src[2] = {(r + n - 1) % n, (r + 3 * n - 3) % n};
  MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 2, src, MPI_UNWEIGHTED, 2, dst, MPI_UNWEIGHTED,
                                 MPI_INFO_NULL, 0, &dg);
  int indeg = -1, outdeg = -1, wgt;
  MPI_Dist_graph_neighbors_count(dg, &indeg, &outdeg, &wgt);
  int srcs[2], dsts[2];
  MPI_Dist_graph_neighbors(dg, 2, srcs, MPI_UNWEIGHTED, 2, dsts, MPI_UNWEIGHTED);
  int sc[2] = {1, 3}, sd[2] = {3, 0}, sb[4] = {r * 100 + 1, r * 100 + 2, r * 100 + 3, r * 10};
  int rcn[2] = {1, 3}, rd[2] = {0, 2}, rb[5];
  for (int k = 0; k < 5; k++) rb[k] = -1;
  /* sb: [0..2] for dst[1] (3 ints), [3] for dst[0] (1 int) */
  rc = MPI_Neighbor_alltoallv(sb, sc, sd, MPI_INT, rb, rcn, rd, MPI_INT, dg);
  good = rc == MPI_SUCCESS && rb[0] == srcs[0] * 10 && rb[1] == -1 &&
         rb[2] == srcs[1] * 100 + 1 && rb[4] == srcs[1] * 100 + 3;
  CHECK(good, "dist graph in %d out %d: Neighbor_alltoallv %d | %d %d %d", indeg, outdeg, rb[0],
        rb[2], rb[3], rb[4]);
  for (int k = 0; k < 5; k++) rb[k] = -1;
  rc = MPI_Ineighbor_alltoallv(sb, sc, sd, MPI_INT, rb, rcn, rd, MPI_INT, dg, &q[0]);
  if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  CHECK(rc == MPI_SUCCESS && rb[0] == srcs[0] * 10 && rb[3] == srcs[1] * 100 + 2,
        "dist graph Ineighbor_alltoallv: %d %d", rb[0], rb[3]);

  /* Neighbor_alltoallw: to dst[0] a double, to dst[1] two shorts; byte
   * displacements as MPI_Aint. */
  struct { short s[2]; double d; } out = {{(short)r, (short)(r + 1)}, r * 1.25}, in[2];
  MPI_Aint wsd[2] = {8, 0}, wrd[2] = {(MPI_Aint)sizeof in[0] + 8, 0};
  int wsc[2] = {1, 2}, wrc[2] = {1, 2};
  MPI_Datatype wst[2] = {MPI_DOUBLE, MPI_SHORT}, wrt[2] = {MPI_DOUBLE, MPI_SHORT};
  for (int iter = 0; iter < 2; iter++) {
    memset(in, 0, sizeof in);
    if (iter == 0) {
      rc = MPI_Neighbor_alltoallw(&out, wsc, wsd, wst, in, wrc, wrd, wrt, dg);
    } else {
      rc = MPI_Ineighbor_alltoallw(&out, wsc, wsd, wst, in, wrc, wrd, wrt, dg, &q[0]);
      if (rc == MPI_SUCCESS) rc = MPI_Wait(&q[0], MPI_STATUS_IGNORE);
    }
    /* from srcs[0] its double lands in in[1].d; from srcs[1] its shorts in in[0].s */
    good = rc == MPI_SUCCESS && in[1].d == srcs[0] * 1.25 && in[0].s[0] == srcs[1] &&
           in[0].s[1] == srcs[1] + 1;
    CHECK(good, "dist graph %sNeighbor_alltoallw: %g %d %d", iter ? "I" : "", in[1].d,
          in[0].s[0], in[0].s[1]);
  }
  /* The other I-variants on the dist graph. */
  int ag[2] = {-1, -1}, a2[2] = {-1, -1}, so2[2] = {r + 1000, r + 2000};
  MPI_Ineighbor_allgather(&me, 1, MPI_INT, ag, 1, MPI_INT, dg, &q[0]);
  MPI_Ineighbor_alltoall(so2, 1, MPI_INT, a2, 1, MPI_INT, dg, &q[1]);
  rc = MPI_Waitall(2, q, MPI_STATUSES_IGNORE);
  CHECK(rc == MPI_SUCCESS && ag[0] == srcs[0] * 7 && ag[1] == srcs[1] * 7 &&
            a2[0] == srcs[0] + 1000 && a2[1] == srcs[1] + 2000,
        "dist graph Ineighbor_allgather %d %d, Ineighbor_alltoall %d %d", ag[0], ag[1], a2[0],
        a2[1]);
  MPI_Comm_free(&dg);
  return cl_finish();
}
