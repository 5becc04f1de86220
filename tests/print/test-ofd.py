#!/usr/bin/env python3
# The OFD export read back by code that does not share the writer's: a
# strict structural check of the package (GB/T 33190-2016 as
# docs/ofd.md maps it) and, page by page, the same text at the same
# places as the PDF made from the same layout (poppler's pdftotext).
# Run for the sample and for a report whose every table cell is full.
# Then an OFD reader Nianbao did not write draws each package: ofd.js
# (npm, pinned in ofd-reader/package-lock.json, installed by this test
# into BUILD/ofd-reader) in headless Chromium; it must draw as many pages,
# the same text on each, each character where the OFD puts it.
import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from lxml import etree

try:
    from fontTools.ttLib import TTFont
except ImportError:  # the font checks need python3-fonttools
    TTFont = None

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import nbtest  # noqa: E402  (tests/nbtest.py)

NIANBAO = os.environ['NIANBAO']
SOURCE = os.environ['NB_SOURCE_DIR']
NS = 'http://www.ofdspec.org/2016'
Q = '{%s}' % NS
PT_PER_MM = 72 / 25.4
READER_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ofd-reader')
# Where ofd.js draws a glyph against where the OFD puts it, in points:
# ofd.js rounds positions to its pixels (about 1.7 per point here).
READER_SLACK = 0.5
# Inner rules of a table are 0.6 pt (its frame is 1.2 pt), in millimetres.
CELL_RULE_MM = 0.6 / PT_PER_MM

results = []
turned_pages = set()
clipped = []  # the label of each clip area written


def check(ok, name, detail=''):
    results.append((bool(ok), name, str(detail)[:2000]))


def squash(text):
    """No white space; no controls either, which XML cannot hold."""
    return re.sub(r'[\s\x00-\x1f\x7f-\x9f]+', '', text)


def numbers(text):
    return [float(v) for v in text.split()]


def expand_deltas(text):
    """DeltaX: "g N v" repeats v N times."""
    out, tokens = [], text.split()
    i = 0
    while i < len(tokens):
        if tokens[i] == 'g':
            out += [float(tokens[i + 2])] * int(tokens[i + 1])
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def parse(package, name, label):
    try:
        data = package.read(name)
    except KeyError:
        check(False, f'{label}: {name} is in the package')
        return None
    try:
        return etree.fromstring(data)
    except etree.XMLSyntaxError as e:
        check(False, f'{label}: {name} is well-formed XML', e)
        return None


def all_in_namespace(root):
    """Every element of an OFD part is in the OFD namespace."""
    return [el.tag for el in root.iter() if isinstance(el.tag, str) and not el.tag.startswith(Q)]


def inside(box, width, height, slack=0.01):
    x, y, w, h = box
    return w >= 0 and h >= 0 and x >= -slack and y >= -slack \
        and x + w <= width + slack and y + h <= height + slack


def check_ofd(path, label):
    """Returns {page number: [(char, x pt, baseline pt)]} and the page texts."""
    check(zipfile.is_zipfile(path), f'{label}: the OFD is a zip archive')
    package = zipfile.ZipFile(path)
    check(package.testzip() is None, f'{label}: every entry of the zip reads back (CRC)')
    names = package.namelist()
    check(len(names) == len(set(names)), f'{label}: no entry twice', names)
    check(all(not n.startswith('/') and '..' not in n and '\\' not in n for n in names),
          f'{label}: entry names are plain relative paths', names)

    ofd = parse(package, 'OFD.xml', label)
    if ofd is None:
        return {}, []
    check(ofd.tag == Q + 'OFD' and ofd.get('DocType') == 'OFD' and ofd.get('Version') == '1.0',
          f'{label}: OFD.xml is an ofd:OFD of DocType OFD, Version 1.0', ofd.attrib)
    check(not all_in_namespace(ofd), f'{label}: OFD.xml elements in the OFD namespace')
    info = ofd.find(f'{Q}DocBody/{Q}DocInfo')
    check(info is not None, f'{label}: DocBody has a DocInfo')
    order = [el.tag[len(Q):] for el in info]
    schema_order = ['DocID', 'Title', 'Author', 'Subject', 'Abstract', 'CreationDate', 'ModDate',
                    'DocUsage', 'Cover', 'Keywords', 'Creator', 'CreatorVersion', 'CustomDatas']
    check(order == sorted(order, key=schema_order.index), f'{label}: DocInfo in schema order', order)
    for field in ('DocID', 'Title', 'Author', 'CreationDate', 'Creator'):
        el = info.find(Q + field)
        check(el is not None and el.text, f'{label}: DocInfo has a {field}')
    check(re.fullmatch(r'\d{4}-\d{2}-\d{2}', info.findtext(Q + 'CreationDate') or ''),
          f'{label}: CreationDate is an xs:date', info.findtext(Q + 'CreationDate'))
    check('政府信息公开工作年度报告' in (info.findtext(Q + 'Title') or ''),
          f'{label}: the title is the report title', info.findtext(Q + 'Title'))
    root_path = ofd.findtext(f'{Q}DocBody/{Q}DocRoot')
    doc = parse(package, root_path, label)
    if doc is None:
        return {}, []
    base = os.path.dirname(root_path)
    check(not all_in_namespace(doc), f'{label}: Document.xml elements in the OFD namespace')

    common = doc.find(Q + 'CommonData')
    max_id = int(common.findtext(Q + 'MaxUnitID'))
    box = numbers(common.findtext(f'{Q}PageArea/{Q}PhysicalBox'))
    check(box == [0, 0, 210, 297], f'{label}: the page area is A4 in millimetres', box)
    width, height = box[2], box[3]

    ids = []
    fonts = {}
    font_files = {}
    for res_name in [el.text for el in common.findall(Q + 'PublicRes')] + \
            [el.text for el in common.findall(Q + 'DocumentRes')]:
        res = parse(package, f'{base}/{res_name}', label)
        if res is None:
            continue
        check(res.tag == Q + 'Res' and not all_in_namespace(res),
              f'{label}: {res_name} is an ofd:Res in the OFD namespace')
        res_base = f'{base}/{res.get("BaseLoc")}' if res.get('BaseLoc') else base
        for font in res.iter(Q + 'Font'):
            ids.append(int(font.get('ID')))
            fonts[font.get('ID')] = font
            check(font.get('FontName'), f'{label}: font {font.get("ID")} has a FontName')
            file = font.findtext(Q + 'FontFile')
            check(file, f'{label}: font {font.get("ID")} ({font.get("FontName")}) is embedded')
            if file:
                entry = f'{res_base}/{file}'
                check(entry in names, f'{label}: font file {entry} is in the package')
                if entry in names and TTFont is not None:
                    import io
                    font_files[font.get('ID')] = TTFont(io.BytesIO(package.read(entry)))
    check(fonts, f'{label}: the document has fonts')
    official = {f.get('FontName') for f in fonts.values()}
    for name in ('方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体'):
        check(name in official, f'{label}: a font is named {name}', sorted(official))

    page_chars = {}
    page_texts = []
    turned_pages.clear()
    pages = doc.findall(f'{Q}Pages/{Q}Page')
    check(pages, f'{label}: the document has pages')
    uncovered = []
    bad_boxes = []
    bad_deltas = []
    bad_glyphs = []
    outside_cells = []
    bad_clips = []
    for number, page in enumerate(pages, 1):
        ids.append(int(page.get('ID')))
        content = parse(package, f'{base}/{page.get("BaseLoc")}', label)
        if content is None:
            continue
        check(content.tag == Q + 'Page' and not all_in_namespace(content),
              f'{label}: page {number} is an ofd:Page in the OFD namespace')
        chars = []
        text = []
        # Each table cell's inside (its rule's box less half the rule), and
        # each text object's box, to say which cell a text lies in.
        cells = []
        text_boxes = []
        for el in content.iter(Q + 'PathObject'):
            b, half = numbers(el.get('Boundary')), float(el.get('LineWidth', '0')) / 2
            if abs(half * 2 - CELL_RULE_MM) < 0.01:
                cells.append((b[0] + half, b[1] + half, b[0] + b[2] - half, b[1] + b[3] - half))
        for el in content.iter():
            if el.get('ID') is not None:
                ids.append(int(el.get('ID')))
            if el.tag in (Q + 'TextObject', Q + 'PathObject'):
                b = numbers(el.get('Boundary'))
                if len(b) != 4 or not inside(b, width, height):
                    bad_boxes.append((number, el.get('ID'), b))
            if el.tag == Q + 'PathObject':
                pts = [float(v) for v in re.findall(r'-?[\d.]+', el.findtext(Q + 'AbbreviatedData'))]
                b = numbers(el.get('Boundary'))
                if any(not (-0.01 <= pts[i] <= b[2] + 0.01 and -0.01 <= pts[i + 1] <= b[3] + 0.01)
                       for i in range(0, len(pts), 2)):
                    bad_boxes.append((number, el.get('ID'), 'path outside its box'))
            if el.tag != Q + 'TextObject':
                continue
            box = numbers(el.get('Boundary'))
            text_boxes.append((box, el.get('ID'), ''.join(t.text or '' for t in el.findall(Q + 'TextCode'))))
            for area in el.iterfind(f'{Q}Clips/{Q}Clip/{Q}Area'):
                clipped.append(label)
                path = area.find(Q + 'Path')
                pts = numbers(re.sub(r'[MLC]', ' ', path.findtext(Q + 'AbbreviatedData'))) if path is not None else []
                if not pts or any(not (-0.01 <= pts[i] <= box[2] + 0.01 and -0.01 <= pts[i + 1] <= box[3] + 0.01)
                                  for i in range(0, len(pts) - 1, 2)):
                    bad_clips.append((number, el.get('ID'), pts))
            font_id = el.get('Font')
            check(font_id in fonts, f'{label}: text object {el.get("ID")} uses a font that exists',
                  font_id) if font_id not in fonts else None
            b = numbers(el.get('Boundary'))
            ctm = numbers(el.get('CTM')) if el.get('CTM') else [1, 0, 0, 1, 0, 0]
            if el.get('CTM'):
                turned_pages.add(number)
            transforms = {}
            for t in el.findall(Q + 'CGTransform'):
                transforms[int(t.get('CodePosition'))] = [int(g) for g in t.findtext(Q + 'Glyphs').split()]
            for code in el.findall(Q + 'TextCode'):
                s = code.text or ''
                deltas = expand_deltas(code.get('DeltaX')) if code.get('DeltaX') else []
                if len(deltas) != max(len(s) - 1, 0):
                    bad_deltas.append((number, s, len(deltas)))
                x, y = float(code.get('X')), float(code.get('Y'))
                for i, c in enumerate(s):
                    px = ctm[0] * x + ctm[2] * y + ctm[4] + b[0]
                    py = ctm[1] * x + ctm[3] * y + ctm[5] + b[1]
                    chars.append((c, px * PT_PER_MM, py * PT_PER_MM))
                    if i < len(deltas):
                        x += deltas[i]
                text.append(s)
                ttf = font_files.get(font_id)
                if ttf is not None:
                    cmap = ttf.getBestCmap() or {}
                    n_glyphs = ttf['maxp'].numGlyphs
                    for i, c in enumerate(s):
                        if not c.isspace() and ord(c) not in cmap and i not in transforms:
                            uncovered.append((number, c, fonts[font_id].get('FontName')))
                    for glyph_list in transforms.values():
                        if any(g >= n_glyphs for g in glyph_list):
                            bad_glyphs.append((number, glyph_list, n_glyphs))
        # A text whose box's middle is in a cell lies wholly inside it: a
        # text its cell cuts has had its box cut to the cell.
        for box, oid, s in text_boxes:
            mx, my = box[0] + box[2] / 2, box[1] + box[3] / 2
            around = [c for c in cells if c[0] <= mx <= c[2] and c[1] <= my <= c[3]]
            if not around:
                continue
            c = min(around, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]))
            if not (c[0] - 0.05 <= box[0] and box[0] + box[2] <= c[2] + 0.05
                    and c[1] - 0.05 <= box[1] and box[1] + box[3] <= c[3] + 0.05):
                outside_cells.append((number, oid, s, [round(v, 2) for v in box],
                                      [round(v, 2) for v in c]))
        page_chars[number] = chars
        page_texts.append(''.join(text))
    check(not bad_boxes, f'{label}: every object box lies inside the page', bad_boxes[:5])
    check(not bad_deltas, f'{label}: one DeltaX for each character after the first', bad_deltas[:5])
    check(not outside_cells, f'{label}: every table text lies inside its cell (clipped to it if cut)',
          outside_cells[:5])
    check(not bad_clips, f'{label}: every clip area lies inside its text object\'s box', bad_clips[:5])
    check(len(ids) == len(set(ids)), f'{label}: object IDs are unique',
          sorted(i for i in ids if ids.count(i) > 1)[:10])
    check(all(0 < i <= max_id for i in ids), f'{label}: every ID is positive and within MaxUnitID',
          (max_id, max(ids)))
    if TTFont is not None:
        check(not uncovered, f'{label}: the embedded font of every character has its glyph',
              uncovered[:10])
        check(not bad_glyphs, f'{label}: every CGTransform glyph is in its font', bad_glyphs[:5])
    return page_chars, page_texts


def pdf_words(pdf):
    """pdftotext -bbox: {page: [(word, xMin, yMin, xMax, yMax)]}."""
    html = subprocess.run(['pdftotext', '-bbox', pdf, '-'], check=True, capture_output=True,
                          text=True).stdout
    pages = {}
    for number, page in enumerate(re.findall(r'<page[^>]*>(.*?)</page>', html, re.S), 1):
        pages[number] = [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in
                         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                    r'yMax="([\d.]+)">([^<]*)</word>', page)]
    return pages


def compare_with_pdf(report_args, label, tmp, env=None, reader=None):
    ofd = os.path.join(tmp, label + '.ofd')
    pdf = os.path.join(tmp, label + '.pdf')
    for fmt, out in (('ofd', ofd), ('pdf', pdf)):
        proc = subprocess.run([NIANBAO, '--export', fmt, '-o', out] + report_args,
                              capture_output=True, text=True, env=env)
        check(proc.returncode == 0 and os.path.getsize(out) > 0,
              f'{label}: nianbao --export {fmt} succeeds', proc.stderr)
    page_chars, page_texts = check_ofd(ofd, label)
    if reader is not None:
        read_with_reader(reader, ofd, label, page_chars, page_texts, tmp)
    words = pdf_words(pdf)
    check(len(words) == len(page_texts), f'{label}: as many pages as the PDF',
          (len(words), len(page_texts)))
    for number in range(1, min(len(words), len(page_texts)) + 1):
        pdf_text = subprocess.run(['pdftotext', '-raw', '-f', str(number), '-l', str(number), pdf,
                                   '-'], check=True, capture_output=True, text=True).stdout
        check(squash(pdf_text) == squash(page_texts[number - 1]),
              f'{label}: page {number} has the PDF page\'s text, in the same order',
              f'PDF: {squash(pdf_text)[:200]}\nOFD: {squash(page_texts[number - 1])[:200]}')
        # Each PDF word starts where the OFD has the same character: within
        # 0.3 pt across, its baseline inside the word's box.
        # On a page turned for a landscape table, the word's first character
        # has its origin inside the word's box.
        chars = page_chars.get(number, [])
        turned = number in turned_pages
        misplaced = []
        for w, x0, y0, x1, y1 in words[number]:
            if turned:
                ok = any(c == w[0] and x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5
                         for c, cx, cy in chars)
            else:
                ok = any(c == w[0] and abs(cx - x0) < 0.3 and y0 - 0.3 <= cy <= y1 + 0.3
                         for c, cx, cy in chars)
            if not ok:
                misplaced.append((w, round(x0, 2), round(y0, 2)))
        check(not misplaced, f'{label}: page {number}: every PDF word starts at an OFD character',
              misplaced[:5])


def install_reader():
    """npm ci of the pinned ofd.js into BUILD/ofd-reader, once per lock file.
    Returns (directory, None), or (None, why) when there is no reader to
    run: no Chromium, or npm cannot reach its registry.  A failed install
    with the registry reachable is a failure."""
    if not nbtest.have_chromium():
        return None, f'{nbtest.CHROMIUM} is not installed (Debian package chromium)'
    work = os.path.join(os.environ.get('NB_BUILD_DIR', tempfile.gettempdir()), 'ofd-reader')
    os.makedirs(work, exist_ok=True)
    for name in ('package.json', 'package-lock.json', 'render.html'):
        shutil.copyfile(os.path.join(READER_SOURCE, name), os.path.join(work, name))
    lock = open(os.path.join(READER_SOURCE, 'package-lock.json'), 'rb').read()
    done = os.path.join(work, 'installed-lock.json')
    bundle = os.path.join(work, 'node_modules', 'ofd.js', 'lib', 'ofd.umd.min.js')
    if os.path.exists(bundle) and os.path.exists(done) and open(done, 'rb').read() == lock:
        return work, None
    npm = shutil.which('npm')
    check(npm is not None, 'npm is installed (it comes with node, which the system provides)')
    if npm is None:
        return None, None
    try:
        proc = subprocess.run([npm, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], cwd=work,
                              capture_output=True, text=True, timeout=900)
        failure = proc.stderr if proc.returncode != 0 else None
    except subprocess.TimeoutExpired:
        failure = 'npm ci took more than 15 minutes'
    if failure is not None:
        try:
            ping = subprocess.run([npm, 'ping'], cwd=work, capture_output=True, text=True, timeout=120)
            reachable = ping.returncode == 0
            said = [line for line in ping.stderr.splitlines()
                    if line.strip() and 'complete log' not in line]
            why = ' / '.join(said[:2]) or 'npm ping failed'
        except subprocess.TimeoutExpired:
            reachable, why = False, 'npm ping got no answer in 2 minutes'
        if not reachable:
            return None, f'npm cannot reach its registry ({why})'
        check(False, 'npm ci installs ofd.js as ofd-reader/package-lock.json pins it', failure[-2000:])
        return None, None
    check(os.path.exists(bundle), 'the installed ofd.js has its browser bundle', bundle)
    with open(done, 'wb') as f:
        f.write(lock)
    return work, None


def read_with_reader(reader, ofd, label, page_chars, page_texts, tmp):
    """ofd.js draws @ofd in headless Chromium: the same pages, text and places."""
    with open(os.path.join(reader, 'ofd-data.js'), 'w') as f:
        f.write('var NB_OFD = "%s";\n' % base64.b64encode(open(ofd, 'rb').read()).decode())
    # ofd.js finishes when its promises do; the virtual time budget lets
    # Chromium run until then (and no longer than a minute of page time).
    dom = nbtest.chromium(tmp, 'file://' + os.path.join(reader, 'render.html'),
                          '--virtual-time-budget=60000', '--dump-dom', timeout=300).stdout.decode()
    found = re.search(r'<pre id="nb-result">(.*?)</pre>', dom, re.S)
    result = json.loads(html.unescape(found.group(1))) if found and found.group(1) else {}
    check('pages' in result, f'{label}: ofd.js reads the package and draws it',
          result.get('error', 'ofd.js never reported back (render.html wrote no result)'))
    if 'pages' not in result:
        return
    pages = result['pages']
    check(len(pages) == len(page_texts), f'{label}: ofd.js draws as many pages as the OFD has',
          (len(pages), len(page_texts)))
    for number, (drawn, text) in enumerate(zip(pages, page_texts), 1):
        # ofd.js draws UTF-16 code units: a character outside the BMP comes
        # as two surrogates, each taking a DeltaX of its own.
        units = [(c, x, y) for c, x, y in drawn['chars']]
        shown = ''.join(c for c, x, y in units).encode('utf-16-le', 'surrogatepass').decode('utf-16-le')
        check(squash(shown) == squash(text), f'{label}: ofd.js shows page {number}\'s text',
              f'ofd.js: {squash(shown)[:200]}\nOFD:    {squash(text)[:200]}')
        if any(ord(c) > 0xFFFF for c in text):
            # So everything after such a character in its text object is
            # drawn one step off: ofd.js's reading of DeltaX, not ours
            # (GB/T 33190 counts characters); its places are not compared.
            continue
        expected = page_chars.get(number, [])
        # A4 across: 210 mm in CSS pixels, whatever size ofd.js chose.
        scale = drawn['width'] / (210 * PT_PER_MM)
        misplaced = [(c, round(ex, 1), round(ey, 1), round(x / scale, 1), round(y / scale, 1))
                     for (c, ex, ey), (_, x, y) in zip(expected, units)
                     if abs(x / scale - ex) > READER_SLACK or abs(y / scale - ey) > READER_SLACK]
        check(len(expected) == len(units) and not misplaced,
              f'{label}: ofd.js draws every character of page {number} where the OFD puts it',
              f'{len(units)} drawn, {len(expected)} in the OFD; misplaced (char, OFD x y, drawn x y):'
              f' {misplaced[:5]}')


def main():
    for tool in ('pdftotext',):
        if subprocess.run(['which', tool], capture_output=True).returncode != 0:
            print(f'1..0 # SKIP {tool} is not installed (package poppler-utils)')
            return
    tmp = tempfile.mkdtemp(prefix='nianbao-ofd-')
    reader, no_reader = install_reader()
    compare_with_pdf(['--sample'], 'sample', tmp, reader=reader)

    # Every value cell of every table full, with wide numbers.
    sample = json.load(open(os.path.join(SOURCE, 'data/samples/sample-2022.nianbao'),
                            encoding='utf-8'))
    for table in sample['tables'].values():
        for key, value in table.items():
            table[key] = '123456.78' if isinstance(value, str) else 1234567
    full = os.path.join(tmp, 'full.nianbao')
    json.dump(sample, open(full, 'w', encoding='utf-8'), ensure_ascii=False)
    compare_with_pdf([full], 'full-tables', tmp, reader=reader)

    # Text XML must escape or cannot hold: markup characters, controls,
    # DEL and C1, a noncharacter, a tab, an emoji.
    odd = json.load(open(os.path.join(SOURCE, 'data/samples/sample-2022.nianbao'),
                         encoding='utf-8'))
    first = next(iter(odd['sections']))
    odd['sections'][first].insert(0, {'level': 0, 'runs': [
        {'text': '标记<b>&amp;"引号"\'单\' 控制\x01\x7f\x85字符\ufdd0制表\t符😀结束。', 'bold': False}]})
    path = os.path.join(tmp, 'odd.nianbao')
    json.dump(odd, open(path, 'w', encoding='utf-8'), ensure_ascii=False)
    compare_with_pdf([path], 'odd-characters', tmp, reader=reader)

    # A group label cut by a page break, its piece on the next page one row
    # tall: the label's second line is cut by its cell.  (Found by trying:
    # with every count 1007, table 三's rows break so.)
    cut = json.load(open(os.path.join(SOURCE, 'data/samples/sample-2022.nianbao'), encoding='utf-8'))
    for table in cut['tables'].values():
        for key, value in table.items():
            if not isinstance(value, str):
                table[key] = 1007
    path = os.path.join(tmp, 'cut.nianbao')
    json.dump(cut, open(path, 'w', encoding='utf-8'), ensure_ascii=False)
    compare_with_pdf([path], 'cut-label', tmp, reader=reader)
    check('cut-label' in clipped, 'cut-label: the text its cell cuts is clipped to the cell',
          f'clip areas written for: {sorted(set(clipped))}')

    # Tables 3 and 4 on pages turned to landscape (the preview's option,
    # saved in GSettings: a keyfile here).
    config = os.path.join(tmp, 'config', 'glib-2.0', 'settings')
    os.makedirs(config)
    with open(os.path.join(config, 'keyfile'), 'w') as f:
        f.write('[io/github/nianbao/Nianbao]\nprint-landscape-tables=true\n')
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=os.path.join(tmp, 'config'))
    compare_with_pdf(['--sample'], 'landscape-tables', tmp, env, reader=reader)
    check(turned_pages, 'landscape-tables: some pages are turned (text with a CTM)')

    if no_reader is not None:
        results.append((True, f'an OFD reader Nianbao did not write draws the packages # SKIP {no_reader}', ''))
    if TTFont is None:
        results.append((True, 'embedded fonts cover the text # SKIP python3-fonttools is not installed', ''))
    print(f'1..{len(results)}')
    for i, (ok, name, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}')
        if not ok and detail:
            for line in detail.splitlines():
                print(f'# {line}')


main()
