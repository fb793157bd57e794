#!/bin/sh
# binaryen.sh — the same module whether or not binaryen is installed.
# clang-19 runs the `wasm-opt` it finds after every optimised wasm link;
# binaryen's strips the name section (trap backtraces lose every name).  The
# sdk's wrappers, pkg-config's flags, the CMake toolchain and the test
# builds (tests/lib/wasi-toolchain.sh) pass -B with sdk/no-wasm-opt, whose
# stand-in clang finds first.  Each is built three times into separate
# directories (clang writes the output's name into the module): with
# nothing added to PATH, with a fake wasm-opt first in PATH that would
# leave a mark and overwrite the module, and with binaryen's wasm-opt first
# in PATH when one is found (WASM_OPT_DIR, else PATH); the modules must
# exist, carry a name section, and be byte-identical.
. "$(dirname "$0")/sdk-lib.sh"
. "$top_srcdir/tests/lib/wasi-toolchain.sh"
wasi_toolchain "$out"

fake=$out/fake-binaryen
mkdir -p "$fake"
cat > "$fake/wasm-opt" <<EOT
#!/bin/sh
echo "\$*" >> "$fake/ran"
while [ \$# -gt 0 ]; do [ "\$1" = -o ] && printf 'rewritten by wasm-opt' > "\$2"; shift; done
EOT
chmod +x "$fake/wasm-opt"
real=${WASM_OPT_DIR:-}
if [ -z "$real" ] && command -v wasm-opt >/dev/null 2>&1; then real=$(dirname "$(command -v wasm-opt)"); fi

printf '#include <stdio.h>\n__attribute__((noinline)) int kernel(int x) { return 100 / x; }\nint main(int c, char **v) { (void)v; printf("%%d\\n", kernel(c - 1)); return 0; }\n' > "$out/k.c"
printf '#include <mpi.h>\n#include <vector>\n#include <cstdio>\nint main(int c, char **v) { MPI_Init(&c, &v); std::vector<int> x(10, 2); int s = 0; for (int i : x) s += i; std::printf("%%d\\n", s); MPI_Finalize(); return 0; }\n' > "$out/k.cc"

# has_names WASM: the module has a name section.
has_names() { wasm-objdump -h "$1" 2>/dev/null | grep -q '"name"$'; }

# same DESC BUILD-FUNCTION: runs BUILD-FUNCTION DIR (which must make
# DIR/m.wasm) plain, with the fake wasm-opt and with binaryen's.
same() {
  local d=$1 f=$2 v
  rm -rf "$out/plain" "$out/fake" "$out/real" "$fake/ran"
  mkdir -p "$out/plain" "$out/fake" "$out/real"
  $f "$out/plain" >"$out/plain.log" 2>&1
  PATH=$fake:$PATH $f "$out/fake" >"$out/fake.log" 2>&1
  if [ -f "$out/plain/m.wasm" ] && [ -f "$out/fake/m.wasm" ]; then ok "$d: the module is written"
  else bad "$d: the module is written"; sed 's/^/  | /' "$out/plain.log" "$out/fake.log" | head -n 20; return; fi
  if has_names "$out/plain/m.wasm"; then ok "$d: a name section"; else bad "$d: a name section"; fi
  if [ -e "$fake/ran" ]; then bad "$d: wasm-opt from PATH was run: $(cat "$fake/ran")"
  else ok "$d: wasm-opt from PATH is not run"; fi
  check "$d: the same module with a wasm-opt in PATH" cmp "$out/plain/m.wasm" "$out/fake/m.wasm"
  if [ -n "$real" ]; then
    PATH=$real:$PATH $f "$out/real" >"$out/real.log" 2>&1
    check "$d: the same module with binaryen's wasm-opt ($real) in PATH" \
      cmp "$out/plain/m.wasm" "$out/real/m.wasm"
  fi
}

# The fake is found without -B: the test would see binaryen's effect.
PATH=$fake:$PATH $CLANG_WASM --target=wasm32-wasi --sysroot="$out/sysroot" -O2 "$out/k.c" \
  -o "$out/bare.wasm" >/dev/null 2>&1
check "(control) clang without -B runs the wasm-opt in PATH" test -s "$fake/ran"

b_cc() { "$mpicc" -O2 "$out/k.c" -o "$1/m.wasm"; }
b_cxx() { "$mpicxx" -O3 "$out/k.cc" -o "$1/m.wasm"; }
b_sep() { "$mpicc" -O2 -c "$out/k.c" -o "$1/k.o" && "$mpicc" -O2 "$1/k.o" -o "$1/m.wasm"; }
# shellcheck disable=SC2046
b_pc() {
  PKG_CONFIG_PATH=$top_builddir/sdk $CLANG_WASM $(PKG_CONFIG_PATH=$top_builddir/sdk pkg-config \
    --cflags wasm-mpi) -O2 "$out/k.c" -o "$1/m.wasm" $(PKG_CONFIG_PATH=$top_builddir/sdk pkg-config --libs wasm-mpi)
}
b_wasi() { $wasm_cc -O2 "$out/k.c" -o "$1/m.wasm"; }
b_wasixx() { $wasm_cc -x c++ -fno-exceptions -O1 "$out/k.c" -o "$1/m.wasm"; }
b_cmake() {
  mkdir -p "$1/src" && cp "$out/k.c" "$1/src/k.c" &&
  printf 'cmake_minimum_required(VERSION 3.13)\nproject(k C)\nadd_executable(m k.c)\n' > "$1/src/CMakeLists.txt" &&
  cmake -S "$1/src" -B "$1/b" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$top_builddir/sdk/cmake/wasm-mpi-toolchain.cmake" &&
  cmake --build "$1/b" && cp "$1/b/m.wasm" "$1/m.wasm"
}

same "wasm-mpicc -O2" b_cc
same "wasm-mpicxx -O3 (C++, MPI)" b_cxx
same "wasm-mpicc -c, then link -O2" b_sep
same "clang-19 with pkg-config's flags" b_pc
same "the test builds' clang (wasi-toolchain.sh) -O2" b_wasi
same "the test builds' clang, C++ -O1" b_wasixx
if command -v cmake >/dev/null 2>&1; then
  same "CMake Release with the toolchain file" b_cmake
else
  bad "cmake not found (install cmake)"
fi
# The trap report still names the function (the reason for all this;
# translated at -O0, which inlines nothing).
trap_names() {
  rm -rf "$out/trap" && mkdir -p "$out/trap" && b_cc "$out/trap" &&
    "$w2s" -O0 "$out/trap/m.wasm" -o "$out/trap/m.so" >/dev/null 2>&1
  "$wl" "$out/trap/m.so" 2>&1
}
expect_match "wasm-mpicc -O2: a trap's report names the function" "$(trap_names)" '^  at kernel$'
if [ -n "$real" ]; then
  expect_match "the same with binaryen's wasm-opt in PATH" "$(PATH=$real:$PATH trap_names)" '^  at kernel$'
fi
finish
