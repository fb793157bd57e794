#!/usr/bin/env bash
# icount.sh — instructions executed (callgrind's Ir), native clang -O2 against
# wasm2so, per kernel at a reduced size.  Instruction counts do not depend on
# the machine's load, so they steer optimisation work on a busy machine
# (they are not times: a vectorised loop runs fewer instructions).  The
# wasmload start-up (a hello world's count) is subtracted.
# usage: perf/icount.sh [BUILD_DIR] [ENGINE...]   (after perf/run.sh built the kernels;
#        engines: wasm2so-O2 (default), wasm2so-O3, wasm2so-simd, wasm2so-bounds, wasm2c)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
shift || true
engines=${*:-wasm2so-O2}
work=$build/perf/work wl=$build/loader/wasmload
command -v valgrind >/dev/null || { echo "icount: valgrind not found" >&2; exit 1; }
# About a twentieth of the full work of each kernel.
sizes="gemm:350 lu:480 cholesky:520 jacobi2d:350 heat3d:80 seidel:230 spmv:10000 cg:160
nbody:450 fft:15 sort:200000 histogram:400000 editdist:2800 interp:20000 hashtable:150000"
kernels=${PERF_KERNELS:-$(echo "$sizes" | tr ' ' '\n' | cut -d: -f1)}

ir() {
  local out=$work/icount.out
  valgrind --tool=callgrind --callgrind-out-file=$out "$@" >/dev/null 2>&1 || return 1
  awk '/^summary:/ { print $2 }' $out
}

startup=$(ir "$wl" "$work/compile/hello.so")
printf '%-10s %14s' kernel clang-O2
for e in $engines; do printf ' %14s %7s' "$e" ratio; done
printf '\n'
for k in $kernels; do
  n=$(echo "$sizes" | tr ' ' '\n' | awk -F: -v k=$k '$1 == k { print $2 }')
  base=$(ir $work/$k.clang-O2 $n)
  printf '%-10s %14d' $k $base
  for e in $engines; do
    case $e in
    wasm2so-O2) c=$(($(ir "$wl" $work/$k.w2s-O2.so $n) - startup)) ;;
    wasm2so-O3) c=$(($(ir "$wl" $work/$k.w2s-O3.so $n) - startup)) ;;
    wasm2so-simd) c=$(($(ir "$wl" $work/$k.w2s-simd.so $n) - startup)) ;;
    wasm2so-bounds) c=$(($(ir "$wl" $work/$k.w2s-bounds.so $n) - startup)) ;;
    wasm2c) c=$(ir $work/$k.wasm2c $n) ;;
    *) echo "icount: unknown engine $e" >&2; exit 2 ;;
    esac
    printf ' %14d %7.3f' $c $(awk -v a=$c -v b=$base 'BEGIN { print a / b }')
  done
  printf '\n'
done
echo "(wasmload start-up, subtracted: $startup instructions)"
