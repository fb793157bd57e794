/* jacobi.c — Jacobi iteration for -u'' = 1 on [0,1] (u = 0 at both ends),
 * the rows split over the ranks; ghosts by Isend/Irecv + Waitall; stops when
 * the global residual (Allreduce MAX, then in place SUM of squares) is small. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"
#include <math.h>

#define N 48

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int lo = rank * N / size, hi = (rank + 1) * N / size, n = hi - lo;
  double *u = calloc(n + 2, sizeof *u), *v = calloc(n + 2, sizeof *v);
  double h = 1.0 / (N + 1);
  int left = rank > 0 ? rank - 1 : MPI_PROC_NULL;
  int right = rank < size - 1 ? rank + 1 : MPI_PROC_NULL;
  int it;
  double diff = 0;
  for (it = 1; it <= 100000; it++) {
    MPI_Request rq[4];
    MPI_Irecv(&u[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, &rq[0]);
    MPI_Irecv(&u[n + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, &rq[1]);
    MPI_Isend(&u[1], 1, MPI_DOUBLE, left, 1, MPI_COMM_WORLD, &rq[2]);
    MPI_Isend(&u[n], 1, MPI_DOUBLE, right, 0, MPI_COMM_WORLD, &rq[3]);
    MPI_Status st[4];
    MPI_Waitall(4, rq, st);
    double ldiff = 0;
    for (int i = 1; i <= n; i++) {
      v[i] = 0.5 * (u[i - 1] + u[i + 1] + h * h);
      double d = fabs(v[i] - u[i]);
      if (d > ldiff) ldiff = d;
    }
    double *t = u; u = v; v = t;
    MPI_Allreduce(&ldiff, &diff, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    if (diff < 1e-8) break;
  }
  /* the error against the exact solution x(1-x)/2, summed in place */
  double err[2] = {0, 0};
  for (int i = 1; i <= n; i++) {
    double x = (lo + i) * h, e = u[i] - x * (1 - x) / 2;
    err[0] += e * e;
    err[1] += u[i];
  }
  MPI_Allreduce(MPI_IN_PLACE, err, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  mt_say("converged after %d iterations (last change %.3e)\n", it, diff);
  mt_say("rms error %.6e, sum of u %.10f\n", sqrt(err[0] / N), err[1]);
  free(u);
  free(v);
  MPI_Finalize();
  return 0;
}
