/* ms_type_util.c — small guest-memory helpers of the datatype group, and the
 * datatype names (kept here, not on the host: host names are shorter than the
 * guest's MPI_MAX_OBJECT_NAME, and a guest predefined type may share its host
 * type with another, e.g. MPI_LONG and MPI_INT on wasm32). */
#include <stdlib.h>
#include <string.h>

#include "ms_type.h"

void ms_put32(const wasmso_vmctx *vm, uint32_t g, int32_t v) {
  memcpy(vm->mem_base + g, &v, 4);
}

int32_t ms_get32(const wasmso_vmctx *vm, uint32_t g) {
  int32_t v;
  memcpy(&v, vm->mem_base + g, 4);
  return v;
}

void ms_put64(const wasmso_vmctx *vm, uint32_t g, int64_t v) {
  memcpy(vm->mem_base + g, &v, 8);
}

int ms_type_at(const wasmso_vmctx *vm, uint32_t g, ms_gh *h, ms_type **t) {
  if (!ms_in_mem(vm, g, 4)) return ABI_ERR_ARG;
  *h = (ms_gh)ms_get32(vm, g);
  return ms_type_get(*h, t);
}

const char *ms_gstr(const wasmso_vmctx *vm, uint32_t g, size_t max) {
  uint64_t size = ms_memsize(vm);
  if (g == 0 || g >= size) return NULL;
  uint64_t avail = size - g;
  const char *s = (const char *)vm->mem_base + g;
  return memchr(s, 0, avail < max ? avail : max) ? s : NULL;
}

/* ---- names ---- */

struct name {
  ms_gh h;
  char s[ABI_MAX_OBJECT_NAME];
};
static struct name *names;
static size_t nnames, cap;

static struct name *find(ms_gh h) {
  for (size_t i = 0; i < nnames; i++)
    if (names[i].h == h) return &names[i];
  return NULL;
}

const char *ms_type_name_get(ms_gh h) {
  struct name *n = find(h);
  return n ? n->s : NULL;
}

int ms_type_name_set(ms_gh h, const char *s) {
  struct name *n = find(h);
  if (!n) {
    if (nnames == cap) {
      size_t c = cap ? 2 * cap : 16;
      struct name *p = realloc(names, c * sizeof *p);
      if (!p) return ABI_ERR_NO_MEM;
      names = p, cap = c;
    }
    n = &names[nnames++];
    n->h = h;
  }
  /* longer names are truncated, as the standard says */
  size_t len = strnlen(s, sizeof n->s - 1);
  memcpy(n->s, s, len);
  n->s[len] = 0;
  return 0;
}

void ms_type_name_drop(ms_gh h) {
  struct name *n = find(h);
  if (n) *n = names[--nnames];
}

#define P(x) {ABI_##x, "MPI_" #x},
static const struct {
  ms_gh h;
  const char *name;
} predef_names[] = {
  P(AINT) P(COUNT) P(OFFSET) P(PACKED) P(SHORT) P(INT) P(LONG) P(LONG_LONG)
  P(UNSIGNED_SHORT) P(UNSIGNED) P(UNSIGNED_LONG) P(UNSIGNED_LONG_LONG) P(FLOAT)
  P(C_FLOAT_COMPLEX) P(CXX_FLOAT_COMPLEX) P(DOUBLE) P(C_DOUBLE_COMPLEX)
  P(CXX_DOUBLE_COMPLEX) P(LOGICAL) P(INTEGER) P(REAL) P(COMPLEX) P(DOUBLE_PRECISION)
  P(DOUBLE_COMPLEX) P(LONG_DOUBLE) P(C_LONG_DOUBLE_COMPLEX) P(CXX_LONG_DOUBLE_COMPLEX)
  P(FLOAT_INT) P(DOUBLE_INT) P(LONG_INT) P(2INT) P(SHORT_INT) P(LONG_DOUBLE_INT)
  P(2REAL) P(2DOUBLE_PRECISION) P(2INTEGER) P(C_BOOL) P(CXX_BOOL) P(WCHAR) P(INT8_T)
  P(UINT8_T) P(CHAR) P(SIGNED_CHAR) P(UNSIGNED_CHAR) P(BYTE) P(INT16_T) P(UINT16_T)
  P(INT32_T) P(UINT32_T) P(INT64_T) P(UINT64_T) P(LOGICAL1) P(INTEGER1) P(CHARACTER)
  P(LOGICAL2) P(INTEGER2) P(REAL2) P(LOGICAL4) P(INTEGER4) P(REAL4) P(COMPLEX4)
  P(LOGICAL8) P(INTEGER8) P(REAL8) P(COMPLEX8) P(LOGICAL16) P(INTEGER16) P(REAL16)
  P(COMPLEX16) P(COMPLEX32)
};
#undef P

const char *ms_type_predef_name(ms_gh h) {
  for (size_t i = 0; i < sizeof predef_names / sizeof predef_names[0]; i++)
    if (predef_names[i].h == h) return predef_names[i].name;
  return NULL;
}
