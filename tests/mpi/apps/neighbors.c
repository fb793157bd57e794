/* neighbors.c — neighbourhood collectives on the two topologies codes use:
 * a periodic 2-D Cart (Neighbor_allgather, Neighbor_alltoall) and a
 * directed ring-with-skip from Dist_graph_create_adjacent (with weights) for
 * the v and w forms and the nonblocking ones. */
/* ranks: 4 2 3 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  int dims[2] = {0, 0}, per[2] = {1, 1};
  MPI_Dims_create(size, 2, dims);
  MPI_Comm cart;
  MPI_Cart_create(MPI_COMM_WORLD, 2, dims, per, 0, &cart);
  int crank;
  MPI_Comm_rank(cart, &crank);
  /* 2-D cart: 4 neighbours in the order -dim0, +dim0, -dim1, +dim1 */
  int me = 10 * crank + 1, nb[4], out[4], in[4];
  MPI_Neighbor_allgather(&me, 1, MPI_INT, nb, 1, MPI_INT, cart);
  for (int i = 0; i < 4; i++) out[i] = crank * 100 + i;
  MPI_Neighbor_alltoall(out, 1, MPI_INT, in, 1, MPI_INT, cart);
  mt_lines(cart, "cart allgather %d %d %d %d alltoall %d %d %d %d", nb[0], nb[1], nb[2], nb[3],
           in[0], in[1], in[2], in[3]);

  /* dist graph: I send to rank+1 and rank+2, receive from rank-1 and rank-2 */
  int srcs[2] = {(rank + size - 1) % size, (rank + size - 2) % size};
  int dsts[2] = {(rank + 1) % size, (rank + 2) % size};
  int sw[2] = {1, 2}, dw[2] = {1, 2};
  MPI_Comm g;
  MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 2, srcs, sw, 2, dsts, dw, MPI_INFO_NULL, 0, &g);
  int indeg, outdeg, wt;
  MPI_Dist_graph_neighbors_count(g, &indeg, &outdeg, &wt);
  int sc[2] = {1, 2}, sd[2] = {0, 1}, rc[2] = {1, 2}, rd[2] = {0, 1};
  int sbuf[3] = {rank, rank * 10, rank * 10 + 1}, rbuf[3] = {-1, -1, -1}, agv[3] = {-1, -1, -1};
  MPI_Neighbor_alltoallv(sbuf, sc, sd, MPI_INT, rbuf, rc, rd, MPI_INT, g);
  int ac[2] = {1, 1}, ad[2] = {0, 2};
  MPI_Neighbor_allgatherv(&rank, 1, MPI_INT, agv, ac, ad, MPI_INT, g);
  MPI_Aint bsd[2] = {0, sizeof(int)}, brd[2] = {0, sizeof(int)};
  MPI_Datatype ty[2] = {MPI_INT, MPI_INT};
  int wout[3] = {-1, -1, -1};
  MPI_Neighbor_alltoallw(sbuf, sc, bsd, ty, wout, rc, brd, ty, g);
  mt_lines(MPI_COMM_WORLD, "graph in %d out %d weighted %d; alltoallv %d %d %d allgatherv %d %d; "
           "alltoallw %d %d %d", indeg, outdeg, wt, rbuf[0], rbuf[1], rbuf[2], agv[0], agv[2],
           wout[0], wout[1], wout[2]);

  /* nonblocking forms */
  int a[2] = {-1, -1}, b[2] = {-1, -1}, c[3] = {-1, -1, -1}, d[3] = {-1, -1, -1}, e[3] = {-1, -1, -1};
  int two[2] = {rank + 1000, rank + 2000};
  MPI_Request rq[5];
  MPI_Ineighbor_allgather(&rank, 1, MPI_INT, a, 1, MPI_INT, g, &rq[0]);
  MPI_Ineighbor_alltoall(two, 1, MPI_INT, b, 1, MPI_INT, g, &rq[1]);
  MPI_Ineighbor_allgatherv(&rank, 1, MPI_INT, c, ac, ad, MPI_INT, g, &rq[2]);
  MPI_Ineighbor_alltoallv(sbuf, sc, sd, MPI_INT, d, rc, rd, MPI_INT, g, &rq[3]);
  MPI_Ineighbor_alltoallw(sbuf, sc, bsd, ty, e, rc, brd, ty, g, &rq[4]);
  MPI_Waitall(5, rq, MPI_STATUSES_IGNORE);
  mt_lines(MPI_COMM_WORLD, "i: allgather %d %d alltoall %d %d allgatherv %d %d alltoallv %d %d %d "
           "alltoallw %d %d %d", a[0], a[1], b[0], b[1], c[0], c[2], d[0], d[1], d[2], e[0], e[1], e[2]);
  MPI_Comm_free(&g);
  MPI_Comm_free(&cart);
  MPI_Finalize();
  return 0;
}
