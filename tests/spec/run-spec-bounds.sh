#!/bin/sh
# run-spec-bounds.sh — the whole spec suite (core/*.wast, core/simd/*.wast)
# again, with every module translated by wasm2so --bounds-checks, whose
# memories have no guard regions.  Same environment and arguments as
# run-spec.sh; prints `spec-bounds: N passed, ...`.
exec sh "$(dirname "$0")/run-spec.sh" --bounds-checks --label=spec-bounds "$@"
