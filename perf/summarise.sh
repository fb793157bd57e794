#!/usr/bin/env bash
# summarise.sh — the tables of perf/run.sh from hyperfine's CSV files.
# usage: summarise.sh RESULTS_DIR "ENGINES" KERNEL...
# Reads RESULTS_DIR/KERNEL.csv (columns command,mean,stddev,median,user,
# system,min,max; command = engine name), writes RESULTS_DIR/ratios.dat (for
# gnuplot) and prints markdown: medians with their spread, ratios to the
# first engine (native clang -O2), geometric mean and worst kernel per engine,
# and the same ratios for CPU time (user + system).
set -euo pipefail
results=$1 engines=$2
shift 2
for k in "$@"; do
  [ -s "$results/$k.csv" ] || { echo "summarise: no $results/$k.csv" >&2; exit 1; }
  awk -F, -v k=$k 'NR > 1 { print k, $1, $4, $7, $8, $5 + $6 }' "$results/$k.csv"
done | awk -v engines="$engines" -v dat="$results/ratios.dat" '
{ med[$1, $2] = $3; lo[$1, $2] = $4; hi[$1, $2] = $5; cpu[$1, $2] = $6
  if (!($1 in seen)) { seen[$1] = 1; order[++nk] = $1 } }
END {
  ne = split(engines, eng, " "); base = eng[1]
  printf "### Median wall time in seconds [min-max]\n\n| kernel |"
  for (e = 1; e <= ne; e++) printf " %s |", eng[e]
  printf "\n|---|"; for (e = 1; e <= ne; e++) printf "---:|"; printf "\n"
  for (i = 1; i <= nk; i++) {
    k = order[i]; printf "| %s |", k
    for (e = 1; e <= ne; e++) printf " %.3f [%.3f-%.3f] |", med[k, eng[e]], lo[k, eng[e]], hi[k, eng[e]]
    printf "\n"
  }
  printf "\n### Ratio to %s (median / median; lower is better)\n\n| kernel |", base
  for (e = 2; e <= ne; e++) printf " %s |", eng[e]
  printf "\n|---|"; for (e = 2; e <= ne; e++) printf "---:|"; printf "\n"
  printf "kernel" > dat; for (e = 2; e <= ne; e++) printf " %s", eng[e] > dat; printf "\n" > dat
  for (i = 1; i <= nk; i++) {
    k = order[i]; printf "| %s |", k; printf "%s", k > dat
    for (e = 2; e <= ne; e++) {
      r = med[k, eng[e]] / med[k, base]
      printf " %.3f |", r; printf " %.4f", r > dat
      lsum[e] += log(r)
      if (!(e in worst) || r > worst[e]) { worst[e] = r; worstk[e] = k }
    }
    printf "\n"; printf "\n" > dat
  }
  printf "| **geomean** |"
  for (e = 2; e <= ne; e++) printf " **%.3f** |", exp(lsum[e] / nk)
  printf "\n| worst |"
  for (e = 2; e <= ne; e++) printf " %.3f %s |", worst[e], worstk[e]
  printf "\n"
  # CPU time suffers less than wall time from other jobs on a busy machine.
  printf "\n### Ratio of CPU time (user + system, mean of the runs) to %s\n\n| kernel |", base
  for (e = 2; e <= ne; e++) printf " %s |", eng[e]
  printf "\n|---|"; for (e = 2; e <= ne; e++) printf "---:|"; printf "\n"
  for (i = 1; i <= nk; i++) {
    k = order[i]; printf "| %s |", k
    for (e = 2; e <= ne; e++) {
      r = cpu[k, eng[e]] / cpu[k, base]
      printf " %.3f |", r
      csum[e] += log(r)
      if (!(e in cworst) || r > cworst[e]) { cworst[e] = r; cworstk[e] = k }
    }
    printf "\n"
  }
  printf "| **geomean** |"
  for (e = 2; e <= ne; e++) printf " **%.3f** |", exp(csum[e] / nk)
  printf "\n| worst |"
  for (e = 2; e <= ne; e++) printf " %.3f %s |", cworst[e], cworstk[e]
  printf "\n"
}'
