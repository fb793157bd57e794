#!/usr/bin/env bash
# Set up a fresh Debian 12 machine and run every test (`make check`).
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
scripts/install-deps.sh
scripts/build.sh
cd build
status=0
make -j"$(nproc)" check || status=$?
# Show what failed, then the spec runner's closing line last.
if [ $status -ne 0 ]; then
  for log in $(find . -path ./build-aarch64 -prune -o -name '*.log' ! -name config.log ! -name test-suite.log -print); do
    grep -qE '^(FAIL|ERROR)' "${log%.log}.trs" 2>/dev/null && { echo "==== $log"; tail -n 60 "$log"; }
  done
fi
# (build-aarch64/ is the cross build of tests/cross: its logs are not tests.)
logs=$(find . -path ./build-aarch64 -prune -o -name '*.log' ! -name config.log ! -name test-suite.log -print)
grep -h -E '^[0-9]+%: Checks: ' $logs 2>/dev/null || true
grep -h -E '^((spec|wast)-translate-[a-z0-9_]+|sandbox|wasi(-[a-z0-9_]+)?|spec(-[a-z0-9_]+)?|wast(-[a-z0-9_]+)?|aarch64( [a-z_]+)?|fuzz-diff(-[a-zA-Z0-9_-]+)?|mpi-valgrind): ' $logs 2>/dev/null || true
# the MPI programs' summary last
grep -h -E '^mpi: [0-9]+ passed' $logs 2>/dev/null || true
exit $status
