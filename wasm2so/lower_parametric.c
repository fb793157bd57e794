/* lower_parametric.c — drop and select.  A dropped load still executes: every
 * load is kept alive where it is lowered (keep_loads.c). */
#include "w2s_lower_priv.h"

bool w2s_lower_parametric(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  switch (in->op) {
  case W2S_OP_DROP:
    w2s_pop(f);
    return true;
  case W2S_OP_SELECT:
  case W2S_OP_SELECT_T: {
    LLVMValueRef c = w2s_i32_to_bool(f, w2s_pop(f));
    LLVMValueRef b = w2s_pop(f);
    LLVMValueRef a = w2s_pop(f);
    w2s_push(f, LLVMBuildSelect(f->b, c, a, b, ""));
    return true;
  }
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not parametric: %s",
                    w2s_opinfo_table[in->op].text);
  }
}
