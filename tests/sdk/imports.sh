#!/bin/sh
# imports.sh — the MPI imports against the table of the MPI API
# (mpi-shim/mpi-api.tab): every function it lists is declared by mpi.h, with
# the C prototype the table's kinds give (a generated file of prototypes
# compiles against mpi.h: a disagreement is a conflicting-types error), is
# imported as "mpi"."MPI_Name", and its Wasm signature from mpi.h's prototype
# equals the table's; every function mpi.h declares is in the table,
# implemented or listed as missing; a function the shim lacks fails to link
# naming it (with mpi.h, and declared by hand as autoconf's AC_CHECK_FUNC
# does), while one it has links.
. "$(dirname "$0")/sdk-lib.sh"

list=$top_builddir/sdk/lib/mpi-imports.txt
[ -f "$list" ] || { bad "no $list"; finish; exit 1; }

# The table's entries: "name params results" per line, as the shim's import
# table has them.
tab=$top_srcdir/mpi-shim/mpi-api.tab gen=$top_srcdir/mpi-shim/gen-api.sh
sh "$gen" sigs "$tab" | sort -u > "$out/defs.txt"
ndefs=$(wc -l < "$out/defs.txt")
echo "the shim lists $ndefs functions; mpi-imports.txt has $(wc -l < "$list")"

# Every prototype: the table's C types against mpi.h's declarations.
sh "$gen" proto "$tab" > "$out/proto.c"
if "$mpicc" -c -Werror "$out/proto.c" -o "$out/proto.o" 2>"$out/proto.log"; then
  ok "the table's $ndefs prototypes agree with mpi.h"
else
  bad "the table's prototypes disagree with mpi.h:"; grep error "$out/proto.log" | head -n 20
fi
# The check can fail: one parameter's constness changed is an error.
sed 's/^int MPI_Send(const void \*/int MPI_Send(void */' "$out/proto.c" > "$out/proto-bad.c"
check_fails "a prototype that differs from mpi.h's (MPI_Send's buffer not const) is refused" \
  "$mpicc" -c -Werror "$out/proto-bad.c" -o "$out/proto-bad.o"
# Every function mpi.h declares is in the table, implemented or missing.
grep -oE '^(int|double|MPI_Aint) +MPI_[A-Za-z0-9_]+\(' "$top_srcdir/sdk/include/mpi_proto.h" |
  sed 's/.* //; s/($//' | sort -u > "$out/declared.txt"
{ sh "$gen" names "$tab"; sh "$gen" missing "$tab"; } | sort > "$out/tabled.txt"
untabled=$(comm -23 "$out/declared.txt" "$out/tabled.txt" | tr '\n' ' ')
extra=$(comm -13 "$out/declared.txt" "$out/tabled.txt" | tr '\n' ' ')
if [ -z "$untabled$extra" ]; then
  ok "the table lists each of mpi.h's $(wc -l < "$out/declared.txt") functions once"
else
  bad "mpi.h and the table differ: not in the table: $untabled; not in mpi.h: $extra"
fi

# Functions removed from MPI in 3.0 (not in MPI-3.1, nor in the ABI): mpi.h
# does not declare them, even if the shim keeps them for old hosts.
removed=" MPI_Address MPI_Errhandler_create MPI_Errhandler_get MPI_Errhandler_set MPI_Type_extent MPI_Type_hindexed MPI_Type_hvector MPI_Type_lb MPI_Type_struct MPI_Type_ub "
while read -r name p r; do
  if grep -qx "$name" "$list"; then :
  else
    case $removed in
    *" $name "*) ok "$name (removed in MPI-3.0) is not declared by mpi.h" ;;
    *) bad "$name is implemented by the shim but not declared by mpi.h (not importable)" ;;
    esac
  fi
done < "$out/defs.txt"

# One program that takes the address of every import, so each appears in
# the import section with the signature clang derives from mpi.h.
{ echo '#include <mpi.h>'
  echo 'void *keep[] = {'
  sed 's/.*/  (void *)&, /' "$list"
  echo '  0 };'
  echo 'int main(void) { return keep[0] == 0; }'; } > "$out/all.c"
if "$mpicc" "$out/all.c" -o "$out/all.wasm" 2>"$out/all.log"; then
  ok "a program referencing every import links"
  wasm-objdump -x "$out/all.wasm" > "$out/all.dump"
  # type index -> "params results" in the table's alphabet (i I f d).
  awk '
    /^ - type\[/ {
      t = $2; sub(/type\[/, "", t); sub(/\]/, "", t)
      s = $0; sub(/^[^(]*\(/, "", s); split(s, pr, /\) -> /)
      ps = pr[1]; rs = pr[2]
      gsub(/i32/, "i", ps); gsub(/i64/, "I", ps); gsub(/f32/, "f", ps); gsub(/f64/, "d", ps)
      gsub(/[ ,]/, "", ps)
      gsub(/i32/, "i", rs); gsub(/i64/, "I", rs); gsub(/f32/, "f", rs); gsub(/f64/, "d", rs)
      gsub(/[ ,()]/, "", rs); if (rs == "nil") rs = ""
      sig[t] = ps " " rs
    }
    / <- mpi\./ {
      t = $3; sub(/sig=/, "", t)
      n = $NF; sub(/^mpi\./, "", n)
      print n, sig[t]
    }' "$out/all.dump" | sort > "$out/imported.txt"
  while read -r name p r; do
    grep -qx "$name" "$list" || continue
    got=$(awk -v n="$name" '$1 == n { print $2 "|" $3 }' "$out/imported.txt")
    if [ -z "$got" ]; then bad "$name is not imported from module mpi"
    elif [ "$got" = "$p|$r" ]; then ok "$name: mpi.h's signature ($p)->($r) is the shim's"
    else bad "$name: mpi.h gives (${got%|*})->(${got#*|}), the shim's table says ($p)->($r)"
    fi
  done < "$out/defs.txt"
else
  bad "a program referencing every import links"; head -n 20 "$out/all.log"
fi

# A function the shim does not implement: the link fails, naming it.
missing=
for f in MPI_Comm_spawn MPI_File_open MPI_Win_create MPI_Comm_join MPI_T_init_thread MPI_Open_port; do
  grep -qx "$f" "$list" || { missing=$f; break; }
done
have=$(head -n 1 "$list")
if [ -n "$missing" ]; then
  cat > "$out/missing.c" <<EOT
#include <mpi.h>
int main(void) { return (int)(MPI_Comm_spawn != 0) + (int)(void *)$missing != 0 ? 0 : 1; }
EOT
  # Call it for real (not only take its address).
  case $missing in
  MPI_Comm_spawn) call='MPI_Comm_spawn("x", MPI_ARGV_NULL, 1, MPI_INFO_NULL, 0, MPI_COMM_SELF, 0, MPI_ERRCODES_IGNORE)' ;;
  MPI_File_open) call='MPI_File_open(MPI_COMM_SELF, "x", MPI_MODE_RDONLY, MPI_INFO_NULL, 0)' ;;
  MPI_Win_create) call='MPI_Win_create(0, 0, 1, MPI_INFO_NULL, MPI_COMM_SELF, 0)' ;;
  MPI_Comm_join) call='MPI_Comm_join(0, 0)' ;;
  MPI_T_init_thread) call='MPI_T_init_thread(0, 0)' ;;
  MPI_Open_port) call='MPI_Open_port(MPI_INFO_NULL, 0)' ;;
  esac
  printf '#include <mpi.h>\nint main(void) { return %s; }\n' "$call" > "$out/missing.c"
  check "a call to $missing compiles" "$mpicc" -c "$out/missing.c" -o "$out/missing.o"
  if "$mpicc" "$out/missing.o" -o "$out/missing.wasm" >"$out/missing.log" 2>&1; then
    bad "a program calling $missing (not in the shim) linked"
  elif grep -q "undefined symbol: $missing" "$out/missing.log"; then
    ok "a program calling $missing fails to link: undefined symbol: $missing"
  else
    bad "the link of $missing failed without naming it"; head -n 5 "$out/missing.log"
  fi
  expect_match "the link error says $missing is not provided by wasm2so's MPI" \
    "$(cat "$out/missing.log")" "^wasm-mpicc: error: $missing is not provided by wasm2so's MPI"
  # As autoconf's AC_CHECK_FUNC writes it: its own declaration, no mpi.h.
  printf 'char %s ();\nint main(void) { return %s (); }\n' "$missing" "$missing" > "$out/probe-no.c"
  check_fails "AC_CHECK_FUNC-style probe of $missing fails" "$mpicc" "$out/probe-no.c" -o "$out/probe-no.wasm"
else
  bad "no unimplemented function left to test among the candidates"
fi
if [ -n "$have" ]; then
  printf 'char %s ();\nint main(void) { return %s (); }\n' "$have" "$have" > "$out/probe-yes.c"
  check "AC_CHECK_FUNC-style probe of $have (implemented) links" "$mpicc" "$out/probe-yes.c" \
    -o "$out/probe-yes.wasm"
  printf '#include <mpi.h>\nvoid *p = (void *)%s;\nint main(void) { return p == 0; }\n' "$have" > "$out/have.c"
  check "$have links with mpi.h" "$mpicc" "$out/have.c" -o "$out/have.wasm"
  check "$have is imported as mpi.$have" sh -c \
    "wasm-objdump -x -j Import '$out/have.wasm' | grep -q '<- mpi\\.$have\$'"
fi
finish
