#!/bin/sh
# wasmload-bounds.sh — a cluster that caps address space (ulimit -v 2 GiB): a
# .so translated with --bounds-checks runs with --max-memory small enough,
# with exact traps and growth up to the cap; the default .so, which needs
# 8 GiB of address space per memory, is refused with a message that names the
# limit and what to do.
. "${top_srcdir:-.}/tests/loader/lib.sh"
wat bounds
"$WASM2SO" "$T/bounds.wasm" -o "$T/plain.so" || fail "wasm2so"
"$WASM2SO" --bounds-checks "$T/bounds.wasm" -o "$T/checked.so" || fail "wasm2so --bounds-checks"

# Without a limit both run alike.
for so in plain checked; do
  run "$so.so unlimited" 0 "$WASMLOAD" "$T/$so.so" && same "$T/out" 'hello\n' &&
    pass "$so.so runs without a limit" || fail "$so.so without a limit: '$(cat "$T/out")'"
done

# capped DESCRIPTION STATUS ARGS...: run wasmload under ulimit -v 2 GiB.
capped() {
  d=$1 s=$2
  shift 2
  run "$d" "$s" sh -c 'ulimit -v 2097152 || exit 99; exec "$@"' sh "$WASMLOAD" "$@"
}

capped "checked, 256M" 0 --max-memory=256M "$T/checked.so" && same "$T/out" 'hello\n' &&
  pass "bounds-checked .so runs under ulimit -v 2 GiB with --max-memory=256M" ||
  fail "checked.so under the limit: '$(cat "$T/out")'"
capped "peek at the end" 0 --max-memory=256M --invoke=peek "$T/checked.so" 65532 &&
  same "$T/out" '0\n' && pass "the last word of memory reads" || fail "peek 65532"
capped "peek past the end" 134 --max-memory=256M --invoke=peek "$T/checked.so" 65533 &&
  grep -q 'trap: out of bounds memory access' "$T/err" &&
  pass "a word one byte past the end traps" || fail "peek 65533: $(cat "$T/err")"
capped "peek far past" 134 --max-memory=256M --invoke=peek "$T/checked.so" 4294967295 &&
  grep -q 'trap: out of bounds memory access' "$T/err" &&
  pass "an address near 4 GiB traps" || fail "peek 4294967295: $(cat "$T/err")"
capped "grow to the cap" 0 --max-memory=256M --invoke=grow "$T/checked.so" 4095 &&
  same "$T/out" '1\n' && pass "memory grows to --max-memory" || fail "grow 4095: $(cat "$T/out")"
capped "grow past the cap" 0 --max-memory=256M --invoke=grow "$T/checked.so" 4096 &&
  same "$T/out" '-1\n' && pass "memory does not grow past --max-memory" || fail "grow 4096: $(cat "$T/out")"

# wasmload app.wasm translates with --bounds-checks itself under such a cap
# (its own cache entry), and traps exactly as the checked .so does.
export WASM2SO
capped "a .wasm under the cap" 0 --max-memory=256M --invoke=peek "$T/bounds.wasm" 65532 &&
  same "$T/out" '0\n' && pass "a .wasm runs under ulimit -v 2 GiB (translated with --bounds-checks)" ||
  fail ".wasm under the limit: $(cat "$T/err")"
capped "a .wasm under the cap, past the end" 134 --max-memory=256M --invoke=peek "$T/bounds.wasm" 65533 &&
  grep -q 'trap: out of bounds memory access' "$T/err" && pass "... and traps one byte past the end" ||
  fail ".wasm under the limit, 65533: $(cat "$T/err")"
capped "plain, 256M" 1 --max-memory=256M "$T/plain.so" &&
  grep -q 'cannot reserve 8.0 GiB of address space for a memory: RLIMIT_AS is 2 GiB (ulimit -v)' "$T/err" &&
  grep -q 'raise the limit (ulimit -v unlimited) or translate with `wasm2so --bounds-checks`' "$T/err" &&
  pass "the default .so is refused: $(cat "$T/err")" || fail "plain.so under the limit: $(cat "$T/err")"
capped "checked, no cap" 1 "$T/checked.so" &&
  grep -q 'RLIMIT_AS is 2 GiB (ulimit -v)' "$T/err" && grep -q 'lower --max-memory' "$T/err" &&
  pass "a bounds-checked memory of 4 GiB does not fit either: $(cat "$T/err")" ||
  fail "checked.so without --max-memory: $(cat "$T/err")"

# The checks end a block at every access; the address folding still sees
# that p was accessed before p + 4 (wasm2so/fold_addresses.c, fold_chain):
# p + 4 is marked nuw and the second access folded to zext(p) + 4.
cat >"$T/fold.wat" <<'WAT'
(module (memory 1)
  (func (export "f") (param $p i32) (result i32)
    (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 4))))))
WAT
"$WAT2WASM" "$T/fold.wat" -o "$T/fold.wasm" &&
  WASM2SO_DUMP_IR=$T/fold.ll "$WASM2SO" --bounds-checks "$T/fold.wasm" -o "$T/fold.so" &&
  grep -q 'add nuw i32 %0, 4' "$T/fold.ll" && grep -q 'add nsw i64 %[0-9]*, 4$' "$T/fold.ll" &&
  pass "addresses fold across the checks" || fail "no folding across the checks (see $T/fold.ll)"
finish
