#include <mpi.h>
#include <stdio.h>
int main(void) {
  printf("status %zu aint %zu count %zu\n", sizeof(MPI_Status), sizeof(MPI_Aint), sizeof(MPI_Count));
  return 0;
}
