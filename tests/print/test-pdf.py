#!/usr/bin/env python3
# The sample report as PDF, read back with poppler: A4 pages, the expected
# page count, every heading, table label and number, fonts embedded, page
# numbers at the outer corner, head rows repeated on continuation pages.
import json
import os
import re
import subprocess
import sys
import tempfile

NIANBAO = os.environ['NIANBAO']
SOURCE = os.environ['NB_SOURCE_DIR']
# The sample lays out on 8 pages (table 2 starts a page: it would start
# with 2 body rows at the foot of page 3): with DejaVu or other metrics (a
# missing CJK font) it would not, and neither would a lost or doubled
# paragraph.
EXPECTED_PAGES = 8

results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squash(text):
    return re.sub(r'\s+', '', text)


for tool in ('pdfinfo', 'pdftotext', 'pdffonts'):
    if subprocess.run(['which', tool], capture_output=True).returncode != 0:
        print(f'1..0 # SKIP {tool} is not installed (package poppler-utils)')
        sys.exit(0)

tmp = tempfile.mkdtemp(prefix='nianbao-pdf-')
pdf = os.path.join(tmp, 'sample.pdf')
proc = subprocess.run([NIANBAO, '--export', 'pdf', '-o', pdf, '--sample'],
                      capture_output=True, text=True)
check(proc.returncode == 0 and os.path.getsize(pdf) > 0, 'nianbao --export pdf succeeds',
      proc.stderr)

info = run('pdfinfo', pdf)
pages = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
check(pages == EXPECTED_PAGES, f'{EXPECTED_PAGES} pages', f'got {pages}')
sizes = run('pdfinfo', '-f', '1', '-l', str(pages), pdf)
a4 = re.findall(r'^Page\s+\d+ size:\s+595\.2\d* x 841\.8\d* pts', sizes, re.M)
check(len(a4) == pages, 'every page is A4', sizes)
check('政府信息公开工作年度报告' in info, 'the PDF title is the report title', info)

# Text in drawing order: each cell's wrapped lines stay together.
raw = squash(run('pdftotext', '-raw', pdf, '-'))
page_texts = [squash(run('pdftotext', '-raw', '-f', str(p), '-l', str(p), pdf, '-'))
              for p in range(1, pages + 1)]

edition = json.load(open(os.path.join(SOURCE, 'data/editions/2021.json'), encoding='utf-8'))
sample = json.load(open(os.path.join(SOURCE, 'data/samples/sample-2022.nianbao'), encoding='utf-8'))

missing = [s['heading'] for s in edition['sections'] if squash(s['heading']) not in raw]
check(not missing, 'every section heading is printed', ' '.join(missing))

# A paragraph that goes on over a page break has the page number in between.
flowing = re.sub(r'—\d+—', '', raw)
for section, paragraphs in sample['sections'].items():
    for paragraph in paragraphs:
        text = squash(''.join(run_['text'] for run_ in paragraph['runs']))
        if text and text not in flowing:
            check(False, f'paragraph of {section} printed whole', text[:40])
            break
    else:
        check(True, f'every paragraph of {section} is printed whole')


def labels(node, out):
    """Every printed label of a table: header texts, column and row labels."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ('text', 'label') and isinstance(value, str):
                out.add(value)
            else:
                labels(value, out)
    elif isinstance(node, list):
        for value in node:
            labels(value, out)
    return out


all_labels = labels(edition['tables'], set())
missing = sorted(label for label in all_labels if squash(label) not in raw)
check(not missing and len(all_labels) > 60, f'all {len(all_labels)} table labels are printed',
      ' '.join(missing))

# Every number, in its row: the row label followed by the row's values.
csv = run(NIANBAO, '--export', 'csv', '-o', '-', '--sample').lstrip('\ufeff').splitlines()[1:]
rows = {}
for line in csv:
    table, row_id, column_id, row_label, column_label, value = line.split(',')[:6]
    rows.setdefault((table, row_id, row_label), []).append(value)
bad = []
for (table, row_id, row_label), values in rows.items():
    printed = squash(row_label.split(' ')[-1]) if table != 't4' else ''
    if printed + ''.join(values) not in raw:
        bad.append(f'{table}/{row_id}')
check(not bad and len(rows) > 30, f'the values of all {len(rows)} table rows are printed in order',
      ' '.join(bad))
check('27.2500' in raw and '行政处罚67' in raw, 'the fee keeps its 4 decimals')

fonts = run('pdffonts', pdf).splitlines()[2:]
not_embedded = [f for f in fonts if f.split()[-5] != 'yes']
check(fonts and not not_embedded, f'all {len(fonts)} fonts are embedded', '\n'.join(not_embedded))

# Page numbers: "— N —" below the type area, odd pages right, even left.
width = 595.276
type_bottom = (37 + 225) * 72 / 25.4
bad = []
for p in range(1, pages + 1):
    html = run('pdftotext', '-bbox', '-f', str(p), '-l', str(p), pdf, '-')
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    number = [w for w in words if w[4] == str(p) and float(w[1]) > type_bottom]
    if not number:
        bad.append(f'page {p}: no number below the type area')
        continue
    x_min, x_max = float(number[0][0]), float(number[0][2])
    if p % 2 == 1 and x_min < width * 0.6:
        bad.append(f'page {p}: odd page number not on the right ({x_min:.0f})')
    if p % 2 == 0 and x_max > width * 0.4:
        bad.append(f'page {p}: even page number not on the left ({x_max:.0f})')
    dashes = [w for w in words if w[4] == '—' and abs(float(w[1]) - float(number[0][1])) < 3]
    if len(dashes) != 2:
        bad.append(f'page {p}: the number is not between two em dashes')
check(not bad, 'page numbers “— N —” on the outer side of every page', '; '.join(bad))

# GB/T 9704 margins, printed on both sides: the type area starts 28 mm from
# the binding edge, on the left of odd pages and the right of even ones.
mm = 72 / 25.4
edges = []
for p in (1, 2):
    html = run('pdftotext', '-bbox', '-f', str(p), '-l', str(p), pdf, '-')
    xs = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', html)]
    edges.append(min(xs))
check(abs(edges[0] - 28 * mm) < 1.5 and abs(edges[1] - 26 * mm) < 1.5,
      'type area 28 mm from the binding edge (odd pages left, even pages right)',
      f'left edges {edges[0] / mm:.1f} mm, {edges[1] / mm:.1f} mm')

# Head rows repeat: every page with rows of table 3 shows its head.
t3_rows = [p for p, text in enumerate(page_texts, 1) if '本年度办理结果' in text or '结转下年度继续办理' in text]
no_head = [p for p in t3_rows if '申请人情况' not in page_texts[p - 1] or '社会公益组织' not in page_texts[p - 1]]
check(len(t3_rows) >= 2 and not no_head,
      f'table 3 spans pages {t3_rows} and repeats its head rows on each', f'no head on {no_head}')

# Text the report fonts cannot all draw: right-to-left runs (drawn with
# backward clusters) and a character no font has (drawn as a box, its text
# still in the PDF).  The text around them, and theirs, must come back out.
odd = json.loads(json.dumps(sample))
odd_text = '前文ABC שלום עולם 中文，未知字符\u0378在此，后文。'
odd['sections'].setdefault('other', []).append({'level': 0, 'runs': [{'text': odd_text}]})
odd_path = os.path.join(tmp, 'odd.nianbao')
with open(odd_path, 'w', encoding='utf-8') as f:
    json.dump(odd, f, ensure_ascii=False)
odd_pdf = os.path.join(tmp, 'odd.pdf')
proc = subprocess.run([NIANBAO, '--export', 'pdf', '-o', odd_pdf, odd_path],
                      capture_output=True, text=True)
check(proc.returncode == 0 and os.path.getsize(odd_pdf) > 0,
      'a report with right-to-left text and a missing character exports', proc.stderr)
check('U+0378 in “' in proc.stderr and '未知字符□在此' in proc.stderr
      and 'no installed font' in proc.stderr,
      'the export warns of the character that prints as a box, with where it is', proc.stderr)
if proc.returncode == 0:
    odd_raw = squash(run('pdftotext', '-raw', odd_pdf, '-'))
    lost = [c for c in squash(odd_text) if c not in odd_raw]
    check('前文ABC' in odd_raw and '后文。' in odd_raw and not lost,
          'its text comes back out of the PDF, right-to-left and missing characters too',
          f'lost: {lost!r}')

print(f'1..{len(results)}')
for i, (ok, name, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print(f'# {line}')
