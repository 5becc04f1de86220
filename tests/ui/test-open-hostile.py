#!/usr/bin/python3
# test-open-hostile.py: the window opens hostile files without crashing or
# hanging (issue 20)
#
# The real app under Xvfb, watched through AT-SPI: a report whose JSON holds
# a lone surrogate escape ("A\ud800B", as Python's json.dumps writes it)
# used to crash the window (SIGSEGV in gtk_window_present after the title
# asserted); a named pipe blocked the main thread before any window
# appeared; a noncharacter in the agency name broke the title.  Each now
# gets its window or its message, and the process lives on; the window says
# once what the loader replaced.  TAP output.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os

from atspi_app import App, skip_unless_ready, wait_for, walk, window_names

print("TAP version 13")
skip_unless_ready()
print("1..8")

test = App("nianbao-open-hostile-")
ok = test.ok
base = os.path.join(test.work, "base.nianbao")
test.run("--new", "--year", "2024", "--agency", "甲市统计局", "-o", base, check=True)
with open(base, encoding="utf-8") as f:
    report = json.load(f)

surrogate = os.path.join(test.work, "surrogate.nianbao")
report["metadata"]["agency"] = "A\ud800B"
with open(surrogate, "w", encoding="ascii") as f:
    json.dump(report, f)  # writes the escape \ud800

nonchar = os.path.join(test.work, "nonchar.nianbao")
report["metadata"]["agency"] = "乙县\ufffe财政局\x1b"
with open(nonchar, "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False)

fifo = os.path.join(test.work, "pipe.nianbao")
os.mkfifo(fifo)


def replaced_notices(app, title_part):
    """The texts in the window titled with @title_part that tell of replaced characters."""
    found = []
    for i in range(app.childCount):
        try:
            window = app.getChildAtIndex(i)
            if window is None or title_part not in (window.name or ""):
                continue
            for node in walk(window):
                try:
                    name = node.name or ""
                except Exception:
                    continue
                if "replaced on opening" in name:
                    found.append(name)
        except Exception:
            continue
    return found


test.start(surrogate)
app = test.find_accessible()
shown = app is not None and wait_for(lambda: [n for n in window_names(app)
                                               if "surrogate.nianbao" in n])
ok(1, bool(shown), "a lone surrogate escape gets a message naming the file (windows %s, exit %s)"
   % (window_names(app), test.process.poll()))
ok(2, test.alive(), "and the app lives on (it crashed with SIGSEGV)")

run = test.run(fifo)
shown = wait_for(lambda: [n for n in window_names(app) if "pipe.nianbao" in n])
ok(3, run.returncode == 0 and bool(shown) and test.alive(),
   "a named pipe is refused at once with a message, the app responsive (windows %s)"
   % window_names(app))

run = test.run(nonchar)
shown = wait_for(lambda: [n for n in window_names(app) if "乙县\ufffd财政局\ufffd" in n])
ok(4, run.returncode == 0 and bool(shown),
   "a noncharacter and a control character in the agency name are replaced; the window "
   "opens with it in its title (windows %s)" % window_names(app))
ok(5, test.alive(), "and the app lives on")
# The window says, once, what the loader replaced (before, only the command
# line showed the loader's warnings).
notices = wait_for(lambda: replaced_notices(app, "乙县"))
ok(6, len(notices) == 1 and "in 1 place" in notices[0] and "metadata.agency: 2 characters" in notices[0]
   and "U+FFFE" in notices[0],
   "the window says once how many characters were replaced and where the first is (%s)" % notices)
run = test.run(base)
shown = wait_for(lambda: [n for n in window_names(app) if "甲市统计局" in n])
ok(7, run.returncode == 0 and bool(shown) and not replaced_notices(app, "甲市统计局"),
   "a clean file opens without that notice (windows %s, notices %s)"
   % (window_names(app), replaced_notices(app, "甲市统计局")))
ok(8, not [n for n in window_names(app) if "\ufffe" in n or "\x1b" in n],
   "no window title holds the characters themselves (windows %s)" % window_names(app))
test.finish(0)
