/* lower_function.c — the walker: lowers one function body to LLVM IR.
 *
 * It keeps the operand stack as LLVM values and the control stack
 * (w2s_ctrl), puts locals in entry-block allocas (mem2reg makes them SSA
 * values), and hands each instruction to the lowering of its class
 * (w2s_opcodes.def).  After br, br_table, return or unreachable, the rest of
 * the block is skipped up to its `else`/`end`: the body is already
 * validated, so dead code needs no IR. */
#include <stdlib.h>
#include <string.h>

#include "w2s_lower_priv.h"

/* ---- operand stack (the contract with lower_numeric/convert/memory) ---- */

LLVMValueRef w2s_pop(w2s_lower_fn *f) {
  struct w2s_lower_priv *p = f->priv;
  /* Validation guarantees a value; an empty stack only follows an internal
   * error already recorded, so hand back something harmless. */
  if (p->nstack == 0) {
    p->oom = true;
    return LLVMGetUndef(f->t_i32);
  }
  return p->stack[--p->nstack];
}

void w2s_push(w2s_lower_fn *f, LLVMValueRef v) {
  struct w2s_lower_priv *p = f->priv;
  if (p->nstack == p->capstack) {
    size_t cap = p->capstack ? 2 * p->capstack : 64;
    LLVMValueRef *s = realloc(p->stack, cap * sizeof *s);
    if (!s) {
      p->oom = true;
      return;
    }
    p->stack = s;
    p->capstack = cap;
  }
  p->stack[p->nstack++] = v;
}

void w2s_popn(w2s_lower_fn *f, LLVMValueRef *out, unsigned n) {
  for (unsigned i = n; i-- > 0;)
    out[i] = w2s_pop(f);
}

void w2s_push_results(w2s_lower_fn *f, LLVMValueRef call, uint32_t n) {
  if (n == 1) {
    w2s_push(f, call);
    return;
  }
  for (uint32_t i = 0; i < n; i++)
    w2s_push(f, LLVMBuildExtractValue(f->b, call, i, ""));
}

LLVMValueRef w2s_i32_to_bool(w2s_lower_fn *f, LLVMValueRef v) {
  return LLVMBuildICmp(f->b, LLVMIntNE, v, LLVMConstInt(f->t_i32, 0, 0), "");
}

/* ---- vmctx access ---- */

/* Attach an empty metadata node of the given kind (invariant.load, or our
 * own marks such as W2S_MD_MEM_BASE). */
static void mark(w2s_lower_fn *f, LLVMValueRef inst, const char *kind) {
  unsigned id = LLVMGetMDKindIDInContext(f->ctx, kind, (unsigned)strlen(kind));
  LLVMSetMetadata(inst, id, LLVMMetadataAsValue(f->ctx, LLVMMDNodeInContext2(f->ctx, NULL, 0)));
}

LLVMValueRef w2s_load_at(w2s_lower_fn *f, LLVMValueRef base, size_t offset, LLVMTypeRef ty,
                         bool invariant, const char *name) {
  LLVMValueRef ptr = base;
  if (offset) {
    LLVMValueRef off = LLVMConstInt(f->t_i64, offset, 0);
    ptr = LLVMBuildInBoundsGEP2(f->b, f->t_i8, base, &off, 1, "");
  }
  LLVMValueRef v = LLVMBuildLoad2(f->b, ty, ptr, name);
  if (invariant)
    mark(f, v, "invariant.load");
  return v;
}

LLVMValueRef w2s_load_index(w2s_lower_fn *f, LLVMValueRef array, LLVMValueRef index,
                            LLVMTypeRef ty, bool invariant, const char *name) {
  LLVMValueRef ptr = LLVMBuildInBoundsGEP2(f->b, ty, array, &index, 1, "");
  LLVMValueRef v = LLVMBuildLoad2(f->b, ty, ptr, name);
  if (invariant)
    mark(f, v, "invariant.load");
  return v;
}

LLVMValueRef w2s_call_rt(w2s_lower_fn *f, size_t offset, LLVMTypeRef ret, LLVMValueRef *args,
                         unsigned nargs, const char *name) {
  LLVMTypeRef tys[8];
  LLVMValueRef all[8];
  if (nargs + 1 > 8)
    return NULL;
  tys[0] = f->t_ptr;
  all[0] = f->vmctx;
  for (unsigned i = 0; i < nargs; i++) {
    tys[i + 1] = LLVMTypeOf(args[i]);
    all[i + 1] = args[i];
  }
  LLVMTypeRef fty = LLVMFunctionType(ret, tys, nargs + 1, 0);
  LLVMValueRef rt = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, rt), f->t_ptr, true, "rt");
  LLVMValueRef fn = w2s_load_at(f, rt, offset, f->t_ptr, true, "");
  LLVMValueRef call = LLVMBuildCall2(f->b, fty, fn, all, nargs + 1, name);
  /* Never a tail call: a helper that traps (memory.fill out of bounds, say)
   * must find the calling function's frame for the backtrace. */
  LLVMSetTailCallKind(call, LLVMTailCallKindNoTail);
  return call;
}

/* ---- traps and intrinsics ---- */

static LLVMBasicBlockRef trap_block(w2s_lower_fn *f, enum wasmso_trap code) {
  struct w2s_lower_priv *p = f->priv;
  if (p->trap_bb[code])
    return p->trap_bb[code];
  LLVMBasicBlockRef here = LLVMGetInsertBlock(f->b);
  LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "trap");
  LLVMPositionBuilderAtEnd(f->b, bb);
  LLVMValueRef arg = LLVMConstInt(f->t_i32, code, 0);
  LLVMValueRef call = w2s_call_rt(f, offsetof(wasmso_runtime, trap), f->t_void, &arg, 1, "");
  LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
                           LLVMCreateEnumAttribute(f->ctx, LLVMGetEnumAttributeKindForName("noreturn", 8), 0));
  LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
                           LLVMCreateEnumAttribute(f->ctx, LLVMGetEnumAttributeKindForName("cold", 4), 0));
  LLVMBuildUnreachable(f->b);
  LLVMPositionBuilderAtEnd(f->b, here);
  p->trap_bb[code] = bb;
  return bb;
}

void w2s_trap_if(w2s_lower_fn *f, LLVMValueRef cond, enum wasmso_trap code) {
  if (code <= WASMSO_TRAP_NONE || code >= WASMSO_TRAP_COUNT)
    code = WASMSO_TRAP_UNREACHABLE;
  LLVMBasicBlockRef trap = trap_block(f, code);
  LLVMValueRef args[2] = {cond, LLVMConstInt(f->t_i1, 0, 0)};
  LLVMTypeRef ty = f->t_i1;
  LLVMValueRef expect = w2s_intrinsic(f, "llvm.expect", &ty, 1, args, 2);
  LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(f->ctx, f->fn, "ok");
  LLVMBuildCondBr(f->b, expect ? expect : cond, trap, ok);
  LLVMPositionBuilderAtEnd(f->b, ok);
}

void w2s_trap(w2s_lower_fn *f, enum wasmso_trap code) {
  LLVMBuildBr(f->b, trap_block(f, code));
}

LLVMValueRef w2s_intrinsic(w2s_lower_fn *f, const char *name, LLVMTypeRef *overloads,
                           unsigned noverloads, LLVMValueRef *args, unsigned nargs) {
  unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
  if (id == 0) {
    f->priv->oom = true;
    return LLVMGetUndef(f->t_i32);
  }
  LLVMValueRef fn = LLVMGetIntrinsicDeclaration(f->mod, id, overloads, noverloads);
  LLVMTypeRef ty = LLVMIntrinsicGetType(f->ctx, id, overloads, noverloads);
  return LLVMBuildCall2(f->b, ty, fn, args, nargs, "");
}

LLVMValueRef w2s_opaque(w2s_lower_fn *f, LLVMValueRef v) {
  LLVMTypeRef t = LLVMTypeOf(v);
  const char *cons = f->target->is_aarch64 ? "=w,0" : "=x,0";
  LLVMTypeRef fty = LLVMFunctionType(t, &t, 1, false);
  LLVMValueRef asm_ = LLVMGetInlineAsm(fty, "", 0, cons, strlen(cons), false, false,
                                       LLVMInlineAsmDialectATT, false);
  return LLVMBuildCall2(f->b, fty, asm_, &v, 1, "");
}

/* ---- the walker ---- */

static void add_fn_attr(w2s_lower_fn *f, const char *k, const char *v) {
  LLVMAddAttributeAtIndex(f->fn, LLVMAttributeFunctionIndex,
                             LLVMCreateStringAttribute(f->ctx, k, strlen(k), v, strlen(v)));
}

/* The spec allows 2^32-1 locals; each costs a stack slot and LLVM values, so
 * beyond this (wasmtime's limit too) a module is refused, not translated. */
#define W2S_MAX_LOCALS 50000u

static bool setup_locals(w2s_lower_fn *f, const w2s_func *fn, const w2s_functype *ft) {
  struct w2s_lower_priv *p = f->priv;
  uint64_t n = (uint64_t)ft->nparams + fn->nlocals;
  p->locals = malloc((n ? n : 1) * sizeof *p->locals);
  p->local_types = malloc((n ? n : 1) * sizeof *p->local_types);
  if (!p->locals || !p->local_types)
    return false;
  p->nlocals = (uint32_t)n;
  uint32_t i = 0;
  for (; i < ft->nparams; i++) {
    LLVMTypeRef ty = w2s_llvm_valtype(f->ctx, ft->params[i]);
    p->local_types[i] = ty;
    p->locals[i] = LLVMBuildAlloca(f->b, ty, "");
    LLVMBuildStore(f->b, LLVMGetParam(f->fn, i + 1), p->locals[i]);
  }
  for (uint32_t g = 0; g < fn->nlocal_groups; g++) {
    LLVMTypeRef ty = w2s_llvm_valtype(f->ctx, fn->local_groups[g].type);
    LLVMValueRef zero = LLVMConstNull(ty);
    for (uint32_t k = 0; k < fn->local_groups[g].count && i < n; k++, i++) {
      p->local_types[i] = ty;
      p->locals[i] = LLVMBuildAlloca(f->b, ty, "");
      LLVMBuildStore(f->b, zero, p->locals[i]);
    }
  }
  return i == n;
}

/* Trap "call stack exhausted" deterministically when the frame is below
 * vmctx->stack_limit, which the loader sets with room for the runtime. */
static void stack_check(w2s_lower_fn *f) {
  LLVMValueRef zero = LLVMConstInt(f->t_i32, 0, 0);
  LLVMTypeRef pt = f->t_ptr;
  LLVMValueRef fa = w2s_intrinsic(f, "llvm.frameaddress", &pt, 1, &zero, 1);
  LLVMValueRef sp = LLVMBuildPtrToInt(f->b, fa, f->t_i64, "sp");
  LLVMValueRef limit = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, stack_limit), f->t_i64,
                                   false, "stack_limit");
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntULT, sp, limit, ""), WASMSO_TRAP_STACK_EXHAUSTED);
}

static bool dispatch(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  switch (w2s_opinfo_table[in->op].cls) {
  case W2S_CLASS_CONTROL: return w2s_lower_control(f, in, d);
  case W2S_CLASS_CALL: return w2s_lower_call(f, in, d);
  case W2S_CLASS_PARAMETRIC: return w2s_lower_parametric(f, in, d);
  case W2S_CLASS_VARIABLE: return w2s_lower_variable(f, in, d);
  case W2S_CLASS_TABLE: return w2s_lower_table(f, in, d);
  case W2S_CLASS_MEMORY: return w2s_lower_memory(f, in, d);
  case W2S_CLASS_NUMERIC: return w2s_lower_numeric(f, in, d);
  case W2S_CLASS_CONVERT: return w2s_lower_convert(f, in, d);
  case W2S_CLASS_REF: return w2s_lower_ref(f, in, d);
  case W2S_CLASS_SIMD_MEM: return w2s_lower_simd_mem(f, in, d);
  case W2S_CLASS_SIMD: return w2s_lower_simd(f, in, d);
  }
  return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "no lowering for %s",
                  w2s_opinfo_table[in->op].text);
}

/* Walk the body.  `skip` counts blocks opened inside dead code. */
static bool walk(w2s_lower_fn *f, const w2s_func *fn, w2s_diag *d) {
  struct w2s_lower_priv *p = f->priv;
  const uint8_t *ip = fn->code;
  size_t skip = 0;
  while (p->nctrl > 0) {
    if (ip >= fn->code_end)
      return w2s_fail(d, W2S_DIAG_BACKEND, fn->code_offset + (size_t)(ip - fn->code),
                      "function body ends inside a block");
    w2s_instr in;
    if (!w2s_decode_instr(&ip, fn->code_end, f->m->bytes, &in, d))
      return false;
    if (p->ctrl[p->nctrl - 1].unreachable) {
      if (in.op == W2S_OP_BLOCK || in.op == W2S_OP_LOOP || in.op == W2S_OP_IF) {
        skip++;
        continue;
      }
      if (in.op == W2S_OP_END && skip > 0) {
        skip--;
        continue;
      }
      if (skip > 0 || (in.op != W2S_OP_END && in.op != W2S_OP_ELSE))
        continue;
    }
    if (!dispatch(f, &in, d))
      return false;
    if (p->oom)
      return w2s_fail(d, W2S_DIAG_BACKEND, in.offset, "internal error lowering %s",
                      w2s_opinfo_table[in.op].text);
  }
  return true;
}

bool w2s_lower_function(const w2s_llvm_module *lm, uint32_t func_index, w2s_diag *d) {
  const w2s_module *m = lm->m;
  const w2s_func *fn = &m->funcs[func_index];
  const w2s_functype *ft = &m->types[fn->type];
  struct w2s_lower_priv priv = {.lm = lm, .func_index = func_index};
  w2s_lower_fn f = {
      .ctx = lm->ctx, .mod = lm->mod, .m = m, .target = lm->target,
      .fn = lm->funcs[func_index - m->nfunc_imports], .priv = &priv,
  };
  f.t_void = LLVMVoidTypeInContext(f.ctx);
  f.t_i1 = LLVMInt1TypeInContext(f.ctx);
  f.t_i8 = LLVMInt8TypeInContext(f.ctx);
  f.t_i16 = LLVMInt16TypeInContext(f.ctx);
  f.t_i32 = LLVMInt32TypeInContext(f.ctx);
  f.t_i64 = LLVMInt64TypeInContext(f.ctx);
  f.t_f32 = LLVMFloatTypeInContext(f.ctx);
  f.t_f64 = LLVMDoubleTypeInContext(f.ctx);
  f.t_v128 = LLVMVectorType(f.t_i32, 4);
  f.t_ptr = LLVMPointerTypeInContext(f.ctx, 0);
  f.vmctx = LLVMGetParam(f.fn, 0);
  LLVMSetValueName2(f.vmctx, "vmctx", 5);
  /* The loader walks frame pointers for trap backtraces; "no-builtins" keeps
   * loop idioms from turning into memset/memcpy calls the .so cannot link. */
  add_fn_attr(&f, "frame-pointer", "all");
  add_fn_attr(&f, "no-builtins", "");

  f.b = LLVMCreateBuilderInContext(f.ctx);
  LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(f.ctx, f.fn, "entry");
  LLVMPositionBuilderAtEnd(f.b, entry);
  bool ok = (uint64_t)ft->nparams + fn->nlocals <= W2S_MAX_LOCALS;
  if (!ok)
    w2s_fail(d, W2S_DIAG_LIMIT, fn->code_offset, "too many locals (%llu; the limit is %u)",
             (unsigned long long)ft->nparams + fn->nlocals, W2S_MAX_LOCALS);
  if (ok && !(ok = setup_locals(&f, fn, ft)))
    w2s_fail(d, W2S_DIAG_BACKEND, fn->code_offset, "out of memory");
  if (ok && m->nmemories > 0) {
    f.mem_base = w2s_load_at(&f, f.vmctx, offsetof(wasmso_vmctx, mem_base), f.t_ptr, true,
                             "mem_base");
    mark(&f, f.mem_base, W2S_MD_MEM_BASE);
    if (lm->target->bounds_checks) {
      f.mem_size = LLVMBuildAlloca(f.b, f.t_i64, "memsize.slot");
      w2s_memory_size_reload(&f);
    }
  }
  if (ok) {
    stack_check(&f);
    /* The function's own frame: its label is the return. */
    priv.ctrl = calloc(16, sizeof *priv.ctrl);
    priv.capctrl = 16;
    if (!priv.ctrl)
      ok = w2s_fail(d, W2S_DIAG_BACKEND, fn->code_offset, "out of memory");
  }
  if (ok) {
    w2s_ctrl *c = &priv.ctrl[priv.nctrl++];
    c->kind = W2S_CTRL_FUNC;
    c->nresults = ft->nresults;
    c->results = ft->results;
    c->cont = LLVMAppendBasicBlockInContext(f.ctx, f.fn, "return");
    c->cont_phis = calloc(ft->nresults ? ft->nresults : 1, sizeof *c->cont_phis);
    if (!c->cont_phis) {
      ok = w2s_fail(d, W2S_DIAG_BACKEND, fn->code_offset, "out of memory");
    } else {
      LLVMBasicBlockRef here = LLVMGetInsertBlock(f.b);
      LLVMPositionBuilderAtEnd(f.b, c->cont);
      for (uint32_t i = 0; i < ft->nresults; i++)
        c->cont_phis[i] = LLVMBuildPhi(f.b, w2s_llvm_valtype(f.ctx, ft->results[i]), "");
      LLVMPositionBuilderAtEnd(f.b, here);
      ok = walk(&f, fn, d);
    }
  }
  /* On error the control stack may still hold frames. */
  for (size_t i = 0; i < priv.nctrl; i++) {
    free(priv.ctrl[i].cont_phis);
    free(priv.ctrl[i].header_phis);
    free(priv.ctrl[i].if_params);
  }
  free(priv.ctrl);
  free(priv.stack);
  free(priv.locals);
  free(priv.local_types);
  LLVMDisposeBuilder(f.b);
  return ok;
}
