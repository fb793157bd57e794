#!/bin/sh
# run-wasi.sh — real C and C++ programs under wasmload, each against its
# native build.  For every program in tests/wasi/{c,cxx}: compile it with
# clang-19 for wasm32-wasi (a sysroot of wasi-libc only) and natively, translate
# the .wasm with wasm2so, run both in fresh empty directories and compare byte
# for byte: stdout, stderr, exit status and the files left in the directory.
# Programs in tests/wasi/trap must trap: status 134, the trap message and a
# Wasm function name of the program on stderr.
#
# A program describes its runs in lines of its own source:
#   //! RUN: ARGS        one run per line, ARGS split as by the shell (default: one run, no args)
#   //! STATUS: N...     expected exit status of each run (default 0 for all)
#   //! ENV: K=V...      the whole environment of both builds (shell words)
#   //! STDIN: FILE      stdin from tests/wasi/data/FILE (default /dev/null)
#   //! DIR: yes         preopen the run directory as "." (--dir=.)
#   //! WASMLOAD: OPTS   extra wasmload options
#   //! WASMFLAGS: ...   extra flags for the wasm build; NATIVEFLAGS: for the native one
#   //! TRAP: MESSAGE    (trap programs) the trap message; FUNC: functions in the backtrace;
#                        STDERR: a line the program wrote to stderr before trapping
# Programs listed in tests/wasi/skipped.txt are not run; each line there gives
# the reason.  Arguments: program names (e.g. c/args) to run only those.
# Environment (set by `make check`): top_srcdir, top_builddir, CLANG_WASM;
# WASI_LIBC_INCLUDE / WASI_LIBC_LIB locate wasi-libc (Debian's by default).
# Cross testing (tests/cross/run-aarch64.sh): WASI_TARGET translates for that
# target, WASI_WASMLOAD is the loader to run (e.g. the aarch64 one) and
# WASI_LAUNCHER what runs it (e.g. qemu-aarch64); the summary line is then
# "wasi-TARGET".  The native builds stay the build host's.  WASI_TIMEOUT:
# seconds per run (default 300).
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
top_builddir=$(cd "$top_builddir" && pwd)
clang=${CLANG_WASM:-clang-19}
src=$top_srcdir/tests/wasi
out=${WASI_OUT:-$top_builddir/tests/wasi/out}

fail() { echo "run-wasi.sh: $*" >&2; exit 1; }

# clang for wasm32-wasi against a wasi-libc-only sysroot: wasm_cc, w2s, wl.
. "$top_srcdir/tests/lib/wasi-toolchain.sh"
wasi_toolchain "$out"
target=${WASI_TARGET:-}
tmo=${WASI_TIMEOUT:-300}  # seconds per run (emulated runs need more)
launcher=${WASI_LAUNCHER:-}
[ -z "${WASI_WASMLOAD:-}" ] || wl=$WASI_WASMLOAD
sosuffix=${target:+.$target}.so
rundir=$out/run${target:+-$target}
label=wasi${target:+-$target}
mkdir -p "$out/bin" "$rundir" || fail "cannot create $out"

skipped_file=$src/skipped.txt
skip_reason() {
  sed -n "s|^$1[ 	][ 	]*||p" "$skipped_file" | head -n 1
}
meta() { sed -n "s|^//! $2: *||p" "$1"; }
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

npass=0 nfail=0 nskip=0
log() { printf '%s\n' "$*"; }

# build NAME SRC: $out/bin/NAME.{wasm,so,native}, remade when stale.
build() {
  b=$out/bin/$1 s=$2
  mkdir -p "$(dirname "$b")"
  case $s in *.cc) mode="--driver-mode=g++ -fno-exceptions -std=c++17" ;; *) mode="-std=gnu11" ;; esac
  wflags=$(meta "$s" WASMFLAGS) nflags=$(meta "$s" NATIVEFLAGS)
  if [ ! -f "$b.wasm" ] || [ "$s" -nt "$b.wasm" ]; then
    $wasm_cc $mode -O2 -Wall -Werror=format "$s" -o "$b.wasm" $wflags -lm > "$b.build.log" 2>&1 || return 1
  fi
  if [ ! -f "$b$sosuffix" ] || [ "$b.wasm" -nt "$b$sosuffix" ] || [ "$w2s" -nt "$b$sosuffix" ]; then
    "$w2s" ${target:+--target=$target} "$b.wasm" -o "$b$sosuffix" > "$b.build.log" 2>&1 || return 1
  fi
  case $s in */trap/*) return 0 ;; esac
  if [ ! -f "$b.native" ] || [ "$s" -nt "$b.native" ]; then
    $clang $mode -O2 -Wall -Werror=format "$s" -o "$b.native" $nflags -lm > "$b.build.log" 2>&1 || return 1
  fi
}

# run DIR OUTPREFIX STDIN CMD...: run in a fresh DIR with the environment in $envs.
run() {
  d=$1 o=$2 in=$3
  shift 3
  rm -rf "$d" && mkdir -p "$d" || return 1
  (cd "$d" && eval "exec env -i $envs \"\$@\"" < "$in" > "$o.out" 2> "$o.err")
  echo $? > "$o.status"
}

# compare NAME RUN: the native and wasm results of one run; reasons in $why.
compare() {
  n=$rundir/$1.$2.native w=$rundir/$1.$2.wasm
  why=
  cmp -s "$n.status" "$w.status" || why="$why status $(cat "$n.status") vs $(cat "$w.status");"
  [ "$(cat "$n.status")" = "$3" ] || why="$why native status $(cat "$n.status"), expected $3;"
  cmp -s "$n.out" "$w.out" || why="$why stdout differs;"
  cmp -s "$n.err" "$w.err" || why="$why stderr differs;"
  diff -r "$n.dir" "$w.dir" > /dev/null 2>&1 || why="$why files differ;"
  [ -z "$why" ]
}

# One program: build, every run, verdict line.
program() {
  name=$1 s=$2
  reason=$(skip_reason "$name")
  if [ -n "$reason" ]; then
    log "SKIP $name ($reason)"
    nskip=$((nskip + 1))
    return
  fi
  if ! build "$name" "$s"; then
    log "FAIL $name (build failed: $out/bin/$name.build.log)"
    sed 's/^/    /' "$out/bin/$name.build.log" | head -n 20
    nfail=$((nfail + 1))
    return
  fi
  case $name in trap/*) trap_program "$name" "$s"; return ;; esac
  envs=$(meta "$s" ENV)
  stdin=$(meta "$s" STDIN)
  [ -n "$stdin" ] && stdin=$src/data/$stdin || stdin=/dev/null
  wopts=$(meta "$s" WASMLOAD)
  [ "$(meta "$s" DIR)" = yes ] && wopts="$wopts --dir=."
  # The guest gets the variables by --env, unless it inherits wasmload's.
  case " $wopts " in
  *" --env-inherit "*) ;;
  *) eval "set -- $envs"
     for e; do wopts="$wopts $(quote "--env=$e")"; done ;;
  esac
  runs=$(meta "$s" RUN)
  [ -n "$runs" ] || runs=' '
  set -- $(meta "$s" STATUS)
  i=0 bad=
  while IFS= read -r args; do
    i=$((i + 1))
    want=${1:-0}
    [ $# -gt 0 ] && shift
    r=$rundir/$name.$i
    mkdir -p "$(dirname "$r")"
    eval "run \"\$r.native.dir\" \"\$r.native\" \"\$stdin\" timeout $tmo \"\$out/bin/\$name.native\" $args"
    eval "run \"\$r.wasm.dir\" \"\$r.wasm\" \"\$stdin\" timeout $tmo $launcher \"\$wl\" $wopts \"\$out/bin/\$name\$sosuffix\" $args"
    compare "$name" $i "$want" || bad="$bad run $i ($args):$why"
  done <<EOF
$runs
EOF
  if [ -z "$bad" ]; then
    log "PASS $name ($i run$([ $i = 1 ] || echo s))"
    npass=$((npass + 1))
  else
    log "FAIL $name:$bad"
    log "    see $rundir/$name.*"
    nfail=$((nfail + 1))
  fi
}

# A trap program: status 134, the message and a function name on stderr.
trap_program() {
  name=$1 s=$2
  msg=$(meta "$s" TRAP) fn=$(meta "$s" FUNC)
  r=$rundir/$name
  mkdir -p "$(dirname "$r")"
  envs=
  run "$r.dir" "$r" /dev/null timeout $tmo $launcher "$wl" "$out/bin/$name$sosuffix"
  why=
  [ "$(cat "$r.status")" = 134 ] || why="$why status $(cat "$r.status"), expected 134;"
  grep -qxF "wasmload: trap: $msg" "$r.err" || why="$why no 'wasmload: trap: $msg' line;"
  for f in $fn; do
    grep -qxF "  at $f" "$r.err" || why="$why no '  at $f' line;"
  done
  line=$(meta "$s" STDERR)
  [ -z "$line" ] || grep -qxF "$line" "$r.err" || why="$why no '$line' line;"
  if [ -z "$why" ]; then
    log "PASS $name (trap: $msg; at $fn)"
    npass=$((npass + 1))
  else
    log "FAIL $name:$why"
    sed 's/^/    /' "$r.err" | head -n 10
    nfail=$((nfail + 1))
  fi
}

if [ $# -gt 0 ]; then
  for p; do
    for f in "$src/$p.c" "$src/$p.cc"; do [ -f "$f" ] && program "$p" "$f"; done
  done
else
  for f in "$src"/c/*.c "$src"/cxx/*.cc "$src"/trap/*.c; do
    [ -f "$f" ] || continue
    p=${f#"$src"/}
    program "${p%.*}" "$f"
  done
fi
echo "$label: $npass passed, $nfail failed, $nskip skipped"
[ $nfail = 0 ]
