#!/bin/sh
# run-wast.sh — our own .wast scripts (tests/wast/*.wast: edge cases of
# wasm2so's own transformations), run by the spec runner like the spec suite.
# Environment as for tests/spec/run-spec.sh; the summary line is `wast: ...`.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
SPEC_SCRIPTS=$(ls "$top_srcdir"/tests/wast/*.wast) \
SPEC_JSON_DIR=${SPEC_JSON_DIR:-$top_builddir/tests/wast/json} \
  exec sh "$top_srcdir/tests/spec/run-spec.sh" --label=wast "$@"
