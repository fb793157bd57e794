#!/bin/sh
# wasm2so-cli.sh — user mistakes on the wasm2so command line: nothing the
# user owns is destroyed (swapped input and output, output == input, a
# failed translation over an existing .so), and a bad --cpu or
# --cpu-features is exit status 1 with a message, never an abort in LLVM.
. "${top_srcdir:-.}/tests/loader/lib.sh"
wat hello
cd "$T" || exit 1
cp hello.wasm orig.wasm

run "translate" 0 "$WASM2SO" hello.wasm -o app.so && pass "hello.wasm -> app.so" || fail "translate"
cp app.so app.so.orig

# Input and output swapped: app.wasm must survive.
cp hello.wasm app.wasm
run "swapped" 1 "$WASM2SO" app.so -o app.wasm && grep -q 'app.wasm is a WebAssembly module' err &&
  cmp -s app.wasm orig.wasm && cmp -s app.so app.so.orig && pass "wasm2so app.so -o app.wasm refused, both kept" ||
  fail "swapped input and output: $(cat err)"

# The output is the input, however spelt.
ln -s hello.wasm sym.wasm
ln hello.wasm hard.wasm
for o in hello.wasm ./hello.wasm "$T/hello.wasm" sym.wasm hard.wasm; do
  run "-o $o" 1 "$WASM2SO" hello.wasm -o "$o" && grep -q 'is the input file itself' err &&
    cmp -s hello.wasm orig.wasm && pass "-o $o (the input) refused, input kept" ||
    fail "-o $o: $(cat err)"
done

# A failed translation leaves the existing output as it was.
head -c 20 hello.wasm >broken.wasm
cp app.so broken.so
run "malformed over an existing .so" 1 "$WASM2SO" broken.wasm && grep -q '^broken.wasm:0x' err &&
  cmp -s broken.so app.so.orig && pass "failed translation keeps broken.so" ||
  fail "failed translation over an existing output: $(cat err)"
run "bad cpu over an existing .so" 1 "$WASM2SO" --cpu=no-such-cpu hello.wasm -o app.so &&
  cmp -s app.so app.so.orig && pass "bad --cpu keeps app.so" || fail "bad --cpu over app.so"

# --cpu and --cpu-features: status 1 and a message, never LLVM's abort (134).
run "x86_64 with an aarch64 cpu" 1 "$WASM2SO" --target=x86_64 --cpu=neoverse-n1 hello.wasm -o x.so &&
  grep -q -- '--target=aarch64' err && [ ! -e x.so ] && pass "--cpu=neoverse-n1 on x86_64 suggests --target=aarch64" ||
  fail "--cpu=neoverse-n1 on x86_64: $(cat err)"
run "aarch64 with an x86_64 cpu" 1 "$WASM2SO" --target=aarch64 --cpu=znver3 hello.wasm -o x.so &&
  grep -q -- '--target=x86_64' err && [ ! -e x.so ] && pass "--target=aarch64 --cpu=znver3 suggests --target=x86_64" ||
  fail "--target=aarch64 --cpu=znver3: $(cat err)"
run "unknown feature" 1 "$WASM2SO" --target=x86_64 --cpu-features=+avx2,+no-such-feature hello.wasm -o x.so &&
  grep -q "unknown x86_64 feature 'no-such-feature'" err && [ ! -e x.so ] && pass "unknown feature is an error" ||
  fail "unknown feature: $(cat err)"
run "feature syntax" 1 "$WASM2SO" --target=x86_64 --cpu-features=avx2 hello.wasm -o x.so &&
  grep -q '+name or -name' err && pass "feature without +/- is an error" || fail "feature syntax: $(cat err)"
run "good cpu and features" 0 "$WASM2SO" --target=aarch64 --cpu=neoverse-n1 --cpu-features=+sve hello.wasm -o x.so &&
  [ ! -s err ] && pass "--target=aarch64 --cpu=neoverse-n1 --cpu-features=+sve" || fail "good aarch64 options: $(cat err)"
finish
