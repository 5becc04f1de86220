#!/usr/bin/env python3
"""House rules the compiler cannot see:
- the core (src/core/) includes no GTK or libadwaita header;
- no test reads outside the repository (../shared): its data is in tests/data/;
- no table label or section heading of an edition appears in C code: the
  official layout lives in data/editions/ only."""
import glob
import json
import os
import re
import sys
import unittest

TOP = os.environ.get("NB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))


def c_files(*parts):
    root = os.path.join(TOP, *parts)
    return sorted(glob.glob(os.path.join(root, "**", "*.[ch]"), recursive=True))


COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def code_of(path):
    """The file without its comments: a comment may quote a label."""
    with open(path, encoding="utf-8") as f:
        return COMMENT.sub(" ", f.read())


def edition_labels():
    labels = set()
    for path in glob.glob(os.path.join(TOP, "data", "editions", "*.json")):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for section in data["sections"]:
            labels.add(section["heading"])
        stack = [t for t in data["tables"]]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key in ("label", "text", "caption"):
                    if isinstance(node.get(key), str):
                        labels.add(node[key])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    # Short labels ("总计", "其他") are ordinary words; look for the telling ones.
    return {l for l in labels if len(l) >= 5}


class SourceRules(unittest.TestCase):
    def test_tests_are_self_contained(self):
        """A clone anywhere runs every test: what a test reads is under tests/data/."""
        bad = []
        for path in sorted(glob.glob(os.path.join(TOP, "tests", "**", "*"), recursive=True)):
            if (not os.path.isfile(path) or "/tests/data/" in path or "/fuzz/corpus/" in path
                    or os.path.samefile(path, __file__)):
                continue
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except UnicodeDecodeError:
                continue
            for n, line in enumerate(text.splitlines(), 1):
                if re.search(r"\.\./shared\b|/work/shared\b|\"\.\.\", \"shared\"|'\.\.', 'shared'", line):
                    bad.append(f"{path}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "tests must not read outside the repository (copy into tests/data/)")

    def test_core_has_no_gtk(self):
        bad = []
        for path in c_files("src", "core"):
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if re.match(r'\s*#\s*include\s*[<"](gtk/|gdk/|adwaita|gtk\.h)', line):
                        bad.append(f"{path}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "the core must not depend on GTK")
        self.assertGreater(len(c_files("src", "core")), 5)

    def test_no_labels_in_code(self):
        labels = edition_labels()
        self.assertIn("三、本年度办理结果", labels)
        bad = []
        for path in c_files("src"):
            text = code_of(path)
            for label in labels:
                if label in text:
                    bad.append(f"{os.path.relpath(path, TOP)}: {label}")
        self.assertEqual(bad, [], "table labels belong in data/editions/")


if __name__ == "__main__":
    unittest.main(verbosity=2)
