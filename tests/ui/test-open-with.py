#!/usr/bin/python3
# test-open-with.py: "Open With Nianbao" from a file manager, from outside
#
# The desktop file runs `nianbao %F`.  This starts the app on one report,
# then runs `nianbao` again on a second report, on the first again and on a
# file that is no report, as a file manager would, and checks through AT-SPI
# what the one running instance shows: a window per report, none twice, and
# a clear message for the bad file.  TAP output.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile
import time

print("TAP version 13")

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display (Xvfb) and a session bus (dbus-run-session)")
    sys.exit(0)
app_g_debug = os.environ.pop("G_DEBUG", None)
try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP needs python3-pyatspi")
    sys.exit(0)

print("1..6")

NIANBAO = os.environ["NIANBAO"]
work = tempfile.mkdtemp(prefix="nianbao-open-with-")
env = dict(os.environ)
if app_g_debug is not None:
    env["G_DEBUG"] = app_g_debug
env.pop("GTK_A11Y", None)  # the real AT-SPI bridge
env["XDG_DATA_HOME"] = os.path.join(work, "data")
env["NIANBAO_NO_AUTOSAVE"] = "1"

first = os.path.join(work, "甲.nianbao")
second = os.path.join(work, "乙.nianbao")
bad = os.path.join(work, "notes.nianbao")
for path, agency in ((first, "甲市统计局"), (second, "乙县财政局")):
    subprocess.run([NIANBAO, "--new", "--year", "2024", "--agency", agency, "-o", path],
                   env=env, check=True, capture_output=True)
with open(bad, "w", encoding="utf-8") as f:
    f.write("这不是年报文件\n")

app_process = subprocess.Popen([NIANBAO, first], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish(code):
    app_process.terminate()
    try:
        out, _ = app_process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        app_process.kill()
        out, _ = app_process.communicate()
    if code != 0 and out:
        for line in out.decode(errors="replace").splitlines():
            print("# app: " + line)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(code)


def ok(n, good, what):
    print(("ok %d " if good else "not ok %d ") % n + what)
    if not good:
        finish(1)


def excepthook(kind, value, traceback):
    sys.__excepthook__(kind, value, traceback)
    finish(1)


sys.excepthook = excepthook


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == app_process.pid:
                return app
        except Exception:
            continue
    return None


def window_names(app):
    names = []
    for i in range(app.childCount):
        try:
            child = app.getChildAtIndex(i)
            if child is not None and child.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG,
                                                         pyatspi.ROLE_ALERT, pyatspi.ROLE_WINDOW):
                names.append(child.name or "")
        except Exception:
            continue
    return names


def wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def open_with(path):
    """What a file manager does: run the desktop file's command on the file."""
    return subprocess.run([NIANBAO, path], env=env, capture_output=True, timeout=30)


def count_with(app, text):
    return sum(text in name for name in window_names(app))


app = wait_for(find_app)
ok(1, app is not None, "the app started on a report shows up on the accessibility bus")

ok(2, wait_for(lambda: count_with(app, "甲市统计局") == 1),
   "its window is the report's (title: %s)" % window_names(app))

run = open_with(second)
ok(3, run.returncode == 0 and wait_for(lambda: count_with(app, "乙县财政局") == 1),
   "opening a second report from outside adds its window to the running app "
   "(exit %d, windows %s)" % (run.returncode, window_names(app)))

run = open_with(first)
time.sleep(1.0)
ok(4, run.returncode == 0 and count_with(app, "甲市统计局") == 1,
   "opening the first report again brings its window forward, no second copy (windows %s)"
   % window_names(app))

run = open_with(bad)
dialog = wait_for(lambda: [n for n in window_names(app) if "notes.nianbao" in n])
ok(5, run.returncode == 0 and bool(dialog),
   "a file that is no report gets a message naming it (windows %s)" % window_names(app))

with open(bad, encoding="utf-8") as f:
    bad_kept = f.read() == "这不是年报文件\n"
ok(6, count_with(app, "甲市统计局") == 1 and count_with(app, "乙县财政局") == 1 and bad_kept,
   "the open reports and the bad file itself are untouched by the failed open")
finish(0)
