/* call_cost.c — one MPI call in a loop, for perf/mpi/call-cost.sh.
 * usage: call_cost CALL N   (CALL: send recv isend-wait comm-rank comm-size
 * wtime allreduce; N iterations).  Built both with mpicc and wasm-mpicc; the
 * script counts instructions for N and 2N and divides the difference by N. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* noinline: one loop per call, kept out of main so that nothing is hoisted
 * across calls. */
static __attribute__((noinline)) int run(const char *call, long n) {
  int buf = 1, out = 0, v = 0;
  double t = 0;
  if (!strcmp(call, "send")) {
    for (long i = 0; i < n; i++) MPI_Send(&buf, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD);
  } else if (!strcmp(call, "recv")) {
    MPI_Status st;
    for (long i = 0; i < n; i++) MPI_Recv(&buf, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &st);
    v = st.MPI_SOURCE;
  } else if (!strcmp(call, "isend-wait")) {
    MPI_Request r;
    for (long i = 0; i < n; i++) {
      MPI_Isend(&buf, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &r);
      MPI_Wait(&r, MPI_STATUS_IGNORE);
    }
  } else if (!strcmp(call, "comm-rank")) {
    for (long i = 0; i < n; i++) { MPI_Comm_rank(MPI_COMM_WORLD, &out); v += out; }
  } else if (!strcmp(call, "comm-size")) {
    for (long i = 0; i < n; i++) { MPI_Comm_size(MPI_COMM_WORLD, &out); v += out; }
  } else if (!strcmp(call, "wtime")) {
    for (long i = 0; i < n; i++) t += MPI_Wtime();
    v = t < 0;
  } else if (!strcmp(call, "allreduce")) {
    for (long i = 0; i < n; i++) { MPI_Allreduce(&buf, &out, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD); v += out; }
  } else {
    return -1;
  }
  return v;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: call_cost CALL N\n");
    return 2;
  }
  MPI_Init(&argc, &argv);
  int v = run(argv[1], atol(argv[2]));
  if (v == -1) fprintf(stderr, "call_cost: unknown call %s\n", argv[1]);
  MPI_Finalize();
  return v == -1 ? 2 : 0;
}
