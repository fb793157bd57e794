/* heat2d.c — 2-D steady heat (Jacobi on Laplace's equation) on an N x N
 * plate, hot along the top edge, cold on the others, split over a 2-D grid
 * of ranks (Dims_create + Cart_create).  Every sweep exchanges one-cell
 * halos with the four neighbours (Isend/Irecv; columns as a vector
 * datatype); every 10 sweeps an Allreduce of the squared change decides
 * convergence.  Rank 0 prints the iteration count, the residual and a
 * checksum of the whole field (gathered row blocks), identical on any
 * number of ranks and for the native and the wasm build.
 *
 *   mpirun -np 4 heat2d [N [MAXITER]]          (default 256 2000) */
#include <mpi.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define AT(u, i, j) (u)[(size_t)(i) * (nx + 2) + (j)]

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int n = argc > 1 ? atoi(argv[1]) : 256;
  int maxiter = argc > 2 ? atoi(argv[2]) : 2000;
  const double tol = 1e-10; /* on the mean squared change per sweep */

  int size, rank, dims[2] = {0, 0}, periods[2] = {0, 0}, coords[2];
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Dims_create(size, 2, dims);
  MPI_Comm cart;
  MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 1, &cart);
  MPI_Comm_rank(cart, &rank);
  MPI_Cart_coords(cart, rank, 2, coords);
  int up, down, left, right;
  MPI_Cart_shift(cart, 0, 1, &up, &down);
  MPI_Cart_shift(cart, 1, 1, &left, &right);

  /* this rank's block: rows [r0, r0+ny), columns [c0, c0+nx) */
  int r0 = coords[0] * n / dims[0], ny = (coords[0] + 1) * n / dims[0] - r0;
  int c0 = coords[1] * n / dims[1], nx = (coords[1] + 1) * n / dims[1] - c0;
  double *u = calloc((size_t)(ny + 2) * (nx + 2), sizeof *u);
  double *v = calloc((size_t)(ny + 2) * (nx + 2), sizeof *v);
  if (!u || !v) MPI_Abort(MPI_COMM_WORLD, 2);
  /* boundary: the plate's top edge (above global row 0) is at 100 degrees */
  if (up == MPI_PROC_NULL)
    for (int j = 0; j < nx + 2; j++) AT(u, 0, j) = AT(v, 0, j) = 100.0;

  MPI_Datatype column;
  MPI_Type_vector(ny, 1, nx + 2, MPI_DOUBLE, &column);
  MPI_Type_commit(&column);

  int it;
  double change = 0;
  for (it = 1; it <= maxiter; it++) {
    MPI_Request rq[8];
    MPI_Irecv(&AT(u, 0, 1), nx, MPI_DOUBLE, up, 0, cart, &rq[0]);
    MPI_Irecv(&AT(u, ny + 1, 1), nx, MPI_DOUBLE, down, 1, cart, &rq[1]);
    MPI_Irecv(&AT(u, 1, 0), 1, column, left, 2, cart, &rq[2]);
    MPI_Irecv(&AT(u, 1, nx + 1), 1, column, right, 3, cart, &rq[3]);
    MPI_Isend(&AT(u, ny, 1), nx, MPI_DOUBLE, down, 0, cart, &rq[4]);
    MPI_Isend(&AT(u, 1, 1), nx, MPI_DOUBLE, up, 1, cart, &rq[5]);
    MPI_Isend(&AT(u, 1, nx), 1, column, right, 2, cart, &rq[6]);
    MPI_Isend(&AT(u, 1, 1), 1, column, left, 3, cart, &rq[7]);
    MPI_Waitall(8, rq, MPI_STATUSES_IGNORE);
    double local = 0;
    for (int i = 1; i <= ny; i++)
      for (int j = 1; j <= nx; j++) {
        double x = 0.25 * (AT(u, i - 1, j) + AT(u, i + 1, j) + AT(u, i, j - 1) + AT(u, i, j + 1));
        double d = x - AT(u, i, j);
        local += d * d;
        AT(v, i, j) = x;
      }
    double *t = u; u = v; v = t;
    if (it % 10 == 0) {
      MPI_Allreduce(&local, &change, 1, MPI_DOUBLE, MPI_SUM, cart);
      change /= (double)n * n;
      if (change < tol) break;
    }
  }
  if (it > maxiter) it = maxiter;

  /* checksum: the sum of the field and a position-weighted sum */
  double s[2] = {0, 0};
  for (int i = 1; i <= ny; i++)
    for (int j = 1; j <= nx; j++) {
      s[0] += AT(u, i, j);
      s[1] += AT(u, i, j) * (double)((r0 + i) * 7 + (c0 + j) * 3) / n;
    }
  MPI_Allreduce(MPI_IN_PLACE, s, 2, MPI_DOUBLE, MPI_SUM, cart);
  double centre = 0, mine = -1;
  int ci = n / 2, cj = n / 2;
  if (ci >= r0 && ci < r0 + ny && cj >= c0 && cj < c0 + nx) mine = AT(u, ci - r0 + 1, cj - c0 + 1);
  MPI_Allreduce(&mine, &centre, 1, MPI_DOUBLE, MPI_MAX, cart);
  if (rank == 0) {
    printf("heat2d: %d x %d plate on %d ranks (%d x %d)\n", n, n, size, dims[0], dims[1]);
    printf("iterations %d, mean squared change %.6e\n", it, change);
    printf("centre temperature %.9f\n", centre);
    printf("checksum %.9f %.9f\n", s[0], s[1]);
  }
  MPI_Type_free(&column);
  MPI_Comm_free(&cart);
  free(u);
  free(v);
  MPI_Finalize();
  return 0;
}
