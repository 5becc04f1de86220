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
import time

from atspi_app import DEADLINE, App, find, skip_unless_ready, wait_for

print("TAP version 13")
pyatspi = skip_unless_ready(need_xdotool=True)
print("1..5")

ROW = "一、本年新收政府信息公开申请数量"
NATURAL = "申请人情况 自然人"
TOTAL = "申请人情况 总计"
SECTION = "三、收到和处理政府信息公开申请情况"

test = App("nianbao-atspi-")
test.start("--sample")
ok = test.ok


def text_of(node):
    text = node.queryText()
    # GTK 4.8: getText(0, -1) returns nothing; ask for the real length.
    return text.getText(0, text.characterCount)


app = test.find_accessible()
ok(1, app is not None, "the app shows up on the accessibility bus")

row = find(app, lambda n: n.name == SECTION and n.getRole() == pyatspi.ROLE_LIST_ITEM)
ok(2, row is not None, "the sidebar lists section 三 by its heading")


def is_cell(name):
    return lambda n: n.name == ROW + ", " + name and n.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)


# Select the tab through the list's AT-SPI Selection, as a screen reader does
# (again if the page is slow to appear on a busy machine).
natural = total = None
end = time.monotonic() + DEADLINE
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
wait_for(lambda: text_of(total) == str(expected))
got = text_of(total)
ok(5, got == str(expected),
   "typing 4321 into 自然人 makes the row total %d (read: %s)" % (expected, got))
test.finish(0)
