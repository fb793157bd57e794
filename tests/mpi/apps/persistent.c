/* persistent.c — a time loop reusing persistent requests: the halo of a
 * 1-D ring is set up once with Send_init/Recv_init and restarted every step
 * with Start (receives) and Startall (sends); at the end Request_free. */
/* ranks: 4 1 2 3 */
#include "mpitest.h"

#define NLOC 10

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int left = (rank + size - 1) % size, right = (rank + 1) % size;
  double u[NLOC + 2], v[NLOC + 2];
  for (int i = 0; i < NLOC + 2; i++) u[i] = (rank * NLOC + i) % 7;
  MPI_Request recv[2], send[2];
  MPI_Recv_init(&u[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, &recv[0]);
  MPI_Recv_init(&u[NLOC + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, &recv[1]);
  MPI_Send_init(&u[NLOC], 1, MPI_DOUBLE, right, 0, MPI_COMM_WORLD, &send[0]);
  MPI_Send_init(&u[1], 1, MPI_DOUBLE, left, 1, MPI_COMM_WORLD, &send[1]);
  for (int step = 0; step < 100; step++) {
    MPI_Start(&recv[0]);
    MPI_Start(&recv[1]);
    MPI_Startall(2, send);
    MPI_Waitall(2, recv, MPI_STATUSES_IGNORE);
    MPI_Waitall(2, send, MPI_STATUSES_IGNORE);
    for (int i = 1; i <= NLOC; i++) v[i] = (u[i - 1] + u[i] + u[i + 1]) / 3;
    for (int i = 1; i <= NLOC; i++) u[i] = v[i];
  }
  int still = recv[0] != MPI_REQUEST_NULL && send[1] != MPI_REQUEST_NULL;
  for (int i = 0; i < 2; i++) {
    MPI_Request_free(&recv[i]);
    MPI_Request_free(&send[i]);
  }
  int freed = recv[0] == MPI_REQUEST_NULL && send[0] == MPI_REQUEST_NULL;
  double s = 0;
  for (int i = 1; i <= NLOC; i++) s += u[i];
  mt_lines(MPI_COMM_WORLD, "sum %.9f, u[1] %.9f; requests live after wait %d, null after free %d",
           s, u[1], still, freed);
  MPI_Finalize();
  return 0;
}
