/* ms_exit.c — how a guest that stops without MPI_Finalize ends the job: a
 * trap or a nonzero exit on one rank aborts every rank at once (MPI_Abort),
 * so no rank waits forever on a peer that is gone. */
#include <stdio.h>

#include "ms_core.h"

void ms_on_trap(const wl_error *err) {
  if (!ms_initialized() || ms_finalized()) return;
  fflush(stdout);
  fprintf(stderr, "wasmload: rank %d: trap: %s\n", ms_world_rank(), err->msg);
  if (err->backtrace[0]) fprintf(stderr, "%s\n", err->backtrace);
  fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 134);
}

void ms_on_exit(int code) {
  if (!ms_initialized() || ms_finalized() || code == 0) return;
  fflush(stdout);
  fprintf(stderr, "wasmload: rank %d: exit with status %d before MPI_Finalize\n",
          ms_world_rank(), code);
  fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, code);
}
