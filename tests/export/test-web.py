#!/usr/bin/python3
# The report on the agency's website (issue 19), checked in a real browser:
# - the full page and the CMS fragment render in headless Chromium
#   (screenshots kept in BUILD/screenshots/web/ for a person to look at);
# - the fragment pasted into a CMS page — <style>, class and data-*
#   stripped as CMS editors do, the site's own stylesheet setting fonts,
#   sizes, margins and colours of p, td, h1…h6 — looks exactly as it does
#   alone: every element's computed style is the same, and so is every pixel;
# - the same holds for the body of the full page: its look lives inline;
# - axe-core (vendored in vendor/axe-core, MPL-2.0) finds no violation in
#   either, colour contrast and table headers included;
# - structure: one h1, headings that never skip a rank, lang="zh-CN", no
#   caption repeating the heading above it, headers= naming real th ids,
#   no 仿宋 anywhere.
# Usage: test-web.py NB_EXPORT_TOOL   (env: NIANBAO = the built binary, NB_BUILD_DIR)
#
# Copyright 2026 The Nianbao authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from lxml import etree, html

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import nbtest  # noqa: E402  (tests/nbtest.py)
from nbtest import CHROMIUM, test  # noqa: E402

NIANBAO = os.environ["NIANBAO"]
# nb-export-tool (generates reports with odd text and values), as the argument.
TOOL = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NB_EXPORT_TOOL")
HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "vendor", "axe-core", "axe.min.js")
SHOTS = os.path.join(os.environ.get("NB_BUILD_DIR", tempfile.gettempdir()), "screenshots", "web")
WIDTH = 900

# A CMS theme as agencies' sites have them: small grey SimSun text, no
# margins, headings in red.  The pasted report must not change under it.
CMS_CSS = """
body{margin:0;background:#fff}
.cms-content{font:12px/1.2 SimSun,serif;color:#666}
.cms-content p{margin:0;padding:0;text-indent:0;font-size:12px;line-height:1.2;color:#666;
  font-family:SimSun,serif;text-align:left;font-weight:normal}
.cms-content h1,.cms-content h2,.cms-content h3,.cms-content h4,.cms-content h5,.cms-content h6{
  font-size:14px;margin:0;padding:0;color:#900;font-family:SimHei,serif;font-weight:normal;
  text-align:left;line-height:1;text-indent:0}
.cms-content table{border:0;font-size:12px;width:auto;border-collapse:separate;border-spacing:2px}
.cms-content td,.cms-content th{padding:0;border:1px dotted #ccc;font-size:12px;color:#666;
  font-family:SimSun,serif;text-align:left;font-weight:normal;line-height:1;white-space:normal;
  background:#eee;vertical-align:top}
.cms-content caption{font-size:12px;color:#666}
.cms-content div,.cms-content section,.cms-content article{margin:0;padding:0;max-width:none;
  font-size:12px}
.cms-content strong{font-weight:normal;color:#c00}
"""

PROPS = ["font-family", "font-size", "font-weight", "font-style", "line-height", "color",
         "background-color", "margin-top", "margin-bottom", "margin-left", "padding-top",
         "padding-left", "text-indent", "text-align", "vertical-align", "white-space",
         "border-top-width", "border-top-style", "border-top-color", "border-spacing",
         "border-collapse", "width", "height"]

COLLECT = """
<aside aria-label="result"><pre id="nb-result">pending</pre></aside>
<script src="%(axe)s"></script>
<script>
(function () {
  var root = document.querySelector('article');
  var els = [root].concat(Array.prototype.slice.call(root.querySelectorAll('*')));
  var props = %(props)s;
  var styles = els.map(function (e) {
    var s = getComputedStyle(e);
    return [e.tagName].concat(props.map(function (p) { return s.getPropertyValue(p); }));
  });
  var done = function (violations) {
    document.getElementById('nb-result').textContent =
      JSON.stringify({styles: styles, violations: violations});
  };
  if (!%(axe_run)s) { done(null); return; }
  axe.run(document, {resultTypes: ['violations']}).then(function (r) {
    done(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 3).map(function (n) { return n.html.slice(0, 200) + ' ' + n.failureSummary; })};
    }));
  }, function (e) { done('axe failed: ' + e); });
})();
</script>
"""



def run(*args):
    return subprocess.run(args, check=True, capture_output=True)


def export(tmp, name, *args):
    out = os.path.join(tmp, name)
    run(NIANBAO, "--export", "html", "--force", "-o", out, *args)
    return open(out, encoding="utf-8").read()


def chromium(tmp, url, *args):
    # Screenshots compare pixels: no scroll bars, one device pixel a CSS pixel.
    return nbtest.chromium(tmp, url, "--hide-scrollbars", "--force-device-scale-factor=1", *args)


def strip_like_cms(markup):
    """What a CMS editor keeps of pasted HTML: no <style>, <script>, <link>, no
    class or data-* attributes."""
    fragments = html.fragments_fromstring(markup)
    out = []
    for f in fragments:
        if isinstance(f, str):
            out.append(f)
            continue
        for bad in f.xpath("descendant-or-self::style|descendant-or-self::script|descendant-or-self::link"):
            bad.getparent().remove(bad)
        for e in f.iter():
            for attr in list(e.attrib):
                if attr == "class" or attr.startswith("data-"):
                    del e.attrib[attr]
        out.append(html.tostring(f, encoding="unicode"))
    return "".join(out)


def body_of(page):
    """The <article> of a full page, as someone would copy it from the browser."""
    doc = html.document_fromstring(page.encode("utf-8"))
    return html.tostring(doc.find(".//article"), encoding="unicode")


def page(tmp, name, content, css="body{margin:0;background:#fff}", cls="", collect=False, axe=False):
    path = os.path.join(tmp, name + ".html")
    extra = COLLECT % {"axe": "file://" + AXE, "props": json.dumps(PROPS),
                       "axe_run": "true" if axe else "false"} if collect else ""
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                "<title>政务公开</title><style>%s</style></head><body>"
                '<main><div class="%s" style="width:%dpx">%s</div></main>%s</body></html>'
                % (css, cls, WIDTH, content, extra))
    return path


def collect(tmp, path):
    dom = chromium(tmp, "file://" + path, "--virtual-time-budget=60000", "--dump-dom").stdout
    found = re.search(rb'<pre id="nb-result">(.*?)</pre>', dom, re.S)
    assert found, "the page never reported its styles"
    text = html.fromstring(found.group(1) or b"-").text_content() if found.group(1) else ""
    assert text != "pending", "the collecting script never finished"
    return json.loads(text)


def screenshot(tmp, path, name, height):
    os.makedirs(SHOTS, exist_ok=True)
    out = os.path.join(SHOTS, name + ".png")
    if os.path.exists(out):
        os.unlink(out)
    chromium(tmp, "file://" + path, "--window-size=%d,%d" % (WIDTH, height),
             "--screenshot=" + out)
    assert os.path.exists(out), "no screenshot " + out
    return out


def differing_pixels(a, b):
    result = subprocess.run(["compare", "-metric", "AE", a, b, "null:"], capture_output=True, text=True)
    return float(result.stderr.split()[0])


def assert_same_styles(alone, pasted, what):
    assert len(alone) == len(pasted), "%s: %d elements alone, %d pasted" % (what, len(alone), len(pasted))
    for i, (a, b) in enumerate(zip(alone, pasted)):
        for name, x, y in zip(["tag"] + PROPS, a, b):
            assert x == y, "%s: element %d <%s>: %s is %r alone, %r pasted" % (what, i, a[0], name, x, y)


def assert_no_violations(result, what):
    violations = result["violations"]
    assert isinstance(violations, list), "%s: %s" % (what, violations)
    assert violations == [], "%s: axe found:\n%s" % (what, json.dumps(violations, ensure_ascii=False, indent=1))


def check_structure(markup, fragment):
    if fragment:
        assert not re.search(r"<(html|head|body|title|style|script|link|meta)\b", markup, re.I), \
            "a fragment is the body only"
    assert not re.search(r"\sclass\s*=", markup), "a class needs a stylesheet a CMS drops"
    assert "FangSong" not in markup and "仿宋" not in markup, "仿宋 reads poorly on screens"
    doc = html.fragment_fromstring(markup) if fragment else html.document_fromstring(markup.encode())
    article = doc if doc.tag == "article" else doc.find(".//article")
    assert article.get("lang") == "zh-CN"
    assert len(article.xpath(".//h1")) == 1, "one title"
    rank = 1
    for h in article.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        level = int(h.tag[1])
        assert level <= rank + 1, "heading %s after h%d: %s" % (h.tag, rank, h.text_content())
        rank = level
    # Every element that shows text says its own font, size and colour.
    for e in article.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "caption", "article", "table"):
        style = e.get("style", "")
        for prop in ("font-family", "font-size", "color"):
            assert prop + ":" in style, "<%s> has no inline %s" % (e.tag, prop)
    for table in article.iter("table"):
        ids = {th.get("id") for th in table.iter("th")}
        assert None not in ids
        for td in table.xpath(".//td[@data-cell]"):
            headers = td.get("headers", "").split()
            assert headers, "a value cell without headers"
            assert set(headers) <= ids, "headers name cells outside the table"
        previous = table.getparent().getprevious()
        caption = table.find("caption")
        if previous is not None and previous.tag == "h2":
            assert caption is None, "the caption repeats the heading"
            assert table.get("aria-labelledby") == previous.get("id")
        else:
            assert caption is not None, "a table with text above it keeps its caption"


@test
def structure(tmp):
    full = export(tmp, "full.html", "--sample")
    fragment = export(tmp, "fragment.html", "--fragment", "--sample")
    check_structure(full, False)
    check_structure(fragment, True)
    # The fragment is exactly the full page's body.
    assert body_of(full).strip() == fragment.strip()
    # t3's value "（一）予以公开 · 自然人" is tied to every header above and beside it.
    doc = html.fragment_fromstring(fragment)
    cell = doc.xpath("//td[@data-cell='granted/natural']")[0]
    names = [doc.xpath("//th[@id='%s']" % h)[0].text_content() for h in cell.get("headers").split()]
    assert "申请人情况" in names and "自然人" in names and "（一）予以公开" in names, names
    assert "三、本年度办理结果" in names, names


@test
def pasted_into_cms(tmp):
    if not nbtest.have_chromium():
        return "SKIP %s is not installed" % CHROMIUM
    fragment = export(tmp, "fragment.html", "--fragment", "--sample")
    pasted = strip_like_cms(fragment)
    alone = page(tmp, "alone", fragment, collect=True)
    cms = page(tmp, "cms", pasted, css=CMS_CSS, cls="cms-content", collect=True, axe=True)
    result_alone = collect(tmp, alone)
    result_cms = collect(tmp, cms)
    assert len(result_alone["styles"]) > 300, len(result_alone["styles"])
    assert_same_styles(result_alone["styles"], result_cms["styles"], "fragment pasted into a CMS page")
    assert_no_violations(result_cms, "fragment in a CMS page")
    # And the pixels: the same picture alone and inside the CMS theme.
    height = 9000
    a = screenshot(tmp, page(tmp, "alone-shot", fragment), "fragment", height)
    b = screenshot(tmp, page(tmp, "cms-shot", pasted, css=CMS_CSS, cls="cms-content"), "fragment-in-cms", height)
    assert differing_pixels(a, b) == 0, "the pasted fragment looks different in the CMS page"
    # The theme is not a no-op: the same markup without inline styles changes under it.
    bare = re.sub(r'\sstyle="[^"]*"', "", pasted)
    c = screenshot(tmp, page(tmp, "bare-cms", bare, css=CMS_CSS, cls="cms-content"), "unstyled-in-cms", height)
    assert differing_pixels(a, c) > 10000


@test
def full_page(tmp):
    if not nbtest.have_chromium():
        return "SKIP %s is not installed" % CHROMIUM
    full = export(tmp, "full.html", "--sample")
    path = os.path.join(tmp, "full.html")
    with_collect = os.path.join(tmp, "full-collect.html")
    extra = COLLECT % {"axe": "file://" + AXE, "props": json.dumps(PROPS), "axe_run": "true"}
    with open(with_collect, "w", encoding="utf-8") as f:
        f.write(full.replace("</body>", extra + "</body>"))
    result = collect(tmp, with_collect)
    assert_no_violations(result, "full page")
    # The page's body copied into a CMS keeps its look: it needs no <style> on screen.
    pasted = page(tmp, "full-pasted", strip_like_cms(body_of(full)), css=CMS_CSS, cls="cms-content",
                  collect=True)
    alone = page(tmp, "full-alone", body_of(full), collect=True)
    assert_same_styles(collect(tmp, alone)["styles"], collect(tmp, pasted)["styles"],
                       "full page body pasted into a CMS page")
    screenshot(tmp, path, "full-page", 9000)
    screenshot(tmp, path, "full-page-phone", 2400)


@test
def generated_reports(tmp):
    """Odd text and a 2019 report: still no violation, still the same when pasted."""
    if not nbtest.have_chromium():
        return "SKIP %s is not installed" % CHROMIUM
    tool = TOOL
    assert tool, "usage: test-web.py NB_EXPORT_TOOL"
    for seed, edition in ((3, "2021"), (4, "2019")):
        source = os.path.join(tmp, "gen%d.nianbao" % seed)
        run(tool, "generate", str(seed), edition, source)
        fragment = export(tmp, "gen%d.html" % seed, "--fragment", source)
        check_structure(fragment, True)
        alone = collect(tmp, page(tmp, "gen-alone%d" % seed, fragment, collect=True))
        cms = collect(tmp, page(tmp, "gen-cms%d" % seed, strip_like_cms(fragment), css=CMS_CSS,
                                cls="cms-content", collect=True, axe=True))
        assert_same_styles(alone["styles"], cms["styles"], "generated report %d" % seed)
        assert_no_violations(cms, "generated report %d" % seed)



if __name__ == "__main__":
    sys.exit(nbtest.main())
