#!/usr/bin/env python3
"""nianbao --import and --next-year: exit codes, the printed import report, files."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

NIANBAO = os.environ.get("NIANBAO", "nianbao")
SOURCE = os.environ.get("NB_SOURCE_DIR", ".")
SAMPLE_TXT = os.path.join(SOURCE, "tests", "data", "samples", "2022-urban-management-bureau.txt")


def run(*args):
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    env["LANGUAGE"] = "C"
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, env=env, timeout=60)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class ImportCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-import-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_sample_text(self):
        out = self.path("sample.nianbao")
        result = run("--import", SAMPLE_TXT, "-o", out)
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stdout.splitlines()
        extra = [l for l in lines if "[ROW-EXTRA-VALUES]" in l]
        self.assertEqual(len(extra), 3, result.stdout)
        self.assertIn("line 70: error: [ROW-EXTRA-VALUES]", extra[0])
        self.assertIn("line 71: error: [ROW-EXTRA-VALUES]", extra[1])
        self.assertIn("line 78: error: [ROW-EXTRA-VALUES]", extra[2])
        self.assertIn("edition 2021", lines[0])
        self.assertEqual(lines[-1], "3 findings")
        data = load(out)
        self.assertEqual(data["edition"], "2021")
        self.assertEqual(data["metadata"]["agency"], "漯河回族区城市管理局")
        self.assertEqual(data["metadata"]["year"], 2022)
        self.assertEqual(data["metadata"]["fee_decimals"], 4)
        self.assertEqual(data["tables"]["t2"]["fees/fee_amount"], "27.25")
        self.assertEqual(data["tables"]["t2"]["penalty/decisions"], 67)
        self.assertEqual(run("--check", out).returncode, 0)

    def test_agency_as_published(self):
        with open(SAMPLE_TXT, encoding="utf-8") as f:
            text = f.read()
        title = "漯河回族区城市管理局2022年"
        self.assertIn(title, text)
        src = self.path("spaced.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(text.replace(title, "漯河回族区  城市管理局（Urban Management）2022年", 1))
        out = self.path("spaced.nianbao")
        result = run("--import", src, "-o", out)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("agency “漯河回族区 城市管理局（Urban Management）”", result.stdout.splitlines()[0])
        self.assertEqual(load(out)["metadata"]["agency"], "漯河回族区 城市管理局（Urban Management）")

    def test_clean_round_trip(self):
        for fmt in ("txt", "html", "docx"):
            exported = self.path("sample." + fmt)
            self.assertEqual(run("--export", fmt, "--sample", "-o", exported).returncode, 0)
            out = self.path(fmt + ".nianbao")
            result = run("--import", exported, "-o", out)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(result.stdout.splitlines()[-1], "0 findings")
            self.assertEqual(load(out)["tables"]["t2"]["penalty/decisions"], 67)

    def test_page_footer_listed(self):
        """A saved web page: the site's footer after section 六 is not its text; one finding names it."""
        exported = self.path("sample.html")
        self.assertEqual(run("--export", "html", "--sample", "-o", exported).returncode, 0)
        with open(exported, encoding="utf-8") as f:
            page = f.read()
        footer = ('<div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>'
                  '<div id="footer"><p>版权所有：示范县人民政府　主办单位：示范县人民政府办公室</p>'
                  '<p>网站标识码：1234000001　豫ICP备12345678号</p>'
                  '<p><a>联系我们</a> | <a>网站地图</a></p><p>您是本站第 123456 位访客</p></div>')
        self.assertIn("</article>", page)
        saved = self.path("saved.html")
        with open(saved, "w", encoding="utf-8") as f:
            f.write(page.replace("</article>", "</article>" + footer, 1))
        out = self.path("saved.nianbao")
        result = run("--import", saved, "-o", out)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)  # findings
        # one finding for the footer, naming its five parts in order
        dropped = [l for l in result.stdout.splitlines() if "[TEXT-AFTER-END]" in l]
        self.assertEqual(len(dropped), 1, result.stdout)
        self.assertIn(": warning: [TEXT-AFTER-END]", dropped[0])
        self.assertIn("(5 parts)", dropped[0])
        places = [dropped[0].index(text) for text in
                  ("打印本页", "版权所有", "网站标识码", "网站地图", "123456 位访客")]
        self.assertEqual(places, sorted(places))
        self.assertEqual(result.stdout.splitlines()[-1], "1 finding")
        other = load(out)["sections"]["other"]
        self.assertEqual([r["text"] for p in other for r in p["runs"]], ["无"])

    def test_stdout(self):
        exported = self.path("sample.html")
        self.assertEqual(run("--export", "html", "--sample", "-o", exported).returncode, 0)
        result = run("--import", exported, "-o", "-")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["format"], "nianbao")
        self.assertIn("0 findings", result.stderr)

    def test_unreadable_keeps_existing_output(self):
        out = self.path("keep.nianbao")
        with open(out, "w") as f:
            f.write("precious")
        cases = {
            "junk.txt": b"\x00\x01\xff\xfe binary \x00\x80",
            "junk.html": b"\x00\x00\x00\x00\xff",
            "junk.docx": b"PK\x03\x04 this is no zip",
            "empty.txt": b"",
        }
        for name, data in cases.items():
            src = self.path(name)
            with open(src, "wb") as f:
                f.write(data)
            result = run("--import", src, "-o", out)
            self.assertEqual(result.returncode, 2, name)
            self.assertTrue(result.stderr.strip(), name)
            self.assertNotIn("Traceback", result.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "precious", name)

    def test_zip_without_document(self):
        src = self.path("notword.docx")
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/styles.xml", "<styles/>")
        out = self.path("x.nianbao")
        result = run("--import", src, "-o", out)
        self.assertEqual(result.returncode, 2)
        self.assertIn("word/document.xml", result.stderr)
        self.assertFalse(os.path.exists(out))

    def test_missing_file(self):
        result = run("--import", self.path("nope.txt"), "-o", self.path("x.nianbao"))
        self.assertEqual(result.returncode, 2)
        self.assertFalse(os.path.exists(self.path("x.nianbao")))

    def test_next_year(self):
        old = self.path("2022.nianbao")
        new = self.path("2023.nianbao")
        self.assertEqual(run("--export", "txt", "--sample", "-o", self.path("s.txt")).returncode, 0)
        self.assertEqual(run("--import", self.path("s.txt"), "-o", old).returncode, 0)
        data = load(old)
        data["tables"]["t3"]["carry_forward/natural"] = 4
        data["tables"]["t3"]["carry_forward/total"] = 4
        data["tables"]["t3"]["results_total/natural"] = 0
        with open(old, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)

        result = run("--next-year", "-o", new, old)
        self.assertEqual(result.returncode, 0, result.stderr)
        data = load(new)
        self.assertEqual(data["metadata"]["year"], 2023)
        self.assertEqual(data["metadata"]["agency"], "漯河回族区城市管理局")
        self.assertEqual(data["tables"]["t3"]["carried_over/natural"], 4)
        self.assertEqual(data["sections"]["problems"], [])
        self.assertEqual(data["reference"]["metadata"]["year"], 2022)

        # The reference is used by --check: a changed carry-over is flagged.
        data["tables"]["t3"]["carried_over/natural"] = 5
        with open(new, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        self.assertIn("[X-CARRY-OVER]", run("--check", new).stdout)

        # Never over an existing file.
        with open(new, "rb") as f:
            before = f.read()
        self.assertEqual(run("--next-year", "-o", new, old).returncode, 2)
        with open(new, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(run("--next-year", old).returncode, 2)
        self.assertEqual(run("--next-year", "-o", self.path("y.nianbao")).returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
