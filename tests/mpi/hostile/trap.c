/* trap.c — a Wasm trap on rank 1 of 4 (integer divide by zero, an
 * out-of-bounds load, unreachable) while the others wait in a collective;
 * or rank 1 exits with status 3 before MPI_Finalize.  The whole job must
 * end promptly, non-zero, with rank 1 and the trap message on stderr. */
//! RUN 4 div => fatal rank 1|integer divide by zero
//! RUN 4 oob => fatal rank 1|out of bounds memory access
//! RUN 4 unreachable => fatal rank 1|unreachable
//! RUN 4 exit => exit 3
#include "hostile.h"
#include <stdlib.h>

__attribute__((noinline)) static int divide(int a, int b) { return a / b; }

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const char *what = argc > 1 ? argv[1] : "";
  volatile int zero = 0;
  int x = rank;
  if (rank == 1) {
    if (!strcmp(what, "div")) x = divide(7, zero);
    else if (!strcmp(what, "oob")) x = *(volatile int *)(mem_end() + 4096 * (uintptr_t)(1 + zero));
    else if (!strcmp(what, "unreachable")) { if (!zero) __builtin_trap(); }
    else if (!strcmp(what, "exit")) exit(3);
  }
  int sum;
  MPI_Allreduce(&x, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) printf("not reached: sum %d\n", sum);
  MPI_Finalize();
  return 0;
}
