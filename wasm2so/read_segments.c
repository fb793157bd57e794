/* read_segments.c — element and data segments (all Wasm 2.0 encodings:
 * active, passive and declarative; function indices or expressions). */
#include <stdlib.h>

#include "read_internal.h"

#define GROW(r, arr, n, add) w2s_grow((r), (void **)&(arr), (n), (add), sizeof *(arr))

bool w2s_read_elems(w2s_rd *r, w2s_module *m) {
  uint32_t n;
  if (!w2s_rd_count(r, &n) || !GROW(r, m->elems, 0, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_elem *e = &m->elems[m->nelems++];
    e->file_offset = w2s_rd_off(r);
    uint32_t flags;
    if (!w2s_rd_u32(r, &flags))
      return false;
    if (flags > 7)
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, e->file_offset, "malformed elements segment kind %u", flags);
    /* bit 0: passive or declarative; bit 1: explicit table (active) or
     * declarative; bit 2: expressions instead of function indices. */
    bool exprs = flags & 4;
    e->mode = !(flags & 1) ? WASMSO_SEG_ACTIVE : (flags & 2) ? WASMSO_SEG_DECLARATIVE : WASMSO_SEG_PASSIVE;
    e->table = 0;
    e->type = WASMSO_FUNCREF;
    if (e->mode == WASMSO_SEG_ACTIVE) {
      if ((flags & 2) && !w2s_rd_u32(r, &e->table))
        return false;
      if (!w2s_rd_constexpr(r, m, &e->offset))
        return false;
    }
    if (flags & 3) {
      if (exprs) {
        if (!w2s_rd_reftype(r, &e->type))
          return false;
      } else {
        size_t at = w2s_rd_off(r);
        uint8_t kind;
        if (!w2s_rd_u8(r, &kind))
          return false;
        if (kind != 0)
          return w2s_fail(r->d, W2S_DIAG_MALFORMED, at, "malformed element kind 0x%02x", kind);
      }
    }
    uint32_t count;
    if (!w2s_rd_count(r, &count) || !GROW(r, e->items, 0, count))
      return false;
    for (uint32_t k = 0; k < count; k++) {
      w2s_constexpr *it = &e->items[k];
      if (exprs) {
        if (!w2s_rd_constexpr(r, m, it))
          return false;
      } else {
        it->offset = w2s_rd_off(r);
        if (!w2s_rd_u32(r, &it->index))
          return false;
        it->op = WASMSO_CONST_REF_FUNC;
        it->type = WASMSO_FUNCREF;
      }
      e->count++;
    }
  }
  return true;
}

bool w2s_read_datas(w2s_rd *r, w2s_module *m) {
  size_t at = w2s_rd_off(r);
  uint32_t n;
  if (!w2s_rd_count(r, &n))
    return false;
  if (m->has_data_count && n != m->data_count)
    return w2s_fail(r->d, W2S_DIAG_MALFORMED, at,
                    "data count and data section have inconsistent lengths (%u, %u)", m->data_count, n);
  if (!GROW(r, m->datas, 0, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    w2s_data *s = &m->datas[m->ndatas++];
    s->file_offset = w2s_rd_off(r);
    uint32_t flags;
    if (!w2s_rd_u32(r, &flags))
      return false;
    if (flags > 2)
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, s->file_offset, "malformed data segment kind %u", flags);
    s->mode = flags == 1 ? WASMSO_SEG_PASSIVE : WASMSO_SEG_ACTIVE;
    if (flags == 2 && !w2s_rd_u32(r, &s->memory))
      return false;
    if (flags != 1 && !w2s_rd_constexpr(r, m, &s->offset))
      return false;
    if (!w2s_rd_u32(r, &s->size))
      return false;
    if (s->size > (size_t)(r->end - r->p))
      return w2s_fail(r->d, W2S_DIAG_MALFORMED, w2s_rd_off(r), "unexpected end of section or function (data segment)");
    s->bytes = r->p;
    r->p += s->size;
  }
  return true;
}
