#!/bin/sh
# wasmload-cli.sh — wasmload as a user meets it: --help, --version, bad
# usage, options ending at the module path, exit status, output on every
# exit path, the trap report.
. "${top_srcdir:-.}/tests/loader/lib.sh"
for m in hello args env exit trap cat; do wat $m; done

run "--help" 0 "$WASMLOAD" --help && grep -q '^Usage: wasmload ' "$T/out" &&
  grep -q -- '--dir=HOST\[::GUEST\]' "$T/out" && grep -q -- '--env-inherit' "$T/out" &&
  [ ! -s "$T/err" ] && pass "--help" || fail "--help output"
run "--version" 0 "$WASMLOAD" --version && grep -q '^wasmload (wasm2so) [0-9]' "$T/out" &&
  pass "--version" || fail "--version output"

run "unknown option" 2 "$WASMLOAD" --no-such-option "$T/hello.wasm" &&
  grep -q 'Usage:' "$T/err" && [ ! -s "$T/out" ] && pass "unknown option: status 2" ||
  fail "unknown option"
run "no module" 2 "$WASMLOAD" && grep -q 'no module' "$T/err" && pass "no module: status 2" ||
  fail "no module"
run "bad size" 2 "$WASMLOAD" --stack-size=12Q "$T/hello.wasm" && grep -q 'stack-size' "$T/err" &&
  pass "bad --stack-size: status 2" || fail "bad --stack-size message"
run "bad env" 2 "$WASMLOAD" --env=NOEQUALS "$T/hello.wasm" && grep -q 'K=V' "$T/err" &&
  pass "bad --env: status 2" || fail "bad --env message"
run "sizes with suffixes" 0 "$WASMLOAD" --stack-size=1M --max-memory=64K "$T/hello.wasm" &&
  same "$T/out" 'hello\n' && pass "SIZE suffixes K, M accepted" || fail "SIZE suffixes"
run "--max-memory below the module's memory" 1 "$WASMLOAD" --max-memory=1K "$T/hello.wasm" &&
  [ ! -s "$T/out" ] && pass "--max-memory is enforced" || fail "--max-memory=1K"

# Everything after the module belongs to the guest, '-' words and '--' too.
run "guest args" 0 "$WASMLOAD" "$T/args.wasm" -x --help -- --version a &&
  same "$T/out" "$T/args.wasm\n-x\n--help\n--\n--version\na\n" && pass "guest args after the module" ||
  fail "guest args: got '$(cat "$T/out")'"
run "-- before the module" 0 "$WASMLOAD" -- "$T/args.wasm" b && same "$T/out" "$T/args.wasm\nb\n" &&
  pass "-- ends the options" || fail "-- before the module"

# The environment: nothing inherited unless asked; --env wins.
run "no env" 0 env WL_TEST_X=host "$WASMLOAD" "$T/env.wasm" && [ ! -s "$T/out" ] &&
  pass "environment not inherited" || fail "environment leaked: '$(cat "$T/out")'"
run "--env" 0 env WL_TEST_X=host "$WASMLOAD" --env=A=1 --env=B==2 "$T/env.wasm" &&
  same "$T/out" 'A=1\nB==2\n' && pass "--env" || fail "--env: '$(cat "$T/out")'"
run "--env-inherit" 0 env WL_TEST_X=host WL_TEST_Y=y "$WASMLOAD" --env-inherit --env=WL_TEST_X=mine "$T/env.wasm" &&
  grep -qx 'WL_TEST_X=mine' "$T/out" && grep -qx 'WL_TEST_Y=y' "$T/out" &&
  [ "$(grep -c '^WL_TEST_X=' "$T/out")" = 1 ] && pass "--env-inherit, --env wins" ||
  fail "--env-inherit: '$(grep WL_TEST "$T/out")'"

# --dir: preopens, named as given or as the host path; none by default
# (fd 3 is then not open: EBADF, 8, becomes the exit status).
mkdir "$T/data"
printf 'contents\n' >"$T/data/in.txt"
run "--dir" 0 "$WASMLOAD" --dir="$T/data::/sandbox" "$T/cat.wasm" && same "$T/out" '/sandbox\ncontents\n' &&
  pass "--dir=HOST::GUEST" || fail "--dir=HOST::GUEST: '$(cat "$T/out")'"
run "--dir host name" 0 "$WASMLOAD" --dir="$T/data" "$T/cat.wasm" && same "$T/out" "$T/data\ncontents\n" &&
  pass "--dir=HOST" || fail "--dir=HOST: '$(cat "$T/out")'"
run "no --dir" 8 "$WASMLOAD" "$T/cat.wasm" && [ ! -s "$T/out" ] && pass "no preopen without --dir" ||
  fail "no --dir: '$(cat "$T/out")'"
run "--dir missing" 2 "$WASMLOAD" --dir="$T/nowhere" "$T/cat.wasm" && grep -q 'nowhere' "$T/err" &&
  pass "--dir of a missing directory: status 2" || fail "--dir of a missing directory"
run "--dir empty guest" 2 "$WASMLOAD" --dir="$T/data::" "$T/cat.wasm" && pass "--dir=HOST:: refused" ||
  fail "--dir=HOST::"

# proc_exit from 50 frames deep: the status, and the output before it.
run "proc_exit" 7 "$WASMLOAD" "$T/exit.wasm" && same "$T/out" 'partial' && [ ! -s "$T/err" ] &&
  pass "proc_exit(7) deep inside: status 7, output kept" || fail "proc_exit output '$(cat "$T/out")'"
# ... also into a pipe, which is fully buffered.
st=$("$WASMLOAD" "$T/exit.wasm" 2>/dev/null | cat; exit 0)
[ "$st" = partial ] && pass "output reaches a pipe" || fail "output into a pipe: '$st'"

# The trap report: one "wasmload: trap: MESSAGE" line, then "  at FUNC"
# innermost first.  At -O0 nothing is inlined, so every frame shows.
if "$WASM2SO" -O0 "$T/trap.wasm" -o "$T/trap.so"; then
  run "trap" 134 "$WASMLOAD" "$T/trap.so" && same "$T/out" 'before\n' &&
    same "$T/err" 'wasmload: trap: unreachable\n  at inner\n  at outer\n  at _start\n' &&
    pass "trap report and status 134" || { fail "trap report:"; cat "$T/err" >&2; }
else
  fail "wasm2so -O0 trap.wasm"
fi
# Without a name section (wat2wasm without --debug-names, or after wasm-opt)
# only exports keep their names: the report says why, once.
"$WAT2WASM" "$HERE/trap.wat" -o "$T/trap-nonames.wasm" || fail "wat2wasm trap.wat"
if "$WASM2SO" -O0 "$T/trap-nonames.wasm" -o "$T/trap-nonames.so"; then
  run "trap without names" 134 "$WASMLOAD" "$T/trap-nonames.so" &&
    same "$T/err" 'wasmload: trap: unreachable\n  at wasm-function[1]\n  at wasm-function[2]\n  at _start\n  (names unavailable: the module has no name section)\n' &&
    pass "trap report without a name section says so once" || { fail "trap report without names:"; cat "$T/err" >&2; }
else
  fail "wasm2so -O0 trap-nonames.wasm"
fi
run "trap in --invoke" 134 "$WASMLOAD" --invoke=div "$T/trap.wasm" 1 0 &&
  head -n 1 "$T/err" | grep -qx 'wasmload: trap: integer divide by zero' &&
  sed -n 2p "$T/err" | grep -qx '  at div' && pass "--invoke trap report" || fail "--invoke trap report"
"$WASM2SO" -O2 "$T/trap.wasm" -o "$T/trap2.so" &&
  run "trapping memory.fill at -O2" 134 "$WASMLOAD" --invoke=fill "$T/trap2.so" 65500 &&
  same "$T/err" 'wasmload: trap: out of bounds memory access\n  at fill\n' &&
  pass "a trapping memory.fill keeps its frame at -O2" ||
  { fail "memory.fill frame:"; cat "$T/err" >&2; }
run "--invoke" 0 "$WASMLOAD" --invoke=div "$T/trap.wasm" -7 2 && same "$T/out" '-3\n' &&
  pass "--invoke: negative argument after the module" || fail "--invoke result '$(cat "$T/out")'"
finish
