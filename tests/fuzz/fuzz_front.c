/* fuzz_front.c — libFuzzer target for the front end: read, validate, walk
 * what a later stage would walk, free.  Besides crashes and leaks it checks
 * the diagnostics contract: a failure always names a kind, and an offset
 * inside the input (or none). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "w2s_decode.h"
#include "w2s_diag.h"
#include "w2s_module.h"

static void check_diag(const w2s_diag *d, size_t size, int stage) {
  if (d->kind == W2S_DIAG_NONE || d->kind == W2S_DIAG_BACKEND)
    __builtin_trap();
  if (stage == 0 && d->kind == W2S_DIAG_INVALID)
    __builtin_trap(); /* the reader only decodes */
  if (d->offset != (size_t)-1 && d->offset > size)
    __builtin_trap();
}

/* What the lowering does with a valid module: decode every body, iterate
 * br_table targets, name every function. */
static void walk(const w2s_module *m) {
  char buf[32];
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (!w2s_func_name(m, i, buf, sizeof buf))
      __builtin_trap();
    if (i < m->nfunc_imports)
      continue;
    const uint8_t *p = m->funcs[i].code;
    while (p < m->funcs[i].code_end) {
      w2s_instr in;
      w2s_diag d = {0};
      if (!w2s_decode_instr(&p, m->funcs[i].code_end, m->bytes, &in, &d))
        __builtin_trap(); /* validated bodies always decode */
      if (in.op == W2S_OP_BR_TABLE) {
        const uint8_t *cur = in.imm.br_table.targets;
        for (uint64_t k = 0; k <= in.imm.br_table.count; k++)
          (void)w2s_br_table_next(&cur);
      }
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  w2s_module m;
  w2s_diag d = {0};
  if (!w2s_read_module(data, size, &m, &d)) {
    check_diag(&d, size, 0);
    return 0;
  }
  if (w2s_validate_module(&m, &d))
    walk(&m);
  else
    check_diag(&d, size, 1);
  w2s_module_free(&m);
  return 0;
}
