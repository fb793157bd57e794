/* lower_convert.c — class CONVERT: wrap/extend, float<->int conversions
 * (trapping and saturating), demote/promote, reinterpret and the
 * sign-extension operators. */
#include "w2s_lower.h"

/* Trapping float->int truncation.  fptosi/fptoui are poison out of range, so
 * the range is checked first against bounds that are exact in the source
 * type: the value is valid iff lo < x (or lo <= x) and x < hi. */
static LLVMValueRef trunc_trapping(w2s_lower_fn *f, LLVMValueRef x, LLVMTypeRef to, bool is_signed) {
  LLVMTypeRef ft = LLVMTypeOf(x);
  bool from_f64 = ft == f->t_f64;
  unsigned n = LLVMGetIntTypeWidth(to);
  double lo, hi;
  bool lo_inclusive;
  if (is_signed) {
    hi = n == 32 ? 2147483648.0 : 9223372036854775808.0;
    if (n == 32 && from_f64) {
      lo = -2147483649.0; /* exact in f64: everything above truncates into range */
      lo_inclusive = false;
    } else {
      lo = -hi;           /* the next value below -2^(n-1) is already out of range */
      lo_inclusive = true;
    }
  } else {
    lo = -1.0;            /* (-1, 0) truncates to 0 */
    lo_inclusive = false;
    hi = n == 32 ? 4294967296.0 : 18446744073709551616.0;
  }
  w2s_trap_if(f, LLVMBuildFCmp(f->b, LLVMRealUNO, x, x, ""), WASMSO_TRAP_INVALID_CONVERSION);
  LLVMValueRef above = LLVMBuildFCmp(f->b, lo_inclusive ? LLVMRealOGE : LLVMRealOGT, x,
                                     LLVMConstReal(ft, lo), "");
  LLVMValueRef below = LLVMBuildFCmp(f->b, LLVMRealOLT, x, LLVMConstReal(ft, hi), "");
  LLVMValueRef in = LLVMBuildAnd(f->b, above, below, "");
  w2s_trap_if(f, LLVMBuildNot(f->b, in, ""), WASMSO_TRAP_INT_OVERFLOW);
  return is_signed ? LLVMBuildFPToSI(f->b, x, to, "") : LLVMBuildFPToUI(f->b, x, to, "");
}

/* Saturating truncation: exactly the llvm.fpto[su]i.sat semantics (NaN -> 0). */
static LLVMValueRef trunc_sat(w2s_lower_fn *f, LLVMValueRef x, LLVMTypeRef to, bool is_signed) {
  LLVMTypeRef ov[2] = {to, LLVMTypeOf(x)};
  return w2s_intrinsic(f, is_signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat", ov, 2, &x, 1);
}

/* Sign-extend the low `bits` bits of x within its own type. */
static LLVMValueRef extend_low(w2s_lower_fn *f, LLVMValueRef x, unsigned bits) {
  LLVMTypeRef t = LLVMTypeOf(x);
  return LLVMBuildSExt(f->b, LLVMBuildTrunc(f->b, x, LLVMIntTypeInContext(f->ctx, bits), ""), t, "");
}

bool w2s_lower_convert(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  LLVMBuilderRef b = f->b;
  LLVMValueRef x = w2s_pop(f), r;
  switch (in->op) {
  case W2S_OP_I32_WRAP_I64: r = LLVMBuildTrunc(b, x, f->t_i32, ""); break;
  case W2S_OP_I64_EXTEND_I32_S: r = LLVMBuildSExt(b, x, f->t_i64, ""); break;
  case W2S_OP_I64_EXTEND_I32_U: r = LLVMBuildZExt(b, x, f->t_i64, ""); break;

  case W2S_OP_I32_TRUNC_F32_S: case W2S_OP_I32_TRUNC_F64_S:
    r = trunc_trapping(f, x, f->t_i32, true);
    break;
  case W2S_OP_I32_TRUNC_F32_U: case W2S_OP_I32_TRUNC_F64_U:
    r = trunc_trapping(f, x, f->t_i32, false);
    break;
  case W2S_OP_I64_TRUNC_F32_S: case W2S_OP_I64_TRUNC_F64_S:
    r = trunc_trapping(f, x, f->t_i64, true);
    break;
  case W2S_OP_I64_TRUNC_F32_U: case W2S_OP_I64_TRUNC_F64_U:
    r = trunc_trapping(f, x, f->t_i64, false);
    break;

  case W2S_OP_I32_TRUNC_SAT_F32_S: case W2S_OP_I32_TRUNC_SAT_F64_S:
    r = trunc_sat(f, x, f->t_i32, true);
    break;
  case W2S_OP_I32_TRUNC_SAT_F32_U: case W2S_OP_I32_TRUNC_SAT_F64_U:
    r = trunc_sat(f, x, f->t_i32, false);
    break;
  case W2S_OP_I64_TRUNC_SAT_F32_S: case W2S_OP_I64_TRUNC_SAT_F64_S:
    r = trunc_sat(f, x, f->t_i64, true);
    break;
  case W2S_OP_I64_TRUNC_SAT_F32_U: case W2S_OP_I64_TRUNC_SAT_F64_U:
    r = trunc_sat(f, x, f->t_i64, false);
    break;

  /* sitofp/uitofp round to nearest-even, as Wasm requires. */
  case W2S_OP_F32_CONVERT_I32_S: case W2S_OP_F32_CONVERT_I64_S:
    r = LLVMBuildSIToFP(b, x, f->t_f32, "");
    break;
  case W2S_OP_F32_CONVERT_I32_U: case W2S_OP_F32_CONVERT_I64_U:
    r = LLVMBuildUIToFP(b, x, f->t_f32, "");
    break;
  case W2S_OP_F64_CONVERT_I32_S: case W2S_OP_F64_CONVERT_I64_S:
    r = LLVMBuildSIToFP(b, x, f->t_f64, "");
    break;
  case W2S_OP_F64_CONVERT_I32_U: case W2S_OP_F64_CONVERT_I64_U:
    r = LLVMBuildUIToFP(b, x, f->t_f64, "");
    break;
  case W2S_OP_F32_DEMOTE_F64:
    if (LLVMIsAFPExtInst(x))
      x = w2s_opaque(f, x);
    r = LLVMBuildFPTrunc(b, x, f->t_f32, "");
    break;
  case W2S_OP_F64_PROMOTE_F32: r = LLVMBuildFPExt(b, x, f->t_f64, ""); break;

  case W2S_OP_I32_REINTERPRET_F32: r = LLVMBuildBitCast(b, x, f->t_i32, ""); break;
  case W2S_OP_I64_REINTERPRET_F64: r = LLVMBuildBitCast(b, x, f->t_i64, ""); break;
  case W2S_OP_F32_REINTERPRET_I32: r = LLVMBuildBitCast(b, x, f->t_f32, ""); break;
  case W2S_OP_F64_REINTERPRET_I64: r = LLVMBuildBitCast(b, x, f->t_f64, ""); break;

  case W2S_OP_I32_EXTEND8_S: case W2S_OP_I64_EXTEND8_S: r = extend_low(f, x, 8); break;
  case W2S_OP_I32_EXTEND16_S: case W2S_OP_I64_EXTEND16_S: r = extend_low(f, x, 16); break;
  case W2S_OP_I64_EXTEND32_S: r = extend_low(f, x, 32); break;
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s is not a conversion",
                    w2s_opinfo_table[in->op].text);
  }
  w2s_push(f, r);
  return true;
}
