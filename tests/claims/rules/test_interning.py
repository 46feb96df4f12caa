"""tests/claims/rules/test_interning.py: the rules of py/idiombench/claims/rules/interning.py
(C11, C12, C13): C11 on runs of the whole catalogue (cases.py: CatalogueCase), C12 and C13
on small synthetic runs (SyntheticCase); each verdict follows its evidence both ways, and
C11's does not depend on the version's label (C12's does: it is about the article's era).

    python3 tests/claims/rules/test_interning.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import (CatalogueCase, NEW, OLD, SyntheticCase, SyntheticRun, memory,  # noqa: E402
                   require_compare_tool)
from idiombench.claims.rules import interning  # noqa: E402

require_compare_tool()


class C11(CatalogueCase):
    def test_partly_for_identifier_like_literals(self):
        decision = self.verdict("C11", "partly")
        self.assertIn("interned: identifier-like literals", decision.conditions)
        self.assertIn("not interned: other literals", decision.conditions)

    def test_holds_when_every_equal_string_is_one_object(self):
        self.verdict("C11", "holds", C11_nonidentifier_separate_compiles=True,
                     C11_runtime_built=True)

    def test_fails_when_equal_literals_are_distinct(self):
        decision = self.verdict("C11", "fails", C11_literal_separate_compiles=False)
        self.assertIn("a = 'zedd'; b = 'zedd'; a is b -> True", decision.evidence)


def c12_run(versions, literal_interned):
    """Each version's interning observations; literal_interned: {label: bool}."""
    run = SyntheticRun(versions)
    for label in versions:
        run.observe(label, "interning", "C11_literal_separate_compiles",
                    literal_interned[label])
        run.observe(label, "interning", "C11_runtime_built", False)
        if label.startswith("2."):
            run.observe_error(label, "interning", "C12_sys_intern_runtime",
                              "AttributeError: 'module' object has no attribute 'intern'")
        else:
            run.observe(label, "interning", "C12_sys_intern_runtime", True)
    return run


class TestC12(SyntheticCase):
    def test_fails_on_an_era_interpreter_that_interns_literals(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: True, NEW: True}), OLD)
        self.assertVerdict(d, "fails", "are one object: True", "2.7.18")

    def test_holds_on_an_era_interpreter_that_does_not(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: False, NEW: True}), OLD)
        self.assertVerdict(d, "holds", "are one object: False")

    def test_a_later_row_takes_the_era_interpreters_verdict_both_ways(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: True, NEW: True}), NEW)
        self.assertVerdict(d, "fails", "Decided on", "2.7.18", "not on 3.11.7")
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: False, NEW: True}), NEW)
        self.assertVerdict(d, "holds", "Decided on", "2.7.18")

    def test_era_is_by_version_3_4_counts(self):
        d = self.decide("C12", c12_run(["3.4.10", NEW], {"3.4.10": False, NEW: True}), NEW)
        self.assertVerdict(d, "holds", "3.4.10")

    def test_era_interpreters_that_disagree_give_partly(self):
        run = c12_run([OLD, "3.4.10", NEW], {OLD: True, "3.4.10": False, NEW: True})
        d = self.decide("C12", run, NEW)
        self.assertVerdict(d, "partly", "fails on 2.7.18", "holds on 3.4.10")

    def test_untestable_without_an_era_interpreter(self):
        d = self.decide("C12", c12_run(["3.6.15", NEW], {"3.6.15": True, NEW: True}), NEW)
        self.assertVerdict(d, "untestable", "Python 2.7", "3.4")

    def test_untestable_when_the_era_interpreter_recorded_nothing(self):
        run = SyntheticRun([OLD, NEW])
        run.observe(NEW, "interning", "C11_literal_separate_compiles", True)
        d = self.decide("C12", run, OLD)
        self.assertVerdict(d, "untestable", "not recorded")


def c13_run(duplicates, interned, label=NEW):
    run = SyntheticRun([label])
    memory(run, label, "interning", "hold_duplicates", "retained_bytes", duplicates, 10000)
    memory(run, label, "interning", "hold_interned", "retained_bytes", interned, 10000)
    run.count(label, "interning", "keep_duplicate", allocs=1, bytes=142)
    run.count(label, "interning", "keep_interned", allocs=1, bytes=142)
    return run


class TestC13(SyntheticCase):
    def test_holds_when_interned_strings_retain_fewer_bytes(self):
        d = self.decide("C13", c13_run(7351768, 851768))
        self.assertVerdict(d, "holds", "7.35 MB", "852 kB", "0.116x", "95% CI")

    def test_fails_when_they_retain_as_much_within_the_margin(self):
        # TOST: the 95% interval lies within +-2% of 1, so "fewer" is contradicted.
        d = self.decide("C13", c13_run(7351768, 7351768))
        self.assertVerdict(d, "fails", "1.00x [0.99")

    def test_fails_when_interned_strings_retain_more(self):
        d = self.decide("C13", c13_run(851768, 7351768))
        self.assertVerdict(d, "fails", "beyond the noise")

    def test_inconclusive_when_the_difference_is_within_the_noise(self):
        run = SyntheticRun([NEW])
        run.measure(NEW, "interning", "hold_duplicates", "retained_bytes",
                    [100, 200, 300], n=10000)
        run.measure(NEW, "interning", "hold_interned", "retained_bytes",
                    [90, 210, 280], n=10000)
        d = self.decide("C13", run)
        self.assertVerdict(d, "inconclusive", "within the noise")
        self.assertIn("inconclusive: interned strings retain fewer bytes (", d.conditions)

    def test_untestable_without_tracemalloc(self):
        run = SyntheticRun([OLD])
        run.unavailable(OLD, "interning", "hold_interned", "retained_bytes",
                        "no tracemalloc in Python 2.7.18")
        run.time(OLD, "interning", "join", 30.0)
        d = self.decide("C13", run, OLD)
        self.assertVerdict(d, "untestable", "no tracemalloc")


class NoVersionInTheRules(CatalogueCase):
    def test_the_same_data_gets_the_same_verdicts_whatever_the_label(self):
        self.assert_same_whatever_the_label(['C11'])


class Era(unittest.TestCase):
    def test_era_is_by_version(self):
        self.assertTrue(interning.is_2015_era((2, 7, 18)))
        self.assertTrue(interning.is_2015_era((3, 4, 10)))
        self.assertFalse(interning.is_2015_era((3, 5, 0)))


if __name__ == "__main__":
    unittest.main()
