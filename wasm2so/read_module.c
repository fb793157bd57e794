/* read_module.c — the binary's outer structure: header, section order and
 * sizes, cross-section counts; then the pieces the validator needs
 * precomputed (declared function references) and the name section. */
#include <stdlib.h>
#include <string.h>

#include "read_internal.h"

/* Position of each known section id in the required order (custom: 0). */
static const uint8_t section_rank[13] = {
  [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [7] = 7,
  [8] = 8, [9] = 9, [12] = 10, [10] = 11, [11] = 12,
};

static void mark_declared(w2s_module *m, const w2s_constexpr *e) {
  if (e->op == WASMSO_CONST_REF_FUNC && e->index < m->nfuncs)
    m->func_declared[e->index] = true;
}

/* Spec C.refs: functions named outside function bodies. */
static bool collect_declared(w2s_module *m, w2s_diag *d) {
  if (m->nfuncs == 0)
    return true;
  m->func_declared = calloc(m->nfuncs, sizeof *m->func_declared);
  if (!m->func_declared)
    return w2s_fail(d, W2S_DIAG_LIMIT, (size_t)-1, "out of memory");
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == WASMSO_EXTERN_FUNC && m->exports[i].index < m->nfuncs)
      m->func_declared[m->exports[i].index] = true;
  for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
    mark_declared(m, &m->globals[i].init);
  for (uint32_t i = 0; i < m->nelems; i++)
    for (uint32_t k = 0; k < m->elems[i].count; k++)
      mark_declared(m, &m->elems[i].items[k]);
  return true;
}

static bool read_section(w2s_rd *r, uint8_t id, w2s_module *m, uint32_t *ndefined) {
  switch (id) {
  case 1: return w2s_read_types(r, m);
  case 2: return w2s_read_imports(r, m);
  case 3:
    if (!w2s_read_functions(r, m))
      return false;
    *ndefined = m->nfuncs - m->nfunc_imports;
    return true;
  case 4: return w2s_read_tables(r, m);
  case 5: return w2s_read_memories(r, m);
  case 6: return w2s_read_globals(r, m);
  case 7: return w2s_read_exports(r, m);
  case 8:
    m->has_start = true;
    return w2s_rd_u32(r, &m->start);
  case 9: return w2s_read_elems(r, m);
  case 10: return w2s_read_code(r, m, *ndefined);
  case 11: return w2s_read_datas(r, m);
  case 12:
    m->has_data_count = true;
    return w2s_rd_u32(r, &m->data_count);
  }
  return false;
}

static bool read_all(const uint8_t *bytes, size_t size, w2s_module *m, w2s_diag *d) {
  static const uint8_t magic[4] = {0, 'a', 's', 'm'};
  static const uint8_t version[4] = {1, 0, 0, 0};
  if (size < 4)
    return w2s_fail(d, W2S_DIAG_MALFORMED, 0, "unexpected end (magic header)");
  if (memcmp(bytes, magic, 4) != 0)
    return w2s_fail(d, W2S_DIAG_MALFORMED, 0, "magic header not detected");
  if (size < 8)
    return w2s_fail(d, W2S_DIAG_MALFORMED, 4, "unexpected end (binary version)");
  if (memcmp(bytes + 4, version, 4) != 0)
    return w2s_fail(d, W2S_DIAG_MALFORMED, 4, "unknown binary version");

  w2s_rd r = {bytes + 8, bytes + size, bytes, d};
  unsigned last_rank = 0;
  uint32_t ndefined = 0;
  bool code_seen = false, data_seen = false;
  const uint8_t *names = NULL, *names_end = NULL;
  while (r.p < r.end) {
    size_t at = w2s_rd_off(&r);
    uint8_t id;
    uint32_t len;
    if (!w2s_rd_u8(&r, &id))
      return false;
    if (id > 12)
      return w2s_fail(d, W2S_DIAG_MALFORMED, at, "malformed section id %u", id);
    if (!w2s_rd_u32(&r, &len))
      return false;
    if (len > (size_t)(r.end - r.p))
      return w2s_fail(d, W2S_DIAG_MALFORMED, w2s_rd_off(&r), "length out of bounds (unexpected end of section)");
    w2s_rd sec = {r.p, r.p + len, bytes, d};
    r.p += len;
    if (id == 0) {
      const uint8_t *name;
      uint32_t nlen;
      if (!w2s_rd_name_view(&sec, &name, &nlen))
        return false;
      if (!names && nlen == 4 && memcmp(name, "name", 4) == 0)
        names = sec.p, names_end = sec.end;
      continue;
    }
    if (section_rank[id] <= last_rank)
      return w2s_fail(d, W2S_DIAG_MALFORMED, at, "unexpected content after last section (section %u out of order or repeated)", id);
    last_rank = section_rank[id];
    code_seen |= id == 10;
    data_seen |= id == 11;
    if (!read_section(&sec, id, m, &ndefined))
      return false;
    if (sec.p != sec.end)
      return w2s_fail(d, W2S_DIAG_MALFORMED, w2s_rd_off(&sec), "section size mismatch");
  }
  if (ndefined && !code_seen)
    return w2s_fail(d, W2S_DIAG_MALFORMED, size,
                    "function and code section have inconsistent lengths (%u, 0)", ndefined);
  if (m->has_data_count && m->data_count && !data_seen)
    return w2s_fail(d, W2S_DIAG_MALFORMED, size,
                    "data count and data section have inconsistent lengths (%u, 0)", m->data_count);
  if (!collect_declared(m, d))
    return false;
  if (names)
    w2s_read_names(names, names_end, m);
  return true;
}

bool w2s_read_module(const uint8_t *bytes, size_t size, w2s_module *out, w2s_diag *d) {
  memset(out, 0, sizeof *out);
  out->bytes = bytes;
  out->size = size;
  if (!bytes && size)
    return w2s_fail(d, W2S_DIAG_MALFORMED, 0, "no input");
  if (read_all(bytes, size, out, d))
    return true;
  w2s_module_free(out);
  return false;
}
