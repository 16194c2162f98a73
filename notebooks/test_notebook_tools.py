"""Tests of the notebooks' helpers and of check-stripped.py (run by run-all.sh, or:
/usr/bin/python3 -m unittest discover -s notebooks -p 'test_*.py')."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import semcycle_nb as nbh  # noqa: E402

CHECK = HERE / "check-stripped.py"


def notebook(outputs, count):
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# t"]},
                      {"cell_type": "code", "metadata": {}, "source": ["1"], "outputs": outputs,
                       "execution_count": count}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


class CheckStrippedTest(unittest.TestCase):
    def run_check(self, *args):
        return subprocess.run([sys.executable, str(CHECK), *map(str, args)], capture_output=True, text=True)

    def test_outputs_and_counts_fail_until_stripped(self):
        with tempfile.TemporaryDirectory() as d:
            dirty = Path(d) / "dirty.ipynb"
            dirty.write_text(json.dumps(notebook([{"output_type": "stream", "name": "stdout", "text": "1"}], 3)))
            count_only = Path(d) / "count.ipynb"
            count_only.write_text(json.dumps(notebook([], 1)))
            clean = Path(d) / "clean.ipynb"
            clean.write_text(json.dumps(notebook([], None)))
            self.assertEqual(0, self.run_check(clean).returncode)
            r = self.run_check(clean, dirty, count_only)
            self.assertEqual(1, r.returncode)
            self.assertIn("dirty.ipynb: not stripped", r.stderr)
            self.assertIn("execution_count 1", r.stderr)
            self.assertEqual(0, self.run_check("--strip", dirty, count_only).returncode)
            self.assertEqual(0, self.run_check(clean, dirty, count_only).returncode)
            self.assertEqual(json.loads(clean.read_text())["cells"], json.loads(dirty.read_text())["cells"])

    def test_unreadable_notebook_fails(self):
        with tempfile.TemporaryDirectory() as d:
            bad = Path(d) / "bad.ipynb"
            bad.write_text("{not json")
            r = self.run_check(bad)
            self.assertEqual(1, r.returncode)
            self.assertIn("cannot read", r.stderr)

    def test_committed_notebooks_are_stripped(self):
        self.assertEqual(0, self.run_check().returncode)


class HelpersTest(unittest.TestCase):
    def test_report_failures_parse_with_their_pck(self):
        rows = nbh.report_figures(nbh.FIXTURE / "report" / "index.html")
        failures = [r for r in rows if (r["section"] or "").startswith("Failure")]
        self.assertTrue(failures)
        for r in failures:
            self.assertIn(r["dataset"], {"pix3d", "spair", "pfpascal"}, r)
            self.assertTrue(0.0 <= r["pck"] <= 1.0, r)
            self.assertGreater(r["keypoints"], 0)
            self.assertTrue(Path(r["path"]).is_file(), r["path"])
        self.assertTrue(any(r["pair"] for r in failures), "pair-mode failures carry their pair id")

    def test_find_dir_is_shallowest_first(self):
        with tempfile.TemporaryDirectory() as d:
            for sub in ("a/b/c", "z"):
                (Path(d) / sub).mkdir(parents=True)
            (Path(d) / "a/b/c/pck.csv").write_text("x")
            (Path(d) / "z/pck.csv").write_text("x")
            self.assertEqual(Path(d) / "z", nbh.find_dir(d, "pck.csv"))
            self.assertIsNone(nbh.find_dir(d, "pck.csv", depth=0))
            self.assertIsNone(nbh.find_dir(Path(d) / "absent", "pck.csv"))

    def test_keypoint_names_from_conf(self):
        names = nbh.keypoint_names()
        self.assertEqual("back_top_right", names["chair"][0])
        self.assertEqual(21, len(names["chair"]))
        self.assertIn("car", names)

    def test_evaluation_falls_back_to_the_fixture(self):
        os.environ["SEMCYCLE_NB_FIXTURE"] = "1"
        try:
            with tempfile.TemporaryDirectory() as d:
                where = nbh.evaluation_dir(Path(d) / "none", Path(d) / "tiny")
        finally:
            del os.environ["SEMCYCLE_NB_FIXTURE"]
        self.assertEqual((nbh.FIXTURE / "evaluate", "fixture"), where)
        self.assertTrue(nbh.is_evaluation(where[0]))

    def test_evaluation_runs_the_tiny_demo_when_its_conf_exists(self):
        calls = []

        def fake_semcycle(*args, log=None):  # what the demo leaves: an evaluate folder
            calls.append(args)
            out = Path(args[args.index("--out") + 1]) / "evaluate"
            out.mkdir(parents=True)
            (out / "pck.csv").write_text("dataset\n")
            (out / "summary.json").write_text("{}")

        saved = nbh.semcycle, nbh.TINY_CONF
        with tempfile.TemporaryDirectory() as d:
            conf = Path(d) / "demo-tiny.conf"
            conf.write_text("semcycle {}\n")
            nbh.semcycle, nbh.TINY_CONF = fake_semcycle, conf
            try:
                where = nbh.evaluation_dir(Path(d) / "none", Path(d) / "tiny")
                again = nbh.evaluation_dir(Path(d) / "none", Path(d) / "tiny")
            finally:
                nbh.semcycle, nbh.TINY_CONF = saved
            self.assertEqual((Path(d) / "tiny" / "evaluate", "tiny demo"), where)
            self.assertEqual(where, again)
        self.assertEqual(1, len(calls), "the second notebook reuses the tiny demo")
        self.assertEqual(("demo", "--out", Path(d) / "tiny", "--config", conf), calls[0])


if __name__ == "__main__":
    unittest.main()
