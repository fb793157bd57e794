#!/bin/sh
# run-spec-aarch64.sh — translate and link every valid module of the core
# spec tests for aarch64 (running them needs qemu: a later step).  Its own
# JSON directory, so it can run beside run-spec.sh under make -j.
top_builddir=${top_builddir:-.}
SPEC_JSON_DIR=$top_builddir/tests/spec/json-aarch64
export SPEC_JSON_DIR
exec "$(dirname "$0")/run-spec.sh" --target=aarch64 "$@"
