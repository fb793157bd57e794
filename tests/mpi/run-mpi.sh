#!/bin/sh
# run-mpi.sh — MPI programs under wasmload, each against its native build.
#
# Every program tests/mpi/DIR/NAME.c or .cc (DIR: apps and the wrapper groups'
# p2p, coll, type, comm; any other directory but hostile too) is built twice:
# natively with mpicc/mpicxx, and with the build tree's sdk/wasm-mpicc or
# wasm-mpicxx, then translated with wasm2so -O2.  Both run under
# `mpirun -np N --oversubscribe` (the native binary directly, the wasm one as
# `wasmload NAME.so`), and their stdout and exit status must be identical.
# Programs make their output deterministic (rank 0 prints what it gathered).
#
# A program's source says how it runs, in comment lines:
#   /* ranks: 4 1 2 3 */   one run per rank count (default: 4)
#   /* args: A B */        guest arguments (default: none)
#   /* status: N */        the native run's expected exit status (default 0)
#
# Programs with run lines (all of tests/mpi/hostile) have no native
# counterpart; they are built for wasm only and described by lines (in the
# source, or as "NAME RUN..." in tests/mpi/wasm-only.txt)
#   //! RUN N ARGS... => return FILE     status 0; stdout matches FILE (beside the source)
#   //! RUN N ARGS... => fatal W1|W2...  status non-zero within FATAL_SECONDS,
#                                        one stderr line holding every Wi
#   //! RUN N ARGS... => exit S          status S within FATAL_SECONDS
# An expectation FILE has lines "label: CLASS" ("CLASS|CLASS" where the
# standard allows either); the program prints "label: CLASS" in the same order.
#
# Programs listed in tests/mpi/skipped.txt are not run (NAME, then the reason).
# Every run has a time limit (MPI_TEST_TIMEOUT, default 60 s): a hang fails.
# Runs go MPI_TEST_JOBS (default nproc) at a time.  Arguments: program names
# (apps/ring, hostile/errors_return...) to run only those.
# Environment (set by `make check`): top_srcdir, top_builddir; MPIRUN, MPICC,
# MPICXX override the host tools; MPI_TEST_OUT the output directory
# (default $top_builddir/tests/mpi/out).
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
top_builddir=$(cd "$top_builddir" && pwd)
export top_srcdir top_builddir
src=$top_srcdir/tests/mpi
out=${MPI_TEST_OUT:-$top_builddir/tests/mpi/out}
mpirun=${MPIRUN:-mpirun}
[ "$mpirun" = no ] && mpirun=mpirun
mpicc=${MPICC:-mpicc}
mpicxx=${MPICXX:-mpicxx}
wmpicc=$top_builddir/sdk/wasm-mpicc
wmpicxx=$top_builddir/sdk/wasm-mpicxx
w2s=$top_builddir/wasm2so/wasm2so
wl=$top_builddir/loader/wasmload
limit=${MPI_TEST_TIMEOUT:-60}
fatal_limit=${FATAL_SECONDS:-20}

# Open MPI as root, oversubscribed on a small machine: yield when idle, no
# binding, shared memory only.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_mpi_yield_when_idle=1
export OMPI_MCA_hwloc_base_binding_policy=none OMPI_MCA_btl=self,vader

fail() { echo "run-mpi.sh: $*" >&2; exit 1; }

skip_reason() {
  sed -n "s|^$1[ 	][ 	]*||p" "$src/skipped.txt" | head -n 1
}
# meta SRC KEY: the text of a "/* KEY: ... */" or "// KEY: ..." line.
meta() {
  sed -n "s|^[ 	]*/[*/][ 	]*$2:[ 	]*\(.*\)$|\1|p" "$1" | sed 's|[ 	]*\*/[ 	]*$||' | head -n 1
}
now_ms() { date +%s%3N; }

# stale TARGET DEPS...: TARGET is missing or older than one of DEPS.
stale() {
  t=$1
  shift
  [ -f "$t" ] || return 0
  for d; do [ "$d" -nt "$t" ] && return 0; done
  return 1
}

# build NAME SRC WASMONLY: $out/bin/NAME.{wasm,so,native}, remade when stale.
build() {
  b=$out/bin/$1 s=$2
  mkdir -p "$(dirname "$b")" || return 1
  case $s in
  *.cc) wcc=$wmpicxx ncc=$mpicxx std=-std=c++17 ;;
  *) wcc=$wmpicc ncc=$mpicc std=-std=gnu11 ;;
  esac
  : > "$b.build.log"
  # what a build depends on besides the source: the headers beside it and
  # ours, the guest mpi.h, the compiler wrapper
  hdrs=$(ls "$(dirname "$s")"/*.h "$src"/include/*.h 2>/dev/null)
  if stale "$b.wasm" "$s" $hdrs "$wcc" "$top_srcdir/sdk/include/mpi.h"; then
    $wcc $std -O2 -Wall -I"$src/include" "$s" -o "$b.wasm" -lm >> "$b.build.log" 2>&1 || return 1
  fi
  if [ ! -f "$b.so" ] || [ "$b.wasm" -nt "$b.so" ] || [ "$w2s" -nt "$b.so" ]; then
    "$w2s" -O2 "$b.wasm" -o "$b.so" >> "$b.build.log" 2>&1 || return 1
  fi
  [ "$3" = yes ] && return 0
  if stale "$b.native" "$s" $hdrs; then
    $ncc $std -O2 -Wall -I"$src/include" "$s" -o "$b.native" -lm >> "$b.build.log" 2>&1 || return 1
  fi
}

# mpi_run OUTPREFIX N CMD...: one job under the time limit; .out .err .status .ms
mpi_run() {
  o=$1 n=$2
  shift 2
  t0=$(now_ms)
  timeout -k 5 "$limit" "$mpirun" -np "$n" --oversubscribe "$@" < /dev/null > "$o.out" 2> "$o.err"
  echo $? > "$o.status"
  echo $(( $(now_ms) - t0 )) > "$o.ms"
}

# A compared program: every rank count, native vs wasm.  Prints one verdict.
compared() {
  name=$1 s=$2
  ranks=$(meta "$s" ranks)
  [ -n "$ranks" ] || ranks=4
  args=$(meta "$s" args)
  want=$(meta "$s" status)
  [ -n "$want" ] || want=0
  bad= detail=
  for n in $ranks; do
    r=$out/run/$name.np$n
    mkdir -p "$(dirname "$r")"
    # shellcheck disable=SC2086  # args are words
    mpi_run "$r.native" "$n" "$out/bin/$name.native" $args
    mpi_run "$r.wasm" "$n" "$wl" "$out/bin/$name.so" $args
    ns=$(cat "$r.native.status") ws=$(cat "$r.wasm.status")
    why=
    [ "$ns" = "$want" ] || why="$why native status $ns, expected $want;"
    [ "$ns" = "$ws" ] || why="$why status native $ns vs wasm $ws;"
    [ "$ws" = 124 ] || [ "$ws" = 137 ] && why="$why wasm run timed out (${limit}s);"
    cmp -s "$r.native.out" "$r.wasm.out" || why="$why stdout differs;"
    if [ -n "$why" ]; then
      bad="$bad np$n:$why"
      detail="$detail
    --- np$n: diff native wasm (stdout)
$(diff "$r.native.out" "$r.wasm.out" | head -n 30 | sed 's/^/    /')
    --- np$n: wasm stderr
$(head -n 15 "$r.wasm.err" | sed 's/^/    /')"
    fi
  done
  if [ -z "$bad" ]; then
    echo "PASS $name (np $ranks)"
  else
    echo "FAIL $name:$bad$detail"
  fi
}

# expect_match OUT EXPECTED: the program's "label: CLASS" lines against the
# expectation file's (alternatives split by |).  Prints the mismatches.
expect_match() {
  awk '
    function lab(s) { i = index(s, ": "); return i ? substr(s, 1, i - 1) : s }
    function val(s) { i = index(s, ": "); return i ? substr(s, i + 2) : "" }
    NR == FNR { if ($0 ~ /^#/ || $0 == "") next; n++; l[n] = lab($0); alt[n] = val($0); next }
    { m++; if (m > n) { printf "    unexpected line: %s\n", $0; bad = 1; next }
      if (lab($0) != l[m]) { printf "    line %d: got \"%s\", expected label \"%s\"\n", m, $0, l[m]; bad = 1; next }
      k = split(alt[m], a, "|"); ok = (k == 0 && val($0) == ""); v = val($0)
      for (i = 1; i <= k; i++) if (v == a[i]) ok = 1
      if (!ok) { printf "    %s: got %s, expected %s\n", l[m], v, alt[m]; bad = 1 } }
    END { if (m < n) { printf "    output stops after %d of %d lines\n", m, n; bad = 1 }
          exit bad }' "$2" "$1"
}

# The runs of a wasm-only program: its //! RUN lines, and the lines
# "NAME RUN..." of tests/mpi/wasm-only.txt (for programs whose source we do
# not own).  None: the program is compared with its native build.
wasm_runs() {
  sed -n 's|^//! RUN \(.*\)$|\1|p' "$2"
  sed -n "s|^$1[ 	][ 	]*||p" "$src/wasm-only.txt" 2>/dev/null
}

# A wasm-only program: each run against its expectation.
hostile() {
  name=$1 s=$2
  runs=$(wasm_runs "$name" "$s")
  [ -n "$runs" ] || { echo "FAIL $name: no runs (//! RUN lines or wasm-only.txt)"; return; }
  i=0 bad= detail= times=
  while IFS= read -r line; do
    i=$((i + 1))
    cmd=${line%%=>*} exp=${line#*=>}
    set -- $cmd
    n=$1
    shift
    r=$out/run/$name.$i
    mkdir -p "$(dirname "$r")"
    mpi_run "$r" "$n" "$wl" "$out/bin/$name.so" "$@"
    st=$(cat "$r.status") ms=$(cat "$r.ms")
    set -- $exp
    kind=$1
    shift
    why=
    case $kind in
    return)
      [ "$st" = 0 ] || why="$why status $st, expected 0;"
      m=$(expect_match "$r.out" "$(dirname "$s")/$1") || why="$why output differs from $1;"
      [ -z "$m" ] || detail="$detail
    --- run $i ($cmd):
$m" ;;
    fatal)
      words=$*
      [ "$st" != 0 ] || why="$why status 0, expected non-zero;"
      [ "$st" = 124 ] || [ "$st" = 137 ] && why="$why timed out (${limit}s): a rank hung;"
      [ "$ms" -le $((fatal_limit * 1000)) ] || why="$why took ${ms} ms (limit ${fatal_limit} s);"
      found=$(awk -v w="$words" 'BEGIN { k = split(w, a, "|") }
        { ok = 1; for (i = 1; i <= k; i++) if (index($0, a[i]) == 0) ok = 0; if (ok) { print "y"; exit } }' "$r.err")
      [ "$found" = y ] || why="$why no stderr line with all of \"$words\";"
      times="$times ${ms}ms" ;;
    exit)
      [ "$st" = "$1" ] || why="$why status $st, expected $1;"
      [ "$ms" -le $((fatal_limit * 1000)) ] || why="$why took ${ms} ms (limit ${fatal_limit} s);"
      times="$times ${ms}ms" ;;
    *) why=" bad RUN line: $line" ;;
    esac
    if [ -n "$why" ]; then
      bad="$bad run $i ($cmd):$why"
      detail="$detail
    --- run $i ($cmd): stderr
$(head -n 12 "$r.err" | sed 's/^/    /')"
    fi
  done <<EOF
$runs
EOF
  if [ -z "$bad" ]; then
    echo "PASS $name ($i run$([ $i = 1 ] || echo s)${times:+; fatal ends:$times})"
  else
    echo "FAIL $name:$bad$detail"
  fi
}

# One program, by name: its verdict on stdout.
one() {
  name=$1
  s=
  for f in "$src/$name.c" "$src/$name.cc"; do [ -f "$f" ] && s=$f; done
  [ -n "$s" ] || { echo "FAIL $name: no source"; return; }
  reason=$(skip_reason "$name")
  [ -z "$reason" ] || { echo "SKIP $name ($reason)"; return; }
  wasmonly=no
  [ -z "$(wasm_runs "$name" "$s")" ] || wasmonly=yes
  case $name in hostile/*) wasmonly=yes ;; esac
  if ! build "$name" "$s" "$wasmonly"; then
    echo "FAIL $name: build failed ($out/bin/$name.build.log)"
    head -n 20 "$out/bin/$name.build.log" | sed 's/^/    /'
    return
  fi
  if [ $wasmonly = yes ]; then hostile "$name" "$s"; else compared "$name" "$s"; fi
}

# --build NAME: only build NAME's wasm .so (for run-valgrind.sh).
if [ "${1:-}" = --build ]; then
  s=$src/$2.c
  [ -f "$s" ] || s=$src/$2.cc
  build "$2" "$s" yes || { cat "$out/bin/$2.build.log" >&2; exit 1; }
  exit 0
fi

if [ "${1:-}" = --one ]; then
  one "$2" > "$out/res/$(echo "$2" | tr / .).res" 2>&1
  exit 0
fi

# The whole run: check the tools, then every program, MPI_TEST_JOBS at a time.
[ -x "$wl" ] || fail "$wl is not built"
[ -x "$w2s" ] || fail "$w2s is not built"
[ -x "$wmpicc" ] || fail "$wmpicc is not built (the sdk)"
[ -x "$wmpicxx" ] || fail "$wmpicxx is not built (the sdk)"
command -v "$mpirun" > /dev/null || fail "no $mpirun (install openmpi-bin)"
command -v "$mpicc" > /dev/null || fail "no $mpicc (install libopenmpi-dev)"
rm -rf "$out/res"
mkdir -p "$out/bin" "$out/run" "$out/res" || fail "cannot create $out"

if [ $# -gt 0 ]; then
  names=$*
else
  names=$(cd "$src" && find . -mindepth 2 \( -name '*.c' -o -name '*.cc' \) ! -path './include/*' |
          sed 's|^\./||; s|\.cc*$||' | sort)
fi
[ -n "$names" ] || fail "no programs in $src"
jobs=${MPI_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
printf '%s\n' $names | xargs -P "$jobs" -I{} sh "$0" --one {}

npass=0 nfail=0 nskip=0
for name in $names; do
  f=$out/res/$(echo "$name" | tr / .).res
  [ -s "$f" ] || echo "FAIL $name: the runner produced no verdict" > "$f"
  cat "$f"
  case $(head -c 4 "$f") in
  PASS) npass=$((npass + 1)) ;;
  SKIP) nskip=$((nskip + 1)) ;;
  *) nfail=$((nfail + 1)) ;;
  esac
done
echo "mpi: $npass passed, $nfail failed, $nskip skipped"
[ $nfail = 0 ]
