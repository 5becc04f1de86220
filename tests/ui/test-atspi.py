#!/usr/bin/python3
# test-atspi.py: drive the real app from outside, as a screen reader user would
#
# Starts `nianbao --sample` with its normal accessibility bridge, finds the
# table-3 cell "一、本年新收政府信息公开申请数量, 申请人情况 自然人" by its
# accessible name, types a number into it with real key events and reads the
# row total back through AT-SPI.  TAP output.
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
if shutil.which("xdotool") is None:
    print("1..0 # SKIP needs xdotool to send key events")
    sys.exit(0)
# The AT-SPI client library warns about applications that come and go on
# the bus; that is no failure of this test (the app keeps G_DEBUG).
app_g_debug = os.environ.pop("G_DEBUG", None)
try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP needs python3-pyatspi")
    sys.exit(0)

print("1..5")

ROW = "一、本年新收政府信息公开申请数量"
NATURAL = "申请人情况 自然人"
TOTAL = "申请人情况 总计"
SECTION = "三、收到和处理政府信息公开申请情况"

env = dict(os.environ)
if app_g_debug is not None:
    env["G_DEBUG"] = app_g_debug
env.pop("GTK_A11Y", None)  # the real AT-SPI bridge, not the test backend
env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="nianbao-atspi-")
env["NIANBAO_NO_AUTOSAVE"] = "1"
app_process = subprocess.Popen([os.environ["NIANBAO"], "--sample"], env=env,
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
    shutil.rmtree(env["XDG_DATA_HOME"], ignore_errors=True)
    sys.exit(code)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


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


def find(app, predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for node in walk(app):
            try:
                if predicate(node):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def text_of(node):
    text = node.queryText()
    # GTK 4.8: getText(0, -1) returns nothing; ask for the real length.
    return text.getText(0, text.characterCount)


def ok(n, good, what):
    print(("ok %d " if good else "not ok %d ") % n + what)
    if not good:
        finish(1)


def excepthook(kind, value, traceback):
    sys.__excepthook__(kind, value, traceback)
    finish(1)


sys.excepthook = excepthook


app = None
end = time.monotonic() + 15
while app is None and time.monotonic() < end:
    app = find_app()
    if app is None:
        time.sleep(0.2)
ok(1, app is not None, "the app shows up on the accessibility bus")

row = find(app, lambda n: n.name == SECTION and n.getRole() == pyatspi.ROLE_LIST_ITEM)
ok(2, row is not None, "the sidebar lists section 三 by its heading")


def is_cell(name):
    return lambda n: n.name == ROW + ", " + name and n.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)


# Select the tab through the list's AT-SPI Selection, as a screen reader does
# (again if the page is slow to appear on a busy machine).
natural = total = None
end = time.monotonic() + 30
while (natural is None or total is None) and time.monotonic() < end:
    try:
        row.parent.querySelection().selectChild(row.getIndexInParent())
    except Exception:
        pass
    natural = find(app, is_cell(NATURAL), timeout=3)
    total = find(app, is_cell(TOTAL), timeout=1)
ok(3, natural is not None and total is not None,
   "the cells are found by their accessible names “row label, column label”")

before_total = int(text_of(total) or "0")
before_natural = int(text_of(natural) or "0")

# Type the number through the cell's AT-SPI EditableText, as an on-screen
# keyboard or a screen reader's "set value" does; the sheet commits it.
editable = natural.queryEditableText()
ok(4, editable.setTextContents("4321"), "the cell takes text through AT-SPI")

expected = before_total - before_natural + 4321
got = None
end = time.monotonic() + 5
while time.monotonic() < end:
    got = text_of(total)
    if got == str(expected):
        break
    time.sleep(0.1)
ok(5, got == str(expected),
   "typing 4321 into 自然人 makes the row total %d (read: %s)" % (expected, got))
finish(0)
