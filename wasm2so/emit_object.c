/* emit_object.c — LLVM IR -> an ELF object in memory. */
#include "w2s_lower_priv.h"

bool w2s_emit_object(LLVMModuleRef mod, const w2s_target *t, LLVMMemoryBufferRef *out,
                     w2s_diag *d) {
  char *err = NULL;
  *out = NULL;
  if (LLVMTargetMachineEmitToMemoryBuffer(t->tm, mod, LLVMObjectFile, &err, out)) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "code generation failed: %s", err ? err : "unknown");
    LLVMDisposeMessage(err);
    return false;
  }
  return true;
}
