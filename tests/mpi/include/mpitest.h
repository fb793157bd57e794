/* mpitest.h — small helpers shared by the MPI test programs (tests/mpi).
 * Output must not depend on the order in which ranks write, so every rank
 * formats its line and rank 0 prints them all, in rank order. */
#ifndef MPITEST_H
#define MPITEST_H

#include <mpi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MT_LINE 256

/* Every rank of comm contributes one line; rank 0 prints them in rank order. */
static inline void mt_lines(MPI_Comm comm, const char *fmt, ...) {
  char line[MT_LINE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  char *all = rank == 0 ? malloc((size_t)size * MT_LINE) : NULL;
  MPI_Gather(line, MT_LINE, MPI_CHAR, all, MT_LINE, MPI_CHAR, 0, comm);
  if (rank == 0) {
    for (int i = 0; i < size; i++) printf("[%d] %s\n", i, all + (size_t)i * MT_LINE);
    fflush(stdout);
    free(all);
  }
}

/* Rank 0 of MPI_COMM_WORLD prints; the others stay silent. */
static inline void mt_say(const char *fmt, ...) {
  int rank;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank != 0) return;
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
}

/* A check that must hold on every rank: the count of ranks where it failed is
 * reduced, so the printed verdict is the same whichever rank saw a problem. */
static inline void mt_check(const char *what, int ok) {
  int bad = !ok, nbad = 0;
  MPI_Allreduce(&bad, &nbad, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  mt_say("%s: %s\n", what, nbad ? "FAILED" : "ok");
  if (nbad) mt_say("  (%d rank(s) disagree)\n", nbad);
}

/* A small deterministic generator: the same sequence natively and in wasm. */
static inline unsigned mt_rand(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 8) & 0xffffffu;
}

#endif
