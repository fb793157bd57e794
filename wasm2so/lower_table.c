/* lower_table.c — table.get/set/size inline (bounds-checked); grow, fill,
 * copy, init and elem.drop through the vmctx->rt helpers. */
#include "w2s_lower_priv.h"

static LLVMValueRef table_ptr(w2s_lower_fn *f, uint32_t idx) {
  LLVMValueRef tables = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, tables), f->t_ptr, true,
                                    "tables");
  return w2s_load_index(f, tables, LLVMConstInt(f->t_i64, idx, 0), f->t_ptr, true, "table");
}

/* &t->elems[i] after checking i < t->size. */
static LLVMValueRef checked_slot(w2s_lower_fn *f, uint32_t table, LLVMValueRef i) {
  LLVMValueRef t = table_ptr(f, table);
  LLVMValueRef size = w2s_load_at(f, t, offsetof(wasmso_table, size), f->t_i32, false, "size");
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntUGE, i, size, ""), WASMSO_TRAP_TABLE_OOB);
  LLVMValueRef elems = w2s_load_at(f, t, offsetof(wasmso_table, elems), f->t_ptr, false, "elems");
  LLVMValueRef i64 = LLVMBuildZExt(f->b, i, f->t_i64, "");
  return LLVMBuildInBoundsGEP2(f->b, f->t_ptr, elems, &i64, 1, "slot");
}

static LLVMValueRef c32(w2s_lower_fn *f, uint32_t v) { return LLVMConstInt(f->t_i32, v, 0); }

bool w2s_lower_table(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  uint32_t idx = in->imm.index;
  LLVMValueRef a[5];
  switch (in->op) {
  case W2S_OP_TABLE_GET: {
    LLVMValueRef slot = checked_slot(f, idx, w2s_pop(f));
    w2s_push(f, LLVMBuildLoad2(f->b, f->t_ptr, slot, ""));
    return true;
  }
  case W2S_OP_TABLE_SET: {
    LLVMValueRef v = w2s_pop(f);
    LLVMValueRef slot = checked_slot(f, idx, w2s_pop(f));
    LLVMBuildStore(f->b, v, slot);
    return true;
  }
  case W2S_OP_TABLE_SIZE: {
    LLVMValueRef t = table_ptr(f, idx);
    w2s_push(f, w2s_load_at(f, t, offsetof(wasmso_table, size), f->t_i32, false, "size"));
    return true;
  }
  case W2S_OP_TABLE_GROW: { /* init n -> old size or -1 */
    a[0] = c32(f, idx);
    a[2] = w2s_pop(f);
    a[1] = w2s_pop(f);
    w2s_push(f, w2s_call_rt(f, offsetof(wasmso_runtime, table_grow), f->t_i32, a, 3, ""));
    return true;
  }
  case W2S_OP_TABLE_FILL: { /* dst val n */
    a[0] = c32(f, idx);
    a[3] = w2s_pop(f);
    a[2] = w2s_pop(f);
    a[1] = w2s_pop(f);
    w2s_call_rt(f, offsetof(wasmso_runtime, table_fill), f->t_void, a, 4, "");
    return true;
  }
  case W2S_OP_TABLE_INIT: /* pair: elem, table; dst src n */
    a[0] = c32(f, in->imm.pair.b);
    a[1] = c32(f, in->imm.pair.a);
    w2s_popn(f, a + 2, 3);
    w2s_call_rt(f, offsetof(wasmso_runtime, table_init), f->t_void, a, 5, "");
    return true;
  case W2S_OP_TABLE_COPY: /* pair: dst table, src table; dst src n */
    a[0] = c32(f, in->imm.pair.a);
    a[1] = c32(f, in->imm.pair.b);
    w2s_popn(f, a + 2, 3);
    w2s_call_rt(f, offsetof(wasmso_runtime, table_copy), f->t_void, a, 5, "");
    return true;
  case W2S_OP_ELEM_DROP:
    a[0] = c32(f, idx);
    w2s_call_rt(f, offsetof(wasmso_runtime, elem_drop), f->t_void, a, 1, "");
    return true;
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "not a table instruction: %s",
                    w2s_opinfo_table[in->op].text);
  }
}
