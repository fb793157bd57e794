/* type_fatal.c — wasm32 only: under the default error handler
 * (MPI_ERRORS_ARE_FATAL) a packed buffer that runs past the end of memory
 * ends the whole job: rank 1 makes the bad call while the others wait in a
 * barrier.  Expected: a non-zero exit, "MPI_Pack" and "MPI_ERR_BUFFER" on
 * stderr, and "not reached" nowhere. */
//! RUN 4 => fatal MPI_Pack|MPI_ERR_BUFFER
//! RUN 2 => fatal MPI_Pack|MPI_ERR_BUFFER
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const uintptr_t mem = __builtin_wasm_memory_size(0) * 65536ul;
  int32_t v[4] = {1, 2, 3, 4};
  int pos = 0;
  if (rank == 1 % size)
    MPI_Pack(v, 4, MPI_INT32_T, (void *)(mem - 8), 16, &pos, MPI_COMM_WORLD);
  MPI_Barrier(MPI_COMM_WORLD);
  printf("rank %d: not reached\n", rank);
  MPI_Finalize();
  return 0;
}
