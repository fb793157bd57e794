/* wl_cache_none.c — wl_cache.h for a runtime-only wasmload (configure
 * --disable-translator, the default when cross-compiling): there is no
 * translator to fill a cache, so a .wasm is refused with what to do instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wl_cache.h"

char *wl_cache_dir(const char *dir, char *msg, size_t msg_size) {
  (void)msg, (void)msg_size;
  return strdup(dir ? dir : "");
}

char *wl_cache_get(const uint8_t *wasm, size_t size, const char *name, const char *cache_dir,
                   bool *temp, bool *hit, char *msg, size_t msg_size) {
  (void)wasm, (void)size, (void)cache_dir;
  *temp = *hit = false;
  snprintf(msg, msg_size,
           "%s: this wasmload runs translated .so files only (built without the translator); "
           "translate it first: wasm2so --target=<this machine> %s -o app.so",
           name, name);
  return NULL;
}

void wl_cache_drop(const char *so_path) { (void)so_path; }
