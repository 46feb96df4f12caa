"""The rules' shared vocabulary (py/idiombench/claims/vocabulary.py) on synthetic runs: each
condition comes out supported, contradicted or inconclusive; equivalence by TOST;
instruction counts against the practical threshold at its edges; instructions deciding
where they and time disagree, and the evidence saying so.

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

from idiombench.claims import vocabulary as words  # noqa: E402
from idiombench.claims.rules import copying, identity  # noqa: E402
from idiombench.claims.run import Run  # noqa: E402
from idiombench.claims.vocabulary import CONTRADICTED, INCONCLUSIVE, PRACTICAL, SUPPORTED  # noqa: E402
from synthetic import SyntheticRun  # noqa: E402

L = "3.11.7"


class ExactContrasts(unittest.TestCase):
    """Equal samples: decisive for counts, and for figures that vary from process to
    process only with MIN_EXACT_SAMPLES a side."""

    @staticmethod
    def exact(metric, per_side, reference=1688.0, candidate=1622.0):
        from idiombench.claims.run import Contrast
        verdict = "lower" if candidate < reference else "no difference"
        ratio = candidate / reference
        return Contrast(ratio, ratio, ratio, verdict, reference, candidate, "bytes", "exact",
                        0.0, (per_side, per_side), metric)

    def test_two_equal_memory_samples_a_side_decide_nothing(self):
        self.assertIsNone(words.effect(self.exact("retained_bytes", 2)))
        self.assertIsNone(words.effect(self.exact("peak_bytes", 2, 100.0, 100.0)))

    def test_three_equal_memory_samples_a_side_decide(self):
        self.assertEqual(words.effect(self.exact("retained_bytes", words.MIN_EXACT_SAMPLES)),
                         "lower")
        self.assertEqual(words.effect(self.exact("peak_bytes", 3, 100.0, 100.0)), "same")

    def test_counts_are_exact_with_two_samples(self):
        self.assertEqual(words.effect(self.exact("allocs_per_op", 2)), "lower")
        self.assertEqual(words.effect(self.exact("instructions_per_op", 2, 70.0, 70.0)), "same")

    def test_the_wording_says_why_equal_samples_decide_or_not(self):
        self.assertEqual(words.contrast_text(self.exact("allocs_per_op", 2)),
                         "0.961x (exact counts, 2+2 samples)")
        self.assertEqual(words.contrast_text(self.exact("retained_bytes", 2)),
                         "0.961x (2+2 samples, each side's equal: too few for a figure that "
                         "varies by process)")

    def test_no_ratio_of_arithmetic_means(self):
        # A time sample <= 0: idiombench-compare compares arithmetic means (welch), whose
        # ratio (16.9x seen, the medians' 6.8x) is not quoted; the medians are.
        from idiombench.claims.run import Contrast
        welch = Contrast(0.0592, 0.0358, 0.172, "faster", 15.5, 2.27, "ns", "welch", 0.001,
                         (5, 5), "time_per_op")
        self.assertEqual(words.contrast_text(welch), "2.27 ns against 15.5 ns (5+5 samples, "
                                                     "faster)")
        self.assertEqual(words.time_text(welch._replace(verdict="slower")),
                         "faster (by mean times: a sample <= 0 leaves no ratio)")

    def test_no_ratio_is_quoted_across_zero(self):
        # Retained bytes can be negative (the heap ended smaller than it began): the
        # medians are given instead of a ratio such as -0.0000463x.
        crossing = self.exact("retained_bytes", 3, 3630000.0, -168.0)
        self.assertEqual(words.contrast_text(crossing),
                         "-168 bytes against 3.63 MB (3+3 samples, each side's equal)")
        self.assertEqual(words.effect(crossing), "lower")
        zero = self.exact("allocs_per_op", 3, 2.0, 0.0)._replace(unit="allocs")
        self.assertEqual(words.contrast_text(zero), "0 allocs against 2 allocs "
                                                    "(3+3 samples, each side's equal)")


class Vocabulary(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="claims-vocabulary.")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.count = 0

    def run_of(self, times=None, counts=None, cv=0.02):
        """is_none against eq_none: times {case: ns}, counts {case: [samples]}."""
        syn = SyntheticRun([L])
        for case, ns in (times or {}).items():
            syn.time(L, "identity", case, ns, cv=cv)
        for case, values in (counts or {}).items():
            syn.instructions(L, "identity", case, values)
        self.count += 1
        return Run(syn.write(os.path.join(self.dir, "run%d" % self.count)))

    def condition(self, claimed="higher", **kwargs):
        return words.speed_part(self.run_of(**kwargs), L, "identity", "is_none", "eq_none",
                                "is None faster", "`x is None`", "`x == None`",
                                claimed=claimed)

    # --- time alone -----------------------------------------------------------------

    def test_time_beyond_the_noise_supports(self):
        found = self.condition(times={"is_none": 3.0, "eq_none": 6.0})
        self.assertEqual(found.outcome, SUPPORTED)
        self.assertIn("`x is None`: 2.00x [1.95, 2.05] faster than `x == None`", found.evidence)

    def test_the_opposite_beyond_the_noise_contradicts(self):
        found = self.condition(times={"is_none": 6.0, "eq_none": 3.0})
        self.assertEqual(found.outcome, CONTRADICTED)
        self.assertIn("2.00x [1.95, 2.05] slower than `x == None`", found.evidence)

    def test_no_difference_beyond_the_noise_is_inconclusive_with_its_interval(self):
        found = self.condition(times={"is_none": 3.0, "eq_none": 3.3}, cv=0.3)
        self.assertEqual(found.outcome, INCONCLUSIVE)
        self.assertIn("95% CI", found.interval)
        self.assertIn("within the noise", found.interval)

    def test_tost_equivalence_contradicts_an_effect_and_supports_an_equality(self):
        # cv 0.2%: the 95% interval of the ratio lies well within +-2% of 1.
        timed = {"is_none": 3.0, "eq_none": 3.0}
        effect = self.condition(times=timed, cv=0.002)
        self.assertEqual(effect.outcome, CONTRADICTED)
        self.assertIn("equivalent within +-2%", effect.evidence)
        same = self.condition(claimed="same", times=timed, cv=0.002)
        self.assertEqual(same.outcome, SUPPORTED)

    def test_an_interval_wider_than_the_margin_shows_no_equivalence(self):
        # cv 2%, 5 samples: [0.977, 1.02] reaches past 1/1.02 = 0.980.
        same = self.condition(claimed="same", times={"is_none": 3.0, "eq_none": 3.0})
        self.assertEqual(same.outcome, INCONCLUSIVE)

    # --- instructions ---------------------------------------------------------------

    def test_instructions_alone_decide_and_are_worded(self):
        found = self.condition(counts={"is_none": [65, 65], "eq_none": [119, 119]})
        self.assertEqual(found.outcome, SUPPORTED)
        self.assertEqual(found.evidence,
                         "`x is None`: 54 fewer instructions (65 vs 119) than `x == None`")

    def test_both_figures_in_the_evidence(self):
        found = self.condition(times={"is_none": 3.0, "eq_none": 4.5},
                               counts={"is_none": [65, 65], "eq_none": [119, 119]})
        self.assertEqual(found.outcome, SUPPORTED)
        self.assertIn("`x is None`: 54 fewer instructions (65 vs 119) and 1.50x [1.47, 1.53] "
                      "faster than `x == None` (3.00 ns vs 4.50 ns)", found.evidence)
        self.assertNotIn("disagree", found.evidence)

    def test_the_threshold_at_its_edges(self):
        # At least PRACTICAL.instructions per op AND PRACTICAL.share of the reference.
        self.assertEqual(PRACTICAL, (0.02, 5))
        cases = [
            (100, 105, SUPPORTED),      # 5 instructions, 5%: both met
            (100, 104, CONTRADICTED),   # 4 instructions: too few
            (1000, 1020, SUPPORTED),    # 20 instructions, exactly 2%
            (1000, 1019, CONTRADICTED),  # 19 instructions: 1.9%
            (250, 255, SUPPORTED),      # 5 and 2%: both exactly at the edge
            (250, 254, CONTRADICTED),
        ]
        for reference, candidate, expected in cases:
            found = self.condition(counts={"is_none": [reference] * 2,
                                           "eq_none": [candidate] * 2})
            self.assertEqual(found.outcome, expected, (reference, candidate, found))
        equal = self.condition(counts={"is_none": [1000] * 2, "eq_none": [1019] * 2})
        self.assertIn("as many instructions, within the threshold (1000 vs 1019)",
                      equal.evidence)

    def test_fractional_counts_are_compared_whole_and_shown_whole(self):
        # 2.7's `x == 1` costs what `x is 1` does: counts a fraction apart are equal.
        found = self.condition(counts={"is_none": [137.21, 137.23],
                                       "eq_none": [136.207, 136.23]})
        self.assertEqual(found.outcome, CONTRADICTED)
        self.assertIn("as many instructions, within the threshold (137 vs 136)", found.evidence)

    def test_samples_that_straddle_the_threshold_are_inconclusive(self):
        found = self.condition(counts={"is_none": [100, 100], "eq_none": [103, 106]})
        self.assertEqual(found.outcome, INCONCLUSIVE)
        self.assertIn("103..106", found.evidence)

    def test_instructions_decide_where_time_disagrees_and_the_evidence_says_so(self):
        found = self.condition(times={"is_none": 6.0, "eq_none": 3.0},
                               counts={"is_none": [65, 65], "eq_none": [119, 119]})
        self.assertEqual(found.outcome, SUPPORTED)
        self.assertIn("instructions and time disagree beyond the noise", found.evidence)
        equal = self.condition(times={"is_none": 3.0, "eq_none": 6.0},
                               counts={"is_none": [65, 65], "eq_none": [66, 66]})
        self.assertEqual(equal.outcome, CONTRADICTED)
        self.assertIn("instructions and time disagree beyond the noise", equal.evidence)

    def test_time_within_the_noise_does_not_disagree_with_instructions(self):
        found = self.condition(times={"is_none": 3.0, "eq_none": 3.3}, cv=0.3,
                               counts={"is_none": [65, 65], "eq_none": [119, 119]})
        self.assertEqual(found.outcome, SUPPORTED)
        self.assertNotIn("disagree", found.evidence)
        self.assertIn("within the noise", found.evidence)

    def test_deepcopy_against_a_shallow_copy_on_instructions_alone(self):
        syn = SyntheticRun([L])
        for n, deep in ((10, 15000), (1000, 1500)):
            syn.instructions(L, "copying", "nested_slice", [1000, 1000], n=n)
            syn.instructions(L, "copying", "nested_deepcopy", [deep, deep + 3], n=n)
        run = Run(syn.write(os.path.join(self.dir, "c08")))
        parts, text, why = copying.much_dearer_parts(run, L, "time_per_op", "time", "nested",
                                                     "nested_deepcopy", "nested_slice")
        self.assertEqual(why, "")
        self.assertEqual([(p.name, p.outcome) for p in parts], [
            ("much higher time, nested at n=1000", CONTRADICTED),
            ("much higher time, nested at n=10", SUPPORTED)])
        self.assertIn("15x instructions at n=10", text)

    # --- a whole claim --------------------------------------------------------------

    def test_c10_on_instructions_alone(self):
        syn = SyntheticRun([L])
        for kind, counts in (("none", (65, 119)), ("true", (65, 121))):
            syn.instructions(L, "identity", "is_" + kind, [counts[0]] * 2)
            syn.instructions(L, "identity", "eq_" + kind, [counts[1]] * 2)
        syn.observe(L, "identity", "C03_eq_overridden_is_not", (True, False))
        run = Run(syn.write(os.path.join(self.dir, "c10")))
        decision = identity.decide_c10(run, L)
        self.assertEqual(decision.verdict, "holds", decision)
        self.assertIn("`x is None`: 54 fewer instructions (65 vs 119) than `x == None`",
                      decision.evidence)

    def test_c10_with_every_speed_inconclusive_and_reliability_untested_is_inconclusive(self):
        syn = SyntheticRun([L])
        for kind in ("none", "true"):
            syn.time(L, "identity", "is_" + kind, 3.0, cv=0.3)
            syn.time(L, "identity", "eq_" + kind, 3.3, cv=0.3)
        syn.observe(L, "identity", "C01_alias_same_id", True)
        run = Run(syn.write(os.path.join(self.dir, "c10")))
        decision = identity.decide_c10(run, L)
        self.assertEqual(decision.verdict, "untestable", decision)
        syn.observe(L, "identity", "C03_eq_overridden_is_not", (True, True))
        run = Run(syn.write(os.path.join(self.dir, "c10b")))
        decision = identity.decide_c10(run, L)
        # Reliability contradicted, speed inconclusive: fails, never partly.
        self.assertEqual(decision.verdict, "fails", decision)
        self.assertIn("inconclusive: is None faster than == None (time", decision.conditions)


if __name__ == "__main__":
    unittest.main()
