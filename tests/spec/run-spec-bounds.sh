#!/bin/sh
# run-spec-bounds.sh — the spec suite translated with wasm2so --bounds-checks:
# every core/*.wast, and of core/simd/ the scripts that access memory (loads,
# stores, lanes, splats, zero and extending loads, addressing), so that the
# checks are tested against the spec's expectations without running the
# whole SIMD suite twice.  Same environment as run-spec.sh; prints
# `spec-bounds: N passed, ...`.
set -u
suite=${WASM_TESTSUITE:-}
if [ -z "$suite" ] || [ ! -d "$suite/core/simd" ]; then
  echo "run-spec-bounds.sh: no spec testsuite at '$suite' (set WASM_TESTSUITE)" >&2
  exit 1
fi
SPEC_SCRIPTS=$(echo "$suite"/core/*.wast "$suite"/core/simd/simd_load*.wast \
  "$suite"/core/simd/simd_store*.wast "$suite"/core/simd/simd_address.wast)
export SPEC_SCRIPTS
exec "$(dirname "$0")/run-spec.sh" --bounds-checks --label=spec-bounds "$@"
