#!/usr/bin/python3
# test-atspi-names.py: every control a screen reader reaches has a name
#
# Starts `nianbao --sample` with its normal accessibility bridge, walks the
# window's whole accessible tree and fails on any accessible named after a
# GTK class ("GtkImage", "GtkToggleButton", …: what an icon button without
# a label is read out as) and on any button without a name.  TAP output.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
import re

from atspi_app import App, skip_unless_ready, walk, wait_for

print("TAP version 13")
skip_unless_ready()
print("1..4")

CLASS_NAME = re.compile(r"^(Gtk|Adw|Nb)[A-Z][A-Za-z]+$")

test = App("nianbao-atspi-names-")
test.start("--sample")
ok = test.ok

app = test.find_accessible()
ok(1, app is not None, "the app shows up on the accessibility bus")


def nodes():
    found = []
    for node in walk(app):
        try:
            found.append((node, node.getRoleName(), node.name or ""))
        except Exception:
            continue
    return found


def header_bar_ready():
    # the print button: the last of the header bar's to be named today
    return any("button" in role and name for _, role, name in nodes()) and nodes()


everything = wait_for(header_bar_ready)
buttons = [(role, name) for _, role, name in everything if "button" in role]
ok(2, len(buttons) >= 6, "the window's buttons are on the bus (%d found)" % len(buttons))

# Parts GTK 4.8 and libadwaita 1.2 build inside their own widgets, with no
# public way to name them or keep them off the bus: a scroll bar and its
# range, libadwaita's drawing helpers (AdwGizmo).  Anything else named after
# its class fails.
INTERNAL = {("scroll bar", "GtkScrollbar"), ("filler", "GtkRange"), ("filler", "AdwGizmo")}
internal = sorted({"%s “%s”" % (role, name) for _, role, name in everything
                   if (role, name) in INTERNAL})
for line in internal:
    print("# inside a GTK or libadwaita widget, cannot be named: " + line)
class_named = sorted({"%s “%s”" % (role, name) for _, role, name in everything
                      if CLASS_NAME.match(name) and (role, name) not in INTERNAL})
for line in class_named:
    print("# named after a class: " + line)
ok(3, not class_named, "no control, content or container is named after a GTK class")

unnamed = [role for role, name in buttons if not name.strip()]
for role in unnamed:
    print("# a %s without a name" % role)
ok(4, not unnamed, "every button has a name (%d buttons)" % len(buttons))
test.finish(0)
