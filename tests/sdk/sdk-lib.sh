# sdk-lib.sh — sourced by the tests of the sdk (tests/sdk/*.sh).  Sets
#   mpicc, mpicxx   the build tree's wrappers      w2s, wl  wasm2so and wasmload
#   out             a fresh scratch directory tests/sdk/out/NAME
# and gives ok/bad (one line per check, counted), expect_* helpers and
# finish (prints the tally; exit 1 if any check failed).
# Environment (from make check): top_srcdir, top_builddir, CLANG_WASM.

set -u
me=$(basename "$0" .sh)
top_builddir=${top_builddir:-$(pwd)}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
mpicc=$top_builddir/sdk/wasm-mpicc
mpicxx=$top_builddir/sdk/wasm-mpicxx
w2s=$top_builddir/wasm2so/wasm2so
wl=$top_builddir/loader/wasmload
src=$top_srcdir/tests/sdk
out=$top_builddir/tests/sdk/out/$me
npass=0 nfail=0

if [ "${CLANG_WASM:-clang-19}" = no ] || ! command -v "${CLANG_WASM:-clang-19}" >/dev/null 2>&1; then
  echo "$me: SKIP: clang-19 not found" >&2
  exit 77
fi
if [ ! -x "$mpicc" ] && [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  echo "$me: SKIP: no wasi-libc (the sdk was not built)" >&2
  exit 77
fi
[ -x "$mpicc" ] || { echo "$me: $mpicc is not built (make)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out" || exit 1

ok() { npass=$((npass + 1)); echo "PASS: $*"; }
bad() { nfail=$((nfail + 1)); echo "FAIL: $*"; }
# check DESC CMD...: pass if CMD succeeds (its output goes to $out/last.log).
check() {
  local d=$1; shift
  if "$@" >"$out/last.log" 2>&1; then ok "$d"; else bad "$d"; sed 's/^/  | /' "$out/last.log" | head -n 20; fi
}
# check_fails DESC CMD...: pass if CMD fails.
check_fails() {
  local d=$1; shift
  if "$@" >"$out/last.log" 2>&1; then bad "$d (succeeded)"; else ok "$d"; fi
}
# expect_eq DESC GOT WANT
expect_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}
# expect_match DESC TEXT REGEX / expect_nomatch DESC TEXT REGEX (grep -E)
expect_match() {
  if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok "$1"; else bad "$1: no /$3/ in: $2"; fi
}
expect_nomatch() {
  if printf '%s\n' "$2" | grep -Eq -- "$3"; then bad "$1: /$3/ in: $2"; else ok "$1"; fi
}
finish() {
  echo "$me: $npass passed, $nfail failed"
  [ "$nfail" -eq 0 ]
}
# Translate and run a guest: run_guest APP.wasm ARGS... (stdout and stderr
# of the run to the caller).
run_guest() {
  local wasm=$1; shift
  "$w2s" -O1 "$wasm" -o "${wasm%.wasm}.so" && "$wl" "${wasm%.wasm}.so" "$@"
}
