"""tests/claims/rules/test_weakrefs.py: the rules of py/idiombench/claims/rules/weakrefs.py
(C17, C18, C19) on small synthetic runs (cases.py: SyntheticCase): the same rule gives
`holds` on one run and `fails` on another (and `partly` or `untestable` where the rule has
those), and the evidence carries the figures that decided it.

    python3 tests/claims/rules/test_weakrefs.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import NEW, OLD, SyntheticCase, SyntheticRun, memory, require_compare_tool  # noqa: E402
from idiombench.claims.rules import weakrefs  # noqa: E402

require_compare_tool()


def c17_run(before_after, returns, none_after):
    run = SyntheticRun([NEW])
    run.observe(NEW, "weakref", "C17_refcount_before_after", before_after)
    run.observe(NEW, "weakref", "C17_call_returns_object", returns)
    run.observe(NEW, "weakref", "C17_none_after_del", none_after)
    return run


class TestC17(SyntheticCase):
    def test_holds(self):
        self.assertVerdict(self.decide("C17", c17_run((2, 2), True, True)), "holds", "(2, 2)")

    def test_fails(self):
        self.assertVerdict(self.decide("C17", c17_run((2, 3), False, False)), "fails",
                           "(2, 3)")

    def test_partly(self):
        d = self.decide("C17", c17_run((2, 3), True, True))
        self.assertVerdict(d, "partly", "not: the count does not rise")


def c18_run(accepting):
    """Every probe of weakrefs.C18_*; those in `accepting` accept, the others refuse."""
    run = SyntheticRun([NEW])
    for what, name in weakrefs.C18_BUILTINS + weakrefs.C18_INSTANCES:
        if name in accepting:
            run.observe(NEW, "weakref", name, "X")
        else:
            run.observe_error(NEW, "weakref", name,
                              "TypeError: cannot create weak reference to 'X' object")
    return run


INSTANCES = ("C18_class_instance", "C18_list_subclass", "C18_slots_instance")
BUILTINS = tuple(name for _, name in weakrefs.C18_BUILTINS)


class TestC18(SyntheticCase):
    def test_holds_when_every_builtin_refuses_and_every_instance_accepts(self):
        d = self.decide("C18", c18_run(INSTANCES))
        self.assertVerdict(d, "holds", "refuse (TypeError): list")

    def test_fails_when_every_builtin_accepts(self):
        d = self.decide("C18", c18_run(BUILTINS + INSTANCES))
        self.assertVerdict(d, "fails", "built-ins that accept: list")

    def test_partly_names_the_exceptions(self):
        d = self.decide("C18", c18_run(("C18_set", "C18_frozenset", "C18_function",
                                        "C18_class_itself", "C18_class_instance",
                                        "C18_list_subclass")))
        self.assertVerdict(d, "partly", "holds for list, dict, int, str and tuple",
                           "set, frozenset, function and a class (type) accept",
                           "__slots__ and no __weakref__ refuses")


def c19_run(strong, weak, alive_weak=False, label=NEW, measured=True):
    run = SyntheticRun([label])
    if measured:
        memory(run, label, "weakref", "cache_dict", "retained_bytes", strong, 1000)
        memory(run, label, "weakref", "cache_weak", "retained_bytes", weak, 1000)
    run.observe(label, "weakref", "C19_cache_after_del", (1, 1 if alive_weak else 0))
    run.observe(label, "weakref", "C19_object_alive_after_del", (True, alive_weak))
    return run


class TestC19(SyntheticCase):
    def test_holds_when_the_weak_cache_retains_less(self):
        d = self.decide("C19", c19_run(3918888, 64))
        self.assertVerdict(d, "holds", "3.92 MB", "64 bytes", "95% CI")

    def test_fails_when_it_retains_as_much(self):
        d = self.decide("C19", c19_run(3918888, 3918888))
        self.assertVerdict(d, "fails", "3.92 MB")

    def test_the_peak_decides_when_the_retained_bytes_are_too_noisy(self):
        def run_with(weak_peak):
            run = SyntheticRun([NEW])
            run.measure(NEW, "weakref", "cache_dict", "retained_bytes", [3918888] * 2, n=1000)
            run.measure(NEW, "weakref", "cache_weak", "retained_bytes", [13, 112], n=1000)
            memory(run, NEW, "weakref", "cache_dict", "peak_bytes", 3918736, 1000, k=2)
            memory(run, NEW, "weakref", "cache_weak", "peak_bytes", weak_peak, 1000, k=2)
            return run
        d = self.decide("C19", run_with(391440))
        self.assertVerdict(d, "holds", "weak / dict 0.0999x [0.0996, 0.100]", "peak during a run")
        self.assertVerdict(self.decide("C19", run_with(39144000)), "fails", "39.1 MB")

    def test_decides_on_behaviour_without_tracemalloc(self):
        def old(alive):
            run = c19_run(0, 0, alive_weak=alive, label=OLD, measured=False)
            run.unavailable(OLD, "weakref", "cache_weak", "retained_bytes",
                            "no tracemalloc in Python 2.7.18")
            return run
        self.assertVerdict(self.decide("C19", old(False), OLD), "holds",
                           "decided on the observed behaviour")
        self.assertVerdict(self.decide("C19", old(True), OLD), "fails",
                           "WeakValueDictionary True")


if __name__ == "__main__":
    unittest.main()
