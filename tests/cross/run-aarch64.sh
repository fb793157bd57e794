#!/bin/sh
# run-aarch64.sh — aarch64 for real, on an x86_64 build host, as users do it:
# modules are translated here with `wasm2so --target=aarch64`, and run by a
# wasmload cross-built for aarch64 (runtime only, no LLVM), under qemu-aarch64.
#   1. translate every valid spec module for aarch64 (always; the summary line
#      spec-translate-aarch64);
#   2. cross-build the runtime into $top_builddir/build-aarch64 (configure
#      --host=aarch64-linux-gnu --without-mpi: Debian's arm64 Open MPI cannot
#      be installed beside the amd64 one);
#   3. under qemu: the runtime's Check suites, the whole spec suite (line
#      spec-aarch64), the WASI programs against their x86_64 native builds
#      (line wasi-aarch64), and refusal of an x86_64 .so by the aarch64 loader.
# Steps 2-3 need qemu-user, gcc-aarch64-linux-gnu and arm64 jansson, check,
# nettle and libc (multiarch); without them they are skipped with the reason.
# Environment (set by `make check`): top_srcdir, top_builddir, WASM_TESTSUITE,
# WAST2JSON, CLANG_WASM.
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
top_builddir=$(cd "$top_builddir" && pwd)
host=aarch64-linux-gnu
xdir=$top_builddir/build-aarch64
qemu=${QEMU_AARCH64:-qemu-aarch64}
json=$top_builddir/tests/spec/json-aarch64
sodir=$json/so
started=$(date +%s)
status=0

say() { echo "run-aarch64.sh: $*"; }

# 1. Translate on this host (the x86_64 runner, --so-dir keeps every .so).
mkdir -p "$sodir" || { say "cannot create $sodir"; exit 1; }
SPEC_JSON_DIR=$json sh "$top_srcdir/tests/spec/run-spec.sh" --target=aarch64 --so-dir="$sodir" ||
  status=1
# ... and our own scripts (tests/wast).
wast_json=$top_builddir/tests/wast/json-aarch64
wast_scripts=$(ls "$top_srcdir"/tests/wast/*.wast)
mkdir -p "$wast_json/so" || { say "cannot create $wast_json/so"; exit 1; }
SPEC_SCRIPTS=$wast_scripts SPEC_JSON_DIR=$wast_json sh "$top_srcdir/tests/spec/run-spec.sh" \
  --target=aarch64 --so-dir="$wast_json/so" --label=wast || status=1

# What the emulated part needs.
missing=
command -v "$qemu" >/dev/null 2>&1 || missing="$missing qemu-user"
command -v $host-gcc >/dev/null 2>&1 || missing="$missing gcc-aarch64-linux-gnu"
[ -e /lib/ld-linux-aarch64.so.1 ] || missing="$missing libc6:arm64"
[ -e /usr/lib/$host/pkgconfig/jansson.pc ] || missing="$missing libjansson-dev:arm64"
[ -e /usr/lib/$host/pkgconfig/check.pc ] || missing="$missing check:arm64"
[ -e /usr/lib/$host/pkgconfig/nettle.pc ] || missing="$missing nettle-dev:arm64"
if [ -n "$missing" ]; then
  say "not running on aarch64: missing$missing (scripts/install-deps.sh installs them)"
  exit $status
fi

# 2. Cross-build the runtime (reconfigured when configure changed).
mkdir -p "$xdir" || exit 1
if [ ! -f "$xdir/config.status" ] || [ "$top_srcdir/configure" -nt "$xdir/config.status" ]; then
  (cd "$xdir" && PKG_CONFIG_LIBDIR=/usr/lib/$host/pkgconfig:/usr/share/pkgconfig \
     "$top_srcdir/configure" -q --host=$host --without-mpi --disable-translator \
     WASM_TESTSUITE="${WASM_TESTSUITE:-}") > "$xdir/configure.log" 2>&1 ||
    { say "cross configure failed:"; tail -n 20 "$xdir/configure.log"; exit 1; }
fi
if ! make -C "$xdir" -j2 loader/wasmload tests/spec/spec_runner tests/unit/check_loader \
     tests/unit/check_wasi > "$xdir/make.log" 2>&1; then
  say "cross build failed:"
  tail -n 30 "$xdir/make.log"
  exit 1
fi
file -L "$xdir/loader/wasmload" | grep -q 'ARM aarch64' ||
  { say "$xdir/loader/wasmload is not an aarch64 executable"; exit 1; }

# 3a. The runtime's unit tests.  (The aarch64 libc comes from multiarch, with
# its own /lib/ld-linux-aarch64.so.1: no QEMU_LD_PREFIX, whose older loader
# would not match it.)
for t in check_loader check_wasi; do
  (cd "$xdir" && "$qemu" "tests/unit/$t") > "$xdir/$t.log" 2>&1 || status=1
  sed -n 's/^\([0-9]*%: Checks: .*\)/aarch64 '"$t"': \1/p' "$xdir/$t.log"
done

# 3b. The spec suite: the modules translated in step 1, run by the aarch64 runner.
SPEC_JSON_DIR=$json SPEC_RUNNER=$xdir/tests/spec/spec_runner SPEC_LAUNCHER=$qemu \
  sh "$top_srcdir/tests/spec/run-spec.sh" --so-dir="$sodir" --label=spec-aarch64 || status=1
SPEC_SCRIPTS=$wast_scripts SPEC_JSON_DIR=$wast_json SPEC_RUNNER=$xdir/tests/spec/spec_runner \
  SPEC_LAUNCHER=$qemu sh "$top_srcdir/tests/spec/run-spec.sh" --so-dir="$wast_json/so" \
  --label=wast-aarch64 || status=1

# 3c. The WASI programs, against their native x86_64 builds.
# (qemu runs the heaviest program, malloc_churn, 10-20 times slower.)
WASI_TARGET=aarch64 WASI_WASMLOAD=$xdir/loader/wasmload WASI_LAUNCHER=$qemu WASI_TIMEOUT=1800 \
  WASI_OUT=$top_builddir/tests/wasi/out-aarch64 sh "$top_srcdir/tests/wasi/run-wasi.sh" || status=1

# 3d. Each architecture's loader refuses the other's .so, saying why.
t=$xdir/refuse
mkdir -p "$t"
printf '(module (func (export "_start")))\n' > "$t/m.wat"
if "${WAT2WASM:-wat2wasm}" "$t/m.wat" -o "$t/m.wasm" &&
   "$top_builddir/wasm2so/wasm2so" "$t/m.wasm" -o "$t/x86_64.so" &&
   "$top_builddir/wasm2so/wasm2so" --target=aarch64 "$t/m.wasm" -o "$t/aarch64.so"; then
  "$qemu" "$xdir/loader/wasmload" "$t/x86_64.so" > "$t/out" 2> "$t/err"
  rc=$?
  if [ $rc = 1 ] && grep -q 'built for x86_64, but this host is aarch64' "$t/err"; then
    echo "PASS aarch64 wasmload refuses an x86_64 .so: $(cat "$t/err")"
  else
    echo "FAIL aarch64 wasmload on an x86_64 .so: status $rc, $(cat "$t/err")"; status=1
  fi
  "$qemu" "$xdir/loader/wasmload" "$t/aarch64.so" > "$t/out" 2> "$t/err" ||
    { echo "FAIL aarch64 wasmload on an aarch64 .so: $(cat "$t/err")"; status=1; }
  "$top_builddir/loader/wasmload" "$t/aarch64.so" > "$t/out" 2> "$t/err"
  rc=$?
  if [ $rc = 1 ] && grep -q 'built for aarch64, but this host is x86_64' "$t/err"; then
    echo "PASS x86_64 wasmload refuses an aarch64 .so: $(cat "$t/err")"
  else
    echo "FAIL x86_64 wasmload on an aarch64 .so: status $rc, $(cat "$t/err")"; status=1
  fi
  # A Graviton4 (neoverse-v2) .so on a Graviton2 (qemu's neoverse-n1 CPU):
  # refused, naming what the CPU lacks; a Graviton2 .so runs there.
  "$top_builddir/wasm2so/wasm2so" --target=aarch64 --cpu=neoverse-v2 "$t/m.wasm" -o "$t/v2.so" &&
    "$top_builddir/wasm2so/wasm2so" --target=aarch64 --cpu=neoverse-n1 "$t/m.wasm" -o "$t/n1.so" ||
    { echo "FAIL wasm2so --cpu=neoverse-v2/n1"; status=1; }
  "$qemu" -cpu neoverse-n1 "$xdir/loader/wasmload" "$t/v2.so" > "$t/out" 2> "$t/err"
  rc=$?
  if [ $rc = 1 ] && grep -q 'CPU lacks: sve, sve2' "$t/err"; then
    echo "PASS aarch64 wasmload on a neoverse-n1 refuses a neoverse-v2 .so: $(cat "$t/err")"
  else
    echo "FAIL neoverse-v2 .so on neoverse-n1: status $rc, $(cat "$t/err")"; status=1
  fi
  "$qemu" -cpu neoverse-n1 "$xdir/loader/wasmload" "$t/n1.so" > "$t/out" 2> "$t/err" ||
    { echo "FAIL neoverse-n1 .so on neoverse-n1: $(cat "$t/err")"; status=1; }
else
  echo "FAIL cannot build the refusal fixtures"; status=1
fi

echo "aarch64: the emulated tests took $(( $(date +%s) - started )) s"
exit $status
