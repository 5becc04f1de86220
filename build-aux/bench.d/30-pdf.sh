#!/usr/bin/env bash
# Issue 5 "Printing and PDF": time of `nianbao --export pdf` for the sample
# report, the whole command (process start, fonts, layout, PDF, write).
# Best and median of 20 runs after one warm-up (the first run of a machine
# also builds fontconfig's cache).  Goal: < 150 ms.
set -euo pipefail
dir=$(mktemp -d /tmp/nb-bench-pdf-XXXXXX)
trap 'rm -rf "$dir"' EXIT
runs=${NB_BENCH_RUNS:-20}
"$NIANBAO" --export pdf -o "$dir/warm.pdf" --sample
times=()
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  "$NIANBAO" --export pdf -o "$dir/sample.pdf" --sample
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
best=${sorted[0]}
median=${sorted[$(( runs / 2 ))]}
pages=$(pdfinfo "$dir/sample.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
printf 'nianbao --export pdf (sample, %s pages, %s bytes)\n' "${pages:-?}" "$(stat -c %s "$dir/sample.pdf")"
printf 'best:   %6.1f ms\n' "$(echo "$best / 1000" | bc -l)"
printf 'median: %6.1f ms  (goal < 150 ms)\n' "$(echo "$median / 1000" | bc -l)"
