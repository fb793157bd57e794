#!/usr/bin/env bash
# Compile-side figures on a large real C program: SQLite 3.44 (library and shell,
# ~1.3 MB of wasm), taken from the npm registry's sqlite3 package, which ships
# the amalgamation.  Prints wasm2so's time at each -O level and the .so size
# against the .wasm size.  usage: perf/large-module.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
work=$build/perf/large
mkdir -p "$work"
cd "$work"

if [ ! -f sqlite3.wasm ]; then
  [ -f sqlite3-5.1.7.tgz ] || npm pack --silent sqlite3@5.1.7 >/dev/null
  tar xzf sqlite3-5.1.7.tgz package/deps/sqlite-autoconf-3440200.tar.gz
  tar xzf package/deps/sqlite-autoconf-3440200.tar.gz
  src=sqlite-autoconf-3440200
  # WASI has no getpid/chmod/system/popen; SQLite's shell needs small stand-ins.
  echo 'int getpid(void) { return 1; }' > compat.c
  clang-19 --target=wasm32-wasi -O2 -Wno-everything \
    '-Dchmod(a,b)=0' -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
    -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_NOHAVE_SYSTEM -DSQLITE_OMIT_POPEN \
    -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_MMAN \
    $src/sqlite3.c $src/shell.c compat.c -o sqlite3-debug.wasm \
    -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-mman
  wasm-strip -o sqlite3.wasm sqlite3-debug.wasm
fi

wasm_size=$(stat -c %s sqlite3.wasm)
printf '%-6s %10s %12s %8s\n' level seconds so_bytes so/wasm
for o in 0 1 2 3; do
  t0=$(date +%s.%N)
  "$build/wasm2so/wasm2so" -O$o sqlite3.wasm -o sqlite3-O$o.so
  t1=$(date +%s.%N)
  so_size=$(stat -c %s sqlite3-O$o.so)
  awk -v o=$o -v t0=$t0 -v t1=$t1 -v s=$so_size -v w=$wasm_size \
    'BEGIN { printf "-O%-4s %10.2f %12d %8.2f\n", o, t1 - t0, s, s / w }'
done
echo "wasm: $wasm_size bytes"
