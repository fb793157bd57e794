/* lower_simd_arith.c — class SIMD: the dispatcher for every SIMD128
 * instruction that is not a load or store, the helpers shared by the
 * lower_simd_*.c files, and the shape-less v128 bitwise operations.
 *
 * Instructions are recognised by their text name (w2s_opcodes.def): the
 * prefix gives the lane shape and the rest the operation, so one lowering
 * serves every shape an operation exists in. */
#include "lower_simd.h"

w2s_simd_shape w2s_simd_shape_of(const char *text) {
  w2s_simd_shape s = {false, 32, 4};
  if (text[0] == 'f')
    s.fp = true;
  if (text[0] == 'i' || text[0] == 'f') {
    s.bits = (unsigned)(text[1] - '0');
    if (text[2] >= '0' && text[2] <= '9')
      s.bits = s.bits * 10 + (unsigned)(text[2] - '0');
    if (s.bits != 8 && s.bits != 16 && s.bits != 32 && s.bits != 64)
      s.bits = 32;
    s.lanes = 128 / s.bits;
  }
  return s;
}

LLVMTypeRef w2s_simd_lane_type(w2s_lower_fn *f, w2s_simd_shape s) {
  if (s.fp)
    return s.bits == 32 ? f->t_f32 : f->t_f64;
  return LLVMIntTypeInContext(f->ctx, s.bits);
}

LLVMTypeRef w2s_simd_vec_type(w2s_lower_fn *f, w2s_simd_shape s) {
  return LLVMVectorType(w2s_simd_lane_type(f, s), s.lanes);
}

LLVMValueRef w2s_simd_pop(w2s_lower_fn *f, w2s_simd_shape s) {
  return LLVMBuildBitCast(f->b, w2s_pop(f), w2s_simd_vec_type(f, s), "");
}

void w2s_simd_push(w2s_lower_fn *f, LLVMValueRef v) {
  w2s_push(f, LLVMBuildBitCast(f->b, v, f->t_v128, ""));
}

LLVMValueRef w2s_simd_splat(w2s_lower_fn *f, LLVMValueRef x, unsigned n) {
  LLVMTypeRef vt = LLVMVectorType(LLVMTypeOf(x), n);
  LLVMValueRef one = LLVMBuildInsertElement(f->b, LLVMGetPoison(vt), x,
                                            LLVMConstInt(f->t_i32, 0, false), "");
  LLVMValueRef mask = LLVMConstNull(LLVMVectorType(f->t_i32, n));
  return LLVMBuildShuffleVector(f->b, one, LLVMGetPoison(vt), mask, "");
}

LLVMValueRef w2s_simd_lanes(w2s_lower_fn *f, LLVMValueRef v, unsigned first, unsigned n,
                            unsigned stride) {
  LLVMValueRef idx[16];
  for (unsigned i = 0; i < n && i < 16; i++)
    idx[i] = LLVMConstInt(f->t_i32, first + i * stride, false);
  return LLVMBuildShuffleVector(f->b, v, LLVMGetPoison(LLVMTypeOf(v)), LLVMConstVector(idx, n), "");
}

LLVMValueRef w2s_simd_call1(w2s_lower_fn *f, const char *name, LLVMValueRef a) {
  LLVMTypeRef t = LLVMTypeOf(a);
  return w2s_intrinsic(f, name, &t, 1, &a, 1);
}

LLVMValueRef w2s_simd_call2(w2s_lower_fn *f, const char *name, LLVMValueRef a, LLVMValueRef b) {
  LLVMTypeRef t = LLVMTypeOf(a);
  LLVMValueRef args[2] = {a, b};
  return w2s_intrinsic(f, name, &t, 1, args, 2);
}

/* v128.not/and/andnot/or/xor/bitselect/any_true: no lane shape. */
static bool lower_bitwise(w2s_lower_fn *f, const char *op) {
  LLVMBuilderRef b = f->b;
  if (strcmp(op, "not") == 0) {
    w2s_push(f, LLVMBuildNot(b, w2s_pop(f), ""));
    return true;
  }
  if (strcmp(op, "any_true") == 0) {
    LLVMTypeRef i128 = LLVMIntTypeInContext(f->ctx, 128);
    LLVMValueRef v = LLVMBuildBitCast(b, w2s_pop(f), i128, "");
    w2s_push(f, LLVMBuildZExt(b, LLVMBuildICmp(b, LLVMIntNE, v, LLVMConstNull(i128), ""),
                              f->t_i32, ""));
    return true;
  }
  if (strcmp(op, "bitselect") == 0) {
    LLVMValueRef c = w2s_pop(f), y = w2s_pop(f), x = w2s_pop(f);
    LLVMValueRef r = LLVMBuildOr(b, LLVMBuildAnd(b, x, c, ""),
                                 LLVMBuildAnd(b, y, LLVMBuildNot(b, c, ""), ""), "");
    w2s_push(f, r);
    return true;
  }
  LLVMValueRef y, x, r;
  if (strcmp(op, "and") == 0 || strcmp(op, "andnot") == 0 || strcmp(op, "or") == 0 ||
      strcmp(op, "xor") == 0) {
    y = w2s_pop(f);
    x = w2s_pop(f);
  } else {
    return false;
  }
  if (strcmp(op, "and") == 0)
    r = LLVMBuildAnd(b, x, y, "");
  else if (strcmp(op, "andnot") == 0)
    r = LLVMBuildAnd(b, x, LLVMBuildNot(b, y, ""), "");
  else if (strcmp(op, "or") == 0)
    r = LLVMBuildOr(b, x, y, "");
  else
    r = LLVMBuildXor(b, x, y, "");
  w2s_push(f, r);
  return true;
}

bool w2s_lower_simd(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  const char *text = w2s_opinfo_table[in->op].text;
  const char *dot = strchr(text, '.');
  const char *op = dot ? dot + 1 : text;
  w2s_simd_shape s = w2s_simd_shape_of(text);
  bool ok;
  if (text[0] == 'v')
    ok = w2s_lower_simd_lane(f, in, s, op) || lower_bitwise(f, op);
  else
    ok = w2s_lower_simd_lane(f, in, s, op) || w2s_lower_simd_int(f, in, s, op) ||
         w2s_lower_simd_float(f, in, s, op);
  if (!ok)
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "no SIMD lowering for %s", text);
  return true;
}
