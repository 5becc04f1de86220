#!/usr/bin/env python3
"""Batch review, 汇总 and comparison on the command line (issue 9).

The merge test adds up generated reports and compares every cell with
totals computed here, independently, from the generated JSON."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import unittest
from decimal import Decimal

NIANBAO = os.environ.get("NIANBAO", "nianbao")
HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen-reports.py")
FINDING = re.compile(r"^(?P<file>.+): (?P<severity>error|warning): \[(?P<rule>[A-Z0-9-]+)\] ")
CHECKED = re.compile(r"^Checked (\d+) of (\d+) files: (\d+) errors, (\d+) warnings, (\d+) unreadable$")
MONEY_SCALE = 10 ** 6


def run(*args):
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    env["LANGUAGE"] = "C"
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, env=env, timeout=120)


def generate(out, *args):
    subprocess.run([sys.executable, GEN, out, *args], check=True, timeout=120)
    return sorted(os.path.join(out, n) for n in os.listdir(out))


def width(text):
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def exact(value):
    """A stored value as an integer: counts as they are, money in millionths."""
    if isinstance(value, str):
        scaled = Decimal(value) * MONEY_SCALE
        assert scaled == int(scaled), value
        return ("money", int(scaled))
    return ("count", value)


class Batch(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-batch-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, *names):
        return os.path.join(self.dir, *names)

    def test_check_order_with_workers(self):
        # Every core checks, but the output keeps the order of the files:
        # findings and summary rows as one core would print them.
        files = generate(self.path("in"), "--count", "60", "--bad", "60")
        r = run("--check", "--format=summary-csv", self.path("in"))
        rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
        self.assertEqual([row[0] for row in rows[1:]], files)
        r = run("--check", self.path("in"))
        named = [FINDING.match(l).group("file") for l in r.stdout.splitlines() if FINDING.match(l)]
        self.assertEqual(sorted(set(named)), files)
        self.assertEqual(named, sorted(named))
        self.assertIn("Checked 60 of 60 files", r.stdout)

    def test_check_workers_follow_affinity(self):
        # One worker per core the process may use: GLib 2.74 counts every
        # online core, so under taskset the workers only took turns.
        generate(self.path("in"), "--count", "8")
        env = dict(os.environ, G_MESSAGES_DEBUG="nb-cli", LANGUAGE="C")
        workers = re.compile(r"worker threads: (\d+)")

        def count(cpus):
            r = subprocess.run([NIANBAO, "--check", self.path("in")], capture_output=True, text=True,
                               env=env, timeout=120, preexec_fn=lambda: os.sched_setaffinity(0, cpus))
            found = workers.search(r.stdout + r.stderr)
            self.assertIsNotNone(found, "no worker count in the debug output")
            return int(found.group(1))

        allowed = sorted(os.sched_getaffinity(0))
        self.assertEqual(count({allowed[0]}), 1)
        self.assertEqual(count(set(allowed)), min(len(allowed), 8))

    def test_check_folder_tree(self):
        # Subfolders are checked (one named like a report too), in path
        # order; a link to a folder is not followed but named as unreadable,
        # a link to a report is read, other files are left alone.
        one = generate(self.path("gen"), "--count", "1")[0]
        for rel in ("b.nianbao", "sub/c.nianbao", "sub/deeper/d.nianbao", "a.nianbao/e.nianbao"):
            os.makedirs(os.path.dirname(self.path("in", rel)), exist_ok=True)
            shutil.copy(one, self.path("in", rel))
        os.symlink(self.path("in", "sub"), self.path("in", "link.nianbao"))
        os.symlink(self.path("in", "sub"), self.path("in", "linkdir"))
        os.symlink(self.path("in", "b.nianbao"), self.path("in", "f.nianbao"))
        with open(self.path("in", "notes.txt"), "w") as f:
            f.write("not a report")
        r = run("--check", "--format=summary-csv", self.path("in"))
        rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
        self.assertEqual([(row[0][len(self.path("in")) + 1:], row[6]) for row in rows[1:]],
                         [("a.nianbao/e.nianbao", "ok"), ("b.nianbao", "ok"), ("f.nianbao", "ok"),
                          ("link.nianbao", "unreadable"), ("sub/c.nianbao", "ok"),
                          ("sub/deeper/d.nianbao", "ok")])

    def test_check_summary_table(self):
        files = generate(self.path("in"), "--count", "4", "--bad", "1")
        with open(self.path("in", "broken.nianbao"), "w") as f:
            f.write("{\"format\": \"nianbao\"")
        r = run("--check", self.path("in"))
        self.assertEqual(r.returncode, 2, r.stderr)  # one file unreadable
        lines = r.stdout.splitlines()
        self.assertRegex(lines[-1], CHECKED)
        self.assertEqual(CHECKED.match(lines[-1]).groups(), ("4", "5", "2", "0", "1"))
        header = next(i for i, l in enumerate(lines) if l.split()[:2] == ["File", "Agency"])
        # Findings first, then the table, then the final line.
        self.assertTrue(all(FINDING.match(l) for l in lines[:header] if l))
        self.assertTrue(any(FINDING.match(l) for l in lines[:header]))
        rows = [l for l in lines[header + 1:-1] if l.strip()]
        self.assertEqual(len(rows), 5)
        status_column = width(lines[header][:lines[header].index("Status")])
        by_file = {}
        for row in rows:
            cells = row.split()
            by_file[cells[0]] = cells
            # Aligned in terminal columns, Chinese agency names included.
            self.assertEqual(width(row[:row.rindex(" ") + 1]), status_column, row)
        first = by_file[files[0]]
        self.assertEqual(first[1:], ["县直部门00001", "2023", "2021", "2", "0", "errors"])
        self.assertEqual(by_file[files[1]][-3:], ["0", "0", "ok"])
        self.assertEqual(by_file[self.path("in", "broken.nianbao")][-1], "unreadable")

    def test_check_csv(self):
        files = generate(self.path("in"), "--count", "3", "--bad", "1", "--prefix", "局,\"甲\"")
        r = run("--check", "--format=summary-csv", self.path("in"))
        self.assertEqual(r.returncode, 1, r.stderr)
        rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
        self.assertEqual(rows[0], ["file", "agency", "year", "edition", "errors", "warnings", "status"])
        self.assertEqual(len(rows), 4)  # nothing but the summary
        self.assertEqual(rows[1], [files[0], "局,\"甲\"00001", "2023", "2021", "2", "0", "errors"])
        self.assertEqual(rows[2][4:], ["0", "0", "ok"])
        r = run("--check", "--format=xml", self.path("in"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("xml", r.stderr)

    def test_merge_totals(self):
        files = generate(self.path("in"), "--count", "120", "--seed", "7")
        # Independent totals: every stated cell summed, money as exact decimals.
        totals = {}
        for path in files:
            for table, cells in load(path)["tables"].items():
                for key, value in cells.items():
                    kind, number = exact(value)
                    old = totals.get((table, key), (kind, 0))
                    totals[(table, key)] = (kind, old[1] + number)
        out = self.path("summary.nianbao")
        r = run("--merge", "--agency", "某县人民政府", "-o", out, self.path("in"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("120", r.stderr)
        summary = load(out)
        self.assertEqual(summary["metadata"]["agency"], "某县人民政府")
        self.assertEqual(summary["metadata"]["year"], 2023)
        self.assertEqual(summary["edition"], "2021")
        self.assertEqual(len(summary["metadata"]["sources"]), 120)
        self.assertEqual(summary["metadata"]["sources"][0], "县直部门00001 (report-00001.nianbao)")
        merged = {(t, k): exact(v) for t, cells in summary["tables"].items() for k, v in cells.items()}
        self.assertEqual(merged, totals)
        self.assertTrue(any(kind == "money" and n % MONEY_SCALE for kind, n in totals.values()))
        # Narrative sections are left to the author.
        self.assertTrue(all(p == [] for p in summary["sections"].values()))
        # The summary passes the same table checks.
        r = run("--check", out)
        rules = {m.group("rule") for m in map(FINDING.match, r.stdout.splitlines()) if m}
        self.assertTrue(rules <= {"SECTION-EMPTY", "META-CONTACT"}, rules)

    @unittest.skipUnless(os.path.exists("/usr/bin/time"), "needs GNU time")
    @unittest.skipIf("ASAN_OPTIONS" in os.environ,
                     "peak memory means nothing under AddressSanitizer: its quarantine keeps freed memory")
    def test_merge_memory_does_not_grow(self):
        """Streaming: ten times the reports, about the same peak memory."""
        generate(self.path("all"), "--count", "1000", "--seed", "3")
        os.mkdir(self.path("tenth"))
        for name in sorted(os.listdir(self.path("all")))[:100]:
            os.link(self.path("all", name), self.path("tenth", name))

        def peak_kb(folder):
            r = subprocess.run(["/usr/bin/time", "-f", "%M", NIANBAO, "--merge", "-o",
                                self.path(folder + ".nianbao"), self.path(folder)],
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            return int(r.stderr.strip().splitlines()[-1])

        small, large = peak_kb("tenth"), peak_kb("all")
        # A report held in memory costs well over 10 KB; 900 more would add
        # megabytes. The list of sources grows by ~0.5 KB a report.
        self.assertLess(large - small, 2 * 1024, (small, large))

    def test_merge_refusals_keep_old_output(self):
        generate(self.path("a"), "--count", "3", "--year", "2023")
        generate(self.path("b"), "--count", "2", "--year", "2022", "--prefix", "乡镇")
        out = self.path("summary.nianbao")
        with open(out, "w") as f:
            f.write("old summary")
        # An existing output is never replaced without --force.
        r = run("--merge", "-o", out, self.path("a"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists; use --force", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "old summary")
        os.unlink(out)
        r = run("--merge", "-o", out, self.path("a"), self.path("b"))
        self.assertEqual(r.returncode, 1)
        self.assertFalse(os.path.exists(out))
        with open(out, "w") as f:
            f.write("old summary")
        self.assertIn(self.path("b", "report-00001.nianbao"), r.stderr)
        self.assertIn(self.path("a", "report-00001.nianbao"), r.stderr)
        self.assertIn("nothing was written", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "old summary")
        # Accepting problems does not mix years.
        r = run("--merge", "--accept-problems", "--force", "-o", out, self.path("a"), self.path("b"))
        self.assertEqual(r.returncode, 1)
        with open(out) as f:
            self.assertEqual(f.read(), "old summary")

    def test_merge_duplicates_and_errors(self):
        files = generate(self.path("in"), "--count", "3", "--bad", "1")
        twin = self.path("twin.nianbao")
        shutil.copy(files[1], twin)
        out = self.path("summary.nianbao")
        r = run("--merge", "-o", out, self.path("in"), twin)
        self.assertEqual(r.returncode, 1)
        self.assertIn("T3-BALANCE", r.stderr)
        self.assertIn(files[0], r.stderr)
        self.assertIn(twin, r.stderr)
        self.assertIn("Use --accept-problems", r.stderr)
        self.assertFalse(os.path.exists(out))
        # --force only replaces the output: it lets neither problem through.
        r = run("--merge", "--force", "-o", out, self.path("in"), twin)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertFalse(os.path.exists(out))
        r = run("--merge", "--accept-problems", "-o", out, self.path("in"), twin)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr.count("warning:"), 2)
        self.assertEqual(len(load(out)["metadata"]["sources"]), 4)
        # Accepting problems does not replace an existing output.
        r = run("--merge", "--accept-problems", "-o", out, self.path("in"), twin)
        self.assertEqual(r.returncode, 2)
        self.assertIn("already exists; use --force", r.stderr)
        r = run("--merge", "--accept-problems", "--force", "-o", out, self.path("in"), twin)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_merge_overflow_and_usage(self):
        generate(self.path("in"), "--count", "2", "--big")
        out = self.path("summary.nianbao")
        r = run("--merge", "-o", out, self.path("in"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("too large", r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(run("--merge", self.path("in")).returncode, 2)  # no -o
        self.assertEqual(run("--merge", "-o", out).returncode, 2)        # no input
        self.assertIn("--force goes with a command that writes",
                      run("--check", "--force", self.path("in")).stderr)
        self.assertIn("--accept-problems goes with --merge",
                      run("--check", "--accept-problems", self.path("in")).stderr)
        self.assertIn("--format goes with --check", run("--format=csv", "--merge", "-o", out,
                                                        self.path("in")).stderr)
        r = run("--merge", "-o", out, self.path("missing.nianbao"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.nianbao", r.stderr)

    def test_compare(self):
        old, new = generate(self.path("in"), "--count", "2")
        r = run("--compare", old, new)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Largest changes:", r.stdout)
        largest = r.stdout.split("Largest changes:")[1].split("\n\n")[0].splitlines()[1:]
        self.assertEqual(len(largest), 10)
        self.assertTrue(all(l.startswith("! ") for l in largest))
        self.assertIn("[X-CARRY-OVER]", r.stdout)
        self.assertRegex(r.stdout, r"problems\s+0\.\d\d")
        # The same file twice: section 五 copied, nothing changed.
        r = run("--compare", old, old)
        self.assertIn("No value changed", r.stdout)
        # located at the repeated paragraph, whole
        self.assertRegex(r.stdout, r"warning: \[X-REPEATED\] section problems p1:1-\d+: Section “五、")
        self.assertIn("(repeats last year’s)", r.stdout)
        self.assertEqual(run("--compare", old).returncode, 2)
        r = run("--compare", old, self.path("missing.nianbao"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("missing.nianbao", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
