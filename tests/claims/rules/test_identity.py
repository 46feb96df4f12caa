"""tests/claims/rules/test_identity.py: the rules of py/idiombench/claims/rules/identity.py
(C01, C02, C03, C09, C10) on runs of the whole catalogue (cases.py: CatalogueCase): each
verdict follows its evidence both ways (the same claim holds on one run and fails, or is
partly right, on another), and no verdict depends on the version's label.

    python3 tests/claims/rules/test_identity.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import CatalogueCase, L, OPERANDS, Raised, SyntheticRun, TUPLES, catalogue  # noqa: E402
from idiombench.claims.run import Run  # noqa: E402
from idiombench.claims.rules import identity  # noqa: E402


class C01(CatalogueCase):
    def test_holds_when_names_share_the_id(self):
        decision = self.verdict("C01", "holds")
        self.assertIn("id(a) == id(b) -> True", decision.evidence)
        self.assertIn("0 bytes", decision.evidence)

    def test_fails_when_a_second_name_has_another_id(self):
        self.verdict("C01", "fails", C01_alias_same_id=False, C01_id_stable=("int", False))

    def test_partly_when_binding_copies_the_value(self):
        decision = self.verdict("C01", "partly", bytes_flat_alias={10: 0, 1000: 8016})
        self.assertIn("binding a name copies nothing", decision.conditions)

    def test_untestable_without_the_identity_family(self):
        decision = self.verdict("C01", "untestable", skip=("identity",))
        self.assertEqual(decision.conditions, "missing: the identity family is not in this run")

    def test_untestable_without_observations(self):
        syn = catalogue(SyntheticRun([L]))
        syn.observations = [o for o in syn.observations if o[1] != "identity"]
        run = Run(syn.write(os.path.join(self.dir, "noobs")))
        decision = identity.decide_c01(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("no observations of identity", decision.conditions)


class C02(CatalogueCase):
    def test_holds_when_is_is_faster_for_every_operand(self):
        decision = self.verdict("C02", "holds")
        self.assertIn("None: `is`: 2.00x [1.95, 2.05] faster than `==` (3.00 ns vs 6.00 ns)",
                      decision.evidence)
        self.assertIn("supported for 10 of 10 kinds", decision.evidence)

    def test_inconclusive_when_no_difference_is_beyond_the_noise(self):
        changes = dict(("time_eq_" + o, 3.0) for o in OPERANDS + TUPLES)
        decision = self.verdict("C02", "inconclusive", **changes)
        self.assertIn("within the noise", decision.evidence)
        self.assertIn("inconclusive: None (time 1.00x [0.977, 1.02]", decision.conditions)

    def test_fails_when_eq_is_faster(self):
        changes = dict(("time_eq_" + o, 2.0) for o in OPERANDS + TUPLES)
        self.verdict("C02", "fails", **changes)

    def test_partly_names_the_operands(self):
        decision = self.verdict("C02", "partly", time_eq_small_int=2.0, time_eq_same_str=2.0)
        self.assertIn("not for: small int and same str", decision.conditions)
        self.assertIn("supported for 8, contradicted for 2 of 10 kinds", decision.evidence)

    def test_a_kind_within_the_noise_leaves_it_holding(self):
        decision = self.verdict("C02", "holds", time_eq_small_int=3.0)
        self.assertIn("inconclusive: small int (time 1.00x", decision.conditions)

    def test_decided_on_the_operands_measured(self):
        syn = catalogue(SyntheticRun([L]))
        for operand in ("true", "small_int"):
            del syn.series[(L, "identity", "is_" + operand, None, "time_per_op")]
        run = Run(syn.write(os.path.join(self.dir, "partial")))
        decision = identity.decide_c02(run, L)
        self.assertEqual(decision.verdict, "holds")
        self.assertIn("supported for 8 of 8 kinds", decision.evidence)
        self.assertIn("untested: True and small int", decision.evidence)

    def test_untestable_without_measurements(self):
        decision = self.verdict("C02", "untestable", skip=("identity",))
        self.assertIn("the identity family is not in this run", decision.conditions)

    def test_untestable_without_samples(self):
        syn = catalogue(SyntheticRun([L], samples=False))
        run = Run(syn.write(os.path.join(self.dir, "nosamples")))
        decision = identity.decide_c02(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("no samples.csv", decision.conditions)


class C03(CatalogueCase):
    def test_holds(self):
        decision = self.verdict("C03", "holds")
        self.assertIn("(True, False)", decision.evidence)
        self.assertIn("its price", decision.evidence)

    def test_fails_when_eq_ignores_eq_and_is_follows_it(self):
        self.verdict("C03", "fails", C03_eq_overridden_is_not=(False, True),
                     C03_eq_false_is_true=(True, False))

    def test_partly_when_is_follows_eq(self):
        decision = self.verdict("C03", "partly", C03_eq_overridden_is_not=(True, True))
        self.assertIn("not: is ignores __eq__", decision.conditions)


class C09(CatalogueCase):
    def test_holds(self):
        decision = self.verdict("C09", "holds")
        self.assertIn("None: 3 of 3 ways", decision.evidence)

    def test_ways_that_raise_are_not_counted(self):
        decision = self.verdict("C09", "holds", C09_none_from_type=Raised(
            "TypeError: cannot create 'NoneType' instances"))
        self.assertIn("None: 2 of 2 ways", decision.evidence)
        self.assertIn("TypeError", decision.evidence)

    def test_partly_when_one_is_not_a_singleton(self):
        decision = self.verdict("C09", "partly", C09_notimplemented_from_type=False)
        self.assertIn("not: NotImplemented", decision.conditions)

    def test_fails_when_none_is(self):
        self.verdict("C09", "fails", C09_ids_equal_across_code=(False,) * 5,
                     C09_none_from_function=False, C09_true_from_bool=(False, True),
                     C09_false_from_bool=(True, False), C09_ellipsis_name=False,
                     C09_notimplemented_from_eq=False)


class C10(CatalogueCase):
    def test_holds(self):
        self.verdict("C10", "holds")

    def test_partly_when_is_none_is_slower(self):
        decision = self.verdict("C10", "partly", time_eq_none=2.0)
        self.assertIn("not: is None faster than == None", decision.conditions)

    def test_holds_when_is_none_is_within_the_noise(self):
        decision = self.verdict("C10", "holds", time_eq_none=3.0)
        self.assertIn("inconclusive: is None faster than == None (time 1.00x [0.977, 1.02]",
                      decision.conditions)

    def test_is_not_is_reported_but_does_not_decide(self):
        decision = self.verdict("C10", "holds", time_ne_none=3.0, time_ne_true=3.0)
        self.assertIn("beside it, `x is not None` vs `x != None`: time 3.00 ns vs 3.00 ns",
                      decision.evidence)

    def test_fails_when_neither_faster_nor_more_reliable(self):
        self.verdict("C10", "fails", time_eq_none=3.0, time_eq_true=3.0,
                     C03_eq_overridden_is_not=(False, False))


class NoVersionInTheRules(CatalogueCase):
    def test_the_same_data_gets_the_same_verdicts_whatever_the_label(self):
        self.assert_same_whatever_the_label(identity.RULES)


if __name__ == "__main__":
    unittest.main()
