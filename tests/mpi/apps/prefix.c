/* prefix.c — parallel prefix sums: each rank owns a slice of an array and
 * needs its global offset (Exscan) and running totals (Scan), for several
 * types and ops; the nonblocking forms (Iscan, Iexscan) and Reduce_local
 * combining two local partial results. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  /* variable slice lengths: where does each rank's slice start? */
  int len = 3 + (rank * 7) % 5, start = 0;
  MPI_Exscan(&len, &start, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) start = 0; /* Exscan leaves rank 0's result undefined */
  int upto;
  MPI_Scan(&len, &upto, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  mt_lines(MPI_COMM_WORLD, "slice of %d starts at %d, ends at %d", len, start, upto);

  double d[3] = {rank + 1.0, 1.0 / (rank + 1), (double)(rank % 2 ? -rank : rank)}, dp[3], dm[3];
  MPI_Scan(d, dp, 3, MPI_DOUBLE, MPI_PROD, MPI_COMM_WORLD);
  MPI_Scan(d, dm, 3, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  long long big = 1000000007LL * (rank + 1), bigs;
  MPI_Scan(&big, &bigs, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  unsigned bits = 1u << rank, bor;
  MPI_Scan(&bits, &bor, 1, MPI_UNSIGNED, MPI_BOR, MPI_COMM_WORLD);
  mt_lines(MPI_COMM_WORLD, "prod %.4f %.6f %.1f max %.1f %.1f %.1f ll %lld bor %#x", dp[0], dp[1],
           dp[2], dm[0], dm[1], dm[2], bigs, bor);

  /* in place: the running minimum of a short vector */
  short s[2] = {(short)(100 - rank * 3), (short)(rank * 5 - 7)};
  MPI_Scan(MPI_IN_PLACE, s, 2, MPI_SHORT, MPI_MIN, MPI_COMM_WORLD);
  int ex[2] = {rank + 1, 2 * rank};
  MPI_Exscan(MPI_IN_PLACE, ex, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) ex[0] = ex[1] = 0;
  mt_lines(MPI_COMM_WORLD, "in-place min %d %d, exscan %d %d", s[0], s[1], ex[0], ex[1]);

  /* nonblocking */
  float f = 0.5f * (rank + 1), fs = 0, fe = 0;
  MPI_Request rq[2];
  MPI_Iscan(&f, &fs, 1, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &rq[0]);
  MPI_Iexscan(&f, &fe, 1, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &rq[1]);
  MPI_Waitall(2, rq, MPI_STATUSES_IGNORE);
  if (rank == 0) fe = 0;
  mt_lines(MPI_COMM_WORLD, "iscan %.2f iexscan %.2f", fs, fe);

  /* Reduce_local: fold a second partial result into the first */
  int a[4] = {1, 2, 3, 4}, b[4] = {rank, rank, -rank, 10};
  MPI_Reduce_local(a, b, 4, MPI_INT, MPI_SUM);
  double x[2] = {2.0, -1.0}, y[2] = {rank + 0.5, 3.0};
  MPI_Reduce_local(x, y, 2, MPI_DOUBLE, MPI_MAX);
  mt_lines(MPI_COMM_WORLD, "reduce_local %d %d %d %d, %.1f %.1f", b[0], b[1], b[2], b[3], y[0],
           y[1]);
  MPI_Finalize();
  return 0;
}
