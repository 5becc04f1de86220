#!/usr/bin/python3
# The picture summary (一图读懂, issue 19): the numbers it shows are the
# report's.  Read back two ways and compared with `nianbao --export csv`:
# - the SVG's <desc> (what a screen reader says for the picture), which the
#   drawing code fills from the strings it draws;
# - the same drawing as a PDF (nb-export-tool summary-pdf), whose text
#   pdftotext extracts from the glyphs actually drawn, in drawing order.
# Also: SVG and PNG are portrait and phone-wide, year-over-year arrows come
# from --previous or the report's reference, the publication stamp shows.
# Usage: test-summary.py NB_EXPORT_TOOL   (env: NIANBAO, NB_SOURCE_DIR, NB_BUILD_DIR)
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

from lxml import etree

NIANBAO = os.environ["NIANBAO"]
TOOL = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ["NB_EXPORT_TOOL"]
TOP = os.environ.get("NB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SHOTS = os.path.join(os.environ.get("NB_BUILD_DIR", tempfile.gettempdir()), "screenshots", "summary")
SVG = "{http://www.w3.org/2000/svg}"
INT64_MAX = 2**63 - 1


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True)


def edition(edition_id):
    with open(os.path.join(TOP, "data", "editions", edition_id + ".json"), encoding="utf-8") as f:
        return json.load(f)


def csv_values(path):
    """{(table, "row/column"): text} from --export csv.  The CSV leaves a cell
    that holds text which is no number (kept in the file's "invalid") empty:
    those are marked from the file, as the picture shows them as "—"."""
    out = run(NIANBAO, "--export", "csv", "-o", "-", path).stdout.lstrip("\ufeff")
    values = {(r["table"], r["row_id"] + "/" + r["column_id"]): r["value"]
              for r in csv.DictReader(io.StringIO(out))}
    with open(path, encoding="utf-8") as f:
        for table, cells in json.load(f).get("invalid", {}).items():
            for key in cells:
                values[(table, key)] = "invalid"
    return values


def expected_figure(values, cells):
    """The figure the picture must show: the cells' sum, "—" when all are empty
    or one is no number; a single cell exactly as the CSV writes it."""
    texts = [values[tuple(c.split(":", 1))] for c in cells]
    if all(t == "" for t in texts):
        return "—", None
    if len(texts) == 1:
        return ("—", None) if texts[0] == "invalid" else (texts[0], texts[0])
    total = 0
    for t in texts:
        if t == "":
            continue
        if not re.fullmatch(r"-?\d+", t):  # "invalid"
            return "—", None
        total += int(t)
    if total > INT64_MAX:
        return "—", None
    return str(total), str(total)


def as_number(text):
    if text is None or not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    whole, _, frac = text.partition(".")
    return int(whole + frac), len(frac)


def expected_change(now, before, compared):
    a, b = as_number(now), as_number(before)
    if a is None or b is None:
        return None
    scale = max(a[1], b[1])
    va = a[0] * 10 ** (scale - a[1])
    vb = b[0] * 10 ** (scale - b[1])
    delta = va - vb
    if abs(delta) > INT64_MAX:
        return None
    arrow = "↑" if delta > 0 else "↓" if delta < 0 else "→"
    amount = str(abs(delta))
    if scale:
        amount = amount.rjust(scale + 1, "0")
        amount = amount[:-scale] + "." + amount[-scale:]
    return "%s %s%s" % (compared, arrow, amount)


def svg_listing(path):
    root = etree.parse(path).getroot()
    assert root.get("role") == "img"
    title = root.find(SVG + "title").text
    desc = root.find(SVG + "desc").text
    lines = [l for l in desc.split("\n") if l.count(",") >= 2]
    return title, [l.split(",") for l in lines]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


class Summary(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-summary-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def sample(self, name, changes, level=None, published=None):
        with open(os.path.join(TOP, "data", "samples", "sample-2022.nianbao"), encoding="utf-8") as f:
            data = json.load(f)
        for table, cells in changes.items():
            data["tables"].setdefault(table, {}).update(cells)
        if published:
            data["metadata"]["published"] = published
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        return path

    def assert_drawn(self, text, ed, expected):
        """Each figure is drawn whole, right beside its label (a card: the
        figure, its label, the change; a bar: the label, the figure, the
        change), in the order of the listing: whole words compared, so a
        "671" drawn for 67 does not pass as containing it.  A figure too
        long for its place wraps: its lines are joined back."""
        words = text.split()

        def match(at, tokens):
            """The position after @tokens drawn from word @at on, or None."""
            for token in tokens:
                joined = ""
                while at < len(words) and token.startswith(joined + words[at]) and joined != token:
                    joined += words[at]
                    at += 1
                if joined != token:
                    return None
                # A bar's figure comes twice in the PDF's text, drawn once.
                n = len(token)
                if "".join(words[at:at + 8])[:n] == token:
                    start, joined = at, ""
                    while joined != token and at < len(words) and token.startswith(joined + words[at]):
                        joined += words[at]
                        at += 1
                    if joined != token:
                        at = start
            return at

        at = 0
        for group in ed["summary"]:
            bars = group["kind"] == "bars"
            self.assertIn(group["heading"], words[at:], "heading %r not drawn" % group["heading"])
            at = words.index(group["heading"], at) + 1
            later = [h["heading"] for h in ed["summary"][ed["summary"].index(group) + 1:]]
            stop = min([words.index(h, at) for h in later if h in words[at:]] + [len(words)])
            for line in [l for l in expected if l[0] == group["heading"]]:
                tokens = [line[1], line[2]] if bars else [line[2], line[1]]
                for change in line[3:]:
                    tokens += change.split()
                end = None
                # Not past the next heading: 结果维持 is in two groups.
                while at < stop and end is None:
                    end = match(at, tokens)
                    at += end is None
                self.assertIsNotNone(end, "%r not drawn together (the report's figures)" % tokens)
                at = end

    def test_drawn_check_catches_a_wrong_figure(self):
        """The read-back fails when one figure drawn differs from the report's."""
        ed = edition("2021")
        expected = [["依申请公开", "本年新收申请", "45"], ["办理结果", "予以公开", "20", "比上年 →0"]]
        ed = dict(ed, summary=[g for g in ed["summary"] if g["heading"] in ("依申请公开", "办理结果")])
        self.assert_drawn("依申请公开\n45\n本年新收申请\n办理结果\n予以公开 20\n20\n比上年 →0\n",
                          ed, expected)
        for wrong in ("依申请公开\n451\n本年新收申请\n办理结果\n予以公开 20\n比上年 →0\n",
                      "依申请公开\n45\n本年新收申请\n办理结果\n予以公开 2\n比上年 →0\n",
                      "依申请公开\n45\n本年新收申请\n办理结果\n予以公开 20\n比上年 →1\n"):
            with self.assertRaises(AssertionError, msg=wrong):
                self.assert_drawn(wrong, ed, expected)

    def check(self, report, previous=None, shot=None):
        values = csv_values(report)
        before = csv_values(previous) if previous else None
        with open(report, encoding="utf-8") as f:
            ed_id = json.load(f)["edition"]
        ed = edition(ed_id)
        svg = self.path("out.svg")
        args = ["--export", "summary-image", "--force", "-o", svg]
        if previous:
            args += ["--previous", previous]
        run(NIANBAO, *args, report)
        title, listing = svg_listing(svg)
        assert ed["labels"]["summary_title"] in title
        expected = []
        for group in ed["summary"]:
            for item in group["items"]:
                shown, number = expected_figure(values, item["cells"])
                change = None
                if before is not None and number is not None:
                    _, old = expected_figure(before, item["cells"])
                    change = expected_change(number, old, ed["labels"]["summary_compared"])
                line = [group["heading"], item["label"], shown] + ([change] if change else [])
                expected.append(line)
        self.assertEqual(listing, expected)

        # The glyphs drawn say the same, in the order drawn.
        pdf = self.path("out.pdf")
        run(TOOL, "summary-pdf", report, pdf, *([previous] if previous else []))
        self.assert_drawn(run("pdftotext", "-raw", pdf, "-").stdout, ed, expected)

        png = self.path("out.png")
        run(NIANBAO, *[a if a != svg else png for a in args], report)
        width, height = png_size(png)
        self.assertEqual(width, 750)
        self.assertGreater(height, width * 2, "portrait")
        if shot:
            os.makedirs(SHOTS, exist_ok=True)
            shutil.copy(svg, os.path.join(SHOTS, shot + ".svg"))
            shutil.copy(png, os.path.join(SHOTS, shot + ".png"))
        return listing

    def test_sample(self):
        listing = self.check(self.sample("a.nianbao", {}), shot="sample")
        self.assertIn(["行政事业性收费", "本年收费金额（万元）", "27.2500"], listing)
        self.assertIn(["主动公开", "行政处罚决定", "67"], listing)
        # The title too long for one line breaks after the agency, not in a word.
        pdf = self.path("title.pdf")
        run(TOOL, "summary-pdf", self.path("a.nianbao"), pdf)
        lines = run("pdftotext", "-raw", pdf, "-").stdout.splitlines()
        self.assertEqual(lines[:2], ["漯河回族区城市管理局", "2022年政府信息公开工作年度报告"])

    def test_year_over_year(self):
        now = self.sample("now.nianbao", {
            "t3": {"new/natural": 40, "new/commercial": 5, "new/total": 45, "granted/natural": 20,
                   "granted/total": 20, "partial/natural": 6, "partial/total": 6,
                   "withheld_secret/natural": 2, "withheld_secret/total": 2,
                   "withheld_query/commercial": 3, "withheld_query/total": 3,
                   "unable_not_held/natural": 9, "unable_not_held/total": 9,
                   "carried_over/natural": 4, "carried_over/total": 4,
                   "carry_forward/natural": 9, "carry_forward/total": 9},
            "t4": {"cases/review_upheld": 3, "cases/review_corrected": 1, "cases/direct_upheld": 2,
                   "cases/after_review_other": 1},
            "t2": {"fees/fee_amount": "3.5"}})
        before = self.sample("before.nianbao", {
            "t3": {"new/natural": 50, "new/total": 50, "granted/natural": 20, "granted/total": 20,
                   "unable_not_held/natural": 4, "unable_not_held/total": 4},
            "t4": {"cases/review_upheld": 1},
            "t2": {"fees/fee_amount": "27.25"}})
        listing = self.check(now, before, shot="year-over-year")
        self.assertIn(["依申请公开", "本年新收申请", "45", "比上年 ↓5"], listing)
        self.assertIn(["办理结果", "不予公开", "5"], [l[:3] for l in listing])
        self.assertIn(["办理结果", "予以公开", "20", "比上年 →0"], listing)
        self.assertIn(["行政诉讼", "结果维持", "2", "比上年 ↑2"], listing)
        self.assertIn(["行政事业性收费", "本年收费金额（万元）", "3.5000", "比上年 ↓23.7500"], listing)

    def test_reference_gives_arrows(self):
        """A report started with --next-year compares with its reference."""
        before = self.sample("2022.nianbao", {"t3": {"new/natural": 7}})
        nxt = self.path("2023.nianbao")
        run(NIANBAO, "--next-year", "-o", nxt, before)
        svg = self.path("n.svg")
        run(NIANBAO, "--export", "summary-image", "--force", "-o", svg, nxt)
        _, listing = svg_listing(svg)
        self.assertTrue(any(len(l) == 4 and l[3].startswith("比上年") for l in listing), listing)

    def test_generated(self):
        for seed, ed in ((5, "2021"), (6, "2021"), (8, "2019")):
            path = self.path("g%d.nianbao" % seed)
            run(TOOL, "generate", str(seed), ed, path)
            prev = self.path("p%d.nianbao" % seed)
            run(TOOL, "generate", str(seed + 100), ed, prev)
            self.check(path, prev, shot="generated-%d" % seed if seed == 8 else None)

    def test_published_stamp(self):
        path = self.sample("pub.nianbao", {}, published="2023-01-20")
        svg = self.path("p.svg")
        run(NIANBAO, "--export", "summary-image", "--force", "--stamp-published", "-o", svg, path)
        self.assertIn("本报告于2023年1月20日公开发布", etree.parse(svg).getroot().find(SVG + "desc").text)
        html = self.path("p.html")
        run(NIANBAO, "--export", "html", "--force", "--fragment", "--stamp-published", "-o", html, path)
        self.assertIn('data-published="2023-01-20"', open(html, encoding="utf-8").read())
        self.assertIn("本报告于2023年1月20日公开发布", open(html, encoding="utf-8").read())
        # Without a recorded date the option is refused, not ignored.
        r = subprocess.run([NIANBAO, "--export", "html", "--force", "--stamp-published", "-o", html, "--sample"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("publication date", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
