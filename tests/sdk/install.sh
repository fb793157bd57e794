#!/bin/sh
# install.sh — `make install` into a scratch prefix gives working tools, and
# the installed sdk is relocatable: the prefix is moved before use, and the
# wrappers, the CMake toolchain file (ctest runs through the installed
# wasmload) and wasm-mpi.pc find their files from their own location; a
# missing sysroot is an error naming the path looked at.  A DESTDIR staging
# install works from the staging tree.  Uninstall removes everything.
. "$(dirname "$0")/sdk-lib.sh"
. "$(dirname "$0")/probe-lib.sh"

prefix=$out/prefix
moved=$out/moved/elsewhere
make_w2s() { ${MAKE:-make} -s -C "$top_builddir" "$@" >"$out/make.log" 2>&1; }
if make_w2s install prefix="$prefix"; then ok "make install into $prefix"
else bad "make install into $prefix"; tail -n 20 "$out/make.log"; finish; exit 1; fi

g=lib/wasm2so/wasm32-wasi
for f in bin/wasm-mpicc bin/wasm-mpicxx bin/wasmload bin/wasm2so $g/include/mpi.h \
    $g/include/mpi_imports.h $g/include/omp.h $g/lib/libwasm2so_compat.a $g/lib/mpi-imports.txt \
    $g/bin/wasm-opt share/wasm2so/cmake/wasm-mpi-toolchain.cmake \
    share/wasm2so/cmake/Platform/WASI.cmake share/pkgconfig/wasm-mpi.pc; do
  check "installed: $f" test -s "$prefix/$f"
done
check "installed: a wasi-libc sysroot" test -f "$prefix/$g/sysroot/lib/wasm32-wasi/libc.a"
check "installed: the wasm-opt stand-in is executable" test -x "$prefix/$g/bin/wasm-opt"
for f in bin/wasm-mpicc share/wasm2so/cmake/wasm-mpi-toolchain.cmake share/pkgconfig/wasm-mpi.pc; do
  check "$f names no install directory outside comments (relocatable)" \
    sh -c "! grep -v '^#' '$prefix/$f' | grep -q '$prefix'"
done

# Everything below runs from a moved prefix.
mkdir -p "$(dirname "$moved")" && mv "$prefix" "$moved" || { bad "mv $prefix $moved"; finish; exit 1; }
s=$("$moved/bin/wasm-mpicc" -show a.c)
expect_nomatch "the moved wrapper never points into the build tree" "$s" \
  "$top_builddir/sdk|$top_srcdir/sdk|$prefix/"
expect_match "the moved wrapper uses the moved sysroot" "$s" "--sysroot=$moved/bin/../$g/sysroot "

mpicc=$moved/bin/wasm-mpicc mpicxx=$moved/bin/wasm-mpicxx
check "the moved wasm-mpicc builds ring.c" "$mpicc" -O2 "$src/probe/ring.c" -o "$out/ring.wasm"
check "the moved wasm-mpicxx builds ring.cc" "$mpicxx" -O2 "$src/probe/ring.cc" -o "$out/ringxx.wasm"
ln -sf "$mpicc" "$out/my-mpicc"
check "a symbolic link to the wrapper works" "$out/my-mpicc" -O2 "$src/probe/ring.c" -o "$out/ring2.wasm"
if [ -n "$mpirun" ]; then
  expect_eq "ring.wasm runs on 4 ranks" "$(cd "$out" && run_mpi 4 ring.wasm 2>&1)" "ring of 4: token 10"
else
  bad "no mpirun to run the installed builds"
fi
probe_cmake "$moved/share/wasm2so/cmake/wasm-mpi-toolchain.cmake"
expect_match "CMake uses the moved wrappers and wasmload" \
  "$(grep -E '^(CMAKE_C_COMPILER|MPIEXEC_PREFLAGS):' "$out/cmake-build/CMakeCache.txt")" \
  "MPIEXEC_PREFLAGS:STRING=$moved/share/wasm2so/cmake/../../../bin/wasmload"
probe_configure "$moved/bin/wasm-mpicc"
probe_pkgconfig "$moved/share/pkgconfig"

# A missing sysroot: the error names where it looked.
mv "$moved/$g/sysroot" "$moved/$g/sysroot.away"
"$mpicc" -O2 "$src/probe/ring.c" -o "$out/nosys.wasm" >"$out/nosys.log" 2>&1
expect_eq "no sysroot: exit status 1" "$?" 1
expect_match "no sysroot: the error names the path looked at" "$(cat "$out/nosys.log")" \
  "^wasm-mpicc: no wasi-libc sysroot at $moved/$g/sysroot "
mv "$moved/$g/sysroot.away" "$moved/$g/sysroot"

mv "$moved" "$prefix"
if make_w2s uninstall prefix="$prefix"; then ok "make uninstall runs"; else bad "make uninstall"; fi
left=$(find "$prefix" -type f -o -type l 2>/dev/null)
expect_eq "nothing is left in the prefix" "$left" ""

# A DESTDIR staging install, used where it was staged.
stage=$out/stage sp=/opt/wasm2so-staged
if make_w2s install DESTDIR="$stage" prefix="$sp"; then ok "make install DESTDIR=... prefix=$sp"
else bad "make install DESTDIR=... prefix=$sp"; tail -n 20 "$out/make.log"; fi
check "nothing was written to $sp itself" test ! -e "$sp"
check "the staged wasm-mpicc builds ring.c" "$stage$sp/bin/wasm-mpicc" -O2 "$src/probe/ring.c" \
  -o "$out/ring-staged.wasm"
if [ -n "$mpirun" ]; then
  expect_eq "it runs on 2 ranks" "$(cd "$out" && run_mpi 2 ring-staged.wasm 2>&1)" "ring of 2: token 3"
fi
check "the staged wasm-mpi.pc gives flags that build pc.c" sh -c \
  "export PKG_CONFIG_PATH='$stage$sp/share/pkgconfig'; \$(pkg-config --variable=cc wasm-mpi) \
   \$(pkg-config --cflags wasm-mpi) '$src/probe/pc.c' -o '$out/pc-staged.wasm' \$(pkg-config --libs wasm-mpi)"
if make_w2s uninstall DESTDIR="$stage" prefix="$sp"; then ok "make uninstall DESTDIR=..."
else bad "make uninstall DESTDIR=..."; fi
expect_eq "nothing is left in the staging tree" "$(find "$stage" -type f -o -type l 2>/dev/null)" ""
# The build tree's install files back to the configured prefix.
make_w2s
finish
