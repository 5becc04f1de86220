#!/usr/bin/python3
# test-atspi-names.py: every control a screen reader reaches has a name
#
# Starts `nianbao --sample` with its normal accessibility bridge and the
# checks panel shown, opens every page of the section list in turn through
# the list's AT-SPI Selection (as a screen reader does), walks the window's
# whole accessible tree on each, and fails on any accessible named after a
# GTK class ("GtkImage", "GtkToggleButton", …: what an icon button without
# a label is read out as) and on any control without a name.  TAP output.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import time

from atspi_app import App, skip_unless_ready, walk, wait_for

print("TAP version 13")
pyatspi = skip_unless_ready()
print("1..7")

CLASS_NAME = re.compile(r"^(Gtk|Adw|Nb)[A-Z][A-Za-z]+$")

# What a person operates: each must say what it is for.
CONTROLS = {"push button", "toggle button", "check box", "radio button", "entry", "text",
            "spin button", "combo box", "list item", "menu item", "slider", "link",
            "page tab", "switch", "password text", "table cell"}

# Parts GTK 4.8 and libadwaita 1.2 build inside their own widgets, with no
# public way to name them or keep them off the bus: a scroll bar and its
# range, libadwaita's drawing helpers (AdwGizmo).  Anything else named after
# its class fails.
INTERNAL = {("scroll bar", "GtkScrollbar"), ("filler", "GtkRange"), ("filler", "AdwGizmo")}

test = App("nianbao-atspi-names-")
test.start("--sample")
ok = test.ok

app = test.find_accessible()
ok(1, app is not None, "the app shows up on the accessibility bus")


def where(node):
    """“role in role ‘name’”: the node and its nearest named ancestor."""
    parent = node.parent
    while parent is not None and not parent.name:
        parent = parent.parent
    inside = " in %s “%s”" % (parent.getRoleName(), parent.name) if parent is not None else ""
    return "%s%s" % (node.getRoleName(), inside)


def nodes():
    found = []
    for node in walk(app):
        try:
            role, name = node.getRoleName(), node.name or ""
            found.append((node, role, name if name or role not in CONTROLS else "\0" + where(node)))
        except Exception:
            continue
    return found


def header_bar_ready():
    # the print button: the last of the header bar's to be named today
    return any("button" in role and name for _, role, name in nodes()) and nodes()


everything = wait_for(header_bar_ready)
buttons = [(role, name) for _, role, name in everything if "button" in role]
ok(2, len(buttons) >= 6, "the window's buttons are on the bus (%d found)" % len(buttons))

sidebar = next((node for node, role, name in everything
                if role == "list" and name == "Report sections"), None)
ok(3, sidebar is not None, "the section list is on the bus, named")
rows = [sidebar.getChildAtIndex(i) for i in range(sidebar.childCount)]
headings = [row.name for row in rows]
ok(4, len(rows) >= 7, "the section list has the details and six sections (%s)" % ", ".join(headings))


def page_shown(heading, previous):
    """The page of @heading once it is on the bus: the tree holds a
    heading or page named so, and differs from the last page's."""
    def ready():
        found = nodes()
        names = {name for _, _, name in found}
        if heading not in names or names == previous:
            return None
        return found
    return ready


seen = {}        # (role, name) → the pages it was found on
pages = 0
previous = set()
for index, row in enumerate(rows):
    found = None
    end = time.monotonic() + 90
    while found is None and time.monotonic() < end:
        try:
            sidebar.querySelection().selectChild(index)
        except Exception:
            pass
        found = wait_for(page_shown(row.name, previous), timeout=5)
    if found is None:
        print("# the page of “%s” never showed" % row.name)
        continue
    pages += 1
    previous = {name for _, _, name in found}
    # a table's cells come in after the page: wait for the tree to settle
    last, stable_since = len(found), time.monotonic()
    while time.monotonic() - stable_since < 1.0 and time.monotonic() < end:
        time.sleep(0.2)
        now = nodes()
        if len(now) != last:
            found, last, stable_since = now, len(now), time.monotonic()
    print("# page “%s”: %d accessibles" % (row.name, len(found)))
    for _, role, name in found:
        seen.setdefault((role, name), set()).add(row.name)
ok(5, pages == len(rows), "every page of the section list was walked (%d of %d)" % (pages, len(rows)))

internal = sorted({"%s “%s”" % key for key in seen if key in INTERNAL})
for line in internal:
    print("# inside a GTK or libadwaita widget, cannot be named: " + line)
class_named = sorted("%s “%s” (on %s)" % (role, name, "; ".join(sorted(where)))
                     for (role, name), where in seen.items()
                     if CLASS_NAME.match(name) and (role, name) not in INTERNAL)
for line in class_named:
    print("# named after a class: " + line)
ok(6, not class_named, "no control, content or container is named after a GTK class")

unnamed = sorted("%s (on %s)" % (name[1:], "; ".join(sorted(pages)))
                 for (role, name), pages in seen.items() if name.startswith("\0"))
for line in unnamed:
    print("# without a name: " + line)
findings = [name for (role, name) in seen if role == "list item"
            and (name.startswith("Warning: ") or name.startswith("Error: "))]
print("# %d findings of the checks panel read out" % len(findings))
# table 三's cells, read out as "row label, column label"
cells = [name for (role, name), pages in seen.items() if role in ("entry", "text")
         and name.startswith("一、本年新收政府信息公开申请数量, ")]
print("# %d cells of table 三's first row read out" % len(cells))
ok(7, not unnamed and findings and len(cells) >= 7,
   "every control on every page (tables too) and the checks panel's findings have a name")
test.finish(0)
