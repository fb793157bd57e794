#!/bin/sh
# run-fuzz-diff.sh — the differential test: random valid modules (binaryen's
# wasm-opt -ttf, Wasm 2.0 features only) run by V8 (node) and by wasm2so at
# -O0 and -O2, and at -O2 for aarch64 under qemu; results, traps and logged
# values must agree.  See tests/fuzzdiff/README.
#
# `make check` runs the fixed seeds FUZZ_DIFF_FIRST.. (default 1..300; aarch64
# the first FUZZ_DIFF_AARCH64 of them, default 60).  With FUZZ_SECONDS set
# (`make fuzz-diff`) it runs batches of new seeds until that time is up.
# Each module that shows a mismatch is kept, with how to reproduce it, in
# FUZZ_DIFF_KEEP (default $top_builddir/tests/fuzzdiff/failures).
# Environment (set by `make check`): top_srcdir, top_builddir, WAT2WASM;
# WASM_OPT (default wasm-opt), WASM_VALIDATE (default wasm-validate), NODE
# (default node), QEMU_AARCH64 (default qemu-aarch64); FUZZ_DIFF_LEVELS (the
# x86_64 -O levels, default "0 2"), FUZZ_DIFF_WORK (the scratch directory),
# FUZZ_DIFF_PLANT (selftest.sh's planted mismatches).
# The last line: `fuzz-diff: N modules, M exports compared, K mismatches`.
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
top_builddir=$(cd "$top_builddir" && pwd)
here=$top_srcdir/tests/fuzzdiff
runner=$top_builddir/tests/spec/spec_runner
xrunner=$top_builddir/build-aarch64/tests/spec/spec_runner
qemu=${QEMU_AARCH64:-qemu-aarch64}
node=${NODE:-node}
wasm_opt=${WASM_OPT:-wasm-opt}
wasm_validate=${WASM_VALIDATE:-wasm-validate}
wat2wasm=${WAT2WASM:-wat2wasm}
first=${FUZZ_DIFF_FIRST:-1}
count=${FUZZ_DIFF_COUNT:-300}
acount=${FUZZ_DIFF_AARCH64:-60}
seconds=${FUZZ_SECONDS:-}
keep=${FUZZ_DIFF_KEEP:-$top_builddir/tests/fuzzdiff/failures}
# (make check and make fuzz-diff may run at once in one build tree)
work=${FUZZ_DIFF_WORK:-$top_builddir/tests/fuzzdiff/work${seconds:+-fuzz}}
levels=${FUZZ_DIFF_LEVELS:-0 2}

say() { echo "fuzz-diff: $*"; }
# Exit 77: automake's SKIP (the reason is on the line before).
for tool in "$node" "$wasm_opt" "$wasm_validate" "$wat2wasm"; do
  command -v "$tool" >/dev/null 2>&1 && continue
  case $tool in
  *node) pkg=nodejs ;; *wasm-opt) pkg=binaryen ;; *) pkg=wabt ;;
  esac
  say "skipped: $tool not found (install $pkg; scripts/install-deps.sh does)"
  exit 77
done
[ -x "$runner" ] || { say "$runner is not built (it needs jansson)"; exit 1; }
case $("$wasm_opt" --version 2>/dev/null) in
*" 108"*) ;;
*) say "note: binaryen 108 expected (Debian 12's), found: $("$wasm_opt" --version 2>&1);" \
       "the fixed seeds make other modules with other versions" ;;
esac
if [ -x "$xrunner" ] && command -v "$qemu" >/dev/null 2>&1; then
  aarch64=yes
else
  aarch64=no
  say "aarch64 not run: needs $qemu and the cross-built runner $xrunner" \
      "(make check-aarch64 builds it)"
fi

modules=0 exports=0 mismatches=0 bad_seeds=

# run_config LABEL DIR SEED-LIST-FILE RUNNER-ARGS...: replay the scripts;
# report each failure with what its line does, count them, keep the modules.
run_config() {
  label=$1 dir=$2 list=$3
  shift 3
  out=$dir/$label.out
  jsons=$(sed "s|^|$dir/s|; s|\$|.json|" "$list")
  # shellcheck disable=SC2086 # one word per file
  "$@" --label="$label" -j 2 $jsons > "$out" 2>&1
  # (translating only, the runner names its line LABEL-translate-TARGET)
  sed -n "s/^\($label\(-translate-[a-z0-9_]*\)\{0,1\}: .*\)/\1/p" "$out"
  grep -q "^$label\(-translate-[a-z0-9_]*\)\{0,1\}: " "$out" || { say "$label: the runner did not finish:"; tail -n 20 "$out"; mismatches=$((mismatches + 1)); }
  # One mismatch per call: its log hash (the line after it) differing too
  # is usually the same fault (one engine went on where the other trapped).
  grep '^  s[0-9]*\.wast:[0-9]*: ' "$out" > "$dir/$label.fail"
  : > "$dir/$label.seen"
  while IFS= read -r l; do
    seed=${l#  s}; seed=${seed%%.wast:*}
    line=${l#*.wast:}; line=${line%%:*}
    what=$(sed -n "s/^$line: //p" "$dir/s$seed.calls")
    case $what in "log hash of "*) call=$((line - 1)) ;; *) call=$line ;; esac
    grep -qx "$seed:$call" "$dir/$label.seen" && continue
    echo "$seed:$call" >> "$dir/$label.seen"
    echo "  $label seed $seed line $line ($what):${l#*.wast:$line:}"
  done < "$dir/$label.fail"
  mismatches=$((mismatches + $(wc -l < "$dir/$label.seen")))
  for seed in $(sed -n 's/^  s\([0-9]*\)\.wast:[0-9]*: .*/\1/p' "$out" | sort -un); do
    keep_seed "$dir" "$seed" "$label"
  done
}

# Keep a failing module, its script and how to reproduce the run.
keep_seed() {
  k=$keep/s$2
  mkdir -p "$k" || return
  cp "$1/s$2.wasm" "$1/s$2.json" "$1/s$2.calls" "$1/log.wasm" "$k/"
  case " $bad_seeds " in *" $2 "*) ;; *) bad_seeds="$bad_seeds $2" ;; esac
  case $3 in
  fuzz-diff-O[0-9]) how="$runner -O ${3#fuzz-diff-O} $k/s$2.json" ;;
  fuzz-diff|*aarch64*) how="$runner --target=aarch64 --so-dir=$k/so $k/s$2.json && $qemu $xrunner --so-dir=$k/so $k/s$2.json" ;;
  *) how="$runner -O 2 $k/s$2.json" ;;
  esac
  grep -qsF "$how" "$k/REPRODUCE" || cat >> "$k/REPRODUCE" <<EOF
# $3 (s$2.calls says what each line of s$2.json does):
$how
# the module again from its seed (binaryen $("$wasm_opt" --version 2>/dev/null | sed 's/.*version //')):
$node $here/fuzz-diff-gen.js --out=DIR --log-wasm=$k/log.wasm $2 1
EOF
}

# batch FIRST COUNT ACOUNT: make the modules of seeds FIRST.., run them.
batch() {
  rm -rf "$work" && mkdir -p "$work" || exit 1
  "$wat2wasm" "$here/log.wat" -o "$work/log-src.wasm" || exit 1
  if ! "$node" "$here/fuzz-diff-gen.js" --out="$work" --log-wasm="$work/log-src.wasm" \
       --wasm-opt="$wasm_opt" --wasm-validate="$wasm_validate" "$1" "$2" > "$work/gen.out" 2>&1; then
    tail -n 5 "$work/gen.out"
    say "generating seeds $1..$(($1 + $2 - 1)) failed"
    mismatches=$((mismatches + 1))
    return
  fi
  tail -n 1 "$work/gen.out"
  modules=$((modules + $2))
  exports=$((exports + $(sed -n 's/^gen: [0-9]* modules, \([0-9]*\) exports.*/\1/p' "$work/gen.out")))
  seq "$1" $(($1 + $2 - 1)) > "$work/all"
  # (selftest.sh: wrong expectations planted, which must all be reported)
  if [ -n "${FUZZ_DIFF_PLANT:-}" ]; then
    "$node" "$here/plant.js" "$work"/s*.json || mismatches=$((mismatches + 1))
  fi
  for o in $levels; do
    run_config fuzz-diff-O$o "$work" "$work/all" "$runner" -O "$o"
  done
  if [ "$aarch64" = yes ] && [ "$3" -gt 0 ]; then
    seq "$1" $(($1 + $3 - 1)) > "$work/some"
    mkdir -p "$work/so-aarch64"
    # Translate here for aarch64 (-O2), then run under qemu.
    run_config fuzz-diff "$work" "$work/some" "$runner" -O 2 --target=aarch64 \
      --so-dir="$work/so-aarch64"
    run_config fuzz-diff-aarch64-O2 "$work" "$work/some" "$qemu" "$xrunner" --so-dir="$work/so-aarch64"
  fi
}

if [ -z "$seconds" ]; then
  batch "$first" "$count" "$acount"
else
  # New seeds each run: batches of 50 from a seed the clock picks.
  start=$(date +%s)
  next=$(( ($(date +%s%N) / 1000) % 2000000000 + 1000000 ))
  while [ $(( $(date +%s) - start )) -lt "$seconds" ]; do
    batch "$next" 50 10
    next=$((next + 50))
  done
fi

[ -z "$bad_seeds" ] || say "modules with mismatches (kept in $keep, each with REPRODUCE):$bad_seeds"
say "$modules modules, $exports exports compared, $mismatches mismatches"
[ "$mismatches" -eq 0 ]
