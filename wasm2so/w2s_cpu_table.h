/* w2s_cpu_table.h — the CPU and feature names LLVM accepts per target
 * (cpu_table.c, generated at build time by gen-cpu-table.sh) and the check
 * of --cpu and --cpu-features against them (target_names.c). */
#ifndef W2S_CPU_TABLE_H
#define W2S_CPU_TABLE_H

#include <stdbool.h>

#include "w2s_diag.h"

/* NULL-terminated, in llc's order (sorted). */
extern const char *const w2s_x86_64_cpus[], *const w2s_x86_64_features[];
extern const char *const w2s_aarch64_cpus[], *const w2s_aarch64_features[];
extern const char w2s_cpu_table_llc[]; /* the llc they were read from */

/* cpu (NULL: the default; "native" is not checked here) and features (NULL
 * or "": none; else "+a,-b") are valid for the target; otherwise an error
 * that says what is wrong and, for a name of the other architecture, which
 * --target it belongs to. */
bool w2s_check_cpu_names(bool aarch64, const char *cpu, const char *features, w2s_diag *d);

#endif
