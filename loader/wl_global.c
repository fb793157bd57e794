/* wl_global.c — global cells; imported globals share the exporter's cell. */
#include <stdlib.h>

#include "wl_internal.h"

wasmso_global *wl_global_new(uint8_t type, bool mut, wasmso_value init) {
  wasmso_global *g = aligned_alloc(_Alignof(wasmso_global), sizeof *g);
  if (!g) return NULL;
  *g = (wasmso_global){.value = init, .type = type, .mut = mut};
  return g;
}

void wl_global_free(wasmso_global *g) { free(g); }
