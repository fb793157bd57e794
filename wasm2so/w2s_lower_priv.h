/* w2s_lower_priv.h — back-end internals shared by the walker (lower_function.c),
 * the control, call, variable, table and ref lowerings, and the emitters.
 * Not part of the contract with lower_numeric/convert/memory, which only see
 * w2s_lower.h. */
#ifndef W2S_LOWER_PRIV_H
#define W2S_LOWER_PRIV_H

#include <stddef.h>

#include "w2s.h"
#include "w2s_lower.h"

/* Offsets and layouts in wasmso_abi.h are fixed for LP64; the back end reads
 * them with offsetof on the host, which must therefore be LP64 too. */
_Static_assert(sizeof(void *) == 8 && sizeof(long) == 8, "wasm2so requires an LP64 host");

/* What every function of one LLVM module shares. */
typedef struct w2s_llvm_module {
  LLVMContextRef ctx;
  LLVMModuleRef mod;
  const w2s_module *m;
  const w2s_target *target;
  LLVMTypeRef *fn_types;    /* module type index -> LLVM type of fn(vmctx, params...) */
  LLVMValueRef *funcs;      /* defined function (index - nfunc_imports) -> LLVM function */
} w2s_llvm_module;

/* One entry of the control stack. */
typedef enum w2s_ctrl_kind { W2S_CTRL_FUNC, W2S_CTRL_BLOCK, W2S_CTRL_LOOP, W2S_CTRL_IF } w2s_ctrl_kind;

typedef struct w2s_ctrl {
  w2s_ctrl_kind kind;
  uint32_t nparams, nresults;
  const w2s_valtype *params, *results;
  size_t height;              /* operand stack height below the params */
  bool unreachable;           /* the rest of this block is dead code */
  LLVMBasicBlockRef cont;     /* after `end`: its phis take the results */
  LLVMValueRef *cont_phis;    /* nresults */
  unsigned cont_preds;        /* edges into cont so far */
  LLVMBasicBlockRef header;   /* loop: branch target; its phis take the params */
  LLVMValueRef *header_phis;  /* nparams */
  LLVMBasicBlockRef else_bb;  /* if: the else arm, NULL once `else` was seen */
  LLVMValueRef *if_params;    /* if: the params, for the else arm */
  uint8_t single[2];          /* storage for a one-valtype block type */
} w2s_ctrl;

struct w2s_lower_priv {
  const w2s_llvm_module *lm;
  uint32_t func_index;        /* in the function index space */
  LLVMValueRef *stack;
  size_t nstack, capstack;
  w2s_ctrl *ctrl;
  size_t nctrl, capctrl;
  LLVMValueRef *locals;       /* allocas, params first */
  LLVMTypeRef *local_types;
  uint32_t nlocals;
  LLVMBasicBlockRef trap_bb[WASMSO_TRAP_COUNT];
  bool arm_unkept;            /* in an if arm that has no llvm.sideeffect yet (keep_loads.c) */
  bool oom;
};

/* lower_types.c */
LLVMTypeRef w2s_llvm_valtype(LLVMContextRef ctx, w2s_valtype t);
/* The LLVM return type for a result list: void, the one type, or a literal struct. */
LLVMTypeRef w2s_llvm_result_type(LLVMContextRef ctx, const w2s_valtype *r, uint32_t n);
/* fn(ptr vmctx, params...) -> results */
LLVMTypeRef w2s_llvm_functype(LLVMContextRef ctx, const w2s_functype *ft);
LLVMValueRef w2s_const_zero(LLVMContextRef ctx, w2s_valtype t);

/* lower_function.c: vmctx access.  Loads of fields that never change during
 * an instance's life are marked !invariant.load. */
LLVMValueRef w2s_load_at(w2s_lower_fn *f, LLVMValueRef base, size_t offset, LLVMTypeRef ty,
                         bool invariant, const char *name);
LLVMValueRef w2s_load_index(w2s_lower_fn *f, LLVMValueRef array, LLVMValueRef index,
                            LLVMTypeRef ty, bool invariant, const char *name);
/* vmctx->rt->HELPER(vmctx, args...) where offset = offsetof(wasmso_runtime, HELPER). */
LLVMValueRef w2s_call_rt(w2s_lower_fn *f, size_t offset, LLVMTypeRef ret, LLVMValueRef *args,
                         unsigned nargs, const char *name);
/* Pop n values into out[0..n) in stack order. */
void w2s_popn(w2s_lower_fn *f, LLVMValueRef *out, unsigned n);
/* Push the result(s) of a call returning `ret` for n results. */
void w2s_push_results(w2s_lower_fn *f, LLVMValueRef call, uint32_t n);
/* Unconditional trap: ends the current block. */
void w2s_trap(w2s_lower_fn *f, enum wasmso_trap code);
LLVMValueRef w2s_i32_to_bool(w2s_lower_fn *f, LLVMValueRef v);

/* Lower one defined function (index in the function index space). */
bool w2s_lower_function(const w2s_llvm_module *lm, uint32_t func_index, w2s_diag *d);

/* target.c */
bool w2s_target_init(w2s_target *t, const w2s_options *o, w2s_diag *d);
void w2s_target_dispose(w2s_target *t);

/* fold_addresses.c: memory addresses as zext(a) + zext(b) instead of
 * zext(a + b), relying on the loader's mirror (WASMSO_MEMORY_MIRROR).  The
 * function's memory base is the load carrying metadata W2S_MD_MEM_BASE. */
#define W2S_MD_MEM_BASE "wasm2so.mem_base"
void w2s_fold_addresses(LLVMModuleRef mod, bool bounds_checks);
/* loop_counters.c: exit tests on counters stepping by 2^k made countable. */
void w2s_countable_loops(LLVMModuleRef mod);

/* keep_loads.c: after optimisation, each w2s_keep_load mark becomes an asm
 * that reads the value where code generation could otherwise drop the load
 * (every_load: everywhere), and goes away elsewhere.  w2s_is_keep: v is such
 * a mark (no effect to observe). */
void w2s_lower_kept_loads(LLVMModuleRef mod, bool is_aarch64, bool every_load);
bool w2s_is_keep(LLVMValueRef v);

/* optimise.c */
bool w2s_optimise(LLVMModuleRef mod, const w2s_target *t, int opt_level, w2s_diag *d);

/* emit_trampolines.c: one per module type; out[ntypes] receives them. */
bool w2s_emit_trampolines(const w2s_llvm_module *lm, LLVMValueRef *out, w2s_diag *d);
/* emit_descriptor.c */
bool w2s_emit_descriptor(const w2s_llvm_module *lm, LLVMValueRef *trampolines, w2s_diag *d);
/* emit_object.c: the caller disposes *out. */
bool w2s_emit_object(LLVMModuleRef mod, const w2s_target *t, LLVMMemoryBufferRef *out,
                     w2s_diag *d);
/* link.c: w2s_output_ok refuses an out_path that holds a Wasm module. */
bool w2s_output_ok(const char *out_path, w2s_diag *d);
bool w2s_link(const void *const *objs, const size_t *sizes, unsigned nobjs,
              const w2s_options *o, const char *out_path, w2s_diag *d);

#endif
