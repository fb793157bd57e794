#!/bin/sh
# api-gen.sh — mpi-shim/gen-api.sh on tables it must refuse, and on one it
# must accept: a mistake in mpi-api.tab stops the build with a message naming
# the line and what is wrong, never a wrapper generated from a guess.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
gen=$top_srcdir/mpi-shim/gen-api.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0 n=0

# refuse NAME MODE MESSAGE-REGEX TABLE-LINES
refuse() {
  n=$((n + 1))
  printf '%s\n' "$4" > "$tmp/t.tab"
  if sh "$gen" "$2" "$tmp/t.tab" > "$tmp/out" 2> "$tmp/err"; then
    echo "api-gen.sh: FAIL $1: accepted"; bad=1
  elif ! grep -Eq "$3" "$tmp/err"; then
    echo "api-gen.sh: FAIL $1: message '$(head -n 1 "$tmp/err")' does not match /$3/"; bad=1
  fi
}

refuse "unknown kind" h "t.tab:2: MPI_X: unknown kind frob" "group p2p
MPI_X gen comm:comm y:frob"
refuse "no kind" h "t.tab:1: MPI_X: parameter comm has no kind" "MPI_X gen comm"
refuse "listed twice" h "t.tab:2: MPI_X listed twice" "MPI_X hand comm:comm
MPI_X hand comm:comm"
refuse "unknown flag" h "t.tab:1: unknown flag quick" "MPI_X gen,quick comm:comm"
refuse "no body flag" h "t.tab:1: MPI_X: neither gen nor hand" "MPI_X fast comm:comm"
refuse "not a name" h "t.tab:1: expected a function name, got Send" "Send gen comm:comm"
refuse "fast without a fast path" c "t.tab:2: MPI_X: flag fast on a kind that has no fast path" "group comm
MPI_X gen,fast group:group size:int*"
refuse "buffer without its datatype" c "t.tab:2: MPI_X: buffer buf needs a datatype parameter" "group p2p
MPI_X gen buf:sbuf(count,dt) count:int dt:int"
refuse "kind the generator lacks" c "t.tab:2: MPI_X: kind argv is not generated" "group p2p
MPI_X gen argc:int* argv:argv"
refuse "unknown length" c "MPI_X: cannot generate length nope" "group comm
MPI_X gen comm:comm a:int[nope]"

# A good table: the wrapper, its prototype and its import entry.
n=$((n + 1))
printf 'group p2p\nMPI_Send gen,fast buf:sbuf(count,datatype) count:int datatype:type dest:rank tag:tag comm:comm\n' > "$tmp/t.tab"
if sh "$gen" c "$tmp/t.tab" > "$tmp/c" 2> "$tmp/err" && sh "$gen" h "$tmp/t.tab" > "$tmp/h" &&
   sh "$gen" sigs "$tmp/t.tab" > "$tmp/s"; then
  grep -q '^int32_t ms_MPI_Send(wasmso_vmctx \*vm, uint32_t buf, int32_t count, uint32_t datatype, int32_t dest, int32_t tag, uint32_t comm) {$' "$tmp/c" &&
    grep -q 'return ms_slow_MPI_Send(vm, buf, count, datatype, dest, tag, comm);' "$tmp/c" &&
    grep -q 'ms_MPI_Send(wasmso_vmctx \*vm, uint32_t buf' "$tmp/h" &&
    [ "$(cat "$tmp/s")" = "MPI_Send iiiiii i" ] ||
    { echo "api-gen.sh: FAIL good table: unexpected output"; bad=1; }
else
  echo "api-gen.sh: FAIL good table: refused: $(cat "$tmp/err")"; bad=1
fi
# Every hand-written wrapper of the real table says why: its file's header
# comment names it after "hand-written:".
tab=$top_srcdir/mpi-shim/mpi-api.tab
sed -n '/^\/\*/,/\*\//p' "$top_srcdir"/mpi-shim/*.c | sed -n '/hand-written:/,/\*\//p' |
  grep -o 'MPI_[A-Za-z0-9_]*' | sort -u > "$tmp/named"
nhand=0
for f in $(sh "$gen" hand "$tab"); do
  nhand=$((nhand + 1))
  grep -qx "$f" "$tmp/named" || { echo "api-gen.sh: FAIL $f is hand-written but no file says why (hand-written: ...)"; bad=1; }
done
[ $bad = 0 ] && echo "api-gen.sh: $n tables, each refused or accepted as it should be; the $nhand hand-written wrappers each named with a reason"
exit $bad
