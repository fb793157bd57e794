/* read_code.c — the code section: each body's size and local declarations.
 * Instructions are decoded once, by the validator, so big modules are not
 * walked twice here. */
#include <stdlib.h>

#include "read_internal.h"

bool w2s_read_code(w2s_rd *r, w2s_module *m, uint32_t ndefined) {
  size_t at = w2s_rd_off(r);
  uint32_t n;
  if (!w2s_rd_count(r, &n))
    return false;
  if (n != ndefined)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, at,
                    "function and code section have inconsistent lengths (%u, %u)", ndefined, n);
  for (uint32_t i = 0; i < n; i++) {
    w2s_func *f = &m->funcs[m->nfunc_imports + i];
    uint32_t size;
    if (!w2s_rd_u32(r, &size))
      return false;
    if (size > (size_t)(r->end - r->p))
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "length out of bounds (function body)");
    w2s_rd body = {r->p, r->p + size, r->base, r->d};
    uint32_t ngroups;
    if (!w2s_rd_count(&body, &ngroups))
      return false;
    if (ngroups) {
      f->local_groups = calloc(ngroups, sizeof *f->local_groups);
      if (!f->local_groups)
        return w2s_fail(r->d, W2S_DIAG_LIMIT, w2s_rd_off(&body), "out of memory");
    }
    uint64_t total = 0;
    for (uint32_t g = 0; g < ngroups; g++) {
      w2s_local_group *lg = &f->local_groups[g];
      size_t gat = w2s_rd_off(&body);
      if (!w2s_rd_u32(&body, &lg->count) || !w2s_rd_valtype(&body, &lg->type))
        return false;
      total += lg->count;
      if (total > UINT32_MAX)
        return w2s_fail(r->d, W2S_DIAG_MALFORMED, gat, "too many locals");
      f->nlocal_groups++;
    }
    f->nlocals = (uint32_t)total;
    f->code = body.p;
    f->code_end = body.end;
    f->code_offset = w2s_rd_off(&body);
    r->p = body.end;
  }
  return true;
}
