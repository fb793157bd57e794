/* wl_wasi.h — a minimal WASI preview1 host ("wasi_snapshot_preview1"):
 * stdio fds, args, environ, clocks, random, proc_exit.  No preopens yet. */
#ifndef WL_WASI_H
#define WL_WASI_H

#include "wl_runtime.h"

/* The guest's argv (argv[0] is the program name) and environment ("K=V").
 * The strings must outlive the guest.  Process-wide: one guest per process. */
void wl_wasi_setup(int argc, char *const *argv, int envc, char *const *envp);

/* A wl_resolver for module "wasi_snapshot_preview1" (user is unused). */
bool wl_wasi_resolve(void *user, const char *module, size_t module_len, const char *name,
                     size_t name_len, uint8_t kind, wl_extern *out);

#endif
