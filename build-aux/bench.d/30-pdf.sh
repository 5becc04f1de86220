#!/usr/bin/env bash
# Issue 5 "Printing and PDF": time of `nianbao --export pdf` for the sample
# report, the whole command (process start, fonts, layout, PDF, write).
# Best and median wall-clock time of N runs after one warm-up (the first run
# on a machine also builds fontconfig's cache), and the median CPU time
# (user + system), which a busy machine disturbs less.  Goal: < 150 ms.
# Then the export inside one process (bench-pdf): the first, which opens
# and subsets the fonts, and the later ones.
set -euo pipefail
dir=$(mktemp -d /tmp/nb-bench-pdf-XXXXXX)
trap 'rm -rf "$dir"' EXIT
runs=${NB_BENCH_RUNS:-20}
"$NIANBAO" --export pdf -o "$dir/warm.pdf" --sample
TIMEFORMAT='%R %U %S'
for _ in $(seq "$runs"); do
  { time "$NIANBAO" --export pdf -o "$dir/sample.pdf" --sample ; } 2>> "$dir/times"
done
pages=$(pdfinfo "$dir/sample.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
printf 'nianbao --export pdf (sample, %s pages, %s bytes), %s runs\n' "${pages:-?}" \
  "$(stat -c %s "$dir/sample.pdf")" "$runs"
median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
wall_best=$(awk '{ print $1 * 1000 }' "$dir/times" | sort -n | head -1)
wall_median=$(awk '{ print $1 * 1000 }' "$dir/times" | median)
cpu_median=$(awk '{ print ($2 + $3) * 1000 }' "$dir/times" | median)
printf 'wall best:   %6.0f ms\n' "$wall_best"
printf 'wall median: %6.0f ms  (goal < 150 ms)\n' "$wall_median"
printf 'CPU median:  %6.0f ms  (user + system)\n' "$cpu_median"
"$NB_BUILD_DIR/tests/bench/bench-pdf"
