# probe-lib.sh — the build-system probes shared by probes.sh (build tree)
# and install.sh (installed sdk).  Sourced after sdk-lib.sh.

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=$(command -v mpirun || true)

# run_mpi N APP.wasm: translate and run on N ranks (prints the output).
run_mpi() {
  "$w2s" -O1 "$2" -o "${2%.wasm}.so" &&
    timeout 120 "$mpirun" -np "$1" --oversubscribe "$wl" "${2%.wasm}.so"
}

# probe_cmake TOOLCHAIN
probe_cmake() {
  if ! command -v cmake >/dev/null 2>&1; then bad "cmake not found (install cmake)"; return; fi
  local b=$out/cmake-build
  rm -rf "$b"
  if cmake -S "$src/probe" -B "$b" -DCMAKE_TOOLCHAIN_FILE="$1" >"$out/cmake.log" 2>&1; then
    ok "cmake configures with the toolchain file"
  else
    bad "cmake configures with the toolchain file"; tail -n 20 "$out/cmake.log"; return
  fi
  expect_match "find_package(MPI) finds MPI for C and C++ in the wrappers" "$(cat "$out/cmake.log")" \
    'probe: MPI_C_FOUND=TRUE MPI_CXX_FOUND=TRUE WASI=1'
  expect_match "find_package(OpenMP) finds OpenMP 4.0 (the serial runtime)" "$(cat "$out/cmake.log")" \
    'probe: OpenMP_C_FOUND=TRUE OpenMP_C_VERSION=4\.0$'
  check "cmake --build makes ring.wasm, ringxx.wasm and omp.wasm" cmake --build "$b"
  # ctest runs omp.wasm through the toolchain's emulator (wasmload) and
  # ring.wasm on 3 ranks through MPIEXEC_PREFLAGS (oversubscribed: the
  # machine may have fewer cores).
  if [ -n "$mpirun" ]; then
    check "ctest runs the wasm tests through wasmload (serial and MPI)" \
      env WASM2SO_CACHE_DIR="$out/cache" OMPI_MCA_rmaps_base_oversubscribe=1 \
      ctest --test-dir "$b" --output-on-failure --timeout 120
  fi
  check "the targets are Wasm modules" sh -c "wasm-objdump -h '$b/ring.wasm' >/dev/null && wasm-objdump -h '$b/ringxx.wasm' >/dev/null"
  if [ -n "$mpirun" ] && [ -x "$wl" ]; then
    expect_eq "ring.wasm runs on 3 ranks" "$(cd "$b" && run_mpi 3 ring.wasm 2>&1)" "ring of 3: token 6"
    expect_eq "ringxx.wasm runs on 2 ranks" "$(cd "$b" && run_mpi 2 ringxx.wasm 2>&1)" "c++ ranks 2 sum 1"
  else
    bad "cannot run the CMake targets: no mpirun or wasmload"
  fi
}

# probe_configure WASM_MPICC
probe_configure() {
  if ! command -v autoconf >/dev/null 2>&1; then bad "autoconf not found"; return; fi
  local d=$out/configure
  rm -rf "$d" && mkdir -p "$d" && cp "$src/probe/configure.ac" "$d/"
  if ! (cd "$d" && autoconf) >"$out/autoconf.log" 2>&1; then
    bad "autoconf makes the probe's configure"; cat "$out/autoconf.log"; return
  fi
  # --host: configure must not try to run the .wasm it builds (a cross build).
  if (cd "$d" && ./configure --host=wasm32-wasi CC="$1") >"$out/configure.log" 2>&1; then
    ok "./configure --host=wasm32-wasi CC=wasm-mpicc succeeds"
  else
    bad "./configure --host=wasm32-wasi CC=wasm-mpicc"; tail -n 20 "$out/configure.log"; return
  fi
  local r
  r=$(grep '^probe:' "$out/configure.log")
  expect_match "AC_CHECK_FUNC(MPI_Init): yes" "$r" ' init=yes '
  expect_match "AC_SEARCH_LIBS(MPI_Allreduce): yes, no library needed" "$r" ' allreduce=yes '
  expect_match "AC_CHECK_FUNC(MPI_Definitely_not_a_function): no" "$r" ' bogus=no '
  if grep -qx MPI_Comm_spawn "$top_builddir/sdk/lib/mpi-imports.txt"; then
    expect_match "AC_CHECK_FUNC(MPI_Comm_spawn): yes (the shim has it)" "$r" ' spawn=yes '
  else
    expect_match "AC_CHECK_FUNC(MPI_Comm_spawn): no (the shim lacks it)" "$r" ' spawn=no '
  fi
  expect_match "AC_CHECK_FUNCS of the compat and emulated calls: yes" "$r" \
    'gethostname=yes getpagesize=yes getrusage=yes clock=yes omp_get_wtime=yes$'
  expect_match "AC_OPENMP finds OpenMP (-fopenmp)" "$r" '^probe: openmp=-fopenmp$'
}

# probe_pkgconfig DIR-WITH-wasm-mpi.pc
probe_pkgconfig() {
  if ! command -v pkg-config >/dev/null 2>&1; then bad "pkg-config not found"; return; fi
  local cflags libs cc
  cflags=$(PKG_CONFIG_PATH=$1 pkg-config --cflags wasm-mpi) || { bad "pkg-config --cflags wasm-mpi"; return; }
  libs=$(PKG_CONFIG_PATH=$1 pkg-config --libs wasm-mpi)
  cc=$(PKG_CONFIG_PATH=$1 pkg-config --variable=cc wasm-mpi)
  expect_match "pkg-config: compile flags for wasm32-wasi" "$cflags" '--target=wasm32-wasi'
  expect_match "pkg-config: link flags with the import list" "$libs" 'allow-undefined-file=.*-lwasm2so_compat'
  # shellcheck disable=SC2086
  check "clang-19 with pkg-config's flags builds a program" $cc $cflags "$src/probe/pc.c" \
    -o "$out/pc.wasm" $libs
  expect_eq "it runs" "$(cd "$out" && run_guest pc.wasm 2>&1)" "status 32 aint 4 count 8"
  expect_match "pkg-config: the wrappers' path" "$(PKG_CONFIG_PATH=$1 pkg-config --variable=mpicc wasm-mpi)" \
    'wasm-mpicc$'
}
