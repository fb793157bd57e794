#!/bin/sh
# wasmload-refuse.sh — files wasmload must refuse, each with a message that
# says why, status 1, and without running any of their code.
. "${top_srcdir:-.}/tests/loader/lib.sh"
FIX=$top_builddir/tests/loader
wat hello

# refused DESCRIPTION FILE PATTERN: status 1, one stderr line matching the
# pattern, nothing on stdout, no constructor of the file ran.
refused() {
  run "$1" 1 "$WASMLOAD" "$2" arg && [ ! -s "$T/out" ] && grep -q -- "$3" "$T/err" &&
    ! grep -q 'constructor ran' "$T/err" && pass "$1: $(cat "$T/err")" ||
    fail "$1: got '$(cat "$T/err")', wanted /$3/"
}

printf 'just some text\n' >"$T/text.so"
refused "a text file" "$T/text.so" 'neither a WebAssembly module nor a wasm2so shared object (not ELF)'
: >"$T/empty.so"
refused "an empty file" "$T/empty.so" 'not ELF'
refused "a directory" "$T" 'not a regular file'
refused "a missing file" "$T/missing.so" 'No such file or directory'
refused "an executable" "$(command -v sh)" 'not a wasm2so shared object\|not a shared object'
refused "a library without the descriptor" "$FIX/fixture_no_desc.so" \
  'fixture_no_desc.so: not a wasm2so shared object (no wasmso_module_descriptor symbol)'
refused "another ABI version" "$FIX/fixture_bad_abi.so" 'ABI version [0-9]*, but this wasmload reads version'

# Imports that cannot be linked: all of them at once, naming the module file.
wat imports
run "unlinkable imports" 1 "$WASMLOAD" "$T/imports.wasm" && [ ! -s "$T/out" ] &&
  printf '%s\n' "wasmload: $T/imports.wasm: 6 imports cannot be linked:" \
    '  unknown import env.alpha: expected func (i32, i32) -> i32' \
    '  incompatible import type wasi_snapshot_preview1.fd_write: expected func (i64) -> i32, got func (i32, i32, i32, i32) -> i32' \
    '  unknown import env.beta: expected func () -> ()' \
    '  unknown import env.mem: expected memory of at least 1 page, at most 2' \
    '  unknown import wasi_snapshot_preview1.no_such_call: expected func (f64) -> (f32, i64)' \
    '  unknown import env.g: expected global mut i64' >"$T/want" &&
  cmp -s "$T/err" "$T/want" && pass "every unlinkable import reported at once" ||
  { fail "unlinkable imports:"; diff "$T/want" "$T/err" >&2; }

# Too many to show: whole lines, then how many more.
{ echo '(module'; i=0; while [ $i -lt 100 ]; do echo "(import \"env\" \"f$i\" (func))"; i=$((i + 1)); done; echo ')'; } >"$T/many.wat"
"$WAT2WASM" "$T/many.wat" -o "$T/many.wasm" || fail "wat2wasm many.wat"
run "100 unlinkable imports" 1 "$WASMLOAD" "$T/many.wasm" &&
  head -n 1 "$T/err" | grep -qx "wasmload: $T/many.wasm: 100 imports cannot be linked:" &&
  shown=$(grep -c '^  unknown import env\.f[0-9]*: expected func () -> ()$' "$T/err") &&
  more=$(tail -n 1 "$T/err" | sed -n 's/^  \.\.\. and \([0-9]*\) more$/\1/p') &&
  [ -n "$more" ] && [ $((shown + more)) -eq 100 ] && [ "$(wc -l <"$T/err")" -eq $((shown + 2)) ] &&
  pass "100 unlinkable imports: $shown shown, and $more more" || fail "100 unlinkable imports: $(cat "$T/err")"

case $(uname -m) in
x86_64) other=aarch64 ;;
*) other=x86_64 ;;
esac
if "$WASM2SO" --target=$other "$T/hello.wasm" -o "$T/other.so"; then
  refused "another architecture" "$T/other.so" "built for $other, but this host is $(uname -m)"
else
  fail "wasm2so --target=$other"
fi

# CPU features: the first of these the host lacks (x86_64 only; /proc/cpuinfo
# names them as LLVM does).
if [ "$(uname -m)" = x86_64 ]; then
  missing=
  for f in fma4 sse4a avx512vbmi avx512bitalg gfni; do
    grep -qw "$f" /proc/cpuinfo || { missing=$f; break; }
  done
  if [ -n "$missing" ]; then
    "$WASM2SO" --cpu-features=+$missing "$T/hello.wasm" -o "$T/cpu.so" &&
      refused "a missing CPU feature" "$T/cpu.so" "lacks.*$missing" || fail "wasm2so +$missing"
  else
    echo "note: this CPU has every feature tried; the missing-feature case is not exercised"
  fi
  # A named CPU: what it implies is checked (znver4 implies AVX-512)...
  if ! grep -qw avx512f /proc/cpuinfo; then
    "$WASM2SO" --cpu=znver4 "$T/hello.wasm" -o "$T/znver4.so" &&
      refused "a named CPU whose features this host lacks" "$T/znver4.so" "CPU lacks: avx512f" ||
      fail "wasm2so --cpu=znver4"
  fi
  # ... and a CPU the loader does not know is refused rather than run blind.
  "$WASM2SO" --cpu=ivybridge "$T/hello.wasm" -o "$T/ivb.so" &&
    refused "a named CPU unknown to wasmload" "$T/ivb.so" "built for CPU 'ivybridge', which this wasmload cannot check" ||
    fail "wasm2so --cpu=ivybridge"
fi
finish
