#!/usr/bin/env bash
# Compile-side figures on a large real C program: SQLite 3.44 (library and shell,
# ~1.3 MB of wasm), taken from the npm registry's sqlite3 package, which ships
# the amalgamation.  Prints wasm2so's time at each -O level (default -j, and
# -O2 on one thread), the parts it compiled in (= threads used), its CPU use,
# and the .so size against the .wasm size.  usage: perf/large-module.sh [BUILD_DIR]
# LARGE_WASM=FILE uses that module instead of building SQLite (no npm needed).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
work=$build/perf/large
mkdir -p "$work"
cd "$work"

if [ -n "${LARGE_WASM:-}" ]; then
  cp "$LARGE_WASM" sqlite3.wasm
elif [ ! -f sqlite3.wasm ]; then
  [ -f sqlite3-5.1.7.tgz ] || npm pack --silent sqlite3@5.1.7 >/dev/null
  tar xzf sqlite3-5.1.7.tgz package/deps/sqlite-autoconf-3440200.tar.gz
  tar xzf package/deps/sqlite-autoconf-3440200.tar.gz
  src=sqlite-autoconf-3440200
  # WASI has no getpid/chmod/system/popen; SQLite's shell needs small stand-ins.
  echo 'int getpid(void) { return 1; }' > compat.c
  clang-19 --target=wasm32-wasi -B"$top/sdk/no-wasm-opt" -O2 -Wno-everything \
    '-Dchmod(a,b)=0' -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
    -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_NOHAVE_SYSTEM -DSQLITE_OMIT_POPEN \
    -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_MMAN \
    $src/sqlite3.c $src/shell.c compat.c -o sqlite3-debug.wasm \
    -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-mman
  wasm-strip -o sqlite3.wasm sqlite3-debug.wasm
fi

wasm_size=$(stat -c %s sqlite3.wasm)
TIMEFORMAT='%R %U %S'
printf '%-8s %10s %8s %6s %12s %8s\n' level seconds cpu parts so_bytes so/wasm
for run in 0 1 2 3 2j1; do
  o=${run%j1} jobs=
  [ "$run" = 2j1 ] && jobs="-j 1"
  rm -rf "obj-$run" && mkdir "obj-$run"
  read -r real user sys < <({ time "$build/wasm2so/wasm2so" -O$o $jobs --keep-object sqlite3.wasm \
    -o "obj-$run/sqlite3.so" >/dev/null; } 2>&1)
  parts=$(ls "obj-$run" | grep -c '\.o$' || true)
  so_size=$(stat -c %s "obj-$run/sqlite3.so")
  awk -v l="-O$o${jobs:+ -j1}" -v r=$real -v u=$user -v sy=$sys -v p=$parts -v s=$so_size -v w=$wasm_size \
    'BEGIN { printf "%-8s %10.2f %7.0f%% %6d %12d %8.2f\n", l, r, 100 * (u + sy) / r, p, s, s / w }'
done
echo "wasm: $wasm_size bytes; $(nproc) CPUs; parts = objects written with --keep-object"
