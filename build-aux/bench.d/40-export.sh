#!/usr/bin/env bash
# Issue 6 "Publishing": export time of each format for the sample report,
# in process (best and mean of 50), then the whole `nianbao --export` command
# (process start, loading the sample, writing the file).  Goal: each < 100 ms.
set -euo pipefail
ninja -C "$NB_BUILD_DIR" tests/export/nb-export-tool >/dev/null
tool=$NB_BUILD_DIR/tests/export/nb-export-tool
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for format in html docx txt csv; do
  "$tool" bench "$format" 50
done
for format in html docx txt; do
  t0=$(date +%s%N)
  "$NIANBAO" --export "$format" --sample -o "$dir/sample.$format"
  t1=$(date +%s%N)
  printf 'nianbao --export %-4s  %6.1f ms wall (whole process)\n' "$format" \
    "$(echo "($t1 - $t0) / 1000000" | bc -l)"
done
