/* keep_loads.c — every Wasm load executes, so an out-of-bounds one traps even
 * when its value is never used.
 *
 * With guard pages the load itself is the bounds check, but to LLVM a load is
 * free of side effects: it deletes one whose value turns out dead (a local
 * overwritten before use, an arithmetic chain whose result is dropped, an
 * arm a select discards, a call result dropped after inlining), at -O0 too
 * (fast instruction selection skips dead code), and moves one into the only
 * path that uses it.
 *
 * So each load gets a "keep" as it is lowered: an llvm.assume(true) carrying
 * the loaded value in a "noundef" operand bundle (true: Wasm memory holds no
 * undefined bytes).  An assume with a bundle is never deleted as dead, yet it
 * is nearly transparent to the optimiser: it touches no memory that loads and
 * stores alias, the loop vectoriser accepts it, cost models ignore it.  LLVM
 * may still drop an assume ("droppable"): when SimplifyCFG speculates the
 * block or loop deletion deletes the loop around it (so an llvm.sideeffect
 * follows each keep), and when InstCombine sinks the load (turned off,
 * target.c).
 *
 * Code generation drops assumes, and dead loads with them, so after the
 * pipeline w2s_lower_kept_loads turns each keep into an empty asm that takes
 * the value as an input (wasm2c's FORCE_READ), unless the load feeds an
 * effect in its own block through uses that need all of its bytes, where
 * code generation can neither move nor narrow it (anchored, below). */
#include <stdlib.h>
#include <string.h>

#include "w2s_lower_priv.h"

#define KEEP_TAG "noundef"

static unsigned assume_intrinsic(void) { return LLVMLookupIntrinsicID("llvm.assume", 11); }

void w2s_keep_load(w2s_lower_fn *f, LLVMValueRef load) {
  /* With --bounds-checks the check before the load traps, and the optimiser
   * keeps a branch to a trap even where it deletes the load. */
  if (f->mem_size)
    return;
  LLVMTypeRef i1 = f->t_i1;
  unsigned id = assume_intrinsic();
  LLVMValueRef fn = LLVMGetIntrinsicDeclaration(f->mod, id, NULL, 0);
  LLVMTypeRef fty = LLVMIntrinsicGetType(f->ctx, id, NULL, 0);
  LLVMOperandBundleRef b = LLVMCreateOperandBundle(KEEP_TAG, strlen(KEEP_TAG), &load, 1);
  LLVMValueRef t = LLVMConstInt(i1, 1, false);
  LLVMBuildCallWithOperandBundles(f->b, fty, fn, &t, 1, &b, 1, "");
  LLVMDisposeOperandBundle(b);
  if (f->priv->arm_unkept) {
    w2s_intrinsic(f, "llvm.sideeffect", NULL, 0, NULL, 0);
    f->priv->arm_unkept = false;
  }
}

/* An assume is "droppable": SimplifyCFG erases it, with the load it keeps,
 * when it speculates an if's arm, and loop deletion with a loop.  An
 * llvm.sideeffect stops both and costs no instruction: one at the head of
 * each loop, and one after the first load of each if arm and of the code
 * after each br_if (after the load, so that
 * two arms do not start alike: SimplifyCFG would hoist what they share and
 * speculate the rest).  Not one a load: in a loop body they cost spmv 12%
 * more instructions. */
void w2s_keep_arm(w2s_lower_fn *f, bool loop) {
  if (!f->mem_base || f->mem_size)
    return;
  /* An arm holding a loop is never speculated, and the loop's own body is
   * no arm (its sideeffect would be in every iteration). */
  f->priv->arm_unkept = !loop;
  if (loop)
    w2s_intrinsic(f, "llvm.sideeffect", NULL, 0, NULL, 0);
}

/* An empty asm taking v as an input, at the builder's position: v must be in
 * a register there, so the load that made it executes. */
static void force_read(LLVMBuilderRef b, LLVMContextRef ctx, bool is_aarch64, LLVMValueRef v) {
  LLVMTypeRef ty = LLVMTypeOf(v);
  LLVMTypeKind k = LLVMGetTypeKind(ty);
  LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
  unsigned bits = 0;
  if (k == LLVMFloatTypeKind)
    bits = 32;
  else if (k == LLVMDoubleTypeKind)
    bits = 64;
  else if (k == LLVMIntegerTypeKind)
    bits = LLVMGetIntTypeWidth(ty);
  else if (k == LLVMVectorTypeKind) {
    LLVMTypeRef et = LLVMGetElementType(ty);
    LLVMTypeKind ek = LLVMGetTypeKind(et);
    unsigned ebits = ek == LLVMIntegerTypeKind ? LLVMGetIntTypeWidth(et)
                     : ek == LLVMFloatTypeKind ? 32 : ek == LLVMDoubleTypeKind ? 64 : 0;
    bits = ebits ? LLVMGetVectorSize(ty) * ebits : 0;
  }
  /* Floats and vectors stay in their FP/vector register, integers in a
   * general one: no move between register files just to keep the value. */
  const char *fp = is_aarch64 ? "w" : "x";
  const char *constraint = "r";
  if (k == LLVMVectorTypeKind && bits == 128) {
    /* The whole vector: one lane would let LLVM narrow the load, and a
     * partly out-of-bounds v128 must trap. */
    v = LLVMBuildBitCast(b, v, LLVMVectorType(i64, 2), "");
    constraint = fp;
  } else if (k == LLVMFloatTypeKind || k == LLVMDoubleTypeKind) {
    constraint = fp;
  } else if (k == LLVMVectorTypeKind && (bits == 32 || bits == 64)) {
    v = LLVMBuildBitCast(b, v, bits == 32 ? LLVMFloatTypeInContext(ctx) : LLVMDoubleTypeInContext(ctx), "");
    constraint = fp;
  } else if (k == LLVMVectorTypeKind && (bits == 8 || bits == 16)) {
    v = LLVMBuildBitCast(b, v, LLVMIntTypeInContext(ctx, bits), "");
  } else if (k == LLVMVectorTypeKind) {
    /* Any other vector a vectoriser made: lane by lane. */
    for (unsigned i = 0; i < LLVMGetVectorSize(ty); i++)
      force_read(b, ctx, is_aarch64,
                 LLVMBuildExtractElement(b, v, LLVMConstInt(i64, i, false), ""));
    return;
  } else if (k == LLVMIntegerTypeKind && bits > 64 && bits % 64 == 0) {
    force_read(b, ctx, is_aarch64, LLVMBuildBitCast(b, v, LLVMVectorType(i64, bits / 64), ""));
    return;
  } else if (k == LLVMIntegerTypeKind && bits != 8 && bits != 16 && bits != 32 && bits != 64) {
    v = bits < 64 ? LLVMBuildZExt(b, v, i64, "") : LLVMBuildTrunc(b, v, i64, "");
  }
  ty = LLVMTypeOf(v);
  LLVMTypeRef fty = LLVMFunctionType(LLVMVoidTypeInContext(ctx), &ty, 1, 0);
  LLVMValueRef asm_ = LLVMGetInlineAsm(fty, "", 0, (char *)constraint, strlen(constraint), 1,
                                       0, LLVMInlineAsmDialectATT, 0);
  LLVMBuildCall2(b, fty, asm_, &v, 1, "");
}

/* The value a keep holds, or NULL if v is not a keep. */
static LLVMValueRef kept_value(LLVMValueRef v, unsigned assume_id) {
  if (!LLVMIsACallInst(v))
    return NULL;
  LLVMValueRef callee = LLVMGetCalledValue(v);
  if (!callee || !LLVMIsAFunction(callee) || LLVMGetIntrinsicID(callee) != assume_id ||
      LLVMGetNumOperandBundles(v) != 1)
    return NULL;
  LLVMOperandBundleRef ob = LLVMGetOperandBundleAtIndex(v, 0);
  size_t n;
  const char *tag = LLVMGetOperandBundleTag(ob, &n);
  LLVMValueRef kept = NULL;
  if (n == strlen(KEEP_TAG) && memcmp(tag, KEEP_TAG, n) == 0 && LLVMGetNumOperandBundleArgs(ob) == 1)
    kept = LLVMGetOperandBundleArgAtIndex(ob, 0);
  LLVMDisposeOperandBundle(ob);
  return kept;
}

bool w2s_is_keep(LLVMValueRef v) { return kept_value(v, assume_intrinsic()) != NULL; }

static bool is_keep(LLVMValueRef v, unsigned assume_id) { return kept_value(v, assume_id) != NULL; }

/* Operations that only move a loaded value around: a value behind them is
 * not used until they are. */
static bool is_transparent(LLVMValueRef v) {
  return LLVMIsACastInst(v) || LLVMIsAExtractElementInst(v) || LLVMIsAFreezeInst(v) ||
         (LLVMIsAShuffleVectorInst(v) && LLVMIsUndef(LLVMGetOperand(v, 1)));
}

static LLVMValueRef strip(LLVMValueRef v) {
  while (v && is_transparent(v))
    v = LLVMGetOperand(v, 0);
  return v;
}

static bool is_const_int(LLVMValueRef v, long long *out) {
  if (!LLVMIsAConstantInt(v))
    return false;
  *out = LLVMConstIntGetSExtValue(v);
  return true;
}

static unsigned trailing_zeros(unsigned long long x) {
  unsigned n = 0;
  while (n < 64 && !(x >> n & 1))
    n++;
  return n;
}

/* Whether `user`, given v (the load behind it, root, or a value computed from
 * it), needs every byte of v.  Code generation narrows a load to the bytes
 * whose bits are demanded (SimplifyDemandedBits, demanded vector lanes), so
 * a load that only some bits of are used can miss the bytes past the end of
 * memory; and a value stored back where it was loaded is dropped as a
 * no-op.  So only uses known to demand every bit pass: float operations
 * (v is then a float), add/sub/xor and extensions (whose own users the walk
 * then judges), equality and comparisons with a variable, full stores,
 * addresses, shifts by fewer than 8 bits, masks that keep a bit of every
 * byte, multiplies by constants with fewer than 8 trailing zeros, calls and
 * returns.  Other masks and shifts, rotates, truncations, lanes, constant
 * comparisons: not. */
static bool demands_all(LLVMValueRef user, LLVMValueRef v, LLVMValueRef root) {
  LLVMTypeKind k = LLVMGetTypeKind(LLVMTypeOf(v));
  if (k != LLVMIntegerTypeKind && k != LLVMVectorTypeKind)
    return true; /* a float's bits are all used by what takes it */
  bool vec = k == LLVMVectorTypeKind;
  switch (LLVMGetInstructionOpcode(user)) {
  case LLVMAdd: case LLVMSub: case LLVMXor: case LLVMZExt: case LLVMSExt: case LLVMBitCast:
  case LLVMPHI: case LLVMRet: case LLVMBr: case LLVMSwitch: case LLVMGetElementPtr:
  case LLVMSIToFP: case LLVMUIToFP: case LLVMIntToPtr: case LLVMFreeze:
  case LLVMUDiv: case LLVMSDiv: case LLVMURem: case LLVMSRem:
    return true;
  case LLVMICmp: {
    if (vec)
      return true;
    LLVMIntPredicate p = LLVMGetICmpPredicate(user);
    LLVMValueRef o = LLVMGetOperand(user, LLVMGetOperand(user, 0) == v ? 1 : 0);
    return p == LLVMIntEQ || p == LLVMIntNE || !LLVMIsAConstant(o);
  }
  case LLVMShl: case LLVMLShr: case LLVMAShr: {
    /* x shifted by c < 8 still needs a bit of every byte (addresses: x << 3) */
    long long c;
    return !vec && LLVMGetOperand(user, 0) == v && is_const_int(LLVMGetOperand(user, 1), &c) &&
           c >= 0 && c < 8;
  }
  case LLVMAnd: case LLVMOr: {
    /* a mask with no zero byte (and), no all-ones byte (or): every byte used */
    long long c;
    LLVMValueRef o = LLVMGetOperand(user, LLVMGetOperand(user, 0) == v ? 1 : 0);
    if (vec || !is_const_int(o, &c))
      return false;
    unsigned bytes = LLVMGetIntTypeWidth(LLVMTypeOf(v)) / 8;
    for (unsigned i = 0; i < bytes; i++) {
      unsigned byte = (unsigned)((unsigned long long)c >> (8 * i)) & 0xff;
      if (byte == (LLVMGetInstructionOpcode(user) == LLVMAnd ? 0x00u : 0xffu))
        return false;
    }
    return true;
  }
  case LLVMMul: {
    long long c;
    LLVMValueRef o = LLVMGetOperand(user, LLVMGetOperand(user, 0) == v ? 1 : 0);
    /* x * c needs x's low (bits - tz(c)) bits: all bytes while tz(c) < 8 */
    return !vec && is_const_int(o, &c) && c != 0 && trailing_zeros((unsigned long long)c) < 8;
  }
  case LLVMStore: /* the value itself, full width, anywhere but where it came from */
    return LLVMGetOperand(user, 0) != v ||
           !(v == root && LLVMIsALoadInst(root) && LLVMGetOperand(user, 1) == LLVMGetOperand(root, 0));
  case LLVMCall: {
    LLVMValueRef callee = LLVMGetCalledValue(user);
    if (LLVMIsAInlineAsm(callee) || !LLVMIsAIntrinsicInst(user))
      return true;
    size_t n;
    const char *name = LLVMGetValueName2(callee, &n);
    static const char *const whole[] = {"llvm.ctpop.", "llvm.bswap.", "llvm.bitreverse.",
                                        "llvm.smin.", "llvm.smax.", "llvm.umin.", "llvm.umax.",
                                        "llvm.abs.", "llvm.ctlz.", "llvm.cttz."};
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
      if (n >= strlen(whole[i]) && strncmp(name, whole[i], strlen(whole[i])) == 0)
        return true;
    return false;
  }
  default:
    return false;
  }
}

/* Whether code generation must read the whole load `root` in its block bb
 * with no help: its value reaches an effect of bb through values computed
 * there, and every use on the way demands every byte of it (demands_all).
 * An effect: a store, call, return or branch in bb, or a value that goes
 * round bb as a one-block loop (a phi of bb) and is used after it: machine
 * sinking never breaks a back edge, and the loop's result keeps the cycle
 * alive (a cycle used by nothing else is dead code to code generation).  Not
 * a value that is only used elsewhere (machine sinking would move the load
 * to where it is used, off the other paths), nor one that only a select uses
 * (a select with a load operand can become a branch around the load).
 * Instruction selection works a block at a time; CodeGenPrepare looks at
 * the load's users elsewhere, and through phis, to narrow it. */
static bool anchored(LLVMValueRef root, LLVMBasicBlockRef bb, unsigned assume_id) {
  /* A bounded walk over the values computed from root in bb (long chains
   * are the common case: a stencil's sum of nine loads feeds its store). */
  enum { MAX = 256 };
  LLVMValueRef work[MAX];
  unsigned n = 0, next = 0;
  bool effect = false, carried = false, escapes = false;
  work[n++] = root;
  while (next < n) {
    LLVMValueRef v = work[next++];
    for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
      LLVMValueRef user = LLVMGetUser(u);
      if (!LLVMIsAInstruction(user) || is_keep(user, assume_id) || LLVMIsASelectInst(user))
        continue;
      bool here = LLVMGetInstructionParent(user) == bb;
      if ((here || v == root || LLVMIsAPHINode(v)) && !demands_all(user, v, root))
        return false;
      if (!here) {
        escapes = true;
        continue;
      }
      switch (LLVMGetInstructionOpcode(user)) {
      case LLVMStore: case LLVMRet: case LLVMBr: case LLVMSwitch:
      case LLVMInvoke: case LLVMAtomicRMW: case LLVMAtomicCmpXchg:
        effect = true;
        continue;
      case LLVMPHI:
        carried = true;
        break;
      case LLVMCall:
        if (LLVMIsAInlineAsm(LLVMGetCalledValue(user)) || !LLVMIsAIntrinsicInst(user)) {
          effect = true;
          continue;
        }
        break;
      default:
        break;
      }
      bool seen = false;
      for (unsigned i = 0; i < n && !seen; i++)
        seen = work[i] == user;
      if (!seen) {
        if (n == MAX)
          return false; /* too far to tell: keep the load */
        work[n++] = user;
      }
    }
  }
  return effect || (carried && escapes);
}

/* Remove v and the transparent operations behind it that nothing else uses. */
static void erase_dead_chain(LLVMValueRef v) {
  while (v && is_transparent(v) && !LLVMGetFirstUse(v)) {
    LLVMValueRef op = LLVMGetOperand(v, 0);
    LLVMInstructionEraseFromParent(v);
    v = LLVMIsAInstruction(op) ? op : NULL;
  }
}

/* Where an asm reading `root` goes: right after it (after the phis, for a
 * phi: the optimiser may merge the loads of two paths into one). */
static LLVMValueRef insertion_point(LLVMValueRef root) {
  LLVMValueRef at = LLVMGetNextInstruction(root);
  while (at && LLVMIsAPHINode(at))
    at = LLVMGetNextInstruction(at);
  return at;
}

void w2s_lower_kept_loads(LLVMModuleRef mod, bool is_aarch64, bool every_load) {
  unsigned assume_id = assume_intrinsic();
  LLVMContextRef ctx = LLVMGetModuleContext(mod);
  LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
  for (LLVMValueRef fn = LLVMGetFirstFunction(mod); fn; fn = LLVMGetNextFunction(fn)) {
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
      LLVMValueRef i = LLVMGetFirstInstruction(bb);
      while (i) {
        /* What is inserted or erased below lies before i: next stays valid. */
        LLVMValueRef next = LLVMGetNextInstruction(i);
        LLVMValueRef v = kept_value(i, assume_id);
        if (v) {
          /* The load (or whatever replaced it) is dead but for keeps: read
           * it, once.  A keep of a constant or an argument (a load the
           * optimiser forwarded from a store) needs nothing. */
          LLVMValueRef root = strip(v);
          if (root && LLVMIsAInstruction(root) &&
              (every_load || !anchored(root, LLVMGetInstructionParent(root), assume_id))) {
            LLVMPositionBuilderBefore(b, insertion_point(root));
            force_read(b, ctx, is_aarch64, root);
          }
          LLVMInstructionEraseFromParent(i);
          if (LLVMIsAInstruction(v))
            erase_dead_chain(v);
        }
        i = next;
      }
    }
  }
  LLVMDisposeBuilder(b);
}
