/* loop_counters.c — loop counters that step by a power of two, made countable.
 *
 * clang's scalar wasm32 code interleaves a loop by two and counts it down in
 * steps of 2 to exactly zero: c' = c - 2; br_if (c' != 0).  LLVM cannot count
 * such a loop, because for an odd start the counter never reaches zero (the
 * loop runs forever), so it neither vectorises it nor widens its induction
 * variables.  With step = +-2^k the low k bits of c never change, and
 *
 *   c' == 0   <=>   d' == 0  &&  (start mod 2^k) == 0
 *
 * where d is a counter of 32-k bits started at start >> k and stepping by
 * +-1: c' is 2^k d' modulo 2^32.  So the loop now leaves on d' == 0, a count
 * LLVM can compute, to a new block that leaves for real if start is aligned
 * and otherwise goes round a new outer loop, restarting d at 0 (a full
 * period) with every other value as it was:
 *
 *   pre -> restart -> H ... latch --d'==0--> check --aligned--> exit
 *            ^                                  |
 *            +----------------------------------+
 *
 * Exactly the old loop for every start, with no code copied.  It rewrites
 * only control flow, never an address, so it needs no guard region and holds
 * with --bounds-checks as it is.
 *
 * Runs after mem2reg, on the first such phi c in each Wasm loop header H with
 * exactly two predecessors, the loop's entry and a latch ending in a
 * conditional branch back to H on (c + step ==/!= 0). */
#include <llvm-c/Core.h>
#include <stdbool.h>
#include <string.h>

#include "w2s_lower_priv.h"

/* step = +-2^k with 1 <= k <= 31: k, and whether it counts down. */
static bool is_pow2_step(LLVMValueRef v, unsigned *k, bool *down) {
  if (!LLVMIsAConstantInt(v) || LLVMGetIntTypeWidth(LLVMTypeOf(v)) != 32)
    return false;
  uint32_t s = (uint32_t)LLVMConstIntGetZExtValue(v);
  *down = (s & 0x80000000u) != 0;
  uint32_t a = *down ? (uint32_t)-s : s;
  if (a < 2 || (a & (a - 1)))
    return false;
  for (*k = 0; (1u << *k) != a; ++*k) {
  }
  return *k < 32;
}

/* x == 0 or x != 0, either way round: x, and whether it tests for zero. */
static LLVMValueRef zero_test(LLVMValueRef cmp, bool *is_eq) {
  if (!LLVMIsAICmpInst(cmp))
    return NULL;
  LLVMIntPredicate p = LLVMGetICmpPredicate(cmp);
  if (p != LLVMIntEQ && p != LLVMIntNE)
    return NULL;
  LLVMValueRef a = LLVMGetOperand(cmp, 0), b = LLVMGetOperand(cmp, 1);
  if (LLVMIsAConstantInt(a)) {
    LLVMValueRef t = a;
    a = b;
    b = t;
  }
  if (!LLVMIsAConstantInt(b) || LLVMConstIntGetZExtValue(b) != 0)
    return NULL;
  *is_eq = p == LLVMIntEQ;
  return a;
}

/* Whether the latch's condition is next ==/!= 0; *is_eq: which.  A Wasm
 * comparison feeding br_if arrives as (zext i1 (icmp ...)) != 0: looked
 * through. */
static bool tests_zero(LLVMValueRef cmp, LLVMValueRef next, bool *is_eq) {
  LLVMValueRef x = zero_test(cmp, is_eq);
  if (x && LLVMIsAInstruction(x) && LLVMGetInstructionOpcode(x) == LLVMZExt &&
      LLVMGetIntTypeWidth(LLVMTypeOf(LLVMGetOperand(x, 0))) == 1) {
    bool outer_eq = *is_eq;
    x = zero_test(LLVMGetOperand(x, 0), is_eq);
    *is_eq = *is_eq != outer_eq; /* (c' == 0) == 0 is c' != 0 */
  }
  return x == next;
}

/* Replace phi by one with the same incoming values, `from` read as `to`. */
static void rebuild_phi(LLVMBuilderRef b, LLVMValueRef phi, LLVMBasicBlockRef from,
                        LLVMBasicBlockRef to) {
  LLVMPositionBuilderBefore(b, phi);
  LLVMValueRef np = LLVMBuildPhi(b, LLVMTypeOf(phi), "");
  for (unsigned i = 0, n = LLVMCountIncoming(phi); i < n; i++) {
    LLVMValueRef v = LLVMGetIncomingValue(phi, i);
    LLVMBasicBlockRef bb = LLVMGetIncomingBlock(phi, i);
    if (bb == from)
      bb = to;
    LLVMAddIncoming(np, &v, &bb, 1);
  }
  LLVMReplaceAllUsesWith(phi, np);
  LLVMInstructionEraseFromParent(phi);
}

static void retarget(LLVMValueRef term, LLVMBasicBlockRef from, LLVMBasicBlockRef to) {
  for (unsigned i = 0, n = LLVMGetNumSuccessors(term); i < n; i++)
    if (LLVMGetSuccessor(term, i) == from)
      LLVMSetSuccessor(term, i, to);
}

/* The loop headed by h, entered from pre, with the back edge from latch whose
 * branch br leaves on (c' == 0) to exit; c' = c + (down ? -2^k : 2^k). */
static void make_countable(LLVMBuilderRef b, LLVMBasicBlockRef h, LLVMBasicBlockRef pre,
                           LLVMBasicBlockRef latch, LLVMValueRef br, LLVMBasicBlockRef exit,
                           LLVMValueRef start, unsigned k, bool down) {
  LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(start));
  LLVMTypeRef i32 = LLVMTypeOf(start), nt = LLVMIntTypeInContext(ctx, 32 - k);
  LLVMValueRef fn = LLVMGetBasicBlockParent(h);
  LLVMBasicBlockRef restart = LLVMInsertBasicBlockInContext(ctx, h, "restart");
  LLVMBasicBlockRef after = LLVMGetNextBasicBlock(latch);
  LLVMBasicBlockRef check = after ? LLVMInsertBasicBlockInContext(ctx, after, "count_end")
                                  : LLVMAppendBasicBlockInContext(ctx, fn, "count_end");
  /* In the entry block: d's start and whether the start is aligned. */
  LLVMPositionBuilderBefore(b, LLVMGetBasicBlockTerminator(pre));
  LLVMValueRef dstart =
      LLVMBuildTrunc(b, LLVMBuildLShr(b, start, LLVMConstInt(i32, k, false), ""), nt, "");
  LLVMValueRef low = LLVMBuildAnd(b, start, LLVMConstInt(i32, (1u << k) - 1, false), "");
  LLVMValueRef aligned = LLVMBuildICmp(b, LLVMIntEQ, low, LLVMConstInt(i32, 0, false), "");
  retarget(LLVMGetBasicBlockTerminator(pre), h, restart);

  /* restart: one phi per header phi (entry value, or the latch's value when
   * going round again), and d's start (0 when going round: a full period). */
  LLVMPositionBuilderAtEnd(b, restart);
  LLVMValueRef dinit = LLVMBuildPhi(b, nt, "");
  LLVMValueRef dv[2] = {dstart, LLVMConstInt(nt, 0, false)};
  LLVMBasicBlockRef db[2] = {pre, check};
  LLVMAddIncoming(dinit, dv, db, 2);
  /* Each header phi is replaced by one whose entry value comes through
   * restart; the replacement goes before it, so the walk never meets it. */
  for (LLVMValueRef phi = LLVMGetFirstInstruction(h); phi && LLVMIsAPHINode(phi);) {
    LLVMValueRef next = LLVMGetNextInstruction(phi);
    LLVMValueRef v[2] = {NULL, NULL}; /* from pre, from latch */
    for (unsigned j = 0; j < 2; j++)
      v[LLVMGetIncomingBlock(phi, j) == pre ? 0 : 1] = LLVMGetIncomingValue(phi, j);
    LLVMPositionBuilderAtEnd(b, restart);
    LLVMValueRef outer = LLVMBuildPhi(b, LLVMTypeOf(phi), "");
    LLVMBasicBlockRef ob[2] = {pre, check};
    LLVMAddIncoming(outer, v, ob, 2);
    LLVMPositionBuilderBefore(b, phi);
    LLVMValueRef np = LLVMBuildPhi(b, LLVMTypeOf(phi), "");
    LLVMValueRef nv[2] = {outer, v[1]};
    LLVMBasicBlockRef nb[2] = {restart, latch};
    LLVMAddIncoming(np, nv, nb, 2);
    /* Also rewrites outer's and np's own incoming values that were phi. */
    LLVMReplaceAllUsesWith(phi, np);
    LLVMInstructionEraseFromParent(phi);
    phi = next;
  }
  LLVMPositionBuilderAtEnd(b, restart);
  LLVMBuildBr(b, h);

  /* H: d; the latch steps it and leaves on d' == 0 to check. */
  LLVMPositionBuilderBefore(b, LLVMGetFirstInstruction(h));
  LLVMValueRef d = LLVMBuildPhi(b, nt, "");
  LLVMPositionBuilderBefore(b, br);
  LLVMValueRef dnext = LLVMBuildAdd(b, d, down ? LLVMConstAllOnes(nt) : LLVMConstInt(nt, 1, 0), "");
  LLVMValueRef hv[2] = {dinit, dnext};
  LLVMBasicBlockRef hb[2] = {restart, latch};
  LLVMAddIncoming(d, hv, hb, 2);
  LLVMValueRef zero = LLVMConstInt(nt, 0, false);
  /* br keeps its shape: the side that left on c' == 0 leaves on d' == 0. */
  bool exit_on_true = LLVMGetSuccessor(br, 0) == exit;
  LLVMSetCondition(br, LLVMBuildICmp(b, exit_on_true ? LLVMIntEQ : LLVMIntNE, dnext, zero, ""));
  retarget(br, exit, check);
  LLVMPositionBuilderAtEnd(b, check);
  LLVMBuildCondBr(b, aligned, exit, restart);
  /* exit's phis now hear from check instead of the latch. */
  for (LLVMValueRef i = LLVMGetFirstInstruction(exit); i && LLVMIsAPHINode(i);) {
    LLVMValueRef nexti = LLVMGetNextInstruction(i);
    rebuild_phi(b, i, latch, check);
    i = nexti;
  }
}

/* c: a phi of h.  If it is a power-of-two-step counter tested against zero
 * on h's back edge, make the loop countable. */
static bool try_counter(LLVMBuilderRef b, LLVMBasicBlockRef h, LLVMValueRef phi) {
  if (LLVMCountIncoming(phi) != 2 || LLVMGetTypeKind(LLVMTypeOf(phi)) != LLVMIntegerTypeKind ||
      LLVMGetIntTypeWidth(LLVMTypeOf(phi)) != 32)
    return false;
  for (unsigned in = 0; in < 2; in++) {
    LLVMValueRef next = LLVMGetIncomingValue(phi, in);
    LLVMBasicBlockRef latch = LLVMGetIncomingBlock(phi, in);
    LLVMValueRef start = LLVMGetIncomingValue(phi, 1 - in);
    LLVMBasicBlockRef pre = LLVMGetIncomingBlock(phi, 1 - in);
    unsigned k;
    bool down;
    if (pre == latch || !LLVMIsAInstruction(next) || LLVMGetInstructionOpcode(next) != LLVMAdd ||
        LLVMGetOperand(next, 0) != phi || !is_pow2_step(LLVMGetOperand(next, 1), &k, &down))
      continue;
    LLVMValueRef br = LLVMGetBasicBlockTerminator(latch);
    if (!br || LLVMGetInstructionOpcode(br) != LLVMBr || !LLVMIsConditional(br))
      continue;
    LLVMValueRef cmp = LLVMGetCondition(br);
    LLVMBasicBlockRef s0 = LLVMGetSuccessor(br, 0), s1 = LLVMGetSuccessor(br, 1);
    bool eq;
    if (!tests_zero(cmp, next, &eq) || (s0 == h) == (s1 == h))
      continue;
    /* The successor taken when c' == 0 must be the exit. */
    LLVMBasicBlockRef exit = s0 == h ? s1 : s0;
    if ((exit == s0) != eq || exit == latch)
      continue;
    make_countable(b, h, pre, latch, br, exit, start, k, down);
    return true;
  }
  return false;
}

void w2s_countable_loops(LLVMModuleRef mod) {
  LLVMBuilderRef b = LLVMCreateBuilderInContext(LLVMGetModuleContext(mod));
  for (LLVMValueRef fn = LLVMGetFirstFunction(mod); fn; fn = LLVMGetNextFunction(fn)) {
    for (LLVMBasicBlockRef h = LLVMGetFirstBasicBlock(fn); h; h = LLVMGetNextBasicBlock(h)) {
      /* Only a Wasm loop's header (lower_control.c names it "loop"): its one
       * entry edge dominates it and every other edge is a back edge from
       * inside the loop, so what the entry block computes reaches the latch. */
      const char *name = LLVMGetBasicBlockName(h);
      if (strncmp(name, "loop", 4) != 0 || strncmp(name, "loop_end", 8) == 0)
        continue;
      for (LLVMValueRef i = LLVMGetFirstInstruction(h); i && LLVMIsAPHINode(i);
           i = LLVMGetNextInstruction(i))
        if (try_counter(b, h, i))
          break;
    }
  }
  LLVMDisposeBuilder(b);
}
