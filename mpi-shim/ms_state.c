/* ms_state.c — the process's MPI state (one guest per process). */
#include <stdlib.h>

#include "ms_core.h"

static wasmso_vmctx *guest_vm;
static bool initialized, finalized;
static int world_rank = -1;

wasmso_vmctx *ms_vm(void) { return guest_vm; }
bool ms_initialized(void) { return initialized; }
bool ms_finalized(void) { return finalized; }

/* Before MPI_Init, the launcher's rank (for messages only). */
int ms_world_rank(void) {
  if (world_rank >= 0) return world_rank;
  static const char *vars[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v) return atoi(v);
  }
  return 0;
}

void ms_state_set_init(wasmso_vmctx *vm, int rank) {
  guest_vm = vm;
  world_rank = rank;
  initialized = true;
}

void ms_state_set_finalized(void) { finalized = true; }
