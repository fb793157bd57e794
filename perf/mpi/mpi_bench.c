/* mpi_bench.c — MPI micro-benchmarks, one source for the native build and
 * the wasm one (wasm-mpicc -> wasm2so -> wasmload):
 *   pingpong  ranks 0 and 1 bounce a message of 1 B .. 4 MiB; prints
 *             "pp SIZE ONE-WAY-LATENCY-US BANDWIDTH-MB/S" per size
 *   allreduce MPI_Allreduce(SUM) of 8 B .. 1 MiB of doubles on all ranks;
 *             prints "ar SIZE LATENCY-US" per size
 * Each size: a warm-up of 4 operations, which sizes the batches to about
 * BUDGET seconds (argument 2, default 0.02); the time is the best of
 * BATCHES batches (argument 3, default 7): on a shared machine other load
 * only ever adds time.  The script takes medians and minima over runs. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank, size;

static double pingpong_once(char *buf, long bytes, int reps) {
  MPI_Barrier(MPI_COMM_WORLD);
  double t0 = MPI_Wtime();
  for (int i = 0; i < reps; i++) {
    if (rank == 0) {
      MPI_Send(buf, (int)bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
      MPI_Recv(buf, (int)bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else if (rank == 1) {
      MPI_Recv(buf, (int)bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      MPI_Send(buf, (int)bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
    }
  }
  double t = (MPI_Wtime() - t0) / reps / 2; /* one way */
  MPI_Bcast(&t, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return t;
}

static double allreduce_once(double *in, double *out, int n, int reps) {
  MPI_Barrier(MPI_COMM_WORLD);
  double t0 = MPI_Wtime();
  for (int i = 0; i < reps; i++) MPI_Allreduce(in, out, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  double t = (MPI_Wtime() - t0) / reps, tmax;
  MPI_Allreduce(&t, &tmax, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return tmax;
}

/* Repetitions for a batch of about budget seconds, given one operation's
 * time from the warm-up; the same on every rank (it came from a Bcast or an
 * Allreduce). */
static int reps_for(double t_one, double budget) {
  double r = t_one > 0 ? budget / t_one : 20000;
  return r < 3 ? 3 : r > 20000 ? 20000 : (int)r;
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const char *mode = argc > 1 ? argv[1] : "pingpong";
  double budget = argc > 2 ? atof(argv[2]) : 0.02;
  int batches = argc > 3 ? atoi(argv[3]) : 7;
  if (batches < 1) batches = 1;
  if (!strcmp(mode, "pingpong")) {
    if (size < 2) {
      if (rank == 0) fprintf(stderr, "mpi_bench: pingpong needs 2 ranks\n");
      MPI_Abort(MPI_COMM_WORLD, 2);
    }
    long max = 4L << 20;
    char *buf = malloc(max);
    memset(buf, 1, max);
    for (long b = 1; b <= max; b *= 2) {
      /* warm-up, which also sizes the batches (rank 0's figure for all) */
      int reps = reps_for(pingpong_once(buf, b, 4), budget);
      double best = 1e30;
      for (int k = 0; k < batches; k++) {
        double t = pingpong_once(buf, b, reps);
        if (t < best) best = t;
      }
      if (rank == 0) printf("pp %ld %.4f %.2f\n", b, best * 1e6, b / best / 1e6);
    }
    free(buf);
  } else if (!strcmp(mode, "allreduce")) {
    int maxn = (1 << 20) / 8;
    double *in = malloc(sizeof(double) * maxn), *out = malloc(sizeof(double) * maxn);
    for (int i = 0; i < maxn; i++) in[i] = i * 0.5 + rank;
    for (int n = 1; n <= maxn; n *= 2) {
      int reps = reps_for(allreduce_once(in, out, n, 4), budget);
      double best = 1e30;
      for (int k = 0; k < batches; k++) {
        double t = allreduce_once(in, out, n, reps);
        if (t < best) best = t;
      }
      if (rank == 0) printf("ar %d %.4f\n", 8 * n, best * 1e6);
    }
    free(in);
    free(out);
  } else {
    if (rank == 0) fprintf(stderr, "mpi_bench: unknown mode %s (pingpong, allreduce)\n", mode);
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  MPI_Finalize();
  return 0;
}
