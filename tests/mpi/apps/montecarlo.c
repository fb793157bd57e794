/* montecarlo.c — pi by Monte Carlo: each rank draws its own reproducible
 * stream, hits are summed with Reduce (MPI_LONG: 32-bit on the wasm guest,
 * 64-bit natively; the values fit both) and MPI_LONG_LONG; the timing is
 * only sanity-checked (Wtime advances, Wtick positive), never printed. */
/* ranks: 4 1 3 */
#include "mpitest.h"

#define DRAWS 200000

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double t0 = MPI_Wtime();
  unsigned seed = 12345u + 977u * rank;
  long hits = 0;
  for (int i = 0; i < DRAWS; i++) {
    double x = mt_rand(&seed) / 16777216.0, y = mt_rand(&seed) / 16777216.0;
    hits += x * x + y * y < 1.0;
  }
  long total = 0;
  long long draws = DRAWS, alldraws = 0;
  MPI_Reduce(&hits, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  MPI_Reduce(&draws, &alldraws, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  long most, least;
  MPI_Reduce(&hits, &most, 1, MPI_LONG, MPI_MAX, size - 1, MPI_COMM_WORLD);
  MPI_Reduce(&hits, &least, 1, MPI_LONG, MPI_MIN, size - 1, MPI_COMM_WORLD);
  if (rank == size - 1) MPI_Send(&most, 1, MPI_LONG, 0, 0, MPI_COMM_WORLD);
  if (rank == size - 1) MPI_Send(&least, 1, MPI_LONG, 0, 1, MPI_COMM_WORLD);
  if (rank == 0) {
    MPI_Recv(&most, 1, MPI_LONG, size - 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Recv(&least, 1, MPI_LONG, size - 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("%lld draws, %ld hits, pi ~ %.6f\n", alldraws, total, 4.0 * total / alldraws);
    printf("hits per rank between %ld and %ld\n", least, most);
  }
  double t1 = MPI_Wtime(), tick = MPI_Wtick();
  mt_check("Wtime advances", t1 >= t0 && t1 - t0 < 3600);
  mt_check("Wtick positive and below a second", tick > 0 && tick < 1);
  MPI_Finalize();
  return 0;
}
