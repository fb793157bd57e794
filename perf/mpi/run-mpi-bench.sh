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
# batch, default 0.02), MPI_BENCH_BATCHES (per size and run, the best
# counts; default 7), MPIRUN, MPICC.  Not part of `make check`.
# The last tables pair repetition i of the two builds, which ran back to
# back, and give the median of those ratios (issue 12's latency figures).
# Each run's figure is already the best of its batches; across runs the
# table gives the median and the ratio of the minima too: on a busy
# machine other processes only ever add time, so the minima are the
# steadier comparison of what the code itself costs.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
out=$build/perf/mpi
reps=${REPS:-5}
np=${MPI_BENCH_NP:-2}
budget=${MPI_BENCH_BUDGET:-0.02}
batches=${MPI_BENCH_BATCHES:-7}
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
    $mpirun -np 2 $cmd pingpong "$budget" "$batches" >> "$out/run.pp.$kind"
    $mpirun -np "$np" --oversubscribe $cmd allreduce "$budget" "$batches" >> "$out/run.ar.$kind"
  done
  echo "run-mpi-bench.sh: repetition $i of $reps done" >&2
  i=$((i + 1))
done

# stat COLUMN FILE: per size (column 2), "SIZE MEDIAN MIN MAX" of the column.
stat() {
  awk -v c="$1" '{ v[$2] = v[$2] " " $c }
    END { for (s in v) { k = split(v[s], a, " ");
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            m = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2; print s, m, a[1], a[k] } }' "$2" | sort -n
}
for k in native wasm; do
  stat 3 "$out/run.pp.$k" > "$out/lat.$k"
  stat 4 "$out/run.pp.$k" > "$out/bw.$k"
  stat 3 "$out/run.ar.$k" > "$out/ar.$k"
done

echo "MPI benchmarks: $reps runs each of native Open MPI and wasm2so (wasmload + MPI shim), alternating"
echo "$(uname -m), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
echo
echo "Ping-pong, 2 ranks: one-way latency (us), median of runs; ratio wasm/native of the medians"
echo "and of the minima; bandwidth (MB/s) of the medians and its ratio (< 1: wasm slower)"
printf '%9s %10s %10s %7s %7s %10s %10s %7s\n' size native wasm ratio min-rt bw-native bw-wasm ratio
join "$out/lat.native" "$out/lat.wasm" | join - "$out/bw.native" | join - "$out/bw.wasm" |
  awk '{ printf "%9d %10.3f %10.3f %7.3f %7.3f %10.1f %10.1f %7.3f\n", $1, $2, $5, $5 / $2, $6 / $3, $8, $11, $11 / $8 }'
echo
echo "Allreduce (MPI_SUM of doubles), $np ranks: latency (us), median of runs; ratios of medians and minima"
printf '%9s %10s %10s %7s %7s\n' size native wasm ratio min-rt
join "$out/ar.native" "$out/ar.wasm" |
  awk '{ printf "%9d %10.3f %10.3f %7.3f %7.3f\n", $1, $2, $5, $5 / $2, $6 / $3 }'
echo

# paired COLUMN NAME: per size, the median of the per-repetition ratios
# wasm/native (repetition i of each build ran back to back), their lowest
# and highest.  The k-th line of a size in each run file is repetition k.
paired() {
  awk -v c="$1" 'FNR == 1 { f++ }
    f == 1 { n[$2]++; nat[$2, n[$2]] = $c; next }
    { m[$2]++; r = $c / nat[$2, m[$2]]; v[$2] = v[$2] " " r }
    END { for (s in v) { k = split(v[s], a, " ");
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            md = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
            printf "%9d %7.3f %7.3f %7.3f %4d\n", s, md, a[1], a[k], k } }' \
    "$out/run.$2.native" "$out/run.$2.wasm" | sort -n
}
echo "Paired ratios wasm/native of the repetitions (each pair ran back to back): median, lowest, highest, pairs"
echo "ping-pong latency:"
printf '%9s %7s %7s %7s %4s\n' size median low high n
paired 3 pp
echo "Allreduce latency:"
printf '%9s %7s %7s %7s %4s\n' size median low high n
paired 3 ar
echo
join "$out/lat.native" "$out/lat.wasm" | awk '$1 <= 1024 { s += log($5 / $2); t += log($6 / $3); n++ }
  END { printf "ping-pong latency, sizes <= 1 KiB, geometric mean of the ratios: medians %.3f, minima %.3f\n", exp(s / n), exp(t / n) }'
join "$out/ar.native" "$out/ar.wasm" | awk '$1 <= 1024 { s += log($5 / $2); t += log($6 / $3); n++ }
  END { printf "allreduce latency, sizes <= 1 KiB, geometric mean of the ratios: medians %.3f, minima %.3f\n", exp(s / n), exp(t / n) }'
