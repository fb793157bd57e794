/* lower_types.c — Wasm types as LLVM types, per the ABI: i32 -> i32,
 * i64 -> i64, f32 -> float, f64 -> double, v128 -> <4 x i32>, references ->
 * ptr; several results -> a literal struct. */
#include <stdlib.h>

#include "w2s_lower_priv.h"

LLVMTypeRef w2s_llvm_valtype(LLVMContextRef ctx, w2s_valtype t) {
  switch (t) {
  case WASMSO_I32: return LLVMInt32TypeInContext(ctx);
  case WASMSO_I64: return LLVMInt64TypeInContext(ctx);
  case WASMSO_F32: return LLVMFloatTypeInContext(ctx);
  case WASMSO_F64: return LLVMDoubleTypeInContext(ctx);
  case WASMSO_V128: return LLVMVectorType(LLVMInt32TypeInContext(ctx), 4);
  default: return LLVMPointerTypeInContext(ctx, 0);
  }
}

LLVMTypeRef w2s_llvm_result_type(LLVMContextRef ctx, const w2s_valtype *r, uint32_t n) {
  if (n == 0)
    return LLVMVoidTypeInContext(ctx);
  if (n == 1)
    return w2s_llvm_valtype(ctx, r[0]);
  LLVMTypeRef small[8], *elts = n <= 8 ? small : malloc(n * sizeof *elts);
  if (!elts)
    return NULL;
  for (uint32_t i = 0; i < n; i++)
    elts[i] = w2s_llvm_valtype(ctx, r[i]);
  LLVMTypeRef t = LLVMStructTypeInContext(ctx, elts, n, 0);
  if (elts != small)
    free(elts);
  return t;
}

LLVMTypeRef w2s_llvm_functype(LLVMContextRef ctx, const w2s_functype *ft) {
  LLVMTypeRef ret = w2s_llvm_result_type(ctx, ft->results, ft->nresults);
  LLVMTypeRef *params = malloc((ft->nparams + 1) * sizeof *params);
  if (!ret || !params) {
    free(params);
    return NULL;
  }
  params[0] = LLVMPointerTypeInContext(ctx, 0);
  for (uint32_t i = 0; i < ft->nparams; i++)
    params[i + 1] = w2s_llvm_valtype(ctx, ft->params[i]);
  LLVMTypeRef t = LLVMFunctionType(ret, params, ft->nparams + 1, 0);
  free(params);
  return t;
}

LLVMValueRef w2s_const_zero(LLVMContextRef ctx, w2s_valtype t) {
  return LLVMConstNull(w2s_llvm_valtype(ctx, t));
}
