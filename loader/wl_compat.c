/* wl_compat.c — host functions for the sdk's compat library (see wl_compat.h). */
#include "wl_compat.h"

bool wl_compat_resolve(void *user, const char *module, size_t module_len, const char *name,
                       size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user, (void)module, (void)module_len, (void)name, (void)name_len, (void)kind, (void)out;
  return false; /* nothing yet */
}
