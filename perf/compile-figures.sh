#!/usr/bin/env bash
# compile-figures.sh — the compile side of perf/run.sh, as markdown on stdout:
# wasm2so time at each -O level, the parts (= threads) it compiled in, .so
# size against .wasm size per kernel; then start-up time of a hello world on
# wasmload (a .so, and a .wasm from the cache) against native, wasm2c, node.
# usage: compile-figures.sh BUILD_DIR WORK_DIR QUICK KERNEL...
# Expects WORK_DIR/KERNEL.wasm (built by run.sh) and WORK_DIR/sysroot.
set -euo pipefail
build=$1 work=$2 quick=$3
shift 3
top=$(cd "$(dirname "$0")/.." && pwd)
w2s=$build/wasm2so/wasm2so wl=$build/loader/wasmload
tmp=$work/compile
rm -rf "$tmp" && mkdir -p "$tmp"
TIMEFORMAT='%R %U %S'

# wall user sys of one command, its output discarded.
timed() { { time "$@" >/dev/null 2>&1; } 2>&1; }

echo "### wasm2so compile time (wall seconds; one run each) and sizes"
echo
echo "wasm2so -j default ($(nproc) CPUs here); a module is split into parts (one thread each)"
echo "only from 256 KiB of code, so every kernel below compiles as one part."
echo
echo "| kernel | .wasm bytes | -O0 s | -O1 s | -O2 s | -O3 s | parts (-O2) | CPU use (-O2) | .so bytes (-O2) | .so/.wasm |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for k in "$@"; do
  wasm=$work/$k.wasm
  wsize=$(stat -c %s "$wasm")
  row="| $k | $wsize |"
  for o in 0 1 2 3; do
    mkdir -p "$tmp/$k-O$o"
    read -r real user sys < <(timed "$w2s" -O$o --keep-object "$wasm" -o "$tmp/$k-O$o/k.so")
    row="$row $real |"
    if [ $o = 2 ]; then
      parts=$(ls "$tmp/$k-O$o" | grep -c '\.o$' || true)
      cpu=$(awk -v r=$real -v u=$user -v s=$sys 'BEGIN { printf "%.0f%%", 100 * (u + s) / r }')
      sosize=$(stat -c %s "$tmp/$k-O$o/k.so")
    fi
  done
  ratio=$(awk -v s=$sosize -v w=$wsize 'BEGIN { printf "%.2f", s / w }')
  echo "$row $parts | $cpu | $sosize | $ratio |"
done

# ---- start-up ----
src=$top/perf/hello.c
clang-19 -O2 -o "$tmp/hello.native" "$src"
clang-19 --target=wasm32-wasi --sysroot="$work/sysroot" -B"$top/sdk/no-wasm-opt" -O2 \
  -o "$tmp/hello.wasm" "$src"
"$w2s" -O2 "$tmp/hello.wasm" -o "$tmp/hello.so"
mkdir -p "$tmp/hello.w2c"
wasm2c -n kernel "$tmp/hello.wasm" -o "$tmp/hello.w2c/module.c"
rt=${WASM2C_RT_DIR:-/usr/share/wabt/wasm2c}
clang-19 -O2 -w -I"$tmp/hello.w2c" -I"$rt" -o "$tmp/hello.wasm2c" "$tmp/hello.w2c/module.c" \
  "$rt/wasm-rt-impl.c" "$top/perf/wasm2c/w2c_host.c" -lm
cache=$tmp/cache
"$wl" --cache-dir="$cache" "$tmp/hello.wasm" >/dev/null   # fill the cache
if [ "$quick" = 1 ]; then runs=3; else runs=30; fi
hyperfine -N --style none --warmup 3 --runs $runs --export-csv "$tmp/startup.csv" \
  -n native "$tmp/hello.native" \
  -n "wasmload .so" "$wl $tmp/hello.so" \
  -n "wasmload .wasm (cached)" "$wl --cache-dir=$cache $tmp/hello.wasm" \
  -n wasm2c "$tmp/hello.wasm2c" \
  -n node "node --no-warnings $top/perf/node/run-wasi.mjs $tmp/hello.wasm" >/dev/null 2>&1
echo
echo "### Start-up: hello world ($runs runs after 3 warm-ups; milliseconds)"
echo
echo "| engine | median ms | min ms | max ms | vs native |"
echo "|---|---:|---:|---:|---:|"
awk -F, 'NR == 2 { base = $4 } NR > 1 {
  printf "| %s | %.2f | %.2f | %.2f | +%.2f ms |\n", $1, $4 * 1000, $7 * 1000, $8 * 1000, ($4 - base) * 1000 }' \
  "$tmp/startup.csv"
# What the start-up pays for: wasmload's dynamic libraries (libLLVM among them).
echo
echo "wasmload's shared libraries: $(ldd "$wl" | awk '{ print $1 }' | sed 's/\.so.*//' | tr '\n' ' ')"
