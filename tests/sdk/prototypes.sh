#!/bin/sh
# prototypes.sh — mpi.h declares the whole MPI-3.1 C API with the standard's
# signatures: every function the host's Open MPI 4.1 (an MPI-3.1
# implementation) declares is declared by mpi.h with the same C type (clang's
# AST spelling; MPI_Fint read as int, which it is in both), and mpi.h is
# parsed as a host header for the comparison (its types are portable).
. "$(dirname "$0")/sdk-lib.sh"

hostcc=$(command -v mpicc || true)
[ -n "$hostcc" ] || { echo "$me: SKIP: no host mpicc (Open MPI) to compare with" >&2; exit 77; }
clang=${CLANG_WASM:-clang-19}
echo '#include <mpi.h>' > "$out/t.c"
# sigs FLAGS...: "name type" for every MPI_ function mpi.h declares.
sigs() {
  "$clang" -fsyntax-only -Xclang -ast-dump "$@" "$out/t.c" 2>"$out/ast.err" |
    sed -n -E "s/.*FunctionDecl.* (MPI_[A-Za-z0-9_]+) '([^']*)'.*/\\1 \\2/p" |
    sed 's/MPI_Fint/int/g' | sort -u
}
sigs -I"$top_srcdir/sdk/include" > "$out/sdk.sig"
# shellcheck disable=SC2046
sigs $("$hostcc" --showme:compile) > "$out/ompi.sig"
n_sdk=$(wc -l < "$out/sdk.sig") n_ompi=$(wc -l < "$out/ompi.sig")
echo "mpi.h declares $n_sdk MPI_ functions; Open MPI's mpi.h $n_ompi"
[ "$n_sdk" -gt 400 ] && ok "mpi.h parses and declares $n_sdk functions" || bad "mpi.h declares only $n_sdk functions"
[ "$n_ompi" -gt 300 ] || { bad "could not read Open MPI's prototypes"; cat "$out/ast.err"; finish; exit 1; }
while read -r name type; do
  mine=$(awk -v n="$name" '$1 == n { $1 = ""; sub(/^ /, ""); print }' "$out/sdk.sig")
  if [ -z "$mine" ]; then bad "$name ($type): not declared by mpi.h"
  elif [ "$mine" = "$type" ]; then ok "$name: $type"
  else bad "$name: mpi.h has '$mine', Open MPI '$type'"
  fi
done < "$out/ompi.sig"
finish
