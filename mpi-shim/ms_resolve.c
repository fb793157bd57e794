/* ms_resolve.c — import module "mpi": each group's table of wrappers.
 *
 * A group's table may not exist yet while the shim is being written: each
 * has a weak empty default here, which the group's own (strong) definition
 * replaces at link time.  libms.a is linked whole (--whole-archive) so the
 * group's object is always there to win. */
#include <string.h>

#include "ms_core.h"

#define GROUP(g)                                                    \
  extern const struct ms_fn ms_fns_##g[];                           \
  extern const size_t ms_nfns_##g;                                  \
  __attribute__((weak)) const struct ms_fn ms_fns_##g[1];           \
  __attribute__((weak)) const size_t ms_nfns_##g;
GROUP(env)
GROUP(p2p)
GROUP(coll)
GROUP(type)
GROUP(comm)
#undef GROUP

static const struct {
  const struct ms_fn *fns;
  const size_t *n;
} groups[] = {
  {ms_fns_env, &ms_nfns_env}, {ms_fns_p2p, &ms_nfns_p2p}, {ms_fns_coll, &ms_nfns_coll},
  {ms_fns_type, &ms_nfns_type}, {ms_fns_comm, &ms_nfns_comm},
};

const struct ms_fn *ms_lookup(const char *name, size_t name_len) {
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
    for (size_t i = 0; i < *groups[g].n; i++) {
      const struct ms_fn *f = &groups[g].fns[i];
      if (f->name && strlen(f->name) == name_len && memcmp(f->name, name, name_len) == 0)
        return f;
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
