#!/bin/sh
# wrappers.sh — wasm-mpicc / wasm-mpicxx behave like mpicc / mpicxx: -show
# and --showme:* print the command and flags; -c compiles only; several
# sources, separate compile and link, -l/-L, -D/-I pass through; flags that
# mean nothing for wasm32 are dropped and -O4+ clamped; never
# --allow-undefined; the programs built run under wasmload with the right
# output (C, C++, serial OpenMP).
. "$(dirname "$0")/sdk-lib.sh"

# ---- -show and --showme ----
s=$("$mpicc" -show -O2 a.c -o a.wasm)
expect_match "-show: clang for wasm32-wasi" "$s" '^[^ ]*clang[^ ]* --target=wasm32-wasi '
expect_match "-show: a sysroot of wasi-libc only" "$s" "--sysroot=$top_builddir/sdk/sysroot "
expect_match "-show: the sdk's headers" "$s" "-I$top_srcdir/sdk/include "
expect_match "-show: exports malloc, free and the table" "$s" \
  '-Wl,--export=malloc -Wl,--export=free -Wl,--export-table'
expect_match "-show: the explicit import list" "$s" "--allow-undefined-file=$top_builddir/sdk/lib/mpi-imports.txt"
expect_nomatch "-show: never --allow-undefined alone" "$s" '--allow-undefined( |$)'
expect_match "-show: the user's arguments in order" "$s" ' -O2 a\.c -o a\.wasm '
expect_match "-show: compat and emulation libraries last" "$s" \
  'a\.wasm -lwasm2so_compat -lwasi-emulated-process-clocks -lwasi-emulated-signal -lwasi-emulated-getpid -lwasi-emulated-mman$'
expect_match "-show: wasi-libc emulations enabled" "$s" \
  '-D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_GETPID'
expect_eq "--showme equals -show" "$("$mpicc" --showme -O2 a.c -o a.wasm)" "$s"
s=$("$mpicc" -show -c a.c)
expect_nomatch "-show -c: no link flags" "$s" '-Wl,|-lwasm2so_compat'
expect_match "-show -c: compile flags" "$s" '--target=wasm32-wasi .* -c a\.c$'
s=$("$mpicc" -show -I/first -Dfoo=1 -c a.c)
expect_match "-show: sdk headers before the user's -I" "$s" "-I$top_srcdir/sdk/include .*-I/first"
c=$("$mpicc" --showme:compile)
expect_match "--showme:compile" "$c" '^--target=wasm32-wasi --sysroot=.* -D_WASI_EMULATED_MMAN$'
l=$("$mpicc" --showme:link)
expect_match "--showme:link" "$l" '-Wl,--export-table .* -lwasm2so_compat'
expect_match "--showme:command" "$("$mpicc" --showme:command)" 'clang'
expect_match "wasm-mpicxx --showme:command is the C++ driver" "$("$mpicxx" --showme:command)" \
  'clang.* --driver-mode=g\+\+$'
expect_match "wasm-mpicxx: no exceptions (as wasi-libc's libc++)" "$("$mpicxx" -show -c a.cc)" '-fno-exceptions'
expect_eq "--showme:libdirs" "$("$mpicc" --showme:libdirs)" "$top_builddir/sdk/lib"
expect_match "--showme:incdirs" "$("$mpicc" --showme:incdirs)" "$top_srcdir/sdk/include"
expect_match "--showme:version" "$("$mpicc" --showme:version)" 'wasm2so .*clang version 19'
expect_match "-compile_info" "$("$mpicc" -compile_info -c a.c)" '--target=wasm32-wasi .*-c a\.c$'
expect_match "-link_info" "$("$mpicc" -link_info a.o)" '--export-table .*a\.o -lwasm2so_compat'
check_fails "--showme:nonsense is refused" "$mpicc" --showme:nonsense
check_fails "no input files is an error" "$mpicc" -O2

# ---- dropped and clamped flags ----
s=$("$mpicc" -show -march=native -mtune=skylake -mcpu=neoverse-n1 -mavx2 -mavx512f -msse4.2 \
    -mfma -m64 -fopenmp -pthread -O4 -c a.c)
for f in -march=native -mtune=skylake -mcpu=neoverse-n1 -mavx2 -mavx512f -msse4.2 -mfma -m64 \
    -fopenmp -pthread -O4; do
  expect_nomatch "dropped: $f" "$s" " $f( |$)"
done
expect_match "-O4 becomes -O3" "$s" ' -O3 -c a\.c$'
expect_match "-O9 becomes -O3" "$("$mpicc" -show -O9 -c a.c)" ' -O3 -c a\.c$'
expect_match "-Ofast is kept" "$("$mpicc" -show -Ofast -c a.c)" ' -Ofast -c a\.c$'
expect_match "-O2 is kept" "$("$mpicc" -show -O2 -c a.c)" ' -O2 -c a\.c$'
expect_nomatch "-lmpi and -rpath dropped" "$("$mpicc" -show a.o -lmpi -Wl,-rpath,/x)" '-lmpi|rpath'
s=$("$mpicc" -show a.o -Wl,-rpath,/x,--as-needed,-O1 -Wl,--start-group -la -Wl,--end-group \
    -Wl,-soname,libq.so.1 -Wl,-rpath -Wl,/y -Wl,-z,relro)
expect_nomatch "ELF-only linker options dropped from -Wl lists" "$s" \
  'rpath|/x|/y|as-needed|start-group|end-group|soname|libq'
expect_match "the other -Wl options kept" "$s" ' a\.o -Wl,-O1 -la -Wl,-z,relro '
expect_match "-lstdc++ becomes libc++" "$("$mpicc" -show a.o -lstdc++)" ' a\.o -lc\+\+ -lc\+\+abi '
check_fails "-shared is refused" "$mpicc" -shared a.c -o a.so
expect_match "-shared: a clear message" "$(cat "$out/last.log")" 'cannot be a shared library'
expect_match "WASM_MPICC_VERBOSE notes a dropped flag" \
  "$(WASM_MPICC_VERBOSE=1 "$mpicc" -show -march=native -c a.c 2>&1 >/dev/null)" 'dropped -march=native'

# ---- builds: several sources, -c then link, -l/-L, -D/-I ----
mkdir -p "$out/inc"
cat > "$out/inc/sq.h" <<'EOT'
int sq(int);
int cube(int);
EOT
cat > "$out/main.c" <<'EOT'
#include <stdio.h>
#include <sq.h>
int main(void) { printf("%d %d %d\n", sq(7), cube(3), SCALE); return 0; }
EOT
echo 'int sq(int x) { return x * x; }' > "$out/sq.c"
echo 'int cube(int x) { return x * x * x; }' > "$out/cube.c"
check "several sources in one command" "$mpicc" -O2 -march=native -I"$out/inc" -DSCALE=5 \
  "$out/main.c" "$out/sq.c" "$out/cube.c" -o "$out/multi.wasm"
check "runs: several sources" sh -c "[ \"\$(cd '$out' && '$w2s' -O1 multi.wasm -o multi.so && '$wl' multi.so)\" = '49 27 5' ]"
check "-c of each source" sh -c "cd '$out' && '$mpicc' -c -O2 -I inc -DSCALE=6 main.c && '$mpicc' -c sq.c cube.c"
check "-c makes objects" test -f "$out/main.o" -a -f "$out/sq.o" -a -f "$out/cube.o"
check "a static library of wasm objects (llvm-ar)" sh -c "cd '$out' && rm -f libsq.a && llvm-ar-19 rcs libsq.a sq.o cube.o"
check "link objects with -L/-l" sh -c "cd '$out' && '$mpicc' main.o -L. -lsq -lm -o lib.wasm"
check "runs: -L/-l" sh -c "[ \"\$(cd '$out' && '$w2s' -O1 lib.wasm -o lib.so && '$wl' lib.so)\" = '49 27 6' ]"
check "exports malloc, free and the function table" sh -c \
  "wasm-objdump -x -j Export '$out/lib.wasm' | grep -q '\"malloc\"' && wasm-objdump -x -j Export '$out/lib.wasm' | grep -q '\"free\"' && wasm-objdump -x -j Export '$out/lib.wasm' | grep -q 'table\\['"

# ---- function pointers never take the ABI's reserved values 0 and 1 ----
cat > "$out/fnptr.c" <<'EOT'
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
static int copy_a(MPI_Comm c, int k, void *e, void *in, void *out, int *flag) {
  (void)c, (void)k, (void)e, (void)in, (void)out;
  return *flag = 0;
}
static int copy_b(MPI_Comm c, int k, void *e, void *in, void *out, int *flag) {
  (void)c, (void)k, (void)e, (void)in, (void)out;
  return *flag = 1;
}
int main(void) {
  MPI_Comm_copy_attr_function *fns[] = {copy_a, copy_b};
  int reserved = 0;
  for (int i = 0; i < 2; i++)
    reserved += fns[i] == MPI_COMM_NULL_COPY_FN || fns[i] == MPI_COMM_DUP_FN;
  printf("%d\n", reserved);
  return 0;
}
EOT
check "a program with address-taken functions builds" "$mpicc" -O0 "$out/fnptr.c" -o "$out/fnptr.wasm"
check "no guest function pointer equals MPI_COMM_NULL_COPY_FN (0) or MPI_COMM_DUP_FN (1)" sh -c \
  "[ \"\$(cd '$out' && '$w2s' -O1 fnptr.wasm -o fnptr.so && '$wl' fnptr.so)\" = 0 ]"

# ---- C++ ----
cat > "$out/vec.cc" <<'EOT'
#include <mpi.h>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>
int main() {
  std::vector<int> v(10);
  std::iota(v.begin(), v.end(), 1);
  std::string s = "sum=" + std::to_string(std::accumulate(v.begin(), v.end(), 0));
  std::printf("%s status=%zu\n", s.c_str(), sizeof(MPI_Status));
  return 0;
}
EOT
check "wasm-mpicxx builds C++ with mpi.h and libc++" "$mpicxx" -std=c++17 -O2 -march=native \
  "$out/vec.cc" -o "$out/vec.wasm"
check "runs: C++" sh -c "[ \"\$(cd '$out' && '$w2s' -O1 vec.wasm -o vec.so && '$wl' vec.so)\" = 'sum=55 status=32' ]"

# ---- -fopenmp: pragmas run serially, omp.h answers for one thread ----
cat > "$out/omp.c" <<'EOT'
#include <omp.h>
#include <stdio.h>
int main(void) {
  double sum = 0;
  int threads = 0;
  omp_lock_t l;
  omp_init_lock(&l);
#pragma omp parallel for reduction(+ : sum)
  for (int i = 1; i <= 100; i++) sum += i;
#pragma omp parallel
  { threads = omp_get_num_threads(); }
  int t1 = omp_test_lock(&l), t2 = omp_test_lock(&l);
  omp_unset_lock(&l);
  double t0 = omp_get_wtime();
  printf("%.0f %d %d %d %d %d %d\n", sum, threads, omp_get_thread_num(), omp_get_max_threads(),
         t1, t2, t0 > 0 && omp_get_wtick() > 0);
  return 0;
}
EOT
check "-fopenmp program builds" "$mpicc" -fopenmp -O3 "$out/omp.c" -o "$out/omp.wasm"
check "runs: OpenMP serially" sh -c "[ \"\$(cd '$out' && '$w2s' -O1 omp.wasm -o omp.so && '$wl' omp.so)\" = '5050 1 0 1 1 0 1' ]"
# _OPENMP: defined by -fopenmp (and its spellings), as the OpenMP 4.0 that
# the serial runtime implements; not defined without it.
printf '#ifdef _OPENMP\nopenmp _OPENMP\n#else\nopenmp none\n#endif\n' > "$out/ver.c"
for f in -fopenmp -fopenmp=libomp -qopenmp; do
  expect_eq "$f defines _OPENMP 201307" "$("$mpicc" $f -E -P "$out/ver.c" | grep openmp)" "openmp 201307"
done
expect_eq "no -fopenmp: no _OPENMP" "$("$mpicc" -E -P "$out/ver.c" | grep openmp)" "openmp none"
expect_eq "wasm-mpicxx -fopenmp defines _OPENMP" \
  "$("$mpicxx" -fopenmp -E -P -x c++ "$out/ver.c" | grep openmp)" "openmp 201307"
# OpenMP-guarded code (as real programs are written) compiles and runs.
cat > "$out/guard.c" <<'EOT'
#include <stdio.h>
#ifdef _OPENMP
#include <omp.h>
#endif
int main(void) {
  int n = 0;
#ifdef _OPENMP
#pragma omp parallel reduction(+ : n)
  n += omp_get_num_threads();
  printf("openmp %d threads %d\n", _OPENMP >= 201307, n);
#else
  printf("serial\n");
#endif
  return 0;
}
EOT
check "OpenMP-guarded code builds with -fopenmp -Wall -Werror" \
  "$mpicc" -fopenmp -Wall -Werror -O2 "$out/guard.c" -o "$out/guard.wasm"
expect_eq "it runs the OpenMP branch on one thread" "$(cd "$out" && run_guest guard.wasm 2>&1)" \
  "openmp 1 threads 1"

# ---- link errors that name the problem ----
# A call through an implicit declaration with the wrong type: wasm-ld would
# link a stub that traps at run time; the wrappers make it an error.
printf 'int twice();\nint main(void) { return twice(); }\n' > "$out/sig1.c"
printf 'int twice(int a, int b) { return a + b; }\n' > "$out/sig2.c"
rm -f "$out/sig.wasm"
if "$mpicc" "$out/sig1.c" "$out/sig2.c" -o "$out/sig.wasm" >"$out/sig.log" 2>&1; then
  bad "a function signature mismatch links"
else
  ok "a function signature mismatch fails to link"
fi
expect_match "the error names the function and what to do" "$(cat "$out/sig.log")" \
  "^wasm-mpicc: error: twice is called with another type than its definition's.*include the header"
check "no module is written" test ! -e "$out/sig.wasm"
check_fails "wasm-mpicxx: a signature mismatch fails to link too" \
  "$mpicxx" -x c "$out/sig1.c" -x none "$out/sig2.c" -o "$out/sigxx.wasm"
# Configure probes only link: AC_CHECK_FUNC's `char f ();` must still find
# a function that exists (in autoconf's conftest and CMake's cmTC_*).
mkdir -p "$out/probe"
printf 'char gethostname ();\nint main(void) { return gethostname (); }\n' > "$out/probe/conftest.c"
check "AC_CHECK_FUNC-style probe of gethostname links (conftest)" \
  sh -c "cd '$out/probe' && '$mpicc' conftest.c -o conftest"
check "the same as a CMake probe links (cmTC_*)" \
  sh -c "cd '$out/probe' && '$mpicc' conftest.c -o cmTC_1a2b3.wasm"
check_fails "the same as a program does not link" \
  sh -c "cd '$out/probe' && '$mpicc' conftest.c -o app.wasm"
finish
