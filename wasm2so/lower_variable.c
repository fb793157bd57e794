/* lower_variable.c — locals (entry-block allocas) and globals (cells reached
 * through vmctx->globals; the value sits at offset 0 of the cell). */
#include "w2s_lower_priv.h"

static LLVMValueRef global_cell(w2s_lower_fn *f, uint32_t idx) {
  LLVMValueRef globals = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, globals), f->t_ptr,
                                     true, "globals");
  return w2s_load_index(f, globals, LLVMConstInt(f->t_i64, idx, 0), f->t_ptr, true, "cell");
}

bool w2s_lower_variable(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  struct w2s_lower_priv *p = f->priv;
  uint32_t idx = in->imm.index;
  switch (in->op) {
  case W2S_OP_LOCAL_GET:
  case W2S_OP_LOCAL_SET:
  case W2S_OP_LOCAL_TEE:
    if (idx >= p->nlocals)
      return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "bad local index");
    if (in->op == W2S_OP_LOCAL_GET) {
      w2s_push(f, LLVMBuildLoad2(f->b, p->local_types[idx], p->locals[idx], ""));
    } else {
      LLVMValueRef v = w2s_pop(f);
      LLVMBuildStore(f->b, v, p->locals[idx]);
      if (in->op == W2S_OP_LOCAL_TEE)
        w2s_push(f, v);
    }
    return true;
  case W2S_OP_GLOBAL_GET:
  case W2S_OP_GLOBAL_SET: {
    if (idx >= f->m->nglobals)
      return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "bad global index");
    const w2s_globaltype *gt = &f->m->globals[idx].type;
    LLVMValueRef cell = global_cell(f, idx);
    if (in->op == W2S_OP_GLOBAL_GET) {
      /* An immutable global is fixed before any guest code runs. */
      w2s_push(f, w2s_load_at(f, cell, 0, w2s_llvm_valtype(f->ctx, gt->type), !gt->mut, ""));
    } else {
      LLVMBuildStore(f->b, w2s_pop(f), cell);
    }
    return true;
  }
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not a variable instruction: %s",
                    w2s_opinfo_table[in->op].text);
  }
}
