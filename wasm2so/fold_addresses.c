/* fold_addresses.c — constant address offsets folded into 64-bit addressing.
 *
 * An access to i32.add(a, C) is lowered as base + zext(a + C): the sum wraps
 * at 2^32, so LLVM cannot see that p and p + 8 are adjacent, keeps a separate
 * zero-extended register per address and will not vectorise the loop.  Where
 * it is exact, the address becomes base + zext(a) + sext(C) instead, C in
 * [-F, F] with F = WASMSO_MEMORY_FOLD_MAX; the loader keeps every memory at
 * least F bytes below 4 GiB and F guard bytes below base (wasmso_abi.h):
 *
 *  - C < 0, no static offset: if a >= -C the two agree; if not, a + C wraps
 *    to at least 2^32 - F, out of bounds, and zext(a) + C is in the guard
 *    below base: both trap.
 *  - C >= 0, any static offset, after an access through a itself has run in
 *    the same block: that access did not trap, so a < size <= 2^32 - F, and
 *    a + C cannot wrap.
 *  - C >= 0, a load, followed in the same block by an access through a with
 *    nothing in between that stores, calls or otherwise has an effect: if
 *    a + C wrapped, a >= 2^32 - F is out of bounds and that access traps, so
 *    trapping at the load instead (zext(a) + C lies past the memory) is the
 *    same trap with nothing observable skipped.  (clang often loads p[1]
 *    before p[0].)
 *
 * Every other address is left alone.  The second rule also marks such an
 * a + C `nuw` wherever it is used (mark_nuw).  Runs after mem2reg, so sums
 * that went through a local are seen too. */
#include <llvm-c/Core.h>
#include <stdlib.h>
#include <string.h>

#include "w2s_lower_priv.h"

/* The function's memory base: the entry-block load lower_function.c marked. */
static LLVMValueRef find_mem_base(LLVMValueRef fn, unsigned kind) {
  LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
  for (LLVMValueRef i = LLVMGetFirstInstruction(entry); i; i = LLVMGetNextInstruction(i))
    if (LLVMGetInstructionOpcode(i) == LLVMLoad && LLVMGetMetadata(i, kind))
      return i;
  return NULL;
}

/* A memory address: gep base, idx with idx = zext(a) or zext(a) + off (off a
 * constant).  Sets *a and *off (NULL if none). */
static bool split_address(LLVMValueRef gep, LLVMValueRef base, LLVMValueRef *a,
                          LLVMValueRef *off) {
  if (!LLVMIsAGetElementPtrInst(gep) || LLVMGetNumOperands(gep) != 2 ||
      LLVMGetOperand(gep, 0) != base)
    return false;
  LLVMValueRef idx = LLVMGetOperand(gep, 1);
  *off = NULL;
  if (LLVMIsAInstruction(idx) && LLVMGetInstructionOpcode(idx) == LLVMAdd &&
      LLVMIsAConstantInt(LLVMGetOperand(idx, 1))) {
    *off = LLVMGetOperand(idx, 1);
    idx = LLVMGetOperand(idx, 0);
  }
  if (!LLVMIsAInstruction(idx) || LLVMGetInstructionOpcode(idx) != LLVMZExt)
    return false;
  *a = LLVMGetOperand(idx, 0);
  return true;
}

/* The i32 values a block has already accessed memory through (so each is
 * below the memory's size from there on): a small set, searched linearly. */
typedef struct {
  LLVMValueRef *v;
  size_t n, cap;
} value_set;

static bool set_has(const value_set *s, LLVMValueRef v) {
  for (size_t i = 0; i < s->n; i++)
    if (s->v[i] == v)
      return true;
  return false;
}

static void set_add(value_set *s, LLVMValueRef v) {
  if (set_has(s, v))
    return;
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    LLVMValueRef *nv = realloc(s->v, cap * sizeof *nv);
    if (!nv)
      return; /* forgetting a value only folds less */
    s->v = nv;
    s->cap = cap;
  }
  s->v[s->n++] = v;
}

/* Whether an access through x (any static offset) follows `access` in its
 * block with nothing between that could be observed if `access` trapped
 * instead: no store (but one through x, which traps first), no call.  A
 * bounded look: blocks can be huge. */
static bool accessed_later(LLVMValueRef access, LLVMValueRef x, LLVMValueRef base) {
  unsigned budget = 64;
  for (LLVMValueRef j = LLVMGetNextInstruction(access); j && budget; j = LLVMGetNextInstruction(j)) {
    LLVMValueRef a, off;
    switch (LLVMGetInstructionOpcode(j)) {
    case LLVMLoad:
      if (split_address(LLVMGetOperand(j, 0), base, &a, &off) && a == x)
        return true;
      budget--;
      break;
    case LLVMStore:
      return split_address(LLVMGetOperand(j, 1), base, &a, &off) && a == x;
    case LLVMCall:
      if (w2s_is_keep(j)) /* no effect of its own */
        break;
      return false;
    case LLVMInvoke: case LLVMFence: case LLVMAtomicRMW: case LLVMAtomicCmpXchg:
    case LLVMBr: case LLVMSwitch: case LLVMRet: case LLVMUnreachable: case LLVMIndirectBr:
      return false;
    default:
      budget--;
      break;
    }
  }
  return false;
}

/* Fold the address of one access if that is exact.  Then add to `seen` the
 * i32 values the access, once it has run, shows to be below the memory's
 * size: its address, and for a folded a + C with C >= 0, a.  (Not before:
 * what an access shows holds for the accesses after it, not for itself.) */
static void fold_one(LLVMBuilderRef b, LLVMTypeRef i64, LLVMValueRef access, LLVMValueRef base,
                     value_set *seen) {
  bool is_load = LLVMGetInstructionOpcode(access) == LLVMLoad;
  LLVMValueRef gep = LLVMGetOperand(access, is_load ? 0 : 1);
  LLVMValueRef a, off;
  if (!split_address(gep, base, &a, &off))
    return;
  if (LLVMIsAInstruction(a) && LLVMGetInstructionOpcode(a) == LLVMAdd &&
      LLVMIsAConstantInt(LLVMGetOperand(a, 1))) {
    LLVMValueRef x = LLVMGetOperand(a, 0);
    int64_t c = (int32_t)(uint32_t)LLVMConstIntGetZExtValue(LLVMGetOperand(a, 1));
    bool exact = c < 0 ? (c >= -(int64_t)WASMSO_MEMORY_FOLD_MAX && !off)
                       : (c <= (int64_t)WASMSO_MEMORY_FOLD_MAX &&
                          (set_has(seen, x) || (is_load && accessed_later(access, x, base))));
    if (exact) {
      LLVMPositionBuilderBefore(b, gep);
      LLVMValueRef ea = LLVMBuildNSWAdd(b, LLVMBuildZExt(b, x, i64, ""),
                                        LLVMConstInt(i64, (uint64_t)c, true), "");
      if (off)
        ea = LLVMBuildNSWAdd(b, ea, off, "");
      LLVMSetOperand(gep, 1, ea);
      if (c >= 0) /* with C < 0, x itself may be past the end */
        set_add(seen, x);
    }
  }
  set_add(seen, a);
}

/* a + C with 0 <= C <= F after an access through a in the same block cannot
 * wrap either, whatever it is used for: typically a loop's pointer stepping
 * past what it just accessed.  Saying so (nuw) lets LLVM widen the pointer to
 * 64 bits instead of zero-extending it at every access. */
static void mark_nuw(LLVMValueRef add, const value_set *seen) {
  LLVMValueRef c = LLVMGetOperand(add, 1);
  if (LLVMGetTypeKind(LLVMTypeOf(add)) != LLVMIntegerTypeKind ||
      LLVMGetIntTypeWidth(LLVMTypeOf(add)) != 32 || !LLVMIsAConstantInt(c))
    return;
  if (LLVMConstIntGetZExtValue(c) <= WASMSO_MEMORY_FOLD_MAX && set_has(seen, LLVMGetOperand(add, 0)))
    LLVMSetNUW(add, 1);
}

void w2s_fold_addresses(LLVMModuleRef mod) {
  LLVMContextRef ctx = LLVMGetModuleContext(mod);
  unsigned kind = LLVMGetMDKindIDInContext(ctx, W2S_MD_MEM_BASE, strlen(W2S_MD_MEM_BASE));
  LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
  LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
  value_set seen = {0};
  for (LLVMValueRef fn = LLVMGetFirstFunction(mod); fn; fn = LLVMGetNextFunction(fn)) {
    if (LLVMIsDeclaration(fn))
      continue;
    LLVMValueRef base = find_mem_base(fn, kind);
    if (!base)
      continue;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
      seen.n = 0;
      for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
        LLVMOpcode op = LLVMGetInstructionOpcode(i);
        if (op == LLVMAdd)
          mark_nuw(i, &seen);
        else if (op == LLVMLoad || op == LLVMStore)
          fold_one(b, i64, i, base, &seen);
      }
    }
  }
  free(seen.v);
  LLVMDisposeBuilder(b);
}
