"""The rules of claims C01-C11 (py/idiombench/claims/rules_a.py) on synthetic runs: each
verdict follows its evidence both ways (the same claim holds on one run and fails, or is
partly right, on another), and no verdict depends on the version's label.

    python3 -m unittest discover -s tests/claims
"""
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "py"))

from idiombench.claims import rules_a as rules  # noqa: E402
from idiombench.claims.run import VERDICTS, Run  # noqa: E402
from synthetic import SyntheticRun  # noqa: E402

L = "3.11.7"
OPERANDS = ["none", "true", "small_int", "large_int", "large_int_equal", "same_str",
            "equal_str", "eq_instance"]
TUPLES = ["same_tuple", "equal_tuple"]
SIZES = [10, 1000]


def catalogue(syn, label=L, skip=(), **changes):
    """The families C01-C11 read, as a CPython that behaves as the suite saw 3.11 do:
    `is` twice as fast as `==`, shallow copies sharing, deepcopy much dearer, ints of
    the small-int cache cached, identifier-like literals interned. changes replace an
    observation's value (name=value) or, for a measured case, its figures
    (time_<case>=ns, allocs_<case>=count, bytes_<case>=count, a dict {n: value} for a
    sized case); skip leaves families out."""
    def obs(family, name, value):
        if family in skip:
            return
        value = changes.get(name, value)
        if isinstance(value, Raised):
            syn.observe_error(label, family, name, value.error)
        else:
            syn.observe(label, family, name, value)

    def time(family, case, ns, n=None):
        if family in skip:
            return
        ns = changes.get("time_" + case, ns)
        if isinstance(ns, dict):
            ns = ns.get(n)
        if ns is not None:
            syn.time(label, family, case, ns, n=n)

    def count(family, case, allocs, bytes, n=None):
        if family in skip or family + "_counts" in skip:
            return
        allocs = changes.get("allocs_" + case, allocs)
        bytes = changes.get("bytes_" + case, bytes)
        if isinstance(allocs, dict):
            allocs = allocs.get(n)
        if isinstance(bytes, dict):
            bytes = bytes.get(n)
        syn.count(label, family, case, allocs=allocs, bytes=bytes, n=n)

    # identity
    for operand in OPERANDS + TUPLES:
        time("identity", "is_" + operand, 3.0)
        time("identity", "eq_" + operand, 6.0)
    for operand in OPERANDS:
        time("identity", "is_not_" + operand, 3.0)
        time("identity", "ne_" + operand, 6.0)
    time("identity", "id", 18.0)
    obs("identity", "C01_alias_same_id", True)
    obs("identity", "C01_id_stable", ("int", True))
    obs("identity", "C03_eq_overridden_is_not", (True, False))
    obs("identity", "C03_eq_false_is_true", (False, True))
    for name in ("C09_none_from_function", "C09_none_from_type", "C09_ellipsis_from_type",
                 "C09_ellipsis_name", "C09_notimplemented_from_eq",
                 "C09_notimplemented_from_type"):
        obs("identity", name, True)
    obs("identity", "C09_true_from_bool", (True, True))
    obs("identity", "C09_false_from_bool", (True, True))
    obs("identity", "C09_ids_equal_across_code", (True,) * 5)
    # mutability
    time("mutability", "append", 6.0)
    count("mutability", "append", 0.005, 75.0)
    for n in SIZES:
        time("mutability", "concat", 0.9 * n, n)
        count("mutability", "concat", 2, 8 * n + 16, n)
    time("mutability", "int_iadd_small", 8.0)
    count("mutability", "int_iadd_small", 0, 0)
    time("mutability", "int_iadd_medium", 10.0)
    count("mutability", "int_iadd_medium", 1, 32)
    time("mutability", "int_iadd_large", 15.0)
    count("mutability", "int_iadd_large", 1, 40)
    obs("mutability", "C04_append_keeps_id", True)
    obs("mutability", "C04_iadd_keeps_id", True)
    obs("mutability", "C04_concat_new_object", (False, [1], [1, 2]))
    obs("mutability", "C05_int_iadd_300", False)
    obs("mutability", "C05_int_iadd_5", False)
    obs("mutability", "C05_small_result_cached", True)
    obs("mutability", "C05_large_result_not_cached", False)
    obs("mutability", "C05_small_int_cache", (-5, 256))
    obs("mutability", "C06_alias_visible", ([1, 2, 3, 4], True))
    # copying
    for shape in ("flat", "nested"):
        for n in SIZES:
            time("copying", shape + "_alias", 1.5, n)
            count("copying", shape + "_alias", 0, 0, n)
            for copy in ("slice", "copy_method"):
                time("copying", "%s_%s" % (shape, copy), 1.0 * n, n)
                count("copying", "%s_%s" % (shape, copy), 1, 8 * n, n)
            time("copying", shape + "_deepcopy", 150.0 * n, n)
            count("copying", shape + "_deepcopy", 9 * n, 60 * 8 * n, n)
    for n in SIZES:
        time("copying", "dict_alias", 1.5, n)
        count("copying", "dict_alias", 0, 0, n)
        time("copying", "dict_copy_method", 3.0 * n, n)
        count("copying", "dict_copy_method", 1, 36 * n, n)
        time("copying", "dict_deepcopy", 500.0 * n, n)
        count("copying", "dict_deepcopy", 9 * n, 580 * n, n)
    obs("copying", "C06_alias_is", True)
    for name in ("C07_slice", "C07_copy_method", "C07_list_call", "C07_copy_copy",
                 "C07_dict_copy"):
        obs("copying", name, (False, True))
    obs("copying", "C07_slice_inner_change_visible", [[1, 2]])
    obs("copying", "C08_deepcopy", (False, False))
    obs("copying", "C08_deepcopy_inner_change_hidden", [[1]])
    obs("copying", "C08_deepcopy_shares_immutables", (True, True))
    # interning
    obs("interning", "C11_literal_separate_compiles", True)
    obs("interning", "C11_nonidentifier_separate_compiles", False)
    obs("interning", "C11_literal_same_code", True)
    obs("interning", "C11_nonidentifier_same_code", True)
    obs("interning", "C11_runtime_built", False)
    obs("interning", "C11_runtime_eq", True)
    return syn


class Raised(object):
    def __init__(self, error):
        self.error = error


class RuleTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="claims-rules-a.")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.count = 0

    def run_of(self, label=L, skip=(), unavailable=(), **changes):
        syn = catalogue(SyntheticRun([label]), label, skip, **changes)
        for family, case, metric, reason in unavailable:
            syn.unavailable(label, family, case, metric, reason)
        self.count += 1
        return Run(syn.write(os.path.join(self.dir, "run%d" % self.count)))

    def decide(self, claim, label=L, skip=(), unavailable=(), **changes):
        run = self.run_of(label, skip, unavailable, **changes)
        decision = rules.RULES[claim](run, label)
        self.assertIn(decision.verdict, VERDICTS)
        if decision.verdict in ("partly", "inconclusive", "untestable"):
            self.assertTrue(decision.conditions, decision)
        if decision.verdict != "untestable":
            self.assertTrue(decision.evidence, decision)
        return decision

    def verdict(self, claim, expected, **kwargs):
        decision = self.decide(claim, **kwargs)
        self.assertEqual(decision.verdict, expected, decision)
        return decision


class C01(RuleTest):
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
        decision = rules.decide_c01(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("no observations of identity", decision.conditions)


class C02(RuleTest):
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
        decision = rules.decide_c02(run, L)
        self.assertEqual(decision.verdict, "holds")
        self.assertIn("supported for 8 of 8 kinds", decision.evidence)
        self.assertIn("untested: True and small int", decision.evidence)

    def test_untestable_without_measurements(self):
        decision = self.verdict("C02", "untestable", skip=("identity",))
        self.assertIn("the identity family is not in this run", decision.conditions)

    def test_untestable_without_samples(self):
        syn = catalogue(SyntheticRun([L], samples=False))
        run = Run(syn.write(os.path.join(self.dir, "nosamples")))
        decision = rules.decide_c02(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("no samples.csv", decision.conditions)


class C03(RuleTest):
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


class C04(RuleTest):
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


class C05(RuleTest):
    def test_partly_for_results_in_the_small_int_cache(self):
        decision = self.verdict("C05", "partly")
        self.assertIn("small-int cache", decision.conditions)
        self.assertIn("int_iadd_small 0 allocs", decision.evidence)

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
        decision = rules.decide_c05(run, L)
        self.assertEqual(decision.verdict, "untestable")
        self.assertIn("C05_small_result_cached not recorded", decision.conditions)


class C06(RuleTest):
    def test_holds(self):
        self.verdict("C06", "holds")

    def test_fails_when_b_is_a_copy(self):
        decision = self.verdict("C06", "fails", C06_alias_visible=([1, 2, 3], False),
                                C06_alias_is=False)
        self.assertIn("a change through b shows through a", decision.conditions)


class C07(RuleTest):
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


class C08(RuleTest):
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


class C09(RuleTest):
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


class C10(RuleTest):
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


class C11(RuleTest):
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


class NoVersionInTheRules(RuleTest):
    def test_the_same_data_gets_the_same_verdicts_whatever_the_label(self):
        for claim in sorted(rules.RULES):
            seen = set()
            for label in ("2.7.18", "3.6.15", "3.13.0"):
                decision = self.decide(claim, label=label)
                seen.add((decision.verdict, decision.conditions))
            self.assertEqual(len(seen), 1, (claim, seen))


if __name__ == "__main__":
    unittest.main()
