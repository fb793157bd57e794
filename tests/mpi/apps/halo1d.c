/* halo1d.c — 1-D diffusion on a periodic ring built with Cart_create:
 * ghost cells exchanged with Sendrecv along Cart_shift neighbours, the total
 * (conserved) checked with Allreduce after each block of steps. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

#define NLOC 64

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int size, rank;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int dims[1] = {size}, periods[1] = {1};
  MPI_Comm ring;
  MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 1, &ring);
  MPI_Comm_rank(ring, &rank);
  int left, right;
  MPI_Cart_shift(ring, 0, 1, &left, &right);

  double u[NLOC + 2], v[NLOC + 2];
  for (int i = 1; i <= NLOC; i++) {
    int g = rank * NLOC + i - 1;
    u[i] = (g % 17 == 0) ? 100.0 : (double)(g % 5);
  }
  double local = 0, total0, total;
  for (int i = 1; i <= NLOC; i++) local += u[i];
  MPI_Allreduce(&local, &total0, 1, MPI_DOUBLE, MPI_SUM, ring);
  for (int step = 1; step <= 200; step++) {
    MPI_Sendrecv(&u[NLOC], 1, MPI_DOUBLE, right, 0, &u[0], 1, MPI_DOUBLE, left, 0, ring,
                 MPI_STATUS_IGNORE);
    MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, left, 1, &u[NLOC + 1], 1, MPI_DOUBLE, right, 1, ring,
                 MPI_STATUS_IGNORE);
    for (int i = 1; i <= NLOC; i++) v[i] = u[i] + 0.25 * (u[i - 1] - 2 * u[i] + u[i + 1]);
    for (int i = 1; i <= NLOC; i++) u[i] = v[i];
    if (step % 50 == 0) {
      local = 0;
      for (int i = 1; i <= NLOC; i++) local += u[i];
      MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, ring);
      double mx, lmx = u[1];
      for (int i = 2; i <= NLOC; i++) if (u[i] > lmx) lmx = u[i];
      MPI_Allreduce(&lmx, &mx, 1, MPI_DOUBLE, MPI_MAX, ring);
      mt_say("step %d: total %.6f (conserved: %s), max %.6f\n", step, total,
             total - total0 < 1e-9 && total0 - total < 1e-9 ? "yes" : "no", mx);
    }
  }
  MPI_Comm_free(&ring);
  MPI_Finalize();
  return 0;
}
