#!/bin/sh
# run-wast-bounds.sh — our own .wast scripts (tests/wast/*.wast) with the
# modules translated by wasm2so --bounds-checks, whose memories have no guard
# regions: the address folding must stay exact there too.  Summary line:
# `wast-bounds: ...`.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
SPEC_SCRIPTS=$(ls "$top_srcdir"/tests/wast/*.wast) \
SPEC_JSON_DIR=${SPEC_JSON_DIR:-$top_builddir/tests/wast/json} \
  exec sh "$top_srcdir/tests/spec/run-spec.sh" --bounds-checks --label=wast-bounds "$@"
