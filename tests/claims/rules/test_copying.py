"""tests/claims/rules/test_copying.py: the rules of py/idiombench/claims/rules/copying.py
(C07, C08) on runs of the whole catalogue (cases.py: CatalogueCase): each verdict follows
its evidence both ways (the same claim holds on one run and fails, or is partly right, on
another), and no verdict depends on the version's label.

    python3 tests/claims/rules/test_copying.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import CatalogueCase, Raised  # noqa: E402
from idiombench.claims.rules import copying  # noqa: E402


class C07(CatalogueCase):
    def test_holds(self):
        decision = self.verdict("C07", "holds")
        self.assertIn("80/8000 vs 80/8000", decision.evidence)

    def test_partly_where_list_copy_does_not_exist(self):
        decision = self.verdict("C07", "partly", C07_copy_method=Raised(
            "AttributeError: 'list' object has no attribute 'copy'"))
        self.assertIn("not: list.copy()", decision.conditions)
        self.assertIn("AttributeError", decision.evidence)

    def test_partly_when_a_nested_copy_asks_for_more_bytes(self):
        decision = self.verdict("C07", "partly", bytes_nested_slice={10: 80, 1000: 40000})
        self.assertIn("a[:] copies nothing nested", decision.conditions)

    def test_fails_when_copies_are_deep(self):
        changes = dict((name, (False, False)) for name in (
            "C07_slice", "C07_copy_method", "C07_list_call", "C07_copy_copy", "C07_dict_copy"))
        self.verdict("C07", "fails", C07_slice_inner_change_visible=[[1]],
                     bytes_nested_slice={10: 800, 1000: 80000},
                     bytes_nested_copy_method={10: 800, 1000: 80000}, **changes)


class C08(CatalogueCase):
    def test_holds(self):
        decision = self.verdict("C08", "holds")
        self.assertIn("nested 150x [147, 153] at n=10", decision.evidence)
        self.assertIn("2 of 2 sizes >= 2x", decision.evidence)

    def test_partly_when_deepcopy_is_not_much_dearer(self):
        decision = self.verdict("C08", "partly", time_nested_deepcopy={10: 11.0, 1000: 150000.0})
        self.assertIn("much higher time, nested at n=10", decision.conditions)

    def test_fails_when_nested_objects_are_shared(self):
        self.verdict("C08", "fails", C08_deepcopy=(False, True),
                     C08_deepcopy_inner_change_hidden=[[1, 2]])

    def test_decided_on_time_without_allocation_counts(self):
        self.verdict("C08", "holds", skip=("copying_counts",))


class NoVersionInTheRules(CatalogueCase):
    def test_the_same_data_gets_the_same_verdicts_whatever_the_label(self):
        self.assert_same_whatever_the_label(copying.RULES)


if __name__ == "__main__":
    unittest.main()
