/* typezoo.c — the derived datatypes a mesh code builds to describe parts of
 * its arrays: contiguous, vector, hvector, indexed, hindexed, indexed_block,
 * subarray, darray, resized and dup.  For each: size, extent, true extent,
 * and the elements it selects from a 2-D array, moved rank to rank (the
 * right neighbour receives it contiguously), plus Pack_size. */
/* ranks: 4 1 */
#include "mpitest.h"

#define R 6
#define C 8

static double a[R][C];

static void describe(const char *name, MPI_Datatype t, int count) {
  int rank, size, sz, psz;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Aint lb, ext, tlb, text;
  MPI_Type_commit(&t);
  MPI_Type_size(t, &sz);
  MPI_Type_get_extent(t, &lb, &ext);
  MPI_Type_get_true_extent(t, &tlb, &text);
  MPI_Pack_size(count, t, MPI_COMM_WORLD, &psz);
  int n = count * sz / (int)sizeof(double);
  double got[R * C];
  MPI_Sendrecv(a, count, t, (rank + 1) % size, 0, got, n, MPI_DOUBLE, (rank + size - 1) % size, 0,
               MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  double sum = 0;
  char first[64] = "", *p = first;
  for (int i = 0; i < n; i++) {
    sum += got[i] * (i + 1);
    if (i < 5) p += sprintf(p, " %g", got[i]);
  }
  mt_say("%-14s size %3d lb %3ld extent %3ld true lb %3ld true extent %3ld pack>=size %d | %d elems:%s.. weighted %g\n",
         name, sz, (long)lb, (long)ext, (long)tlb, (long)text, psz >= count * sz, n, first, sum);
  MPI_Type_free(&t);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++) a[i][j] = i * 10 + j + 0.25 * ((rank + size - 1) % size);
  MPI_Datatype t, u;
  const int D = (int)sizeof(double);

  MPI_Type_contiguous(5, MPI_DOUBLE, &t);
  describe("contiguous", t, 2);
  MPI_Type_vector(R, 2, C, MPI_DOUBLE, &t); /* first two columns */
  describe("vector", t, 1);
  MPI_Type_create_hvector(3, 1, 2 * C * D, MPI_DOUBLE, &t); /* every other row, first column */
  describe("hvector", t, 1);
  int bl[3] = {1, 3, 2}, dp[3] = {C + 1, 2 * C + 2, 4 * C};
  MPI_Type_indexed(3, bl, dp, MPI_DOUBLE, &t);
  describe("indexed", t, 1);
  MPI_Aint hdp[3] = {(MPI_Aint)(C - 1) * D, (MPI_Aint)(3 * C) * D, (MPI_Aint)(5 * C + 4) * D};
  MPI_Type_create_hindexed(3, bl, hdp, MPI_DOUBLE, &t);
  describe("hindexed", t, 1);
  int bdp[4] = {0, C + 1, 2 * C + 2, 3 * C + 3}; /* a diagonal band */
  MPI_Type_create_indexed_block(4, 2, bdp, MPI_DOUBLE, &t);
  describe("indexed_block", t, 1);
  int sizes[2] = {R, C}, sub[2] = {3, 4}, start[2] = {2, 3};
  MPI_Type_create_subarray(2, sizes, sub, start, MPI_ORDER_C, MPI_DOUBLE, &t);
  describe("subarray", t, 1);
  int fsub[2] = {2, 2}, fstart[2] = {1, 1};
  MPI_Type_create_subarray(2, sizes, fsub, fstart, MPI_ORDER_FORTRAN, MPI_DOUBLE, &t);
  describe("subarray(F)", t, 1);
  /* darray: this rank's block of a R x C array block-distributed on a 2 x 2 grid
   * (for 1 rank: the whole array) */
  int gs[2] = {R, C}, distrib[2] = {MPI_DISTRIBUTE_BLOCK, MPI_DISTRIBUTE_CYCLIC},
      dargs[2] = {MPI_DISTRIBUTE_DFLT_DARG, 2}, ps[2] = {size >= 4 ? 2 : 1, size >= 4 ? 2 : 1};
  int drank = size >= 4 ? rank % 4 : 0;
  MPI_Type_create_darray(ps[0] * ps[1], drank, 2, gs, distrib, dargs, ps, MPI_ORDER_C, MPI_DOUBLE, &t);
  if (size >= 4 && rank >= 4) { MPI_Type_free(&t); MPI_Type_contiguous(1, MPI_DOUBLE, &t); }
  describe("darray", t, 1);
  MPI_Type_vector(2, 1, C, MPI_DOUBLE, &u);
  MPI_Type_create_resized(u, -D, 3 * D, &t);
  MPI_Type_free(&u);
  describe("resized", t, 3);
  MPI_Type_vector(2, 3, 5, MPI_DOUBLE, &u);
  MPI_Type_dup(u, &t);
  MPI_Type_free(&u);
  describe("dup(vector)", t, 2);
  MPI_Finalize();
  return 0;
}
