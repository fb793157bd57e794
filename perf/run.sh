#!/usr/bin/env bash
# run.sh — the benchmark suite (`make perf`): every kernel in perf/kernels
# built natively and to wasm, run on every engine, checksums compared, then
# timed with hyperfine; tables, a plot and the compile-side figures go to
# BUILD/perf/results.  usage: perf/run.sh [BUILD_DIR]   (default ./build)
#
# Environment:
#   PERF_QUICK=1     small sizes, one timed run, no warm-up (a smoke test)
#   PERF_RUNS=N      timed runs per engine (default 5), PERF_WARMUP=N (default 1)
#   PERF_KERNELS="gemm lu"   only these kernels; PERF_ENGINES="clang-O2 wasm2so-O2 ..."
#   PERF_LARGE=1     also the SQLite compile figures (perf/large-module.sh; needs npm
#                    unless LARGE_WASM=FILE names a module to use instead)
#   PERF_COMPILE_KERNELS="gemm sort"  compile figures for these only (default: all kernels)
#   PERF_RESUME=1    keep the timings of kernels already timed (same engines, nothing rebuilt)
#   PERF_MPI=0       skip the MPI benchmarks (perf/mpi/run-mpi-bench.sh, run when MPI is built)
set -euo pipefail
trap 'echo "perf: failed: $BASH_COMMAND" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
work=$build/perf/work
results=$build/perf/results
w2s=$build/wasm2so/wasm2so
wl=$build/loader/wasmload
quick=${PERF_QUICK:-0}
if [ "$quick" = 1 ]; then
  runs=${PERF_RUNS:-1} warmup=${PERF_WARMUP:-0} size_arg=quick
else
  runs=${PERF_RUNS:-5} warmup=${PERF_WARMUP:-1} size_arg=
fi

die() { echo "perf: $*" >&2; exit 1; }
note() { echo "perf: $*" >&2; }

case "$build$top" in *[[:space:]]*) die "paths with spaces are not supported: $build";; esac
for tool in clang-19 gcc wasm2c node hyperfine gnuplot; do
  command -v $tool >/dev/null 2>&1 || die "$tool not found (scripts/install-deps.sh; node: nodejs)"
done
[ -x "$w2s" ] && [ -x "$wl" ] || die "build wasm2so and wasmload first (make in $build)"
wabt_rt=${WASM2C_RT_DIR:-/usr/share/wabt/wasm2c}
[ -f "$wabt_rt/wasm-rt-impl.c" ] || die "no wasm-rt-impl.c in $wabt_rt (wabt)"

kernels=${PERF_KERNELS:-$(cd "$top/perf/kernels" && ls *.c | sed 's/\.c$//')}
all_engines="clang-O2 clang-O3 gcc-O2 wasm2so-O2 wasm2so-O3 wasm2so-simd wasm2so-bounds wasm2c node"
engines=${PERF_ENGINES:-$all_engines}
case " $engines " in *" clang-O2 "*) ;; *) engines="clang-O2 $engines";; esac
mkdir -p "$work" "$results"

# The wasm32-wasi sysroot (see tests/lib/wasi-toolchain.sh).
top_builddir=$build top_srcdir=$top
. "$top/tests/lib/wasi-toolchain.sh"
wasi_toolchain "$work"

# ---- build -----------------------------------------------------------------

# stale TARGET DEP...: true if TARGET is missing or older than a DEP.
stale() {
  local t=$1; shift
  [ -e "$t" ] || return 0
  for d in "$@"; do [ "$d" -nt "$t" ] && return 0; done
  return 1
}

hdr=$top/perf/kernels/kernel.h
build_kernel() {
  local k=$1 src=$top/perf/kernels/$1.c o=$work/$1
  stale $o.clang-O2 $src $hdr && clang-19 -O2 -o $o.clang-O2 $src -lm
  stale $o.clang-O3 $src $hdr && clang-19 -O3 -o $o.clang-O3 $src -lm
  stale $o.gcc-O2 $src $hdr && gcc -O2 -o $o.gcc-O2 $src -lm
  stale $o.wasm $src $hdr && $wasm_cc -O2 -o $o.wasm $src
  stale $o.simd.wasm $src $hdr && $wasm_cc -O2 -msimd128 -o $o.simd.wasm $src
  stale $o.w2s-O2.so $o.wasm $w2s && "$w2s" -O2 $o.wasm -o $o.w2s-O2.so
  stale $o.w2s-O3.so $o.wasm $w2s && "$w2s" -O3 $o.wasm -o $o.w2s-O3.so
  stale $o.w2s-simd.so $o.simd.wasm $w2s && "$w2s" -O2 $o.simd.wasm -o $o.w2s-simd.so
  # The cost of explicit bounds checks (for address spaces capped by ulimit -v).
  stale $o.w2s-bounds.so $o.wasm $w2s && "$w2s" -O2 --bounds-checks $o.wasm -o $o.w2s-bounds.so
  if stale $o.wasm2c $o.wasm "$top/perf/wasm2c/w2c_host.c"; then
    mkdir -p $o.w2c
    wasm2c -n kernel $o.wasm -o $o.w2c/module.c
    # wasm2c's output compiles with warnings about unused functions and the like.
    clang-19 -O2 -w -I$o.w2c -I"$wabt_rt" -o $o.wasm2c $o.w2c/module.c \
      "$wabt_rt/wasm-rt-impl.c" "$top/perf/wasm2c/w2c_host.c" -lm
  fi
  return 0
}

# cmd ENGINE KERNEL: the command line that runs KERNEL on ENGINE.
cmd() {
  local o=$work/$2
  case $1 in
  clang-O2|clang-O3|gcc-O2) echo "$o.$1 $size_arg" ;;
  wasm2so-O2) echo "$wl $o.w2s-O2.so $size_arg" ;;
  wasm2so-O3) echo "$wl $o.w2s-O3.so $size_arg" ;;
  wasm2so-simd) echo "$wl $o.w2s-simd.so $size_arg" ;;
  wasm2so-bounds) echo "$wl $o.w2s-bounds.so $size_arg" ;;
  wasm2c) echo "$o.wasm2c $size_arg" ;;
  # --single-threaded: node 20 segfaults at exit after some full-size kernels
  # (hashtable, heat3d; also with --no-liftoff), apparently a race between
  # V8's background threads and exit; without them it exits cleanly.
  node) echo "node --no-warnings --single-threaded $top/perf/node/run-wasi.mjs $o.wasm $size_arg" ;;
  *) die "unknown engine $1 (known: $all_engines)" ;;
  esac
}

note "building $(echo $kernels | wc -w) kernels for: $engines"
for k in $kernels; do
  [ -f "$top/perf/kernels/$k.c" ] || die "no kernel perf/kernels/$k.c"
  # Not `build_kernel || die`: that would switch off set -e inside it.
  build_kernel $k
done

# ---- checksums: every engine must print what native clang -O2 prints --------

# artifact ENGINE KERNEL: the file an engine runs (its output is reused while
# newer than this and than wasmload).
artifact() {
  local o=$work/$2
  case $1 in
  clang-O2|clang-O3|gcc-O2|wasm2c) echo $o.$1 ;;
  wasm2so-O2) echo $o.w2s-O2.so ;;
  wasm2so-O3) echo $o.w2s-O3.so ;;
  wasm2so-simd) echo $o.w2s-simd.so ;;
  wasm2so-bounds) echo $o.w2s-bounds.so ;;
  node) echo $o.wasm ;;
  esac
}

size_tag=${size_arg:-full}
bad=0
for k in $kernels; do
  ref=$work/$k.out.clang-O2.$size_tag
  if stale $ref $(artifact clang-O2 $k); then
    $(cmd clang-O2 $k) > $ref || die "$k: the native build failed"
  fi
  for e in $engines; do
    [ $e = clang-O2 ] && continue
    out=$work/$k.out.$e.$size_tag err=$work/$k.err.$e.$size_tag
    # A recorded output of the same artifact (and wasmload) is not rerun.
    if stale $out $(artifact $e $k) $wl; then
      if ! $(cmd $e $k) > $out 2> $err; then
        note "$k on $e: failed (exit $?): $(head -c 300 $err)"
        rm -f $out
        bad=1
        continue
      fi
    fi
    if ! cmp -s $ref $out; then
      note "$k on $e: CHECKSUM MISMATCH: $(tail -1 $out) vs $(tail -1 $ref)"
      bad=1
    fi
  done
  note "$k: $(tail -1 $ref)"
done
[ $bad = 0 ] || die "engines disagree (see above); no timings taken"
note "checksums agree on every engine"

# ---- timings ------------------------------------------------------------------

for k in $kernels; do
  if [ "${PERF_RESUME:-0}" = 1 ] && [ -s $results/$k.csv ] &&
     ! stale $results/$k.csv $(for e in $engines; do artifact $e $k; done) $wl &&
     [ "$(awk -F, 'NR > 1 { printf "%s ", $1 }' $results/$k.csv)" = "$(echo $engines) " ]; then
    note "$k: timed already ($results/$k.csv; PERF_RESUME=1)"
    continue
  fi
  args=()
  for e in $engines; do args+=(-n "$e" "$(cmd $e $k)"); done
  note "timing $k ($runs runs, $warmup warm-up)"
  # -i: every engine's exit status was checked with the checksums above (a
  # failure there stops the run); a late failure while timing is reported by
  # hyperfine without ending the whole run.
  hyperfine -N -i --style basic --runs $runs --warmup $warmup \
    --export-csv $results/$k.csv "${args[@]}" > $results/$k.hyperfine.txt
done

# table.md: medians with spread (min-max), ratios to clang -O2, geomeans.
"$top/perf/summarise.sh" "$results" "$engines" $kernels > $results/table.md
cat $results/table.md

# ---- plot ---------------------------------------------------------------------------

if [ -s $results/ratios.dat ]; then
  ncol=$(head -1 $results/ratios.dat | wc -w)
  gnuplot <<EOF || note "gnuplot failed; no plot"
set terminal pngcairo size 1400,600 noenhanced
set output '$results/ratios.png'
set title 'Time relative to native clang-19 -O2 (median of $runs; lower is better)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -35
set ylabel 'ratio to clang -O2'
set key outside right
set grid ytics
set yrange [0:*]
plot for [i=2:$ncol] '$results/ratios.dat' using i:xtic(1) title columnhead(i), 1 with lines lc rgb 'black' notitle
EOF
fi

# ---- compile side -------------------------------------------------------------------

"$top/perf/compile-figures.sh" "$build" "$work" "$quick" ${PERF_COMPILE_KERNELS:-$kernels} \
  > $results/compile.md
cat $results/compile.md

if [ "${PERF_LARGE:-0}" = 1 ]; then
  "$top/perf/large-module.sh" "$build" > $results/large-module.txt
  cat $results/large-module.txt
fi

# MPI benchmarks (perf/mpi, maintained with the MPI tests): ping-pong and
# Allreduce, native Open MPI against wasmload, when the MPI SDK is built.
mpi_bench=$top/perf/mpi/run-mpi-bench.sh
if [ "${PERF_MPI:-1}" = 0 ]; then
  note "MPI benchmarks skipped (PERF_MPI=0)"
elif [ -f "$mpi_bench" ] && [ -x "$build/sdk/wasm-mpicc" ] && command -v mpirun >/dev/null 2>&1; then
  note "MPI benchmarks ($mpi_bench)"
  mpi_reps=${REPS:-}
  [ "$quick" = 1 ] && mpi_reps=${REPS:-1}
  if REPS=${mpi_reps:-5} sh "$mpi_bench" "$build" > $results/mpi.md; then
    cat $results/mpi.md
  else
    note "the MPI benchmarks failed (see above); the rest of the results stand"
  fi
else
  note "MPI benchmarks skipped (no perf/mpi/run-mpi-bench.sh, sdk/wasm-mpicc or mpirun)"
fi
note "results in $results"
