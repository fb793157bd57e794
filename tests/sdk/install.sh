#!/bin/sh
# install.sh — `make install` of the sdk into a scratch prefix gives working
# tools: the installed wasm-mpicc / wasm-mpicxx (pointing into the prefix
# only), CMake toolchain file and wasm-mpi.pc build programs that run; and
# the sdk's uninstall removes it all again.
. "$(dirname "$0")/sdk-lib.sh"
. "$(dirname "$0")/probe-lib.sh"

prefix=$out/prefix
make_sdk() { ${MAKE:-make} -s -C "$top_builddir" "$@" prefix="$prefix" >"$out/make.log" 2>&1; }
if make_sdk install-sdk-exec install-sdk-data; then ok "make install (the sdk's part) into $prefix"
else bad "make install into $prefix"; tail -n 20 "$out/make.log"; finish; exit 1; fi

for f in bin/wasm-mpicc bin/wasm-mpicxx lib/wasm2so/wasm32-wasi/include/mpi.h \
    lib/wasm2so/wasm32-wasi/include/mpi_imports.h lib/wasm2so/wasm32-wasi/include/omp.h \
    lib/wasm2so/wasm32-wasi/lib/libwasm2so_compat.a lib/wasm2so/wasm32-wasi/lib/mpi-imports.txt \
    share/wasm2so/cmake/wasm-mpi-toolchain.cmake share/wasm2so/cmake/Platform/WASI.cmake \
    share/pkgconfig/wasm-mpi.pc; do
  check "installed: $f" test -s "$prefix/$f"
done
check "installed: a wasi-libc sysroot" test -f "$prefix/lib/wasm2so/wasm32-wasi/sysroot/lib/wasm32-wasi/libc.a"
# (The scratch prefix lies in the build tree: its paths are taken out first.)
s=$("$prefix/bin/wasm-mpicc" -show a.c | sed "s|$prefix/||g")
expect_nomatch "the installed wrapper never points into the build tree" "$s" "$top_builddir/sdk|$top_srcdir/sdk"

mpicc=$prefix/bin/wasm-mpicc mpicxx=$prefix/bin/wasm-mpicxx
check "the installed wasm-mpicc builds ring.c" "$mpicc" -O2 "$src/probe/ring.c" -o "$out/ring.wasm"
check "the installed wasm-mpicxx builds ring.cc" "$mpicxx" -O2 "$src/probe/ring.cc" -o "$out/ringxx.wasm"
if [ -n "$mpirun" ]; then
  expect_eq "ring.wasm runs on 4 ranks" "$(cd "$out" && run_mpi 4 ring.wasm 2>&1)" "ring of 4: token 10"
else
  bad "no mpirun to run the installed builds"
fi
probe_cmake "$prefix/share/wasm2so/cmake/wasm-mpi-toolchain.cmake"
probe_configure "$prefix/bin/wasm-mpicc"
probe_pkgconfig "$prefix/share/pkgconfig"

if make_sdk uninstall-sdk; then ok "the sdk's uninstall runs"; else bad "the sdk's uninstall"; fi
left=$(find "$prefix" -type f -o -type l 2>/dev/null)
expect_eq "nothing of the sdk is left in the prefix" "$left" ""
finish
