/* lower_numeric.c — class NUMERIC: constants, comparisons, integer and float
 * arithmetic.  Everything maps to plain instructions or to intrinsics that
 * both targets expand inline; the only Wasm semantics LLVM does not give for
 * free are the division traps, shift counts modulo the width, and the NaN
 * rules of min/max, and rounding on CPUs without a rounding instruction. */
#include <string.h>

#include "w2s_lower.h"

static LLVMValueRef float_const(LLVMTypeRef ity, LLVMTypeRef fty,
                                uint64_t bits) {
  /* Through the integer bits, so NaN payloads (and signalling NaNs) survive. */
  return LLVMConstBitCast(LLVMConstInt(ity, bits, false), fty);
}

static void push_bool(w2s_lower_fn *f, LLVMValueRef c) {
  w2s_push(f, LLVMBuildZExt(f->b, c, f->t_i32, ""));
}

static bool lower_compare(w2s_lower_fn *f, w2s_op op) {
  LLVMValueRef b = w2s_pop(f), a = w2s_pop(f);
  LLVMIntPredicate ip;
  LLVMRealPredicate rp;
  switch (op) {
  case W2S_OP_I32_EQ: case W2S_OP_I64_EQ: ip = LLVMIntEQ; break;
  case W2S_OP_I32_NE: case W2S_OP_I64_NE: ip = LLVMIntNE; break;
  case W2S_OP_I32_LT_S: case W2S_OP_I64_LT_S: ip = LLVMIntSLT; break;
  case W2S_OP_I32_LT_U: case W2S_OP_I64_LT_U: ip = LLVMIntULT; break;
  case W2S_OP_I32_GT_S: case W2S_OP_I64_GT_S: ip = LLVMIntSGT; break;
  case W2S_OP_I32_GT_U: case W2S_OP_I64_GT_U: ip = LLVMIntUGT; break;
  case W2S_OP_I32_LE_S: case W2S_OP_I64_LE_S: ip = LLVMIntSLE; break;
  case W2S_OP_I32_LE_U: case W2S_OP_I64_LE_U: ip = LLVMIntULE; break;
  case W2S_OP_I32_GE_S: case W2S_OP_I64_GE_S: ip = LLVMIntSGE; break;
  case W2S_OP_I32_GE_U: case W2S_OP_I64_GE_U: ip = LLVMIntUGE; break;
  /* Wasm float comparisons are ordered, except ne which is true on NaN. */
  case W2S_OP_F32_EQ: case W2S_OP_F64_EQ: rp = LLVMRealOEQ; goto real;
  case W2S_OP_F32_NE: case W2S_OP_F64_NE: rp = LLVMRealUNE; goto real;
  case W2S_OP_F32_LT: case W2S_OP_F64_LT: rp = LLVMRealOLT; goto real;
  case W2S_OP_F32_GT: case W2S_OP_F64_GT: rp = LLVMRealOGT; goto real;
  case W2S_OP_F32_LE: case W2S_OP_F64_LE: rp = LLVMRealOLE; goto real;
  case W2S_OP_F32_GE: case W2S_OP_F64_GE: rp = LLVMRealOGE; goto real;
  default: return false;
  }
  push_bool(f, LLVMBuildICmp(f->b, ip, a, b, ""));
  return true;
real:
  push_bool(f, LLVMBuildFCmp(f->b, rp, a, b, ""));
  return true;
}

static LLVMValueRef unary_intrinsic(w2s_lower_fn *f, const char *name, LLVMValueRef x) {
  LLVMTypeRef t = LLVMTypeOf(x);
  return w2s_intrinsic(f, name, &t, 1, &x, 1);
}

static LLVMValueRef binary_intrinsic(w2s_lower_fn *f, const char *name, LLVMValueRef a,
                                     LLVMValueRef b) {
  LLVMTypeRef t = LLVMTypeOf(a);
  LLVMValueRef args[2] = {a, b};
  return w2s_intrinsic(f, name, &t, 1, args, 2);
}

/* Division and remainder with the Wasm traps.  The checks sit in front of
 * the LLVM instruction because sdiv/udiv by zero and INT_MIN / -1 are UB
 * (and aarch64 would not trap on them anyway). */
static LLVMValueRef lower_divrem(w2s_lower_fn *f, w2s_op op, LLVMValueRef a, LLVMValueRef b) {
  LLVMTypeRef t = LLVMTypeOf(a);
  unsigned width = LLVMGetIntTypeWidth(t);
  LLVMValueRef zero = LLVMConstInt(t, 0, false), minus1 = LLVMConstAllOnes(t);
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntEQ, b, zero, ""), WASMSO_TRAP_INT_DIV_ZERO);
  switch (op) {
  case W2S_OP_I32_DIV_S: case W2S_OP_I64_DIV_S: {
    LLVMValueRef min = LLVMConstInt(t, 1ull << (width - 1), false);
    LLVMValueRef ovf = LLVMBuildAnd(f->b, LLVMBuildICmp(f->b, LLVMIntEQ, a, min, ""),
                                    LLVMBuildICmp(f->b, LLVMIntEQ, b, minus1, ""), "");
    w2s_trap_if(f, ovf, WASMSO_TRAP_INT_OVERFLOW);
    return LLVMBuildSDiv(f->b, a, b, "");
  }
  case W2S_OP_I32_REM_S: case W2S_OP_I64_REM_S: {
    /* x rem -1 is 0 in Wasm; x rem 1 is too, without srem's INT_MIN UB. */
    LLVMValueRef safe = LLVMBuildSelect(f->b, LLVMBuildICmp(f->b, LLVMIntEQ, b, minus1, ""),
                                        LLVMConstInt(t, 1, false), b, "");
    return LLVMBuildSRem(f->b, a, safe, "");
  }
  case W2S_OP_I32_DIV_U: case W2S_OP_I64_DIV_U: return LLVMBuildUDiv(f->b, a, b, "");
  default: return LLVMBuildURem(f->b, a, b, "");
  }
}

static bool lower_int_binary(w2s_lower_fn *f, w2s_op op) {
  LLVMValueRef b = w2s_pop(f), a = w2s_pop(f), r;
  LLVMTypeRef t = LLVMTypeOf(a);
  LLVMValueRef mask = LLVMConstInt(t, LLVMGetIntTypeWidth(t) - 1, false);
  switch (op) {
  case W2S_OP_I32_ADD: case W2S_OP_I64_ADD: r = LLVMBuildAdd(f->b, a, b, ""); break;
  case W2S_OP_I32_SUB: case W2S_OP_I64_SUB: r = LLVMBuildSub(f->b, a, b, ""); break;
  case W2S_OP_I32_MUL: case W2S_OP_I64_MUL: r = LLVMBuildMul(f->b, a, b, ""); break;
  case W2S_OP_I32_DIV_S: case W2S_OP_I64_DIV_S: case W2S_OP_I32_DIV_U: case W2S_OP_I64_DIV_U:
  case W2S_OP_I32_REM_S: case W2S_OP_I64_REM_S: case W2S_OP_I32_REM_U: case W2S_OP_I64_REM_U:
    r = lower_divrem(f, op, a, b);
    break;
  case W2S_OP_I32_AND: case W2S_OP_I64_AND: r = LLVMBuildAnd(f->b, a, b, ""); break;
  case W2S_OP_I32_OR: case W2S_OP_I64_OR: r = LLVMBuildOr(f->b, a, b, ""); break;
  case W2S_OP_I32_XOR: case W2S_OP_I64_XOR: r = LLVMBuildXor(f->b, a, b, ""); break;
  /* LLVM shifts by >= the width are poison; Wasm takes the count mod width. */
  case W2S_OP_I32_SHL: case W2S_OP_I64_SHL:
    r = LLVMBuildShl(f->b, a, LLVMBuildAnd(f->b, b, mask, ""), "");
    break;
  case W2S_OP_I32_SHR_S: case W2S_OP_I64_SHR_S:
    r = LLVMBuildAShr(f->b, a, LLVMBuildAnd(f->b, b, mask, ""), "");
    break;
  case W2S_OP_I32_SHR_U: case W2S_OP_I64_SHR_U:
    r = LLVMBuildLShr(f->b, a, LLVMBuildAnd(f->b, b, mask, ""), "");
    break;
  /* Funnel shifts of a value with itself are rotates; they take the count
   * modulo the width by definition. */
  case W2S_OP_I32_ROTL: case W2S_OP_I64_ROTL: {
    LLVMValueRef args[3] = {a, a, b};
    r = w2s_intrinsic(f, "llvm.fshl", &t, 1, args, 3);
    break;
  }
  case W2S_OP_I32_ROTR: case W2S_OP_I64_ROTR: {
    LLVMValueRef args[3] = {a, a, b};
    r = w2s_intrinsic(f, "llvm.fshr", &t, 1, args, 3);
    break;
  }
  default: return false;
  }
  w2s_push(f, r);
  return true;
}

static bool lower_int_unary(w2s_lower_fn *f, w2s_op op) {
  LLVMValueRef a = w2s_pop(f), r;
  LLVMTypeRef t = LLVMTypeOf(a);
  switch (op) {
  case W2S_OP_I32_EQZ: case W2S_OP_I64_EQZ:
    push_bool(f, LLVMBuildICmp(f->b, LLVMIntEQ, a, LLVMConstInt(t, 0, false), ""));
    return true;
  case W2S_OP_I32_CLZ: case W2S_OP_I64_CLZ:
  case W2S_OP_I32_CTZ: case W2S_OP_I64_CTZ: {
    /* is_zero_poison = false: clz(0) = ctz(0) = width, as Wasm wants. */
    LLVMValueRef args[2] = {a, LLVMConstInt(f->t_i1, 0, false)};
    bool clz = op == W2S_OP_I32_CLZ || op == W2S_OP_I64_CLZ;
    r = w2s_intrinsic(f, clz ? "llvm.ctlz" : "llvm.cttz", &t, 1, args, 2);
    break;
  }
  case W2S_OP_I32_POPCNT: case W2S_OP_I64_POPCNT: r = unary_intrinsic(f, "llvm.ctpop", a); break;
  default: return false;
  }
  w2s_push(f, r);
  return true;
}

/* ---- ceil, floor, trunc, nearest ----
 * x86-64 before SSE4.1 has no rounding instruction, and there LLVM expands
 * llvm.ceil/floor/trunc/roundeven into calls to libm, which the .so (linked
 * with -z defs, no DT_NEEDED) cannot have.  For such CPUs they are built
 * from plain IEEE operations instead; elsewhere the intrinsics stay (one
 * roundsd/frintm each). */

static bool has_feature(const char *list, const char *feat) {
  size_t n = strlen(feat);
  for (const char *p = list; p && (p = strstr(p, feat)); p += n)
    if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
      return true;
  return false;
}

static bool target_rounds(const w2s_target *t) {
  /* The x86-64 CPUs LLVM knows that lack SSE4.1. */
  static const char *const old[] = {
    "x86-64", "generic", "k8", "k8-sse3", "opteron", "opteron-sse3", "athlon64",
    "athlon64-sse3", "athlon-fx", "amdfam10", "barcelona", "nocona", "core2", "bonnell",
    "atom", "btver1",
  };
  if (!t->is_x86_64)
    return true;
  const char *fs = t->features;
  if (has_feature(fs, "-sse4.1") || has_feature(fs, "-sse2"))
    return false;
  if (has_feature(fs, "+sse4.1") || has_feature(fs, "+sse4.2") || has_feature(fs, "+avx"))
    return true;
  for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
    if (strcmp(t->cpu, old[i]) == 0)
      return false;
  return true;
}

static LLVMValueRef splat_like(LLVMTypeRef ty, LLVMValueRef c) {
  if (LLVMGetTypeKind(ty) != LLVMVectorTypeKind)
    return c;
  unsigned n = LLVMGetVectorSize(ty);
  LLVMValueRef lanes[16];
  for (unsigned i = 0; i < n && i < 16; i++)
    lanes[i] = c;
  return LLVMConstVector(lanes, n);
}

LLVMValueRef w2s_round(w2s_lower_fn *f, const char *intrinsic, LLVMValueRef x) {
  if (target_rounds(f->target))
    return unary_intrinsic(f, intrinsic, x);
  LLVMBuilderRef b = f->b;
  LLVMTypeRef ty = LLVMTypeOf(x), elem = ty;
  bool vec = LLVMGetTypeKind(ty) == LLVMVectorTypeKind;
  if (vec)
    elem = LLVMGetElementType(ty);
  bool f64 = LLVMGetTypeKind(elem) == LLVMDoubleTypeKind;
  /* From 2^52 (2^23 for f32) on every value is an integer. */
  LLVMValueRef big = splat_like(ty, LLVMConstReal(elem, f64 ? 4503599627370496.0 : 8388608.0));
  LLVMValueRef one = splat_like(ty, LLVMConstReal(elem, 1.0));
  LLVMValueRef ax = unary_intrinsic(f, "llvm.fabs", x);
  LLVMValueRef r;
  if (strcmp(intrinsic, "llvm.roundeven") == 0) {
    /* |x| + 2^52 has an ulp of 1, so the addition rounds |x| to an integer,
     * ties to even (the default mode); subtracting 2^52 again is exact. */
    r = LLVMBuildFSub(b, LLVMBuildFAdd(b, ax, big, ""), big, "");
  } else {
    /* Below 2^52 the value fits the integer type: truncate through it. */
    LLVMTypeRef it = f64 ? f->t_i64 : f->t_i32;
    if (vec)
      it = LLVMVectorType(it, LLVMGetVectorSize(ty));
    r = LLVMBuildSIToFP(b, LLVMBuildFPToSI(b, x, it, ""), ty, "");
    if (strcmp(intrinsic, "llvm.floor") == 0)
      r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOGT, r, x, ""), LLVMBuildFSub(b, r, one, ""),
                          r, "");
    else if (strcmp(intrinsic, "llvm.ceil") == 0)
      r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOLT, r, x, ""), LLVMBuildFAdd(b, r, one, ""),
                          r, "");
  }
  /* A zero result keeps the sign of x (floor(-0.0), ceil(-0.5), nearest(-0.4)). */
  r = binary_intrinsic(f, "llvm.copysign", r, x);
  /* Large values and infinities are their own result; a NaN is quieted
   * (x + x keeps the payload).  fptosi of those lanes was poison, which the
   * select discards. */
  LLVMValueRef small = LLVMBuildFCmp(b, LLVMRealOLT, ax, big, "");
  LLVMValueRef nan = LLVMBuildFCmp(b, LLVMRealUNO, x, x, "");
  LLVMValueRef other = LLVMBuildSelect(b, nan, LLVMBuildFAdd(b, x, x, ""), x, "");
  return LLVMBuildSelect(b, small, r, other, "");
}

/* A NaN result of min/max must be a quiet NaN, but the expansion of
 * llvm.minimum/maximum may hand back a signalling NaN operand unchanged;
 * adding the operands quiets it (and any NaN is acceptable). */
static LLVMValueRef quiet_if_nan(w2s_lower_fn *f, LLVMValueRef r, LLVMValueRef a, LLVMValueRef b) {
  LLVMValueRef nan = LLVMBuildFCmp(f->b, LLVMRealUNO, r, r, "");
  return LLVMBuildSelect(f->b, nan, LLVMBuildFAdd(f->b, a, b, ""), r, "");
}

/* A constant that lets LLVM fold the operation into an identity or a sign
 * flip: +-0 and +-1. */
static bool identity_const(LLVMValueRef v) {
  LLVMBool lost;
  if (!LLVMIsAConstantFP(v))
    return false;
  double d = LLVMConstRealGetDouble(v, &lost);
  return d == 0.0 || d == 1.0 || d == -1.0;
}

static bool lower_float(w2s_lower_fn *f, w2s_op op) {
  LLVMValueRef r, a, b = NULL;
  const char *un = NULL;
  switch (op) {
  /* abs, neg and copysign are pure bit operations in Wasm (NaN payloads
   * included): llvm.fabs, fneg and llvm.copysign guarantee that. */
  case W2S_OP_F32_ABS: case W2S_OP_F64_ABS: un = "llvm.fabs"; break;
  case W2S_OP_F32_CEIL: case W2S_OP_F64_CEIL: un = "llvm.ceil"; break;
  case W2S_OP_F32_FLOOR: case W2S_OP_F64_FLOOR: un = "llvm.floor"; break;
  case W2S_OP_F32_TRUNC: case W2S_OP_F64_TRUNC: un = "llvm.trunc"; break;
  case W2S_OP_F32_NEAREST: case W2S_OP_F64_NEAREST: un = "llvm.roundeven"; break;
  case W2S_OP_F32_SQRT: case W2S_OP_F64_SQRT: un = "llvm.sqrt"; break;
  case W2S_OP_F32_NEG: case W2S_OP_F64_NEG:
    w2s_push(f, LLVMBuildFNeg(f->b, w2s_pop(f), ""));
    return true;
  default: break;
  }
  if (un && op != W2S_OP_F32_ABS && op != W2S_OP_F64_ABS && op != W2S_OP_F32_SQRT &&
      op != W2S_OP_F64_SQRT) {
    w2s_push(f, w2s_round(f, un, w2s_pop(f)));
    return true;
  }
  if (un) {
    w2s_push(f, unary_intrinsic(f, un, w2s_pop(f)));
    return true;
  }
  b = w2s_pop(f);
  a = w2s_pop(f);
  bool arith = (op >= W2S_OP_F32_ADD && op <= W2S_OP_F32_DIV) ||
               (op >= W2S_OP_F64_ADD && op <= W2S_OP_F64_DIV);
  if (arith) {
    if (identity_const(a))
      a = w2s_opaque(f, a);
    if (identity_const(b))
      b = w2s_opaque(f, b);
  }
  switch (op) {
  case W2S_OP_F32_ADD: case W2S_OP_F64_ADD: r = LLVMBuildFAdd(f->b, a, b, ""); break;
  case W2S_OP_F32_SUB: case W2S_OP_F64_SUB: r = LLVMBuildFSub(f->b, a, b, ""); break;
  case W2S_OP_F32_MUL: case W2S_OP_F64_MUL: r = LLVMBuildFMul(f->b, a, b, ""); break;
  case W2S_OP_F32_DIV: case W2S_OP_F64_DIV: r = LLVMBuildFDiv(f->b, a, b, ""); break;
  case W2S_OP_F32_MIN: case W2S_OP_F64_MIN:
    r = quiet_if_nan(f, binary_intrinsic(f, "llvm.minimum", a, b), a, b);
    break;
  case W2S_OP_F32_MAX: case W2S_OP_F64_MAX:
    r = quiet_if_nan(f, binary_intrinsic(f, "llvm.maximum", a, b), a, b);
    break;
  case W2S_OP_F32_COPYSIGN: case W2S_OP_F64_COPYSIGN:
    r = binary_intrinsic(f, "llvm.copysign", a, b);
    break;
  default: return false;
  }
  w2s_push(f, r);
  return true;
}

bool w2s_lower_numeric(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  w2s_op op = in->op;
  bool ok;
  switch (op) {
  case W2S_OP_I32_CONST: w2s_push(f, LLVMConstInt(f->t_i32, in->imm.i32, false)); return true;
  case W2S_OP_I64_CONST: w2s_push(f, LLVMConstInt(f->t_i64, in->imm.i64, false)); return true;
  case W2S_OP_F32_CONST: w2s_push(f, float_const(f->t_i32, f->t_f32, in->imm.f32)); return true;
  case W2S_OP_F64_CONST: w2s_push(f, float_const(f->t_i64, f->t_f64, in->imm.f64)); return true;
  default: break;
  }
  if (op >= W2S_OP_I32_EQZ && op <= W2S_OP_F64_GE)
    ok = (op == W2S_OP_I32_EQZ || op == W2S_OP_I64_EQZ) ? lower_int_unary(f, op)
                                                         : lower_compare(f, op);
  else if (op >= W2S_OP_I32_CLZ && op <= W2S_OP_I64_ROTR)
    ok = (op <= W2S_OP_I32_POPCNT || (op >= W2S_OP_I64_CLZ && op <= W2S_OP_I64_POPCNT))
             ? lower_int_unary(f, op)
             : lower_int_binary(f, op);
  else if (op >= W2S_OP_F32_ABS && op <= W2S_OP_F64_COPYSIGN)
    ok = lower_float(f, op);
  else
    ok = false;
  if (!ok)
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s is not a numeric instruction",
                    w2s_opinfo_table[op].text);
  return true;
}
