/* target.c — choose the target triple, CPU and features and create the
 * target machine.  The default CPU is a conservative baseline (x86-64-v2 has
 * SSE4.1 rounding, aarch64 "generic" has NEON), never the build host's: a
 * .so must run on the machines it is copied to. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Support.h>
#include <llvm-c/Target.h>

#include "w2s_cpu_table.h"
#include "w2s_lower_priv.h"

static void init_targets(void) {
  LLVMInitializeX86TargetInfo();
  LLVMInitializeX86Target();
  LLVMInitializeX86TargetMC();
  LLVMInitializeX86AsmPrinter();
  LLVMInitializeAArch64TargetInfo();
  LLVMInitializeAArch64Target();
  LLVMInitializeAArch64TargetMC();
  LLVMInitializeAArch64AsmPrinter();
  /* InstCombine would sink a load into the one successor that uses its
   * value, dropping the keep (an assume: "droppable") that made it execute
   * on the other paths, where it must trap if out of bounds (keep_loads.c).
   * LLVM's options are process-wide; this is the one wasm2so sets, once. */
  const char *argv[] = {"wasm2so", "-instcombine-code-sinking=false"};
  LLVMParseCommandLineOptions(2, argv, NULL);
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Join a and b as a comma-separated feature list (either may be empty). */
static char *join_features(const char *a, const char *b) {
  size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
  char *s = malloc(la + lb + 2);
  if (!s)
    return NULL;
  s[0] = 0;
  if (la)
    strcat(s, a);
  if (la && lb)
    strcat(s, ",");
  if (lb)
    strcat(s, b);
  return s;
}

bool w2s_target_init(w2s_target *t, const w2s_options *o, w2s_diag *d) {
  /* LLVM's target registry is process-wide; register it exactly once. */
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, init_targets);
  memset(t, 0, sizeof *t);
  t->bounds_checks = o->bounds_checks;

  const char *arch = o->target;
  char *host = NULL;
  if (!arch) {
    host = LLVMGetDefaultTargetTriple();
    arch = host;
  }
  if (strcmp(arch, "x86_64") == 0 || strcmp(arch, "x86-64") == 0)
    t->triple = strdup("x86_64-unknown-linux-gnu");
  else if (strcmp(arch, "aarch64") == 0 || strcmp(arch, "arm64") == 0)
    t->triple = strdup("aarch64-unknown-linux-gnu");
  else
    t->triple = strdup(arch);
  if (host)
    LLVMDisposeMessage(host);
  if (!t->triple)
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  t->is_x86_64 = starts_with(t->triple, "x86_64-");
  t->is_aarch64 = starts_with(t->triple, "aarch64-") || starts_with(t->triple, "arm64-");
  if (!t->is_x86_64 && !t->is_aarch64) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
             "unsupported target '%s' (expected x86_64, aarch64 or a triple for them)", t->triple);
    w2s_target_dispose(t);
    return false;
  }
  if (!strstr(t->triple, "linux")) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "unsupported target '%s': only Linux is supported",
             t->triple);
    w2s_target_dispose(t);
    return false;
  }

  if (!w2s_check_cpu_names(t->is_aarch64, o->cpu, o->features, d)) {
    w2s_target_dispose(t);
    return false;
  }

  const char *base_features = t->is_aarch64 ? "+neon" : "";
  if (o->cpu && strcmp(o->cpu, "native") == 0) {
    char *cpu = LLVMGetHostCPUName(), *feat = LLVMGetHostCPUFeatures();
    char *host_triple = LLVMGetDefaultTargetTriple();
    bool same_arch = (t->is_x86_64 && starts_with(host_triple, "x86_64")) ||
                     (t->is_aarch64 && starts_with(host_triple, "aarch64"));
    LLVMDisposeMessage(host_triple);
    if (!same_arch) {
      LLVMDisposeMessage(cpu);
      LLVMDisposeMessage(feat);
      w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "--cpu=native needs the host's architecture");
      w2s_target_dispose(t);
      return false;
    }
    t->cpu = strdup(cpu);
    t->features = join_features(feat, o->features);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(feat);
  } else {
    t->cpu = strdup(o->cpu ? o->cpu : t->is_x86_64 ? "x86-64-v2" : "generic");
    t->features = join_features(base_features, o->features);
  }
  if (!t->cpu || !t->features) {
    w2s_target_dispose(t);
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "out of memory");
  }

  LLVMTargetRef target;
  char *err = NULL;
  if (LLVMGetTargetFromTriple(t->triple, &target, &err)) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "target '%s': %s", t->triple, err ? err : "unknown");
    LLVMDisposeMessage(err);
    w2s_target_dispose(t);
    return false;
  }
  LLVMCodeGenOptLevel level = o->opt_level <= 0 || o->quick_codegen ? LLVMCodeGenLevelNone
                              : o->opt_level == 1 ? LLVMCodeGenLevelLess
                              : o->opt_level == 2 ? LLVMCodeGenLevelDefault
                                                  : LLVMCodeGenLevelAggressive;
  t->tm = LLVMCreateTargetMachine(target, t->triple, t->cpu, t->features, level, LLVMRelocPIC,
                                  LLVMCodeModelDefault);
  if (!t->tm) {
    w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1, "cannot create a target machine for %s (cpu %s)",
             t->triple, t->cpu);
    w2s_target_dispose(t);
    return false;
  }
  return true;
}

void w2s_target_dispose(w2s_target *t) {
  if (t->tm)
    LLVMDisposeTargetMachine(t->tm);
  free(t->triple);
  free(t->cpu);
  free(t->features);
  memset(t, 0, sizeof *t);
}
