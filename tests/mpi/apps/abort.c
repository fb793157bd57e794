/* abort.c — MPI_Abort from one rank ends every rank of the job, and the
 * job's exit status is the error code given (Open MPI's mpirun returns it).
 * Output before the abort was flushed and appears. */
/* ranks: 4 2 */
/* status: 7 */
#include "mpitest.h"

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  mt_say("before the abort\n");
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank == size - 1) MPI_Abort(MPI_COMM_WORLD, 7);
  /* the other ranks wait in a receive that never comes */
  int x;
  MPI_Recv(&x, 1, MPI_INT, size - 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  printf("rank %d: not reached\n", rank);
  MPI_Finalize();
  return 0;
}
