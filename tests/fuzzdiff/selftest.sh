#!/bin/sh
# selftest.sh — the differential test's own test: run-fuzz-diff.sh on a few
# seeds at -O0 with three wrong expectations planted in V8's scripts (a
# result, a trap message, a log hash: plant.js) must report each of them,
# with its seed and line, keep the module with REPRODUCE, and fail.  Without
# this, a harness that compared nothing would pass once wasm2so is right.
# Environment: as run-fuzz-diff.sh.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=$(cd "${top_builddir:-.}" && pwd)
dir=$top_builddir/tests/fuzzdiff/selftest
rm -rf "$dir" && mkdir -p "$dir" || exit 1

FUZZ_DIFF_PLANT=1 FUZZ_DIFF_LEVELS=0 FUZZ_DIFF_AARCH64=0 FUZZ_DIFF_FIRST=1 FUZZ_DIFF_COUNT=12 \
  FUZZ_DIFF_WORK=$dir/work FUZZ_DIFF_KEEP=$dir/failures FUZZ_SECONDS= \
  sh "$top_srcdir/tests/fuzzdiff/run-fuzz-diff.sh" > "$dir/out" 2>&1
rc=$?
if grep -q '^fuzz-diff: skipped' "$dir/out"; then cat "$dir/out"; exit 77; fi
status=0
fail() { echo "FAIL $*"; status=1; }
[ $rc -ne 0 ] || fail "run-fuzz-diff.sh exited 0 with planted mismatches"
planted=$(grep -c '^planted ' "$dir/out")
[ "$planted" -eq 3 ] || fail "expected 3 planted mismatches, plant.js made $planted"
grep '^planted ' "$dir/out" | while read -r _ seed line kind; do
  if grep -q "^  fuzz-diff-O0 seed $seed line $line " "$dir/out" &&
     [ -s "$dir/failures/s$seed/REPRODUCE" ] && [ -f "$dir/failures/s$seed/s$seed.wasm" ]; then
    echo "PASS planted $kind mismatch (seed $seed line $line) reported and kept"
  else
    echo "FAIL planted $kind mismatch (seed $seed line $line) not reported or not kept"
    exit 1
  fi
done || status=1
grep -q '^fuzz-diff: 12 modules, [0-9]* exports compared, [1-9][0-9]* mismatches$' "$dir/out" ||
  fail "no closing line with the counts"
[ $status -eq 0 ] || { echo "--- run-fuzz-diff.sh output:"; cat "$dir/out"; }
exit $status
