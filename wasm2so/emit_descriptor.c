/* emit_descriptor.c — the module descriptor (wasmso_module_desc) as LLVM
 * constants, the only symbol a generated .so exports.
 *
 * Each C struct of wasmso_abi.h is emitted as a packed LLVM struct whose
 * fields are placed at the offsetof() of the C field, with explicit zero
 * padding up to sizeof(): the layout comes from the header itself (the host
 * is LP64 like every target), so the two cannot drift apart. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "w2s_lower_priv.h"

typedef struct emitter {
  const w2s_llvm_module *lm;
  LLVMContextRef ctx;
  LLVMTypeRef i8, i32, i64, ptr;
  w2s_diag *d;
  bool failed;
} emitter;

/* ---- a C struct as a packed LLVM constant ---- */

#define MAX_FIELDS 48
typedef struct layout {
  emitter *e;
  LLVMValueRef v[MAX_FIELDS];
  unsigned n;
  size_t pos;
} layout;

static void pad_to(layout *l, size_t offset) {
  if (offset > l->pos && l->n < MAX_FIELDS) {
    LLVMTypeRef t = LLVMArrayType2(l->e->i8, offset - l->pos);
    l->v[l->n++] = LLVMConstNull(t);
    l->pos = offset;
  }
}

static void put(layout *l, size_t offset, LLVMValueRef v, size_t size) {
  if (offset < l->pos || l->n >= MAX_FIELDS) {
    l->e->failed = true;
    return;
  }
  pad_to(l, offset);
  l->v[l->n++] = v;
  l->pos = offset + size;
}

static void put32(layout *l, size_t off, uint32_t v) {
  put(l, off, LLVMConstInt(l->e->i32, v, 0), 4);
}
static void put64(layout *l, size_t off, uint64_t v) {
  put(l, off, LLVMConstInt(l->e->i64, v, 0), 8);
}
static void putptr(layout *l, size_t off, LLVMValueRef p) {
  put(l, off, p ? p : LLVMConstNull(l->e->ptr), 8);
}

static LLVMValueRef finish(layout *l, size_t size) {
  pad_to(l, size);
  return LLVMConstStructInContext(l->e->ctx, l->v, l->n, 1);
}

/* ---- globals ---- */

static LLVMValueRef private_const(emitter *e, LLVMValueRef init, const char *name) {
  LLVMValueRef g = LLVMAddGlobal(e->lm->mod, LLVMTypeOf(init), name);
  LLVMSetInitializer(g, init);
  LLVMSetGlobalConstant(g, 1);
  LLVMSetLinkage(g, LLVMPrivateLinkage);
  LLVMSetAlignment(g, 16);
  return g;
}

static LLVMValueRef cstring_n(emitter *e, const char *s, size_t len) {
  LLVMValueRef str = LLVMConstStringInContext(e->ctx, s, (unsigned)len, 0);
  LLVMValueRef g = private_const(e, str, "str");
  LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
  LLVMSetAlignment(g, 1);
  return g;
}

static LLVMValueRef cstring(emitter *e, const char *s) {
  return s ? cstring_n(e, s, strlen(s)) : NULL;
}

/* A Wasm name: NUL-terminated for C, with its length beside it in the
 * descriptor, since a Wasm name may itself hold NUL bytes. */
static LLVMValueRef wasm_name(emitter *e, const char *s, uint32_t len) {
  return s ? cstring_n(e, s, len) : cstring(e, "");
}

static LLVMValueRef bytes(emitter *e, const uint8_t *p, size_t n) {
  if (n == 0)
    return NULL;
  return private_const(e, LLVMConstStringInContext(e->ctx, (const char *)p, (unsigned)n, 1),
                       "bytes");
}

/* An array of same-shaped structs; NULL when empty. */
static LLVMValueRef array(emitter *e, LLVMValueRef *elts, size_t n, const char *name) {
  if (n == 0)
    return NULL;
  LLVMValueRef a = LLVMConstArray2(LLVMTypeOf(elts[0]), elts, n);
  return private_const(e, a, name);
}

/* ---- the pieces ---- */

static LLVMValueRef limits(emitter *e, const w2s_limits *lim) {
  layout l = {.e = e};
  put64(&l, offsetof(wasmso_limits, min), lim->min);
  put64(&l, offsetof(wasmso_limits, max), lim->has_max ? lim->max : 0);
  put32(&l, offsetof(wasmso_limits, has_max), lim->has_max);
  return finish(&l, sizeof(wasmso_limits));
}

static LLVMValueRef constexpr_(emitter *e, const w2s_constexpr *c) {
  layout l = {.e = e};
  put32(&l, offsetof(wasmso_constexpr, op), c->op);
  put32(&l, offsetof(wasmso_constexpr, index), c->op == WASMSO_CONST_REF_NULL ? c->type : c->index);
  put64(&l, offsetof(wasmso_constexpr, value), c->bits[0]);
  put64(&l, offsetof(wasmso_constexpr, value) + 8, c->bits[1]);
  return finish(&l, sizeof(wasmso_constexpr));
}

static LLVMValueRef types(emitter *e, LLVMValueRef *tramps) {
  const w2s_module *m = e->lm->m;
  LLVMValueRef *v = calloc(m->ntypes ? m->ntypes : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const w2s_functype *ft = &m->types[i];
    size_t n = (size_t)ft->nparams + ft->nresults;
    uint8_t *tb = malloc(n ? n : 1);
    if (!tb) {
      e->failed = true;
      break;
    }
    if (ft->nparams)
      memcpy(tb, ft->params, ft->nparams);
    if (ft->nresults)
      memcpy(tb + ft->nparams, ft->results, ft->nresults);
    layout l = {.e = e};
    put32(&l, offsetof(wasmso_functype, nparams), ft->nparams);
    put32(&l, offsetof(wasmso_functype, nresults), ft->nresults);
    putptr(&l, offsetof(wasmso_functype, types), bytes(e, tb, n));
    putptr(&l, offsetof(wasmso_functype, tramp), tramps[i]);
    v[i] = finish(&l, sizeof(wasmso_functype));
    free(tb);
  }
  LLVMValueRef a = e->failed ? NULL : array(e, v, m->ntypes, "types");
  free(v);
  return a;
}

static LLVMValueRef imports(emitter *e) {
  const w2s_module *m = e->lm->m;
  LLVMValueRef *v = calloc(m->nimports ? m->nimports : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const w2s_import *im = &m->imports[i];
    w2s_limits none = {0};
    const w2s_limits *lim = &none;
    uint32_t type = 0, mut = 0;
    switch (im->kind) {
    case WASMSO_EXTERN_FUNC: type = im->func_type; break;
    case WASMSO_EXTERN_TABLE: type = im->table.elem; lim = &im->table.limits; break;
    case WASMSO_EXTERN_MEMORY: lim = &im->memory; break;
    case WASMSO_EXTERN_GLOBAL: type = im->global.type; mut = im->global.mut; break;
    }
    layout l = {.e = e};
    putptr(&l, offsetof(wasmso_import, module), wasm_name(e, im->module, im->module_len));
    putptr(&l, offsetof(wasmso_import, name), wasm_name(e, im->name, im->name_len));
    put32(&l, offsetof(wasmso_import, kind), im->kind);
    put32(&l, offsetof(wasmso_import, type), type);
    put32(&l, offsetof(wasmso_import, mut), mut);
    put(&l, offsetof(wasmso_import, limits), limits(e, lim), sizeof(wasmso_limits));
    put32(&l, offsetof(wasmso_import, module_len), im->module ? im->module_len : 0);
    put32(&l, offsetof(wasmso_import, name_len), im->name ? im->name_len : 0);
    v[i] = finish(&l, sizeof(wasmso_import));
  }
  LLVMValueRef a = array(e, v, m->nimports, "imports");
  free(v);
  return a;
}

static LLVMValueRef funcs(emitter *e) {
  const w2s_module *m = e->lm->m;
  uint32_t n = m->nfuncs - m->nfunc_imports;
  LLVMValueRef *v = calloc(n ? n : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  /* Without a name section (wasm-opt strips it) traps can name only exports. */
  bool named = false;
  for (uint32_t i = 0; i < n && !named; i++)
    named = m->funcs[m->nfunc_imports + i].name != NULL;
  for (uint32_t i = 0; i < n; i++) {
    char buf[64];
    uint32_t idx = m->nfunc_imports + i;
    layout l = {.e = e};
    putptr(&l, offsetof(wasmso_func, fn), e->lm->funcs[i]);
    put32(&l, offsetof(wasmso_func, type), m->funcs[idx].type);
    put32(&l, offsetof(wasmso_func, flags), named ? 0 : WASMSO_FUNC_NO_NAME_SECTION);
    putptr(&l, offsetof(wasmso_func, name), cstring(e, w2s_func_name(m, idx, buf, sizeof buf)));
    v[i] = finish(&l, sizeof(wasmso_func));
  }
  LLVMValueRef a = array(e, v, n, "funcs");
  free(v);
  return a;
}

static LLVMValueRef tables(emitter *e) {
  const w2s_module *m = e->lm->m;
  uint32_t n = m->ntables - m->ntable_imports;
  LLVMValueRef *v = calloc(n ? n : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < n; i++) {
    const w2s_tabletype *t = &m->tables[m->ntable_imports + i];
    layout l = {.e = e};
    put32(&l, offsetof(wasmso_table_def, elem_type), t->elem);
    put(&l, offsetof(wasmso_table_def, limits), limits(e, &t->limits), sizeof(wasmso_limits));
    v[i] = finish(&l, sizeof(wasmso_table_def));
  }
  LLVMValueRef a = array(e, v, n, "tables");
  free(v);
  return a;
}

static LLVMValueRef memories(emitter *e) {
  const w2s_module *m = e->lm->m;
  uint32_t n = m->nmemories - m->nmemory_imports;
  LLVMValueRef *v = calloc(n ? n : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < n; i++)
    v[i] = limits(e, &m->memories[m->nmemory_imports + i]);
  LLVMValueRef a = array(e, v, n, "memories");
  free(v);
  return a;
}

static LLVMValueRef globals(emitter *e) {
  const w2s_module *m = e->lm->m;
  uint32_t n = m->nglobals - m->nglobal_imports;
  LLVMValueRef *v = calloc(n ? n : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < n; i++) {
    const w2s_global *g = &m->globals[m->nglobal_imports + i];
    layout l = {.e = e};
    put32(&l, offsetof(wasmso_global_def, type), g->type.type);
    put32(&l, offsetof(wasmso_global_def, mut), g->type.mut);
    put(&l, offsetof(wasmso_global_def, init), constexpr_(e, &g->init), sizeof(wasmso_constexpr));
    v[i] = finish(&l, sizeof(wasmso_global_def));
  }
  LLVMValueRef a = array(e, v, n, "globals");
  free(v);
  return a;
}

static LLVMValueRef exports(emitter *e) {
  const w2s_module *m = e->lm->m;
  LLVMValueRef *v = calloc(m->nexports ? m->nexports : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < m->nexports; i++) {
    const w2s_export *x = &m->exports[i];
    layout l = {.e = e};
    putptr(&l, offsetof(wasmso_export, name), wasm_name(e, x->name, x->name_len));
    put32(&l, offsetof(wasmso_export, kind), x->kind);
    put32(&l, offsetof(wasmso_export, index), x->index);
    put32(&l, offsetof(wasmso_export, name_len), x->name ? x->name_len : 0);
    v[i] = finish(&l, sizeof(wasmso_export));
  }
  LLVMValueRef a = array(e, v, m->nexports, "exports");
  free(v);
  return a;
}

static LLVMValueRef datas(emitter *e) {
  const w2s_module *m = e->lm->m;
  LLVMValueRef *v = calloc(m->ndatas ? m->ndatas : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const w2s_data *s = &m->datas[i];
    layout l = {.e = e};
    put32(&l, offsetof(wasmso_data, mode), s->mode);
    put32(&l, offsetof(wasmso_data, memory), s->memory);
    put(&l, offsetof(wasmso_data, offset), constexpr_(e, &s->offset), sizeof(wasmso_constexpr));
    putptr(&l, offsetof(wasmso_data, bytes), bytes(e, s->bytes, s->size));
    put64(&l, offsetof(wasmso_data, size), s->size);
    v[i] = finish(&l, sizeof(wasmso_data));
  }
  LLVMValueRef a = array(e, v, m->ndatas, "datas");
  free(v);
  return a;
}

static LLVMValueRef elems(emitter *e) {
  const w2s_module *m = e->lm->m;
  LLVMValueRef *v = calloc(m->nelems ? m->nelems : 1, sizeof *v);
  if (!v)
    return e->failed = true, NULL;
  for (uint32_t i = 0; i < m->nelems && !e->failed; i++) {
    const w2s_elem *s = &m->elems[i];
    LLVMValueRef *items = calloc(s->count ? s->count : 1, sizeof *items);
    if (!items) {
      e->failed = true;
      break;
    }
    for (uint32_t k = 0; k < s->count; k++)
      items[k] = constexpr_(e, &s->items[k]);
    layout l = {.e = e};
    put32(&l, offsetof(wasmso_elem, mode), s->mode);
    put32(&l, offsetof(wasmso_elem, table), s->table);
    put32(&l, offsetof(wasmso_elem, elem_type), s->type);
    put32(&l, offsetof(wasmso_elem, count), s->count);
    put(&l, offsetof(wasmso_elem, offset), constexpr_(e, &s->offset), sizeof(wasmso_constexpr));
    putptr(&l, offsetof(wasmso_elem, items), array(e, items, s->count, "elem_items"));
    v[i] = finish(&l, sizeof(wasmso_elem));
    free(items);
  }
  LLVMValueRef a = e->failed ? NULL : array(e, v, m->nelems, "elems");
  free(v);
  return a;
}

bool w2s_emit_descriptor(const w2s_llvm_module *lm, LLVMValueRef *trampolines, w2s_diag *d) {
  const w2s_module *m = lm->m;
  emitter e = {.lm = lm, .ctx = lm->ctx, .d = d};
  e.i8 = LLVMInt8TypeInContext(e.ctx);
  e.i32 = LLVMInt32TypeInContext(e.ctx);
  e.i64 = LLVMInt64TypeInContext(e.ctx);
  e.ptr = LLVMPointerTypeInContext(e.ctx, 0);

  layout l = {.e = &e};
  put32(&l, offsetof(wasmso_module_desc, magic), WASMSO_MAGIC);
  put32(&l, offsetof(wasmso_module_desc, abi_version), WASMSO_ABI_VERSION);
  putptr(&l, offsetof(wasmso_module_desc, target_triple), cstring(&e, lm->target->triple));
  putptr(&l, offsetof(wasmso_module_desc, cpu), cstring(&e, lm->target->cpu));
  putptr(&l, offsetof(wasmso_module_desc, features), cstring(&e, lm->target->features));
  putptr(&l, offsetof(wasmso_module_desc, producer), cstring(&e, "wasm2so " PACKAGE_VERSION));
  put32(&l, offsetof(wasmso_module_desc, ntypes), m->ntypes);
  put32(&l, offsetof(wasmso_module_desc, nimports), m->nimports);
  put32(&l, offsetof(wasmso_module_desc, nfuncs), m->nfuncs - m->nfunc_imports);
  put32(&l, offsetof(wasmso_module_desc, ntables), m->ntables - m->ntable_imports);
  put32(&l, offsetof(wasmso_module_desc, nmemories), m->nmemories - m->nmemory_imports);
  put32(&l, offsetof(wasmso_module_desc, nglobals), m->nglobals - m->nglobal_imports);
  put32(&l, offsetof(wasmso_module_desc, nexports), m->nexports);
  put32(&l, offsetof(wasmso_module_desc, ndatas), m->ndatas);
  put32(&l, offsetof(wasmso_module_desc, nelems), m->nelems);
  put32(&l, offsetof(wasmso_module_desc, start), m->has_start ? m->start : 0xffffffffu);
  put32(&l, offsetof(wasmso_module_desc, memory_mode),
        lm->target->bounds_checks ? WASMSO_MEMORY_CHECKED : WASMSO_MEMORY_GUARDED);
  putptr(&l, offsetof(wasmso_module_desc, types), types(&e, trampolines));
  putptr(&l, offsetof(wasmso_module_desc, imports), imports(&e));
  putptr(&l, offsetof(wasmso_module_desc, funcs), funcs(&e));
  putptr(&l, offsetof(wasmso_module_desc, tables), tables(&e));
  putptr(&l, offsetof(wasmso_module_desc, memories), memories(&e));
  putptr(&l, offsetof(wasmso_module_desc, globals), globals(&e));
  putptr(&l, offsetof(wasmso_module_desc, exports), exports(&e));
  putptr(&l, offsetof(wasmso_module_desc, datas), datas(&e));
  putptr(&l, offsetof(wasmso_module_desc, elems), elems(&e));
  LLVMValueRef init = finish(&l, sizeof(wasmso_module_desc));
  if (e.failed)
    return d->kind != W2S_DIAG_NONE ? false
                                    : w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                                               "internal error building the descriptor");
  /* A Wasm function may carry the descriptor's name; it is local, so it
   * yields the name (LLVM would otherwise rename the descriptor). */
  LLVMValueRef clash = LLVMGetNamedFunction(lm->mod, WASMSO_DESCRIPTOR_SYMBOL);
  if (clash)
    LLVMSetValueName2(clash, WASMSO_DESCRIPTOR_SYMBOL ".func", sizeof WASMSO_DESCRIPTOR_SYMBOL + 4);
  LLVMValueRef g = LLVMAddGlobal(lm->mod, LLVMTypeOf(init), WASMSO_DESCRIPTOR_SYMBOL);
  LLVMSetInitializer(g, init);
  LLVMSetGlobalConstant(g, 1);
  LLVMSetLinkage(g, LLVMExternalLinkage);
  LLVMSetVisibility(g, LLVMDefaultVisibility);
  LLVMSetAlignment(g, 16);
  return true;
}
