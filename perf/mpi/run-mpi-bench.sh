#!/bin/sh
# run-mpi-bench.sh — MPI latency and bandwidth, native Open MPI against the
# same source through wasm-mpicc -> wasm2so -> wasmload, side by side.
# Builds perf/mpi/mpi_bench.c both ways, then runs ping-pong (2 ranks) and
# Allreduce (MPI_BENCH_NP ranks, default 2) REPS times (default 5),
# alternating native and wasm runs so that a change in machine load hits
# both alike, and prints per-size medians with the ratio wasm/native
# (latency: > 1 is slower; bandwidth: < 1 is slower).
#
# Usage: perf/mpi/run-mpi-bench.sh [BUILD_DIR]   (default: ./build)
# Environment: REPS, MPI_BENCH_NP, MPI_BENCH_BUDGET (seconds per size and
# batch, default 0.05), MPIRUN, MPICC.  Not part of `make check`.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
out=$build/perf/mpi
reps=${REPS:-5}
np=${MPI_BENCH_NP:-2}
budget=${MPI_BENCH_BUDGET:-0.05}
mpirun=${MPIRUN:-mpirun}
mpicc=${MPICC:-mpicc}
wl=$build/loader/wasmload
for f in "$build/sdk/wasm-mpicc" "$build/wasm2so/wasm2so" "$wl"; do
  [ -x "$f" ] || { echo "run-mpi-bench.sh: $f is not built" >&2; exit 1; }
done
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl=self,vader
mkdir -p "$out"
src=$top/perf/mpi/mpi_bench.c
"$mpicc" -O2 "$src" -o "$out/mpi_bench.native"
"$build/sdk/wasm-mpicc" -O2 "$src" -o "$out/mpi_bench.wasm"
"$build/wasm2so/wasm2so" -O2 "$out/mpi_bench.wasm" -o "$out/mpi_bench.so"

# One run of each build per repetition, the order alternating.
rm -f "$out"/run.*
i=1
while [ $i -le "$reps" ]; do
  for kind in native wasm; do
    [ $((i % 2)) = 0 ] && kind=$([ $kind = native ] && echo wasm || echo native)
    if [ $kind = native ]; then cmd="$out/mpi_bench.native"; else cmd="$wl $out/mpi_bench.so"; fi
    $mpirun -np 2 $cmd pingpong "$budget" >> "$out/run.pp.$kind"
    $mpirun -np "$np" --oversubscribe $cmd allreduce "$budget" >> "$out/run.ar.$kind"
  done
  echo "run-mpi-bench.sh: repetition $i of $reps done" >&2
  i=$((i + 1))
done

# median COLUMN FILE: per size (column 2), the median of the column.
median() {
  awk -v c="$1" '{ v[$2] = v[$2] " " $c; n[$2]++ }
    END { for (s in v) { k = split(v[s], a, " ");
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            m = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2; print s, m } }' "$2" | sort -n
}
median 3 "$out/run.pp.native" > "$out/lat.native"
median 3 "$out/run.pp.wasm" > "$out/lat.wasm"
median 4 "$out/run.pp.native" > "$out/bw.native"
median 4 "$out/run.pp.wasm" > "$out/bw.wasm"
median 3 "$out/run.ar.native" > "$out/ar.native"
median 3 "$out/run.ar.wasm" > "$out/ar.wasm"

echo "MPI benchmarks: medians of $reps runs each, native Open MPI vs wasm2so (wasmload + MPI shim)"
echo "$(uname -m), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Ping-pong, 2 ranks (one-way latency in us; bandwidth in MB/s)"
printf '%9s %11s %11s %7s %11s %11s %7s\n' size lat-native lat-wasm ratio bw-native bw-wasm ratio
join "$out/lat.native" "$out/lat.wasm" | join - "$out/bw.native" | join - "$out/bw.wasm" |
  awk '{ printf "%9d %11.3f %11.3f %7.3f %11.1f %11.1f %7.3f\n", $1, $2, $3, $3 / $2, $4, $5, $5 / $4 }'
echo
echo "Allreduce (MPI_SUM of doubles), $np ranks (latency in us)"
printf '%9s %11s %11s %7s\n' size native wasm ratio
join "$out/ar.native" "$out/ar.wasm" |
  awk '{ printf "%9d %11.3f %11.3f %7.3f\n", $1, $2, $3, $3 / $2 }'
awk '{ s += log($3 / $2); n++ } END { printf "\nping-pong latency ratio, geometric mean over sizes <= 1 KiB: %.3f\n", exp(s / n) }' \
  "$(join "$out/lat.native" "$out/lat.wasm" | awk '$1 <= 1024' > "$out/small.lat"; echo "$out/small.lat")"
