/* collectives.c — the blocking collectives a code uses to distribute and
 * collect a variable-sized data set: Bcast, Scatter/Scatterv, Gather/Gatherv,
 * Allgather/Allgatherv, Reduce/Allreduce, Reduce_scatter(_block), each also
 * in place where the standard allows it, and Barrier. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

static int rank, size;

static void show(const char *what, const int *v, int n) {
  char line[MT_LINE] = "", *p = line;
  for (int i = 0; i < n && p < line + MT_LINE - 12; i++) p += sprintf(p, " %d", v[i]);
  mt_lines(MPI_COMM_WORLD, "%s:%s", what, line);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int root = size - 1;
  int *counts = malloc(sizeof(int) * size), *displs = malloc(sizeof(int) * size);
  int total = 0;
  for (int i = 0; i < size; i++) {
    counts[i] = i + 1;
    displs[i] = total + i; /* a gap of i between pieces */
    total += i + 1;
  }
  int span = displs[size - 1] + counts[size - 1];
  int *big = calloc(span + 4 * size, sizeof(int)), mine[16] = {0}, small[4];

  int cfg[3] = {0, 0, 0};
  if (rank == root) { cfg[0] = 11; cfg[1] = 22; cfg[2] = 33; }
  MPI_Bcast(cfg, 3, MPI_INT, root, MPI_COMM_WORLD);
  show("bcast", cfg, 3);

  if (rank == 0) for (int i = 0; i < 2 * size; i++) big[i] = 100 + i;
  MPI_Scatter(big, 2, MPI_INT, small, 2, MPI_INT, 0, MPI_COMM_WORLD);
  show("scatter", small, 2);
  if (rank == root) for (int i = 0; i < span; i++) big[i] = 200 + i;
  MPI_Scatterv(big, counts, displs, MPI_INT, mine, rank + 1, MPI_INT, root, MPI_COMM_WORLD);
  show("scatterv", mine, rank + 1);
  /* in place at the root: its own piece stays where it is */
  if (rank == root) {
    MPI_Scatter(big, 2, MPI_INT, MPI_IN_PLACE, 2, MPI_INT, root, MPI_COMM_WORLD);
    MPI_Scatterv(big, counts, displs, MPI_INT, MPI_IN_PLACE, 0, MPI_INT, root, MPI_COMM_WORLD);
  } else {
    MPI_Scatter(NULL, 2, MPI_INT, small, 2, MPI_INT, root, MPI_COMM_WORLD);
    MPI_Scatterv(NULL, NULL, NULL, MPI_INT, mine, rank + 1, MPI_INT, root, MPI_COMM_WORLD);
  }
  show("scatter(v) in place", mine, rank + 1);

  int me[16];
  for (int i = 0; i < 16; i++) me[i] = rank * 10 + i;
  memset(big, 0, sizeof(int) * span);
  MPI_Gather(me, 2, MPI_INT, big, 2, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) show("gather", big, 2 * size); else show("gather", NULL, 0);
  memset(big, 0, sizeof(int) * span);
  MPI_Gatherv(me, rank + 1, MPI_INT, big, counts, displs, MPI_INT, root, MPI_COMM_WORLD);
  if (rank == root) show("gatherv", big, span); else show("gatherv", NULL, 0);
  /* in place at the root: its contribution is already in the receive buffer */
  if (rank == 0) {
    for (int i = 0; i < 2; i++) big[i] = -1 - i;
    MPI_Gather(MPI_IN_PLACE, 2, MPI_INT, big, 2, MPI_INT, 0, MPI_COMM_WORLD);
    show("gather in place", big, 2 * size);
  } else {
    MPI_Gather(me, 2, MPI_INT, NULL, 2, MPI_INT, 0, MPI_COMM_WORLD);
    show("gather in place", NULL, 0);
  }
  if (rank == 0) {
    for (int i = 0; i < counts[0]; i++) big[displs[0] + i] = -7;
    MPI_Gatherv(MPI_IN_PLACE, 0, MPI_INT, big, counts, displs, MPI_INT, 0, MPI_COMM_WORLD);
    show("gatherv in place", big, span);
  } else {
    MPI_Gatherv(me, rank + 1, MPI_INT, NULL, NULL, NULL, MPI_INT, 0, MPI_COMM_WORLD);
    show("gatherv in place", NULL, 0);
  }

  int *all = calloc(span + 2 * size, sizeof(int));
  MPI_Allgather(me, 2, MPI_INT, all, 2, MPI_INT, MPI_COMM_WORLD);
  show("allgather", all, 2 * size);
  MPI_Allgatherv(me, rank + 1, MPI_INT, all, counts, displs, MPI_INT, MPI_COMM_WORLD);
  show("allgatherv", all, span);
  for (int i = 0; i < 2 * size; i++) all[i] = i / 2 == rank ? 500 + i : 0;
  MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, all, 2, MPI_INT, MPI_COMM_WORLD);
  show("allgather in place", all, 2 * size);
  for (int i = 0; i < span; i++) all[i] = 0;
  for (int i = 0; i < rank + 1; i++) all[displs[rank] + i] = 600 + rank;
  MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, all, counts, displs, MPI_INT, MPI_COMM_WORLD);
  show("allgatherv in place", all, span);

  int v[3] = {rank + 1, -rank, rank * rank}, r[3] = {0, 0, 0};
  MPI_Reduce(v, r, 3, MPI_INT, MPI_SUM, root, MPI_COMM_WORLD);
  show("reduce to last", r, rank == root ? 3 : 0);
  if (rank == 0) MPI_Reduce(MPI_IN_PLACE, v, 3, MPI_INT, MPI_MAX, 0, MPI_COMM_WORLD);
  else MPI_Reduce(v, NULL, 3, MPI_INT, MPI_MAX, 0, MPI_COMM_WORLD);
  show("reduce in place", v, rank == 0 ? 3 : 0);
  int w[3] = {rank + 1, -rank, rank * rank};
  MPI_Allreduce(MPI_IN_PLACE, w, 3, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  show("allreduce in place", w, 3);

  /* each rank gets the sum of its own slice: rank i gets i+1 elements */
  int *contrib = malloc(sizeof(int) * span), out[16];
  for (int i = 0; i < total; i++) contrib[i] = i * (rank + 1);
  MPI_Reduce_scatter(contrib, out, counts, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  show("reduce_scatter", out, rank + 1);
  MPI_Reduce_scatter(MPI_IN_PLACE, contrib, counts, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  show("reduce_scatter in place", contrib, rank + 1);
  for (int i = 0; i < 2 * size; i++) contrib[i] = i + rank;
  MPI_Reduce_scatter_block(contrib, out, 2, MPI_INT, MPI_PROD, MPI_COMM_WORLD);
  show("reduce_scatter_block", out, 2);
  MPI_Reduce_scatter_block(MPI_IN_PLACE, contrib, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  show("reduce_scatter_block in place", contrib, 2);
  MPI_Barrier(MPI_COMM_WORLD);
  free(big); free(all); free(contrib); free(counts); free(displs);
  MPI_Finalize();
  return 0;
}
