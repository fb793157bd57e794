/* w2s.h — the wasm2so translator, stage by stage, in pipeline order:
 *
 *   read      (read_*.c)      bytes -> w2s_module             w2s_module.h
 *   validate  (validate_*.c)  the spec's validation algorithm  w2s_module.h
 *   lower     (lower_*.c)     w2s_module -> LLVM IR, one file per instruction class
 *   optimise  (optimise.c)    the new pass manager, -O0..-O3
 *   emit      (emit_*.c)      the descriptor, trampolines; LLVM IR -> ELF object in memory
 *   link      (link.c)        ld.lld -shared -z now -> the .so
 *
 * The library holds no global mutable state: everything lives in the objects
 * passed in, so several translations may run at once in one process. */
#ifndef W2S_H
#define W2S_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "w2s_diag.h"

typedef struct w2s_options {
  const char *target;     /* "x86_64", "aarch64" or a full triple; NULL: the host's architecture */
  const char *cpu;        /* NULL: a conservative baseline (x86-64-v2 / generic), "native": the host's */
  const char *features;   /* "+a,-b" added to the CPU's; NULL: none */
  int opt_level;          /* 0..3 */
  const char *ld_lld;     /* NULL: the ld.lld found by configure */
  unsigned threads;       /* parallel code generation; 0: automatic */
  size_t split_min_code;  /* split a module with at least this many bytes of code into
                             parts compiled in parallel; 0: 256 KiB */
  size_t huge_func_code;  /* a function with at least this many bytes of code is compiled
                             alone, optimised at most at -O1 and with quick code
                             generation, so it cannot stall the build; 0: 128 KiB */
  bool quick_codegen;     /* code generation without optimisation (set per part) */
  bool keep_object;       /* also write OUT.o beside the .so (debugging) */
  bool bounds_checks;     /* check every memory access explicitly instead of relying on
                             guard regions (WASMSO_MEMORY_CHECKED), so the .so runs in a
                             reservation no larger than the memory's maximum */
} w2s_options;

void w2s_options_default(w2s_options *o);

/* Decode and validate only (no LLVM involved). */
bool w2s_check(const uint8_t *wasm, size_t size, w2s_diag *d);

/* Everything but the link: the ELF object in memory (*obj: malloc'd, the
 * caller frees it).  Used by the fuzzer, which must not spawn ld.lld. */
bool w2s_compile(const uint8_t *wasm, size_t size, const w2s_options *o, void **obj,
                 size_t *obj_size, w2s_diag *d);

/* The whole pipeline: wasm bytes -> shared object at out_path.  On failure
 * out_path is as it was (absent, or the file that was there).  An out_path
 * that holds a Wasm module is refused. */
bool w2s_translate(const uint8_t *wasm, size_t size, const w2s_options *o,
                   const char *out_path, w2s_diag *d);

#endif
