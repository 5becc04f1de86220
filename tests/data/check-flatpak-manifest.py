#!/usr/bin/env python3
"""Checks flatpak/io.github.nianbao.Nianbao.json.

Always: a small JSON check of the app id, command, runtime, finish-args (no
wider than the issue allows), the module list (the app last, built with meson
from this checkout with run-tests on; every other module pinned by sha256 or
commit), known keys only, and config-opts that name real meson options.

When flatpak-builder is installed, also `flatpak-builder --show-manifest`
under G_DEBUG=fatal-warnings, which rejects unknown keys the way the real
build does.  Otherwise that part is skipped and the reason printed.
"""
import json
import os
import re
import shutil
import subprocess
import sys

SRC = os.environ.get("NB_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_ID = "io.github.nianbao.Nianbao"
MANIFEST = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "flatpak", APP_ID + ".json")

ALLOWED_FINISH_ARGS = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
REQUIRED_FINISH_ARGS = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland"}
TOP_KEYS = {"id", "app-id", "runtime", "runtime-version", "sdk", "command", "finish-args",
            "cleanup", "cleanup-commands", "modules", "build-options", "sdk-extensions",
            "add-extensions", "rename-icon", "rename-desktop-file", "rename-appdata-file",
            "separate-locales", "copy-icon", "desktop-file-name-suffix", "branch"}
MODULE_KEYS = {"name", "buildsystem", "config-opts", "make-args", "make-install-args",
               "run-tests", "test-rule", "test-commands", "build-options", "sources",
               "cleanup", "post-install", "builddir", "subdir", "build-commands",
               "modules", "disabled", "no-autogen", "rm-configure", "cleanup-platform",
               "ensure-writable", "only-arches", "skip-arches", "install-rule"}
BUILD_OPTION_KEYS = {"env", "append-path", "prepend-path", "append-ld-library-path",
                     "prepend-ld-library-path", "append-pkg-config-path", "prepend-pkg-config-path",
                     "cflags", "cflags-override", "cppflags", "cxxflags", "ldflags", "libdir",
                     "build-args", "test-args", "config-opts", "make-args", "make-install-args",
                     "strip", "no-debuginfo", "arch"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def check_keys(obj, allowed, where):
    for key in obj:
        if key not in allowed:
            fail(f"{where}: unknown key “{key}”")


def meson_options():
    with open(os.path.join(SRC, "meson_options.txt"), encoding="utf-8") as f:
        return set(re.findall(r"option\(\s*'([^']+)'", f.read()))


def project_app_id():
    with open(os.path.join(SRC, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^app_id\s*=\s*'([^']+)'", f.read(), re.M)
    return m.group(1) if m else None


def main():
    with open(MANIFEST, encoding="utf-8") as f:
        manifest = json.load(f)

    check_keys(manifest, TOP_KEYS, "manifest")
    app_id = manifest.get("id", manifest.get("app-id"))
    if app_id != APP_ID or project_app_id() != APP_ID:
        fail(f"app id is {app_id!r}, meson.build says {project_app_id()!r}; expected {APP_ID}")
    if manifest.get("command") != "nianbao":
        fail(f"command is {manifest.get('command')!r}, expected 'nianbao'")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        fail("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < 49:
        fail(f"runtime-version is {version!r}; the current stable GNOME runtime is 49 or newer")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            fail(f"finish-arg {arg} is wider than allowed ({', '.join(sorted(ALLOWED_FINISH_ARGS))}); "
                 "files go through the file-chooser portal, printing through the print portal")
    for arg in REQUIRED_FINISH_ARGS - set(finish_args):
        fail(f"finish-arg {arg} is missing: the window would not open")
    if len(finish_args) != len(set(finish_args)):
        fail("finish-args has duplicates")

    modules = manifest.get("modules", [])
    if not modules:
        fail("no modules")
        return
    options = meson_options()
    for i, module in enumerate(modules):
        if not isinstance(module, dict):
            fail(f"module {i} is not an object (a module in a separate file is not checked here)")
            continue
        name = module.get("name", f"#{i}")
        check_keys(module, MODULE_KEYS, f"module {name}")
        check_keys(module.get("build-options", {}), BUILD_OPTION_KEYS, f"module {name} build-options")
        if not module.get("sources"):
            fail(f"module {name} has no sources")
        if module is modules[-1]:
            continue
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind in ("archive", "file") and not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                fail(f"module {name}: source {source.get('url')} is not pinned with a sha256")
            elif kind == "git" and not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                fail(f"module {name}: git source {source.get('url')} is not pinned to a commit")
            elif kind not in ("archive", "file", "git", "patch", "shell"):
                fail(f"module {name}: source type {kind!r} cannot be pinned")

    app = modules[-1]
    if app.get("name") != "nianbao":
        fail(f"the last module is {app.get('name')!r}; the app module 'nianbao' must come last")
    if app.get("buildsystem") != "meson":
        fail("the app module must be built with meson")
    if app.get("run-tests") is not True:
        fail("the app module must have \"run-tests\": true")
    for opt in app.get("config-opts", []):
        m = re.fullmatch(r"-D([A-Za-z0-9_]+)=.*", opt)
        if m and m.group(1) not in options and m.group(1) not in ("werror", "b_lto", "b_ndebug"):
            fail(f"config-opt {opt} names no option in meson_options.txt")
    local = [s for s in app.get("sources", []) if s.get("type") == "dir"]
    if len(local) != 1:
        fail("the app module must build the local checkout (one \"dir\" source)")
    else:
        root = os.path.normpath(os.path.join(os.path.dirname(MANIFEST), local[0].get("path", "")))
        if os.path.realpath(root) != os.path.realpath(SRC):
            fail(f"the app module's dir source points at {root}, not at the checkout {SRC}")

    names = [m.get("name") for m in modules if isinstance(m, dict)]
    print(f"manifest: {app_id}, runtime {manifest.get('runtime')}//{version}, "
          f"finish-args {' '.join(finish_args)}, modules {names}")


main()

builder = shutil.which("flatpak-builder")
if builder is None:
    print("SKIP (part): flatpak-builder --show-manifest not run: flatpak-builder is not installed "
          "(Debian's package depends on flatpak, which this machine must not have)")
else:
    env = dict(os.environ, G_DEBUG="fatal-warnings")
    result = subprocess.run([builder, "--show-manifest", MANIFEST], env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"flatpak-builder --show-manifest failed ({result.returncode}): {result.stderr.strip()}")
    else:
        shown = json.loads(result.stdout)
        if shown.get("id", shown.get("app-id")) != APP_ID:
            fail("flatpak-builder --show-manifest reads another app id")
        print("flatpak-builder --show-manifest: ok")

sys.exit(1 if failures else 0)
