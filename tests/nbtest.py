# nbtest.py: what the Python tests share: a TAP runner for functions marked
# @test, and headless Chromium started the one way every test starts it.
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile
import time
import traceback

CHROMIUM = "/usr/bin/chromium"
# No network of its own (no updates, sync, QUIC probes), no first-run
# pages: a test run sees only the page it loads.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

_tests = []


def have_chromium():
    return os.access(CHROMIUM, os.X_OK)


def chromium(tmp, url, *args, timeout=120):
    """Runs headless Chromium on @url with a fresh profile under @tmp;
    raises if it fails or takes longer than @timeout seconds."""
    profile = tempfile.mkdtemp(dir=tmp, prefix="chromium-profile-")
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, "--user-data-dir=" + profile, *args, url],
                          capture_output=True, timeout=timeout, check=True)


def test(func):
    """Marks a test: func(tmp) raises on failure and may return a note,
    "SKIP why" when its environment is absent."""
    _tests.append(func)
    return func


def main():
    """Runs the marked tests in order, as TAP; returns the exit status."""
    print("1..%d" % len(_tests))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, func in enumerate(_tests, 1):
            start = time.monotonic()
            try:
                note = func(tmp)
            except Exception:
                failed += 1
                print("not ok %d - %s" % (n, func.__name__))
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
                continue
            print("# %s: %.1f s" % (func.__name__, time.monotonic() - start))
            if note and note.startswith("SKIP "):
                print("ok %d - %s # SKIP %s" % (n, func.__name__, note[5:]))
            else:
                print("ok %d - %s%s" % (n, func.__name__, " # " + note if note else ""))
    return 1 if failed else 0
