# Issue 9 "Scale": a whole province, 20,000 generated reports of one year.
# Throughput and peak memory of `nianbao --check` and `nianbao --merge`, and
# the same at a tenth of the count: memory must not grow with the number of
# reports beyond the summary itself (its list of sources, the check table).
set -euo pipefail
n=${NB_BENCH_SCALE_REPORTS:-20000}
small=$(( n / 10 ))
dir=$(mktemp -d /tmp/nb-bench-scale-XXXXXX)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
trap 'rm -rf "$dir"' EXIT
gen="$NB_SOURCE_DIR/tests/batch/gen-reports.py"

t0=$(date +%s.%N)
python3 "$gen" "$dir/all" --count "$n" --seed 9
t1=$(date +%s.%N)
mkdir "$dir/small"
for f in $(ls "$dir/all" | head -n "$small"); do ln "$dir/all/$f" "$dir/small/$f"; done
du_all=$(du -sm "$dir/all" | cut -f1)
printf 'generated:  %d reports (%d MB) in %.1f s\n' "$n" "$du_all" "$(echo "$t1 - $t0" | bc -l)"
cat "$dir"/all/* > /dev/null  # warm the page cache: measure Nianbao, not the disk

# measure LABEL COUNT CMD...: wall time, reports/s and peak RSS from GNU time
measure() {
  local label=$1 count=$2
  shift 2
  /usr/bin/time -v -o "$dir/time" "$@" > /dev/null 2> "$dir/stderr" || true
  local rss  # wall and cpu stay set: the ratios below read them
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time" \
         | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  # CPU time too: on a shared, loaded machine it is the steadier figure.
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time")
  printf '%-28s %6d reports  %7.2f s wall  %7.0f reports/s  %7.2f s CPU  %7.0f reports/CPU-s  peak RSS %6.1f MB\n' \
    "$label" "$count" "$wall" "$(echo "$count / $wall" | bc -l)" "$cpu" \
    "$(echo "$count / $cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

measure "nianbao --check" "$small" "$NIANBAO" --check "$dir/small"
# Issue 17: a folder check uses every core; goal <= 0.6x the time on one.
measure "nianbao --check (one core)" "$n" taskset -c 0 "$NIANBAO" --check "$dir/all"
one=$wall
one_cpu=$cpu
measure "nianbao --check" "$n" "$NIANBAO" --check "$dir/all"
printf 'ratio all cores/one core:   %.2f  (goal <= 0.6 on %d cores)\n' "$(echo "$wall / $one" | bc -l)" "$(nproc)"
# What the workers cost each other: 1.00 when they share nothing; on a
# loaded machine the steadier figure.
printf 'CPU all cores/one core:     %.2f\n' "$(echo "$cpu / $one_cpu" | bc -l)"
measure "nianbao --check --format=summary-csv" "$n" "$NIANBAO" --check --format=summary-csv "$dir/all"
measure "nianbao --merge" "$small" "$NIANBAO" --merge -o "$dir/summary-small.nianbao" "$dir/small"
measure "nianbao --merge" "$n" "$NIANBAO" --merge -o "$dir/summary.nianbao" "$dir/all"
if [ ! -s "$dir/summary.nianbao" ]; then
  echo "merge failed:" >&2
  head -5 "$dir/stderr" >&2
  exit 1
fi
printf 'summary:    %d sources, %d bytes\n' \
  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["metadata"]["sources"]))' "$dir/summary.nianbao")" \
  "$(stat -c %s "$dir/summary.nianbao")"
