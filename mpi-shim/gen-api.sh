#!/bin/sh
# gen-api.sh MODE TABLE — run gen-api.awk (and the kind files it uses) on the
# table of the MPI API; MODE as in gen-api.awk.  AWK overrides awk.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 MODE TABLE" >&2; exit 2; }
d=$(dirname "$0")
exec ${AWK:-awk} -v out="$1" -f "$d/gen-api.awk" -f "$d/gen-kinds.awk" -f "$d/gen-kinds-coll.awk" \
  -f "$d/gen-kinds-type.awk" -f "$d/gen-kinds-comm.awk" "$2"
