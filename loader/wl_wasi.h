/* wl_wasi.h — the WASI preview1 host ("wasi_snapshot_preview1"), sandboxed:
 * the guest reaches files only through preopened directories, and sees only
 * the environment it is given.
 *
 * Configuration is process-wide (one guest per process): call these before
 * the guest runs, from one thread.  Every string is copied. */
#ifndef WL_WASI_H
#define WL_WASI_H

#include "wl_runtime.h"

/* The guest's argv (argv[0] is the program name). */
bool wl_wasi_set_args(int argc, char *const *argv, wl_error *err);

/* Add "K=V" to the guest's environment; a later value for the same K replaces
 * the earlier one in place.  K must be non-empty. */
bool wl_wasi_env_add(const char *kv, wl_error *err);

/* Give the guest the host's environment (as it is now) too.  The result does
 * not depend on the order of the calls: the host's variables come first, in
 * the host's order, with the values of wl_wasi_env_add for keys given both
 * ways; then the added variables the host does not have. */
bool wl_wasi_env_inherit(wl_error *err);

/* Preopen the host directory host_path as guest_name (NULL: host_path), with
 * every right; preopens get the guest fds 3, 4, ... in call order.  Paths the
 * guest resolves through it never reach outside it. */
bool wl_wasi_preopen(const char *host_path, const char *guest_name, wl_error *err);

/* Back to the initial state: no args, no environment, no preopens, guest fds
 * 0-2 = the host's stdio (never closed by the guest's fd_close). */
void wl_wasi_reset(void);

/* Older form: set the args and make the environment exactly envp. */
void wl_wasi_setup(int argc, char *const *argv, int envc, char *const *envp);

/* A wl_resolver for module "wasi_snapshot_preview1" (user is unused). */
bool wl_wasi_resolve(void *user, const char *module, size_t module_len, const char *name,
                     size_t name_len, uint8_t kind, wl_extern *out);

#endif
