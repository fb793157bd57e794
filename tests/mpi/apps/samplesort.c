/* samplesort.c — parallel sample sort: local sort, regular samples gathered
 * on rank 0 (Gather), splitters broadcast (Bcast), buckets exchanged with
 * Alltoall (counts) and Alltoallv (keys), the sorted pieces collected with
 * Gatherv and checked on rank 0. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

#define NLOC 500

static int cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int keys[NLOC];
  unsigned seed = 99u + rank * 31u;
  for (int i = 0; i < NLOC; i++) keys[i] = (int)(mt_rand(&seed) % 100000) - 50000;
  qsort(keys, NLOC, sizeof(int), cmp);

  int *samples = malloc(sizeof(int) * size), *all = malloc(sizeof(int) * size * size);
  for (int i = 0; i < size; i++) samples[i] = keys[i * NLOC / size];
  MPI_Gather(samples, size, MPI_INT, all, size, MPI_INT, 0, MPI_COMM_WORLD);
  int *split = malloc(sizeof(int) * (size + 1));
  if (rank == 0) {
    qsort(all, size * size, sizeof(int), cmp);
    for (int i = 1; i < size; i++) split[i - 1] = all[i * size];
  }
  MPI_Bcast(split, size - 1, MPI_INT, 0, MPI_COMM_WORLD);

  int *scount = calloc(size, sizeof(int)), *sdisp = calloc(size, sizeof(int)),
      *rcount = calloc(size, sizeof(int)), *rdisp = calloc(size, sizeof(int));
  for (int i = 0, b = 0; i < NLOC; i++) {
    while (b < size - 1 && keys[i] >= split[b]) b++;
    scount[b]++;
  }
  for (int b = 1; b < size; b++) sdisp[b] = sdisp[b - 1] + scount[b - 1];
  MPI_Alltoall(scount, 1, MPI_INT, rcount, 1, MPI_INT, MPI_COMM_WORLD);
  int nrecv = rcount[0];
  for (int b = 1; b < size; b++) {
    rdisp[b] = rdisp[b - 1] + rcount[b - 1];
    nrecv += rcount[b];
  }
  int *mine = malloc(sizeof(int) * (nrecv + 1));
  MPI_Alltoallv(keys, scount, sdisp, MPI_INT, mine, rcount, rdisp, MPI_INT, MPI_COMM_WORLD);
  qsort(mine, nrecv, sizeof(int), cmp);

  int *counts = malloc(sizeof(int) * size), *displs = malloc(sizeof(int) * size);
  MPI_Gather(&nrecv, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
  int *sorted = NULL;
  if (rank == 0) {
    displs[0] = 0;
    for (int i = 1; i < size; i++) displs[i] = displs[i - 1] + counts[i - 1];
    sorted = malloc(sizeof(int) * NLOC * size);
  }
  MPI_Gatherv(mine, nrecv, MPI_INT, sorted, counts, displs, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    int ok = 1;
    long long sum = 0;
    for (int i = 0; i < NLOC * size; i++) {
      if (i && sorted[i - 1] > sorted[i]) ok = 0;
      sum += sorted[i] * (long long)(i % 7 + 1);
    }
    printf("%d keys sorted: %s, weighted sum %lld\n", NLOC * size, ok ? "yes" : "no", sum);
    printf("min %d, median %d, max %d\n", sorted[0], sorted[NLOC * size / 2], sorted[NLOC * size - 1]);
    for (int i = 0; i < size; i++) printf("bucket %d: %d keys\n", i, counts[i]);
  }
  MPI_Finalize();
  return 0;
}
