/* transpose.c — a distributed matrix transpose: each rank holds B rows of an
 * N x N matrix (N = B * size); blocks are swapped with Alltoall and then
 * transposed locally; again with Ialltoall; again with Alltoallw, where a
 * resized vector type does the local transpose during the exchange. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

#define B 3

static void check(const char *how, const double *t, int rank, int n) {
  /* global row r of the transpose holds A[c][r] = c * 100 + r */
  long bad = 0;
  double sum = 0;
  for (int i = 0; i < B; i++)
    for (int c = 0; c < n; c++) {
      int r = rank * B + i;
      if (t[i * n + c] != c * 100 + r) bad++;
      sum += t[i * n + c] * (i + 1);
    }
  mt_lines(MPI_COMM_WORLD, "%s: %ld wrong, weighted sum %.0f", how, bad, sum);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int n = B * size;
  double *a = malloc(sizeof(double) * B * n), *blk = malloc(sizeof(double) * B * n),
         *t = malloc(sizeof(double) * B * n);
  for (int i = 0; i < B; i++)
    for (int c = 0; c < n; c++) a[i * n + c] = (rank * B + i) * 100 + c;

  /* pack block j (columns j*B..) contiguously, exchange, transpose locally */
  for (int j = 0; j < size; j++)
    for (int i = 0; i < B; i++)
      for (int k = 0; k < B; k++) blk[j * B * B + i * B + k] = a[i * n + j * B + k];
  double *recv = malloc(sizeof(double) * B * n);
  MPI_Alltoall(blk, B * B, MPI_DOUBLE, recv, B * B, MPI_DOUBLE, MPI_COMM_WORLD);
  for (int j = 0; j < size; j++)
    for (int i = 0; i < B; i++)
      for (int k = 0; k < B; k++) t[k * n + j * B + i] = recv[j * B * B + i * B + k];
  check("alltoall", t, rank, n);

  MPI_Request rq;
  memset(recv, 0, sizeof(double) * B * n);
  MPI_Ialltoall(blk, B * B, MPI_DOUBLE, recv, B * B, MPI_DOUBLE, MPI_COMM_WORLD, &rq);
  MPI_Wait(&rq, MPI_STATUS_IGNORE);
  for (int j = 0; j < size; j++)
    for (int i = 0; i < B; i++)
      for (int k = 0; k < B; k++) t[k * n + j * B + i] = recv[j * B * B + i * B + k];
  check("ialltoall", t, rank, n);

  /* Alltoallw: send block j straight from a (a B x B subarray, row stride
   * n); receive it into t as columns: element (i,k) of the block lands at
   * t[k][j*B + i].  colrow = one column of B doubles with stride n, resized
   * to one double so consecutive columns start one element apart. */
  MPI_Datatype sblk, col, colrow;
  int sizes[2] = {B, n}, sub[2] = {B, B}, st0[2] = {0, 0};
  MPI_Type_create_subarray(2, sizes, sub, st0, MPI_ORDER_C, MPI_DOUBLE, &sblk);
  MPI_Type_commit(&sblk);
  MPI_Type_vector(B, 1, n, MPI_DOUBLE, &col);
  MPI_Type_create_resized(col, 0, sizeof(double), &colrow);
  MPI_Type_commit(&colrow);
  int *cnt = malloc(sizeof(int) * size), *sd = malloc(sizeof(int) * size),
      *rc = malloc(sizeof(int) * size), *rd = malloc(sizeof(int) * size);
  MPI_Datatype *sty = malloc(sizeof(MPI_Datatype) * size), *rty = malloc(sizeof(MPI_Datatype) * size);
  for (int j = 0; j < size; j++) {
    cnt[j] = 1;
    sd[j] = j * B * (int)sizeof(double); /* byte displacements */
    sty[j] = sblk;
    rc[j] = B; /* B resized columns: the block's rows become t's columns */
    rd[j] = j * B * (int)sizeof(double);
    rty[j] = colrow;
  }
  memset(t, 0, sizeof(double) * B * n);
  MPI_Alltoallw(a, cnt, sd, sty, t, rc, rd, rty, MPI_COMM_WORLD);
  check("alltoallw", t, rank, n);

  MPI_Type_free(&sblk);
  MPI_Type_free(&col);
  MPI_Type_free(&colrow);
  free(a); free(blk); free(t); free(recv); free(cnt); free(sd); free(rc); free(rd);
  free(sty); free(rty);
  MPI_Finalize();
  return 0;
}
