#!/bin/sh
# constants.sh — mpi.h and the shim agree on every ABI value: a wasm guest
# prints the value of each constant and predefined handle of mpi.h, a host
# program prints each of mpi-shim/ms_abi.h's ABI_* values (the shim's copy
# of the same tables), and every ABI_ value must appear in mpi.h with the
# same value; and MPI_Get_version, run in the guest, gives mpi.h's
# MPI_VERSION.MPI_SUBVERSION.  Constants of mpi.h the shim does not list are
# named in the log (they need no translation, e.g. MPI_T_ enums), not judged.
. "$(dirname "$0")/sdk-lib.sh"

abi=$top_srcdir/mpi-shim/ms_abi.h
[ -f "$abi" ] || { echo "$me: SKIP: no $abi yet" >&2; exit 77; }
[ -x "$wl" ] || { bad "$wl is not built"; finish; exit 1; }

# The constants mpi.h defines: object-like MPI_ macros with a value, and
# enumerators (header guards excluded).
cat "$top_srcdir/sdk/include/mpi.h" "$top_srcdir/sdk/include/mpi_proto.h" |
  sed -n -e 's/^#define \(MPI_[A-Z0-9_]*\)[ 	][ 	]*[^ 	].*/\1/p' \
         -e 's/^[ 	]*\(MPI_[A-Z0-9_]*\)[ 	]*=.*/\1/p' |
  grep -v '_H_WASM2SO$' | sort -u > "$out/mpi-names.txt"
{ cat <<'EOT'
#include <mpi.h>
#include <stdio.h>
#define P(n) printf("%s %lld\n", #n, (long long)(intptr_t)(n))
int main(void) {
EOT
  sed 's/.*/  P(&);/' "$out/mpi-names.txt"
  cat <<'EOT'
  int v = -1, sv = -1, rc = MPI_Get_version(&v, &sv);
  printf("Get_version %d %d.%d\n", rc, v, sv);
  return 0;
}
EOT
} > "$out/guest.c"

# ms_abi.h's names, under their mpi.h names.
sed -n 's/^#define \(ABI_[A-Z0-9_]*\)[ 	][ 	]*[^ 	].*/\1/p' "$abi" | sort -u |
  while read -r a; do
    case $a in
    ABI_VERSION_MAJOR) m=MPI_ABI_VERSION ;;
    ABI_VERSION_MINOR) m=MPI_ABI_SUBVERSION ;;
    # The standard the ABI belongs to (5.0), not the API level mpi.h gives
    # as MPI_VERSION (3.1, what MPI_Get_version returns): checked below.
    ABI_MPI_VERSION|ABI_MPI_SUBVERSION) continue ;;
    ABI_PREDEF_LIMIT) continue ;; # the shim's own bound, not an MPI constant
    *) m=MPI_${a#ABI_} ;;
    esac
    echo "$a $m"
  done > "$out/abi-names.txt"
{ echo '#include <stdio.h>'
  echo "#include \"$abi\""
  echo 'int main(void) {'
  awk '{ printf "  printf(\"%%s %%lld\\n\", \"%s\", (long long)(%s));\n", $2, $1 }' "$out/abi-names.txt"
  echo '  return 0;'
  echo '}'; } > "$out/host.c"

check "the guest program builds (wasm-mpicc)" "$mpicc" -O1 "$out/guest.c" -o "$out/guest.wasm"
check "the host program builds against ms_abi.h" cc -std=c11 -o "$out/host" "$out/host.c"
(cd "$out" && run_guest guest.wasm) > "$out/guest.txt" 2>"$out/guest.err" ||
  { bad "the guest program runs"; cat "$out/guest.err"; finish; exit 1; }
"$out/host" > "$out/host.txt" || { bad "the host program runs"; finish; exit 1; }
echo "mpi.h: $(wc -l < "$out/guest.txt") constants; ms_abi.h: $(wc -l < "$out/host.txt")"

while read -r name value; do
  got=$(awk -v n="$name" '$1 == n { print $2 }' "$out/guest.txt")
  if [ -z "$got" ]; then bad "$name: in ms_abi.h ($value), not in mpi.h"
  elif [ "$got" = "$value" ]; then ok "$name = $value"
  else bad "$name: mpi.h says $got, ms_abi.h says $value"
  fi
done < "$out/host.txt"
# MPI_VERSION.MPI_SUBVERSION is what the shim's MPI_Get_version says.
hv=$(awk '$1 == "MPI_VERSION" { v = $2 } $1 == "MPI_SUBVERSION" { s = $2 } END { print v "." s }' "$out/guest.txt")
expect_eq "MPI_Get_version (run in the guest) equals MPI_VERSION.MPI_SUBVERSION" \
  "$(sed -n 's/^Get_version //p' "$out/guest.txt")" "0 $hv"
awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen) && $1 != "Get_version" { print $1 }' "$out/host.txt" "$out/guest.txt" \
  > "$out/only-in-mpi-h.txt"
echo "mpi.h constants the shim does not list: $(wc -l < "$out/only-in-mpi-h.txt") (see $out/only-in-mpi-h.txt)"
finish
