/* translate.c — the pipeline: read -> validate -> target -> lower ->
 * descriptor -> optimise -> emit (w2s_compile) -> link (w2s_translate).  Every LLVM object is created and
 * disposed here, per call: the spec runner translates ~1600 modules in one
 * process. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "w2s_lower_priv.h"

void w2s_options_default(w2s_options *o) {
  memset(o, 0, sizeof *o);
  o->opt_level = 2;
}

bool w2s_check(const uint8_t *wasm, size_t size, w2s_diag *d) {
  w2s_module m;
  memset(&m, 0, sizeof m);
  if (!w2s_read_module(wasm, size, &m, d))
    return false;
  bool ok = w2s_validate_module(&m, d);
  w2s_module_free(&m);
  return ok;
}

/* Declare every defined function first, so calls can refer to any of them. */
static bool declare_functions(w2s_llvm_module *lm, w2s_diag *d) {
  const w2s_module *m = lm->m;
  for (uint32_t t = 0; t < m->ntypes; t++) {
    lm->fn_types[t] = w2s_llvm_functype(lm->ctx, &m->types[t]);
    if (!lm->fn_types[t])
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
    char buf[64];
    const char *name = w2s_func_name(m, i, buf, sizeof buf);
    LLVMValueRef fn = LLVMAddFunction(lm->mod, name, lm->fn_types[m->funcs[i].type]);
    /* Internal: a local ELF symbol for perf and gdb, never exported. */
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    lm->funcs[i - m->nfunc_imports] = fn;
  }
  return true;
}

static bool build_module(w2s_llvm_module *lm, w2s_diag *d) {
  const w2s_module *m = lm->m;
  if (!declare_functions(lm, d))
    return false;
  for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
    if (!w2s_lower_function(lm, i, d))
      return false;
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

/* read -> validate -> lower -> optimise -> emit: an ELF object in memory. */
bool w2s_compile(const uint8_t *wasm, size_t size, const w2s_options *o, void **obj_out,
                 size_t *obj_size, w2s_diag *d) {
  w2s_options defaults;
  if (!o) {
    w2s_options_default(&defaults);
    o = &defaults;
  }
  *obj_out = NULL;
  *obj_size = 0;
  w2s_module m;
  memset(&m, 0, sizeof m);
  w2s_target target;
  if (!w2s_read_module(wasm, size, &m, d))
    return false;
  if (!w2s_validate_module(&m, d) || !w2s_target_init(&target, o, d)) {
    w2s_module_free(&m);
    return false;
  }

  w2s_llvm_module lm = {.m = &m, .target = &target};
  lm.ctx = LLVMContextCreate();
  lm.mod = LLVMModuleCreateWithNameInContext("wasm", lm.ctx);
  lm.fn_types = calloc(m.ntypes ? m.ntypes : 1, sizeof *lm.fn_types);
  lm.funcs = calloc(m.nfuncs - m.nfunc_imports + 1, sizeof *lm.funcs);
  bool ok = lm.fn_types && lm.funcs;
  if (!ok)
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  ok = ok && set_data_layout(lm.mod, &target) && build_module(&lm, d) &&
       w2s_optimise(lm.mod, &target, o->opt_level, d);
  LLVMMemoryBufferRef obj = NULL;
  ok = ok && w2s_emit_object(lm.mod, &target, &obj, d);
  if (ok) {
    *obj_size = LLVMGetBufferSize(obj);
    *obj_out = malloc(*obj_size ? *obj_size : 1);
    if (*obj_out)
      memcpy(*obj_out, LLVMGetBufferStart(obj), *obj_size);
    else
      ok = w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }

  if (obj)
    LLVMDisposeMemoryBuffer(obj);
  LLVMDisposeModule(lm.mod);
  LLVMContextDispose(lm.ctx);
  free(lm.fn_types);
  free(lm.funcs);
  w2s_target_dispose(&target);
  w2s_module_free(&m);
  return ok;
}

bool w2s_translate(const uint8_t *wasm, size_t size, const w2s_options *o,
                   const char *out_path, w2s_diag *d) {
  w2s_options defaults;
  if (!o) {
    w2s_options_default(&defaults);
    o = &defaults;
  }
  void *obj = NULL;
  size_t obj_size = 0;
  bool ok = w2s_compile(wasm, size, o, &obj, &obj_size, d) &&
            w2s_link(obj, obj_size, o, out_path, d);
  free(obj);
  if (!ok)
    unlink(out_path); /* no stale .so from an earlier run may pass for this one */
  return ok;
}
