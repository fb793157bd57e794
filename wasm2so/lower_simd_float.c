/* lower_simd_float.c — SIMD128 float lane arithmetic and the conversions
 * between float and integer lanes.  The NaN rules are those of the scalar
 * lowering (lower_numeric.c, lower_convert.c): min/max propagate NaN and
 * order -0 < +0 through llvm.minimum/maximum, with a signalling NaN quieted;
 * operations that LLVM would fold to an identity keep their NaN quieting by
 * hiding constant operands; pmin/pmax are the plain selects the spec
 * defines. */
#include "lower_simd.h"

static bool is(const char *op, const char *name) {
  return strcmp(op, name) == 0;
}

/* A constant vector with a lane LLVM can fold into an identity or a sign
 * flip (+-0, +-1), or any non-splat pattern we do not inspect. */
static bool foldable_const(LLVMValueRef v) {
  if (!LLVMIsConstant(v))
    return false;
  LLVMTypeRef t = LLVMTypeOf(v);
  unsigned n = LLVMGetVectorSize(t);
  for (unsigned i = 0; i < n; i++) {
    LLVMValueRef e = LLVMGetAggregateElement(v, i);
    LLVMBool lost;
    if (!e || !LLVMIsAConstantFP(e))
      return true;
    double d = LLVMConstRealGetDouble(e, &lost);
    if (d == 0.0 || d == 1.0 || d == -1.0)
      return true;
  }
  return false;
}

static LLVMValueRef quiet_if_nan(w2s_lower_fn *f, LLVMValueRef r, LLVMValueRef a, LLVMValueRef b) {
  LLVMValueRef nan = LLVMBuildFCmp(f->b, LLVMRealUNO, r, r, "");
  return LLVMBuildSelect(f->b, nan, LLVMBuildFAdd(f->b, a, b, ""), r, "");
}

static bool lower_compare(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  /* Ordered, except ne which is true on NaN. */
  static const struct { const char *name; LLVMRealPredicate p; } preds[] = {
    {"eq", LLVMRealOEQ}, {"ne", LLVMRealUNE}, {"lt", LLVMRealOLT},
    {"gt", LLVMRealOGT}, {"le", LLVMRealOLE}, {"ge", LLVMRealOGE},
  };
  for (size_t i = 0; i < sizeof preds / sizeof preds[0]; i++) {
    if (is(op, preds[i].name)) {
      LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s);
      w2s_simd_shape is = {false, s.bits, s.lanes};
      LLVMValueRef c = LLVMBuildFCmp(f->b, preds[i].p, x, y, "");
      w2s_simd_push(f, LLVMBuildSExt(f->b, c, w2s_simd_vec_type(f, is), ""));
      return true;
    }
  }
  return false;
}

static bool lower_arith(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  static const struct { const char *name, *intrinsic; } unary[] = {
    {"abs", "llvm.fabs"}, {"sqrt", "llvm.sqrt"}, {"ceil", "llvm.ceil"},
    {"floor", "llvm.floor"}, {"trunc", "llvm.trunc"}, {"nearest", "llvm.roundeven"},
  };
  LLVMBuilderRef b = f->b;
  for (size_t i = 0; i < sizeof unary / sizeof unary[0]; i++) {
    if (is(op, unary[i].name)) {
      LLVMValueRef x = w2s_simd_pop(f, s);
      bool rounding = i >= 2; /* ceil, floor, trunc, nearest */
      w2s_simd_push(f, rounding ? w2s_round(f, unary[i].intrinsic, x)
                                : w2s_simd_call1(f, unary[i].intrinsic, x));
      return true;
    }
  }
  if (is(op, "neg")) {
    w2s_simd_push(f, LLVMBuildFNeg(b, w2s_simd_pop(f, s), ""));
    return true;
  }
  if (!is(op, "add") && !is(op, "sub") && !is(op, "mul") && !is(op, "div") && !is(op, "min") &&
      !is(op, "max") && !is(op, "pmin") && !is(op, "pmax"))
    return false;
  LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s), r;
  if (op[0] != 'p' && op[0] != 'm') {
    if (foldable_const(x))
      x = w2s_opaque(f, x);
    if (foldable_const(y))
      y = w2s_opaque(f, y);
  }
  if (is(op, "add"))
    r = LLVMBuildFAdd(b, x, y, "");
  else if (is(op, "sub"))
    r = LLVMBuildFSub(b, x, y, "");
  else if (is(op, "mul"))
    r = LLVMBuildFMul(b, x, y, "");
  else if (is(op, "div"))
    r = LLVMBuildFDiv(b, x, y, "");
  else if (is(op, "min"))
    r = quiet_if_nan(f, w2s_simd_call2(f, "llvm.minimum", x, y), x, y);
  else if (is(op, "max"))
    r = quiet_if_nan(f, w2s_simd_call2(f, "llvm.maximum", x, y), x, y);
  else if (is(op, "pmin")) /* b < a ? b : a */
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOLT, y, x, ""), y, x, "");
  else /* pmax: a < b ? b : a */
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOLT, x, y, ""), y, x, "");
  w2s_simd_push(f, r);
  return true;
}

/* Two lanes widened to four with zero lanes 2 and 3. */
static LLVMValueRef zero_high(w2s_lower_fn *f, LLVMValueRef v2) {
  LLVMValueRef idx[4];
  for (unsigned i = 0; i < 4; i++)
    idx[i] = LLVMConstInt(f->t_i32, i, false);
  return LLVMBuildShuffleVector(f->b, v2, LLVMConstNull(LLVMTypeOf(v2)), LLVMConstVector(idx, 4), "");
}

static LLVMValueRef splat_f(w2s_lower_fn *f, LLVMTypeRef vt, double v) {
  return w2s_simd_splat(f, LLVMConstReal(LLVMGetElementType(vt), v), LLVMGetVectorSize(vt));
}

static LLVMValueRef splat_i32(w2s_lower_fn *f, unsigned n, uint32_t v) {
  return w2s_simd_splat(f, LLVMConstInt(f->t_i32, v, false), n);
}

/* x < lim ? x : lim, x > lim ? x : lim (a NaN x gives lim). */
static LLVMValueRef min_c(w2s_lower_fn *f, LLVMValueRef x, LLVMValueRef lim) {
  return LLVMBuildSelect(f->b, LLVMBuildFCmp(f->b, LLVMRealOLT, x, lim, ""), x, lim, "");
}
static LLVMValueRef max_c(w2s_lower_fn *f, LLVMValueRef x, LLVMValueRef lim) {
  return LLVMBuildSelect(f->b, LLVMBuildFCmp(f->b, LLVMRealOGT, x, lim, ""), x, lim, "");
}

/* Saturating f32x4 -> i32x4 for x86, where llvm.fpto[su]i.sat is split
 * into four scalar conversions: clamp into the range where fptosi is
 * defined (cvttps2dq), then patch the lanes that saturate upwards.  NaN
 * lanes are replaced by 0 first. */
static LLVMValueRef trunc_sat_f32x4_x86(w2s_lower_fn *f, LLVMValueRef x, bool is_signed) {
  LLVMBuilderRef b = f->b;
  LLVMTypeRef vt = LLVMTypeOf(x);
  LLVMValueRef zero = LLVMConstNull(vt);
  LLVMValueRef ord = LLVMBuildFCmp(b, LLVMRealORD, x, x, "");
  LLVMValueRef c = LLVMBuildSelect(b, ord, x, zero, "");
  if (is_signed) {
    c = max_c(f, min_c(f, c, splat_f(f, vt, 2147483520.0)), splat_f(f, vt, -2147483648.0));
    LLVMValueRef i = LLVMBuildFPToSI(b, c, f->t_v128, "");
    LLVMValueRef hi = LLVMBuildFCmp(b, LLVMRealOGE, x, splat_f(f, vt, 2147483648.0), "");
    return LLVMBuildSelect(b, hi, splat_i32(f, 4, 0x7fffffff), i, "");
  }
  /* [0, largest f32 below 2^32]; the upper half goes through x - 2^31. */
  c = min_c(f, max_c(f, c, zero), splat_f(f, vt, 4294967040.0));
  LLVMValueRef big = LLVMBuildFCmp(b, LLVMRealOGE, c, splat_f(f, vt, 2147483648.0), "");
  LLVMValueRef v = LLVMBuildSelect(b, big, LLVMBuildFSub(b, c, splat_f(f, vt, 2147483648.0), ""),
                                   c, "");
  LLVMValueRef i = LLVMBuildFPToSI(b, v, f->t_v128, "");
  i = LLVMBuildOr(b, i, LLVMBuildSelect(b, big, splat_i32(f, 4, 0x80000000u),
                                        LLVMConstNull(f->t_v128), ""), "");
  LLVMValueRef sat = LLVMBuildFCmp(b, LLVMRealOGE, x, splat_f(f, vt, 4294967296.0), "");
  return LLVMBuildSelect(b, sat, splat_i32(f, 4, 0xffffffffu), i, "");
}

/* Saturating f64x2 -> two i32 (signed): every value clamped to
 * [-2^31, 2^31 - 1] is exact in f64, so one defined fptosi follows. */
static LLVMValueRef trunc_sat_f64x2_s_x86(w2s_lower_fn *f, LLVMValueRef x) {
  LLVMBuilderRef b = f->b;
  LLVMTypeRef vt = LLVMTypeOf(x);
  LLVMValueRef ord = LLVMBuildFCmp(b, LLVMRealORD, x, x, "");
  LLVMValueRef c = LLVMBuildSelect(b, ord, x, LLVMConstNull(vt), "");
  c = max_c(f, min_c(f, c, splat_f(f, vt, 2147483647.0)), splat_f(f, vt, -2147483648.0));
  return LLVMBuildFPToSI(b, c, LLVMVectorType(f->t_i32, 2), "");
}

static bool lower_convert(w2s_lower_fn *f, const char *op) {
  LLVMBuilderRef b = f->b;
  w2s_simd_shape f32x4 = {true, 32, 4}, f64x2 = {true, 64, 2}, i32x4 = {false, 32, 4};
  LLVMTypeRef v2i32 = LLVMVectorType(f->t_i32, 2), v2f32 = LLVMVectorType(f->t_f32, 2);
  LLVMTypeRef v2f64 = LLVMVectorType(f->t_f64, 2), v4f32 = LLVMVectorType(f->t_f32, 4);
  LLVMValueRef x, r;
  /* Saturating truncation is exactly llvm.fpto[su]i.sat (NaN -> 0). */
  if (is(op, "trunc_sat_f32x4_s") || is(op, "trunc_sat_f32x4_u")) {
    LLVMTypeRef ov[2] = {f->t_v128, v4f32};
    x = w2s_simd_pop(f, f32x4);
    if (f->target->is_x86_64)
      r = trunc_sat_f32x4_x86(f, x, op[16] == 's');
    else
      r = w2s_intrinsic(f, op[16] == 's' ? "llvm.fptosi.sat" : "llvm.fptoui.sat", ov, 2, &x, 1);
  } else if (is(op, "trunc_sat_f64x2_s_zero") || is(op, "trunc_sat_f64x2_u_zero")) {
    LLVMTypeRef ov[2] = {v2i32, v2f64};
    x = w2s_simd_pop(f, f64x2);
    if (f->target->is_x86_64 && op[16] == 's')
      r = zero_high(f, trunc_sat_f64x2_s_x86(f, x));
    else
      r = zero_high(f, w2s_intrinsic(f, op[16] == 's' ? "llvm.fptosi.sat" : "llvm.fptoui.sat",
                                     ov, 2, &x, 1));
  } else if (is(op, "convert_i32x4_s")) {
    r = LLVMBuildSIToFP(b, w2s_simd_pop(f, i32x4), v4f32, "");
  } else if (is(op, "convert_i32x4_u")) {
    r = LLVMBuildUIToFP(b, w2s_simd_pop(f, i32x4), v4f32, "");
  } else if (is(op, "convert_low_i32x4_s")) {
    r = LLVMBuildSIToFP(b, w2s_simd_lanes(f, w2s_simd_pop(f, i32x4), 0, 2, 1), v2f64, "");
  } else if (is(op, "convert_low_i32x4_u")) {
    r = LLVMBuildUIToFP(b, w2s_simd_lanes(f, w2s_simd_pop(f, i32x4), 0, 2, 1), v2f64, "");
  } else if (is(op, "demote_f64x2_zero")) {
    x = w2s_simd_pop(f, f64x2);
    if (LLVMIsAFPExtInst(x) || LLVMIsConstant(x))
      x = w2s_opaque(f, x);
    r = zero_high(f, LLVMBuildFPTrunc(b, x, v2f32, ""));
  } else if (is(op, "promote_low_f32x4")) {
    r = LLVMBuildFPExt(b, w2s_simd_lanes(f, w2s_simd_pop(f, f32x4), 0, 2, 1), v2f64, "");
  } else {
    return false;
  }
  w2s_simd_push(f, r);
  return true;
}

bool w2s_lower_simd_float(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s,
                          const char *op) {
  (void)in;
  if (lower_convert(f, op))
    return true;
  return s.fp && (lower_compare(f, s, op) || lower_arith(f, s, op));
}
