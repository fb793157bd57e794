// ring.cc — every rank adds its rank with MPI_Allreduce; rank 0 prints it.
#include <mpi.h>
#include <iostream>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 0, sum = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) std::cout << "c++ ranks " << size << " sum " << sum << "\n";
  MPI_Finalize();
  return 0;
}
