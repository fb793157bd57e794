#!/bin/sh
# reduce.sh — shrink a module the differential test kept, with binaryen's
# wasm-reduce, keeping it a mismatch between V8 and wasm2so:
#   tests/fuzzdiff/reduce.sh FAILURE_DIR [-O N | --target=aarch64 ...]
# FAILURE_DIR is one of $(builddir)/tests/fuzzdiff/failures/sSEED; the
# options go to the spec runner (default -O 2; for aarch64 the x86_64 runner
# only translates, so reduce a mismatch seen there at -O 2 on x86_64 if it
# shows, else by hand).  Writes FAILURE_DIR/reduced.wasm and reduced.wat.
# Environment: top_srcdir, top_builddir (default: this source tree and
# ./build), WASM_REDUCE, WASM_OPT, NODE.
set -u
[ $# -ge 1 ] && [ -d "$1" ] || { echo "usage: $0 FAILURE_DIR [spec_runner options]" >&2; exit 2; }
dir=$(cd "$1" && pwd)
shift
[ $# -gt 0 ] || set -- -O 2
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=$(cd "${top_builddir:-$top_srcdir/build}" && pwd)
node=${NODE:-node}
reduce=${WASM_REDUCE:-wasm-reduce}
seed=$(basename "$dir"); seed=${seed#s}
[ -f "$dir/s$seed.wasm" ] || { echo "reduce.sh: no s$seed.wasm in $dir" >&2; exit 2; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# The test: V8's script for the candidate, replayed; the output says only
# whether some command failed, as wasm-reduce keeps candidates whose output
# matches the original's.
cat > "$work/test.sh" <<EOT
#!/bin/sh
rm -rf "$work/t" && mkdir "$work/t"
"$node" "$top_srcdir/tests/fuzzdiff/fuzz-diff-gen.js" --out="$work/t" --log-wasm="$dir/log.wasm" \\
  --module="$work/t.wasm" $seed 1 > /dev/null 2>&1 || { echo "V8 fails"; exit 1; }
if "$top_builddir/tests/spec/spec_runner" -j 1 $* "$work/t/s$seed.json" | grep -q '^  s$seed\\.wast:'; then
  echo mismatch
else
  echo same
fi
EOT
cp "$dir/s$seed.wasm" "$work/t.wasm"
out=$(sh "$work/test.sh")
[ "$out" = mismatch ] || { echo "reduce.sh: s$seed.wasm shows no mismatch with $* ($out)" >&2; exit 1; }
"$reduce" "$dir/s$seed.wasm" --command="sh $work/test.sh" -t "$work/t.wasm" -w "$dir/reduced.wasm" \
  -b "$(dirname "$(command -v "${WASM_OPT:-wasm-opt}")")" > "$work/reduce.log" 2>&1 ||
  { tail -n 20 "$work/reduce.log"; exit 1; }
wasm-dis "$dir/reduced.wasm" -o "$dir/reduced.wat" 2>/dev/null ||
  "${WASM2WAT:-wasm2wat}" "$dir/reduced.wasm" -o "$dir/reduced.wat"
echo "reduce.sh: $(wc -c < "$dir/s$seed.wasm") -> $(wc -c < "$dir/reduced.wasm") bytes: $dir/reduced.wat"
