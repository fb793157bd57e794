/* wl_translator.h — the wasm2so command, found and run as a subprocess by
 * the .wasm cache (wl_cache.c), so that wasmload itself never loads LLVM. */
#ifndef WL_TRANSLATOR_H
#define WL_TRANSLATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WL_BUILD_ID_MAX 64

typedef struct wl_translator {
  char *path;                         /* malloc'd; as found (may be relative) */
  /* Its identity, for the cache key: a rebuilt or replaced translator never
   * reuses its predecessor's entries. */
  uint8_t build_id[WL_BUILD_ID_MAX];  /* the ELF GNU build-id, if it has one */
  size_t build_id_len;
  uint64_t size;
  int64_t mtime_sec, mtime_nsec;
} wl_translator;

/* Find wasm2so: $WASM2SO if set (a path, or a name looked up in PATH);
 * else wasm2so next to this executable (an installed bin/), or in the
 * build tree's ../wasm2so/; else in PATH.  false with a ready-to-print msg
 * (naming the module, name) if there is none. */
bool wl_translator_find(wl_translator *t, const char *name, char *msg, size_t msg_size);

void wl_translator_free(wl_translator *t);

/* Translate wasm[0..size) into out with wasm2so OPTS... -o OUT.  The exact
 * bytes given are translated (handed over through a memory file), and the
 * translator's diagnostics name the module as name.  false with a
 * ready-to-print msg: the translator's own messages, else wasmload's. */
bool wl_translator_run(const wl_translator *t, const char *const *opts, const uint8_t *wasm,
                       size_t size, const char *name, const char *out, char *msg, size_t msg_size);

#endif
