"""The claims report's engine (py/idiombench/claims/run.py, main.py) on synthetic runs.

    python3 -m unittest discover -s tests/claims
"""
import contextlib
import csv
import io
import os
import shutil
import sys
import tempfile
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "py"))

from idiombench.claims import main as claims  # noqa: E402
from idiombench.claims import run as claims_run  # noqa: E402
from idiombench.claims import vocabulary as words  # noqa: E402
from idiombench.claims.run import Decision, Observation, Run  # noqa: E402
from idiombench.run.errors import Stop  # noqa: E402
from idiombench.claims.vocabulary import amount, contrast_text, decide, part  # noqa: E402
from synthetic import SyntheticRun, spread  # noqa: E402


class Sandbox(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="claims-test.")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def folder(self, name="run"):
        return os.path.join(self.dir, name)


class Reading(Sandbox):
    def build(self):
        syn = SyntheticRun(["3.9.18", "2.7.18", "3.11.7#2", "3.11.7", "3.10.13"],
                           baseline="3.9.18")
        syn.time("3.11.7", "identity", "is_none", 3.0)
        syn.count("3.11.7", "mutability", "concat", allocs=2, bytes=816, n=100)
        syn.count("3.11.7", "mutability", "concat", allocs=2, bytes=96, n=10)
        syn.observe("3.11.7", "identity", "C01_alias_same_id", True)
        syn.observe_error("2.7.18", "copying", "C07_copy_method",
                          "AttributeError: 'list' object has no attribute 'copy'")
        syn.unavailable("2.7.18", "mutability", "concat", "allocs_per_op",
                        "no allocator API in Python 2.7.18")
        syn.unavailable("2.7.18", "strings", "fmt_fstring", "*", "needs Python 3.6+ (f-strings)")
        syn.fail("3.10.13", "identity", "is_none", "calibrate", "ValueError: boom")
        return Run(syn.write(self.folder()))

    def test_versions_in_version_order_and_the_baseline(self):
        run = self.build()
        self.assertEqual(run.versions, ["2.7.18", "3.9.18", "3.10.13", "3.11.7", "3.11.7#2"])
        self.assertEqual(run.baseline, "3.9.18")
        self.assertEqual(run.version("3.11.7#2"), (3, 11, 7))

    def test_a_bench_run_has_no_baseline(self):
        syn = SyntheticRun(["3.12.1"])
        syn.time("3.12.1", "identity", "is_none", 3.0)
        run = Run(syn.write(self.folder()))
        self.assertEqual(run.versions, ["3.12.1"])
        self.assertIsNone(run.baseline)

    def test_figures_sizes_observations_unavailable_failures(self):
        run = self.build()
        figure = run.figure("3.11.7", "identity", "is_none", "time_per_op")
        self.assertAlmostEqual(figure.median, 3.0)
        self.assertEqual((figure.repetitions, figure.unit), (5, "ns"))
        self.assertAlmostEqual(figure.cv, 0.02, delta=0.005)
        self.assertEqual(run.figure("3.11.7", "mutability", "concat", "bytes_per_op", 100).median,
                         816)
        self.assertIsNone(run.figure("3.11.7", "mutability", "concat", "bytes_per_op"))
        self.assertEqual(run.sizes("3.11.7", "mutability", "concat", "allocs_per_op"), [10, 100])
        self.assertEqual(run.sizes("3.11.7", "identity", "is_none", "time_per_op"), [])
        self.assertEqual(run.observation("3.11.7", "identity", "C01_alias_same_id"),
                         Observation("True", None))
        self.assertEqual(run.observation("2.7.18", "copying", "C07_copy_method"),
                         Observation(None, "AttributeError: 'list' object has no attribute 'copy'"))
        self.assertIsNone(run.observation("3.9.18", "identity", "C01_alias_same_id"))
        self.assertEqual(run.unavailable("2.7.18", "mutability", "concat", "allocs_per_op"),
                         "no allocator API in Python 2.7.18")
        self.assertEqual(run.unavailable("2.7.18", "strings", "fmt_fstring", "time_per_op"),
                         "needs Python 3.6+ (f-strings)")
        self.assertIsNone(run.unavailable("3.11.7", "mutability", "concat", "allocs_per_op"))
        self.assertEqual(run.failure("3.10.13", "identity", "is_none"),
                         "calibrate: ValueError: boom")
        self.assertIn("no allocator API", run.missing("2.7.18", "mutability", "concat",
                                                      "allocs_per_op"))
        self.assertIn("failed", run.missing("3.10.13", "identity", "is_none", "time_per_op"))
        self.assertEqual(run.missing("3.9.18", "identity", "is_none", "time_per_op"),
                         "the identity family is not in this run")
        self.assertEqual(run.missing("3.11.7", "identity", "eq_none", "time_per_op"),
                         "identity/eq_none time_per_op not measured in this run")
        self.assertTrue(run.has_family("3.11.7", "mutability"))
        self.assertFalse(run.has_family("3.9.18", "mutability"))
        self.assertEqual(run.missing("3.11.7", "identity", "is_none", "time_per_op"), "")

    def test_measurements_agree_with_the_samples(self):
        run = self.build()
        samples = run.samples("3.11.7", "identity", "is_none", "time_per_op")
        self.assertEqual(len(samples), 5)
        self.assertAlmostEqual(sorted(samples)[2],
                               run.figure("3.11.7", "identity", "is_none", "time_per_op").median)


class Contrasts(Sandbox):
    def run_with(self, **cases):
        syn = SyntheticRun(["3.11.7", "3.12.1"])
        for label in syn.versions:
            for case, values in cases.items():
                syn.measure(label, "identity", case, "time_per_op", values)
        return Run(syn.write(self.folder()))

    def test_a_slower_candidate_is_slower_beyond_the_noise(self):
        run = self.run_with(is_none=spread(3.0), eq_none=spread(6.0))
        found = run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op")
        self.assertEqual(found.verdict, "slower")
        self.assertAlmostEqual(found.ratio, 2.0, delta=0.02)
        self.assertTrue(1 < found.ci_low < found.ratio < found.ci_high)
        self.assertAlmostEqual(found.reference, 3.0)
        self.assertAlmostEqual(found.candidate, 6.0)
        self.assertEqual((found.unit, found.test, found.samples), ("ns", "welch-log", (5, 5)))
        self.assertLess(found.p_value, 0.05)
        self.assertEqual(words.effect(found), "higher")
        backwards = run.contrast("3.11.7", "identity", "eq_none", "is_none", "time_per_op")
        self.assertEqual(backwards.verdict, "faster")
        self.assertAlmostEqual(backwards.ratio, 0.5, delta=0.01)

    def test_the_same_times_are_no_difference(self):
        run = self.run_with(is_none=spread(3.0), eq_none=spread(3.0, cv=0.03))
        found = run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op")
        self.assertEqual(found.verdict, "no difference")
        self.assertTrue(found.ci_low < 1 < found.ci_high)
        self.assertIsNone(words.effect(found))

    def test_a_difference_drowned_in_noise_is_no_difference(self):
        run = self.run_with(is_none=spread(3.0, cv=0.6), eq_none=spread(3.6, cv=0.6))
        found = run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op")
        self.assertEqual(found.verdict, "no difference")

    def test_one_sample_is_insufficient_and_none_is_none(self):
        run = self.run_with(is_none=[3.0], eq_none=[6.0])
        found = run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op")
        self.assertEqual(found.verdict, "insufficient data")
        self.assertFalse(words.judged(found))
        self.assertIsNone(run.contrast("3.11.7", "identity", "is_none", "absent", "time_per_op"))
        self.assertIsNone(run.contrast("3.11.7", "identity", "is_none", "eq_none", "allocs_per_op"))

    def test_exact_counts_and_sizes(self):
        syn = SyntheticRun(["3.11.7"])
        syn.count("3.11.7", "mutability", "append", allocs=0.005, bytes=75)
        for n in (10, 1000):
            syn.count("3.11.7", "mutability", "concat", allocs=2, bytes=8 * n + 16, n=n)
        run = Run(syn.write(self.folder()))
        found = run.contrast("3.11.7", "mutability", "append", "concat", "allocs_per_op",
                             None, 1000)
        self.assertEqual((found.verdict, found.test), ("higher", "exact"))
        self.assertAlmostEqual(found.ratio, 400)
        same = run.contrast("3.11.7", "mutability", "concat", "concat", "allocs_per_op", 10, 1000)
        self.assertEqual(same.verdict, "no difference")
        more = run.contrast("3.11.7", "mutability", "concat", "concat", "bytes_per_op", 10, 1000)
        self.assertEqual(more.verdict, "higher")

    def test_contrasts_are_batched_across_versions_sizes_and_metrics(self):
        labels = ["3.%d.0" % minor for minor in range(6, 14)]
        syn = SyntheticRun(labels)
        for label in labels:
            for n in (10, 100, 1000):
                syn.time(label, "copying", "flat_slice", 10.0 * n, n=n)
                syn.time(label, "copying", "flat_deepcopy", 100.0 * n, n=n)
                syn.count(label, "copying", "flat_slice", 1, 8 * n, n=n)
                syn.count(label, "copying", "flat_deepcopy", 10 * n, 100 * n, n=n)
        run = Run(syn.write(self.folder()))
        for label in labels:
            for n in (10, 100, 1000):
                for metric in ("time_per_op", "allocs_per_op", "bytes_per_op"):
                    found = run.contrast(label, "copying", "flat_slice", "flat_deepcopy",
                                         metric, n)
                    self.assertIn(found.verdict, ("slower", "higher"))
        self.assertEqual(run.compare_calls, 1)

    def test_no_samples_file_means_no_contrast(self):
        syn = SyntheticRun(["3.11.7"], samples=False)
        syn.time("3.11.7", "identity", "is_none", 3.0)
        syn.time("3.11.7", "identity", "eq_none", 6.0)
        run = Run(syn.write(self.folder()))
        self.assertFalse(run.has_samples)
        self.assertIsNone(run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op"))
        self.assertIn("no samples.csv", run.missing("3.11.7", "identity", "is_none",
                                                    "time_per_op"))

    def test_a_missing_compare_tool_is_one_clear_error(self):
        run = self.run_with(is_none=spread(3.0), eq_none=spread(6.0))
        old = os.environ.get("IDIOMBENCH_COMPARE")
        os.environ["IDIOMBENCH_COMPARE"] = os.path.join(self.dir, "no-such-tool")
        try:
            with self.assertRaises(Stop) as caught:
                run.contrast("3.11.7", "identity", "is_none", "eq_none", "time_per_op")
        finally:
            if old is None:
                del os.environ["IDIOMBENCH_COMPARE"]
            else:
                os.environ["IDIOMBENCH_COMPARE"] = old
        self.assertIn("make -f mk/compare.mk", str(caught.exception))


class BadInput(Sandbox):
    def good(self):
        syn = SyntheticRun(["3.11.7"])
        syn.time("3.11.7", "identity", "is_none", 3.0)
        return syn.write(self.folder())

    def expect(self, folder, *texts):
        with self.assertRaises(Stop) as caught:
            Run(folder)
        message = str(caught.exception)
        self.assertNotIn("\n", message)
        for text in texts:
            self.assertIn(text, message)

    def test_no_such_folder(self):
        self.expect(os.path.join(self.dir, "nowhere"), "nowhere", "no run folder")

    def test_no_meta(self):
        folder = self.good()
        os.unlink(os.path.join(folder, "meta"))
        self.expect(folder, "no meta")

    def test_a_required_file_missing(self):
        folder = self.good()
        os.unlink(os.path.join(folder, "observations.csv"))
        self.expect(folder, "observations.csv")

    def test_a_column_missing(self):
        folder = self.good()
        path = os.path.join(folder, "measurements.csv")
        with open(path) as stream:
            text = stream.read()
        with open(path, "w") as stream:
            stream.write(text.replace(",median,", ",middle,", 1))
        self.expect(folder, "measurements.csv", "no column median")

    def test_a_samples_column_missing(self):
        folder = self.good()
        path = os.path.join(folder, "samples.csv")
        with open(path) as stream:
            text = stream.read()
        with open(path, "w") as stream:
            stream.write(text.replace(",round,", ",rnd,", 1))
        self.expect(folder, "samples.csv", "no column round")

    def test_not_a_number(self):
        folder = self.good()
        path = os.path.join(folder, "measurements.csv")
        with open(path) as stream:
            lines = stream.read().splitlines()
        fields = lines[1].split(",")
        fields[6] = "fast"
        lines[1] = ",".join(fields)
        with open(path, "w") as stream:
            stream.write("\n".join(lines) + "\n")
        self.expect(folder, "measurements.csv line 2", "not a number")


class Helpers(unittest.TestCase):
    def test_decide(self):
        self.assertEqual(decide([part("a", True, "x")]), Decision("holds", "", "x", "x"))
        partly = decide([part("a", True, "x"), part("b", False, "y")])
        self.assertEqual(partly.verdict, "partly")
        self.assertEqual(partly.conditions, "holds: a; not: b")
        self.assertEqual(decide([part("a", False, "y")]).verdict, "fails")
        missing = decide([part("a", True, "x"), part("b", None, "b not measured")])
        self.assertEqual(missing.verdict, "untestable")
        self.assertIn("b not measured", missing.conditions)
        optional = decide([part("a", True, "x"), part("b", None, "b not measured", False)])
        self.assertEqual(optional.verdict, "holds")
        self.assertIn("untested: b", optional.evidence)
        # A contradicted part decides even when another is missing.
        self.assertEqual(decide([part("a", False, "y"), part("b", None, "gone")]).verdict, "fails")

    def test_the_deciding_figure_comes_from_the_deciding_condition(self):
        timed = "`x is None`: 54 fewer instructions (65 vs 119) and 1.5x [1.45, 1.52] " \
            "faster than `x == None` (3.00 ns vs 6.00 ns)"
        held = decide([part("plain", True, "a is a -> True"), part("None", True, timed)])
        self.assertEqual(held.deciding, "`x is None`: 54 fewer instructions and 1.5x "
                                        "[1.45, 1.52] faster than `x == None`")
        failed = decide([part("a", True, "x", False), part("b", False, "2.0x [1.8, 2.2]")])
        self.assertEqual(failed.verdict, "fails")
        self.assertEqual(failed.deciding, "2.0x [1.8, 2.2]")
        partly = decide([part("a", True, "1.5x [1.4, 1.6] faster"),
                         part("b", False, "0.9x [0.8, 0.95] slower")])
        self.assertEqual(partly.deciding, "1.5x [1.4, 1.6] faster; but 0.9x [0.8, 0.95] slower")
        unsure = decide([part("b", words.INCONCLUSIVE, "y", True, "time 1.04x [0.91, 1.19]")])
        self.assertEqual(unsure.deciding, "b: time 1.04x [0.91, 1.19]")
        # A condition without evidence is shown by its name, which states the claim: a
        # contradicted one is said not to hold.
        named = decide([part("a is new", True), part("b is new", False)])
        self.assertEqual(named.deciding, "a is new; but not: b is new")
        self.assertEqual(decide([part("b is new", False)]).deciding, "not: b is new")
        missing = decide([part("a", None, "identity/is_none time_per_op not measured")])
        self.assertEqual(missing.deciding, "missing: identity/is_none time_per_op not measured")
        long = decide([part("a", True, "word " * 100)])
        self.assertLessEqual(len(long.deciding), words.DECIDING_CHARS)
        self.assertTrue(long.deciding.endswith("..."))

    def test_a_rule_without_a_deciding_figure_gets_one(self):
        checked = claims.check(Decision("fails", "", "e" * 300))
        self.assertEqual(len(checked), 4)
        self.assertTrue(0 < len(checked.deciding) <= words.DECIDING_CHARS)
        checked = claims.check(("untestable", "missing: the strings family is not in this "
                                "run", ""))
        self.assertEqual(checked.deciding, "missing: the strings family is not in this run")

    def test_claims_a_filtered_run_cannot_decide_are_one_line(self):
        gone = Decision("untestable", "missing: the strings family is not in this run", "")
        other = Decision("untestable", "missing: gc/C16_get_threshold not recorded", "")
        results = [("C01", "3.11.7", Decision("holds", "", "a")),
                   ("C20", "3.11.7", gone), ("C21", "3.11.7", gone),
                   ("C16", "3.11.7", other)]
        shown, elsewhere = claims_run.split_claims((claim, decision.verdict, decision.conditions)
                                                   for claim, _, decision in results)
        self.assertEqual(shown, ["C01", "C16"])
        self.assertEqual(elsewhere, ["C20", "C21"])
        self.assertFalse(claims_run.beyond_run([("untestable", "missing: x in this run"),
                                                ("holds", "")]))
        text = claims.summary(types.SimpleNamespace(versions=["3.11.7"]), results, {}, [])
        self.assertNotIn("C20 untestable", text)
        self.assertIn("2 other claims (C20, C21) need cases this run did not measure", text)

    def test_inconclusive_conditions_never_make_a_claim_partly(self):
        held = decide([part("a", True, "x"), part("b", words.INCONCLUSIVE, "y", True,
                                                   "1.04x [0.91, 1.19]")])
        self.assertEqual(held.verdict, "holds")
        self.assertEqual(held.conditions, "inconclusive: b (1.04x [0.91, 1.19])")
        failed = decide([part("a", False, "x"), part("b", words.INCONCLUSIVE, "y")])
        self.assertEqual(failed.verdict, "fails")
        self.assertIn("inconclusive: b", failed.conditions)

    def test_a_claim_with_only_inconclusive_conditions_is_inconclusive(self):
        found = decide([part("a", words.INCONCLUSIVE, "x", True, "[0.9, 1.2]"),
                        part("b", words.INCONCLUSIVE, "y", False, "[0.8, 1.3]")])
        self.assertEqual(found.verdict, "inconclusive")
        self.assertEqual(found.conditions, "inconclusive: a ([0.9, 1.2]); b ([0.8, 1.3])")
        self.assertNotEqual(found.verdict, "partly")
        self.assertIn(found.verdict, claims_run.VERDICTS)
        self.assertEqual(claims.check(found), found)

    def test_amount_and_contrast_text(self):
        self.assertEqual(amount(3.1, "ns"), "3.10 ns")
        self.assertEqual(amount(48.14, "ns"), "48.1 ns")
        self.assertEqual(amount(129774.2, "ns"), "130 us")
        self.assertEqual(amount(8016, "bytes"), "8016 bytes")
        self.assertEqual(amount(7351768, "bytes"), "7.35 MB")
        self.assertEqual(amount(0.0047, "allocs"), "0.00470 allocs")
        self.assertEqual(amount(65, "instructions"), "65 instructions")
        contrast = claims_run.Contrast(2.06, 1.95, 2.18, "slower", 3.1, 6.4, "ns", "welch-log",
                                       0.001, (5, 5))
        self.assertEqual(contrast_text(contrast),
                         "2.06x [1.95, 2.18] (95% CI, welch-log, 5+5 samples: beyond the noise)")
        within = contrast._replace(ci_low=0.9, verdict="no difference")
        self.assertEqual(contrast_text(within),
                         "2.06x [0.900, 2.18] (95% CI, welch-log, 5+5 samples: within the noise)")


class Engine(Sandbox):
    def run_of(self):
        syn = SyntheticRun(["3.11.7", "3.12.1"])
        for label in syn.versions:
            syn.observe(label, "identity", "C01_alias_same_id", True)
        return Run(syn.write(self.folder()))

    def test_every_rule_on_every_version_and_a_broken_rule_is_reported(self):
        run = self.run_of()

        def good(run, label):
            return Decision("holds", "", "seen on " + label)

        def broken(run, label):
            raise KeyError("oops")

        def malformed(run, label):
            return Decision("partly", "", "no conditions")

        results, errors = claims.evaluate(run, {"C02": broken, "C01": good, "C03": malformed})
        self.assertEqual([(c, l, d.verdict) for c, l, d in results], [
            ("C01", "3.11.7", "holds"), ("C01", "3.12.1", "holds"),
            ("C02", "3.11.7", "untestable"), ("C02", "3.12.1", "untestable"),
            ("C03", "3.11.7", "untestable"), ("C03", "3.12.1", "untestable")])
        self.assertIn("the rule broke: KeyError", results[2][2].conditions)
        self.assertEqual(len(errors), 4)
        self.assertIn("rule C02 broke on 3.11.7", errors[0])

    def test_claims_csv_and_the_summary(self):
        run = self.run_of()
        results = [
            ("C01", "3.11.7", Decision("holds", "", "a, b")),
            ("C01", "3.12.1", Decision("partly", "only for x", "a\nb, \"c\"")),
            ("C02", "3.11.7", Decision("fails", "not: y", "z")),
            ("C02", "3.12.1", Decision("fails", "not: y", "z")),
        ]
        path = claims.write_claims(run.folder, results)
        with open(path, newline="") as stream:
            rows = list(csv.reader(stream))
        self.assertEqual(rows[0], ["claim", "python_version", "verdict", "conditions",
                                   "evidence", "deciding"])
        self.assertEqual(rows[2], ["C01", "3.12.1", "partly", "only for x", "a\nb, \"c\"",
                                   ""])
        self.assertEqual([f for f in os.listdir(run.folder) if ".tmp." in f], [])
        text = claims.summary(run, results, {"C01": "first", "C02": "second"}, [])
        lines = text.splitlines()
        self.assertTrue(lines[0].split() == ["3.11.7", "3.12.1"])
        self.assertEqual(lines[1].split(), ["C01", "first", "+", "~"])
        self.assertEqual(lines[2].split(), ["C02", "second", "x", "x"])
        self.assertIn(claims.LEGEND, lines)
        self.assertIn("C01 partly on 3.12.1: only for x", lines)
        self.assertIn("C02 fails on all: not: y", lines)

    def test_main_on_a_missing_folder_writes_nothing(self):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            status = claims.main([os.path.join(self.dir, "nowhere")])
        self.assertEqual(status, 2)
        self.assertTrue(stderr.getvalue().startswith("idiombench: "))
        self.assertEqual(stderr.getvalue().count("\n"), 1)


if __name__ == "__main__":
    unittest.main()
