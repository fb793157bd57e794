#!/bin/sh
# run-valgrind.sh — the hostile MPI programs under valgrind (in make check
# when configure found MPI, ~70 s; alone: make check-mpi-valgrind): `mpirun -np 2 valgrind wasmload NAME.so ARGS`, and
# the run fails on any invalid read, write or free in either host process
# (wasmload, the shim, Open MPI), or when the program does not end with
# status 0.  Open MPI's own noise (uninitialised bytes in PMIx messages,
# leaks) is not looked at: only "Invalid read/write/free" and
# "Process terminating" count.  Programs: VG_PROGRAMS, default below;
# each entry is NAME[:ARG] (one run; ARG selects a case where the program
# takes one).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=$(cd "${top_builddir:-.}" && pwd)
export top_srcdir top_builddir
# its own build directory: make check runs run-mpi.sh at the same time
out=$top_builddir/tests/mpi/out-vg
export MPI_TEST_OUT=$out
wl=$top_builddir/loader/wasmload
mpirun=${MPIRUN:-mpirun}
[ "$mpirun" = no ] && mpirun=mpirun
limit=${MPI_VG_TIMEOUT:-400}
programs=${VG_PROGRAMS:-hostile/reentry hostile/reentry_malloc hostile/reentry_matrix hostile/free_pending hostile/free_pinned hostile/errors_return hostile/coll_bounds:return hostile/idup_pending}

command -v valgrind > /dev/null || { echo "run-valgrind.sh: no valgrind: skipped"; exit 77; }
command -v "$mpirun" > /dev/null || { echo "run-valgrind.sh: no $mpirun: skipped"; exit 77; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_mpi_yield_when_idle=1
export OMPI_MCA_hwloc_base_binding_policy=none OMPI_MCA_btl=self,vader

bad=0 n=0
for p in $programs; do
  name=${p%%:*} arg=
  [ "$name" = "$p" ] || arg=${p#*:}
  sh "$top_srcdir/tests/mpi/run-mpi.sh" --build "$name" || { echo "FAIL $p: build"; bad=1; continue; }
  log=$out/vg/$(echo "$p" | tr /: ..)
  mkdir -p "$(dirname "$log")"
  rm -f "$log".vg.*
  t0=$(date +%s)
  # shellcheck disable=SC2086  # arg is one word or none
  timeout -k 5 "$limit" "$mpirun" -np 2 --oversubscribe valgrind -q --log-file="$log.vg.%p" \
    "$wl" "$out/bin/$name.so" $arg < /dev/null > "$log.out" 2> "$log.err"
  st=$?
  errs=$(cat "$log".vg.* 2> /dev/null | grep -c 'Invalid \(read\|write\|free\)\|Process terminating')
  n=$((n + 1))
  if [ "$st" = 0 ] && [ "$errs" = 0 ]; then
    echo "PASS $p ($(( $(date +%s) - t0 )) s)"
  else
    bad=1
    echo "FAIL $p: status $st, $errs invalid accesses (valgrind logs: $log.vg.*)"
    cat "$log".vg.* 2> /dev/null | grep -A12 'Invalid \(read\|write\|free\)\|Process terminating' | head -n 40 | sed 's/^/    /'
    head -n 10 "$log.err" | sed 's/^/    /'
  fi
done
echo "mpi-valgrind: $n runs, $([ $bad = 0 ] && echo 'no invalid host access' || echo FAILED)"
exit $bad
