/* lower_memory.c — class MEMORY: loads, stores, memory.size/grow and the
 * bulk-memory operators.  Accesses carry no bounds checks: every 32-bit
 * memory sits in a WASMSO_MEMORY_RESERVATION of address space whose
 * inaccessible part faults, and the loader turns the fault into a trap.  The
 * bulk operators call the runtime helpers in vmctx->rt, which check bounds
 * themselves (and keep the .so free of libc symbols such as memcpy).  Every
 * load is kept alive, used or not (keep_loads.c). */
#include <stddef.h>

#include "w2s_lower_priv.h"

/* base + zext(addr) + offset, in 64 bits: offset is below 2^32, so the sum
 * stays inside the reservation and never wraps.  inbounds says just that
 * (the reservation is the object), which lets LLVM treat a pointer stepping
 * through memory as a strided access it can vectorise. */
LLVMValueRef w2s_guest_ptr(w2s_lower_fn *f, LLVMValueRef addr, uint64_t offset) {
  LLVMValueRef ea = LLVMBuildZExt(f->b, addr, f->t_i64, "");
  if (offset)
    ea = LLVMBuildAdd(f->b, ea, LLVMConstInt(f->t_i64, offset, false), "");
  return LLVMBuildInBoundsGEP2(f->b, f->t_i8, f->mem_base, &ea, 1, "");
}

/* The access type and, for partial accesses, the extended type. */
static void access_types(w2s_lower_fn *f, w2s_op op, LLVMTypeRef *mem, LLVMTypeRef *val,
                         bool *is_signed) {
  *is_signed = false;
  switch (op) {
  case W2S_OP_I32_LOAD: case W2S_OP_I32_STORE: *mem = *val = f->t_i32; return;
  case W2S_OP_I64_LOAD: case W2S_OP_I64_STORE: *mem = *val = f->t_i64; return;
  case W2S_OP_F32_LOAD: case W2S_OP_F32_STORE: *mem = *val = f->t_f32; return;
  case W2S_OP_F64_LOAD: case W2S_OP_F64_STORE: *mem = *val = f->t_f64; return;
  case W2S_OP_I32_LOAD8_S: *is_signed = true; /* fall through */
  case W2S_OP_I32_LOAD8_U: case W2S_OP_I32_STORE8: *mem = f->t_i8; *val = f->t_i32; return;
  case W2S_OP_I32_LOAD16_S: *is_signed = true; /* fall through */
  case W2S_OP_I32_LOAD16_U: case W2S_OP_I32_STORE16: *mem = f->t_i16; *val = f->t_i32; return;
  case W2S_OP_I64_LOAD8_S: *is_signed = true; /* fall through */
  case W2S_OP_I64_LOAD8_U: case W2S_OP_I64_STORE8: *mem = f->t_i8; *val = f->t_i64; return;
  case W2S_OP_I64_LOAD16_S: *is_signed = true; /* fall through */
  case W2S_OP_I64_LOAD16_U: case W2S_OP_I64_STORE16: *mem = f->t_i16; *val = f->t_i64; return;
  case W2S_OP_I64_LOAD32_S: *is_signed = true; /* fall through */
  default: *mem = f->t_i32; *val = f->t_i64; return; /* i64.load32_u, i64.store32 */
  }
}

static bool is_store(w2s_op op) { return op >= W2S_OP_I32_STORE && op <= W2S_OP_I64_STORE32; }

static void lower_access(w2s_lower_fn *f, const w2s_instr *in) {
  LLVMTypeRef mt, vt;
  bool is_signed;
  access_types(f, in->op, &mt, &vt, &is_signed);
  /* The memarg alignment is only a hint: Wasm allows any address. */
  if (is_store(in->op)) {
    LLVMValueRef v = w2s_pop(f);
    LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset);
    if (mt != vt)
      v = LLVMBuildTrunc(f->b, v, mt, "");
    LLVMSetAlignment(LLVMBuildStore(f->b, v, p), 1);
    return;
  }
  LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset);
  LLVMValueRef v = LLVMBuildLoad2(f->b, mt, p, "");
  LLVMSetAlignment(v, 1);
  w2s_keep_load(f, v);
  if (mt != vt)
    v = is_signed ? LLVMBuildSExt(f->b, v, vt, "") : LLVMBuildZExt(f->b, v, vt, "");
  w2s_push(f, v);
}

static LLVMValueRef i32c(w2s_lower_fn *f, uint32_t v) { return LLVMConstInt(f->t_i32, v, false); }

bool w2s_lower_memory(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d) {
  w2s_op op = in->op;
  if (op != W2S_OP_DATA_DROP && !f->mem_base)
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s without a memory",
                    w2s_opinfo_table[op].text);
  if (op >= W2S_OP_I32_LOAD && op <= W2S_OP_I64_STORE32) {
    lower_access(f, in);
    return true;
  }
  switch (op) {
  case W2S_OP_MEMORY_SIZE: {
    /* Not cached: any call may have grown the memory. */
    LLVMValueRef mem = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, memory), f->t_ptr, true, "");
    LLVMValueRef idx = LLVMConstInt(f->t_i64, offsetof(wasmso_memory, pages), false);
    LLVMValueRef p = LLVMBuildGEP2(f->b, f->t_i8, mem, &idx, 1, "");
    w2s_push(f, LLVMBuildLoad2(f->b, f->t_i32, p, ""));
    return true;
  }
  case W2S_OP_MEMORY_GROW: {
    LLVMValueRef delta = w2s_pop(f);
    w2s_push(f, w2s_call_rt(f, offsetof(wasmso_runtime, memory_grow), f->t_i32, &delta, 1, ""));
    return true;
  }
  case W2S_OP_MEMORY_INIT: {
    LLVMValueRef a[4];
    a[3] = w2s_pop(f); /* n */
    a[2] = w2s_pop(f); /* src offset in the segment */
    a[1] = w2s_pop(f); /* dst address */
    a[0] = i32c(f, in->imm.pair.a);
    w2s_call_rt(f, offsetof(wasmso_runtime, memory_init), f->t_void, a, 4, "");
    return true;
  }
  case W2S_OP_DATA_DROP: {
    LLVMValueRef a = i32c(f, in->imm.index);
    w2s_call_rt(f, offsetof(wasmso_runtime, data_drop), f->t_void, &a, 1, "");
    return true;
  }
  case W2S_OP_MEMORY_COPY: case W2S_OP_MEMORY_FILL: {
    LLVMValueRef a[3];
    a[2] = w2s_pop(f); /* n */
    a[1] = w2s_pop(f); /* src address / fill byte */
    a[0] = w2s_pop(f); /* dst address */
    w2s_call_rt(f, op == W2S_OP_MEMORY_COPY ? offsetof(wasmso_runtime, memory_copy)
                                            : offsetof(wasmso_runtime, memory_fill),
                f->t_void, a, 3, "");
    return true;
  }
  default:
    return w2s_fail(d, W2S_DIAG_BACKEND, in->offset, "%s is not a memory instruction",
                    w2s_opinfo_table[op].text);
  }
}
