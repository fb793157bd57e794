/* optimise.c — the new pass manager's default pipelines, -O0..-O3.  The
 * module is verified first at -O0 and in debug builds: a bad module from the
 * lowering must be an error, not an LLVM crash. */
#include <llvm-c/Analysis.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdio.h>
#include <stdlib.h>

#include "w2s_lower_priv.h"

static bool run_passes(LLVMModuleRef mod, const char *pipeline, const w2s_target *t,
                       w2s_diag *d) {
  LLVMPassBuilderOptionsRef opts = LLVMCreatePassBuilderOptions();
  LLVMErrorRef err = LLVMRunPasses(mod, pipeline, t->tm, opts);
  LLVMDisposePassBuilderOptions(opts);
  if (!err)
    return true;
  char *msg = LLVMGetErrorMessage(err);
  w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "optimisation failed: %s", msg);
  LLVMDisposeErrorMessage(msg);
  return false;
}

static bool verify(LLVMModuleRef mod, w2s_diag *d) {
  char *msg = NULL;
  bool bad = LLVMVerifyModule(mod, LLVMReturnStatusAction, &msg);
  if (bad)
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "internal error: invalid LLVM IR: %.400s",
             msg ? msg : "");
  LLVMDisposeMessage(msg);
  return !bad;
}

bool w2s_optimise(LLVMModuleRef mod, const w2s_target *t, int opt_level, w2s_diag *d) {
  bool checked = opt_level <= 0;
#ifndef NDEBUG
  checked = true;
#endif
  if (checked && !verify(mod, d))
    return false;
  if (opt_level < 0)
    opt_level = 0;
  if (opt_level > 3)
    opt_level = 3;
  if (opt_level > 0) {
    /* Locals into SSA values first, so the rewrites see through them. */
    if (!run_passes(mod, "function(mem2reg)", t, d))
      return false;
    w2s_fold_addresses(mod, t->bounds_checks);
    w2s_countable_loops(mod);
    if (checked && !verify(mod, d))
      return false;
  }
  /* For studying the generated code (perf/README): WASM2SO_DUMP_IR=FILE writes
   * the lowered module, as the pipeline gets it, as LLVM assembly (the last
   * part written wins when a large module is split). */
  const char *dump = getenv("WASM2SO_DUMP_IR");
  if (dump && *dump) {
    char *msg = NULL;
    if (LLVMPrintModuleToFile(mod, dump, &msg))
      fprintf(stderr, "wasm2so: WASM2SO_DUMP_IR: %s\n", msg ? msg : "cannot write");
    LLVMDisposeMessage(msg);
  }
  /* Then dead code out, so that a load whose only users were dead is seen as
   * such, and the keeps of loads lowered (keep_loads.c). */
  char pipeline[48];
  snprintf(pipeline, sizeof pipeline, "default<O%d>,function(adce)", opt_level);
  if (!run_passes(mod, pipeline, t, d))
    return false;
  /* -O0 leaves x & 0 and the like to instruction selection, which folds
   * them and drops the load they read: there every load is read. */
  w2s_lower_kept_loads(mod, t->is_aarch64, opt_level == 0);
  return true;
}
