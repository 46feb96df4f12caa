"""tests/claims/rules/cases.py: what the tests of the rules (tests/claims/rules/test_*.py)
share: the paths, the registry of every rule (RULES), and two kinds of test case on
synthetic runs (tests/claims/synthetic.py) read by the real idiombench.claims.run.Run,
whose contrasts come from build/idiombench-compare:

    CatalogueCase   a run of the whole catalogue as 3.11 behaves (catalogue()), changed
                    by a test where it needs: verdict("C04", "partly", allocs_concat=...)
    SyntheticCase   a run a test builds itself: decide("C12", run, label)

Standard library only; Python 3.6+.
"""
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), "py"))

from idiombench.claims.rules import load_rules  # noqa: E402
from idiombench.claims.run import VERDICTS, Run, compare_tool  # noqa: E402
from synthetic import SyntheticRun, spread  # noqa: E402

RULES = load_rules()[0]
NEW = "3.11.7"
OLD = "2.7.18"
L = NEW
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


class CatalogueCase(unittest.TestCase):
    """Runs of the whole catalogue (catalogue()), changed where a test says."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="claims-rules.")
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
        decision = RULES[claim](run, label)
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

    def assert_same_whatever_the_label(self, claims):
        """No verdict depends on the version's label: the same data decides alike."""
        for claim in sorted(claims):
            seen = set()
            for label in ("2.7.18", "3.6.15", "3.13.0"):
                decision = self.decide(claim, label=label)
                seen.add((decision.verdict, decision.conditions))
            self.assertEqual(len(seen), 1, (claim, seen))


class SyntheticCase(unittest.TestCase):
    """Writes synthetic runs into a temporary folder and reads them back."""

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="claims-rules.")
        self.count = 0

    def tearDown(self):
        shutil.rmtree(self.scratch, ignore_errors=True)

    def read(self, synthetic):
        self.count += 1
        folder = synthetic.write(os.path.join(self.scratch, "run%d" % self.count))
        return Run(folder)

    def decide(self, claim, synthetic, label=NEW):
        decision = RULES[claim](self.read(synthetic), label)
        self.assertIn(decision.verdict, VERDICTS)
        return decision

    def assertVerdict(self, decision, verdict, *in_evidence):
        self.assertEqual(decision.verdict, verdict, decision)
        for text in in_evidence:
            self.assertIn(text, decision.evidence + " | " + decision.conditions)


def memory(run, label, family, case, metric, median, n, cv=0.001, k=3):
    """k samples of a memory figure around median (per run)."""
    return run.measure(label, family, case, metric, spread(median, cv, k), n=n, loops=10)


def require_compare_tool():
    """Skips the calling test module without build/idiombench-compare."""
    tool = compare_tool()
    if not os.access(tool, os.X_OK):
        raise unittest.SkipTest("%s is missing: build it with make -f mk/compare.mk" % tool)
