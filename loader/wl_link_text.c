/* wl_link_text.c — link errors in words: what an import expects ("func
 * (i32, i32) -> i64", "memory of at least 1 page") and what was offered. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "wl_internal.h"

const char *wl_valtype_name(uint32_t t) {
  switch (t) {
  case WASMSO_I32: return "i32";
  case WASMSO_I64: return "i64";
  case WASMSO_F32: return "f32";
  case WASMSO_F64: return "f64";
  case WASMSO_V128: return "v128";
  case WASMSO_FUNCREF: return "funcref";
  case WASMSO_EXTERNREF: return "externref";
  default: return "?";
  }
}

/* Appends printf-style text at buf[*len] (truncating). */
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...) {
  if (*len + 1 >= size) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf + *len, size - *len, fmt, ap);
  va_end(ap);
  if (n > 0) *len += (size_t)n < size - *len ? (size_t)n : size - *len - 1;
}

static void put_sig(char *buf, size_t size, size_t *len, const uint8_t *params, uint32_t np,
                    const uint8_t *results, uint32_t nr) {
  put(buf, size, len, "func (");
  for (uint32_t i = 0; i < np; i++) put(buf, size, len, "%s%s", i ? ", " : "", wl_valtype_name(params[i]));
  put(buf, size, len, ") -> ");
  if (nr != 1) put(buf, size, len, "(");
  for (uint32_t i = 0; i < nr; i++) put(buf, size, len, "%s%s", i ? ", " : "", wl_valtype_name(results[i]));
  if (nr != 1) put(buf, size, len, ")");
}

static void put_limits(char *buf, size_t size, size_t *len, uint64_t min, bool has_max,
                       uint64_t max, const char *unit) {
  put(buf, size, len, " of at least %" PRIu64 " %s%s", min, unit, min == 1 ? "" : "s");
  if (has_max) put(buf, size, len, ", at most %" PRIu64, max);
}

void wl_import_text(const wasmso_module_desc *d, const wasmso_import *im, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = 0;
  switch (im->kind) {
  case WASMSO_EXTERN_FUNC: {
    const wasmso_functype *t = &d->types[im->type];
    put_sig(buf, size, &len, t->types, t->nparams, t->types + t->nparams, t->nresults);
    break;
  }
  case WASMSO_EXTERN_TABLE:
    put(buf, size, &len, "table of %s", wl_valtype_name(im->type));
    put_limits(buf, size, &len, im->limits.min, im->limits.has_max, im->limits.max, "element");
    break;
  case WASMSO_EXTERN_MEMORY:
    put(buf, size, &len, "memory");
    put_limits(buf, size, &len, im->limits.min, im->limits.has_max, im->limits.max, "page");
    break;
  case WASMSO_EXTERN_GLOBAL:
    put(buf, size, &len, "global %s%s", im->mut ? "mut " : "", wl_valtype_name(im->type));
    break;
  default: put(buf, size, &len, "import of kind %" PRIu32, im->kind); break;
  }
}

void wl_extern_text(const wl_extern *ex, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = 0;
  switch (ex->kind) {
  case WASMSO_EXTERN_FUNC: {
    const uint8_t *ps, *rs;
    uint32_t np, nr;
    uint32_t id = ex->u.func.ref ? ex->u.func.ref->type_id : ex->u.func.type_id;
    if (wl_type_lookup(id, &ps, &np, &rs, &nr)) put_sig(buf, size, &len, ps, np, rs, nr);
    else put(buf, size, &len, "func");
    break;
  }
  case WASMSO_EXTERN_TABLE:
    if (!ex->u.table) break;
    put(buf, size, &len, "table of %s", wl_valtype_name(ex->u.table->elem_type));
    put_limits(buf, size, &len, ex->u.table->size, ex->u.table->has_max, ex->u.table->max, "element");
    break;
  case WASMSO_EXTERN_MEMORY:
    if (!ex->u.memory) break;
    put(buf, size, &len, "memory");
    put_limits(buf, size, &len, ex->u.memory->pages, ex->u.memory->has_max, ex->u.memory->max_pages,
               "page");
    break;
  case WASMSO_EXTERN_GLOBAL:
    if (!ex->u.global) break;
    put(buf, size, &len, "global %s%s", ex->u.global->mut ? "mut " : "", wl_valtype_name(ex->u.global->type));
    break;
  default: put(buf, size, &len, "extern of kind %u", ex->kind); break;
  }
}
