#!/usr/bin/env python3
"""House rules the compiler cannot see:
- the core (src/core/) includes no GTK or libadwaita header;
- no test reads outside the repository (../shared): its data is in tests/data/;
- no table label or section heading of an edition appears in C code: the
  official layout lives in data/editions/ only;
- no two files of src/ include each other, however indirectly: the layers
  (docs/architecture.md) only ever include downwards."""
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


def edition_section_ids():
    ids = set()
    for path in glob.glob(os.path.join(TOP, "data", "editions", "*.json")):
        with open(path, encoding="utf-8") as f:
            ids.update(section["id"] for section in json.load(f)["sections"])
    return ids


# The official fonts of the format and their usual family names.
FONT_NAMES = ("仿宋", "楷体", "黑体", "宋体", "小标宋", "FangSong", "KaiTi", "SimHei", "SimSun")


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

    def test_no_section_ids_in_code(self):
        """Which section is which is the edition's to say: C names no
        section by its id (an action of the same name is no section)."""
        ids = edition_section_ids()
        self.assertIn("problems", ids)
        bad = []
        for path in c_files("src"):
            text = code_of(path)
            for section_id in ids:
                for m in re.finditer(r'"%s"(?!\s*,\s*\w+_action\b)' % re.escape(section_id), text):
                    line = text.count("\n", 0, m.start()) + 1
                    bad.append(f"{os.path.relpath(path, TOP)}:{line}: {section_id}")
        self.assertEqual(bad, [], "section ids belong in data/editions/")

    def test_no_font_names_in_code(self):
        """The official fonts are data (data/fonts.json), like the editions."""
        bad = []
        for path in c_files("src"):
            rel = os.path.relpath(path, TOP)
            text = code_of(path)
            for name in FONT_NAMES:
                if name in text:
                    bad.append(f"{rel}: {name}")
        self.assertEqual(bad, [], "font names belong in data, not C")

    def test_core_reads_no_settings(self):
        """Options come in from the caller (src/cli/nb-settings.h)."""
        bad = []
        for path in c_files("src", "core"):
            for n, line in enumerate(code_of(path).splitlines(), 1):
                if re.search(r"\bg_settings_|\bGSettings\b", line):
                    bad.append(f"{os.path.relpath(path, TOP)}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "the core reads no GSettings")

    def test_core_reads_no_environment(self):
        """The caller tells the core what it needs (a date, options): no
        variable of the process's environment steers it.  SOURCE_DATE_EPOCH
        is the one convention kept: reproducible builds of exported files."""
        bad = []
        for path in c_files("src", "core"):
            for n, line in enumerate(code_of(path).splitlines(), 1):
                for m in re.finditer(r'getenv\s*\(\s*("[^"]*"|[^)]*)', line):
                    if m.group(1) != '"SOURCE_DATE_EPOCH"':
                        bad.append(f"{os.path.relpath(path, TOP)}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "the core reads no environment variables")

    def test_no_test_hooks(self):
        """What ships has no switch for the tests or the benchmarks: they
        bring their own helper programs (tests/, tests/bench/)."""
        bad = []
        for path in c_files("src"):
            for n, line in enumerate(code_of(path).splitlines(), 1):
                if re.search(r'getenv\s*\(\s*"NIANBAO_(TEST|BENCH)', line):
                    bad.append(f"{os.path.relpath(path, TOP)}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "test and benchmark hooks belong in tests/")

    def test_window_asks_its_pages(self):
        """The window asks a page (NbSectionPage's vfuncs); it does not
        switch on the page's type.  Only the factory that builds a page for
        a section names the three."""
        bad = []
        for path in glob.glob(os.path.join(TOP, "src", "gui", "nb-window*.c")):
            for n, line in enumerate(code_of(path).splitlines(), 1):
                if re.search(r"\bNB_IS_(INFO|TEXT|TABLE)_PAGE\b", line):
                    bad.append(f"{os.path.relpath(path, TOP)}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "ask the page through NbSectionPage")


def module_of(path):
    """A .c, its .h and its -private.h are one module."""
    name = os.path.basename(path)[:-2]
    return name[: -len("-private")] if name.endswith("-private") else name


def include_graph():
    paths = c_files("src")
    modules = {module_of(p) for p in paths}
    graph = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r'\s*#\s*include\s*"([^"]+)\.h"', line)
                if not m:
                    continue
                target = module_of(m.group(1) + ".h")
                if target in modules and target != module_of(path):
                    graph.setdefault(module_of(path), set()).add(target)
    return graph


def include_cycles(graph):
    """Every circle of includes, once, as a list of modules."""
    cycles, seen = [], set()

    def walk(node, trail):
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                cycle = trail[trail.index(nxt):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append(cycle + [nxt])
            elif nxt not in done:
                walk(nxt, trail + [nxt])
        done.add(node)

    done = set()
    for start in sorted(graph):
        if start not in done:
            walk(start, [start])
    return cycles


class IncludeRules(unittest.TestCase):
    def test_finds_a_cycle(self):
        """The check itself sees a circle (a includes b includes a)."""
        self.assertEqual(include_cycles({"a": {"b"}, "b": {"a"}}), [["a", "b", "a"]])
        self.assertEqual(include_cycles({"a": {"b"}, "b": {"c"}}), [])

    def test_no_include_cycles(self):
        graph = include_graph()
        self.assertIn("nb-window", graph["nb-application"])
        cycles = [" -> ".join(c) for c in include_cycles(graph)]
        self.assertEqual(cycles, [], "files of src/ include each other in a circle")


if __name__ == "__main__":
    unittest.main(verbosity=2)
