#!/usr/bin/env bash
# A real CUPS round trip: a private cupsd with a file-device queue, then
# `nianbao --print --printer QUEUE` sends the sample report, and the job's
# output must hold the report's text.  Also: an unknown printer and a stopped
# cupsd must fail with a clear message and exit status 1.
#
# The cupsd is this test's own (own config, socket and spool under a temp
# folder; CUPS_SERVER points the clients at it): the machine's CUPS, if any,
# is left alone.
set -euo pipefail

: "${NIANBAO:?NIANBAO must point to the built nianbao}"

skip () { echo "1..0 # SKIP $*"; exit 0; }

command -v cupsd >/dev/null || skip "cupsd is not installed (package cups)"
command -v lpadmin >/dev/null || skip "lpadmin is not installed (package cups-client)"
command -v pdftotext >/dev/null || skip "pdftotext is not installed (package poppler-utils)"

work=$(mktemp -d /tmp/nianbao-cups-XXXXXX)
chmod 755 "$work"
pid=
cleanup () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [ -n "${NB_KEEP_CUPS_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/etc/ppd" "$work/spool/tmp" "$work/cache" "$work/state/certs" "$work/log" "$work/out"
# The file: backend runs as the unprivileged CUPS user.
chmod 1777 "$work/out" "$work/spool/tmp"
socket=$work/cups.sock
queue=nianbao-test-$$
out=$work/out/job.prn

cat > "$work/etc/cups-files.conf" <<CONF
FileDevice Yes
ServerRoot $work/etc
RequestRoot $work/spool
TempDir $work/spool/tmp
CacheDir $work/cache
StateDir $work/state
ErrorLog $work/log/error_log
AccessLog $work/log/access_log
PageLog $work/log/page_log
SystemGroup root
CONF
cat > "$work/etc/cupsd.conf" <<CONF
Listen $socket
Browsing No
WebInterface No
LogLevel warn
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF

export CUPS_SERVER=$socket
# The colord warning of GTK's CUPS backend is harmless here.
unset G_DEBUG

cupsd -f -c "$work/etc/cupsd.conf" -s "$work/etc/cups-files.conf" &
pid=$!
# Until it answers or exits: a deadline in seconds, not a number of tries
# (a try takes longer on a busy machine).
deadline=$((SECONDS + 120))
while [ $SECONDS -lt $deadline ]; do
  [ -S "$socket" ] && lpstat -r >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if ! lpstat -r >/dev/null 2>&1; then
  cat "$work/log/error_log" 2>/dev/null || true
  skip "the private cupsd could not be started"
fi

echo "1..5"
# A PostScript office printer (CUPS's generic PPD) and a queue that keeps the
# PDF as sent (a minimal PPD whose filter passes PDF through), so the text of
# the printed job can be read back.
cat > "$work/pdf-printer.ppd" <<'PPD'
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "NBPDF.PPD"
*Manufacturer: "Nianbao"
*Product: "(Nianbao test PDF printer)"
*ModelName: "Nianbao test PDF printer"
*ShortNickName: "Nianbao test PDF printer"
*NickName: "Nianbao test PDF printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*TTRasterizer: Type42
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
PPD
pdfqueue=$queue-pdf
pdfout=$work/out/job-pdf.prn
lpadmin -p "$queue" -E -v "file://$out" -m drv:///sample.drv/generic.ppd 2>/dev/null
lpadmin -p "$pdfqueue" -E -v "file://$pdfout" -P "$work/pdf-printer.ppd" 2>/dev/null

wait_for_output () {
  local deadline=$((SECONDS + 180))
  while [ $SECONDS -lt $deadline ]; do
    if [ -s "$2" ] && [ -z "$(lpstat -o "$1" 2>/dev/null)" ]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

expected_pages=$("$NIANBAO" --export pdf -o - --sample | pdfinfo - | awk '/^Pages:/ {print $2}')

# 1: the PostScript printer prints every page of the report, under its title.
if ! "$NIANBAO" --print --printer "$queue" --sample > "$work/print.log" 2>&1; then
  cat "$work/print.log"
  echo "not ok 1 - nianbao --print --printer $queue --sample failed"
  exit 1
fi
if ! wait_for_output "$queue" "$out"; then
  cat "$work/log/error_log" || true
  echo "not ok 1 - the PostScript queue wrote no output in 180 s"
  exit 1
fi
pages=$(grep -a '^%%Pages: [0-9]' "$out" | tail -1 | awk '{print $2}')
title=$(grep -a -m1 '^%%Title:' "$out" | python3 -c 'import sys, re
line = sys.stdin.buffer.read().strip()[len(b"%%Title: ("):-1]
print(re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), line).decode("utf-8", "replace"))')
if head -c 4 "$out" | grep -q '%!PS' && [ "$pages" = "$expected_pages" ] \
   && [ "${#title}" -ge 10 ] && [[ "漯河回族区城市管理局2022年政府信息公开工作年度报告" == "$title"* ]]; then
  # (ghostscript shortens a long %%Title; the start must be the report's)
  echo "ok 1 - PostScript job “$title”, $pages pages"
else
  echo "not ok 1 - PostScript job: title “$title”, $pages pages (expected $expected_pages)"
  exit 1
fi

# 2: the job's output holds the report's text (the PDF queue keeps it).
if ! "$NIANBAO" --print --printer "$pdfqueue" --sample > "$work/print2.log" 2>&1 \
   || ! wait_for_output "$pdfqueue" "$pdfout"; then
  cat "$work/print2.log" "$work/log/error_log" 2>/dev/null || true
  echo "not ok 2 - the PDF queue wrote no output"
  exit 1
fi
text=$(pdftotext "$pdfout" - | tr -d ' \n')
missing=
for want in "漯河回族区城市管理局" "一、总体情况" "二、主动公开政府信息情况" \
            "三、收到和处理政府信息公开申请情况" "四、政府信息公开行政复议、行政诉讼情况" \
            "五、存在的主要问题及改进情况" "六、其他需要报告的事项" "行政处罚" "27.2500" \
            "申请人情况" "未经复议直接起诉"; do
  case "$text" in
    *"$want"*) ;;
    *) missing="$missing $want" ;;
  esac
done
if [ -z "$missing" ]; then
  echo "ok 2 - the printed job holds the report's headings, labels and numbers"
else
  echo "not ok 2 - missing in the printed job:$missing"
  exit 1
fi

# 3: an unknown printer is a clear error, exit status 1.
set +e
"$NIANBAO" --print --printer "no-such-printer-$$" --sample > "$work/bad.log" 2>&1
status=$?
set -e
if [ "$status" = 1 ] && grep -q "no-such-printer-$$" "$work/bad.log"; then
  echo "ok 3 - unknown printer: exit 1 and “$(tr -d '\n' < "$work/bad.log")”"
else
  cat "$work/bad.log"
  echo "not ok 3 - unknown printer gave status $status"
  exit 1
fi

# 4: several reports at once, one job each.
cp "$NB_SOURCE_DIR/data/samples/sample-2022.nianbao" "$work/a.nianbao"
cp "$NB_SOURCE_DIR/data/samples/sample-2022.nianbao" "$work/b.nianbao"
rm -f "$pdfout"
if "$NIANBAO" --print --printer "$pdfqueue" "$work/a.nianbao" "$work/b.nianbao" > "$work/batch.log" 2>&1 \
   && [ "$(grep -c 'sent to the printer' "$work/batch.log")" = 2 ] && wait_for_output "$pdfqueue" "$pdfout"; then
  echo "ok 4 - two reports printed in one run"
else
  cat "$work/batch.log"
  echo "not ok 4 - printing two reports at once failed"
  exit 1
fi

# 5: with cupsd stopped, a clear error and exit status 1.
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
set +e
timeout 60 "$NIANBAO" --print --printer "$queue" --sample > "$work/down.log" 2>&1
status=$?
set -e
if [ "$status" = 1 ] && grep -qi "printer" "$work/down.log"; then
  echo "ok 5 - cupsd stopped: exit 1 and “$(tr -d '\n' < "$work/down.log")”"
else
  cat "$work/down.log"
  echo "not ok 5 - cupsd stopped gave status $status"
  exit 1
fi
