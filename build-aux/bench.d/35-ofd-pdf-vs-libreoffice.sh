#!/usr/bin/env bash
# Issue 18 "The official file": `nianbao --export ofd` and `--export pdf`
# against LibreOffice's headless conversion of our DOCX export of the same
# report to PDF (`soffice --headless --convert-to pdf`, its own profile), in
# one run, interleaved so a busy machine disturbs all three alike.  Each
# figure is the median of N runs after a warm-up (LibreOffice's first run
# makes its profile): wall-clock time, and peak memory (maximum resident set
# size by /usr/bin/time, LibreOffice's soffice.bin included).
# Goals: each export at least 25× faster than LibreOffice, and under 1/4 of
# its peak memory.  Reports: the sample, and a long one (NB_BENCH_REPORT).
set -euo pipefail
if ! command -v soffice >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "skipped: needs soffice (libreoffice-writer-nogui) and /usr/bin/time (time)"
  exit 0
fi
dir=$(mktemp -d /tmp/nb-bench-ofd-XXXXXX)
trap 'rm -rf "$dir"' EXIT
runs=${NB_BENCH_RUNS:-7}
input=(--sample)
[ -n "${NB_BENCH_REPORT:-}" ] && input=("$NB_BENCH_REPORT")
profile="file://$dir/lo-profile"

"$NIANBAO" --export docx -o "$dir/report.docx" "${input[@]}" 2>/dev/null
measure () { # NAME COMMAND...: appends "seconds kilobytes" to $dir/NAME
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$dir/one" "$@" >/dev/null 2>&1
  cat "$dir/one" >> "$dir/$name"
}
lo=(soffice "-env:UserInstallation=$profile" --headless --convert-to pdf --outdir "$dir/lo"
    "$dir/report.docx")
# Warm-up: fontconfig's cache, LibreOffice's profile.
"${lo[@]}" >/dev/null 2>&1
"$NIANBAO" --export pdf -o "$dir/warm.pdf" "${input[@]}" 2>/dev/null
[ -s "$dir/lo/report.pdf" ] || { echo "LibreOffice made no PDF of the DOCX"; exit 1; }
for _ in $(seq "$runs"); do
  measure ofd "$NIANBAO" --export ofd -o "$dir/report.ofd" "${input[@]}"
  measure pdf "$NIANBAO" --export pdf -o "$dir/report.pdf" "${input[@]}"
  measure libreoffice "${lo[@]}"
done

median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
lo_time=$(awk '{ print $1 }' "$dir/libreoffice" | median)
lo_mem=$(awk '{ print $2 }' "$dir/libreoffice" | median)
printf '%s, %s runs each, interleaved (median)\n' "${NB_BENCH_REPORT:-sample}" "$runs"
printf '%-36s %8s %10s %9s %10s\n' '' 'time' 'vs LO' 'peak RSS' 'vs LO'
for name in ofd pdf; do
  t=$(awk '{ print $1 }' "$dir/$name" | median)
  m=$(awk '{ print $2 }' "$dir/$name" | median)
  printf '%-36s %6.2f s %8.1f× %6.0f MB %9.2f\n' "nianbao --export $name" "$t" \
    "$(echo "$lo_time / ($t + 0.005)" | bc -l)" "$(echo "$m / 1024" | bc -l)" \
    "$(echo "$m / $lo_mem" | bc -l)"
done
printf '%-36s %6.2f s %8s %6.0f MB\n' 'soffice --convert-to pdf (our DOCX)' "$lo_time" '1×' \
  "$(echo "$lo_mem / 1024" | bc -l)"
echo "goals: ≥ 25× faster, < 0.25 of LibreOffice's peak memory (time resolution 10 ms)"
