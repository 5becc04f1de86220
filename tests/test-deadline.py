#!/usr/bin/env python3
"""The publication deadline in `nianbao --check` (issue 19), with a fixed
"today" (--today), and the agency level and publication date in the file."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

NIANBAO = os.environ.get("NIANBAO", "nianbao")
TOP = os.environ.get("NB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SUMMARY = re.compile(r"^Checked (\d+) of (\d+) files: (\d+) errors, (\d+) warnings, (\d+) unreadable$", re.M)


def run(*args, language="C", extra_env=None):
    env = dict(os.environ, **(extra_env or {}))
    env["LANGUAGE"] = language
    # The uninstalled build's translations.
    if "NB_BUILD_DIR" in os.environ:
        env["NIANBAO_LOCALEDIR"] = os.path.join(os.environ["NB_BUILD_DIR"], "po")
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, env=env, timeout=60)


class Deadline(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-deadline-")
        with open(os.path.join(TOP, "data", "samples", "sample-2022.nianbao"), encoding="utf-8") as f:
            self.data = json.load(f)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def report(self, name, **metadata):
        data = json.loads(json.dumps(self.data))
        data["metadata"].update(metadata)
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        return path

    def deadline(self, path, today, language="C"):
        r = run("--check", "--today", today, path, language=language)
        self.assertEqual(r.returncode, 0, r.stderr)  # a deadline is never an error
        lines = [l for l in r.stdout.splitlines() if "[DEADLINE]" in l]
        summary = SUMMARY.search(r.stdout)
        return lines, int(summary.group(4)) if summary else None

    def test_department(self):
        path = self.report("d.nianbao", level="department")
        _, base = self.deadline(path, "2022-12-01")
        lines, w = self.deadline(path, "2022-12-01")
        self.assertEqual(lines, [path + ": note: [DEADLINE] Due by 31 January 2023"])
        lines, w = self.deadline(path, "2023-01-16")
        self.assertEqual(lines, [path + ": note: [DEADLINE] Due by 31 January 2023"])
        self.assertEqual(w, base)
        lines, w = self.deadline(path, "2023-01-17")  # 14 days before
        self.assertEqual(lines, [path + ": warning: [DEADLINE] Due by 31 January 2023: 14 days left"])
        self.assertEqual(w, base + 1)
        lines, _ = self.deadline(path, "2023-01-31")
        self.assertEqual(lines, [path + ": warning: [DEADLINE] Due today, 31 January 2023"])
        lines, _ = self.deadline(path, "2023-02-01")
        self.assertEqual(lines, [path + ": warning: [DEADLINE] Was due by 31 January 2023: 1 day overdue"])

    def test_government(self):
        path = self.report("g.nianbao", level="government")
        lines, _ = self.deadline(path, "2023-01-31")
        self.assertEqual(lines, [path + ": note: [DEADLINE] Due by 31 March 2023"])
        lines, _ = self.deadline(path, "2023-03-20", language="zh_CN")
        self.assertEqual(len(lines), 1)
        self.assertIn("2023年3月31日", lines[0])
        self.assertIn("11", lines[0])

    def test_no_level_no_deadline(self):
        path = self.report("n.nianbao")
        lines, _ = self.deadline(path, "2023-01-31")
        self.assertEqual(lines, [])

    def test_published(self):
        path = self.report("p.nianbao", level="department", published="2023-01-20")
        lines, _ = self.deadline(path, "2023-03-01")
        self.assertEqual(lines, [path + ": note: [DEADLINE] Published on 20 January 2023"])

    def test_csv_summary_counts_the_warning(self):
        path = self.report("c.nianbao", level="department")
        r = run("--check", "--format=summary-csv", "--today", "2023-01-30", path)
        self.assertEqual(r.returncode, 0)
        row = r.stdout.splitlines()[1].split(",")
        self.assertEqual(row[-1], "warnings")

    def test_environment_is_not_read(self):
        """Only --today fixes the date: the program reads no NB_TODAY from
        its environment (it did once, a test switch in what ships)."""
        path = self.report("e.nianbao", level="department")
        clock = run("--check", path)
        fixed = run("--check", path, extra_env={"NB_TODAY": "2023-01-17"})
        self.assertEqual(clock.returncode, 0, clock.stderr)
        self.assertEqual(fixed.stdout, clock.stdout)
        self.assertNotIn("14 days left", fixed.stdout)

    def test_bad_today(self):
        r = run("--check", "--today", "31.1.2023", self.report("x.nianbao"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("YYYY-MM-DD", r.stderr)

    def test_file_round_trip(self):
        """Optional members: written only when set, read back, bad values refused by name."""
        path = self.report("r.nianbao", level="government", published="2023-03-02")
        out = os.path.join(self.dir, "next.nianbao")
        r = run("--next-year", "-o", out, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            meta = json.load(f)["metadata"]
        # The level carries over to next year's report; the publication does not.
        self.assertEqual(meta["level"], "government")
        self.assertNotIn("published", meta)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["version"], 1)
        for member, value, message in (("level", "township", "metadata.level"),
                                       ("level", 3, "metadata.level"),
                                       ("published", "2023-02-30", "metadata.published"),
                                       ("published", "20230101", "metadata.published")):
            bad = self.report("bad.nianbao", **{member: value})
            r = run("--check", bad)
            self.assertEqual(r.returncode, 2, (member, value))
            self.assertIn(message, r.stderr)

    def test_stamp_every_format(self):
        """--stamp-published ends every format that carries the text with the
        edition's stamp; without it, no stamp; a CSV has no text and is refused."""
        path = self.report("p.nianbao", level="department", published="2023-01-20")
        stamp = "本报告于2023年1月20日公开发布"

        def text_of(fmt, out):
            if fmt == "txt":
                with open(out, encoding="utf-8") as f:
                    return f.read()
            if fmt == "docx":
                import zipfile
                with zipfile.ZipFile(out) as z:
                    return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
            if fmt == "pdf":
                return subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True,
                                      check=True).stdout
            with open(out, encoding="utf-8") as f:  # html
                return f.read()

        for fmt in ("txt", "docx", "pdf", "html"):
            for stamped in (True, False):
                out = os.path.join(self.dir, "out-%s.%s" % (stamped, fmt))
                r = run("--export", fmt, *(["--stamp-published"] if stamped else []), "-o", out, path)
                self.assertEqual(r.returncode, 0, r.stderr)
                text = text_of(fmt, out)
                if stamped:
                    self.assertIn(stamp, text, fmt)
                    if fmt == "txt":  # the last words of the text
                        self.assertTrue(text.rstrip().endswith(stamp), text[-200:])
                else:
                    self.assertNotIn(stamp, text, fmt)
        r = run("--export", "csv", "--stamp-published", "-o", os.path.join(self.dir, "p.csv"), path)
        self.assertEqual(r.returncode, 2)
        self.assertIn("CSV", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
