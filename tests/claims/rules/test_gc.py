"""tests/claims/rules/test_gc.py: the rules of py/idiombench/claims/rules/gc.py (C16) on small
synthetic runs (cases.py: SyntheticCase): the same rule gives `holds` on one run and
`fails` on another (and `partly` or `untestable` where the rule has those), and the
evidence carries the figures that decided it.

    python3 tests/claims/rules/test_gc.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import NEW, OLD, SyntheticCase, SyntheticRun, require_compare_tool  # noqa: E402

require_compare_tool()


def c16_run(order, label=NEW, per_generation=(91, 8, 0)):
    run = SyntheticRun([label])
    run.observe(label, "gc", "C16_get_threshold", (700, 10, 10))
    run.observe(label, "gc", "C16_generation_order", (len(order), tuple(order)))
    older = [i for i, g in enumerate(order) if g != 0]
    run.observe(label, "gc", "C16_first_older_collection",
                (order[older[0]], older[0]) if older else None)
    run.observe(label, "gc", "C16_collections_per_generation", per_generation)
    return run


class TestC16(SyntheticCase):
    def test_partly_when_the_youngest_is_collected_first(self):
        d = self.decide("C16", c16_run([0] * 11 + [1] + [0] * 5))
        self.assertVerdict(d, "partly", "3 generations", "youngest generation is collected "
                           "first", "after 11 of generation 0")

    def test_holds_when_the_oldest_is_collected_first(self):
        d = self.decide("C16", c16_run([2, 1, 0, 2], per_generation=(1, 1, 2)))
        self.assertVerdict(d, "holds", "2 1 0 2")

    def test_fails_without_generations(self):
        run = SyntheticRun([NEW])
        run.observe(NEW, "gc", "C16_get_threshold", (700,))
        self.assertVerdict(self.decide("C16", run), "fails", "1 generation)")

    def test_untestable_order_without_callbacks_or_stats(self):
        run = SyntheticRun([OLD])
        run.observe(OLD, "gc", "C16_get_threshold", (700, 10, 10))
        for name in ("C16_generation_order", "C16_first_older_collection"):
            run.observe_error(OLD, "gc", name,
                              "AttributeError: 'module' object has no attribute 'callbacks'")
        run.observe_error(OLD, "gc", "C16_collections_per_generation",
                          "AttributeError: 'module' object has no attribute 'get_stats'")
        run.unavailable(OLD, "gc", "cycles_gc_on", "gc_collections_gen0",
                        "no gc.get_stats in Python 2.7.18")
        d = self.decide("C16", run, OLD)
        self.assertVerdict(d, "untestable", "callbacks", "(700, 10, 10)")

    def test_measured_collections_decide_without_the_order_record(self):
        def run_with(young, old):
            run = SyntheticRun([NEW])
            run.observe(NEW, "gc", "C16_get_threshold", (700, 10, 10))
            for metric, value in (("gc_collections_gen0", young), ("gc_collections_gen2", old)):
                run.measure(NEW, "gc", "cycles_gc_on", metric, [value] * 3, n=1000)
            return run
        self.assertVerdict(self.decide("C16", run_with(11, 0)), "partly", "generation 0 11")
        self.assertVerdict(self.decide("C16", run_with(0, 5)), "holds", "generation 2 5")


if __name__ == "__main__":
    unittest.main()
