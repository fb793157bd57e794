#!/bin/sh
# compat.sh — the guest compat library end to end (wasm-mpicc, wasm2so,
# wasmload): gethostname equals the host's name and is bounds-checked by
# the host (EFAULT for a buffer past the end of memory, ENAMETOOLONG when it
# does not fit); getpagesize is the 64 KiB Wasm page; sysconf gives the
# physical memory the guest can use and never musl's internal codes;
# sched_getcpu fails with ENOSYS; wasi-libc's emulated getrusage, times,
# clock, getpid and signals work.
. "$(dirname "$0")/sdk-lib.sh"

[ -x "$wl" ] || { bad "$wl is not built"; finish; exit 1; }
check "compat.c builds with wasm-mpicc" "$mpicc" -O2 -fopenmp -march=native "$src/compat.c" \
  -o "$out/compat.wasm"
check "it imports gethostname from wasm2so_compat" sh -c \
  "wasm-objdump -x -j Import '$out/compat.wasm' | grep -q '<- wasm2so_compat.gethostname\$'"
if (cd "$out" && run_guest compat.wasm) >"$out/run.txt" 2>"$out/run.err"; then
  ok "it runs under wasmload"
else
  bad "it runs under wasmload"; cat "$out/run.err"
fi
line() { sed -n "s/^$1 //p" "$out/run.txt"; }
host=$(uname -n)
expect_eq "gethostname is the host's name ($host)" "$(line gethostname)" "0 $host"
expect_eq "gethostname into exactly strlen+1 bytes" "$(line gethostname_exact)" "0 same"
expect_eq "gethostname into one byte less: ENAMETOOLONG" "$(line gethostname_short)" "-1 ENAMETOOLONG"
expect_eq "gethostname past the end of memory: EFAULT" "$(line gethostname_wild)" "-1 EFAULT"
expect_eq "getpagesize is the Wasm page" "$(line getpagesize)" "65536"
expect_eq "sysconf(_SC_PAGESIZE) agrees" "$(line sysconf_pagesize)" "65536"
# The guest declares no maximum memory: 4 GiB, 65536 pages of 64 KiB.
host_pages=$(( $(getconf _PHYS_PAGES) * $(getconf PAGESIZE) / 65536 ))
want=$(( host_pages < 65536 ? host_pages : 65536 ))
expect_eq "sysconf(_SC_PHYS_PAGES): the host's memory within the guest's 4 GiB" "$(line sysconf_phys)" "$want"
av=$(line sysconf_avphys)
if [ -n "$av" ] && [ "$av" -gt 0 ] && [ "$av" -le "$want" ]; then ok "sysconf(_SC_AVPHYS_PAGES) = $av, in (0, $want]"
else bad "sysconf(_SC_AVPHYS_PAGES) = '$av', not in (0, $want]"; fi
expect_eq "sysconf never returns musl's internal codes" "$(line sysconf_codes)" "0"
expect_eq "sched_getcpu fails with ENOSYS" "$(line sched_getcpu)" "-1 ENOSYS"
expect_eq "getrusage works (emulated)" "$(line getrusage)" "0"
expect_eq "times works (emulated)" "$(line times)" "1"
expect_eq "clock works (emulated)" "$(line clock)" "1"
expect_eq "getpid works (emulated)" "$(line getpid)" "1"
expect_eq "signal + raise work (emulated)" "$(line raise)" "1"
expect_eq "omp: one thread, number 0" "$(line omp)" "1 0 1"
finish
