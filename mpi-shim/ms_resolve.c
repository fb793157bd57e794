/* ms_resolve.c — import module "mpi": the import table generated from
 * mpi-api.tab (ms_api_table.c). */
#include <string.h>

#include "ms_core.h"

extern const struct ms_fn ms_fns[];
extern const size_t ms_nfns;

const struct ms_fn *ms_lookup(const char *name, size_t name_len) {
  for (size_t i = 0; i < ms_nfns; i++) {
    const struct ms_fn *f = &ms_fns[i];
    if (strlen(f->name) == name_len && memcmp(f->name, name, name_len) == 0) return f;
  }
  return NULL;
}

bool ms_resolve(void *user, const char *module, size_t module_len, const char *name,
                size_t name_len, uint8_t kind, wl_extern *out) {
  (void)user;
  if (module_len != 3 || memcmp(module, "mpi", 3) != 0 || kind != WASMSO_EXTERN_FUNC)
    return false;
  const struct ms_fn *f = ms_lookup(name, name_len);
  if (!f) return false;
  ms_predef_init(); /* before any guest code can pass a handle */
  memset(out, 0, sizeof *out);
  out->kind = WASMSO_EXTERN_FUNC;
  out->u.func.host_fn = f->fn;
  out->u.func.type_id = wl_sig_type_id(f->params, f->results);
  return true;
}
