# lib.sh — shared by the wasmload tests: tool paths, a private scratch
# directory and cache (never the user's ~/.cache), small assertions.
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
HERE=$top_srcdir/tests/loader
WASMLOAD=$top_builddir/loader/wasmload
WASM2SO=$top_builddir/wasm2so/wasm2so
WAT2WASM=${WAT2WASM:-wat2wasm}
if ! command -v "$WAT2WASM" >/dev/null 2>&1; then
  echo "wat2wasm not found (WAT2WASM='$WAT2WASM'): install wabt" >&2
  exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/wasmload-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
WASM2SO_CACHE_DIR=$T/cache
export WASM2SO_CACHE_DIR
unset XDG_CACHE_HOME
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# wat NAME: tests/loader/NAME.wat -> $T/NAME.wasm (with the name section,
# for backtraces).
wat() { "$WAT2WASM" --debug-names "$HERE/$1.wat" -o "$T/$1.wasm" || { echo "wat2wasm $1 failed" >&2; exit 1; }; }

# run DESCRIPTION EXPECTED_STATUS COMMAND...: runs with stdout in $T/out and
# stderr in $T/err, checks the status.
run() {
  desc=$1 want=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err" </dev/null
  got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$desc: status $got, expected $want; stderr:"
    sed 's/^/    /' "$T/err" >&2
    return 1
  fi
  return 0
}

# same FILE EXPECTED-TEXT: the file holds exactly the text (\n escapes).
same() {
  printf "%b" "$2" >"$T/want"
  cmp -s "$1" "$T/want"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  exit 0
}
