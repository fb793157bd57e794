/* lower_call.c — call and call_indirect.
 *
 * Defined functions are called directly; imports through their funcref in
 * vmctx->funcs; call_indirect checks bounds, null and the canonical type id
 * before calling r->fn(r->vmctx, ...).  Calls are marked notail: tail-call
 * elimination would turn runaway recursion into an endless loop instead of
 * the "call stack exhausted" trap the entry check gives. */
#include <stdlib.h>

#include "w2s_lower_priv.h"

/* Pop the params, call fn(vmctx, params...), push the results. */
static bool emit_call(w2s_lower_fn *f, const w2s_instr *in, uint32_t type, LLVMValueRef fn,
                      LLVMValueRef callee_vmctx, w2s_diag *d) {
  const w2s_functype *ft = &f->m->types[type];
  LLVMValueRef *args = malloc(((size_t)ft->nparams + 1) * sizeof *args);
  if (!args) {
    f->priv->oom = true;
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "out of memory");
  }
  args[0] = callee_vmctx;
  w2s_popn(f, args + 1, ft->nparams);
  LLVMValueRef call = LLVMBuildCall2(f->b, f->priv->lm->fn_types[type], fn, args,
                                     ft->nparams + 1, "");
  LLVMSetTailCallKind(call, LLVMTailCallKindNoTail);
  free(args);
  w2s_memory_size_reload(f); /* the callee may have grown the memory */
  if (ft->nresults > 0)
    w2s_push_results(f, call, ft->nresults);
  return true;
}

static bool lower_direct(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  const w2s_module *m = f->m;
  uint32_t idx = in->imm.index;
  if (idx >= m->nfuncs)
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "call: bad function index");
  if (idx >= m->nfunc_imports)
    return emit_call(f, in, m->funcs[idx].type, f->priv->lm->funcs[idx - m->nfunc_imports],
                     f->vmctx, d);
  LLVMValueRef funcs = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, funcs), f->t_ptr, true,
                                   "funcs");
  LLVMValueRef r = w2s_load_index(f, funcs, LLVMConstInt(f->t_i64, idx, 0), f->t_ptr, true,
                                  "import");
  LLVMValueRef fn = w2s_load_at(f, r, offsetof(wasmso_funcref, fn), f->t_ptr, true, "fn");
  LLVMValueRef cv = w2s_load_at(f, r, offsetof(wasmso_funcref, vmctx), f->t_ptr, true, "");
  return emit_call(f, in, m->funcs[idx].type, fn, cv, d);
}

static bool lower_indirect(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  uint32_t type = in->imm.call_indirect.type, table = in->imm.call_indirect.table;
  LLVMValueRef idx = w2s_pop(f);
  LLVMValueRef tables = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, tables), f->t_ptr,
                                    true, "tables");
  LLVMValueRef t = w2s_load_index(f, tables, LLVMConstInt(f->t_i64, table, 0), f->t_ptr, true,
                                  "table");
  /* size and elems change with table.grow: plain loads. */
  LLVMValueRef size = w2s_load_at(f, t, offsetof(wasmso_table, size), f->t_i32, false, "size");
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntUGE, idx, size, ""), WASMSO_TRAP_UNDEFINED_ELEMENT);
  LLVMValueRef elems = w2s_load_at(f, t, offsetof(wasmso_table, elems), f->t_ptr, false, "elems");
  LLVMValueRef r = w2s_load_index(f, elems, LLVMBuildZExt(f->b, idx, f->t_i64, ""), f->t_ptr,
                                  false, "ref");
  w2s_trap_if(f, LLVMBuildIsNull(f->b, r, ""), WASMSO_TRAP_UNINITIALIZED_ELEMENT);
  LLVMValueRef ids = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, type_ids), f->t_ptr, true,
                                 "type_ids");
  LLVMValueRef want = w2s_load_index(f, ids, LLVMConstInt(f->t_i64, type, 0), f->t_i32, true,
                                     "type_id");
  LLVMValueRef have = w2s_load_at(f, r, offsetof(wasmso_funcref, type_id), f->t_i32, false, "");
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntNE, have, want, ""), WASMSO_TRAP_INDIRECT_TYPE);
  LLVMValueRef fn = w2s_load_at(f, r, offsetof(wasmso_funcref, fn), f->t_ptr, false, "fn");
  LLVMValueRef cv = w2s_load_at(f, r, offsetof(wasmso_funcref, vmctx), f->t_ptr, false, "");
  return emit_call(f, in, type, fn, cv, d);
}

bool w2s_lower_call(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  if (in->op == W2S_OP_CALL)
    return lower_direct(f, in, d);
  if (in->op == W2S_OP_CALL_INDIRECT)
    return lower_indirect(f, in, d);
  return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not a call: %s", w2s_opinfo_table[in->op].text);
}
