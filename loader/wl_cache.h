/* wl_cache.h — `wasmload app.wasm`: translate a module with the wasm2so
 * command into a per-user cache of shared objects, or find it there. */
#ifndef WL_CACHE_H
#define WL_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The cache directory: dir if not NULL, else $WASM2SO_CACHE_DIR, else
 * $XDG_CACHE_HOME/wasm2so, else ~/.cache/wasm2so.  NULL (with msg) if none
 * can be named.  malloc'd. */
char *wl_cache_dir(const char *dir, char *msg, size_t msg_size);

/* The .so for the module bytes wasm[0..size) (name: for messages): from the
 * cache in cache_dir (created if missing), translated and stored there first
 * on a miss.  cache_dir NULL: translate into a private temporary file, and
 * set *temp so the caller unlinks it once loaded.  Returns a malloc'd path,
 * or NULL with msg, ready to print: wasmload's words ("wasmload: ...") or
 * the translator's own diagnostics ("NAME:0xOFF: error: ...").  *hit says
 * whether the entry was already there.  Needs a wasm2so (wl_translator.h)
 * even on a hit: its identity is part of the key. */
char *wl_cache_get(const uint8_t *wasm, size_t size, const char *name, const char *cache_dir,
                   bool *temp, bool *hit, char *msg, size_t msg_size);

/* Remove an entry that failed to load (e.g. truncated by a crash), so the
 * next wl_cache_get translates again. */
void wl_cache_drop(const char *so_path);

#endif
