#!/usr/bin/env python3
"""Checks that the desktop file, metainfo, MIME type and icons agree with each
other and with the project, as built (translations merged) in NB_BUILD_DIR:
names and ids, the MIME type everywhere, Chinese translations present, every
metainfo screenshot a real PNG in data/screenshots/, icons that parse and
render (rsvg-convert, the library GTK uses)."""
import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ["NB_SOURCE_DIR"]
BUILD = os.environ["NB_BUILD_DIR"]
APP_ID = "io.github.nianbao.Nianbao"
MIME = "application/x-nianbao"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SMI = "{http://www.freedesktop.org/standards/shared-mime-info}"

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)
    return ok


def project_version():
    with open(os.path.join(SRC, "meson.build"), encoding="utf-8") as f:
        return re.search(r"version:\s*'([^']+)'", f.read()).group(1)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


# --- desktop file ------------------------------------------------------------
desktop_path = os.path.join(BUILD, "data", APP_ID + ".desktop")
desktop = configparser.RawConfigParser(strict=True, interpolation=None)
desktop.optionxform = str
desktop.read(desktop_path, encoding="utf-8")
entry = desktop["Desktop Entry"]
check(entry.get("Name") == "Disclosure Report", f"desktop Name is {entry.get('Name')!r}")
check(entry.get("Name[zh_CN]") == "政务公开年报", f"desktop Name[zh_CN] is {entry.get('Name[zh_CN]')!r}")
for key in ("GenericName", "Comment", "Keywords"):
    check(entry.get(key + "[zh_CN]"), f"desktop {key} has no zh_CN translation")
keywords = entry.get("Keywords", "")
check(re.search(r"[a-z]", keywords) and re.search(r"[\u4e00-\u9fff]", keywords),
      "desktop Keywords must have both English and Chinese search terms")
check(entry.get("Icon") == APP_ID, f"desktop Icon is {entry.get('Icon')!r}, not the app id")
check(entry.get("Exec", "").split()[0] == "nianbao", "desktop Exec does not run nianbao")
check(MIME in entry.get("MimeType", "").split(";"), f"desktop MimeType lacks {MIME}")

# --- metainfo -------------------------------------------------------------------
metainfo = ET.parse(os.path.join(BUILD, "data", APP_ID + ".metainfo.xml")).getroot()
check(metainfo.findtext("id") == APP_ID, "metainfo id is not the app id")
check(metainfo.findtext("launchable[@type='desktop-id']") == APP_ID + ".desktop",
      "metainfo launchable is not the desktop file")
check(metainfo.findtext("provides/binary") == "nianbao", "metainfo does not provide the nianbao binary")
check(metainfo.findtext("provides/mediatype") == MIME, f"metainfo does not provide {MIME}")
check(metainfo.findtext("translation[@type='gettext']") == "nianbao", "metainfo translation domain")
check(metainfo.find("content_rating[@type='oars-1.1']") is not None, "metainfo has no OARS rating")
check(metainfo.find("developer/name") is not None, "metainfo has no developer")
check(metainfo.findtext("name") == entry.get("Name"), "metainfo name differs from the desktop Name")
for tag in ("name", "summary"):
    check(any(e.get(LANG) == "zh_CN" for e in metainfo.findall(tag)), f"metainfo {tag} not translated")
check(any(p.get(LANG) == "zh_CN" for p in metainfo.findall("description/p")),
      "metainfo description not translated")
releases = metainfo.findall("releases/release")
check(releases and releases[0].get("version") == project_version(),
      f"the newest metainfo release is not the project version {project_version()}")

shots = metainfo.findall("screenshots/screenshot")
check(len(shots) >= 3, f"metainfo has {len(shots)} screenshots; at least three are needed")
check(sum(1 for s in shots if s.get("type") == "default") == 1, "metainfo needs one default screenshot")
images = [(shot, image) for shot in shots for image in shot.findall("image")]
check(all(any(i.get(LANG) is None for i in shot.findall("image")) for shot in shots),
      "every screenshot needs an image without xml:lang (the default)")
for shot, image in images:
    url = image.text or ""
    m = re.search(r"/data/screenshots/([A-Za-z0-9_.-]+\.png)$", url)
    if not check(m, f"screenshot {url} is not a data/screenshots/*.png file"):
        continue
    path = os.path.join(SRC, "data", "screenshots", m.group(1))
    if not check(os.path.isfile(path), f"screenshot {m.group(1)} is missing from data/screenshots/"):
        continue
    size = png_size(path)
    check(size and size[0] >= 620 and size[1] >= 400, f"screenshot {m.group(1)} is not a PNG of at least 620×400")
    check(shot.findtext("caption"), f"screenshot {m.group(1)} has no caption")

# --- MIME type ----------------------------------------------------------------
mime = ET.parse(os.path.join(BUILD, "data", APP_ID + ".xml")).getroot()
types = mime.findall(SMI + "mime-type")
check(len(types) == 1 and types[0].get("type") == MIME, f"the MIME package must define {MIME}")
t = types[0]
check([g.get("pattern") for g in t.findall(SMI + "glob")] == ["*.nianbao"], "MIME glob is not *.nianbao")
check([s.get("type") for s in t.findall(SMI + "sub-class-of")] == ["application/json"],
      "MIME type is not a subclass of application/json")
check(any(c.get(LANG) == "zh_CN" for c in t.findall(SMI + "comment")), "MIME comment not translated")
mime_icon = t.find(SMI + "icon").get("name")
check(mime_icon.startswith(APP_ID), f"MIME icon {mime_icon} does not start with the app id (Flatpak would not export it)")

# --- icons --------------------------------------------------------------------
icons = {
    "app": os.path.join(SRC, "data/icons/hicolor/scalable/apps", APP_ID + ".svg"),
    "symbolic": os.path.join(SRC, "data/icons/hicolor/symbolic/apps", APP_ID + "-symbolic.svg"),
    "mime": os.path.join(SRC, "data/icons/hicolor/scalable/mimetypes", mime_icon + ".svg"),
}
rsvg = shutil.which("rsvg-convert")
if rsvg is None:
    print("SKIP (part): rsvg-convert is not installed (librsvg2-bin): icons not rendered")
for kind, path in icons.items():
    if not check(os.path.isfile(path), f"{kind} icon {path} is missing"):
        continue
    svg = ET.parse(path).getroot()
    want = "0 0 16 16" if kind == "symbolic" else "0 0 128 128"
    check(svg.get("viewBox") == want, f"{kind} icon viewBox is {svg.get('viewBox')}, expected {want}")
    if kind == "symbolic":
        colours = set(re.findall(r'fill="(#[0-9a-fA-F]{3,6})"', open(path, encoding="utf-8").read()))
        colours -= {"#ffffff", "#000000"}  # only inside the mask
        check(colours == {"#2e3436"}, f"symbolic icon paints {colours}; it must use one colour, #2e3436")
    if rsvg:
        for size in (16, 32, 128):
            with tempfile.NamedTemporaryFile(suffix=".png") as out:
                r = subprocess.run([rsvg, "-w", str(size), "-h", str(size), path, "-o", out.name],
                                   capture_output=True, text=True)
                check(r.returncode == 0 and png_size(out.name) == (size, size),
                      f"{kind} icon does not render at {size}px: {r.stderr.strip()}")

print(f"desktop file, metainfo ({len(shots)} screenshots), MIME type and {len(icons)} icons checked")
sys.exit(1 if failures else 0)
