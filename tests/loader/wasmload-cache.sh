#!/bin/sh
# wasmload-cache.sh — `wasmload app.wasm`: translated once into the per-user
# cache, reused after; where the cache lives; concurrent starts; damaged
# entries; modules that do not translate.
. "${top_srcdir:-.}/tests/loader/lib.sh"
wat hello
wat args

entries() { find "$1" -maxdepth 1 -name '*.so' -type f 2>/dev/null | wc -l; }
leftovers() { find "$1" -maxdepth 1 -name '*.tmp.*' 2>/dev/null | wc -l; }
ident() { stat -c '%i %y' "$1"; }

# First run translates into a directory made on the way; the second reuses
# the entry untouched (same inode: a new translation is renamed into place).
C=$T/c1/a/b
run "first run" 0 "$WASMLOAD" --cache-dir="$C" "$T/hello.wasm" && same "$T/out" 'hello\n' &&
  pass "first run translates and runs" || fail "first run"
[ "$(entries "$C")" = 1 ] && [ "$(leftovers "$C")" = 0 ] && pass "one cache entry, no temporary files" ||
  fail "cache after the first run: $(ls -a "$C")"
so=$(find "$C" -name '*.so' | head -n 1)
before=$(ident "$so")
sleep 1
run "second run" 0 "$WASMLOAD" --cache-dir="$C" "$T/hello.wasm" && same "$T/out" 'hello\n' &&
  [ "$(ident "$so")" = "$before" ] && [ "$(entries "$C")" = 1 ] &&
  pass "second run reuses the entry" || fail "second run re-translated: $before / $(ident "$so")"
# The key is the content: the same bytes under another name hit too.
cp "$T/hello.wasm" "$T/copy.wasm"
run "same bytes" 0 "$WASMLOAD" --cache-dir="$C" "$T/copy.wasm" && [ "$(ident "$so")" = "$before" ] &&
  [ "$(entries "$C")" = 1 ] && pass "same bytes, other name: reused" || fail "same bytes, other name"
run "other module" 0 "$WASMLOAD" --cache-dir="$C" "$T/args.wasm" && [ "$(entries "$C")" = 2 ] &&
  pass "another module: another entry" || fail "another module"

# A damaged entry (e.g. cut short by a crash) is translated again.
: >"$so"
run "damaged entry" 0 "$WASMLOAD" --cache-dir="$C" "$T/hello.wasm" && same "$T/out" 'hello\n' &&
  [ -s "$so" ] && pass "an empty entry is replaced" || fail "damaged entry"

# Where the cache lives: --cache-dir, $WASM2SO_CACHE_DIR, $XDG_CACHE_HOME/wasm2so, ~/.cache/wasm2so.
run "env dir" 0 "$WASMLOAD" "$T/hello.wasm" && [ "$(entries "$WASM2SO_CACHE_DIR")" = 1 ] &&
  pass "\$WASM2SO_CACHE_DIR" || fail "\$WASM2SO_CACHE_DIR"
run "xdg" 0 env -u WASM2SO_CACHE_DIR XDG_CACHE_HOME="$T/xdg" "$WASMLOAD" "$T/hello.wasm" &&
  [ "$(entries "$T/xdg/wasm2so")" = 1 ] && pass "\$XDG_CACHE_HOME/wasm2so" || fail "\$XDG_CACHE_HOME"
run "home" 0 env -u WASM2SO_CACHE_DIR -u XDG_CACHE_HOME HOME="$T/home" "$WASMLOAD" "$T/hello.wasm" &&
  [ "$(entries "$T/home/.cache/wasm2so")" = 1 ] && pass "~/.cache/wasm2so" || fail "~/.cache/wasm2so"
mkdir "$T/tmp"
run "no cache" 0 env TMPDIR="$T/tmp" "$WASMLOAD" --no-cache --cache-dir="$T/unused" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ ! -e "$T/unused" ] && [ -z "$(ls -A "$T/tmp")" ] &&
  pass "--no-cache leaves nothing behind" || fail "--no-cache: $(ls -A "$T/tmp")"
: >"$T/notadir"
run "unusable cache" 1 "$WASMLOAD" --cache-dir="$T/notadir/sub" "$T/hello.wasm" &&
  grep -q -- '--no-cache' "$T/err" && pass "unusable cache directory: clear refusal" ||
  fail "unusable cache directory"

mkdir -m 0777 "$T/shared"
run "shared cache" 1 "$WASMLOAD" --cache-dir="$T/shared" "$T/hello.wasm" &&
  grep -q 'not private to this user' "$T/err" && [ -z "$(ls -A "$T/shared")" ] &&
  pass "a cache directory others can write to is refused" || fail "world-writable cache directory"

# A module that does not translate: the translator's message, no entry.
printf '\000asm\001\000\000\000\001\005' >"$T/bad.wasm"
run "malformed" 1 "$WASMLOAD" --cache-dir="$T/c2" "$T/bad.wasm" &&
  grep -q "^$T/bad.wasm:0x[0-9a-f]*: error: " "$T/err" && [ "$(entries "$T/c2")" = 0 ] &&
  [ -z "$(ls -A "$T/c2")" ] && pass "malformed module refused, nothing cached" ||
  { fail "malformed module:"; cat "$T/err" >&2; }

# Concurrent ranks: 8 starts of a module not yet in the cache.
C=$T/c3
i=0
while [ $i -lt 8 ]; do
  ( "$WASMLOAD" --cache-dir="$C" "$T/args.wasm" rank$i >"$T/out.$i" 2>"$T/err.$i"; echo $? >"$T/st.$i" ) &
  i=$((i + 1))
done
wait
ok=0
i=0
while [ $i -lt 8 ]; do
  [ "$(cat "$T/st.$i")" = 0 ] && same "$T/out.$i" "$T/args.wasm\nrank$i\n" && ok=$((ok + 1))
  i=$((i + 1))
done
[ $ok = 8 ] && pass "8 concurrent starts all succeed" || { fail "concurrent starts: $ok of 8"; cat "$T"/err.* >&2; }
[ "$(entries "$C")" = 1 ] && [ "$(leftovers "$C")" = 0 ] && pass "one cache entry after concurrent starts" ||
  fail "cache after concurrent starts: $(ls -a "$C")"
so=$(find "$C" -name '*.so' | head -n 1)
before=$(ident "$so")
run "after concurrent" 0 "$WASMLOAD" --cache-dir="$C" "$T/args.wasm" x && same "$T/out" "$T/args.wasm\nx\n" &&
  [ "$(ident "$so")" = "$before" ] && pass "the entry is valid and reused" || fail "entry after concurrent starts"
finish
