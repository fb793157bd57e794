/* emit_trampolines.c — one trampoline per module type, so C can call a
 * function of that type: tramp(fn, vmctx, args, results) unpacks the 16-byte
 * wasmso_value slots, calls fn(vmctx, params...) and stores the results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2s_lower_priv.h"

static LLVMValueRef slot(LLVMBuilderRef b, LLVMContextRef ctx, LLVMValueRef base, uint32_t i) {
  LLVMValueRef off = LLVMConstInt(LLVMInt64TypeInContext(ctx), (uint64_t)i * sizeof(wasmso_value), 0);
  return LLVMBuildInBoundsGEP2(b, LLVMInt8TypeInContext(ctx), base, &off, 1, "");
}

static bool emit_one(const w2s_llvm_module *lm, LLVMBuilderRef b, uint32_t type, LLVMValueRef *out) {
  LLVMContextRef ctx = lm->ctx;
  const w2s_functype *ft = &lm->m->types[type];
  LLVMTypeRef ptr = LLVMPointerTypeInContext(ctx, 0);
  LLVMTypeRef params[4] = {ptr, ptr, ptr, ptr};
  LLVMTypeRef tty = LLVMFunctionType(LLVMVoidTypeInContext(ctx), params, 4, 0);
  char name[48];
  snprintf(name, sizeof name, "wasmso_trampoline_%u", type);
  LLVMValueRef fn = LLVMAddFunction(lm->mod, name, tty);
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  const char *k = "frame-pointer", *v = "all";
  LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                             LLVMCreateStringAttribute(ctx, k, strlen(k), v, strlen(v)));
  LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(ctx, fn, "entry"));

  LLVMValueRef *args = malloc(((size_t)ft->nparams + 1) * sizeof *args);
  if (!args)
    return false;
  args[0] = LLVMGetParam(fn, 1);
  LLVMValueRef in = LLVMGetParam(fn, 2), res = LLVMGetParam(fn, 3);
  for (uint32_t i = 0; i < ft->nparams; i++) {
    LLVMValueRef l = LLVMBuildLoad2(b, w2s_llvm_valtype(ctx, ft->params[i]), slot(b, ctx, in, i), "");
    LLVMSetAlignment(l, 16);
    args[i + 1] = l;
  }
  LLVMValueRef call = LLVMBuildCall2(b, lm->fn_types[type], LLVMGetParam(fn, 0), args,
                                     ft->nparams + 1, "");
  free(args);
  for (uint32_t i = 0; i < ft->nresults; i++) {
    LLVMValueRef r = ft->nresults == 1 ? call : LLVMBuildExtractValue(b, call, i, "");
    LLVMSetAlignment(LLVMBuildStore(b, r, slot(b, ctx, res, i)), 16);
  }
  LLVMBuildRetVoid(b);
  *out = fn;
  return true;
}

bool w2s_emit_trampolines(const w2s_llvm_module *lm, LLVMValueRef *out, w2s_diag *d) {
  LLVMBuilderRef b = LLVMCreateBuilderInContext(lm->ctx);
  bool ok = true;
  for (uint32_t t = 0; t < lm->m->ntypes && ok; t++)
    ok = emit_one(lm, b, t, &out[t]);
  LLVMDisposeBuilder(b);
  return ok ? true : w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
}
