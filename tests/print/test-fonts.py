#!/usr/bin/env python3
# The official fonts (issue 18), found through fontconfig under any of
# their names, and named when missing: on --export pdf, ofd and docx the
# command line says once which official font is missing, what prints in
# its place and how to get it.  Each case runs with a private fontconfig
# configuration (FONTCONFIG_FILE): the system's fonts, plus scan-time rules
# that give a free font an official family name as a second name, which is
# how a real office font carries "仿宋_GB2312" beside "FangSong_GB2312".
# Nothing is installed for real: the "installed" fonts here are those
# renamed faces.
import os
import re
import subprocess
import sys
import tempfile
import zipfile

NIANBAO = os.environ['NIANBAO']
OFFICIAL = ['宋体', '仿宋_GB2312', '楷体_GB2312', '黑体', '方正小标宋简体']
results = []


def check(ok, name, detail=''):
    results.append((bool(ok), name, str(detail)[:1500]))


def config(tmp, name, dirs, aliases):
    """A fonts.conf over @dirs whose fonts of family F also answer to each
    name in aliases[F]; its own cache, so the rules apply at scan time."""
    rules = ''.join(
        f'<match target="scan"><test name="family"><string>{family}</string></test>'
        f'<edit name="family" mode="append_last"><string>{alias}</string></edit></match>'
        for family, names in aliases.items() for alias in names)
    folder = os.path.join(tmp, name)
    os.makedirs(folder)
    path = os.path.join(folder, 'fonts.conf')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                '<fontconfig>' + ''.join(f'<dir>{d}</dir>' for d in dirs)
                + f'<cachedir>{folder}/cache</cachedir>{rules}</fontconfig>')
    return path


def export(fmt, fonts_conf, out):
    env = dict(os.environ, FONTCONFIG_FILE=fonts_conf)
    return subprocess.run([NIANBAO, '--export', fmt, '-o', out, '--sample'], env=env,
                          capture_output=True, text=True)


def main():
    noto = '/usr/share/fonts/opentype/noto'
    kai = '/usr/share/fonts/truetype/arphic-gkai00mp'
    if not os.path.isdir(noto) or not os.path.isdir(kai):
        print('1..0 # SKIP fonts-noto-cjk or fonts-arphic-gkai00mp is not installed')
        return
    tmp = tempfile.mkdtemp(prefix='nianbao-fonts-')

    # No official font at all.
    plain = config(tmp, 'plain', [noto, kai], {})
    for fmt in ('pdf', 'ofd', 'docx'):
        proc = export(fmt, plain, os.path.join(tmp, 'plain.' + fmt))
        check(proc.returncode == 0, f'--export {fmt} succeeds without the official fonts',
              proc.stderr)
        for name in OFFICIAL:
            check(proc.stderr.count(name + ' is not installed') == 1,
                  f'--export {fmt} names the missing {name} once', proc.stderr)
        check('printed in AR PL KaitiM GB instead' in proc.stderr
              and 'printed in Noto Serif CJK SC Bold instead' in proc.stderr,
              f'--export {fmt} names the substitutes', proc.stderr)
        check('~/.local/share/fonts' in proc.stderr and 'UOS' in proc.stderr,
              f'--export {fmt} says how to get the official fonts', proc.stderr)
    for fmt in ('csv', 'html', 'txt'):
        proc = export(fmt, plain, os.path.join(tmp, 'plain.' + fmt))
        check(proc.returncode == 0 and 'is not installed' not in proc.stderr,
              f'--export {fmt}, which names no fonts, says nothing of them', proc.stderr)

    # 楷体_GB2312 "installed" as the second name of a font: found.
    one = config(tmp, 'kai', [noto, kai], {'AR PL KaitiM GB': ['楷体_GB2312']})
    proc = export('pdf', one, os.path.join(tmp, 'kai.pdf'))
    check('楷体_GB2312' not in proc.stderr and '仿宋_GB2312 is not installed' in proc.stderr,
          'a font whose second family name is 楷体_GB2312 counts as installed', proc.stderr)

    # Every official font "installed": not a word.
    every = config(tmp, 'every', [noto, kai], {
        'Noto Serif CJK SC': ['宋体', '仿宋_GB2312', '方正小标宋简体'],
        'Noto Sans CJK SC': ['黑体'],
        'AR PL KaitiM GB': ['楷体_GB2312'],
    })
    for fmt in ('pdf', 'ofd'):
        proc = export(fmt, every, os.path.join(tmp, 'every.' + fmt))
        check(proc.returncode == 0 and 'is not installed' not in proc.stderr,
              f'--export {fmt} with every official font installed warns of none', proc.stderr)

    # No 楷体 of any kind: level-2 headings are still not body text.
    no_kai = config(tmp, 'no-kai', [noto], {})
    out = os.path.join(tmp, 'no-kai.ofd')
    proc = export('ofd', no_kai, out)
    check('楷体_GB2312 is not installed: printed in Noto Serif CJK SC Bold instead' in proc.stderr,
          'without any 楷体, level-2 headings print in the body face, bold', proc.stderr)
    pages = [zipfile.ZipFile(out).read(n).decode() for n in zipfile.ZipFile(out).namelist()
             if n.endswith('Content.xml')]
    heading = [m for p in pages for m in re.findall(r'<ofd:TextObject [^>]*>(?:(?!</ofd:TextObject>).)*'
                                                     r'（一）高度重视', p)]
    check(heading and 'Weight="700"' in heading[0],
          'the level-2 heading is bold in the OFD', heading[:1])

    print(f'1..{len(results)}')
    for i, (ok, name, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}')
        if not ok and detail:
            for line in detail.splitlines():
                print(f'# {line}')


main()
