/* lower_parametric.c — drop and select.
 *
 * With guard pages an out-of-bounds load traps only if it executes; LLVM
 * deletes a load whose value is unused, so a dropped load is kept alive by an
 * empty asm that takes it as an input (wasm2c's FORCE_READ). */
#include "w2s_lower_priv.h"

/* The load behind v, looking through the extensions a narrow load adds and
 * the lane insertions and splats of the v128 loads (lower_simd_mem.c). */
static LLVMValueRef underlying_load(LLVMValueRef v) {
  for (int i = 0; i < 4 && v; i++) {
    if (LLVMIsALoadInst(v))
      return v;
    if (LLVMIsAInsertElementInst(v))
      v = LLVMGetOperand(v, 1);
    else if (LLVMIsACastInst(v) || LLVMIsAShuffleVectorInst(v))
      v = LLVMGetOperand(v, 0);
    else
      return NULL;
  }
  return NULL;
}

static void force_read(w2s_lower_fn *f, LLVMValueRef load) {
  LLVMTypeRef ty = LLVMTypeOf(load);
  LLVMTypeKind k = LLVMGetTypeKind(ty);
  /* An integer register input works on both targets; bring the value there. */
  const char *constraint = "r";
  if (k == LLVMFloatTypeKind)
    load = LLVMBuildBitCast(f->b, load, f->t_i32, "");
  else if (k == LLVMDoubleTypeKind)
    load = LLVMBuildBitCast(f->b, load, f->t_i64, "");
  else if (k == LLVMVectorTypeKind) {
    /* The whole vector: taking one lane would let LLVM narrow the load, and
     * a partly out-of-bounds v128 must trap.  128 bits go in a vector
     * register; the 64-bit loads of load8x8 etc. in an integer one. */
    LLVMTypeRef et = LLVMGetElementType(ty);
    unsigned bits = LLVMGetVectorSize(ty) * (LLVMGetTypeKind(et) == LLVMIntegerTypeKind
                                                 ? LLVMGetIntTypeWidth(et)
                                                 : LLVMGetTypeKind(et) == LLVMFloatTypeKind ? 32 : 64);
    if (bits == 128) {
      load = LLVMBuildBitCast(f->b, load, LLVMVectorType(f->t_i64, 2), "");
      constraint = f->target->is_aarch64 ? "w" : "x";
    } else {
      load = LLVMBuildBitCast(f->b, load, LLVMIntTypeInContext(f->ctx, bits), "");
    }
  }
  ty = LLVMTypeOf(load);
  LLVMTypeRef fty = LLVMFunctionType(f->t_void, &ty, 1, 0);
  LLVMValueRef asm_ = LLVMGetInlineAsm(fty, "", 0, constraint, 1, 1, 0, LLVMInlineAsmDialectATT, 0);
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
