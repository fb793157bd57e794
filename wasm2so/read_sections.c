/* read_sections.c — the type, import, function, table, memory, global and
 * export sections.  Index spaces grow in place: imports first, then the
 * definitions, as w2s_module.h promises.  Counters are bumped before an
 * entry is filled so w2s_module_free releases partly read entries too. */
#include <stdlib.h>

#include "read_internal.h"

#define GROW(r, arr, n, add) w2s_grow((r), (void **)&(arr), (n), (add), sizeof *(arr))

static bool read_valtypes(w2s_rd *r, uint32_t *n, w2s_valtype **out) {
  if (!w2s_rd_count(r, n))
    return false;
  if (*n == 0)
    return true;
  *out = malloc(*n);
  if (!*out)
    return w2s_fail(r->d, W2S_DIAG_LIMIT, w2s_rd_off(r), "out of memory");
  for (uint32_t i = 0; i < *n; i++)
    if (!w2s_rd_valtype(r, &(*out)[i]))
      return false;
  return true;
}

bool w2s_read_types(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->types, 0, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_functype *t = &m->types[m->ntypes++];
    size_t at = w2s_rd_off(r);
    uint8_t form;
    if (!w2s_rd_u8(r, &form))
      return false;
    if (form & 0x80) /* the form is a signed LEB in the spec's decoder */
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "integer representation too long (function type form)");
    if (form != 0x60)
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "malformed function type 0x%02x", form);
    /* Counts go into the entry only once its array exists. */
    uint32_t np = 0, nr = 0;
    if (!read_valtypes(r, &np, &t->params))
      return false;
    t->nparams = np;
    if (!read_valtypes(r, &nr, &t->results))
      return false;
    t->nresults = nr;
  }
  return true;
}

bool w2s_read_imports(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->imports, 0, n))
    return false;
  /* Imports come first in every index space; reserve room for all of them. */
  if (!GROW(r, m->funcs, 0, n) || !GROW(r, m->tables, 0, n) || !GROW(r, m->memories, 0, n) ||
      !GROW(r, m->globals, 0, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_import *im = &m->imports[m->nimports++];
    im->offset = w2s_rd_off(r);
    if (!w2s_rd_name(r, &im->module, &im->module_len) || !w2s_rd_name(r, &im->name, &im->name_len))
      return false;
    size_t at = w2s_rd_off(r);
    if (!w2s_rd_u8(r, &im->kind))
      return false;
    switch (im->kind) {
    case WASMSO_EXTERN_FUNC:
      if (!w2s_rd_u32(r, &im->func_type))
        return false;
      m->funcs[m->nfuncs++].type = im->func_type;
      m->nfunc_imports++;
      break;
    case WASMSO_EXTERN_TABLE:
      if (!w2s_rd_tabletype(r, &im->table))
        return false;
      m->tables[m->ntables++] = im->table;
      m->ntable_imports++;
      break;
    case WASMSO_EXTERN_MEMORY:
      if (!w2s_rd_limits(r, &im->memory))
        return false;
      m->memories[m->nmemories++] = im->memory;
      m->nmemory_imports++;
      break;
    case WASMSO_EXTERN_GLOBAL:
      if (!w2s_rd_globaltype(r, &im->global))
        return false;
      m->globals[m->nglobals++].type = im->global;
      m->nglobal_imports++;
      break;
    default:
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "malformed import kind %u", im->kind);
    }
  }
  return true;
}

bool w2s_read_functions(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->funcs, m->nfuncs, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_func *f = &m->funcs[m->nfuncs];
    if (!w2s_rd_u32(r, &f->type))
      return false;
    m->nfuncs++;
  }
  return true;
}

bool w2s_read_tables(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->tables, m->ntables, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    if (!w2s_rd_tabletype(r, &m->tables[m->ntables]))
      return false;
    m->ntables++;
  }
  return true;
}

bool w2s_read_memories(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->memories, m->nmemories, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    if (!w2s_rd_limits(r, &m->memories[m->nmemories]))
      return false;
    m->nmemories++;
  }
  return true;
}

bool w2s_read_globals(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->globals, m->nglobals, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_global *g = &m->globals[m->nglobals];
    if (!w2s_rd_globaltype(r, &g->type) || !w2s_rd_constexpr(r, m, &g->init))
      return false;
    m->nglobals++;
  }
  return true;
}

bool w2s_read_exports(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->exports, 0, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_export *e = &m->exports[m->nexports++];
    if (!w2s_rd_name(r, &e->name, &e->name_len))
      return false;
    size_t at = w2s_rd_off(r);
    if (!w2s_rd_u8(r, &e->kind))
      return false;
    if (e->kind > WASMSO_EXTERN_GLOBAL)
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "malformed export kind %u", e->kind);
    if (!w2s_rd_u32(r, &e->index))
      return false;
  }
  return true;
}
