#!/bin/sh
# run-sandbox.sh — hostile guests under wasmload.  Each program in
# tests/sandbox (escape_*.c) is compiled with clang-19 --target=wasm32-wasi -O2
# against a sysroot of wasi-libc only, translated with the built wasm2so and
# run with `wasmload --dir=sandbox --dir=TREE/other::other` in a fresh tree:
#
#   TREE/sandbox/   inside.txt, sub/present.txt, and planted symlinks
#                   up -> ../outside, etc -> /etc, secretlink -> ../outside/secret,
#                   abslink -> TREE/outside/secret (absolute)
#   TREE/other/     theirs.txt (the second preopen)
#   TREE/outside/   secret (a fresh random token), victim, sub/
#
# The guest prints one line per attempt, "ATTEMPT: ok ..." or
# "ATTEMPT: denied (ERRNO)".  Checked, each counted as one test:
#   - the guest ran to its end ("done", status 0);
#   - every "control ..." attempt succeeded (the test can tell working from broken);
#   - every other attempt was denied, except those in allowed.txt;
#   - the secret, /etc/passwd's "root:" and names found only outside (victim)
#     appear nowhere in what the guest reports it reached;
#   - outside/ is unchanged: names, types, modes, sizes, link counts, link
#     targets, checksums; nothing new appeared next to the tree or in /tmp;
#     other/ holds only its own file and what the guest moved there from sandbox/.
# Environment (set by `make check`): top_srcdir, top_builddir, CLANG_WASM;
# WASI_LIBC_INCLUDE / WASI_LIBC_LIB locate wasi-libc (Debian's by default).
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
top_builddir=$(cd "$top_builddir" && pwd)
src=$top_srcdir/tests/sandbox
out=$top_builddir/tests/sandbox/out

die() { echo "run-sandbox.sh: $*" >&2; exit 1; }

# clang for wasm32-wasi against a wasi-libc-only sysroot: wasm_cc, w2s, wl.
. "$top_srcdir/tests/lib/wasi-toolchain.sh"
wasi_toolchain "$out"
mkdir -p "$out/bin" "$out/run" || die "cannot create $out"

npass=0 nfail=0
pass() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); printf 'FAIL %s\n' "$*"; }

# What a directory holds, in full: type, mode, size, link count, path, link
# target, and a checksum of each regular file.
snapshot() {
  (cd "$1" && find . -printf '%y %m %s %n %p -> %l\n' | LC_ALL=C sort &&
   find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# Build and run one program; $1 = name (escape_paths).
program() {
  name=$1 b=$out/bin/$1
  if ! { $wasm_cc -std=gnu11 -O2 -Wall \
           "$src/$name.c" -o "$b.wasm" && "$w2s" "$b.wasm" -o "$b.so"; } > "$b.build.log" 2>&1; then
    fail "$name: build failed ($b.build.log)"
    sed 's/^/    /' "$b.build.log" | head -n 20
    return
  fi

  r=$out/run/$name
  rm -rf "$r" && mkdir -p "$r" || die "cannot create $r"
  w=$r/world t=$r/world/tree
  mkdir -p "$t/sandbox/sub" "$t/other" "$t/outside/sub"
  secret="secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$secret" > "$t/outside/secret"
  echo "victim file" > "$t/outside/victim"
  echo "inside data" > "$t/sandbox/inside.txt"
  echo "present" > "$t/sandbox/sub/present.txt"
  echo "theirs" > "$t/other/theirs.txt"
  ln -s ../outside "$t/sandbox/up"
  ln -s /etc "$t/sandbox/etc"
  ln -s ../outside/secret "$t/sandbox/secretlink"
  ln -s "$t/outside/secret" "$t/sandbox/abslink"
  echo "beside the tree" > "$w/beside"
  sed -n "s/^\($name|[^|]*\)|.*/\1/p" "$src/allowed.txt" > "$r/allowed"
  snapshot "$t/outside" > "$r/outside.before"
  ls -a "$w" > "$r/beside.before"
  ls -a "$t" > "$r/tree.before"
  tmp_probe=/tmp/wasm2so-sandbox-escape
  tmp_had=no; [ -e "$tmp_probe" ] && tmp_had=yes

  (cd "$t" && exec env -i timeout 60 "$wl" --dir=sandbox "--dir=$t/other::other" "$b.so") \
    < /dev/null > "$r/out" 2> "$r/err"
  status=$?

  # Ran to its end.
  if [ $status = 0 ] && [ "$(tail -n 1 "$r/out")" = done ]; then pass
  else fail "$name: status $status, last line '$(tail -n 1 "$r/out")' (see $r/err)"; fi

  # One verdict per attempt.
  while IFS= read -r line; do
    [ "$line" = done ] && continue
    what=${line%%: *} result=${line#*: }
    case $result in
    ok*) verdict=ok ;;
    "denied ("*")") verdict=denied ;;
    *) fail "$name: unreadable line '$line'"; continue ;;
    esac
    case $what in
    control*) [ $verdict = ok ] && pass || fail "$name: control failed: $line" ;;
    *) if [ $verdict = denied ]; then pass
       elif grep -qxF "$name|$what" "$r/allowed"; then pass
       else fail "$name: REACHED: $line"; fi ;;
    esac
  done < "$r/out"

  # Nothing from outside in what the guest reports it reached (the text after
  # "ok"; attempt names mention the outside files themselves).
  sed -n 's/^[^:]*: ok//p' "$r/out" > "$r/reached"
  if grep -qF "$secret" "$r/out" "$r/err"; then fail "$name: the secret appears in the guest's output"; else pass; fi
  if grep -qE 'root:|victim' "$r/reached"; then fail "$name: /etc/passwd or outside/ names appear in what the guest reached"; else pass; fi

  # outside/ byte for byte as it was; nothing new beside the tree or in /tmp.
  snapshot "$t/outside" > "$r/outside.after"
  if cmp -s "$r/outside.before" "$r/outside.after"; then pass
  else fail "$name: outside/ changed:"; diff "$r/outside.before" "$r/outside.after" | sed 's/^/    /'; fi
  ls -a "$w" > "$r/beside.after"
  ls -a "$t" > "$r/tree.after"
  if cmp -s "$r/beside.before" "$r/beside.after" && cmp -s "$r/tree.before" "$r/tree.after" &&
     [ "$(cat "$w/beside")" = "beside the tree" ]; then pass
  else fail "$name: something changed next to sandbox/ or next to the tree"; fi
  if [ $tmp_had = no ] && [ -e "$tmp_probe" ]; then rm -rf "$tmp_probe"; fail "$name: created $tmp_probe"; else pass; fi

  # other/ holds its own file or what came from sandbox/, nothing else.
  bad=
  for f in "$t/other"/* "$t/other"/.[!.]*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    case ${f##*/} in
    theirs.txt) [ "$(cat "$f")" = theirs ] || bad="$bad theirs.txt changed;" ;;
    file) [ -f "$f" ] && [ ! -L "$f" ] && [ ! -s "$f" ] || bad="$bad file is not the empty file from sandbox/;" ;;
    *) bad="$bad unexpected ${f##*/};" ;;
    esac
  done
  # A successful cross-preopen rename must have landed where it was told.
  if grep -qxF 'renameat file -> other/file (across preopens): ok' "$r/out"; then
    [ -f "$t/other/file" ] && [ ! -e "$t/sandbox/file" ] || bad="$bad renamed file not in other/;"
  fi
  if grep -qxF 'rename other/theirs.txt -> sandbox/theirs.txt (across preopens): ok' "$r/out"; then
    [ "$(cat "$t/sandbox/theirs.txt" 2>/dev/null)" = theirs ] && [ ! -e "$t/other/theirs.txt" ] ||
      bad="$bad theirs.txt not moved into sandbox/;"
  fi
  if [ -z "$bad" ]; then pass; else fail "$name: other/:$bad"; fi
  echo "ran $name ($(grep -c . "$r/out") lines; see $r/out)"
}

if [ $# -gt 0 ]; then progs=$*
else progs=$(cd "$src" && ls escape_*.c | sed 's/\.c$//'); fi
for p in $progs; do
  program "$p"
done
echo "sandbox: $npass passed, $nfail failed"
[ $nfail = 0 ]
