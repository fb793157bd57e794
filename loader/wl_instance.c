/* wl_instance.c — instantiation in the spec's order: resolve and type-check
 * imports, allocate functions, tables, memory and globals, evaluate element
 * segments, then run active element segments, active data segments and the
 * start function.  Writes made before a trapping segment stay visible in
 * imported tables and memories, as the spec requires. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wl_internal.h"

static void *xcalloc(size_t n, size_t size, bool *ok) {
  void *p = calloc(n ? n : 1, size);
  if (!p) *ok = false;
  return p;
}

/* Every import that cannot be linked, so that one run reports them all. */
typedef struct {
  char text[sizeof ((wl_error *)0)->msg - 64]; /* room for the count and "and N more" */
  size_t len;
  uint32_t n, shown;
} link_report;

static void link_bad(link_report *r, const char *what, const wasmso_module_desc *d,
                     const wasmso_import *im, const wl_extern *got) {
  char want[200], have[200] = "";
  wl_import_text(d, im, want, sizeof want);
  if (got) wl_extern_text(got, have, sizeof have);
  r->n++;
  size_t room = sizeof r->text - r->len;
  int k = snprintf(r->text + r->len, room, "%s%s %s.%s: expected %s%s%s", r->len ? "\n  " : "",
                   what, im->module, im->name, want, have[0] ? ", got " : "", have);
  if (k > 0 && (size_t)k < room) {
    r->len += (size_t)k;
    r->shown++;
  } else {
    r->text[r->len] = 0; /* only whole lines */
  }
}

static bool link_report_fail(const link_report *r, wl_error *err) {
  if (r->n == 1 && r->shown == 1) return wl_fail(err, WL_ERR_LINK, "%s", r->text);
  char more[48] = "";
  if (r->shown < r->n) snprintf(more, sizeof more, "\n  ... and %u more", r->n - r->shown);
  return wl_fail(err, WL_ERR_LINK, "%u imports cannot be linked:\n  %s%s", r->n, r->text, more);
}

static bool limits_match(uint64_t cur, bool has_max, uint64_t max, const wasmso_limits *want) {
  if (cur < want->min) return false;
  if (want->has_max && (!has_max || max > want->max)) return false;
  return true;
}

/* A bounds-checked module's memory has no guard regions: code without checks
 * would reach past it. */
static bool guard_missing(const wasmso_module_desc *d, const wasmso_import *im, const wl_extern *ex) {
  return im->kind == WASMSO_EXTERN_MEMORY && ex->kind == WASMSO_EXTERN_MEMORY && ex->u.memory &&
         d->memory_mode != WASMSO_MEMORY_CHECKED && !wl_memory_guarded(ex->u.memory);
}

/* False if ex does not have im's type. */
static bool link_import(struct wl_instance *in, const wasmso_import *im, const wl_extern *ex,
                        uint32_t *fi, uint32_t *ti, uint32_t *gi, uint32_t *nhost) {
  const wasmso_module_desc *d = in->desc;
  if (ex->kind != im->kind) return false;
  switch (im->kind) {
  case WASMSO_EXTERN_FUNC: {
    uint32_t want = in->type_ids[im->type];
    if (ex->u.func.ref) {
      if (ex->u.func.ref->type_id != want) return false;
      in->funcs[(*fi)++] = ex->u.func.ref;
    } else {
      if (!ex->u.func.host_fn || ex->u.func.type_id != want)
        return false;
      /* A host function gets a funcref of our own: it is called with the
       * importing instance's vmctx, and from C through our trampoline. */
      wasmso_funcref *r = &in->own_funcs[d->nfuncs + (*nhost)++];
      *r = (wasmso_funcref){.fn = ex->u.func.host_fn, .vmctx = &in->vmctx, .type_id = want,
                            .tramp = d->types[im->type].tramp};
      in->funcs[(*fi)++] = r;
    }
    return true;
  }
  case WASMSO_EXTERN_TABLE: {
    const wasmso_table *t = ex->u.table;
    if (!t || t->elem_type != im->type || !limits_match(t->size, t->has_max, t->max, &im->limits))
      return false;
    in->tables[(*ti)++] = ex->u.table;
    return true;
  }
  case WASMSO_EXTERN_MEMORY: {
    const wasmso_memory *m = ex->u.memory;
    if (!m || !limits_match(m->pages, m->has_max, m->max_pages, &im->limits))
      return false;
    in->memory = ex->u.memory;
    return true;
  }
  case WASMSO_EXTERN_GLOBAL: {
    const wasmso_global *g = ex->u.global;
    if (!g || g->type != im->type || g->mut != (im->mut != 0))
      return false;
    in->globals[(*gi)++] = ex->u.global;
    return true;
  }
  }
  return false;
}

/* Constant expressions; indices were checked when the module was opened,
 * global.get only against globals initialised so far. */
static bool eval_const(struct wl_instance *in, const wasmso_constexpr *c, uint32_t nglobals_ready,
                       wasmso_value *out, wl_error *err) {
  memset(out, 0, sizeof *out);
  switch (c->op) {
  case WASMSO_CONST_GLOBAL_GET:
    if (c->index >= nglobals_ready) return wl_fail(err, WL_ERR_LOAD, "global.get %u in a constant", c->index);
    *out = in->globals[c->index]->value;
    return true;
  case WASMSO_CONST_REF_FUNC:
    out->ref = in->funcs[c->index];
    return true;
  case WASMSO_CONST_REF_NULL:
    return true;
  default:
    *out = c->value;
    return true;
  }
}

static void free_parts(struct wl_instance *in) {
  for (uint32_t i = 0; in->own_table && i < in->ntables; i++)
    if (in->own_table[i]) wl_table_free(in->tables[i]);
  for (uint32_t i = 0; in->own_global && i < in->nglobals; i++)
    if (in->own_global[i]) wl_global_free(in->globals[i]);
  if (in->own_memory) wl_memory_free(in->memory);
  for (uint32_t i = 0; in->elems && i < in->desc->nelems; i++) free(in->elems[i].items);
  free(in->funcs);
  free(in->own_funcs);
  free(in->tables);
  free(in->own_table);
  free(in->globals);
  free(in->own_global);
  free(in->type_ids);
  free(in->elems);
  free(in->datas);
}

void wl_instance_free(wl_instance *in) {
  if (!in) return;
  wl_module *mod = in->mod;
  free_parts(in);
  free(in);
  wl_module_close(mod);
}

wasmso_vmctx *wl_instance_vmctx(wl_instance *in) { return &in->vmctx; }

static bool trap_fail(wl_error *err, uint32_t trap) {
  wl_fail(err, WL_ERR_TRAP, "%s", wl_trap_message(trap));
  err->trap = trap;
  return false;
}

/* Active and declarative element segments, then active data segments.
 * *shared is set once one of our funcrefs was written to an imported table. */
static bool init_segments(struct wl_instance *in, bool *shared, wl_error *err) {
  const wasmso_module_desc *d = in->desc;
  uint32_t nti = in->ntables - d->ntables;
  for (uint32_t i = 0; i < d->nelems; i++) {
    const wasmso_elem *s = &d->elems[i];
    struct wl_seg_elem *e = &in->elems[i];
    if (s->mode == WASMSO_SEG_ACTIVE) {
      wasmso_value off;
      if (!eval_const(in, &s->offset, in->nglobals, &off, err)) return false;
      wasmso_table *t = in->tables[s->table];
      if ((uint64_t)off.i32 + e->count > t->size) return trap_fail(err, WASMSO_TRAP_TABLE_OOB);
      if (e->count) {
        memcpy(t->elems + off.i32, e->items, e->count * sizeof(void *));
        if (s->table < nti) *shared = true;
      }
    }
    if (s->mode != WASMSO_SEG_PASSIVE) e->count = 0;
  }
  for (uint32_t i = 0; i < d->ndatas; i++) {
    const wasmso_data *s = &d->datas[i];
    if (s->mode != WASMSO_SEG_ACTIVE) continue;
    wasmso_value off;
    if (!eval_const(in, &s->offset, in->nglobals, &off, err)) return false;
    wasmso_memory *m = in->memory;
    if ((uint64_t)off.i32 + s->size > m->size) return trap_fail(err, WASMSO_TRAP_MEMORY_OOB);
    if (s->size) memcpy(m->base + off.i32, s->bytes, s->size);
    in->datas[i].size = 0;
  }
  return true;
}

wl_instance *wl_instantiate(wl_module *mod, wl_resolver resolve, void *user, wl_error *err) {
  wl_error local;
  if (!err) err = &local;
  const wasmso_module_desc *d = wl_module_desc(mod);
  uint32_t nfi = 0, nti = 0, ngi = 0;
  for (uint32_t i = 0; i < d->nimports; i++) {
    nfi += d->imports[i].kind == WASMSO_EXTERN_FUNC;
    nti += d->imports[i].kind == WASMSO_EXTERN_TABLE;
    ngi += d->imports[i].kind == WASMSO_EXTERN_GLOBAL;
  }
  struct wl_instance *in = calloc(1, sizeof *in);
  if (!in) {
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    return NULL;
  }
  in->mod = mod;
  wl_module_ref(mod);
  in->desc = d;
  in->nfuncs = nfi + d->nfuncs;
  in->ntables = nti + d->ntables;
  in->nglobals = ngi + d->nglobals;
  bool ok = true;
  in->funcs = xcalloc(in->nfuncs, sizeof *in->funcs, &ok);
  in->own_funcs = xcalloc(d->nfuncs + nfi, sizeof *in->own_funcs, &ok);
  in->tables = xcalloc(in->ntables, sizeof *in->tables, &ok);
  in->own_table = xcalloc(in->ntables, 1, &ok);
  in->globals = xcalloc(in->nglobals, sizeof *in->globals, &ok);
  in->own_global = xcalloc(in->nglobals, 1, &ok);
  in->type_ids = xcalloc(d->ntypes, sizeof *in->type_ids, &ok);
  in->elems = xcalloc(d->nelems, sizeof *in->elems, &ok);
  in->datas = xcalloc(d->ndatas, sizeof *in->datas, &ok);
  if (!ok) {
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    goto fail;
  }
  for (uint32_t i = 0; i < d->ntypes; i++) in->type_ids[i] = wl_functype_id(&d->types[i]);

  /* Imports, in order; all of them are tried, so that every one that cannot
   * be linked is reported at once. */
  uint32_t fi = 0, ti = 0, gi = 0, nhost = 0;
  link_report bad = {.len = 0};
  for (uint32_t i = 0; i < d->nimports; i++) {
    const wasmso_import *im = &d->imports[i];
    wl_extern ex;
    memset(&ex, 0, sizeof ex);
    if (!resolve || !resolve(user, im->module, im->module_len, im->name, im->name_len,
                                 (uint8_t)im->kind, &ex))
      link_bad(&bad, "unknown import", d, im, NULL);
    else if (guard_missing(d, im, &ex))
      link_bad(&bad, "memory without the guard regions this module needs (it was translated "
               "without --bounds-checks, the memory's owner with it; translate both alike):",
               d, im, &ex);
    else if (!link_import(in, im, &ex, &fi, &ti, &gi, &nhost))
      link_bad(&bad, "incompatible import type", d, im, &ex);
  }
  if (bad.n) {
    link_report_fail(&bad, err);
    goto fail;
  }

  /* Definitions. */
  for (uint32_t i = 0; i < d->nfuncs; i++) {
    const wasmso_func *f = &d->funcs[i];
    in->own_funcs[i] = (wasmso_funcref){.fn = f->fn, .vmctx = &in->vmctx,
                                         .type_id = in->type_ids[f->type], .tramp = d->types[f->type].tramp};
    in->funcs[nfi + i] = &in->own_funcs[i];
  }
  for (uint32_t i = 0; i < d->ntables; i++) {
    const wasmso_table_def *t = &d->tables[i];
    if (t->limits.min > 0xffffffffu) {
      wl_fail(err, WL_ERR_RESOURCE, "table %u too large", nti + i);
      goto fail;
    }
    uint32_t max = t->limits.max > 0xffffffffu ? 0xffffffffu : (uint32_t)t->limits.max;
    in->tables[nti + i] = wl_table_new((uint8_t)t->elem_type, (uint32_t)t->limits.min, max,
                                       t->limits.has_max != 0, err);
    if (!in->tables[nti + i]) goto fail;
    in->own_table[nti + i] = 1;
  }
  if (d->nmemories) {
    const wasmso_limits *l = &d->memories[0];
    uint32_t max = l->max > 65536 ? 65536 : (uint32_t)l->max;
    if (l->min > 65536) {
      wl_fail(err, WL_ERR_RESOURCE, "memory of %llu pages", (unsigned long long)l->min);
      goto fail;
    }
    in->memory = wl_memory_new_mode((uint32_t)l->min, max, l->has_max != 0, d->memory_mode, err);
    if (!in->memory) goto fail;
    in->own_memory = true;
  }
  for (uint32_t i = 0; i < d->nglobals; i++) {
    const wasmso_global_def *g = &d->globals[i];
    wasmso_value v;
    if (!eval_const(in, &g->init, ngi + i, &v, err)) goto fail;
    in->globals[ngi + i] = wl_global_new((uint8_t)g->type, g->mut != 0, v);
    if (!in->globals[ngi + i]) {
      wl_fail(err, WL_ERR_RESOURCE, "out of memory");
      goto fail;
    }
    in->own_global[ngi + i] = 1;
  }
  for (uint32_t i = 0; i < d->nelems; i++) {
    const wasmso_elem *s = &d->elems[i];
    in->elems[i].items = xcalloc(s->count, sizeof(void *), &ok);
    if (!ok) {
      wl_fail(err, WL_ERR_RESOURCE, "out of memory");
      goto fail;
    }
    for (uint32_t k = 0; k < s->count; k++) {
      wasmso_value v;
      if (!eval_const(in, &s->items[k], in->nglobals, &v, err)) goto fail;
      in->elems[i].items[k] = v.ref;
    }
    in->elems[i].count = s->count;
  }
  for (uint32_t i = 0; i < d->ndatas; i++)
    in->datas[i] = (struct wl_seg_data){d->datas[i].bytes, d->datas[i].size};

  wasmso_vmctx *vm = &in->vmctx;
  vm->memory = in->memory;
  vm->mem_base = in->memory ? in->memory->base : NULL;
  vm->stack_limit = wl_thread_stack_limit();
  vm->rt = &wl_runtime_helpers;
  vm->funcs = in->funcs;
  vm->tables = in->tables;
  vm->globals = in->globals;
  vm->type_ids = in->type_ids;
  vm->host = in;

  /* From here on our functions may escape into imported tables; then the
   * instance must outlive a failure (the spec keeps those writes). */
  bool shared = false;
  if (!init_segments(in, &shared, err)) goto fail_shared;
  if (d->start != 0xffffffffu) {
    if (nti) shared = true; /* the start function may store funcrefs anywhere */
    if (!wl_call(in->funcs[d->start], NULL, NULL, err)) goto fail_shared;
  }
  return in;

fail_shared:
  if (shared) return NULL; /* deliberately kept alive, with its module reference */
fail:
  wl_instance_free(in);
  return NULL;
}

bool wl_instance_export(wl_instance *in, const char *name, wl_extern *out) {
  return wl_instance_export_n(in, name, strlen(name), out);
}

bool wl_instance_export_n(wl_instance *in, const char *name, size_t name_len, wl_extern *out) {
  const wasmso_module_desc *d = in->desc;
  for (uint32_t i = 0; i < d->nexports; i++) {
    const wasmso_export *e = &d->exports[i];
    if (e->name_len != name_len || memcmp(e->name, name, name_len) != 0) continue;
    memset(out, 0, sizeof *out);
    out->kind = (uint8_t)e->kind;
    switch (e->kind) {
    case WASMSO_EXTERN_FUNC:
      out->u.func.ref = in->funcs[e->index];
      out->u.func.type_id = in->funcs[e->index]->type_id;
      return true;
    case WASMSO_EXTERN_TABLE: out->u.table = in->tables[e->index]; return true;
    case WASMSO_EXTERN_MEMORY: out->u.memory = in->memory; return true;
    case WASMSO_EXTERN_GLOBAL: out->u.global = in->globals[e->index]; return true;
    }
    return false;
  }
  return false;
}
