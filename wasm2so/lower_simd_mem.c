/* lower_simd_mem.c — class SIMD_MEM: v128 loads and stores, including the
 * extending, splatting, zero-filling and single-lane forms.  Addressing is
 * lower_memory.c's (w2s_guest_ptr): base + zext(addr) + offset inside the guarded
 * reservation, or after a bounds check of the bytes actually accessed (8 for
 * the extending loads, one lane for splat, zero and lane forms) with
 * --bounds-checks; alignment 1 because the memarg's is only
 * a hint.  v128 values travel as f->t_v128 (<4 x i32>) and are bitcast to
 * the lane shape each operation needs. */
#include "w2s_lower.h"

static LLVMValueRef load1(w2s_lower_fn *f, LLVMTypeRef t, LLVMValueRef p) {
  LLVMValueRef v = LLVMBuildLoad2(f->b, t, p, "");
  LLVMSetAlignment(v, 1);
  w2s_keep_load(f, v);
  return v;
}

static LLVMTypeRef int_of_log2(w2s_lower_fn *f, unsigned lg) {
  switch (lg) {
  case 0: return f->t_i8;
  case 1: return f->t_i16;
  case 2: return f->t_i32;
  default: return f->t_i64;
  }
}

static LLVMValueRef to_v128(w2s_lower_fn *f, LLVMValueRef v) {
  return LLVMBuildBitCast(f->b, v, f->t_v128, "");
}

/* load8x8/16x4/32x2: half a vector of narrow lanes, each extended to twice
 * its width. */
static LLVMValueRef load_extend(w2s_lower_fn *f, LLVMValueRef p, unsigned lg, bool sgn) {
  unsigned n = 8u >> lg;
  LLVMValueRef v = load1(f, LLVMVectorType(int_of_log2(f, lg), n), p);
  LLVMTypeRef wide = LLVMVectorType(int_of_log2(f, lg + 1), n);
  v = sgn ? LLVMBuildSExt(f->b, v, wide, "") : LLVMBuildZExt(f->b, v, wide, "");
  return to_v128(f, v);
}

static LLVMValueRef load_splat(w2s_lower_fn *f, LLVMValueRef p, unsigned lg) {
  LLVMTypeRef et = int_of_log2(f, lg);
  unsigned n = 16u >> lg;
  LLVMTypeRef vt = LLVMVectorType(et, n);
  LLVMValueRef s = load1(f, et, p);
  LLVMValueRef v = LLVMBuildInsertElement(f->b, LLVMGetUndef(vt), s,
                                          LLVMConstInt(f->t_i32, 0, false), "");
  LLVMValueRef mask = LLVMConstNull(LLVMVectorType(f->t_i32, n));
  return to_v128(f, LLVMBuildShuffleVector(f->b, v, LLVMGetUndef(vt), mask, ""));
}

static LLVMValueRef load_zero(w2s_lower_fn *f, LLVMValueRef p, unsigned lg) {
  LLVMTypeRef et = int_of_log2(f, lg);
  LLVMTypeRef vt = LLVMVectorType(et, 16u >> lg);
  LLVMValueRef s = load1(f, et, p);
  return to_v128(f, LLVMBuildInsertElement(f->b, LLVMConstNull(vt), s,
                                           LLVMConstInt(f->t_i32, 0, false), ""));
}

bool w2s_lower_simd_mem(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  const w2s_opinfo *oi = &w2s_opinfo_table[in->op];
  if (!f->mem_base)
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s without a memory", oi->text);
  unsigned lg = oi->arg; /* log2 of the natural alignment: the bytes accessed */
  if (oi->imm == W2S_IMM_MEMARG_LANE) {
    LLVMTypeRef et = int_of_log2(f, lg);
    LLVMTypeRef vt = LLVMVectorType(et, 16u >> lg);
    LLVMValueRef lane = LLVMConstInt(f->t_i32, in->imm.memlane.lane, false);
    LLVMValueRef v = LLVMBuildBitCast(f->b, w2s_pop(f), vt, "");
    LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memlane.offset, 1u << lg);
    if (in->op >= W2S_OP_V128_STORE8_LANE && in->op <= W2S_OP_V128_STORE64_LANE) {
      LLVMValueRef s = LLVMBuildExtractElement(f->b, v, lane, "");
      LLVMSetAlignment(LLVMBuildStore(f->b, s, p), 1);
    } else {
      w2s_push(f, to_v128(f, LLVMBuildInsertElement(f->b, v, load1(f, et, p), lane, "")));
    }
    return true;
  }
  if (in->op == W2S_OP_V128_STORE) {
    LLVMValueRef v = w2s_pop(f);
    LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset, 1u << lg);
    LLVMSetAlignment(LLVMBuildStore(f->b, v, p), 1);
    return true;
  }
  LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset, 1u << lg);
  LLVMValueRef v;
  switch (in->op) {
  case W2S_OP_V128_LOAD: v = load1(f, f->t_v128, p); break;
  case W2S_OP_V128_LOAD8X8_S: v = load_extend(f, p, 0, true); break;
  case W2S_OP_V128_LOAD8X8_U: v = load_extend(f, p, 0, false); break;
  case W2S_OP_V128_LOAD16X4_S: v = load_extend(f, p, 1, true); break;
  case W2S_OP_V128_LOAD16X4_U: v = load_extend(f, p, 1, false); break;
  case W2S_OP_V128_LOAD32X2_S: v = load_extend(f, p, 2, true); break;
  case W2S_OP_V128_LOAD32X2_U: v = load_extend(f, p, 2, false); break;
  case W2S_OP_V128_LOAD8_SPLAT: case W2S_OP_V128_LOAD16_SPLAT:
  case W2S_OP_V128_LOAD32_SPLAT: case W2S_OP_V128_LOAD64_SPLAT:
    v = load_splat(f, p, lg);
    break;
  case W2S_OP_V128_LOAD32_ZERO: case W2S_OP_V128_LOAD64_ZERO:
    v = load_zero(f, p, lg);
    break;
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s is not a v128 access", oi->text);
  }
  w2s_push(f, v);
  return true;
}
