/* lower_parametric.c — drop and select.
 *
 * With guard pages an out-of-bounds load traps only if it executes; LLVM
 * deletes a load whose value is unused, so a dropped load is kept alive by an
 * empty asm that takes it as an input (wasm2c's FORCE_READ). */
#include "w2s_lower_priv.h"

/* The load behind v, looking through the extensions a narrow load adds. */
static LLVMValueRef underlying_load(LLVMValueRef v) {
  for (int i = 0; i < 3 && v; i++) {
    if (LLVMIsALoadInst(v))
      return v;
    if (!LLVMIsACastInst(v))
      return NULL;
    v = LLVMGetOperand(v, 0);
  }
  return NULL;
}

static void force_read(w2s_lower_fn *f, LLVMValueRef load) {
  LLVMTypeRef ty = LLVMTypeOf(load);
  LLVMTypeKind k = LLVMGetTypeKind(ty);
  /* An integer register input works on both targets; bring the value there. */
  if (k == LLVMFloatTypeKind)
    load = LLVMBuildBitCast(f->b, load, f->t_i32, "");
  else if (k == LLVMDoubleTypeKind)
    load = LLVMBuildBitCast(f->b, load, f->t_i64, "");
  else if (k == LLVMVectorTypeKind)
    load = LLVMBuildExtractElement(f->b, load, LLVMConstInt(f->t_i32, 0, 0), "");
  ty = LLVMTypeOf(load);
  LLVMTypeRef fty = LLVMFunctionType(f->t_void, &ty, 1, 0);
  LLVMValueRef asm_ = LLVMGetInlineAsm(fty, "", 0, "r", 1, 1, 0, LLVMInlineAsmDialectATT, 0);
  LLVMBuildCall2(f->b, fty, asm_, &load, 1, "");
}

bool w2s_lower_parametric(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  switch (in->op) {
  case W2S_OP_DROP: {
    LLVMValueRef v = w2s_pop(f);
    LLVMValueRef load = underlying_load(v);
    if (load)
      force_read(f, load);
    return true;
  }
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
