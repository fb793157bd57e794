/* read_names.c — function names from the "name" custom section, for symbols
 * and backtraces.  Custom sections are not validated: a broken name section
 * is ignored as a whole, never an error. */
#include <stdlib.h>
#include <string.h>

#include "read_internal.h"

/* Walks the function-name map; with assign false it only checks it. */
static bool walk_func_names(const uint8_t *p, const uint8_t *end, w2s_module *m, bool assign) {
  w2s_diag scratch = {0};
  w2s_rd r = {p, end, p, &scratch};
  uint32_t n;
  if (!w2s_rd_count(&r, &n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t idx, len;
    const uint8_t *s;
    if (!w2s_rd_u32(&r, &idx) || !w2s_rd_name_view(&r, &s, &len))
      return false;
    if (!assign || idx >= m->nfuncs || m->funcs[idx].name)
      continue;
    char *c = malloc((size_t)len + 1);
    if (!c)
      return false;
    memcpy(c, s, len);
    c[len] = 0;
    m->funcs[idx].name = c;
  }
  return r.p == r.end;
}

void w2s_read_names(const uint8_t *p, const uint8_t *end, w2s_module *m) {
  w2s_diag scratch = {0};
  w2s_rd r = {p, end, p, &scratch};
  while (r.p < r.end) {
    uint8_t id;
    uint32_t size;
    if (!w2s_rd_u8(&r, &id) || !w2s_rd_u32(&r, &size) || size > (size_t)(r.end - r.p))
      return;
    if (id == 1) {
      if (walk_func_names(r.p, r.p + size, m, false))
        walk_func_names(r.p, r.p + size, m, true);
      return;
    }
    r.p += size;
  }
}
