#!/usr/bin/env python3
"""Hostile files and failing outputs at the command line (issue 20): named
pipes, racing writers, existing outputs, a full standard output, CSV
formulas, control characters and characters that are not text."""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest

NIANBAO = os.environ.get("NIANBAO", "nianbao")
SAMPLE = os.path.join(os.environ.get("NB_SOURCE_DIR", "."), "data", "samples", "sample-2022.nianbao")
# A reader that waits for a writer on a pipe never returns: the timeout is
# the failure, long enough for a slow machine.
TIMEOUT = 60


def run(*args, **kwargs):
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    env["LANGUAGE"] = "C"
    if "stdout" in kwargs:
        kwargs.setdefault("stderr", subprocess.PIPE)
    else:
        kwargs["capture_output"] = True
    try:
        kwargs.setdefault("text", True)
        return subprocess.run([NIANBAO, *args], env=env, timeout=TIMEOUT, **kwargs)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"nianbao {' '.join(args)} did not finish in {TIMEOUT} s (hangs)")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, data, ensure_ascii=False):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=ensure_ascii)


class Hostile(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nianbao-hostile-")
        self.report = self.path("report.nianbao")
        shutil.copy(SAMPLE, self.report)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, *names):
        return os.path.join(self.dir, *names)

    def with_agency(self, name, agency):
        data = load(self.report)
        data["metadata"]["agency"] = agency
        path = self.path(name)
        save(path, data)
        return path

    def test_named_pipe_refused_by_every_reader(self):
        fifo = self.path("pipe.nianbao")
        os.mkfifo(fifo)
        folder = self.path("folder")
        os.mkdir(folder)
        os.mkfifo(os.path.join(folder, "in-folder.nianbao"))
        shutil.copy(self.report, folder)
        for args in (["--check", fifo],
                     ["--check", folder],
                     ["--check", "--previous", fifo, self.report],
                     ["--export", "txt", "-o", "-", fifo],
                     ["--import", fifo, "-o", self.path("imported.nianbao")],
                     ["--compare", fifo, self.report],
                     ["--compare", self.report, fifo],
                     ["--merge", "-o", self.path("merged.nianbao"), fifo],
                     ["--next-year", "-o", self.path("next.nianbao"), fifo]):
            with self.subTest(args=args):
                r = run(*args)
                self.assertNotEqual(r.returncode, 0, r.stderr)
                self.assertIn("named pipe", r.stderr)

    def test_racing_writers_one_wins(self):
        out = self.path("next.nianbao")
        env = dict(os.environ, LANGUAGE="C")
        procs = [subprocess.Popen([NIANBAO, "--next-year", "-o", out, self.report],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for _ in range(12)]
        results = [(p.wait(timeout=TIMEOUT), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        winners = [r for r in results if r[0] == 0]
        self.assertEqual(len(winners), 1, results)
        for code, err in results:
            if code != 0:
                self.assertEqual(code, 2, err)
                self.assertIn("already exists", err)
        self.assertEqual(load(out)["metadata"]["year"], 2023)
        leftovers = [n for n in os.listdir(self.dir) if n.startswith("next.nianbao.")]
        self.assertEqual(leftovers, [])

    def test_existing_output_needs_force(self):
        text = self.path("report.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("一、总体情况\n我们公开了信息。\n")
        cases = {
            "import": ["--import", text, "-o"],
            "merge": ["--merge", self.report, "-o"],
            "export": ["--export", "csv", self.report, "-o"],
            "next-year": ["--next-year", self.report, "-o"],
            "new": ["--new", "--year", "2024", "-o"],
        }
        for name, args in cases.items():
            with self.subTest(command=name):
                out = self.path(name + ".out")
                with open(out, "w") as f:
                    f.write("keep me")
                r = run(*args, out)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("already exists; use --force", r.stderr)
                with open(out) as f:
                    self.assertEqual(f.read(), "keep me")
                r = run("--force", *args, out)
                self.assertIn(r.returncode, (0, 1), r.stderr)
                with open(out, "rb") as f:
                    self.assertNotEqual(f.read(), b"keep me")

    def test_full_stdout_is_an_error(self):
        for args in (["--check", self.report],
                     ["--check", "--format=csv", self.report],
                     ["--check", "--format=summary-csv", self.report],
                     ["--compare", self.report, self.report],
                     ["--export", "txt", "-o", "-", self.report]):
            with self.subTest(args=args):
                with open("/dev/full", "w") as full:
                    r = run(*args, stdout=full)
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("Could not write to standard output", r.stderr)

    def test_csv_formulas_neutralised(self):
        payloads = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(1,2)"]
        paths = [self.with_agency(f"p{i}.nianbao", p) for i, p in enumerate(payloads)]
        r = run("--check", "--format=summary-csv", *paths)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual([row[1] for row in rows[1:]], ["'" + p for p in payloads])
        # Numbers stay numbers.
        self.assertEqual([row[2] for row in rows[1:]], ["2022"] * len(payloads))
        # File names are fields too; tab and carriage return start formulas as well.
        names = ["=1+1.nianbao", "\t=1.nianbao", "\r=1.nianbao", "@x.nianbao"]
        for name in names:
            shutil.copy(self.report, self.path(name))
        for fmt in ("summary-csv", "csv"):
            r = run("--check", "--format=" + fmt, *names, cwd=self.dir, text=False)
            self.assertEqual(r.returncode, 0, r.stderr)
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"), newline="")))
            self.assertEqual(sorted(set(row[0] for row in rows[1:])), sorted("'" + n for n in names))

    def test_control_characters_escaped(self):
        name = self.path("x\x1b[2Jy.nianbao")
        shutil.copy(self.report, name)
        r = run("--check", name)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("\x1b", r.stdout + r.stderr)
        self.assertIn("x\\x1b[2Jy.nianbao", r.stdout)
        r = run("--compare", name, self.report)
        self.assertNotIn("\x1b", r.stdout + r.stderr)

    def test_lone_surrogate_refused(self):
        data = load(self.report)
        data["metadata"]["agency"] = "A\ud800B"
        path = self.path("surrogate.nianbao")
        save(path, data, ensure_ascii=True)  # Python writes the escape "\ud800"
        for args in (["--check", path], ["--export", "txt", "-o", "-", path],
                     ["--merge", "--accept-problems", "-o", self.path("m.nianbao"), path]):
            with self.subTest(args=args):
                r = run(*args)
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("surrogate", r.stderr)
        self.assertFalse(os.path.exists(self.path("m.nianbao")))

    def test_noncharacters_never_break_an_export(self):
        path = self.with_agency("nonchar.nianbao", "机关\ufffe\uffff\U0010ffff\x1b名称")
        r = run("--check", path)
        self.assertIn("warning: metadata.agency: 4 characters that are not text", r.stderr)
        for fmt in ("txt", "pdf", "ofd", "html", "docx", "csv"):
            with self.subTest(format=fmt):
                out = self.path("out." + fmt)
                r = run("--export", fmt, "-o", out, path)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out, "rb") as f:
                    data = f.read()
                if fmt in ("txt", "html", "csv"):
                    text = data.decode("utf-8")  # valid UTF-8, or this raises
                    for bad in ("\ufffe", "\uffff", "\U0010ffff", "\x1b"):
                        self.assertNotIn(bad, text)
        r = run("--export", "txt", "-o", "-", path)
        self.assertIn("机关\ufffd\ufffd\ufffd\ufffd名称", r.stdout)

    def test_loose_json_refused(self):
        with open(self.report, encoding="utf-8") as f:
            text = f.read()
        cases = {"comment": "/* c */" + text, "two objects": text + text,
                 "hex": text.replace('"version": 1', '"version": 0x1'),
                 "leading zero": text.replace('"version": 1', '"version": 01')}
        for name, content in cases.items():
            with self.subTest(case=name):
                path = self.path(name.replace(" ", "-") + ".nianbao")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
                r = run("--check", path)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("not valid JSON", r.stderr)

    def test_killed_write_temporaries_swept(self):
        out = self.path("next.nianbao")
        old, young = out + ".Ab12Cd", out + ".Yz98Xw"
        for name in (old, young):
            with open(name, "w") as f:
                f.write("{ half a report")
        hour_ago = os.path.getmtime(old) - 3600
        os.utime(old, (hour_ago, hour_ago))
        r = run("--next-year", "-o", out, self.report)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists(old), "a killed write's old temporary file stays")
        self.assertTrue(os.path.exists(young), "a temporary file still in use was removed")

    def test_read_only_folder(self):
        """A writable file in a folder that is not: written in place once a
        copy of the old file is kept in the data folder; without a place for
        that copy, refused with the reason, the file unchanged."""
        folder = self.path("ro")
        os.mkdir(folder)
        out = os.path.join(folder, "values.csv")
        with open(out, "w") as f:
            f.write("old")
        os.chmod(out, 0o666)
        os.chmod(folder, 0o555)
        os.chmod(self.dir, 0o755)
        os.chmod(self.report, 0o644)
        data = self.path("data")
        os.mkdir(data)
        os.chmod(data, 0o777)
        prefix = []
        if os.geteuid() == 0:
            # Root writes in any folder: run as nobody.
            if shutil.which("setpriv") is None:
                self.skipTest("root, and no setpriv to run as another user")
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", NIANBAO]

        def export(fmt, data_home):
            args = ["--export", fmt, "--force", "-o", out, self.report]
            env = dict(os.environ, LANGUAGE="C", XDG_DATA_HOME=data_home)
            return subprocess.run(prefix + args if prefix else [NIANBAO, *args], capture_output=True,
                                  text=True, env=env, timeout=TIMEOUT)

        try:
            # No data folder can be made (its parent is the read-only folder).
            r = export("csv", os.path.join(folder, "data"))
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("its folder is read-only for you", r.stderr)
            self.assertIn("only after a copy of it was kept in", r.stderr)
            self.assertIn("save to another folder", r.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "old")

            r = export("csv", data)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8-sig") as f:
                self.assertTrue(f.read().startswith("table,row_id"))
            backups = os.listdir(os.path.join(data, "nianbao", "backups"))
            self.assertEqual(len(backups), 1, backups)
            self.assertTrue(backups[0].startswith("values-") and backups[0].endswith(".csv"), backups)
            with open(os.path.join(data, "nianbao", "backups", backups[0])) as f:
                self.assertEqual(f.read(), "old")
            self.assertEqual(os.listdir(folder), ["values.csv"])
            # A shorter content leaves nothing of the longer one behind.
            r = export("txt", data)
            self.assertEqual(r.returncode, 0, r.stderr)
            txt = run("--export", "txt", "-o", "-", self.report).stdout
            with open(out, encoding="utf-8") as f:
                self.assertEqual(f.read(), txt)
        finally:
            os.chmod(folder, 0o755)

    def test_integers_as_written(self):
        for key, value, shown in (("count", -18446744073709551611, "-18446744073709551611"),
                                  ("year", -99999999999999999999, "-99999999999999999999"),
                                  ("count", 9223372036854775808, "9223372036854775808")):
            with self.subTest(value=value):
                data = load(self.report)
                if key == "year":
                    data["metadata"]["year"] = value
                else:
                    data["tables"]["t3"]["new/natural"] = value
                path = self.path("int.nianbao")
                save(path, data)
                r = run("--check", path)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(shown + " is beyond the range", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
