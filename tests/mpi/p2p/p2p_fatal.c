/* p2p_fatal.c — a wild buffer under the default handler
 * (MPI_ERRORS_ARE_FATAL), Wasm only: the last rank's MPI_Send must end the
 * whole job (the other ranks wait in MPI_Recv for a message that never comes)
 * with a non-zero status and "MPI_Send: MPI_ERR_BUFFER" on stderr. */
#ifndef __wasm__
#error "p2p_fatal is a guest-only test"
#endif
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
  int r, n, v;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  if (r == n - 1) {
    MPI_Send((void *)(uintptr_t)0xF0000000u, 4, MPI_INT, 0, 1, MPI_COMM_WORLD);
    printf("rank %d: still running after a fatal error\n", r);
  } else {
    MPI_Recv(&v, 1, MPI_INT, n - 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    printf("rank %d: received a message nobody sent\n", r);
  }
  MPI_Finalize();
  return 0;
}
