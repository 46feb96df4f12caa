"""tests/claims/rules/test_refcount.py: the rules of py/idiombench/claims/rules/refcount.py
(C14, C15) on small synthetic runs (cases.py: SyntheticCase): the same rule gives `holds`
on one run and `fails` on another (and `partly` or `untestable` where the rule has those),
and the evidence carries the figures that decided it.

    python3 tests/claims/rules/test_refcount.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import NEW, OLD, SyntheticCase, SyntheticRun, memory, require_compare_tool  # noqa: E402

require_compare_tool()


def c14_run(freed=True, peak=3992336, kept=560, label=NEW, measured=True):
    run = SyntheticRun([label])
    run.observe_error(label, "refcount", "C14_del_removes_name",
                      "NameError: name 'x' is not defined")
    run.observe(label, "refcount", "C14_freed_on_del", freed)
    run.observe(label, "refcount", "C14_finalizer_on_del", freed)
    run.observe(label, "refcount", "C14_cycle_needs_gc", (False, True))
    if measured:
        memory(run, label, "refcount", "del_memory", "peak_bytes", peak, 100000)
        memory(run, label, "refcount", "del_memory", "retained_bytes", kept, 100000)
        run.count(label, "refcount", "build_del", allocs=99746, bytes=3991880, n=100000)
    return run


class TestC14(SyntheticCase):
    def test_holds_when_freed_at_del_and_peak_is_one_list(self):
        d = self.decide("C14", c14_run())
        self.assertVerdict(d, "holds", "NameError", "dead right after del: True", "3.99 MB")

    def test_fails_when_the_object_outlives_del_and_lists_pile_up(self):
        d = self.decide("C14", c14_run(freed=False, peak=39923360, kept=39920000))
        self.assertVerdict(d, "partly", "del removes the name", "not: an object outside a cycle is freed at del")
        run = c14_run(freed=False, peak=39923360, kept=39920000)
        run.observations = [o for o in run.observations if o[2] != "C14_del_removes_name"]
        run.observe(NEW, "refcount", "C14_del_removes_name", [1])
        self.assertVerdict(self.decide("C14", run), "fails", "39.9 MB")

    def test_partly_when_memory_is_kept_though_the_object_dies(self):
        d = self.decide("C14", c14_run(peak=7984000))
        self.assertVerdict(d, "partly", "not: memory given back at each del")

    def test_decides_on_behaviour_without_tracemalloc(self):
        run = c14_run(label=OLD, measured=False)
        run.unavailable(OLD, "refcount", "del_memory", "peak_bytes",
                        "no tracemalloc in Python 2.7.18")
        d = self.decide("C14", run, OLD)
        self.assertVerdict(d, "holds", "no tracemalloc")
        d = self.decide("C14", c14_run(freed=False, label=OLD, measured=False), OLD)
        self.assertVerdict(d, "partly", "not: an object outside a cycle is freed at del")


def c15_run(module, function):
    run = SyntheticRun([NEW])
    run.observe(NEW, "refcount", "C15_two_names_module", module)
    run.observe(NEW, "refcount", "C15_one_name_module", module - 1)
    run.observe(NEW, "refcount", "C15_in_function", (function, function - 1))
    return run


class TestC15(SyntheticCase):
    def test_holds_when_both_scopes_count_3(self):
        self.assertVerdict(self.decide("C15", c15_run(3, 3)), "holds", "module level: 3")

    def test_fails_when_neither_does(self):
        self.assertVerdict(self.decide("C15", c15_run(2, 2)), "fails", "module level: 2")

    def test_partly_names_the_scope(self):
        d = self.decide("C15", c15_run(3, 2))
        self.assertVerdict(d, "partly", "at module level (3)", "in a function (2)")

    def test_untestable_without_observations(self):
        run = SyntheticRun([NEW])
        run.time(NEW, "refcount", "getrefcount", 9.0)
        self.assertVerdict(self.decide("C15", run), "untestable", "not recorded")


if __name__ == "__main__":
    unittest.main()
