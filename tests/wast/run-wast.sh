#!/bin/sh
# run-wast.sh — our own .wast scripts (tests/wast/*.wast: edge cases of
# wasm2so's own transformations), run by the spec runner like the spec suite.
# Environment as for tests/spec/run-spec.sh; the summary lines are `wast: ...`
# (-O2) and `wast-o0: ...`.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
# At -O2, then at -O0 (keep_loads.wast: a dead load survives neither the
# optimiser nor, at -O0, fast instruction selection unless kept).
export SPEC_SCRIPTS="$(ls "$top_srcdir"/tests/wast/*.wast)"
export SPEC_JSON_DIR="${SPEC_JSON_DIR:-$top_builddir/tests/wast/json}"
status=0
sh "$top_srcdir/tests/spec/run-spec.sh" --label=wast "$@" || status=1
sh "$top_srcdir/tests/spec/run-spec.sh" --label=wast-o0 -O 0 "$@" || status=1
exit $status
