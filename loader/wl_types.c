/* wl_types.c — process-wide canonical function-type ids: two signatures get
 * the same id iff they are equal, whichever module declared them, so
 * call_indirect and import matching compare one integer. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "wl_internal.h"

struct sig {
  uint32_t nparams, nresults;
  uint8_t *types;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct sig *sigs; /* sigs[id - 1]; id 0 is never used */
static uint32_t nsigs, capsigs;

uint32_t wl_type_id(const uint8_t *params, uint32_t nparams, const uint8_t *results, uint32_t nresults) {
  pthread_mutex_lock(&lock);
  for (uint32_t i = 0; i < nsigs; i++) {
    struct sig *s = &sigs[i];
    if (s->nparams == nparams && s->nresults == nresults &&
        (nparams == 0 || memcmp(s->types, params, nparams) == 0) &&
        (nresults == 0 || memcmp(s->types + nparams, results, nresults) == 0)) {
      pthread_mutex_unlock(&lock);
      return i + 1;
    }
  }
  uint32_t id = 0;
  if (nsigs == capsigs) {
    uint32_t cap = capsigs ? capsigs * 2 : 64;
    struct sig *n = realloc(sigs, cap * sizeof *n);
    if (!n) goto out;
    sigs = n;
    capsigs = cap;
  }
  uint8_t *types = malloc(nparams + nresults + 1);
  if (!types) goto out;
  if (nparams) memcpy(types, params, nparams);
  if (nresults) memcpy(types + nparams, results, nresults);
  sigs[nsigs] = (struct sig){nparams, nresults, types};
  id = ++nsigs;
out:
  pthread_mutex_unlock(&lock);
  return id; /* 0 only when out of memory: matches nothing */
}

uint32_t wl_functype_id(const wasmso_functype *t) {
  return wl_type_id(t->types, t->nparams, t->types + t->nparams, t->nresults);
}

bool wl_type_lookup(uint32_t id, const uint8_t **params, uint32_t *nparams,
                    const uint8_t **results, uint32_t *nresults) {
  pthread_mutex_lock(&lock);
  bool ok = id >= 1 && id <= nsigs;
  if (ok) {
    struct sig *s = &sigs[id - 1];
    *params = s->types;
    *nparams = s->nparams;
    *results = s->types + s->nparams;
    *nresults = s->nresults;
  }
  pthread_mutex_unlock(&lock);
  return ok;
}

bool wl_func_signature(const wasmso_funcref *f, const uint8_t **params, uint32_t *nparams,
                       const uint8_t **results, uint32_t *nresults) {
  return f && wl_type_lookup(f->type_id, params, nparams, results, nresults);
}

static uint8_t sig_valtype(char c) {
  switch (c) {
  case 'I': return WASMSO_I64;
  case 'f': return WASMSO_F32;
  case 'd': return WASMSO_F64;
  default: return WASMSO_I32;
  }
}

uint32_t wl_sig_type_id(const char *params, const char *results) {
  uint8_t ps[32], rs[4];
  uint32_t np = 0, nr = 0;
  for (; *params && np < sizeof ps; params++) ps[np++] = sig_valtype(*params);
  for (; *results && nr < sizeof rs; results++) rs[nr++] = sig_valtype(*results);
  return wl_type_id(ps, np, rs, nr);
}

bool wl_resolve_host(const char *want, const wl_host_fn *fns, size_t nfns, const char *module,
                     size_t module_len, const char *name, size_t name_len, uint8_t kind,
                     wl_extern *out) {
  if (module_len != strlen(want) || memcmp(module, want, module_len) != 0 ||
      kind != WASMSO_EXTERN_FUNC)
    return false;
  for (size_t i = 0; i < nfns; i++) {
    if (strlen(fns[i].name) != name_len || memcmp(fns[i].name, name, name_len) != 0) continue;
    memset(out, 0, sizeof *out);
    out->kind = WASMSO_EXTERN_FUNC;
    out->u.func.host_fn = fns[i].fn;
    out->u.func.type_id = wl_sig_type_id(fns[i].params, fns[i].results);
    return true;
  }
  return false;
}
