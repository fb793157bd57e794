/* validate_module.c — module-level validation: index spaces, limits,
 * constant expressions, exports, start, segments; then every body.  Entries
 * without a byte offset of their own in the IR are reported at their
 * section's offset, found by re-walking the section headers. */
#include <stdlib.h>
#include <string.h>

#include "read_internal.h"

typedef struct mstate {
  const w2s_module *m;
  w2s_diag *d;
} mstate;

/* Offset of the first section with this id (the module was already read, so
 * the headers are well formed). */
static size_t section_offset(const w2s_module *m, uint8_t id) {
  const uint8_t *p = m->bytes + 8, *end = m->bytes + m->size;
  while (p < end) {
    const uint8_t *at = p;
    uint8_t sid = *p++;
    uint32_t len;
    if (!w2s_read_u32(&p, end, &len) || len > (size_t)(end - p))
      break;
    if (sid == id)
      return (size_t)(at - m->bytes);
    p += len;
  }
  return (size_t)-1;
}

/* The offset is looked up only on failure: a module may have many tables
 * and many (custom) sections. */
static bool check_limits(mstate *s, const w2s_limits *l, uint64_t bound, const char *what, uint8_t sec) {
  if (bound && (l->min > bound || (l->has_max && l->max > bound)))
    return w2s_fail(s->d, W2S_DIAG_INVALID, section_offset(s->m, sec),
                    "%s size must be at most %llu pages (4GiB)", what, (unsigned long long)bound);
  if (l->has_max && l->min > l->max)
    return w2s_fail(s->d, W2S_DIAG_INVALID, section_offset(s->m, sec),
                    "size minimum must not be greater than maximum");
  return true;
}

/* Wasm 2.0 constant expressions: t.const, ref.null, ref.func, and global.get
 * of an immutable imported global. */
static bool check_constexpr(mstate *s, const w2s_constexpr *e, w2s_valtype want, const char *where) {
  const w2s_module *m = s->m;
  w2s_valtype t = e->type;
  switch (e->op) {
  case W2S_CONSTEXPR_NONCONST:
    return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset, "constant expression required in %s", where);
  case W2S_CONSTEXPR_ARITY:
    return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset, "type mismatch in %s: a constant expression must give one value", where);
  case WASMSO_CONST_GLOBAL_GET:
    if (e->index >= m->nglobal_imports)
      return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset,
                      "unknown global %u in %s (constant expressions may only read imported globals)",
                      e->index, where);
    if (m->globals[e->index].type.mut)
      return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset, "constant expression required in %s: global %u is mutable", where, e->index);
    t = m->globals[e->index].type.type;
    break;
  case WASMSO_CONST_REF_FUNC:
    if (e->index >= m->nfuncs)
      return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset, "unknown function %u in %s", e->index, where);
    break;
  default:
    break;
  }
  if (t != want)
    return w2s_fail(s->d, W2S_DIAG_INVALID, e->offset, "type mismatch in %s: expected %s, got %s",
                    where, w2s_valtype_name(want), w2s_valtype_name(t));
  return true;
}

static int cmp_export(const void *a, const void *b) {
  const w2s_export *x = *(const w2s_export *const *)a, *y = *(const w2s_export *const *)b;
  uint32_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
  int c = memcmp(x->name, y->name, n);
  if (c)
    return c;
  return x->name_len < y->name_len ? -1 : x->name_len > y->name_len;
}

static bool check_exports(mstate *s) {
  const w2s_module *m = s->m;
  size_t off = section_offset(m, 7);
  static const char *const kinds[] = {"function", "table", "memory", "global"};
  for (uint32_t i = 0; i < m->nexports; i++) {
    const w2s_export *e = &m->exports[i];
    uint32_t n = e->kind == WASMSO_EXTERN_FUNC ? m->nfuncs
               : e->kind == WASMSO_EXTERN_TABLE ? m->ntables
               : e->kind == WASMSO_EXTERN_MEMORY ? m->nmemories : m->nglobals;
    if (e->index >= n)
      return w2s_fail(s->d, W2S_DIAG_INVALID, off, "unknown %s %u in export", kinds[e->kind], e->index);
  }
  if (m->nexports < 2)
    return true;
  const w2s_export **sorted = malloc(m->nexports * sizeof *sorted);
  if (!sorted)
    return w2s_fail(s->d, W2S_DIAG_LIMIT, off, "out of memory");
  for (uint32_t i = 0; i < m->nexports; i++)
    sorted[i] = &m->exports[i];
  qsort(sorted, m->nexports, sizeof *sorted, cmp_export);
  bool ok = true;
  for (uint32_t i = 1; ok && i < m->nexports; i++)
    if (cmp_export(&sorted[i - 1], &sorted[i]) == 0)
      ok = w2s_fail(s->d, W2S_DIAG_INVALID, off, "duplicate export name \"%s\"", sorted[i]->name);
  free(sorted);
  return ok;
}

static bool check_elems(mstate *s) {
  const w2s_module *m = s->m;
  for (uint32_t i = 0; i < m->nelems; i++) {
    const w2s_elem *e = &m->elems[i];
    if (e->mode == WASMSO_SEG_ACTIVE) {
      if (e->table >= m->ntables)
        return w2s_fail(s->d, W2S_DIAG_INVALID, e->file_offset, "unknown table %u in element segment", e->table);
      if (!check_constexpr(s, &e->offset, WASMSO_I32, "element segment offset"))
        return false;
      if (m->tables[e->table].elem != e->type)
        return w2s_fail(s->d, W2S_DIAG_INVALID, e->file_offset, "type mismatch in element segment %u: table type differs", i);
    }
    for (uint32_t k = 0; k < e->count; k++)
      if (!check_constexpr(s, &e->items[k], e->type, "element segment item"))
        return false;
  }
  return true;
}

static bool check_datas(mstate *s) {
  const w2s_module *m = s->m;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const w2s_data *ds = &m->datas[i];
    if (ds->mode != WASMSO_SEG_ACTIVE)
      continue;
    if (ds->memory >= m->nmemories)
      return w2s_fail(s->d, W2S_DIAG_INVALID, ds->file_offset, "unknown memory %u in data segment", ds->memory);
    if (!check_constexpr(s, &ds->offset, WASMSO_I32, "data segment offset"))
      return false;
  }
  return true;
}

static bool validate(const w2s_module *m, w2s_diag *d) {
  mstate s = {m, d};
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (m->funcs[i].type < m->ntypes)
      continue;
    size_t off = i < m->nfunc_imports ? (size_t)-1 : section_offset(m, 3);
    for (uint32_t k = 0, f = 0; off == (size_t)-1 && k < m->nimports; k++)
      if (m->imports[k].kind == WASMSO_EXTERN_FUNC && f++ == i)
        off = m->imports[k].offset;
    return w2s_fail(d, W2S_DIAG_INVALID, off, "unknown type %u", m->funcs[i].type);
  }
  for (uint32_t i = 0; i < m->ntables; i++)
    if (!check_limits(&s, &m->tables[i].limits, 0, "table", i < m->ntable_imports ? 2 : 4))
      return false;
  if (m->nmemories > 1)
    return w2s_fail(d, W2S_DIAG_INVALID, section_offset(m, m->nmemory_imports > 1 ? 2 : 5), "multiple memories");
  for (uint32_t i = 0; i < m->nmemories; i++)
    if (!check_limits(&s, &m->memories[i], 65536, "memory", i < m->nmemory_imports ? 2 : 5))
      return false;
  for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
    if (!check_constexpr(&s, &m->globals[i].init, m->globals[i].type.type, "global initializer"))
      return false;
  if (!check_exports(&s))
    return false;
  if (m->has_start) {
    size_t off = section_offset(m, 8);
    if (m->start >= m->nfuncs)
      return w2s_fail(d, W2S_DIAG_INVALID, off, "unknown function %u in start", m->start);
    const w2s_functype *ft = &m->types[m->funcs[m->start].type];
    if (ft->nparams || ft->nresults)
      return w2s_fail(d, W2S_DIAG_INVALID, off, "start function %u must take and return nothing", m->start);
  }
  if (!check_elems(&s) || !check_datas(&s))
    return false;
  return w2s_validate_code(m, d);
}

bool w2s_validate_module(const w2s_module *m, w2s_diag *d) {
  if (validate(m, d))
    return true;
  if (d && d->kind == W2S_DIAG_INVALID) {
    w2s_diag decoding = {0};
    if (!w2s_decode_bodies(m, &decoding))
      *d = decoding;
  }
  return false;
}
