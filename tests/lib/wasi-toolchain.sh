# wasi-toolchain.sh — sourced by the test scripts that compile C/C++ to
# wasm32-wasi (tests/wasi, tests/sandbox).  `wasi_toolchain OUT` checks the
# tools, makes OUT/sysroot, and sets:
#   wasm_cc  the compiler command: clang-19 for wasm32-wasi against that sysroot,
#            with -B for the sdk's wasm-opt stand-in (sdk/no-wasm-opt: the
#            same module whether or not binaryen is installed)
#   w2s, wl  the built wasm2so and wasmload
# Debian's clang searches the host's /usr/include for wasm32-wasi unless given
# a sysroot, so the sysroot holds only wasi-libc (and its libc++), as
# symlinks, and the compiler's include search list is checked against it.
# Environment: top_srcdir, top_builddir, CLANG_WASM; WASI_LIBC_INCLUDE / WASI_LIBC_LIB
# locate wasi-libc (Debian's by default).

wasi_toolchain_die() { echo "$(basename "$0"): $*" >&2; exit 1; }

wasi_toolchain() {
  _out=$1
  _clang=${CLANG_WASM:-clang-19}
  _inc=${WASI_LIBC_INCLUDE:-/usr/include/wasm32-wasi}
  _lib=${WASI_LIBC_LIB:-/usr/lib/wasm32-wasi}
  w2s=$top_builddir/wasm2so/wasm2so
  wl=$top_builddir/loader/wasmload
  if [ "$_clang" = no ] || ! command -v "$_clang" >/dev/null 2>&1; then
    wasi_toolchain_die "clang-19 not found (install clang-19, then re-run configure)"
  fi
  [ -d "$_inc" ] && [ -f "$_lib/libc.a" ] ||
    wasi_toolchain_die "no wasi-libc at $_inc, $_lib (install wasi-libc)"
  [ -x "$w2s" ] || wasi_toolchain_die "$w2s is not built"
  [ -x "$wl" ] || wasi_toolchain_die "$wl is not built"
  _noopt=$top_srcdir/sdk/no-wasm-opt
  [ -x "$_noopt/wasm-opt" ] || wasi_toolchain_die "$_noopt/wasm-opt is missing or not executable"

  _sysroot=$_out/sysroot
  mkdir -p "$_sysroot/include" "$_sysroot/lib" || wasi_toolchain_die "cannot create $_out"
  ln -sfn "$_inc" "$_sysroot/include/wasm32-wasi"
  ln -sfn "$_lib" "$_sysroot/lib/wasm32-wasi"
  wasm_cc="$_clang --target=wasm32-wasi --sysroot=$_sysroot -B$_noopt"
  # Every directory the compiler would search lies in the sysroot or in
  # clang's own resource directory (stddef.h and friends).
  _resdir=$($_clang -print-resource-dir)
  for _lang in c c++; do
    _dirs=$(echo | $wasm_cc -x $_lang -fno-exceptions -E -v - 2>&1 >/dev/null |
            sed -n '/^#include <...> search starts here:/,/^End of search list/p' | sed '1d;$d')
    [ -n "$_dirs" ] || wasi_toolchain_die "cannot read the include search list of $_clang ($_lang)"
    for _d in $_dirs; do
      case $_d in
      "$_sysroot"/*|"$_resdir"/*) ;;
      *) wasi_toolchain_die "the wasm build would search $_d (not wasi-libc)" ;;
      esac
    done
  done
}
