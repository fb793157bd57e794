/* target_names.c — --cpu and --cpu-features checked against the names this
 * LLVM knows for the target, before LLVM sees them: LLVM only warns about an
 * unknown feature and, for some unknown CPUs, aborts the whole process. */
#include <stddef.h>
#include <string.h>

#include "w2s_cpu_table.h"

typedef struct {
  const char *name; /* as in --target= */
  const char *const *cpus, *const *features;
} arch_names;

static const arch_names x86_64 = {"x86_64", w2s_x86_64_cpus, w2s_x86_64_features};
static const arch_names aarch64 = {"aarch64", w2s_aarch64_cpus, w2s_aarch64_features};

static bool listed(const char *const *names, const char *s, size_t n) {
  for (; *names; names++)
    if (strlen(*names) == n && memcmp(*names, s, n) == 0)
      return true;
  return false;
}

static bool check_cpu(const arch_names *a, const arch_names *other, const char *cpu, w2s_diag *d) {
  if (!cpu || strcmp(cpu, "native") == 0 || listed(a->cpus, cpu, strlen(cpu)))
    return true;
  if (listed(other->cpus, cpu, strlen(cpu)))
    return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                    "--cpu=%s is an %s CPU, not an %s one: add --target=%s to translate for %s, "
                    "or name an %s CPU",
                    cpu, other->name, a->name, other->name, other->name, a->name);
  return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                  "unknown CPU '%s' for %s (`%s -mtriple=%s -mcpu=help` lists the CPUs; "
                  "'native' is this machine's)",
                  cpu, a->name, w2s_cpu_table_llc, a->name);
}

static bool check_features(const arch_names *a, const arch_names *other, const char *list,
                           w2s_diag *d) {
  if (!list || !*list)
    return true;
  for (const char *p = list;;) {
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n < 2 || (p[0] != '+' && p[0] != '-'))
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                      "bad --cpu-features '%s' at %s%.*s%s: expected a comma-separated list of "
                      "+name or -name, e.g. +avx2,-fma",
                      list, n ? "'" : "an empty item", (int)n, p, n ? "'" : "");
    if (!listed(a->features, p + 1, n - 1)) {
      if (listed(other->features, p + 1, n - 1))
        return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                        "--cpu-features: '%.*s' is an %s feature, not an %s one: add "
                        "--target=%s to translate for %s",
                        (int)(n - 1), p + 1, other->name, a->name, other->name, other->name);
      return w2s_fail(d, W2S_DIAG_BACKEND, (size_t)-1,
                      "--cpu-features: unknown %s feature '%.*s' (`%s -mtriple=%s -mattr=help` "
                      "lists the features)",
                      a->name, (int)(n - 1), p + 1, w2s_cpu_table_llc, a->name);
    }
    if (!end)
      return true;
    p = end + 1;
  }
}

bool w2s_check_cpu_names(bool is_aarch64, const char *cpu, const char *features, w2s_diag *d) {
  const arch_names *a = is_aarch64 ? &aarch64 : &x86_64, *other = is_aarch64 ? &x86_64 : &aarch64;
  return check_cpu(a, other, cpu, d) && check_features(a, other, features, d);
}
