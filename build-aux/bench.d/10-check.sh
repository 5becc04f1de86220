# Issue "Core": check 10,000 generated reports with nianbao --check; compare
# with json-glib parsing the same files alone.  Goal: checking < 2× the bare parse.
# The reports' narratives state their figures (issue 17: the TEXT-* rules
# read them).  The parse runs on one core, so the check is timed on one core
# too (taskset), besides on every core as a folder check runs.
set -euo pipefail
n=${NB_BENCH_REPORTS:-10000}
dir=$(mktemp -d /tmp/nb-bench-check-XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 "$NB_SOURCE_DIR/build-aux/bench.d/gen-reports.py" "$dir" "$n"
# warm the page cache so both runs read from memory
cat "$dir"/* > /dev/null

best() { # best of 3 wall-clock seconds of a command
  local best=
  for _ in 1 2 3; do
    local t0 t1 s
    t0=$(date +%s.%N); "$@" > /dev/null || true; t1=$(date +%s.%N)
    s=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$s < $best" | bc -l)" = 1 ]; then best=$s; fi
  done
  echo "$best"
}

check=$(best taskset -c 0 "$NIANBAO" --check "$dir")
parse=$(best taskset -c 0 "$NB_BUILD_DIR/tests/bench/bench-json-parse" "$dir")
all=$(best "$NIANBAO" --check "$dir")
printf 'reports:              %d\n' "$n"
printf 'nianbao --check:      %.3f s  (%.0f reports/s, one core)\n' "$check" "$(echo "$n / $check" | bc -l)"
printf 'json-glib parse only: %.3f s  (%.0f reports/s, one core)\n' "$parse" "$(echo "$n / $parse" | bc -l)"
printf 'ratio check/parse:    %.2f  (goal < 2)\n' "$(echo "$check / $parse" | bc -l)"
printf 'nianbao --check:      %.3f s  on %d cores\n' "$all" "$(nproc)"
