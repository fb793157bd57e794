/* lower_ref.c — ref.null, ref.is_null, ref.func.  A funcref is the
 * wasmso_funcref* in vmctx->funcs; null is the null pointer. */
#include "w2s_lower_priv.h"

bool w2s_lower_ref(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  switch (in->op) {
  case W2S_OP_REF_NULL:
    w2s_push(f, LLVMConstNull(f->t_ptr));
    return true;
  case W2S_OP_REF_IS_NULL:
    w2s_push(f, LLVMBuildZExt(f->b, LLVMBuildIsNull(f->b, w2s_pop(f), ""), f->t_i32, ""));
    return true;
  case W2S_OP_REF_FUNC: {
    LLVMValueRef funcs = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, funcs), f->t_ptr, true,
                                     "funcs");
    w2s_push(f, w2s_load_index(f, funcs, LLVMConstInt(f->t_i64, in->imm.index, 0), f->t_ptr,
                               true, "funcref"));
    return true;
  }
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not a reference instruction: %s",
                    w2s_opinfo_table[in->op].text);
  }
}
