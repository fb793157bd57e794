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
 * that went through a local are seen too.
 *
 * With --bounds-checks there are no guards: the check before each access
 * tests the unfolded address zext(a + C) + offset (lower_memory.c), exactly
 * as Wasm does, and only the access itself uses the folded address.  The
 * first rule stays exact: the check passes only if a + C did not wrap (a
 * wrapped sum is at least 2^32 - F, past every memory), and then the two
 * addresses agree.  The second and nuw stay exact: the earlier access passed
 * its check, so a < size <= 2^32 - F (and as each check ends a block, what a
 * block shows carries on into a block entered only from it: fold_chain).  The
 * third does not: the load's own check may pass on a wrapped, in-bounds
 * a + C, and the folded address would then read 4 GiB past it, outside the
 * reservation; so it is off. */
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
                     bool bounds_checks, value_set *seen) {
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
                          (set_has(seen, x) ||
                           (is_load && !bounds_checks && accessed_later(access, x, base))));
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

/* With bounds checks every access ends its block (a branch to the trap), so
 * what one block shows would be lost at the next.  A block entered only by a
 * branch from P (its one use by a terminator) inherits what P showed: P's
 * accesses all ran before it.  Such a block is processed right after its
 * predecessor, not on its own. */
static LLVMBasicBlockRef only_pred(LLVMBasicBlockRef bb) {
  LLVMValueRef pred = NULL;
  for (LLVMUseRef u = LLVMGetFirstUse(LLVMBasicBlockAsValue(bb)); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (!LLVMIsATerminatorInst(user))
      continue; /* a phi naming bb as an incoming block */
    if (pred || !LLVMIsABranchInst(user))
      return NULL;
    pred = user;
  }
  return pred ? LLVMGetInstructionParent(pred) : NULL;
}

static void fold_block(LLVMBuilderRef b, LLVMTypeRef i64, LLVMBasicBlockRef bb, LLVMValueRef base,
                       bool bounds_checks, value_set *seen) {
  for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
    LLVMOpcode op = LLVMGetInstructionOpcode(i);
    if (op == LLVMAdd)
      mark_nuw(i, seen);
    else if (op == LLVMLoad || op == LLVMStore)
      fold_one(b, i64, i, base, bounds_checks, seen);
  }
}

/* fold_block on root, then on the blocks whose only predecessor it is, and so
 * on, each starting from what its predecessor showed.  `seen` only grows, so
 * truncating it restores a predecessor's state; an explicit stack, as chains
 * are as long as a function's accesses. */
typedef struct {
  LLVMBasicBlockRef bb;
  size_t n;
} chain_item;

static void fold_chain(LLVMBuilderRef b, LLVMTypeRef i64, LLVMBasicBlockRef root, LLVMValueRef base,
                       value_set *seen, chain_item **stack, size_t *cap) {
  size_t depth = 0;
  (*stack)[depth++] = (chain_item){root, 0};
  while (depth) {
    chain_item it = (*stack)[--depth];
    seen->n = it.n;
    fold_block(b, i64, it.bb, base, true, seen);
    LLVMValueRef term = LLVMGetBasicBlockTerminator(it.bb);
    unsigned nsucc = term ? LLVMGetNumSuccessors(term) : 0;
    for (unsigned k = 0; k < nsucc; k++) {
      LLVMBasicBlockRef s = LLVMGetSuccessor(term, k);
      if (only_pred(s) != it.bb)
        continue;
      if (depth == *cap) {
        chain_item *grown = realloc(*stack, 2 * *cap * sizeof *grown);
        if (!grown)
          continue; /* s is then not folded at all: only less folding */
        *stack = grown;
        *cap *= 2;
      }
      (*stack)[depth++] = (chain_item){s, seen->n};
    }
  }
}

void w2s_fold_addresses(LLVMModuleRef mod, bool bounds_checks) {
  LLVMContextRef ctx = LLVMGetModuleContext(mod);
  unsigned kind = LLVMGetMDKindIDInContext(ctx, W2S_MD_MEM_BASE, strlen(W2S_MD_MEM_BASE));
  LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
  LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
  value_set seen = {0};
  size_t cap = 64;
  /* Without it (out of memory), blocks are folded one by one: less, still exact. */
  chain_item *stack = bounds_checks ? malloc(cap * sizeof *stack) : NULL;
  for (LLVMValueRef fn = LLVMGetFirstFunction(mod); fn; fn = LLVMGetNextFunction(fn)) {
    if (LLVMIsDeclaration(fn))
      continue;
    LLVMValueRef base = find_mem_base(fn, kind);
    if (!base)
      continue;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
      if (stack) {
        if (!only_pred(bb))
          fold_chain(b, i64, bb, base, &seen, &stack, &cap);
        continue;
      }
      seen.n = 0;
      fold_block(b, i64, bb, base, bounds_checks, &seen);
    }
  }
  free(stack);
  free(seen.v);
  LLVMDisposeBuilder(b);
}
