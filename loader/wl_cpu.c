/* wl_cpu.c — does this host run code built for a .so's target triple, CPU and
 * features?  A refused .so gets a message naming what is missing. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#if defined(__aarch64__)
#include <sys/auxv.h>
#endif

#include "wl_internal.h"


#if defined(__x86_64__)
#define HOST_ARCH "x86_64"
/* __builtin_cpu_supports only takes literals, hence one line per feature. */
static int has_feature(const char *f) {
#define F(llvm, gcc) if (strcmp(f, llvm) == 0) return __builtin_cpu_supports(gcc) != 0;
  F("sse", "sse") F("sse2", "sse2") F("sse3", "sse3") F("ssse3", "ssse3")
  F("sse4.1", "sse4.1") F("sse4.2", "sse4.2") F("popcnt", "popcnt") F("cx16", "cmpxchg16b")
  F("sahf", "lahf_lm") F("avx", "avx") F("avx2", "avx2") F("fma", "fma") F("bmi", "bmi")
  F("bmi2", "bmi2") F("lzcnt", "lzcnt") F("movbe", "movbe") F("f16c", "f16c")
  F("xsave", "xsave") F("avx512f", "avx512f") F("avx512bw", "avx512bw")
  F("avx512cd", "avx512cd") F("avx512dq", "avx512dq") F("avx512vl", "avx512vl")
  F("aes", "aes") F("pclmul", "pclmul") F("sse4a", "sse4a") F("fma4", "fma4")
  F("avx512vbmi", "avx512vbmi") F("avx512vnni", "avx512vnni")
  F("avx512bitalg", "avx512bitalg") F("avx512vpopcntdq", "avx512vpopcntdq")
  F("vpclmulqdq", "vpclmulqdq") F("gfni", "gfni") F("vaes", "vaes")
  F("cmov", "cmov") F("mmx", "mmx") F("sha", "sha") F("adx", "adx")
#undef F
  /* Always present on x86_64, or not checkable: assume present. */
  return -1;
}
static const char *const level_v2[] = {"sse3", "ssse3", "sse4.1", "sse4.2", "popcnt", "cx16", "sahf", NULL};
static const char *const level_v3[] = {"avx", "avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave", NULL};
static const char *const level_v4[] = {"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl", NULL};
#elif defined(__aarch64__)
#define HOST_ARCH "aarch64"
#include <asm/hwcap.h>
static int has_feature(const char *f) {
  unsigned long h = getauxval(AT_HWCAP), h2 = getauxval(AT_HWCAP2);
#define F(llvm, bit) if (strcmp(f, llvm) == 0) return (h & (bit)) != 0;
#define F2(llvm, bit) if (strcmp(f, llvm) == 0) return (h2 & (bit)) != 0;
  F("fp-armv8", HWCAP_FP) F("neon", HWCAP_ASIMD) F("crc", HWCAP_CRC32) F("lse", HWCAP_ATOMICS)
  F("aes", HWCAP_AES) F("sha2", HWCAP_SHA2) F("sve", HWCAP_SVE) F("dotprod", HWCAP_ASIMDDP)
  F("fullfp16", HWCAP_FPHP) F("rcpc", HWCAP_LRCPC)
  F2("sve2", HWCAP2_SVE2) F2("i8mm", HWCAP2_I8MM) F2("bf16", HWCAP2_BF16)
#undef F
#undef F2
  return -1;
}
#else
#define HOST_ARCH "unknown"
static int has_feature(const char *f) { (void)f; return -1; }
#endif

/* What a named CPU implies.  wasm2so records a named CPU's own features only
 * as its name (LLVM's C API cannot list them), so the loader knows the CPUs
 * users name; --cpu=native records the host's features in full instead. */
struct cpu_implies { const char *cpu; const char *const features[8]; };
static const struct cpu_implies named_cpus[] = {
#if defined(__x86_64__)
  {"x86-64", {NULL}},
  {"haswell", {"avx2", "bmi2", "fma", "movbe", NULL}},
  {"broadwell", {"avx2", "bmi2", "fma", "adx", NULL}},
  {"skylake", {"avx2", "bmi2", "fma", "adx", NULL}},
  {"skylake-avx512", {"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl", NULL}},
  {"cascadelake", {"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl", "avx512vnni", NULL}},
  {"icelake-server", {"avx512f", "avx512bw", "avx512vl", "avx512vbmi", "avx512vnni", "gfni", "vaes", NULL}},
  {"sapphirerapids", {"avx512f", "avx512bw", "avx512vl", "avx512vbmi", "avx512vnni", "gfni", "vaes", NULL}},
  {"znver2", {"avx2", "bmi2", "fma", "adx", "sha", NULL}},
  {"znver3", {"avx2", "bmi2", "fma", "adx", "sha", "vaes", NULL}},
  {"znver4", {"avx512f", "avx512bw", "avx512vl", "avx512vbmi", "avx512vnni", "vaes", NULL}},
#elif defined(__aarch64__)
  {"generic", {NULL}},
  {"cortex-a72", {"crc", NULL}},                                          /* Graviton */
  {"neoverse-n1", {"crc", "lse", "rcpc", "dotprod", "fullfp16", NULL}},     /* Graviton2 */
  {"neoverse-v1", {"crc", "lse", "rcpc", "dotprod", "fullfp16", "sve", "i8mm", "bf16"}}, /* Graviton3 */
  {"neoverse-n2", {"crc", "lse", "rcpc", "dotprod", "sve", "sve2", "i8mm", "bf16"}},
  {"neoverse-v2", {"crc", "lse", "rcpc", "dotprod", "sve", "sve2", "i8mm", "bf16"}}, /* Graviton4 */
#endif
};

static void need(const char *f, char *missing, size_t size) {
  if (has_feature(f) != 0) return;
  size_t n = strlen(missing);
  if (strstr(missing, f)) return;
  snprintf(missing + n, size - n, "%s%s", n ? ", " : "", f);
}

#if defined(__x86_64__)
static void need_list(const char *const *l, char *missing, size_t size) {
  for (; *l; l++) need(*l, missing, size);
}
#endif

static bool same_arch(const char *triple) {
  size_t n = strcspn(triple, "-");
  const char *host = HOST_ARCH;
  if (n == strlen(host) && strncmp(triple, host, n) == 0) return true;
#if defined(__aarch64__)
  if (n == 5 && strncmp(triple, "arm64", 5) == 0) return true;
#endif
#if defined(__x86_64__)
  if (n == 5 && strncmp(triple, "amd64", 5) == 0) return true;
#endif
  return false;
}

bool wl_cpu_check(const wasmso_module_desc *d, wl_error *err) {
  const char *triple = d->target_triple ? d->target_triple : "";
  if (!same_arch(triple)) {
    int n = (int)strcspn(triple, "-");
    return wl_fail(err, WL_ERR_LOAD, "built for %.*s, this host is %s", n ? n : 7,
                   n ? triple : "unknown", HOST_ARCH);
  }
  char missing[256] = "";
#if defined(__x86_64__)
  __builtin_cpu_init();
  const char *cpu = d->cpu ? d->cpu : "";
  if (strcmp(cpu, "x86-64-v2") == 0) need_list(level_v2, missing, sizeof missing);
  if (strcmp(cpu, "x86-64-v3") == 0) {
    need_list(level_v2, missing, sizeof missing);
    need_list(level_v3, missing, sizeof missing);
  }
  if (strcmp(cpu, "x86-64-v4") == 0) {
    need_list(level_v2, missing, sizeof missing);
    need_list(level_v3, missing, sizeof missing);
    need_list(level_v4, missing, sizeof missing);
  }
#endif
  /* A named CPU: what it implies (the x86-64-vN levels are above). */
  const char *name = d->cpu ? d->cpu : "";
  const char *f = d->features ? d->features : "";
  bool known = strncmp(name, "x86-64-v", 8) == 0;
  for (size_t i = 0; i < sizeof named_cpus / sizeof named_cpus[0]; i++)
    if (strcmp(name, named_cpus[i].cpu) == 0) {
      known = true;
      for (size_t j = 0; j < 8 && named_cpus[i].features[j]; j++)
        need(named_cpus[i].features[j], missing, sizeof missing);
    }
  /* Another name is acceptable only with the features recorded in full, as
   * --cpu=native does (the host's list names absent features too: "-avx512f"). */
  if (!known && !strstr(f, ",-") && f[0] != '-')
    return wl_fail(err, WL_ERR_LOAD,
                   "built for CPU '%s', which this wasmload cannot check on this host; translate "
                   "with a CPU it knows, or list the features with --cpu-features",
                   name);
  while (*f) {
    size_t n = strcspn(f, ",");
    if (f[0] == '+' && n > 1 && n < 64) {
      char name[64];
      memcpy(name, f + 1, n - 1);
      name[n - 1] = 0;
      need(name, missing, sizeof missing);
    }
    f += n;
    if (*f == ',') f++;
  }
  if (missing[0]) return wl_fail(err, WL_ERR_LOAD, "CPU lacks: %s", missing);
  return true;
}
