/* lower_memory.c — class MEMORY: loads, stores, memory.size/grow and the
 * bulk-memory operators.  By default accesses carry no bounds checks: every
 * 32-bit memory sits in a WASMSO_MEMORY_RESERVATION of address space whose
 * inaccessible part faults, and the loader turns the fault into a trap.  With
 * --bounds-checks (WASMSO_MEMORY_CHECKED) each access is compared with the
 * memory's current size instead, so the reservation need not be larger than
 * the memory may grow.  The bulk operators call the runtime helpers in
 * vmctx->rt, which check bounds themselves (and keep the .so free of libc
 * symbols such as memcpy).  Every load is kept alive, used or not
 * (keep_loads.c). */
#include <stddef.h>

#include "w2s_lower_priv.h"

void w2s_memory_size_reload(w2s_lower_fn *f) {
  if (!f->mem_size)
    return;
  /* vmctx->memory never changes; memory->size does (memory.grow). */
  LLVMValueRef mem = w2s_load_at(f, f->vmctx, offsetof(wasmso_vmctx, memory), f->t_ptr, true, "");
  LLVMValueRef size = w2s_load_at(f, mem, offsetof(wasmso_memory, size), f->t_i64, false, "memsize");
  LLVMBuildStore(f->b, size, f->mem_size);
}

/* Trap unless [zext(addr) + offset, + bytes) lies inside the memory, as
 * zext(addr) > size - (offset + bytes): all in 64 bits, where nothing wraps
 * (addr < 2^32, offset + bytes <= 2^32 + 16, size <= 2^32) and the right side
 * may be negative, hence signed.  The size comes from f->mem_size: after
 * mem2reg an SSA value that only calls and memory.grow redefine, so in a
 * loop without calls size - K is computed once, before it, and each check is
 * one compare and a branch to the cold trap block. */
static void bounds_check(w2s_lower_fn *f, LLVMValueRef addr, uint64_t offset, unsigned bytes) {
  LLVMValueRef ea = LLVMBuildZExt(f->b, addr, f->t_i64, "");
  LLVMValueRef size = LLVMBuildLoad2(f->b, f->t_i64, f->mem_size, "");
  LLVMValueRef last = LLVMBuildNSWSub(f->b, size, LLVMConstInt(f->t_i64, offset + bytes, false), "");
  w2s_trap_if(f, LLVMBuildICmp(f->b, LLVMIntSGT, ea, last, ""), WASMSO_TRAP_MEMORY_OOB);
}

/* base + zext(addr) + offset, in 64 bits: offset is below 2^32, so the sum
 * never wraps and, by default, stays inside the reservation.  inbounds says
 * just that (the reservation is the object), which lets LLVM treat a pointer
 * stepping through memory as a strided access it can vectorise.  With bounds
 * checks the address may lie past the reservation, but then the check traps
 * before the access: the GEP is poison only where it is never used. */
LLVMValueRef w2s_guest_ptr(w2s_lower_fn *f, LLVMValueRef addr, uint64_t offset, unsigned bytes) {
  if (f->mem_size)
    bounds_check(f, addr, offset, bytes);
  LLVMValueRef ea = LLVMBuildZExt(f->b, addr, f->t_i64, "");
  if (offset)
    ea = LLVMBuildAdd(f->b, ea, LLVMConstInt(f->t_i64, offset, false), "");
  return LLVMBuildInBoundsGEP2(f->b, f->t_i8, f->mem_base, &ea, 1, "");
}

/* Bytes of a scalar access type. */
static unsigned type_bytes(w2s_lower_fn *f, LLVMTypeRef t) {
  if (t == f->t_f32)
    return 4;
  if (t == f->t_f64)
    return 8;
  return LLVMGetIntTypeWidth(t) / 8;
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
    LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset, type_bytes(f, mt));
    if (mt != vt)
      v = LLVMBuildTrunc(f->b, v, mt, "");
    LLVMSetAlignment(LLVMBuildStore(f->b, v, p), 1);
    return;
  }
  LLVMValueRef p = w2s_guest_ptr(f, w2s_pop(f), in->imm.memarg.offset, type_bytes(f, mt));
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
    w2s_memory_size_reload(f);
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
