#!/bin/sh
# coverage.sh — which of the MPI functions issue #4 lists (functions.txt) no
# program under tests/mpi calls.  A call is the name followed by "(" in a
# .c/.cc source (comments are not told apart: keep names out of comments
# that are not calls... they are rare enough to check by eye).  Prints the
# functions not called, then "coverage: N of M listed functions called".
# Exit status 1 if any is missing.
set -u
src=$(cd "$(dirname "$0")" && pwd)
called=$(find "$src" \( -name '*.c' -o -name '*.cc' -o -name '*.h' \) -exec cat {} + |
         sed 's|//.*$||' | grep -o 'MPI_[A-Z][a-z_0-9]*[ 	]*(' | sed 's/[ 	]*($//' | sort -u)
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
