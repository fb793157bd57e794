/* check.c — w2s_check: read and validate only.  In the front end (no LLVM),
 * so a runtime-only build (the cross-built spec runner) can still judge
 * assert_invalid and assert_malformed modules. */
#include <string.h>

#include "w2s.h"
#include "w2s_module.h"

bool w2s_check(const uint8_t *wasm, size_t size, w2s_diag *d) {
  w2s_module m;
  memset(&m, 0, sizeof m);
  if (!w2s_read_module(wasm, size, &m, d))
    return false;
  bool ok = w2s_validate_module(&m, d);
  w2s_module_free(&m);
  return ok;
}
