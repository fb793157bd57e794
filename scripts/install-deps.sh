#!/usr/bin/env bash
# Install the Debian 12 packages wasm2so needs to build and test (see README).
# Idempotent; as root it uses apt-get directly, otherwise sudo.
set -euo pipefail

pkgs=(
  build-essential autoconf automake libtool pkg-config
  llvm-19-dev lld-19 clang-19                       # the translator and the guest compiler
  wasi-libc libclang-rt-19-dev-wasm32                # guest C toolchain (wasm32-wasi)
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32       # guest C++
  libclang-rt-19-dev                                 # libFuzzer and sanitizers for `make fuzz`
  wabt                                               # wast2json, wat2wasm for the spec tests
  binaryen                                           # wasm-opt -ttf for tests/fuzzdiff; builds must ignore its wasm-opt
  cmake                                              # the sdk's CMake toolchain probes (tests/sdk)
  check libjansson-dev                               # unit tests, spec runner
  nettle-dev                                         # wasmload's cache keys (SHA-512/256)
  libopenmpi-dev openmpi-bin                         # the host MPI the shim forwards to
  hyperfine gnuplot-nox nodejs                       # `make perf`: timing, the plot, V8 as a peer
  valgrind                                           # perf/icount.sh: instruction counts (callgrind)
  qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross  # aarch64 tests under emulation
)

# The aarch64 tests run a cross-built runtime under qemu-aarch64; it links
# arm64 jansson and check, from Debian's multiarch (which brings libc6:arm64
# and its /lib/ld-linux-aarch64.so.1).
arm64_pkgs=(libjansson-dev:arm64 check:arm64 nettle-dev:arm64)
case $(dpkg --print-architecture) in amd64) pkgs+=("${arm64_pkgs[@]}") ;; esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}"
case " ${missing[*]}" in
*:arm64*) dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64 ;;
esac
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
