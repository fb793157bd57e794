#!/bin/sh
# probes.sh — build systems find and use the sdk unchanged: a CMake project
# with the toolchain file (find_package(MPI) finds MPI in the wrappers; C
# and C++ targets build, and run under mpirun), an autoconf configure with
# CC=wasm-mpicc (AC_CHECK_FUNC / AC_SEARCH_LIBS say yes for functions the
# shim has and no for ones it lacks), and pkg-config's wasm-mpi.pc.
. "$(dirname "$0")/sdk-lib.sh"
. "$(dirname "$0")/probe-lib.sh"

probe_cmake "$top_builddir/sdk/cmake/wasm-mpi-toolchain.cmake"
probe_configure "$top_builddir/sdk/wasm-mpicc"
probe_pkgconfig "$top_builddir/sdk"
finish
