/* ms_loader.h — what wasmload needs from the MPI shim (no host mpi.h here:
 * wasmload itself is built without the MPI compiler flags). */
#ifndef MS_LOADER_H
#define MS_LOADER_H

#include "wl_runtime.h"

/* The resolver for import module "mpi". */
bool ms_resolve(void *user, const char *module, size_t module_len, const char *name,
                size_t name_len, uint8_t kind, wl_extern *out);
/* After a trap / an exit of the guest: end the whole job if MPI is active. */
void ms_on_trap(const wl_error *err);
void ms_on_exit(int code);

#endif
