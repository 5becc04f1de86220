#!/usr/bin/python3
# HTML and DOCX exports, read back with real parsers (lxml, python-docx) and
# compared cell by cell with the edition's layout as nb-export-tool prints it.
# Usage: test-export.py NB_EXPORT_TOOL   (env: NIANBAO = the built binary)
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from lxml import etree, html

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import nbtest  # noqa: E402  (tests/nbtest.py)
from nbtest import CHROMIUM, test  # noqa: E402

try:
    import docx  # python3-docx
except ImportError:
    docx = None

NIANBAO = os.environ["NIANBAO"]
TOOL = sys.argv[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEEDS = [1, 2, 3, 4, 5, 7, 11]



def allowed(c):
    """Characters an export keeps (nb_xml_char_is_allowed)."""
    o = ord(c)
    if c in "\t\n":
        return True
    if o < 0x20 or 0x7F <= o <= 0x9F or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE:
        return False
    return True


def clean(text):
    return "".join(c for c in text if allowed(c))


def merge_runs(runs):
    """[(text, bold)] with empty runs dropped and neighbours of one weight joined."""
    out = []
    for text, bold in runs:
        if not text:
            continue
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + text, bold)
        else:
            out.append((text, bold))
    return out


def expected_runs(paragraph):
    heading = paragraph["level"] != 0
    return merge_runs([(clean(r["text"]), r["bold"] and not heading) for r in paragraph["runs"]])


def run(*args):
    return subprocess.run(args, check=True, capture_output=True)


class Report:
    def __init__(self, name, source, tmp):
        self.name = name
        self.tmp = tmp
        if source is None:
            self.args = ["--sample"]
            self.layout = json.loads(run(TOOL, "layout", "--sample").stdout)
        else:
            self.args = [source]
            self.layout = json.loads(run(TOOL, "layout", source).stdout)
        self.files = {}

    def export(self, fmt):
        if fmt not in self.files:
            out = os.path.join(self.tmp, "%s.%s" % (self.name, fmt))
            run(NIANBAO, "--export", fmt, "-o", out, *self.args)
            self.files[fmt] = out
        return self.files[fmt]


def text_with_breaks(element):
    """Text content with <br> as a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append("\n")
        else:
            parts.append(text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def html_runs(element):
    runs = [(element.text or "", False)]
    for child in element:
        if child.tag == "strong":
            runs.append((text_with_breaks(child), True))
        elif child.tag == "br":
            runs.append(("\n", False))
        else:
            raise AssertionError("unexpected <%s> in a paragraph" % child.tag)
        runs.append((child.tail or "", False))
    return merge_runs(runs)


def html_grid(table):
    """The HTML table algorithm: (row, column) → (cell, origin row, origin column)."""
    grid = {}
    rows = table.xpath("./thead/tr|./tbody/tr|./tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while (r, c) in grid:
                c += 1
            rs = int(cell.get("rowspan", "1"))
            cs = int(cell.get("colspan", "1"))
            for dr in range(rs):
                for dc in range(cs):
                    assert (r + dr, c + dc) not in grid, "cells overlap at %d,%d" % (r + dr, c + dc)
                    grid[(r + dr, c + dc)] = (cell, r, c)
            c += cs
    return grid, len(rows)


SCOPES = {"corner": ("col", "colgroup"), "header": ("col", "colgroup"),
          "block": ("rowgroup",), "group": ("row",), "label": ("row",)}


def check_html_table(table, expected, heading):
    # One title: the section heading names the table (issue 19), no caption repeating it.
    assert table.find("caption") is None, "a caption repeats the heading"
    assert table.get("aria-labelledby") == heading.get("id"), table.get("aria-labelledby")
    grid, n_rows = html_grid(table)
    assert n_rows == expected["height"], (n_rows, expected["height"])
    assert len(grid) == expected["width"] * expected["height"], "grid not filled exactly"
    for item in expected["items"]:
        cell, r, c = grid[(item["row"], item["column"])]
        where = "%s r%d c%d" % (expected["id"], item["row"], item["column"])
        assert (r, c) == (item["row"], item["column"]), where + ": not a cell's origin"
        assert int(cell.get("rowspan", "1")) == item["row_span"], where
        assert int(cell.get("colspan", "1")) == item["column_span"], where
        assert text_with_breaks(cell) == clean(item["text"]), (where, text_with_breaks(cell), item["text"])
        if item["role"] in ("value", "empty"):
            assert cell.tag == "td", where
            if item["role"] == "value":
                assert cell.get("data-cell") == item["key"], where
        else:
            assert cell.tag == "th", where
            assert cell.get("scope") in SCOPES[item["role"]], (where, cell.get("scope"))


def check_html(report):
    path = report.export("html")
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    # Nothing runs and nothing loads: no script, no external resource.
    assert "<script" not in text.lower()
    assert not re.search(r"\s(src|href|on[a-z]+)\s*=", text, re.I), "external resource or handler"
    assert "<link" not in text.lower() and "@import" not in text and "url(" not in text
    doc = html.document_fromstring(raw, parser=html.HTMLParser(encoding="utf-8"))
    assert not doc.xpath("//script|//iframe|//object|//embed|//img|//link")
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    layout = report.layout
    assert doc.find(".//title").text_content() == clean(layout["title"])
    assert doc.xpath("//h1")[0].text_content() == clean(layout["title"])
    sections = doc.xpath("//article/section")
    assert len(sections) == len(layout["sections"])
    tables = 0
    for section, expected in zip(sections, layout["sections"]):
        assert section.get("id") == expected["id"]
        children = list(section)
        assert children[0].tag == "h2" and children[0].text_content() == expected["heading"]
        blocks = [e for e in children[1:] if e.tag in ("p", "h3", "h4", "h5", "h6")]
        paragraphs = [p for p in expected["paragraphs"] if expected_runs(p)]
        assert len(blocks) == len(paragraphs), (expected["id"], len(blocks), len(paragraphs))
        rank = 2
        for block, paragraph in zip(blocks, paragraphs):
            level = paragraph["level"]
            # The outline never skips a rank: "（一）" right under the section is an h3.
            if level != 0:
                rank = min(level + 2, rank + 1)
            assert block.tag == ("p" if level == 0 else "h%d" % rank), (block.tag, level, rank)
            assert html_runs(block) == expected_runs(paragraph), (html_runs(block), expected_runs(paragraph))
        found = section.xpath(".//table")
        if expected["table"] is None:
            assert not found
        else:
            assert len(found) == 1
            # Wrapped for horizontal scrolling on a phone.
            assert "overflow-x:auto" in found[0].getparent().get("style", "")
            check_html_table(found[0], expected["table"], children[0])
            tables += 1
    assert tables == 3
    return doc


@test
def html_sample(tmp):
    report = Report("sample", None, tmp)
    doc = check_html(report)
    # The fee keeps the report's four decimals; 行政处罚 67 sits in a 3-wide cell.
    assert doc.xpath("//td[@data-cell='fees/fee_amount']")[0].text_content() == "27.2500"
    cell = doc.xpath("//td[@data-cell='penalty/decisions']")[0]
    assert cell.text_content() == "67" and cell.get("colspan") == "3"
    assert doc.xpath("//th[@rowspan='22']")[0].text_content() == "三、本年度办理结果"
    assert doc.xpath("//strong")[0].text_content() == "一是加强组织领导。"
    assert "@media print" in open(report.export("html"), encoding="utf-8").read()


@test
def html_generated(tmp):
    for seed in SEEDS:
        edition = "2019" if seed % 4 == 0 else "2021"
        path = os.path.join(tmp, "gen%d.nianbao" % seed)
        run(TOOL, "generate", str(seed), edition, path)
        check_html(Report("gen%d" % seed, path, tmp))


@test
def html_escaping(tmp):
    """The odd texts show exactly as typed and run nothing."""
    path = os.path.join(tmp, "gen1.nianbao")
    run(TOOL, "generate", "1", "2021", path)
    report = Report("esc", path, tmp)
    text = open(report.export("html"), encoding="utf-8").read()
    doc = html.document_fromstring(text.encode("utf-8"))
    body = text_with_breaks(doc.find("body"))
    # The generator puts every odd text somewhere in one of the first seeds;
    # the agency of seed 1 carries '&amp; & &lt; AT&T'.
    assert "<测试>&“局” &amp; & &lt; AT&T" in body
    assert "&amp;amp;" in text and "&lt;测试&gt;" in text
    for seed in SEEDS:
        p = os.path.join(tmp, "gen%d.nianbao" % seed)
        if not os.path.exists(p):
            run(TOOL, "generate", str(seed), "2021", p)
        t = open(Report("e%d" % seed, p, tmp).export("html"), encoding="utf-8").read()
        assert "<script" not in t.lower()
        assert not any(not allowed(c) for c in t if c not in "\r"), "a control character got through"
        if "alert(1)" in t:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in t


@test
def html_chromium(tmp):
    if not nbtest.have_chromium():
        return "SKIP %s is not installed (apt-get install chromium to render the page)" % CHROMIUM
    report = Report("chromium", None, tmp)
    path = report.export("html")
    result = nbtest.chromium(tmp, "file://" + path, "--dump-dom", timeout=90)
    dom = html.document_fromstring(result.stdout)
    tables = dom.xpath("//table")
    assert len(tables) == 3
    rendered = tables[1].text_content()
    assert "三、本年度办理结果" in rendered and "申请人情况" in rendered
    assert dom.xpath("//td[@data-cell='penalty/decisions']")[0].text_content() == "67"
    # Printed from the browser: A4, the tables on paper, "— N —" page numbers.
    if shutil.which("pdftotext") is None:
        return "pdftotext (poppler-utils) is not installed: the print was not checked"
    pdf = os.path.join(tmp, "chromium.pdf")
    nbtest.chromium(tmp, "file://" + path, "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                    timeout=90)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts", info), info
    printed = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # Cell text wraps on paper: compare without white space.
    printed = re.sub(r"\s+", "", printed)
    for text in ("第二十条第（八）项", "27.2500", "申请人情况", "四、政府信息公开行政复议、行政诉讼情况",
                 "未经复议直接起诉"):
        assert text in printed, text
    assert "—2—" in printed, "no page number"


def docx_parts(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    names = z.namelist()
    assert names[0] == "[Content_Types].xml"
    for required in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                     "word/_rels/document.xml.rels", "docProps/core.xml"):
        assert required in names, required
    parts = {}
    for name in names:
        # Well-formed, every part.
        parts[name] = etree.fromstring(z.read(name))
    types = parts["[Content_Types].xml"]
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName") for o in types.iter(ns + "Override")}
    defaults = {d.get("Extension") for d in types.iter(ns + "Default")}
    for o in overrides:
        assert o.lstrip("/") in names, "content type for a missing part " + o
    for name in names:
        assert "/" + name in overrides or name.rsplit(".", 1)[-1] in defaults, name
    # Every relationship points at a part that exists.
    for name in names:
        if not name.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in parts[name]:
            if rel.get("TargetMode") == "External":
                raise AssertionError("external relationship in " + name)
            target = posixpath.normpath(posixpath.join(base, rel.get("Target")))
            assert target in names, (name, rel.get("Target"))
    return parts


def docx_grid(tbl):
    """(row, column) → (origin row, origin column, tc) from gridSpan and vMerge."""
    grid = {}
    rows = tbl.findall(W + "tr")
    for r, tr in enumerate(rows):
        c = 0
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = pr.find(W + "gridSpan")
            span = int(span.get(W + "val")) if span is not None else 1
            merge = pr.find(W + "vMerge")
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                origin = grid[(r - 1, c)][:2]
                assert grid[(r - 1, c)][2] is not None
            else:
                origin = (r, c)
            for k in range(span):
                grid[(r, c + k)] = (origin[0], origin[1], tc if origin == (r, c) else grid[(r - 1, c)][2])
            c += span
    return grid, rows


def tc_text(tc):
    out = []
    for p in tc.iter(W + "p"):
        for e in p.iter(W + "t", W + "tab", W + "br"):
            out.append(e.text or "" if e.tag == W + "t" else ("\t" if e.tag == W + "tab" else "\n"))
    return "".join(out)


def check_docx_table(tbl, expected):
    cols = tbl.find(W + "tblGrid").findall(W + "gridCol")
    assert len(cols) == expected["width"]
    grid, rows = docx_grid(tbl)
    assert len(rows) == expected["height"]
    assert len(grid) == expected["width"] * expected["height"]
    for item in expected["items"]:
        where = "%s r%d c%d" % (expected["id"], item["row"], item["column"])
        for r in range(item["row"], item["row"] + item["row_span"]):
            for c in range(item["column"], item["column"] + item["column_span"]):
                assert grid[(r, c)][:2] == (item["row"], item["column"]), (where, r, c, grid[(r, c)][:2])
        tc = grid[(item["row"], item["column"])][2]
        pr = tc.find(W + "tcPr")
        span = pr.find(W + "gridSpan")
        assert (int(span.get(W + "val")) if span is not None else 1) == item["column_span"], where
        merge = pr.find(W + "vMerge")
        if item["row_span"] > 1:
            assert merge is not None and merge.get(W + "val") == "restart", where
        else:
            assert merge is None, where
        assert tc_text(tc) == clean(item["text"]), (where, tc_text(tc), item["text"])


def docx_paragraph_runs(paragraph, heading):
    return merge_runs([(r.text, bool(r.bold) and not heading) for r in paragraph.runs])


def check_docx(report):
    path = report.export("docx")
    parts = docx_parts(path)
    layout = report.layout
    body = parts["word/document.xml"].find(W + "body")
    tables = body.findall(W + "tbl")
    with_tables = [s for s in layout["sections"] if s["table"] is not None]
    assert len(tables) == len(with_tables) == 3
    for tbl, section in zip(tables, with_tables):
        check_docx_table(tbl, section["table"])
    # A4, the print layout's margins, page numbers "— N —" on odd and even pages.
    sect = body.find(W + "sectPr")
    size = sect.find(W + "pgSz")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    margins = sect.find(W + "pgMar")
    assert [margins.get(W + k) for k in ("top", "right", "bottom", "left")] == ["2098", "1474", "1984", "1587"]
    for footer in ("word/footer1.xml", "word/footer2.xml"):
        xml = etree.tostring(parts[footer], encoding="unicode")
        assert "— </w:t>" in xml and " PAGE " in xml and "> —</w:t>" in xml, footer

    if docx is None:
        return "python3-docx is not installed: styles not read back"
    document = docx.Document(path)
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == clean(layout["title"])
    i = 1
    for section in layout["sections"]:
        assert paragraphs[i].style.name == "Heading 1", paragraphs[i].style.name
        assert paragraphs[i].text == section["heading"]
        i += 1
        for paragraph in section["paragraphs"]:
            runs = expected_runs(paragraph)
            if not runs:
                continue
            got = paragraphs[i]
            level = paragraph["level"]
            assert got.style.name == ("Normal" if level == 0 else "Heading %d" % (level + 1)), got.style.name
            assert docx_paragraph_runs(got, level != 0) == runs, (docx_paragraph_runs(got, level != 0), runs)
            i += 1
    assert i == len(paragraphs)
    # python-docx resolves the merges the same way Word does.
    for table, section in zip(document.tables, with_tables):
        # table.cell() walks the whole table on each call: read the rows once.
        rows = [row.cells for row in table.rows]
        for item in section["table"]["items"]:
            cell = rows[item["row"]][item["column"]]
            assert cell.text == clean(item["text"])
            last = rows[item["row"] + item["row_span"] - 1][item["column"] + item["column_span"] - 1]
            assert last._tc is cell._tc, "merged cell not merged in python-docx"
    s = document.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert round(s.top_margin.mm) == 37 and round(s.left_margin.mm) == 28
    normal = document.styles["Normal"].paragraph_format
    assert normal.first_line_indent is not None and normal.first_line_indent > 0


@test
def docx_sample(tmp):
    report = Report("sample", None, tmp)
    result = check_docx(report)
    document_xml = zipfile.ZipFile(report.export("docx")).read("word/document.xml").decode()
    assert "<w:t xml:space=\"preserve\">27.2500</w:t>" in document_xml
    assert "<w:b/>" in document_xml
    return result


@test
def docx_generated(tmp):
    result = None
    for seed in SEEDS:
        edition = "2019" if seed % 4 == 0 else "2021"
        path = os.path.join(tmp, "gen%d.nianbao" % seed)
        run(TOOL, "generate", str(seed), edition, path)
        result = check_docx(Report("gen%d" % seed, path, tmp)) or result
    return result


@test
def docx_escaping(tmp):
    path = os.path.join(tmp, "gen1.nianbao")
    run(TOOL, "generate", "1", "2021", path)
    out = Report("esc", path, tmp).export("docx")
    z = zipfile.ZipFile(out)
    xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;测试&gt;&amp;“局” &amp;amp; &amp; &amp;lt; AT&amp;T" in xml
    assert "\x01" not in xml and "\x1b" not in xml
    core = z.read("docProps/core.xml").decode("utf-8")
    assert "<dc:creator>&lt;测试&gt;&amp;“局” &amp;amp;" in core


@test
def docx_libreoffice(tmp):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "SKIP LibreOffice is not installed (the DOCX was checked with python-docx only)"
    report = Report("lo", None, tmp)
    path = report.export("docx")
    # A profile of its own, in the temporary folder: runs as root too, and
    # never touches (or waits for) the user's.
    profile = "file://" + tempfile.mkdtemp(dir=tmp)
    subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to", "txt:Text",
                    "--outdir", tmp, path], check=True, capture_output=True, timeout=120)
    text = open(os.path.join(tmp, "lo.txt"), encoding="utf-8-sig").read()
    assert "一、总体情况" in text and "三、本年度办理结果" in text and "27.2500" in text
    # The tables came through cell by cell: a row's label, then its value.
    lines = [line.strip() for line in text.splitlines()]
    assert "申请人情况" in lines and "未经复议直接起诉" in lines, "a table's headers are missing"
    penalty = lines.index("行政处罚")
    assert lines[penalty + 1] == "67", lines[penalty:penalty + 3]



if __name__ == "__main__":
    sys.exit(nbtest.main())
