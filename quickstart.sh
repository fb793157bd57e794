#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is needed, build,
# compile the example to wasm, translate it with wasm2so and run it with
# wasmload, next to the same program built natively.
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
scripts/install-deps.sh
scripts/build.sh
out=build/examples
mkdir -p "$out"
clang-19 --target=wasm32-wasi -O2 examples/hello.c -o "$out/hello.wasm"
build/wasm2so/wasm2so -O2 "$out/hello.wasm" -o "$out/hello.so"
clang-19 -O2 examples/hello.c -o "$out/hello-native" -lm
echo "== native =="
"$out/hello-native" 20
echo "== wasm2so + wasmload =="
build/loader/wasmload "$out/hello.so" 20
