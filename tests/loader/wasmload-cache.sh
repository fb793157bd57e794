#!/bin/sh
# wasmload-cache.sh — `wasmload app.wasm`: translated once into the per-user
# cache, reused after; where the cache lives; concurrent starts; damaged
# entries; modules that do not translate; which wasm2so command translates
# (wasmload runs it, never loading LLVM itself) and what it is told.
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
# ---- The translator: the wasm2so command, run by wasmload ----
if command -v ldd >/dev/null 2>&1; then
  ldd "$WASMLOAD" >"$T/ldd" 2>&1 && ! grep -qi llvm "$T/ldd" && pass "wasmload does not link LLVM" ||
    { fail "wasmload links LLVM:"; cat "$T/ldd" >&2; }
fi
real_w2s=$(cd "$(dirname "$WASM2SO")" && pwd)/wasm2so
# logger FILE: a wasm2so that logs its arguments to FILE.log, then translates.
logger() {
  printf '#!/bin/sh\necho "$*" >>"%s.log"\nexec "%s" "$@"\n' "$1" "$real_w2s" >"$1" && chmod +x "$1"
}
# fake FILE BODY: a "wasm2so" that runs BODY instead.
fake() { printf '#!/bin/sh\n%s\n' "$2" >"$1" && chmod +x "$1"; }
mkdir "$T/nopath" "$T/bin" "$T/alone" "$T/pathbin"
cp "$WASMLOAD" "$T/bin/wasmload"
cp "$WASMLOAD" "$T/alone/wasmload"
logger "$T/bin/wasm2so"
logger "$T/pathbin/wasm2so"
logger "$T/pathbin/my-wasm2so"
logger "$T/envw2s"

# Where it is found: $WASM2SO, beside wasmload (installed bin/, or the build
# tree's ../wasm2so/), then PATH.
run "build tree" 0 env -u WASM2SO PATH="$T/nopath" "$WASMLOAD" --cache-dir="$T/c4" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ "$(entries "$T/c4")" = 1 ] &&
  pass "wasm2so of the build tree (../wasm2so/ beside loader/)" || fail "wasm2so of the build tree"
run "beside" 0 env -u WASM2SO PATH="$T/pathbin" "$T/bin/wasmload" --cache-dir="$T/c5" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ -s "$T/bin/wasm2so.log" ] && [ ! -e "$T/pathbin/wasm2so.log" ] &&
  pass "wasm2so beside wasmload (an installed bin/) comes before PATH" || fail "wasm2so beside wasmload"
# What it is told: wasmload's options, the target, -j, a temporary file in
# the cache (renamed into place after), the module's bytes as a memory file.
grep -Eq -- "^-O2 --target=$(uname -m) -j[0-9]+ -o $T/c5/[0-9a-f]{64}\.so\.tmp\.[A-Za-z0-9]{6} -- /proc/self/fd/[0-9]+\$" \
  "$T/bin/wasm2so.log" && [ "$(entries "$T/c5")" = 1 ] && [ "$(leftovers "$T/c5")" = 0 ] &&
  pass "wasm2so's command line" || { fail "wasm2so's command line:"; cat "$T/bin/wasm2so.log" >&2; }
run "PATH" 0 env -u WASM2SO PATH="$T/pathbin" "$T/alone/wasmload" --cache-dir="$T/c6" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ -s "$T/pathbin/wasm2so.log" ] && pass "wasm2so from PATH" ||
  fail "wasm2so from PATH"
run "WASM2SO" 0 env WASM2SO="$T/envw2s" "$WASMLOAD" --cache-dir="$T/c7" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ -s "$T/envw2s.log" ] && pass "\$WASM2SO comes first" || fail "\$WASM2SO"
run "WASM2SO name" 0 env WASM2SO=my-wasm2so PATH="$T/pathbin" "$WASMLOAD" --cache-dir="$T/c7b" \
  "$T/hello.wasm" && [ -s "$T/pathbin/my-wasm2so.log" ] && pass "\$WASM2SO as a name in PATH" ||
  fail "\$WASM2SO as a name"
run "WASM2SO missing" 1 env WASM2SO="$T/missing" "$WASMLOAD" --cache-dir="$T/c7" "$T/hello.wasm" &&
  grep -qx "wasmload: $T/hello.wasm: cannot translate: WASM2SO=$T/missing is not an executable file" "$T/err" &&
  pass "\$WASM2SO naming nothing: refused, not replaced" || { fail "\$WASM2SO missing:"; cat "$T/err" >&2; }
run "none" 1 env -u WASM2SO PATH="$T/nopath" "$T/alone/wasmload" --cache-dir="$T/c8" "$T/hello.wasm" &&
  grep -qx "wasmload: $T/hello.wasm: cannot translate: no wasm2so found (set WASM2SO or install wasm2so next to wasmload)" "$T/err" &&
  [ ! -e "$T/c8" ] && pass "no wasm2so anywhere: clear refusal" || { fail "no wasm2so:"; cat "$T/err" >&2; }

# The translator's identity is in the key: another wasm2so, or the same one
# rebuilt (here: a newer mtime), translates afresh; the same one reuses.
n=$(wc -l <"$T/envw2s.log")
run "same translator" 0 env WASM2SO="$T/envw2s" "$WASMLOAD" --cache-dir="$T/c7" "$T/hello.wasm" &&
  [ "$(wc -l <"$T/envw2s.log")" = "$n" ] && pass "same translator: entry reused" || fail "same translator"
touch -d '+1 hour' "$T/envw2s"
run "rebuilt translator" 0 env WASM2SO="$T/envw2s" "$WASMLOAD" --cache-dir="$T/c7" "$T/hello.wasm" &&
  [ "$(wc -l <"$T/envw2s.log")" = $((n + 1)) ] && [ "$(entries "$T/c7")" = 2 ] &&
  pass "a changed translator translates again" || fail "changed translator: $(entries "$T/c7") entries"

# The bytes hashed are the bytes translated: a module rewritten while it is
# translated does not end up under the old bytes' key.
cp "$T/args.wasm" "$T/moving.wasm"
fake "$T/rewriter" "cp '$T/hello.wasm' '$T/moving.wasm'; exec '$real_w2s' \"\$@\""
run "rewritten" 0 env WASM2SO="$T/rewriter" "$WASMLOAD" --cache-dir="$T/c9" "$T/moving.wasm" x &&
  same "$T/out" "$T/moving.wasm\nx\n" && pass "the module's bytes as read are translated" ||
  fail "rewritten module: '$(cat "$T/out")'"

# Its failures: its own words, passed on; or what happened to it.
fake "$T/says" 'echo "wasm2so: out of cheese" >&2; exit 1'
run "says" 1 env WASM2SO="$T/says" "$WASMLOAD" --cache-dir="$T/c10" "$T/hello.wasm" &&
  [ "$(cat "$T/err")" = "wasm2so: out of cheese" ] && [ -z "$(ls -A "$T/c10")" ] &&
  pass "a translator's message is passed on, nothing left in the cache" ||
  { fail "translator's message:"; cat "$T/err" >&2; ls -A "$T/c10" >&2; }
fake "$T/silent" 'exit 3'
run "silent" 1 env WASM2SO="$T/silent" "$WASMLOAD" --no-cache "$T/hello.wasm" &&
  grep -qx "wasmload: $T/hello.wasm: cannot translate: $T/silent failed (exit status 3) without a message" "$T/err" &&
  pass "a silent failure is reported" || { fail "silent translator:"; cat "$T/err" >&2; }
fake "$T/crash" 'kill -SEGV $$'
run "crash" 1 env WASM2SO="$T/crash" "$WASMLOAD" --cache-dir="$T/c10" "$T/hello.wasm" &&
  grep -q "^wasmload: $T/hello.wasm: cannot translate: $T/crash was killed by signal 11 " "$T/err" &&
  [ -z "$(ls -A "$T/c10")" ] && pass "a crashed translator is reported" || { fail "crashed translator:"; cat "$T/err" >&2; }
fake "$T/noexec" 'exit 0'
chmod -x "$T/noexec"
run "noexec" 1 env WASM2SO="$T/noexec" "$WASMLOAD" --cache-dir="$T/c10" "$T/hello.wasm" &&
  grep -q "WASM2SO=$T/noexec is not an executable file" "$T/err" && pass "a WASM2SO without x permission" ||
  { fail "non-executable WASM2SO:"; cat "$T/err" >&2; }

# A launcher that ignores SIGCHLD (inherited through exec; dash resets it,
# so perl sets it) must not hide the translator's status.
run "SIGCHLD ignored" 0 perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV or die' \
  "$WASMLOAD" --cache-dir="$T/c11" "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && [ "$(entries "$T/c11")" = 1 ] && pass "translation with SIGCHLD ignored" ||
  fail "SIGCHLD ignored"

# Concurrent starts of a module that does not translate: each reports the
# error (the waiters do not hang or blame the lock), nothing is left.
i=0
while [ $i -lt 4 ]; do
  ( "$WASMLOAD" --cache-dir="$T/c12" "$T/bad.wasm" >/dev/null 2>"$T/berr.$i"; echo $? >"$T/bst.$i" ) &
  i=$((i + 1))
done
wait
ok=0
i=0
while [ $i -lt 4 ]; do
  [ "$(cat "$T/bst.$i")" = 1 ] && grep -q "^$T/bad.wasm:0x[0-9a-f]*: error: " "$T/berr.$i" && ok=$((ok + 1))
  i=$((i + 1))
done
[ $ok = 4 ] && [ -z "$(ls -A "$T/c12")" ] && pass "4 concurrent starts of a bad module: 4 errors, nothing left" ||
  { fail "concurrent bad module: $ok of 4; left: $(ls -A "$T/c12")"; cat "$T"/berr.* >&2; }
finish
