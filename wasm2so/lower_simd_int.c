/* lower_simd_int.c — SIMD128 integer lane arithmetic: comparisons, abs,
 * neg, popcnt, all_true, bitmask, shifts, add/sub/mul, saturating add/sub,
 * min/max, avgr_u, narrowing, extension, extadd_pairwise, extmul, dot and
 * q15mulr_sat_s.  Widening operations compute in the wider lane type and
 * saturations are explicit clamps, so both targets get exact Wasm results
 * (LLVM matches the clamps and averages back to pack/pavg/sqadd...). */
#include "lower_simd.h"

static bool is(const char *op, const char *name) {
  return strcmp(op, name) == 0;
}

static bool starts(const char *op, const char *prefix) {
  return strncmp(op, prefix, strlen(prefix)) == 0;
}

static LLVMValueRef splat_int(w2s_lower_fn *f, w2s_simd_shape s, long long v) {
  return w2s_simd_splat(f, LLVMConstInt(w2s_simd_lane_type(f, s), (unsigned long long)v, true),
                        s.lanes);
}

static LLVMValueRef mask_to_lanes(w2s_lower_fn *f, LLVMValueRef c, w2s_simd_shape s) {
  return LLVMBuildSExt(f->b, c, w2s_simd_vec_type(f, s), "");
}

static bool lower_compare(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  static const struct { const char *name; LLVMIntPredicate p; } preds[] = {
    {"eq", LLVMIntEQ}, {"ne", LLVMIntNE}, {"lt_s", LLVMIntSLT}, {"lt_u", LLVMIntULT},
    {"gt_s", LLVMIntSGT}, {"gt_u", LLVMIntUGT}, {"le_s", LLVMIntSLE}, {"le_u", LLVMIntULE},
    {"ge_s", LLVMIntSGE}, {"ge_u", LLVMIntUGE},
  };
  for (size_t i = 0; i < sizeof preds / sizeof preds[0]; i++) {
    if (is(op, preds[i].name)) {
      LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s);
      w2s_simd_push(f, mask_to_lanes(f, LLVMBuildICmp(f->b, preds[i].p, x, y, ""), s));
      return true;
    }
  }
  return false;
}

/* The source shape of a widening op, from the shape in its name
 * ("extend_low_i8x16_s" -> i8x16). */
static w2s_simd_shape source_shape(const char *op) {
  const char *p = strchr(op, 'i');
  while (p && !(p[1] >= '0' && p[1] <= '9'))
    p = strchr(p + 1, 'i');
  return w2s_simd_shape_of(p ? p : "i32x4");
}

static LLVMValueRef extend(w2s_lower_fn *f, LLVMValueRef v, w2s_simd_shape to, bool is_signed) {
  LLVMTypeRef t = LLVMVectorType(LLVMIntTypeInContext(f->ctx, to.bits),
                                 LLVMGetVectorSize(LLVMTypeOf(v)));
  return is_signed ? LLVMBuildSExt(f->b, v, t, "") : LLVMBuildZExt(f->b, v, t, "");
}

static LLVMValueRef clamp(w2s_lower_fn *f, LLVMValueRef v, w2s_simd_shape s, long long lo,
                          long long hi) {
  v = w2s_simd_call2(f, "llvm.smax", v, splat_int(f, s, lo));
  return w2s_simd_call2(f, "llvm.smin", v, splat_int(f, s, hi));
}

/* Ops whose operands have half-width lanes: narrow, extend, extadd, extmul,
 * dot, and q15mulr/avgr (which widen internally). */
static bool lower_widening(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  LLVMBuilderRef b = f->b;
  bool sgn = op[strlen(op) - 1] == 's';
  if (starts(op, "narrow_")) {
    w2s_simd_shape src = source_shape(op), wide2 = {false, src.bits, 2 * src.lanes};
    LLVMValueRef y = w2s_simd_pop(f, src), x = w2s_simd_pop(f, src);
    LLVMValueRef both, idx[16];
    for (unsigned i = 0; i < 2 * src.lanes; i++)
      idx[i] = LLVMConstInt(f->t_i32, i, false);
    both = LLVMBuildShuffleVector(b, x, y, LLVMConstVector(idx, 2 * src.lanes), "");
    long long lo = sgn ? -(1ll << (s.bits - 1)) : 0;
    long long hi = sgn ? (1ll << (s.bits - 1)) - 1 : (1ll << s.bits) - 1;
    both = clamp(f, both, wide2, lo, hi);
    w2s_simd_push(f, LLVMBuildTrunc(b, both, w2s_simd_vec_type(f, s), ""));
    return true;
  }
  if (starts(op, "extend_")) {
    w2s_simd_shape src = source_shape(op);
    LLVMValueRef x = w2s_simd_pop(f, src);
    unsigned first = starts(op, "extend_high") ? s.lanes : 0;
    w2s_simd_push(f, extend(f, w2s_simd_lanes(f, x, first, s.lanes, 1), s, sgn));
    return true;
  }
  if (starts(op, "extadd_pairwise_")) {
    w2s_simd_shape src = source_shape(op);
    LLVMValueRef x = w2s_simd_pop(f, src);
    LLVMValueRef even = extend(f, w2s_simd_lanes(f, x, 0, s.lanes, 2), s, sgn);
    LLVMValueRef odd = extend(f, w2s_simd_lanes(f, x, 1, s.lanes, 2), s, sgn);
    w2s_simd_push(f, LLVMBuildAdd(b, even, odd, ""));
    return true;
  }
  if (starts(op, "extmul_")) {
    w2s_simd_shape src = source_shape(op);
    LLVMValueRef y = w2s_simd_pop(f, src), x = w2s_simd_pop(f, src);
    unsigned first = starts(op, "extmul_high") ? s.lanes : 0;
    x = extend(f, w2s_simd_lanes(f, x, first, s.lanes, 1), s, sgn);
    y = extend(f, w2s_simd_lanes(f, y, first, s.lanes, 1), s, sgn);
    w2s_simd_push(f, LLVMBuildMul(b, x, y, ""));
    return true;
  }
  if (is(op, "dot_i16x8_s")) {
    w2s_simd_shape src = source_shape(op), wide = {false, 32, 8};
    LLVMValueRef y = w2s_simd_pop(f, src), x = w2s_simd_pop(f, src);
    LLVMValueRef p = LLVMBuildMul(b, extend(f, x, wide, true), extend(f, y, wide, true), "");
    /* The sum of the pair wraps: only -0x8000^2 * 2 overflows, to INT32_MIN. */
    w2s_simd_push(f, LLVMBuildAdd(b, w2s_simd_lanes(f, p, 0, 4, 2),
                                  w2s_simd_lanes(f, p, 1, 4, 2), ""));
    return true;
  }
  if (is(op, "q15mulr_sat_s")) {
    w2s_simd_shape wide = {false, 32, 8};
    LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s);
    LLVMTypeRef vt = LLVMTypeOf(x);
    LLVMValueRef args[2] = {x, y};
    if (f->target->is_aarch64) {
      /* sqrdmulh is exactly q15mulr_sat_s, saturation included. */
      w2s_simd_push(f, w2s_intrinsic(f, "llvm.aarch64.neon.sqrdmulh", &vt, 1, args, 2));
      return true;
    }
    if (w2s_simd_has_ssse3(f->target)) {
      /* pmulhrsw rounds the same way but wraps the one overflow,
       * 0x8000 * 0x8000, to 0x8000 (never a genuine result): flip it. */
      LLVMValueRef r = w2s_intrinsic(f, "llvm.x86.ssse3.pmul.hr.sw.128", NULL, 0, args, 2);
      LLVMValueRef ovf = LLVMBuildICmp(b, LLVMIntEQ, r, splat_int(f, s, -0x8000), "");
      w2s_simd_push(f, LLVMBuildXor(b, r, LLVMBuildSExt(b, ovf, vt, ""), ""));
      return true;
    }
    LLVMValueRef p = LLVMBuildMul(b, extend(f, x, wide, true), extend(f, y, wide, true), "");
    p = LLVMBuildAShr(b, LLVMBuildAdd(b, p, splat_int(f, wide, 0x4000), ""),
                      splat_int(f, wide, 15), "");
    /* Only 0x8000 * 0x8000 leaves the range: it saturates to 0x7fff. */
    p = clamp(f, p, wide, -0x8000, 0x7fff);
    w2s_simd_push(f, LLVMBuildTrunc(b, p, w2s_simd_vec_type(f, s), ""));
    return true;
  }
  if (is(op, "avgr_u")) {
    w2s_simd_shape wide = {false, 2 * s.bits, s.lanes};
    LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s);
    LLVMValueRef sum = LLVMBuildAdd(b, extend(f, x, wide, false), extend(f, y, wide, false), "");
    sum = LLVMBuildAdd(b, sum, splat_int(f, wide, 1), "");
    sum = LLVMBuildLShr(b, sum, splat_int(f, wide, 1), "");
    w2s_simd_push(f, LLVMBuildTrunc(b, sum, w2s_simd_vec_type(f, s), ""));
    return true;
  }
  return false;
}

static bool lower_shift(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  LLVMBuilderRef b = f->b;
  if (!is(op, "shl") && !is(op, "shr_s") && !is(op, "shr_u"))
    return false;
  /* The count is taken modulo the lane width (LLVM: poison beyond it). */
  LLVMValueRef n = LLVMBuildAnd(b, w2s_pop(f), LLVMConstInt(f->t_i32, s.bits - 1, false), "");
  LLVMTypeRef lt = w2s_simd_lane_type(f, s);
  n = s.bits < 32 ? LLVMBuildTrunc(b, n, lt, "") : s.bits > 32 ? LLVMBuildZExt(b, n, lt, "") : n;
  LLVMValueRef x = w2s_simd_pop(f, s), v = w2s_simd_splat(f, n, s.lanes), r;
  if (is(op, "shl"))
    r = LLVMBuildShl(b, x, v, "");
  else if (is(op, "shr_s"))
    r = LLVMBuildAShr(b, x, v, "");
  else
    r = LLVMBuildLShr(b, x, v, "");
  w2s_simd_push(f, r);
  return true;
}

static bool lower_unary(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  LLVMBuilderRef b = f->b;
  LLVMValueRef x, r;
  if (is(op, "abs")) {
    x = w2s_simd_pop(f, s);
    /* int_min_is_poison = false: abs(INT_MIN) = INT_MIN, as in Wasm. */
    r = w2s_simd_call2(f, "llvm.abs", x, LLVMConstInt(f->t_i1, 0, false));
  } else if (is(op, "neg")) {
    x = w2s_simd_pop(f, s);
    r = LLVMBuildSub(b, LLVMConstNull(LLVMTypeOf(x)), x, "");
  } else if (is(op, "popcnt")) {
    r = w2s_simd_call1(f, "llvm.ctpop", w2s_simd_pop(f, s));
  } else if (is(op, "all_true")) {
    x = w2s_simd_pop(f, s);
    LLVMValueRef nz = LLVMBuildICmp(b, LLVMIntNE, x, LLVMConstNull(LLVMTypeOf(x)), "");
    w2s_push(f, LLVMBuildZExt(b, w2s_simd_call1(f, "llvm.vector.reduce.and", nz), f->t_i32, ""));
    return true;
  } else if (is(op, "bitmask")) {
    x = w2s_simd_pop(f, s);
    LLVMValueRef neg = LLVMBuildICmp(b, LLVMIntSLT, x, LLVMConstNull(LLVMTypeOf(x)), "");
    LLVMValueRef bits = LLVMBuildBitCast(b, neg, LLVMIntTypeInContext(f->ctx, s.lanes), "");
    w2s_push(f, LLVMBuildZExt(b, bits, f->t_i32, ""));
    return true;
  } else {
    return false;
  }
  w2s_simd_push(f, r);
  return true;
}

static bool lower_binary(w2s_lower_fn *f, w2s_simd_shape s, const char *op) {
  static const struct { const char *name, *intrinsic; } calls[] = {
    {"add_sat_s", "llvm.sadd.sat"}, {"add_sat_u", "llvm.uadd.sat"},
    {"sub_sat_s", "llvm.ssub.sat"}, {"sub_sat_u", "llvm.usub.sat"},
    {"min_s", "llvm.smin"}, {"min_u", "llvm.umin"},
    {"max_s", "llvm.smax"}, {"max_u", "llvm.umax"},
  };
  LLVMBuilderRef b = f->b;
  const char *intrinsic = NULL;
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
    if (is(op, calls[i].name))
      intrinsic = calls[i].intrinsic;
  if (!intrinsic && !is(op, "add") && !is(op, "sub") && !is(op, "mul"))
    return false;
  LLVMValueRef y = w2s_simd_pop(f, s), x = w2s_simd_pop(f, s), r;
  if (intrinsic)
    r = w2s_simd_call2(f, intrinsic, x, y);
  else if (is(op, "add"))
    r = LLVMBuildAdd(b, x, y, "");
  else if (is(op, "sub"))
    r = LLVMBuildSub(b, x, y, "");
  else
    r = LLVMBuildMul(b, x, y, "");
  w2s_simd_push(f, r);
  return true;
}

bool w2s_lower_simd_int(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s, const char *op) {
  (void)in;
  if (s.fp || strstr(op, "_f32x4") || strstr(op, "_f64x2"))
    return false; /* float lanes, or a conversion from them: lower_simd_float.c */
  return lower_compare(f, s, op) || lower_widening(f, s, op) || lower_shift(f, s, op) ||
         lower_unary(f, s, op) || lower_binary(f, s, op);
}
