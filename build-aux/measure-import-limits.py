#!/usr/bin/env python3
"""Time and peak memory of `nianbao --import` for large inputs of each kind.

Makes a published report (the sample exported as text, HTML and Word) grow
by repeating the paragraphs of its section 一 until the input has the size
asked for, then imports it under /usr/bin/time -v.  Used to choose and to
document the import limits (docs/file-format.md, "Import limits").

  build-aux/measure-import-limits.py build/src/nianbao txt:4 html:8 docx:8
  (sizes in MiB; for docx, the size of word/document.xml)
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "data", "samples", "sample-2022.nianbao")


def export(nianbao, fmt, out):
    subprocess.run([nianbao, "--export", fmt, "-o", out, "--force", SAMPLE], check=True)


def grow_text(text, size, marker):
    """Repeat the body paragraphs after the first heading up to size bytes."""
    start = text.index(marker)
    end = text.index("\n", start + len(marker) + 1)
    chunk_end = text.index("二、", end)
    chunk = text[end:chunk_end]
    head, tail = text[:end], text[end:]
    n = max(0, (size - len(text.encode())) // max(1, len(chunk.encode())))
    return head + chunk * n + tail


def make_input(nianbao, kind, mib, folder):
    size = int(mib * 1024 * 1024)
    path = os.path.join(folder, f"big-{mib}.{kind}")
    base = os.path.join(folder, "base." + kind)
    export(nianbao, kind, base)
    if kind == "txt":
        with open(base, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(grow_text(text, size, "一、总体情况"))
    elif kind == "html":
        with open(base, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"(<p[ >].*?</p>\s*)+", text, re.S)
        chunk = m.group(0)
        n = max(0, (size - len(text.encode())) // len(chunk.encode()))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:m.end()] + chunk * n + text[m.end():])
    else:
        with zipfile.ZipFile(base) as z:
            parts = {name: z.read(name) for name in z.namelist()}
        doc = parts["word/document.xml"].decode()
        m = re.search(r"(<w:p[ >].*?</w:p>)+", doc, re.S)
        chunk = m.group(0)
        n = max(0, (size - len(doc.encode())) // len(chunk.encode()))
        parts["word/document.xml"] = (doc[:m.end()] + chunk * n + doc[m.end():]).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return path


def measure(nianbao, path, folder):
    out = os.path.join(folder, "out.nianbao")
    r = subprocess.run(["/usr/bin/time", "-v", nianbao, "--import", path, "-o", out, "--force"],
                       capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", r.stderr).group(1)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    last = [l for l in r.stderr.splitlines() if l.startswith(path)][:1]
    return r.returncode, wall, peak, os.path.getsize(path), last


def main():
    nianbao = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        for spec in sys.argv[2:]:
            kind, mib = spec.split(":")
            path = make_input(nianbao, kind, float(mib), folder)
            code, wall, peak, size, line = measure(nianbao, path, folder)
            print(f"{kind:4} input {size / 1048576:7.2f} MiB  exit {code}  wall {wall:>8}  "
                  f"peak {peak / 1024:7.1f} MiB  {line[0][len(path) + 2:][:90] if line else ''}")


if __name__ == "__main__":
    main()
