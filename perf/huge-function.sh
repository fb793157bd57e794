#!/usr/bin/env bash
# huge-function.sh — compile time on one huge generated function (~480 KiB of
# code: 40000 statements of loads, stores, if/else and arithmetic), which no
# thread split can help: wasm2so -O2 (which compiles such a function alone,
# at -O1 with quick code generation) against -O0, and the result of each.
# usage: perf/huge-function.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
work=$build/perf/huge
mkdir -p "$work"
cd "$work"
awk 'BEGIN {
  srand(1)
  print "(module (memory 1) (func (export \"big\") (param $x i32) (result i32)"
  print "  (local $a i32) (local $b i32) (local $c i32) (local $d i32)"
  for (i = 0; i < 40000; i++) {
    k = int(rand() * 6); o = int(rand() * 15000) * 4
    if (k == 0) printf "(local.set $a (i32.add (local.get $a) (i32.load offset=%d (i32.const 0))))\n", o
    else if (k == 1) printf "(i32.store offset=%d (i32.const 0) (local.get $b))\n", o
    else if (k == 2) printf "(if (i32.lt_u (local.get $a) (i32.const %d)) (then (local.set $b (i32.mul (local.get $b) (i32.const 3)))) (else (local.set $c (i32.xor (local.get $c) (local.get $a)))))\n", int(rand() * 1000)
    else if (k == 3) print "(local.set $d (i32.add (local.get $d) (i32.rotl (local.get $c) (i32.const 5))))"
    else if (k == 4) print "(local.set $b (i32.load (i32.and (local.get $d) (i32.const 65532))))"
    else print "(local.set $c (i32.sub (local.get $c) (local.get $x)))"
  }
  print "(i32.add (local.get $a) (i32.add (local.get $b) (i32.add (local.get $c) (local.get $d))))))"
}' > huge.wat
"${WAT2WASM:-wat2wasm}" huge.wat -o huge.wasm
echo "huge.wasm: $(stat -c %s huge.wasm) bytes, one function"
TIMEFORMAT=%R
for o in 0 2; do
  t=$( { time "$build/wasm2so/wasm2so" -O$o huge.wasm -o huge-O$o.so; } 2>&1 )
  r=$("$build/loader/wasmload" --invoke big huge-O$o.so 5)
  echo "-O$o: $t s, big(5) = $r"
done
