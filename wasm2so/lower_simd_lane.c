/* lower_simd_lane.c — SIMD128 lane movement: v128.const, splat,
 * extract_lane, replace_lane, i8x16.shuffle and i8x16.swizzle. */
#include "lower_simd.h"

static bool is(const char *op, const char *name) {
  return strcmp(op, name) == 0;
}

/* Does the x86 target have SSSE3 (pshufb, pmulhrsw)?  The default
 * x86-64-v2 has; the plain x86-64 baseline and a few old CPU names do not. */
bool w2s_simd_has_ssse3(const w2s_target *t) {
  static const char *const old[] = {"x86-64", "generic", "k8", "k8-sse3", "opteron",
                                    "opteron-sse3", "athlon64", "athlon64-sse3", "athlon-fx",
                                    "nocona", "prescott", "pentium4"};
  if (!t->is_x86_64)
    return false;
  if (t->features && strstr(t->features, "-ssse3"))
    return false;
  if (t->features && strstr(t->features, "+ssse3"))
    return true;
  for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
    if (t->cpu && strcmp(t->cpu, old[i]) == 0)
      return false;
  return true;
}

/* swizzle: r[i] = a[s[i]] if s[i] < 16, else 0. */
static LLVMValueRef swizzle(w2s_lower_fn *f, LLVMValueRef a, LLVMValueRef s) {
  LLVMTypeRef vt = LLVMTypeOf(a);
  if (f->target->is_aarch64) {
    /* tbl gives 0 for out-of-range indices: exactly the Wasm rule. */
    LLVMValueRef args[2] = {a, s};
    return w2s_intrinsic(f, "llvm.aarch64.neon.tbl1", &vt, 1, args, 2);
  }
  if (w2s_simd_has_ssse3(f->target)) {
    /* pshufb zeroes a lane whose index has the top bit set and otherwise
     * uses the low four bits: adding 0x70 with unsigned saturation moves
     * 16..255 to >= 0x80 and keeps the low nibble of 0..15. */
    LLVMValueRef s2 = w2s_simd_call2(f, "llvm.uadd.sat", s,
                                     w2s_simd_splat(f, LLVMConstInt(f->t_i8, 0x70, false), 16));
    LLVMValueRef args[2] = {a, s2};
    return w2s_intrinsic(f, "llvm.x86.ssse3.pshuf.b.128", NULL, 0, args, 2);
  }
  LLVMValueRef r = LLVMConstNull(vt);
  LLVMValueRef fifteen = LLVMConstInt(f->t_i8, 15, false), sixteen = LLVMConstInt(f->t_i8, 16, false);
  for (unsigned i = 0; i < 16; i++) {
    LLVMValueRef lane = LLVMConstInt(f->t_i32, i, false);
    LLVMValueRef idx = LLVMBuildExtractElement(f->b, s, lane, "");
    LLVMValueRef v = LLVMBuildExtractElement(f->b, a, LLVMBuildAnd(f->b, idx, fifteen, ""), "");
    LLVMValueRef in = LLVMBuildICmp(f->b, LLVMIntULT, idx, sixteen, "");
    v = LLVMBuildSelect(f->b, in, v, LLVMConstNull(f->t_i8), "");
    r = LLVMBuildInsertElement(f->b, r, v, lane, "");
  }
  return r;
}

/* A scalar operand as the lane type: i32 -> i8/i16 truncates. */
static LLVMValueRef to_lane(w2s_lower_fn *f, LLVMValueRef x, w2s_simd_shape s) {
  if (!s.fp && s.bits < 32)
    return LLVMBuildTrunc(f->b, x, w2s_simd_lane_type(f, s), "");
  return x;
}

bool w2s_lower_simd_lane(w2s_lower_fn *f, const w2s_instr *in, w2s_simd_shape s, const char *op) {
  LLVMBuilderRef b = f->b;
  w2s_simd_shape bytes = {false, 8, 16};
  if (in->op == W2S_OP_V128_CONST) {
    LLVMValueRef lanes[4];
    for (unsigned i = 0; i < 4; i++) {
      const uint8_t *p = in->imm.v128 + 4 * i;
      uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
      lanes[i] = LLVMConstInt(f->t_i32, w, false);
    }
    w2s_push(f, LLVMConstVector(lanes, 4));
    return true;
  }
  if (in->op == W2S_OP_I8X16_SHUFFLE) {
    LLVMValueRef y = w2s_simd_pop(f, bytes), x = w2s_simd_pop(f, bytes), mask[16];
    for (unsigned i = 0; i < 16; i++)
      mask[i] = LLVMConstInt(f->t_i32, in->imm.shuffle[i] & 31, false);
    w2s_simd_push(f, LLVMBuildShuffleVector(b, x, y, LLVMConstVector(mask, 16), ""));
    return true;
  }
  if (in->op == W2S_OP_I8X16_SWIZZLE) {
    LLVMValueRef y = w2s_simd_pop(f, bytes), x = w2s_simd_pop(f, bytes);
    w2s_simd_push(f, swizzle(f, x, y));
    return true;
  }
  if (is(op, "splat")) {
    w2s_simd_push(f, w2s_simd_splat(f, to_lane(f, w2s_pop(f), s), s.lanes));
    return true;
  }
  LLVMValueRef lane = LLVMConstInt(f->t_i32, in->imm.lane % s.lanes, false);
  if (strncmp(op, "extract_lane", 12) == 0) {
    LLVMValueRef r = LLVMBuildExtractElement(b, w2s_simd_pop(f, s), lane, "");
    if (is(op, "extract_lane_s"))
      r = LLVMBuildSExt(b, r, f->t_i32, "");
    else if (is(op, "extract_lane_u"))
      r = LLVMBuildZExt(b, r, f->t_i32, "");
    w2s_push(f, r);
    return true;
  }
  if (is(op, "replace_lane")) {
    LLVMValueRef x = to_lane(f, w2s_pop(f), s);
    w2s_simd_push(f, LLVMBuildInsertElement(b, w2s_simd_pop(f, s), x, lane, ""));
    return true;
  }
  return false;
}
