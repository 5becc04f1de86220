# atspi_app.py: what the AT-SPI tests share: start the real app with its
# accessibility bridge, find it on the bus, report TAP lines, clean up.
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


def skip_unless_ready(need_xdotool=False):
    """Prints the TAP plan of a skip and exits when the environment is absent;
    returns pyatspi otherwise."""
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("1..0 # SKIP needs an X display (Xvfb) and a session bus (dbus-run-session)")
        sys.exit(0)
    if need_xdotool and shutil.which("xdotool") is None:
        print("1..0 # SKIP needs xdotool to send key events")
        sys.exit(0)
    try:
        import pyatspi
    except ImportError:
        print("1..0 # SKIP needs python3-pyatspi")
        sys.exit(0)
    return pyatspi


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
                              timeout=30, **kwargs)

    def stop(self, show_output=False):
        if self.process is None:
            return
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=5)
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

    def find_accessible(self, pyatspi, timeout=60.0):
        """The app's root on the accessibility bus, by its process id."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                try:
                    if app is not None and app.get_process_id() == self.process.pid:
                        return app
                except Exception:
                    continue
            time.sleep(0.2)
        return None


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


def wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()
