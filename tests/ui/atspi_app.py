# atspi_app.py: what the AT-SPI tests share: the accessibility bus made
# ready, the real app started with its accessibility bridge and found on
# the bus, waits for what a test needs, TAP lines, clean-up.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile
import time


# The AT-SPI client library warns about applications that come and go on the
# bus; that is no failure of a test.  So this process runs without
# G_DEBUG=fatal-warnings (taken out before GLib starts), and the app keeps it.
_app_g_debug = os.environ.pop("G_DEBUG", None)

# How long the accessibility bus, the app and what a test waits for may
# take: minutes, not seconds.  A busy machine is slow, never wrong; each
# wait ends as soon as its condition holds.
DEADLINE = 120.0
POLL = 0.2

pyatspi = None


def wait_for(predicate, timeout=DEADLINE):
    """Polls @predicate until it returns something true, for at most
    @timeout seconds; returns its last value (false when time ran out)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(POLL)
    return predicate()


def _a11y_bus_address():
    """The accessibility bus's address, from its launcher.  D-Bus starts the
    launcher on the first call; on a busy machine that can take longer than
    the 25 s a client waits by default, and a client that gives up (the AT-SPI
    library here, GTK in the app) never uses the bus.  So the test asks
    first, with its own deadline, and both find the launcher running."""
    from gi.repository import Gio, GLib

    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    end = time.monotonic() + DEADLINE
    while True:
        try:
            reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                      None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE,
                                      int(DEADLINE * 1000), None)
            return reply.unpack()[0]
        except GLib.Error as error:
            if time.monotonic() > end:
                raise AssertionError("the accessibility bus never answered in %d s: %s"
                                     % (DEADLINE, error.message)) from None
            time.sleep(POLL)


def skip_unless_ready(need_xdotool=False):
    """Prints the TAP plan of a skip and exits when the environment is absent;
    otherwise waits until the accessibility bus and its registry answer and
    returns pyatspi."""
    global pyatspi
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("1..0 # SKIP needs an X display (Xvfb) and a session bus (dbus-run-session)")
        sys.exit(0)
    if need_xdotool and shutil.which("xdotool") is None:
        print("1..0 # SKIP needs xdotool to send key events")
        sys.exit(0)
    try:
        import pyatspi as module
    except ImportError:
        print("1..0 # SKIP needs python3-pyatspi")
        sys.exit(0)
    # Each call into the app waits 800 ms for its reply by default; an app
    # busy laying out a page on a loaded machine answers later, and the call
    # then fails ("Did not receive a reply") though nothing is wrong.
    from gi.repository import Atspi
    Atspi.set_timeout(int(DEADLINE * 1000), int(DEADLINE * 1000))
    try:
        _a11y_bus_address()
    except AssertionError as error:
        print("Bail out! %s" % error)
        sys.exit(1)
    # The registry (the desktop, whose children are the applications) is
    # started on the bus on first use too.
    if not wait_for(lambda: _desktop_answers(module)):
        print("Bail out! the AT-SPI registry never answered on the accessibility bus in %d s"
              % DEADLINE)
        sys.exit(1)
    pyatspi = module
    return module


def _desktop_answers(module):
    try:
        return module.Registry.getDesktop(0).childCount >= 0
    except Exception:
        return False


class App:
    """The app under test: one process, its own data folder, no autosave."""

    def __init__(self, prefix):
        self.work = tempfile.mkdtemp(prefix=prefix)
        self.env = dict(os.environ)
        if _app_g_debug is not None:
            self.env["G_DEBUG"] = _app_g_debug
        self.env.pop("GTK_A11Y", None)  # the real AT-SPI bridge, not the test backend
        self.env["XDG_DATA_HOME"] = os.path.join(self.work, "data")
        # Settings of its own, with autosave off: what a test types stays out
        # of the files it opens (a process's memory backend cannot be set
        # from outside, a key file can).
        config = os.path.join(self.work, "config")
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
            keyfile.write("[io/github/nianbao/Nianbao]\nautosave=false\n")
        self.env["XDG_CONFIG_HOME"] = config
        self.env["GSETTINGS_BACKEND"] = "keyfile"
        self.nianbao = os.environ["NIANBAO"]
        self.process = None
        sys.excepthook = self._excepthook

    def start(self, *args):
        self.process = subprocess.Popen([self.nianbao, *args], env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def run(self, *args, **kwargs):
        """Another nianbao command, with the same environment."""
        return subprocess.run([self.nianbao, *args], env=self.env, capture_output=True,
                              timeout=DEADLINE, **kwargs)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, show_output=False):
        if self.process is None:
            return
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        self.process = None
        if show_output and out:
            for line in out.decode(errors="replace").splitlines():
                print("# app: " + line)

    def finish(self, code):
        self.stop(show_output=code != 0)
        shutil.rmtree(self.work, ignore_errors=True)
        sys.exit(code)

    def ok(self, n, good, what):
        print(("ok %d " if good else "not ok %d ") % n + what)
        if not good:
            self.finish(1)

    def _excepthook(self, kind, value, traceback):
        sys.__excepthook__(kind, value, traceback)
        self.finish(1)

    def _on_bus(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def find_accessible(self):
        """The app's root on the accessibility bus, found by its process id;
        None, with a comment saying what happened instead, when it never
        shows up (or exits) within the deadline."""
        app = wait_for(lambda: self._on_bus() or not self.alive())
        if app is True:
            print("# the app exited (status %s) before it showed up on the accessibility bus"
                  % self.process.poll())
            return None
        if app is None:
            print("# the app (pid %d, running) never showed up on the accessibility bus in %d s"
                  % (self.process.pid, DEADLINE))
        return app


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


def find(app, predicate, timeout=DEADLINE):
    """The first node under @app for which @predicate holds, waiting for it
    at most @timeout seconds; None if none does."""
    def first():
        for node in walk(app):
            try:
                if predicate(node):
                    return node
            except Exception:
                continue
        return None
    return wait_for(first, timeout)


def window_names(app):
    """The names of @app's top-level windows and dialogs (their titles)."""
    names = []
    if app is None:
        return names
    for i in range(app.childCount):
        try:
            child = app.getChildAtIndex(i)
            if child is not None and child.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG,
                                                         pyatspi.ROLE_ALERT, pyatspi.ROLE_WINDOW):
                names.append(child.name or "")
        except Exception:
            continue
    return names
