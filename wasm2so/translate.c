/* translate.c — the pipeline: read -> validate -> target -> lower ->
 * descriptor -> optimise -> emit (w2s_compile) -> link (w2s_translate).
 *
 * A large module is split into parts of contiguous functions, each lowered,
 * optimised and emitted in its own thread with its own LLVMContext (LLVM
 * contexts are not shared between threads); ld.lld joins the objects.  Small
 * modules stay in one part, where every function is internal and LLVM may
 * optimise across all of them.  Every LLVM object is created and disposed
 * here, per call: the spec runner translates ~1600 modules in one process. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "w2s_lower_priv.h"

/* By default, split only modules with at least this much code, into parts of
 * at least this much: below it, threads cost more than they save and
 * cross-part calls lose inlining. */
#define W2S_PART_MIN_CODE (256u << 10)
#define W2S_MAX_THREADS 16u
/* A function this large compiles alone, at most -O1 and with quick code
 * generation: LLVM's code generator is worse than linear in the size of a
 * block (a 480 KiB function took 50 s in its two-address pass alone, against
 * 0.7 s without optimisation), and one function cannot be split over
 * threads.  SQLite's largest, 46 KiB, is far below. */
#define W2S_HUGE_FUNC_CODE (128u << 10)
/* LLVM recurses deeply on huge functions; the default 8 MiB is too little. */
#define W2S_THREAD_STACK (64u << 20)

void w2s_options_default(w2s_options *o) {
  memset(o, 0, sizeof *o);
  o->opt_level = 2;
}

/* One part: defined functions [first, end) of the function index space. */
typedef struct part {
  const w2s_module *m;
  const w2s_options *o;   /* &opts */
  w2s_options opts;       /* the caller's, with a huge function's limits */
  char *const *symbols;   /* NULL: one part, internal functions */
  uint32_t first, end;
  bool descriptor;        /* part 0 also holds the trampolines and the descriptor */
  void *obj;
  size_t obj_size;
  w2s_diag d;
  bool ok;
} part;

/* Declare every defined function, so calls can refer to any of them.  With
 * several parts, each function is a hidden global: defined in its own part,
 * declared in the others, a local symbol once linked. */
static bool declare_functions(w2s_llvm_module *lm, const part *p, w2s_diag *d) {
  const w2s_module *m = lm->m;
  for (uint32_t t = 0; t < m->ntypes; t++) {
    lm->fn_types[t] = w2s_llvm_functype(lm->ctx, &m->types[t]);
    if (!lm->fn_types[t])
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    char buf[64];
    const char *name = p->symbols ? p->symbols[i - m->nfunc_imports]
                                  : w2s_func_name(m, i, buf, sizeof buf);
    LLVMValueRef fn = LLVMAddFunction(lm->mod, name, lm->fn_types[m->funcs[i].type]);
    if (p->symbols) {
      LLVMSetVisibility(fn, LLVMHiddenVisibility);
    } else {
      /* Internal: a local ELF symbol for perf and gdb, never exported. */
      LLVMSetLinkage(fn, LLVMInternalLinkage);
    }
    lm->funcs[i - m->nfunc_imports] = fn;
  }
  return true;
}

static bool build_module(w2s_llvm_module *lm, const part *p, w2s_diag *d) {
  const w2s_module *m = lm->m;
  if (!declare_functions(lm, p, d))
    return false;
  for (uint32_t i = p->first; i < p->end; i++)
    if (!w2s_lower_function(lm, i, d))
      return false;
  if (!p->descriptor)
    return true;
  LLVMValueRef *tramps = calloc(m->ntypes ? m->ntypes : 1, sizeof *tramps);
  if (!tramps)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  bool ok = w2s_emit_trampolines(lm, tramps, d) && w2s_emit_descriptor(lm, tramps, d);
  free(tramps);
  return ok;
}

static bool set_data_layout(LLVMModuleRef mod, const w2s_target *t) {
  LLVMSetTarget(mod, t->triple);
  LLVMTargetDataRef td = LLVMCreateTargetDataLayout(t->tm);
  char *layout = LLVMCopyStringRepOfTargetData(td);
  LLVMSetDataLayout(mod, layout);
  LLVMDisposeMessage(layout);
  LLVMDisposeTargetData(td);
  return true;
}

/* Lower, optimise and emit one part (a thread's body). */
static void *compile_part(void *arg) {
  part *p = arg;
  const w2s_module *m = p->m;
  w2s_target target;
  if (!w2s_target_init(&target, p->o, &p->d))
    return NULL;
  w2s_llvm_module lm = {.m = m, .target = &target};
  lm.ctx = LLVMContextCreate();
  lm.mod = LLVMModuleCreateWithNameInContext("wasm", lm.ctx);
  lm.fn_types = calloc(m->ntypes ? m->ntypes : 1, sizeof *lm.fn_types);
  lm.funcs = calloc(m->nfuncs - m->nfunc_imports + 1, sizeof *lm.funcs);
  bool ok = lm.fn_types && lm.funcs;
  if (!ok)
    w2s_fail(&p->d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  ok = ok && set_data_layout(lm.mod, &target) && build_module(&lm, p, &p->d) &&
       w2s_optimise(lm.mod, &target, p->o->opt_level, &p->d);
  LLVMMemoryBufferRef obj = NULL;
  ok = ok && w2s_emit_object(lm.mod, &target, &obj, &p->d);
  if (ok) {
    p->obj_size = LLVMGetBufferSize(obj);
    p->obj = malloc(p->obj_size ? p->obj_size : 1);
    if (p->obj)
      memcpy(p->obj, LLVMGetBufferStart(obj), p->obj_size);
    else
      ok = w2s_fail(&p->d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }
  if (obj)
    LLVMDisposeMemoryBuffer(obj);
  LLVMDisposeModule(lm.mod);
  LLVMContextDispose(lm.ctx);
  free(lm.fn_types);
  free(lm.funcs);
  w2s_target_dispose(&target);
  p->ok = ok;
  return NULL;
}

static unsigned thread_count(const w2s_options *o) {
  long n = o->threads ? (long)o->threads : sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  return n > (long)W2S_MAX_THREADS ? W2S_MAX_THREADS : (unsigned)n;
}

static size_t func_code(const w2s_module *m, uint32_t i) {
  return (size_t)(m->funcs[i].code_end - m->funcs[i].code);
}

/* Whether function i compiles alone (W2S_HUGE_FUNC_CODE); never at -O0. */
static bool is_huge(const w2s_module *m, const w2s_options *o, uint32_t i) {
  size_t limit = o->huge_func_code ? o->huge_func_code : W2S_HUGE_FUNC_CODE;
  return o->opt_level > 0 && func_code(m, i) >= limit;
}

/* How many parts to allow for, by code size and threads: the ranges, plus
 * for each huge function its own part and one more range it may split.
 * Also the code size outside huge functions and how many there are. */
static unsigned part_count(const w2s_module *m, const w2s_options *o, size_t *code,
                           unsigned *nhuge) {
  *code = 0;
  *nhuge = 0;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    if (is_huge(m, o, i))
      ++*nhuge;
    else
      *code += func_code(m, i);
  }
  size_t by_size = *code / (o->split_min_code ? o->split_min_code : W2S_PART_MIN_CODE);
  unsigned n = thread_count(o);
  if (by_size < n)
    n = by_size ? (unsigned)by_size : 1;
  uint32_t ndefined = m->nfuncs - m->nfunc_imports;
  if (n > ndefined)
    n = ndefined ? ndefined : 1;
  return *nhuge ? n + 2 * *nhuge + 1 : n;
}

/* Unique symbol names for every defined function, for several parts: a Wasm
 * module may name two functions alike, and the descriptor's name is taken.
 * LLVM already makes names unique within a module, so a scratch module of
 * declarations does it. */
static char **unique_symbols(const w2s_module *m) {
  uint32_t n = m->nfuncs - m->nfunc_imports;
  char **names = calloc(n ? n : 1, sizeof *names);
  if (!names)
    return NULL;
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef mod = LLVMModuleCreateWithNameInContext("names", ctx);
  LLVMTypeRef ty = LLVMFunctionType(LLVMVoidTypeInContext(ctx), NULL, 0, 0);
  LLVMAddFunction(mod, WASMSO_DESCRIPTOR_SYMBOL, ty);
  bool ok = true;
  for (uint32_t i = 0; ok && i < n; i++) {
    char buf[64];
    LLVMValueRef fn = LLVMAddFunction(mod, w2s_func_name(m, m->nfunc_imports + i, buf, sizeof buf), ty);
    size_t len;
    const char *s = LLVMGetValueName2(fn, &len);
    names[i] = strndup(s, len);
    ok = names[i] != NULL;
  }
  LLVMDisposeModule(mod);
  LLVMContextDispose(ctx);
  if (!ok) {
    for (uint32_t i = 0; i < n; i++)
      free(names[i]);
    free(names);
    return NULL;
  }
  return names;
}

static void start_part(part *p, const w2s_module *m, const w2s_options *o, char *const *symbols,
                       uint32_t first, bool descriptor) {
  *p = (part){.m = m, .opts = *o, .symbols = symbols, .first = first, .end = first,
              .descriptor = descriptor};
  p->o = &p->opts;
}

/* Split m into at most `max` parts: each huge function alone, the rest (code
 * bytes) in contiguous ranges of about code / nnormal bytes each.  Returns
 * how many. */
static unsigned plan_parts(const w2s_module *m, const w2s_options *o, char *const *symbols,
                           part *parts, unsigned max, unsigned nnormal, unsigned nhuge,
                           size_t code) {
  unsigned k = 0, huge_left = nhuge;
  size_t goal = code / nnormal, done = 0;
  start_part(&parts[0], m, o, symbols, m->nfunc_imports, true);
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    bool huge = is_huge(m, o, i);
    part *p = &parts[k];
    /* Close the current part before a huge function, or when it is full
     * and slots remain for the huge functions still to come. */
    if (p->end > p->first && (huge || (done >= goal && k + 1 + 2 * huge_left < max))) {
      k++;
      start_part(&parts[k], m, o, symbols, i, false);
      done = 0;
      p = &parts[k];
    }
    p->end = i + 1;
    if (huge) {
      huge_left--;
      p->opts.opt_level = 1;
      p->opts.quick_codegen = true;
      if (i + 1 < m->nfuncs) {
        k++;
        start_part(&parts[k], m, o, symbols, i + 1, false);
      }
      continue;
    }
    done += func_code(m, i);
  }
  return parts[k].end > parts[k].first || k == 0 ? k + 1 : k;
}

/* Compile m's functions, planned into parts (at most *nparts_io, see
 * part_count for code and nhuge), each to parts[i].obj.  *nparts_io: how
 * many were used. */
static bool compile_parts(const w2s_module *m, const w2s_options *o, part *parts,
                          unsigned *nparts_io, size_t code, unsigned nhuge, w2s_diag *d) {
  unsigned max = *nparts_io;
  char **symbols = NULL;
  if (max > 1 && !(symbols = unique_symbols(m)))
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  unsigned nparts;
  if (max == 1) {
    start_part(&parts[0], m, o, NULL, m->nfunc_imports, true);
    parts[0].end = m->nfuncs;
    nparts = 1;
  } else {
    unsigned nnormal = nhuge ? max - 2 * nhuge - 1 : max;
    nparts = plan_parts(m, o, symbols, parts, max, nnormal, nhuge, code);
  }
  *nparts_io = nparts;

  bool ok = true;
  if (nparts == 1) {
    compile_part(&parts[0]);
  } else {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, W2S_THREAD_STACK);
    pthread_t *tids = calloc(nparts, sizeof *tids);
    bool *started = calloc(nparts, sizeof *started);
    ok = tids && started;
    for (unsigned k = 0; ok && k < nparts; k++)
      started[k] = pthread_create(&tids[k], &attr, compile_part, &parts[k]) == 0;
    for (unsigned k = 0; ok && k < nparts; k++) {
      if (started[k])
        pthread_join(tids[k], NULL);
      else
        compile_part(&parts[k]); /* no thread to be had: do it here */
    }
    pthread_attr_destroy(&attr);
    free(tids);
    free(started);
    if (!ok)
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }
  for (unsigned k = 0; ok && k < nparts; k++)
    if (!parts[k].ok) {
      *d = parts[k].d;
      ok = false;
    }
  if (symbols) {
    for (uint32_t i = 0; i < m->nfuncs - m->nfunc_imports; i++)
      free(symbols[i]);
    free(symbols);
  }
  return ok;
}

static void free_parts(part *parts, unsigned n) {
  for (unsigned k = 0; parts && k < n; k++)
    free(parts[k].obj);
  free(parts);
}

/* Read and validate; then the parts, compiled. */
static bool compile(const uint8_t *wasm, size_t size, const w2s_options *o, bool one_part,
                    part **parts_out, unsigned *nparts_out, w2s_diag *d) {
  *parts_out = NULL;
  *nparts_out = 0;
  /* A bad --target, --cpu or --cpu-features is reported before the module is
   * read: it is a mistake on the command line, whatever the module. */
  w2s_target t;
  if (!w2s_target_init(&t, o, d))
    return false;
  w2s_target_dispose(&t);
  w2s_module m;
  memset(&m, 0, sizeof m);
  if (!w2s_read_module(wasm, size, &m, d))
    return false;
  if (!w2s_validate_module(&m, d)) {
    w2s_module_free(&m);
    return false;
  }
  size_t code = 0;
  unsigned nhuge = 0;
  unsigned n = one_part ? 1 : part_count(&m, o, &code, &nhuge);
  part *parts = calloc(n, sizeof *parts);
  bool ok = parts != NULL;
  if (!ok)
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  ok = ok && compile_parts(&m, o, parts, &n, code, nhuge, d);
  w2s_module_free(&m);
  if (!ok) {
    free_parts(parts, n);
    return false;
  }
  *parts_out = parts;
  *nparts_out = n;
  return true;
}

bool w2s_compile(const uint8_t *wasm, size_t size, const w2s_options *o, void **obj_out,
                 size_t *obj_size, w2s_diag *d) {
  w2s_options defaults;
  if (!o) {
    w2s_options_default(&defaults);
    o = &defaults;
  }
  *obj_out = NULL;
  *obj_size = 0;
  part *parts;
  unsigned n;
  if (!compile(wasm, size, o, true, &parts, &n, d))
    return false;
  *obj_out = parts[0].obj;
  *obj_size = parts[0].obj_size;
  parts[0].obj = NULL;
  free_parts(parts, n);
  return true;
}

bool w2s_translate(const uint8_t *wasm, size_t size, const w2s_options *o,
                   const char *out_path, w2s_diag *d) {
  w2s_options defaults;
  if (!o) {
    w2s_options_default(&defaults);
    o = &defaults;
  }
  if (!w2s_output_ok(out_path, d))
    return false;
  part *parts = NULL;
  unsigned n = 0;
  bool ok = compile(wasm, size, o, false, &parts, &n, d);
  if (ok) {
    const void **objs = calloc(n, sizeof *objs);
    size_t *sizes = calloc(n, sizeof *sizes);
    ok = objs && sizes;
    if (!ok)
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
    for (unsigned k = 0; ok && k < n; k++) {
      objs[k] = parts[k].obj;
      sizes[k] = parts[k].obj_size;
    }
    ok = ok && w2s_link(objs, sizes, n, o, out_path, d);
    free(objs);
    free(sizes);
  }
  free_parts(parts, n);
  return ok;
}
