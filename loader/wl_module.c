/* wl_module.c — open a wasm2so shared object and check it before any of its
 * code can run: descriptor, magic, ABI version (first), architecture, CPU
 * features, then every index in the descriptor.  Loaded modules' text ranges
 * and function addresses are registered for the fault handler and traps'
 * backtraces. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wl_internal.h"

struct fn_addr { uintptr_t addr; const char *name; };

struct wl_module {
  void *handle;
  const wasmso_module_desc *desc;
  uintptr_t text_lo, text_hi;
  struct fn_addr *fns; /* sorted by addr; trampolines have name NULL */
  uint32_t nfns;
  bool no_names;       /* no name section: backtraces say so */
  int slot;
  _Atomic int refs;    /* the opener's plus one per live instance */
};

/* Read by the fault handler without locks; a slot's module is published
 * before its hi bound and the bound is cleared before the module goes. */
#define MAX_MODULES 8192
static struct { _Atomic uintptr_t lo, hi; wl_module *_Atomic mod; } slots[MAX_MODULES];
static _Atomic unsigned nslots;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

static int find_slot(uintptr_t pc) {
  unsigned n = atomic_load(&nslots);
  for (unsigned i = 0; i < n; i++) {
    uintptr_t hi = atomic_load(&slots[i].hi);
    if (hi && pc >= atomic_load(&slots[i].lo) && pc < hi) return (int)i;
  }
  return -1;
}

bool wl_module_text_contains(uintptr_t pc) { return find_slot(pc) >= 0; }

const char *wl_module_func_name(uintptr_t pc) {
  int s = find_slot(pc);
  if (s < 0) return NULL;
  wl_module *m = atomic_load(&slots[s].mod);
  if (!m) return NULL;
  uint32_t lo = 0, hi = m->nfns; /* the last fn with addr <= pc */
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (m->fns[mid].addr <= pc) lo = mid + 1;
    else hi = mid;
  }
  return lo ? m->fns[lo - 1].name : NULL;
}

bool wl_module_names_missing(uintptr_t pc) {
  int s = find_slot(pc);
  wl_module *m = s < 0 ? NULL : atomic_load(&slots[s].mod);
  return m && m->no_names;
}

static bool register_module(wl_module *m) {
  pthread_mutex_lock(&reg_lock);
  unsigned n = atomic_load(&nslots);
  for (unsigned i = 0; i < MAX_MODULES; i++) {
    if (atomic_load(&slots[i].hi) == 0 && atomic_load(&slots[i].mod) == NULL) {
      atomic_store(&slots[i].mod, m);
      atomic_store(&slots[i].lo, m->text_lo);
      atomic_store(&slots[i].hi, m->text_hi);
      if (i >= n) atomic_store(&nslots, i + 1);
      m->slot = (int)i;
      pthread_mutex_unlock(&reg_lock);
      return true;
    }
  }
  pthread_mutex_unlock(&reg_lock);
  return false;
}

static void unregister_module(wl_module *m) {
  if (m->slot < 0) return;
  pthread_mutex_lock(&reg_lock);
  atomic_store(&slots[m->slot].hi, 0);
  atomic_store(&slots[m->slot].mod, NULL);
  pthread_mutex_unlock(&reg_lock);
}

/* ---- text range ---- */
struct phdr_query { uintptr_t base; uintptr_t lo, hi; };

static int phdr_cb(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct phdr_query *q = data;
  if (info->dlpi_addr != q->base) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
    if (!q->lo || lo < q->lo) q->lo = lo;
    if (hi > q->hi) q->hi = hi;
  }
  return q->hi != 0;
}

static int cmp_fn(const void *a, const void *b) {
  uintptr_t x = ((const struct fn_addr *)a)->addr, y = ((const struct fn_addr *)b)->addr;
  return x < y ? -1 : x > y;
}

/* ---- descriptor checks: a damaged .so must not make the loader crash ---- */
static bool valid_valtype(uint32_t t) {
  return t == WASMSO_I32 || t == WASMSO_I64 || t == WASMSO_F32 || t == WASMSO_F64 ||
         t == WASMSO_V128 || t == WASMSO_FUNCREF || t == WASMSO_EXTERNREF;
}

static bool valid_const(const wasmso_constexpr *c, uint32_t nfuncs, uint32_t nglobals) {
  switch (c->op) {
  case WASMSO_CONST_I32: case WASMSO_CONST_I64: case WASMSO_CONST_F32:
  case WASMSO_CONST_F64: case WASMSO_CONST_V128: case WASMSO_CONST_REF_NULL:
    return true;
  case WASMSO_CONST_GLOBAL_GET: return c->index < nglobals;
  case WASMSO_CONST_REF_FUNC: return c->index < nfuncs;
  default: return false;
  }
}

static bool check_desc(const wasmso_module_desc *d, wl_error *err) {
#define BAD(...) return wl_fail(err, WL_ERR_LOAD, "damaged descriptor: " __VA_ARGS__)
  if (d->ntypes && !d->types) BAD("no types");
  for (uint32_t i = 0; i < d->ntypes; i++) {
    const wasmso_functype *t = &d->types[i];
    if ((t->nparams | t->nresults) > 1000000 || (t->nparams + t->nresults && !t->types))
      BAD("type %u", i);
    for (uint32_t k = 0; k < t->nparams + t->nresults; k++)
      if (!valid_valtype(t->types[k])) BAD("type %u", i);
  }
  uint32_t nf = d->nfuncs, nt = d->ntables, nm = d->nmemories, ng = d->nglobals;
  if (d->nimports && !d->imports) BAD("no imports");
  for (uint32_t i = 0; i < d->nimports; i++) {
    const wasmso_import *im = &d->imports[i];
    if (!im->module || !im->name) BAD("import %u has no name", i);
    switch (im->kind) {
    case WASMSO_EXTERN_FUNC: if (im->type >= d->ntypes) BAD("import %u", i); nf++; break;
    case WASMSO_EXTERN_TABLE: nt++; break;
    case WASMSO_EXTERN_MEMORY: nm++; break;
    case WASMSO_EXTERN_GLOBAL: if (!valid_valtype(im->type)) BAD("import %u", i); ng++; break;
    default: BAD("import %u has kind %u", i, im->kind);
    }
  }
  if (nm > 1) BAD("%u memories", nm);
  if (d->memory_mode != WASMSO_MEMORY_GUARDED && d->memory_mode != WASMSO_MEMORY_CHECKED)
    BAD("unknown memory mode %u (neither guard regions nor bounds checks)", d->memory_mode);
  if ((d->nfuncs && !d->funcs) || (d->ntables && !d->tables) || (d->nmemories && !d->memories) ||
      (d->nglobals && !d->globals) || (d->nexports && !d->exports) || (d->ndatas && !d->datas) ||
      (d->nelems && !d->elems))
    BAD("missing array");
  for (uint32_t i = 0; i < d->nfuncs; i++)
    if (!d->funcs[i].fn || d->funcs[i].type >= d->ntypes) BAD("function %u", i);
  for (uint32_t i = 0; i < d->nglobals; i++)
    if (!valid_valtype(d->globals[i].type) || !valid_const(&d->globals[i].init, nf, ng))
      BAD("global %u", i);
  for (uint32_t i = 0; i < d->nexports; i++) {
    const wasmso_export *e = &d->exports[i];
    uint32_t lim = e->kind == WASMSO_EXTERN_FUNC ? nf : e->kind == WASMSO_EXTERN_TABLE ? nt
                 : e->kind == WASMSO_EXTERN_MEMORY ? nm : e->kind == WASMSO_EXTERN_GLOBAL ? ng : 0;
    if (!e->name || e->index >= lim) BAD("export %u", i);
  }
  for (uint32_t i = 0; i < d->ndatas; i++) {
    const wasmso_data *s = &d->datas[i];
    if (s->size && !s->bytes) BAD("data %u", i);
    if (s->mode == WASMSO_SEG_ACTIVE && (s->memory >= nm || !valid_const(&s->offset, nf, ng)))
      BAD("data %u", i);
  }
  for (uint32_t i = 0; i < d->nelems; i++) {
    const wasmso_elem *s = &d->elems[i];
    if (s->count && !s->items) BAD("element segment %u", i);
    if (s->mode == WASMSO_SEG_ACTIVE && (s->table >= nt || !valid_const(&s->offset, nf, ng)))
      BAD("element segment %u", i);
    for (uint32_t k = 0; k < s->count; k++)
      if (!valid_const(&s->items[k], nf, ng)) BAD("element segment %u", i);
  }
  if (d->start != 0xffffffffu && d->start >= nf) BAD("start function %u", d->start);
  return true;
#undef BAD
}


wl_module *wl_module_open(const char *path, wl_error *err) {
  /* dlopen wants a slash to not search the library path. */
  char buf[4096];
  const char *dlpath = path;
  if (!strchr(path, '/')) {
    snprintf(buf, sizeof buf, "./%s", path);
    dlpath = buf;
  }
  void *h = dlopen(dlpath, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    wl_fail(err, WL_ERR_LOAD, "cannot load: %s", dlerror());
    return NULL;
  }
  const wasmso_module_desc *d = dlsym(h, WASMSO_DESCRIPTOR_SYMBOL);
  if (!d || d->magic != WASMSO_MAGIC) {
    wl_fail(err, WL_ERR_LOAD, "%s: not a wasm2so object", path);
    goto fail;
  }
  if (d->abi_version != WASMSO_ABI_VERSION) {
    wl_fail(err, WL_ERR_LOAD, "%s: ABI version %u, expected %u", path, d->abi_version, WASMSO_ABI_VERSION);
    goto fail;
  }
  if (!wl_cpu_check(d, err) || !check_desc(d, err)) {
    char m[sizeof err->msg];
    snprintf(m, sizeof m, "%s", err->msg);
    snprintf(err->msg, sizeof err->msg, "%.200s: %.300s", path, m);
    goto fail;
  }
  wl_module *m = calloc(1, sizeof *m);
  if (!m) {
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    goto fail;
  }
  m->handle = h;
  m->desc = d;
  m->slot = -1;
  atomic_store(&m->refs, 1);
  struct link_map *lm = NULL;
  struct phdr_query q = {0};
  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm) {
    q.base = lm->l_addr;
    dl_iterate_phdr(phdr_cb, &q);
  }
  m->text_lo = q.lo;
  m->text_hi = q.hi;
  m->nfns = d->nfuncs + d->ntypes;
  m->fns = calloc(m->nfns + 1, sizeof *m->fns);
  if (!m->fns) {
    free(m);
    wl_fail(err, WL_ERR_RESOURCE, "out of memory");
    goto fail;
  }
  for (uint32_t i = 0; i < d->nfuncs; i++)
    m->fns[i] = (struct fn_addr){(uintptr_t)d->funcs[i].fn, d->funcs[i].name};
  m->no_names = d->nfuncs && (d->funcs[0].flags & WASMSO_FUNC_NO_NAME_SECTION);
  for (uint32_t i = 0; i < d->ntypes; i++)
    m->fns[d->nfuncs + i] = (struct fn_addr){(uintptr_t)d->types[i].tramp, NULL};
  qsort(m->fns, m->nfns, sizeof *m->fns, cmp_fn);
  if (m->text_hi && !register_module(m)) {
    free(m->fns);
    free(m);
    wl_fail(err, WL_ERR_RESOURCE, "too many modules loaded");
    goto fail;
  }
  return m;
fail:
  dlclose(h);
  return NULL;
}

const wasmso_module_desc *wl_module_desc(const wl_module *mod) { return mod->desc; }

void wl_module_ref(wl_module *mod) { atomic_fetch_add(&mod->refs, 1); }

/* Drops one reference; the code stays mapped while any instance (including
 * one whose instantiation failed but whose functions were written into an
 * imported table) can still run it. */
void wl_module_close(wl_module *mod) {
  if (!mod || atomic_fetch_sub(&mod->refs, 1) != 1) return;
  unregister_module(mod);
  dlclose(mod->handle);
  free(mod->fns);
  free(mod);
}
