"""tests/claims/rules/test_mutability.py: the rules of
py/idiombench/claims/rules/mutability.py (C04, C05, C06) on runs of the whole catalogue
(cases.py: CatalogueCase): each verdict follows its evidence both ways (the same claim
holds on one run and fails, or is partly right, on another), and no verdict depends on the
version's label.

    python3 tests/claims/rules/test_mutability.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import CatalogueCase, L, Raised, SyntheticRun, catalogue  # noqa: E402
from idiombench.claims.run import Run  # noqa: E402
from idiombench.claims.rules import mutability  # noqa: E402


class C04(CatalogueCase):
    def test_holds(self):
        decision = self.verdict("C04", "holds")
        self.assertIn("n=1000 2 allocs 8016 bytes", decision.evidence)

    def test_fails_when_append_moves_the_list_and_plus_is_in_place(self):
        self.verdict("C04", "fails", C04_append_keeps_id=False, C04_iadd_keeps_id=False,
                     C04_concat_new_object=(True, [1, 2], [1, 2]),
                     allocs_concat=0.005, bytes_concat=75)

    def test_partly_when_plus_allocates_nothing_at_some_size(self):
        decision = self.verdict("C04", "partly", allocs_concat={10: 0, 1000: 2})
        self.assertIn("n=10", decision.conditions)

    def test_decided_without_allocation_counts(self):
        decision = self.verdict("C04", "holds", skip=("mutability_counts",), unavailable=[
            ("mutability", "concat", "allocs_per_op", "no allocator API in Python 2.7.18"),
            ("mutability", "append", "allocs_per_op", "no allocator API in Python 2.7.18")])
        self.assertIn("no allocator API", decision.evidence)


class C05(CatalogueCase):
    def test_partly_for_results_in_the_small_int_cache(self):
        decision = self.verdict("C05", "partly")
        self.assertIn("small-int cache", decision.conditions)
        self.assertIn("int_iadd_small 0 allocs", decision.evidence)
        # The deciding figure names the contradicted condition as not holding: it used
        # to give the claim's own words after "but", the opposite of what was found.
        self.assertIn("; but not: a new object for results inside the small-int cache",
                      decision.deciding)

    def test_holds_when_every_result_is_new(self):
        self.verdict("C05", "holds", C05_small_result_cached=False, allocs_int_iadd_small=1)

    def test_the_cache_range_is_the_interpreters(self):
        # 3.15 caches -5..1024 (up to 3.14: -5..256): the text quotes what was observed.
        for ends in ((-5, 256), (-5, 1024)):
            decision = self.verdict("C05", "partly", C05_small_int_cache=ends)
            self.assertIn("small-int cache (%d..%d)" % ends, decision.conditions)
            self.assertIn("i = %d; i += 10; i is int('%d')" % (ends[1], ends[1] + 10),
                          decision.evidence)

    def test_no_range_quoted_without_its_observation(self):
        decision = self.verdict("C05", "partly", skip=(), C05_small_int_cache=Raised("X: y"))
        self.assertNotIn("256", decision.conditions)

    def test_fails_when_the_int_changes_in_place(self):
        self.verdict("C05", "fails", C05_int_iadd_300=True, C05_int_iadd_5=True,
                     C05_large_result_not_cached=True)

    def test_untestable_without_the_observations(self):
        syn = catalogue(SyntheticRun([L]))
        syn.observations = [o for o in syn.observations if o[2] != "C05_small_result_cached"]
        run = Run(syn.write(os.path.join(self.dir, "counts")))
        decision = mutability.decide_c05(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("C05_small_result_cached not recorded", decision.conditions)


class C06(CatalogueCase):
    def test_holds(self):
        self.verdict("C06", "holds")

    def test_fails_when_b_is_a_copy(self):
        decision = self.verdict("C06", "fails", C06_alias_visible=([1, 2, 3], False),
                                C06_alias_is=False)
        self.assertIn("a change through b shows through a", decision.conditions)


class NoVersionInTheRules(CatalogueCase):
    def test_the_same_data_gets_the_same_verdicts_whatever_the_label(self):
        self.assert_same_whatever_the_label(mutability.RULES)


if __name__ == "__main__":
    unittest.main()
