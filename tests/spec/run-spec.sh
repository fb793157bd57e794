#!/bin/sh
# run-spec.sh — the official spec tests (core/*.wast and core/simd/*.wast): convert
# each script with wast2json (again only when missing or older than the
# .wast), then run every command of every script with the spec runner.
# Environment (set by `make check`): top_srcdir, top_builddir, WASM_TESTSUITE,
# WAST2JSON; SPEC_JSON_DIR (where the JSON goes), SPEC_RUNNER and
# SPEC_LAUNCHER (another runner, e.g. the cross-built aarch64 one, and what
# runs it, e.g. qemu-aarch64); SPEC_SCRIPTS (other .wast files instead of the
# suite's, e.g. our own tests/wast/*.wast).  Extra arguments go to the runner
# (e.g. -j 4, -O 0, -v, --label=NAME).
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
suite=${WASM_TESTSUITE:-}
wast2json=${WAST2JSON:-wast2json}
runner=${SPEC_RUNNER:-$top_builddir/tests/spec/spec_runner}
launcher=${SPEC_LAUNCHER:-}
outdir=${SPEC_JSON_DIR:-$top_builddir/tests/spec/json}

fail() { echo "run-spec.sh: $*" >&2; exit 1; }

if [ -n "${SPEC_SCRIPTS:-}" ]; then
  scripts=$SPEC_SCRIPTS
else
  [ -n "$suite" ] || fail "WASM_TESTSUITE is not set (configure sets it; default ../shared/wasm-testsuite)"
  [ -d "$suite/core" ] || fail "no spec testsuite at $suite (missing $suite/core); set WASM_TESTSUITE"
  scripts="$suite/core/*.wast $suite/core/simd/*.wast"
fi
if [ "$wast2json" = no ] || ! command -v "$wast2json" >/dev/null 2>&1; then
  fail "wast2json not found (install wabt, then re-run configure)"
fi
[ -x "$runner" ] || fail "$runner is not built (it needs jansson: install libjansson-dev and re-run configure)"

mkdir -p "$outdir" || fail "cannot create $outdir"

# Convert what is missing or stale.
for w in $scripts; do
  j=$outdir/$(basename "$w" .wast).json
  if [ ! -f "$j" ] || [ "$w" -nt "$j" ]; then
    "$wast2json" "$w" -o "$j" || { rm -f "$j"; fail "wast2json failed on $w"; }
  fi
done

set -- -x "$top_srcdir/tests/spec/expected-failures.txt" "$@"
for w in $scripts; do
  set -- "$@" "$outdir/$(basename "$w" .wast).json"
done
exec $launcher "$runner" "$@"
