/* ms_type_util.c — small guest-memory helpers of the datatype group, and
 * what it keeps per handle: names (not on the host: host names are shorter
 * than the guest's MPI_MAX_OBJECT_NAME, and a guest predefined type may share
 * its host type with another, e.g. MPI_LONG and MPI_INT32_T on wasm32) and a
 * derived type's component handles (so that decoding gives back MPI_LONG, or
 * a long double the host carries as bytes, as the guest named them). */
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

const char *ms_gstr(const wasmso_vmctx *vm, uint32_t g, size_t max) {
  uint64_t size = ms_memsize(vm);
  if (g == 0 || g >= size) return NULL;
  uint64_t avail = size - g;
  const char *s = (const char *)vm->mem_base + g;
  return memchr(s, 0, avail < max ? avail : max) ? s : NULL;
}

/* ---- what the shim keeps per datatype handle ----
 * Indexed by the handle's slot (user handles are dense), checked against
 * the whole handle; predefined handles have their own small table. */

struct extra {
  ms_gh h;
  char *name;
  ms_gh *comps; /* the constructor's component handles, in order */
  uint32_t ncomps;
};
static struct extra predef_x[ABI_PREDEF_LIMIT];
static struct extra *user_x;
static size_t user_cap;

#define SLOT_MASK 0xfffffu /* the index bits of a user handle (ms_handles.c) */

static struct extra *extra_of(ms_gh h, bool create) {
  struct extra *e;
  if (h < ABI_PREDEF_LIMIT) {
    e = &predef_x[h];
  } else {
    size_t i = h & SLOT_MASK;
    if (i >= user_cap) {
      if (!create) return NULL;
      size_t c = user_cap ? user_cap : 64;
      while (c <= i) c *= 2;
      struct extra *p = realloc(user_x, c * sizeof *p);
      if (!p) return NULL;
      memset(p + user_cap, 0, (c - user_cap) * sizeof *p);
      user_x = p, user_cap = c;
    }
    e = &user_x[i];
  }
  if (e->h == h) return e;
  if (!create) return NULL;
  free(e->name), free(e->comps); /* a stale handle's */
  *e = (struct extra){.h = h};
  return e;
}

const char *ms_type_name_get(ms_gh h) {
  struct extra *e = extra_of(h, false);
  return e ? e->name : NULL;
}

int ms_type_name_set(ms_gh h, const char *s) {
  struct extra *e = extra_of(h, true);
  /* longer names are truncated, as the standard says */
  size_t len = strnlen(s, ABI_MAX_OBJECT_NAME - 1);
  char *n = e ? malloc(len + 1) : NULL;
  if (!n) return ABI_ERR_NO_MEM;
  memcpy(n, s, len);
  n[len] = 0;
  free(e->name);
  e->name = n;
  return 0;
}

void ms_type_components_set(ms_gh h, const uint32_t *comps, uint32_t n) {
  struct extra *e = n ? extra_of(h, true) : NULL;
  ms_gh *c = e ? malloc(n * sizeof *c) : NULL;
  if (!c) return; /* decoding then maps host types alone */
  for (uint32_t i = 0; i < n; i++) memcpy(&c[i], &comps[i], sizeof c[i]); /* may be guest memory */
  free(e->comps);
  e->comps = c, e->ncomps = n;
}

void ms_type_components_copy(ms_gh to, ms_gh from) {
  struct extra *e = extra_of(from, false);
  if (e && e->ncomps) ms_type_components_set(to, e->comps, e->ncomps);
}

ms_gh ms_type_component(ms_gh h, uint32_t i) {
  struct extra *e = extra_of(h, false);
  return e && i < e->ncomps ? e->comps[i] : 0;
}

void ms_type_extra_drop(ms_gh h) {
  struct extra *e = extra_of(h, false);
  if (!e) return;
  free(e->name), free(e->comps);
  *e = (struct extra){0};
}

/* Where the standard has two names for one handle, Open MPI's choice (so
 * that programs print what they print natively). */
#define P(x) {ABI_##x, "MPI_" #x},
static const struct {
  ms_gh h;
  const char *name;
} predef_names[] = {
  P(AINT) P(COUNT) P(OFFSET) P(PACKED) P(SHORT) P(INT) P(LONG) P(LONG_LONG_INT)
  P(UNSIGNED_SHORT) P(UNSIGNED) P(UNSIGNED_LONG) P(UNSIGNED_LONG_LONG) P(FLOAT)
  P(C_COMPLEX) P(CXX_FLOAT_COMPLEX) P(DOUBLE) P(C_DOUBLE_COMPLEX)
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
