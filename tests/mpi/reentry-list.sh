#!/bin/sh
# reentry-list.sh — the re-entrancy rule is enforced in one place: check it.
#  1. every call that runs guest code goes through ms_guest_call (the only
#     wl_call in mpi-shim/ is in ms_guest.c), which counts ms_guest_depth;
#  2. every function the table (mpi-shim/mpi-api.tab) flags "frees" — the
#     generated ms_reentry_refused_fns — has a wrapper ms_MPI_Name, generated
#     (build tree's mpi-shim/ms_api_gen.c) or hand-written (mpi-shim/*.c),
#     whose first statement is MS_NO_REENTRY(vm, "MPI_Name");
#  3. every MS_NO_REENTRY in the wrappers names a function of that list, its own.
# Whether the check then refuses the calls is tests/mpi/hostile/reentry*.c.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir/build}
d=$top_srcdir/mpi-shim
gen=$top_builddir/mpi-shim/ms_api_gen.c
[ -f "$gen" ] || { echo "reentry-list.sh: $gen not generated (build first)" >&2; exit 1; }
bad=0
err() { echo "reentry-list.sh: $*" >&2; bad=1; }

calls=$(grep -l 'wl_call(' "$d"/*.c | sed 's|.*/||')
[ "$calls" = ms_guest.c ] || err "wl_call outside ms_guest.c: $calls"
grep -q '^  ms_guest_depth++;$' "$d/ms_guest.c" || err "ms_guest_call does not count ms_guest_depth"

list=$(sh "$d/gen-api.sh" frees "$d/mpi-api.tab")
[ -n "$list" ] || err "no function flagged frees in mpi-api.tab"
n=0
for f in $list; do
  n=$((n + 1))
  first=$(awk -v f="$f" '
    index($0, "int32_t ms_" f "(") == 1 { body = 1; if ($0 !~ /\{$/) next }
    body && /\{$/ && !open { open = 1; next }
    open { sub(/^[ \t]+/, ""); print; exit }' "$d"/*.c "$gen")
  [ "$first" = "MS_NO_REENTRY(vm, \"$f\");" ] || err "$f: the wrapper does not begin with MS_NO_REENTRY (first statement: $first)"
done
for f in $(grep -ho 'MS_NO_REENTRY(vm, "MPI_[A-Za-z_]*")' "$d"/*.c "$gen" | grep -o 'MPI_[A-Za-z_]*'); do
  echo "$list" | grep -qx "$f" || err "$f checks MS_NO_REENTRY but is not in ms_reentry_refused_fns"
done
others=$(grep -n 'MS_NO_REENTRY(' "$d"/*.c "$gen" | grep -v 'MS_NO_REENTRY(vm, "MPI_' | grep -v '^[^:]*:[0-9]*: *\*')
[ -z "$others" ] || err "MS_NO_REENTRY not naming its function: $others"
[ $bad = 0 ] && echo "reentry-list.sh: $n refused calls, each wrapper checks first"
exit $bad
