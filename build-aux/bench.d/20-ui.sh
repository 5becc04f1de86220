# Issue "editor window": (1) process start to the first frame of a window
# with the sample report, under Xvfb with GSK_RENDERER=cairo (goal < 300 ms);
# (2) the work of one cell commit: totals and checks updated (goal < 1 ms).
# Both also in CPU time: on a shared machine the wall clock measures the load.
set -euo pipefail
for tool in xvfb-run dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is missing"; exit 0; }
done
export GSETTINGS_SCHEMA_DIR=$NB_BUILD_DIR/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
export XDG_DATA_HOME=$(mktemp -d /tmp/nb-bench-ui-XXXXXX)
trap 'rm -rf "$XDG_DATA_HOME"' EXIT

xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- python3 - <<'PY'
import os, subprocess, time
# GDK 4.8 probes GL when it opens the display even with GSK_RENDERER=cairo
# (about 130 ms of CPU with llvmpipe); the second line shows the app without
# that probe, for comparison.
# The last line is the floor: a bare libadwaita window (header bar, one
# label) timed the same way, what GTK and libadwaita cost before any app.
# The app is its application code in bench-first-frame, with the same probe
# as the bare window (tests/bench/bench-first-frame.h): nothing of the
# benchmark is in the program.
bench = os.path.join(os.environ["NB_BUILD_DIR"], "tests", "bench")
bare = os.path.join(bench, "bench-bare-window")
app = os.path.join(bench, "bench-first-frame")
configs = (
    (" of the app with the sample", {}, [app, "--sample"]),
    (" of the same with GDK_DEBUG=gl-disable", {"GDK_DEBUG": "gl-disable"}, [app, "--sample"]),
    (" of a bare AdwApplicationWindow (the floor)", {}, [bare]))
# Taken in turns (app, app without GL, bare, app, ...), so that the load of
# a shared machine, which changes over a minute, weighs on all three alike.
runs = {label: [] for label, _, _ in configs}
for i in range(9):
    for label, extra, command in configs:
        env = dict(os.environ, **extra)
        t0 = time.monotonic()
        # The probe prints the CLOCK_MONOTONIC time (µs) of the first painted
        # frame and the CPU time used by then.
        out = subprocess.run(command, env=env, capture_output=True,
                             text=True, timeout=60).stdout
        line = [l for l in out.splitlines() if l.startswith("first-frame ")]
        if not line:
            print("first frame: no frame reported")
            continue
        fields = line[0].split()
        runs[label].append(((int(fields[1]) / 1e6 - t0) * 1000, int(fields[2]) / 1000))
medians = {}
for label, extra, command in configs:
    if runs[label]:
        wall = sorted(r[0] for r in runs[label])
        cpu = sorted(r[1] for r in runs[label])
        print("start to first frame%s (%d runs): wall median %.0f ms (best %.0f), "
              "CPU median %.0f ms (best %.0f); goal < 300 ms"
              % (label, len(wall), wall[len(wall) // 2], wall[0], cpu[len(cpu) // 2], cpu[0]))
        medians.setdefault(command[0], (wall[len(wall) // 2], cpu[len(cpu) // 2]))
if app in medians and bare in medians:
    # Issue 15: the window with the sample within 1.15x of the bare window.
    print("app with the sample / bare window, same run: wall %.2fx, CPU %.2fx; goal <= 1.15x"
          % (medians[app][0] / medians[bare][0], medians[app][1] / medians[bare][1]))
PY

# The same ratio in instructions (callgrind, every thread, start to the
# probe's g_application_quit at the first frame): the CPU time of a shared,
# loaded machine moves by tens of percent from run to run, this count by
# a few per mille.
if command -v valgrind >/dev/null; then
  count_dir=$(mktemp -d /tmp/nb-bench-ir-XXXXXX)
  # Two runs each, the lower count kept: GTK sometimes loads the icon
  # themes a second time before the first frame (about 69 M more, in some
  # runs and not others with the same binary).
  for name in app bare app bare; do
    if [ "$name" = app ]; then
      command=("$NB_BUILD_DIR/tests/bench/bench-first-frame" --sample)
    else
      command=("$NB_BUILD_DIR/tests/bench/bench-bare-window")
    fi
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- \
      valgrind --tool=callgrind --dump-before=g_application_quit \
      --callgrind-out-file="$count_dir/$name.%p" "${command[@]}" >/dev/null 2>&1 || true
  done
  app_ir=$(cat "$count_dir"/app.*.1 2>/dev/null | sed -n 's/^totals: //p' | sort -n | head -1)
  bare_ir=$(cat "$count_dir"/bare.*.1 2>/dev/null | sed -n 's/^totals: //p' | sort -n | head -1)
  rm -rf "$count_dir"
  if [ -n "$app_ir" ] && [ -n "$bare_ir" ]; then
    awk -v a="$app_ir" -v b="$bare_ir" 'BEGIN {
      printf "instructions to the first frame: app with the sample %.1f M, bare window %.1f M: %.2fx\n",
             a / 1e6, b / 1e6, a / b }'
  else
    echo "instructions to the first frame: not counted (callgrind gave no first-frame profile)"
  fi
else
  echo "instructions to the first frame: skipped, valgrind is missing"
fi

xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$NB_BUILD_DIR/tests/bench/bench-ui-commit"
echo "(goal: commit to totals and checks updated < 1 ms)"
