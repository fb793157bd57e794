#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is needed, build,
# then
#  1. examples/hello.c: plain C compiled to wasm32-wasi, translated with
#     wasm2so, run with wasmload next to its native build;
#  2. examples/heat2d.c: an MPI program (2-D heat stencil, halo exchange,
#     Allreduce) built with wasm-mpicc, translated, and run on 4 ranks under
#     mpirun with wasmload, next to the same source built with mpicc: both
#     results side by side with their run times, and whether they are
#     identical.
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
scripts/install-deps.sh
scripts/build.sh
out=build/examples
mkdir -p "$out"

echo "==== 1. hello: wasm32-wasi, no MPI"
# (-B: the sdk's wasm-opt stand-in, so that an installed binaryen does not
# rewrite the module and strip its function names.)
clang-19 --target=wasm32-wasi -B sdk/no-wasm-opt -O2 examples/hello.c -o "$out/hello.wasm"
build/wasm2so/wasm2so -O2 "$out/hello.wasm" -o "$out/hello.so"
clang-19 -O2 examples/hello.c -o "$out/hello-native" -lm
echo "== native =="
"$out/hello-native" 20
echo "== wasm2so + wasmload =="
build/loader/wasmload "$out/hello.so" 20

echo
echo "==== 2. heat2d: MPI on 4 ranks"
if [ ! -x build/sdk/wasm-mpicc ]; then
  echo "quickstart: build/sdk/wasm-mpicc is missing: the build found no Open MPI (see build/config.log)" >&2
  exit 1
fi
# Open MPI as root (containers, CI), more ranks than cores allowed.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_mpi_yield_when_idle=1
set -x
build/sdk/wasm-mpicc -O2 examples/heat2d.c -o "$out/heat2d.wasm" -lm
build/wasm2so/wasm2so -O2 "$out/heat2d.wasm" -o "$out/heat2d.so"
mpicc -O2 examples/heat2d.c -o "$out/heat2d-native" -lm
{ set +x; } 2>/dev/null

# run LABEL OUTFILE CMD...: prints nothing; the output and the seconds taken.
run() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$out" 2> "$out.err" || { echo "quickstart: failed: $*" >&2; cat "$out.err" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 ))" > "$out.ms"
}
echo "+ mpirun -np 4 --oversubscribe $out/heat2d-native"
run "$out/heat2d.native.txt" mpirun -np 4 --oversubscribe "$out/heat2d-native"
echo "+ mpirun -np 4 --oversubscribe build/loader/wasmload $out/heat2d.so"
run "$out/heat2d.wasm.txt" mpirun -np 4 --oversubscribe build/loader/wasmload "$out/heat2d.so"

w=58
printf '\n%-*s | %s\n' $w "native (mpicc)" "wasm (wasm-mpicc -> wasm2so -> wasmload)"
printf '%*s-+-%*s\n' $w '' $w '' | tr ' ' -
paste -d '\n' "$out/heat2d.native.txt" "$out/heat2d.wasm.txt" | while IFS= read -r a && IFS= read -r b; do
  printf '%-*s | %s\n' $w "$a" "$b"
done
nms=$(cat "$out/heat2d.native.txt.ms") wms=$(cat "$out/heat2d.wasm.txt.ms")
printf '%-*s | %s\n' $w "run time $(awk -v m="$nms" 'BEGIN{printf "%.2f s", m/1000}')" \
  "run time $(awk -v m="$wms" 'BEGIN{printf "%.2f s", m/1000}')"
echo "(wall-clock times of the whole mpirun, start-up included; perf/mpi/run-mpi-bench.sh measures properly)"
echo
if cmp -s "$out/heat2d.native.txt" "$out/heat2d.wasm.txt"; then
  echo "heat2d: the wasm and native results are IDENTICAL (byte for byte)"
else
  echo "heat2d: the wasm and native results DIFFER:"
  diff "$out/heat2d.native.txt" "$out/heat2d.wasm.txt" || true
  exit 1
fi
