#!/bin/sh
# coverage.sh — which of the MPI functions issue #4 lists (functions.txt) no
# program under tests/mpi calls.  A call is the name followed by "(" in a
# .c/.cc/.h source outside comments.  Prints the functions not called, then
# "coverage: N of M listed functions called" and the MPI functions called
# that the list does not name.  Exit status 1 if any listed one is missing.
# With an argument (a directory under tests/mpi, e.g. apps), only that one.
set -u
src=$(cd "$(dirname "$0")" && pwd)
dir=$src${1:+/$1}
called=$(find "$dir" \( -name '*.c' -o -name '*.cc' -o -name '*.h' \) -exec cat {} + |
         perl -0pe 's{/\*.*?\*/}{}gs; s{//[^\n]*}{}g' |
         grep -o 'MPI_[A-Z][a-z_0-9]*[ 	]*(' | sed 's/[ 	]*($//' | sort -u)
total=0 missing=0
for f in $(grep -v '^#' "$src/functions.txt" | grep .); do
  total=$((total + 1))
  if ! printf '%s\n' "$called" | grep -qx "$f"; then
    echo "not called by any test: $f"
    missing=$((missing + 1))
  fi
done
echo "coverage: $((total - missing)) of $total listed functions called"
extra=$(printf '%s\n' "$called" | grep -vxF -f "$src/functions.txt" | tr '\n' ' ')
[ -z "$extra" ] || echo "also called (not in the list): $extra"
[ $missing = 0 ]
