# Issue 16 "a day of typing": the sample's tables 二, 三 and 四 typed into a
# new report with the keyboard alone (tests/ui/test-typing.c, real key
# events through XTest): the key presses it takes, and the app's CPU time
# for them.  The reference, measured in the same run: the same number of
# key presses (digits and Tabs) into two bare GtkEntry widgets, what GTK
# itself costs per key.  CPU time, not wall time: xdotool's pace and the
# shared machine's load are not the app's.
set -euo pipefail
for tool in xvfb-run dbus-run-session xdotool; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is missing"; exit 0; }
done
export GSETTINGS_SCHEMA_DIR=$NB_BUILD_DIR/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
test_typing=$NB_BUILD_DIR/tests/ui/test-typing
run () {
  xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" dbus-run-session -- \
    env NB_BENCH_FILL="$1" "$test_typing" -p "$2" 2>/dev/null | grep -E '^(keyboard-fill|bare-entries) '
}
fill=$(run 0 /typing/keyboard-fill)
presses=$(echo "$fill" | awk '{print $3}')
app_ms=$(echo "$fill" | awk '{print $5}')
wall_ms=$(echo "$fill" | awk '{print $7}')
bare=$(run "$presses" /typing/bench-bare-entries)
bare_presses=$(echo "$bare" | awk '{print $3}')
bare_ms=$(echo "$bare" | awk '{print $5}')
python3 - "$presses" "$app_ms" "$wall_ms" "$bare_presses" "$bare_ms" <<'PY'
import sys
presses, app_ms, wall_ms, bare_presses, bare_ms = (float(a) for a in sys.argv[1:])
app_per_key = app_ms / presses
bare_per_key = bare_ms / bare_presses
print("keyboard-only fill of the sample's tables 2, 3, 4: %d key presses, "
      "app CPU %.2f s (%.2f ms a key; wall %.1f s at xdotool's pace)"
      % (presses, app_ms / 1000, app_per_key, wall_ms / 1000))
print("reference, bare GtkEntry widgets: %d key presses, CPU %.2f s (%.2f ms a key); "
      "ratio app/bare per key: %.1f" % (bare_presses, bare_ms / 1000, bare_per_key,
                                       app_per_key / bare_per_key))
PY
