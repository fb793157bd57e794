#!/bin/sh
# headers.sh — the sdk's guest headers compile cleanly (-Wall -Wextra
# -pedantic -Werror) as C99, C11, C17, C++11 and C++17 with the wasm
# compiler; the ABI checks in mpi_abi_check.h really fire in every one of
# those modes (a copy of mpi.h with a 36-byte MPI_Status must not compile);
# omp.h, and the <sched.h>/<unistd.h> additions, compile in C and C++.
. "$(dirname "$0")/sdk-lib.sh"

strict="-Wall -Wextra -pedantic -Werror -fsyntax-only"
cat > "$out/use.c" <<'EOT'
#include <mpi.h>
#include <omp.h>
/* Use a handle, a status field and a callback constant so that the types
 * are exercised, not only declared. */
int use(MPI_Status *s) {
  MPI_Comm c = MPI_COMM_WORLD;
  MPI_Comm_copy_attr_function *copy = MPI_COMM_DUP_FN;
  return s->MPI_SOURCE + (c == MPI_COMM_NULL) + (copy == MPI_COMM_NULL_COPY_FN) +
         omp_get_thread_num();
}
EOT
cp "$out/use.c" "$out/use.cc"
for std in c99 c11 c17 gnu11; do
  check "mpi.h and omp.h compile as $std" "$mpicc" -std=$std $strict "$out/use.c"
done
for std in c++11 c++17; do
  check "mpi.h and omp.h compile as $std" "$mpicxx" -std=$std $strict "$out/use.cc"
done

# The checks fire: MPI_Status with 6 internal ints is 36 bytes.  Compiled
# with clang directly, so that the copies come first on the include path;
# the unmodified copies must compile with the same command.
mkdir -p "$out/good" "$out/broken"
for h in mpi.h mpi_proto.h mpi_abi_check.h; do
  cp "$top_srcdir/sdk/include/$h" "$out/good/" && cp "$top_srcdir/sdk/include/$h" "$out/broken/"
done
sed -i 's/int MPI_internal\[5\];/int MPI_internal[6];/' "$out/broken/mpi.h"
grep -q 'MPI_internal\[6\]' "$out/broken/mpi.h" || bad "could not make the broken mpi.h"
cc="${CLANG_WASM:-clang-19} --target=wasm32-wasi --sysroot=$top_builddir/sdk/sysroot"
for std in c99 c11 c++17; do
  case $std in c++*) lang="-x c++ -fno-exceptions" f=use.cc ;; *) lang="-x c" f=use.c ;; esac
  check "the unmodified copy compiles ($std)" $cc $lang -std=$std $strict -I"$out/good" \
    -I"$top_srcdir/sdk/include" "$out/$f"
  if $cc $lang -std=$std -fsyntax-only -I"$out/broken" -I"$top_srcdir/sdk/include" "$out/$f" \
      >"$out/broken-$std.log" 2>&1; then
    bad "a 36-byte MPI_Status is refused ($std): it compiled"
  elif grep -Eq 'MPI_Status is 32 bytes|mpi_abi_assert_line_' "$out/broken-$std.log"; then
    ok "a 36-byte MPI_Status is refused ($std)"
  else
    bad "a 36-byte MPI_Status is refused ($std): not by the ABI check"; head -n 5 "$out/broken-$std.log"
  fi
done

# Predefined handles are constants: they initialise statics (C and C++).
cat > "$out/static.c" <<'EOT'
#include <mpi.h>
static MPI_Comm comm = MPI_COMM_WORLD;
static MPI_Datatype types[] = {MPI_INT, MPI_DOUBLE, MPI_2INT};
static MPI_Op ops[2] = {MPI_SUM, MPI_MAXLOC};
static void *in_place = MPI_IN_PLACE;
int f(void) {
  return comm == MPI_COMM_WORLD && types[1] == MPI_DOUBLE && ops[1] == MPI_MAXLOC &&
         in_place == MPI_IN_PLACE;
}
EOT
cp "$out/static.c" "$out/static.cc"
check "predefined handles initialise statics (C99)" "$mpicc" -std=c99 $strict "$out/static.c"
check "predefined handles initialise statics (C++17)" "$mpicxx" -std=c++17 $strict "$out/static.cc"

# sched_getcpu and getpagesize are declared (wasi-libc hides them).
cat > "$out/posix.c" <<'EOT'
#ifndef _GNU_SOURCE /* C++ defines it */
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <unistd.h>
int f(void) { return sched_getcpu() + getpagesize(); }
EOT
cp "$out/posix.c" "$out/posix.cc"
check "sched_getcpu, getpagesize declared (C)" "$mpicc" -std=c11 $strict "$out/posix.c"
check "sched_getcpu, getpagesize declared (C++)" "$mpicxx" -std=c++17 $strict "$out/posix.cc"
finish
