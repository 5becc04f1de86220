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

from atspi_app import App, skip_unless_ready, wait_for, window_names

print("TAP version 13")
skip_unless_ready()
print("1..8")

test = App("nianbao-open-with-")
ok = test.ok
first = os.path.join(test.work, "甲.nianbao")
second = os.path.join(test.work, "乙.nianbao")
bad = os.path.join(test.work, "notes.nianbao")
for path, agency in ((first, "甲市统计局"), (second, "乙县财政局")):
    test.run("--new", "--year", "2024", "--agency", agency, "-o", path, check=True)
with open(bad, "w", encoding="utf-8") as f:
    f.write("这不是年报文件\n")
test.start(first)


def open_with(path):
    """What a file manager does: run the desktop file's command on the file."""
    return test.run(path)


def count_with(app, text):
    return sum(text in name for name in window_names(app))


app = test.find_accessible()
ok(1, app is not None, "the app started on a report shows up on the accessibility bus")

ok(2, wait_for(lambda: count_with(app, "甲市统计局") == 1),
   "its window is the report's (title: %s)" % window_names(app))

run = open_with(second)
ok(3, run.returncode == 0 and wait_for(lambda: count_with(app, "乙县财政局") == 1),
   "opening a second report from outside adds its window to the running app "
   "(exit %d, windows %s)" % (run.returncode, window_names(app)))

again = open_with(first)
# The running app handles what it is asked to open in order: once the bad
# file's message is up, a second copy of the first report would be too.
run = open_with(bad)
dialog = wait_for(lambda: [n for n in window_names(app) if "notes.nianbao" in n])
ok(4, again.returncode == 0 and bool(dialog) and count_with(app, "甲市统计局") == 1,
   "opening the first report again brings its window forward, no second copy (windows %s)"
   % window_names(app))
ok(5, run.returncode == 0 and bool(dialog),
   "a file that is no report gets a message naming it (windows %s)" % window_names(app))

with open(bad, encoding="utf-8") as f:
    bad_kept = f.read() == "这不是年报文件\n"
ok(6, count_with(app, "甲市统计局") == 1 and count_with(app, "乙县财政局") == 1 and bad_kept,
   "the open reports and the bad file itself are untouched by the failed open")

# The bad file is the first thing opened: the message, and no empty report.
test.stop()
test.start(bad)
app = test.find_accessible()
ok(7, app is not None and bool(wait_for(lambda: [n for n in window_names(app)
                                                  if "notes.nianbao" in n])),
   "opening a bad file with no app running shows the message (windows %s)"
   % window_names(app))
# A report opened after it: any window the start made on its own is there
# by the time this one is.
run = open_with(second)
later = run.returncode == 0 and wait_for(lambda: count_with(app, "乙县财政局") == 1)
ok(8, bool(later) and [n for n in window_names(app) if "年度报告" in n and "乙县财政局" not in n] == [],
   "and no report window nobody asked for (windows %s)" % window_names(app))
test.finish(0)
