/* fixture_refuse.c — shared objects wasmload must refuse, built by
 * tests/loader/local.mk:
 *   -DBAD_ABI      a wasm2so-like descriptor of the next ABI version;
 *   -DNO_DESC      an ordinary library without the descriptor.
 * Both have a constructor that announces itself: wasmload must refuse them
 * before dlopen could run it. */
#include <unistd.h>

#include "wasmso_abi.h"

__attribute__((constructor)) static void announce(void) {
  static const char m[] = "fixture constructor ran\n";
  if (write(2, m, sizeof m - 1) < 0) _exit(99);
}

#ifdef BAD_ABI
__attribute__((visibility("default"))) const wasmso_module_desc wasmso_module_descriptor = {
  .magic = WASMSO_MAGIC,
  .abi_version = WASMSO_ABI_VERSION + 1,
  .target_triple = "x86_64-unknown-linux-gnu",
};
#else
__attribute__((visibility("default"))) int fixture_value = 1;
#endif
