/* optimise.c — the new pass manager's default pipelines, -O0..-O3.  The
 * module is verified first at -O0 and in debug builds: a bad module from the
 * lowering must be an error, not an LLVM crash. */
#include <llvm-c/Analysis.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdio.h>
#include <stdlib.h>

#include "w2s_lower_priv.h"

bool w2s_optimise(LLVMModuleRef mod, const w2s_target *t, int opt_level, w2s_diag *d) {
  bool verify = opt_level <= 0;
#ifndef NDEBUG
  verify = true;
#endif
  if (verify) {
    char *msg = NULL;
    if (LLVMVerifyModule(mod, LLVMReturnStatusAction, &msg)) {
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "internal error: invalid LLVM IR: %.400s",
               msg ? msg : "");
      LLVMDisposeMessage(msg);
      return false;
    }
    LLVMDisposeMessage(msg);
  }
  /* For studying the generated code (perf/README): WASM2SO_DUMP_IR=FILE writes
   * the lowered module, before the pipeline, as LLVM assembly (the last part
   * written wins when a large module is split). */
  const char *dump = getenv("WASM2SO_DUMP_IR");
  if (dump && *dump) {
    char *msg = NULL;
    if (LLVMPrintModuleToFile(mod, dump, &msg))
      fprintf(stderr, "wasm2so: WASM2SO_DUMP_IR: %s\n", msg ? msg : "cannot write");
    LLVMDisposeMessage(msg);
  }
  if (opt_level < 0)
    opt_level = 0;
  if (opt_level > 3)
    opt_level = 3;
  char pipeline[32];
  snprintf(pipeline, sizeof pipeline, "default<O%d>", opt_level);
  LLVMPassBuilderOptionsRef opts = LLVMCreatePassBuilderOptions();
  LLVMErrorRef err = LLVMRunPasses(mod, pipeline, t->tm, opts);
  LLVMDisposePassBuilderOptions(opts);
  if (err) {
    char *msg = LLVMGetErrorMessage(err);
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "optimisation failed: %s", msg);
    LLVMDisposeErrorMessage(msg);
    return false;
  }
  return true;
}
