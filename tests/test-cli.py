#!/usr/bin/env python3
"""The command line: exit codes and output formats, with no display."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

NIANBAO = os.environ.get("NIANBAO", "nianbao")
FINDING = re.compile(r"^(?P<file>.+): (?P<severity>error|warning): \[(?P<rule>[A-Z0-9-]+)\] "
                     r"(?P<table>\S+) (?P<row>\S+) (?P<column>\S+): (?P<message>.+)$")
SUMMARY = re.compile(r"^Checked (\d+) of (\d+) files: (\d+) errors, (\d+) warnings, (\d+) unreadable$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def run(*args, **kwargs):
    env = dict(os.environ)
    # No display at all: the command line must not need one.
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    env["LANGUAGE"] = "C"
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, env=env,
                          timeout=60, **kwargs)


class Cli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def findings(self, out):
        lines = [l for l in out.splitlines() if FINDING.match(l)]
        return [FINDING.match(l).groupdict() for l in lines]

    def test_version_and_help(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.strip(), r"^nianbao \d+\.\d+\.\d+$")
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for option in ("--check", "--export", "--new", "--output", "--edition", "--year"):
            self.assertIn(option, r.stdout)
        r = run("--no-such-option")
        self.assertNotEqual(r.returncode, 0)

    def test_check_sample(self):
        r = run("--check", "--sample")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        found = self.findings(r.stdout)
        # The sample's one text defect: half-width commas in 五 (no TEXT-* finding)
        self.assertEqual([f["rule"] for f in found], ["SECTION-LENGTH", "PROOF-PUNCT"])
        self.assertTrue(all(f["severity"] == "warning" for f in found))
        self.assertEqual((found[0]["table"], found[0]["row"]), ("section", "overview"))
        # each at its place: paragraph and characters
        self.assertEqual(found[0]["column"], "p6:222")
        self.assertEqual(found[1]["column"], "p1:26-26")
        summary = [l for l in r.stdout.splitlines() if SUMMARY.match(l)]
        self.assertEqual(summary, ["Checked 1 of 1 files: 0 errors, 2 warnings, 0 unreadable"])

    def test_check_narrative(self):
        # a figure in the text the tables contradict: found, with its place
        sample = load(os.path.join(os.environ.get("NB_SOURCE_DIR", "."), "data", "samples",
                                   "sample-2022.nianbao"))
        sample["sections"]["other"] = [{"level": 0, "runs": [
            {"text": "本年度无。行政处罚决定60件。"}]}]
        path = self.path("narrative.nianbao")
        save(path, sample)
        r = run("--check", path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        found = [f for f in self.findings(r.stdout) if f["rule"].startswith("TEXT-")]
        self.assertEqual([(f["rule"], f["table"], f["row"], f["column"]) for f in found],
                         [("TEXT-PROACTIVE", "section", "other", "p1:6-15")])
        self.assertIn("67", found[0]["message"])

    def test_new_then_check(self):
        out = self.path("new.nianbao")
        r = run("--new", "--edition", "2021", "--year", "2024", "--agency", "某某县交通运输局", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        data = load(out)
        self.assertEqual(data["format"], "nianbao")
        self.assertEqual(data["edition"], "2021")
        self.assertEqual(data["metadata"]["year"], 2024)
        self.assertEqual(data["metadata"]["agency"], "某某县交通运输局")
        # an empty report has errors: exit 1, each finding in the documented form
        r = run("--check", out)
        self.assertEqual(r.returncode, 1, r.stdout)
        found = self.findings(r.stdout)
        rules = {f["rule"] for f in found}
        self.assertTrue({"SECTION-EMPTY", "TABLE-EMPTY"} <= rules, rules)
        self.assertTrue(all(f["file"] == out for f in found))
        self.assertTrue(r.stdout.splitlines()[-1].startswith("Checked 1 of 1 files: "))
        # never overwrite an existing file
        before = read_bytes(out)
        r = run("--new", "--year", "2025", "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(read_bytes(out), before)
        # the edition follows the year when not given
        out2019 = self.path("old.nianbao")
        self.assertEqual(run("--new", "--year", "2020", "-o", out2019).returncode, 0)
        self.assertEqual(load(out2019)["edition"], "2019")
        self.assertEqual(run("--new", "--edition", "2018", "-o", self.path("x.nianbao")).returncode, 2)

    def test_check_cell_findings(self):
        sample = self.path("sample.nianbao")
        shutil.copy(os.path.join(os.environ["NB_SOURCE_DIR"], "data", "samples", "sample-2022.nianbao"), sample)
        data = load(sample)
        data["tables"]["t3"]["new/natural"] = 5          # 一 ≠ 三 + 四 now, and the row total is off
        data["tables"]["t4"]["cases/review_total"] = 2
        save(sample, data)
        r = run("--check", sample)
        self.assertEqual(r.returncode, 1)
        found = {(f["rule"], f["table"], f["row"], f["column"]) for f in self.findings(r.stdout)}
        self.assertIn(("T3-BALANCE", "t3", "new", "natural"), found)
        self.assertIn(("T3-ROW-TOTAL", "t3", "new", "total"), found)
        self.assertIn(("T4-REVIEW-TOTAL", "t4", "cases", "review_total"), found)

    def test_check_csv_rows(self):
        """--format=csv: one row per finding, its place in columns, the same
        findings as the text output; --format=summary-csv: a row per file."""
        data = load(os.path.join(os.environ["NB_SOURCE_DIR"], "data", "samples", "sample-2022.nianbao"))
        data["tables"]["t3"]["new/natural"] = 5
        data["sections"]["other"] = [{"level": 0, "runs": [{"text": "本年度无。行政处罚决定60件。"}]}]
        data["metadata"]["agency"] = "某局,\"甲\""
        path = self.path("a,\"b\".nianbao")
        save(path, data)
        bad = self.path("bad.nianbao")
        with open(bad, "w") as f:
            f.write("{\"format\": \"nianbao\"")
        r = run("--check", "--format=csv", path, bad)
        self.assertEqual(r.returncode, 2, r.stderr)
        rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
        self.assertEqual(rows[0], ["file", "rule", "severity", "section", "table", "row", "column",
                                   "paragraph", "characters", "field", "location", "message"])
        self.assertTrue(all(len(row) == 12 for row in rows), rows)
        text = run("--check", path)
        expected = [(f["file"], f["rule"], f["severity"], " ".join((f["table"], f["row"], f["column"])),
                     f["message"]) for f in self.findings(text.stdout)]
        good = [row for row in rows[1:] if row[0] == path]
        self.assertEqual([(r[0], r[1], r[2], r[10], r[11]) for r in good], expected)
        self.assertGreater(len(good), 3)
        by_rule = {row[1]: row for row in good}
        self.assertEqual(by_rule["T3-BALANCE"][3:10], ["", "t3", "new", "natural", "", "", ""])
        self.assertEqual(by_rule["TEXT-PROACTIVE"][3:10], ["other", "t2", "", "", "1", "6-15", ""])
        # the file that could not be read is a row too, and is named on stderr
        self.assertEqual([row[1:3] for row in rows[1:] if row[0] == bad], [["UNREADABLE", "error"]])
        self.assertIn(bad + ": ", r.stderr)
        # the per-file summary, as before
        r = run("--check", "--format=summary-csv", path)
        rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
        self.assertEqual(rows[0], ["file", "agency", "year", "edition", "errors", "warnings", "status"])
        self.assertEqual(rows[1][:2], [path, "某局,\"甲\""])
        self.assertEqual(rows[1][-1], "errors")
        self.assertEqual(len(rows), 2)
        r = run("--check", "--format=xml", path)
        self.assertEqual(r.returncode, 2)
        self.assertIn("summary-csv", r.stderr)

    def test_unreadable(self):
        bad = self.path("bad.nianbao")
        with open(bad, "w") as f:
            f.write("{\"format\": \"nianbao\", \"version\": 1, \"edition\": \"2021\", \"metadata\": {")
        r = run("--check", bad, "--sample")
        self.assertEqual(r.returncode, 2)
        self.assertIn(bad + ": ", r.stderr)
        self.assertIn("cut off", r.stderr)
        self.assertIn("Checked 1 of 2 files", r.stdout)
        r = run("--check", self.path("missing.nianbao"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.nianbao", r.stderr)
        self.assertEqual(run("--check").returncode, 2)

    def test_check_folder(self):
        sub = self.path("dept")
        os.makedirs(os.path.join(sub, "inner"))
        for name in ("a.nianbao", os.path.join("inner", "b.nianbao")):
            self.assertEqual(run("--new", "--year", "2023", "--agency", "局", "-o", os.path.join(sub, name)).returncode, 0)
        with open(os.path.join(sub, "notes.txt"), "w") as f:
            f.write("not a report")
        r = run("--check", sub)
        self.assertEqual(r.returncode, 1)
        files = {f["file"] for f in self.findings(r.stdout)}
        self.assertEqual(files, {os.path.join(sub, "a.nianbao"), os.path.join(sub, "inner", "b.nianbao")})

    def test_previous_year(self):
        last = self.path("2021.nianbao")
        this = self.path("2022.nianbao")
        shutil.copy(os.path.join(os.environ["NB_SOURCE_DIR"], "data", "samples", "sample-2022.nianbao"), this)
        data = load(this)
        data["metadata"]["year"] = 2021
        data["tables"]["t3"]["carry_forward/natural"] = 3
        data["tables"]["t3"]["new/natural"] = 3
        data["tables"]["t3"]["new/total"] = 3
        data["tables"]["t3"]["carry_forward/total"] = 3
        save(last, data)
        r = run("--check", "--previous", last, this)
        self.assertEqual(r.returncode, 0, r.stdout)   # cross-year findings are warnings
        found = {(f["rule"], f["row"], f["column"]) for f in self.findings(r.stdout)}
        self.assertIn(("X-CARRY-OVER", "carried_over", "natural"), found)
        self.assertEqual(run("--check", "--previous", self.path("nope"), this).returncode, 2)

    def test_export_csv(self):
        out = self.path("values.csv")
        r = run("--export", "csv", "-o", out, "--sample")
        self.assertEqual(r.returncode, 0, r.stderr)
        raw = read_bytes(out)
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel/WPS")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[0], ["table", "row_id", "column_id", "row_label", "column_label", "value"])
        body = rows[1:]
        self.assertEqual(len(body), 10 + 175 + 15)
        by_key = {(r[0], r[1], r[2]): r for r in body}
        self.assertEqual(by_key[("t2", "penalty", "decisions")][5], "67")
        self.assertEqual(by_key[("t2", "fees", "fee_amount")][5], "27.2500")
        self.assertEqual(by_key[("t2", "fees", "fee_amount")][3], "行政事业性收费")
        self.assertEqual(by_key[("t3", "withheld_secret", "total")][4], "申请人情况 总计")
        # an empty report: every value field empty, not 0
        new = self.path("new.nianbao")
        run("--new", "--year", "2023", "-o", new)
        r = run("--export", "csv", "-o", "-", new)
        self.assertEqual(r.returncode, 0)
        rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"), newline="")))
        self.assertTrue(all(row[5] == "" for row in rows[1:]))

    def test_export_errors(self):
        r = run("--export", "nosuch", "-o", self.path("x"), "--sample")
        self.assertEqual(r.returncode, 2)
        self.assertIn("nosuch", r.stderr)
        self.assertEqual(run("--export", "csv", "--sample").returncode, 2)   # no -o
        # the output never overwrites the input
        new = self.path("r.nianbao")
        run("--new", "--year", "2023", "-o", new)
        before = read_bytes(new)
        self.assertEqual(run("--export", "csv", "-o", new, new).returncode, 2)
        self.assertEqual(read_bytes(new), before)
        # an unwritable destination: a clear error, exit 1
        r = run("--export", "csv", "-o", "/nonexistent-folder/x.csv", "--sample")
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent-folder/x.csv", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
