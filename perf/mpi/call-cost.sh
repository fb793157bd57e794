#!/bin/sh
# call-cost.sh — instructions per MPI call, native Open MPI against the same
# source through wasm-mpicc -> wasm2so -> wasmload (the MPI shim), 1 rank.
# Builds perf/mpi/call_cost.c both ways and counts instructions (callgrind's
# Ir) of a loop of N calls and of 2N calls; (Ir(2N) - Ir(N)) / N is the cost
# of one call (loop included), start-up and MPI_Init/Finalize cancel out.
# Prints per call: native, wasm, extra = wasm - native, and issue 12's target
# for the extra.  Instruction counts do not depend on the machine's load.
#
# Usage: perf/mpi/call-cost.sh [BUILD_DIR] [CALL...]   (default: ./build, all calls)
# Environment: N (default 20000), MPICC.  `make perf-mpi-calls`; not part of
# `make check`.  Singleton runs (no mpirun), btl self.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
[ $# -gt 0 ] && shift
calls=${*:-send recv isend-wait comm-rank comm-size wtime allreduce}
n=${N:-20000}
mpicc=${MPICC:-mpicc}
out=$build/perf/mpi
wl=$build/loader/wasmload
command -v valgrind >/dev/null || { echo "call-cost.sh: valgrind not found" >&2; exit 1; }
for f in "$build/sdk/wasm-mpicc" "$build/wasm2so/wasm2so" "$wl"; do
  [ -x "$f" ] || { echo "call-cost.sh: $f is not built" >&2; exit 1; }
done
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl=self
mkdir -p "$out"
src=$top/perf/mpi/call_cost.c
"$mpicc" -O2 "$src" -o "$out/call_cost.native"
"$build/sdk/wasm-mpicc" -O2 "$src" -o "$out/call_cost.wasm"
"$build/wasm2so/wasm2so" -O2 "$out/call_cost.wasm" -o "$out/call_cost.so"

# ir CMD...: instructions of the main process (no children: orted & co.)
cg=$out/call-cost.$$
trap 'rm -f "$cg".out "$cg".err' EXIT
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$cg.out" "$@" >/dev/null 2>"$cg.err" ||
    { echo "call-cost.sh: failed: $*" >&2; cat "$cg.err" >&2; exit 1; }
  awk '/^summary:/ { print $2 }' "$cg.out"
}
# per CMD...: instructions per call, one decimal
per() {
  a=$(ir "$@" $n)
  b=$(ir "$@" $((2 * n)))
  awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }'
}
target() {
  case $1 in
  send | isend-wait) echo 30 ;; # Isend + Wait: 30 + 40
  recv) echo 40 ;;
  comm-rank | comm-size | wtime) echo 15 ;;
  allreduce) echo 40 ;;
  esac
}

echo "Instructions per MPI call (callgrind Ir, (Ir(2N) - Ir(N)) / N, N = $n, 1 rank, loop included)"
printf '%-11s %9s %9s %9s %7s %7s\n' call native wasm extra target ratio
for c in $calls; do
  nat=$(per "$out/call_cost.native" $c)
  was=$(per "$wl" "$out/call_cost.so" $c)
  t=$(target $c)
  [ $c = isend-wait ] && t=70
  awk -v c=$c -v a="$nat" -v b="$was" -v t="$t" \
    'BEGIN { printf "%-11s %9.1f %9.1f %9.1f %7s %7.2f\n", c, a, b, b - a, "<=" t, b / a }'
done
