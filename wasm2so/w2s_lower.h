/* w2s_lower.h — the lowering of one function to LLVM IR.  lower_function.c
 * walks the body and dispatches each instruction by its class
 * (w2s_opcodes.def) to one lower_<class>.c; this header is the interface
 * between the walker and those files. */
#ifndef W2S_LOWER_H
#define W2S_LOWER_H

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

#include "w2s_decode.h"
#include "w2s_module.h"
#include "wasmso_abi.h"

/* The chosen target; filled by target.c. */
typedef struct w2s_target {
  char *triple, *cpu, *features;
  bool is_x86_64, is_aarch64;
  bool bounds_checks;  /* w2s_options.bounds_checks: explicit checks, no guard regions */
  LLVMTargetMachineRef tm;
} w2s_target;

typedef struct w2s_lower_fn w2s_lower_fn;

/* Shared per-function state.  The walker owns the parts after `priv`. */
struct w2s_lower_fn {
  LLVMContextRef ctx;
  LLVMModuleRef mod;
  LLVMBuilderRef b;
  const w2s_module *m;
  const w2s_target *target;
  LLVMValueRef fn;          /* the LLVM function being built */
  LLVMValueRef vmctx;       /* its first parameter */
  LLVMValueRef mem_base;    /* memory 0 base, loaded once in the entry block (NULL if no memory) */
  LLVMValueRef mem_size;    /* --bounds-checks: an i64 alloca holding memory 0's size in bytes,
                               reloaded after anything that can grow it; else NULL */
  LLVMTypeRef t_void, t_i1, t_i8, t_i16, t_i32, t_i64, t_f32, t_f64, t_v128, t_ptr;
  struct w2s_lower_priv *priv;
};

/* Operand stack of the function being lowered. */
LLVMValueRef w2s_pop(w2s_lower_fn *f);
void w2s_push(w2s_lower_fn *f, LLVMValueRef v);

/* if (cond) trap(code): a branch to a cold block that calls vmctx->rt->trap;
 * the builder continues in the fall-through block. */
void w2s_trap_if(w2s_lower_fn *f, LLVMValueRef cond, enum wasmso_trap code);

/* Call an overloaded LLVM intrinsic, e.g. ("llvm.ctlz", {i32}, {x, false}). */
LLVMValueRef w2s_intrinsic(w2s_lower_fn *f, const char *name, LLVMTypeRef *overloads,
                           unsigned noverloads, LLVMValueRef *args, unsigned nargs);

/* v (a float or a vector) hidden from the optimiser behind an empty asm that
 * keeps it in its FP/vector register.  LLVM folds x*1, x-0, x/-1 and
 * demote(promote(x)) to x (or -x), which drops the quieting of a signalling
 * NaN that Wasm requires; an opaque operand keeps the operation. */
LLVMValueRef w2s_opaque(w2s_lower_fn *f, LLVMValueRef v);

/* ceil/floor/trunc/nearest: `intrinsic` is llvm.ceil, llvm.floor, llvm.trunc or
 * llvm.roundeven, on a float or a float vector; without libm calls on CPUs
 * that lack a rounding instruction (lower_numeric.c). */
LLVMValueRef w2s_round(w2s_lower_fn *f, const char *intrinsic, LLVMValueRef x);

/* One per instruction class; each returns false with d filled only on an
 * internal error (the body has already been validated). */
bool w2s_lower_control(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_call(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_parametric(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_variable(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_table(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_memory(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
/* Every Wasm load's value goes through this as it is lowered, so that the
 * load executes (and traps) even if the value is never used (keep_loads.c). */
void w2s_keep_load(w2s_lower_fn *f, LLVMValueRef load);
/* At the start of each loop body (loop) and if arm: keeps there stay
 * (keep_loads.c). */
void w2s_keep_arm(w2s_lower_fn *f, bool loop);
/* The host address of guest address addr + offset for an access of `bytes`
 * bytes; with --bounds-checks, after a check that traps unless the access lies
 * wholly inside the memory (lower_memory.c). */
LLVMValueRef w2s_guest_ptr(w2s_lower_fn *f, LLVMValueRef addr, uint64_t offset, unsigned bytes);
/* --bounds-checks: (re)load memory 0's size into f->mem_size; called on entry
 * and after every call and memory.grow, which may change it.  No-op otherwise. */
void w2s_memory_size_reload(w2s_lower_fn *f);
bool w2s_lower_numeric(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_convert(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_ref(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
/* SIMD128: loads/stores (lower_simd_mem.c) and everything else (lower_simd_*.c).
 * v128 values on the operand stack are f->t_v128 (<4 x i32>); bitcast as needed. */
bool w2s_lower_simd_mem(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);
bool w2s_lower_simd(w2s_lower_fn *f, const w2s_instr *in, w2s_diag *d);

#endif
