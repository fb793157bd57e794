/* fuzz_translate.c — libFuzzer target for the whole translator but the link:
 * what validates must also lower, optimise and emit without a crash, a
 * sanitizer report or a backend error (a valid module that wasm2so cannot
 * translate is a bug).  -O0 keeps each input cheap; the lowering is the same
 * at every level. */
#include <stdint.h>
#include <stdlib.h>

#include "w2s.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  w2s_diag d = {0};
  if (!w2s_check(data, size, &d))
    return 0;
  w2s_options o;
  w2s_options_default(&o);
  o.opt_level = 0;
  o.target = "x86_64";
  void *obj = NULL;
  size_t n = 0;
  w2s_diag d2 = {0};
  bool ok = w2s_compile(data, size, &o, &obj, &n, &d2);
  free(obj);
  /* Only implementation limits may refuse a valid module. */
  if (!ok && d2.kind != W2S_DIAG_LIMIT)
    __builtin_trap();
  return 0;
}
