/* wl_compat.h — the host side of the sdk's guest compat library (import
 * module "wasm2so_compat"): the few things HPC codes call that WASI lacks
 * (gethostname, ...), answered honestly by the host. */
#ifndef WL_COMPAT_H
#define WL_COMPAT_H

#include "wl_runtime.h"

/* A wl_resolver for module "wasm2so_compat" (user is unused). */
bool wl_compat_resolve(void *user, const char *module, size_t module_len, const char *name,
                       size_t name_len, uint8_t kind, wl_extern *out);

#endif
