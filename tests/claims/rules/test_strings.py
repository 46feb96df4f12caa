"""tests/claims/rules/test_strings.py: the rules of py/idiombench/claims/rules/strings.py
(C20, C21) on small synthetic runs (cases.py: SyntheticCase): the same rule gives `holds`
on one run and `fails` on another (and `partly` or `untestable` where the rule has those),
and the evidence carries the figures that decided it.

    python3 tests/claims/rules/test_strings.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import NEW, OLD, SyntheticCase, SyntheticRun, require_compare_tool  # noqa: E402
from idiombench.claims.rules import strings  # noqa: E402

require_compare_tool()


def c20_run(plus_ns, join_ns, plus_bytes, join_bytes, sizes=(100, 10000), label=NEW,
            counts=True):
    """Every += variant at plus_ns[n], every join at join_ns[n] (ns per build), and their
    bytes requested, at each size."""
    run = SyntheticRun([label])
    for n in sizes:
        for _, plus_case, join_case in strings.C20_PAIRS:
            run.time(label, "strings", plus_case, plus_ns[n], n=n)
            run.time(label, "strings", join_case, join_ns[n], n=n)
            if counts:
                run.count(label, "strings", plus_case, allocs=n, bytes=plus_bytes[n], n=n)
                run.count(label, "strings", join_case, allocs=5, bytes=join_bytes[n], n=n)
    return run


class TestC20(SyntheticCase):
    def test_holds_when_join_is_cheaper_everywhere(self):
        d = self.decide("C20", c20_run({100: 4000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "holds", "iadd / join_append) n=10000 join_append: 25.0x [24.4, "
                           "25.6] faster than iadd", "482x")

    def test_fails_when_join_is_no_cheaper(self):
        d = self.decide("C20", c20_run({100: 2000, 10000: 2e5}, {100: 2000, 10000: 2e5},
                                       {100: 5026, 10000: 830316},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "fails", "n=10000 join_append vs iadd: time 200 us vs 200 us, "
                           "1.00x [0.977, 1.02]", "not: bytes requested: join better",
                           "inconclusive: time: join better for iadd (n=100,10000)")

    def test_partly_names_the_sizes(self):
        d = self.decide("C20", c20_run({100: 2000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        # No difference beyond the noise at n=100 is no evidence against the claim.
        self.assertVerdict(d, "holds", "inconclusive: time: join better for iadd (n=100), "
                           "plus (n=100)", "1.00x [0.977, 1.02]")

    def test_partly_names_where_plus_is_faster(self):
        d = self.decide("C20", c20_run({100: 1000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "partly", "not: time: join better for iadd (n=100)",
                           "holds: time: join better for iadd (n=10000)")

    def test_time_alone_without_the_allocator_api(self):
        run = c20_run({100: 4000, 10000: 5e6}, {100: 2000, 10000: 2e5}, None, None,
                      label=OLD, counts=False)
        for _, plus_case, _ in strings.C20_PAIRS:
            run.unavailable(OLD, "strings", plus_case, "bytes_per_op",
                            "no allocator API in Python 2.7.18")
        d = self.decide("C20", run, OLD)
        self.assertVerdict(d, "holds", "no allocator API")


def c21_run(plus, fmt, fstring, label=NEW, plus_bytes=115, fmt_bytes=215,
            fstring_bytes=58, counts=True):
    """Times in ns (fstring None: the case is not run: needs a newer Python); bytes
    requested per string (counts=False: no allocator API, as on 2.7)."""
    run = SyntheticRun([label])
    cases = [("fmt_plus", plus, plus_bytes), ("fmt_format", fmt, fmt_bytes)]
    if fstring is None:
        run.unavailable(label, "strings", "fmt_fstring", "*", "needs Python 3.6+ (f-strings)")
    else:
        cases.append(("fmt_fstring", fstring, fstring_bytes))
    for case, ns, size in cases:
        run.time(label, "strings", case, ns)
        if counts:
            run.count(label, "strings", case, allocs=2, bytes=size)
        else:
            run.unavailable(label, "strings", case, "bytes_per_op",
                            "no allocator API in Python 2.7.18")
    return run


class TestC21(SyntheticCase):
    def test_holds_when_both_cost_less(self):
        d = self.decide("C21", c21_run(50.0, 30.0, 25.0, fmt_bytes=115))
        self.assertVerdict(d, "holds", "str.format: 1.67x [1.63, 1.71] faster than +",
                           "f-string: 2.00x [1.95, 2.05] faster than +",
                           "bytes f-string / + 0.504x (exact counts")

    def test_fails_when_both_cost_more(self):
        d = self.decide("C21", c21_run(50.0, 110.0, 80.0, fstring_bytes=115))
        self.assertVerdict(d, "fails", "2.20x", "1.60x")

    def test_inconclusive_when_the_time_is_within_the_noise_and_bytes_are_equal(self):
        d = self.decide("C21", c21_run(50.0, 50.0, 50.0, fmt_bytes=115, fstring_bytes=115))
        self.assertVerdict(d, "inconclusive", "inconclusive: str.format (", "within the noise")

    def test_partly_names_which(self):
        d = self.decide("C21", c21_run(50.0, 110.0, 28.0))
        self.assertVerdict(d, "partly", "holds: f-string; not: str.format",
                           "str.format: 2.20x [2.15, 2.25] slower than +", "1.87x")

    def test_fewer_bytes_in_the_same_time_is_better(self):
        d = self.decide("C21", c21_run(50.0, 50.0, 50.0, fmt_bytes=115))
        self.assertVerdict(d, "holds", "inconclusive: str.format", "bytes f-string / + 0.504x")

    def test_more_bytes_outweigh_a_faster_time(self):
        d = self.decide("C21", c21_run(50.0, 30.0, 30.0, fmt_bytes=215, fstring_bytes=215))
        self.assertVerdict(d, "fails", "1.67x [1.63, 1.71] faster than +",
                           "bytes str.format / + 1.87x (exact counts")

    def test_format_alone_where_f_strings_do_not_exist(self):
        d = self.decide("C21", c21_run(50.0, 30.0, None, label="3.5.10", fmt_bytes=115),
                        "3.5.10")
        self.assertVerdict(d, "holds", "needs Python 3.6+")
        d = self.decide("C21", c21_run(50.0, 110.0, None, label="3.5.10"), "3.5.10")
        self.assertVerdict(d, "fails", "needs Python 3.6+")

    def test_time_alone_without_the_allocator_api(self):
        d = self.decide("C21", c21_run(50.0, 30.0, None, label=OLD, counts=False), OLD)
        self.assertVerdict(d, "holds", "str.format: 1.67x [1.63, 1.71] faster than +",
                           "(strings/fmt_format: no allocator API")
        d = self.decide("C21", c21_run(50.0, 110.0, None, label=OLD, counts=False), OLD)
        self.assertVerdict(d, "fails", "2.20x [2.15, 2.25] slower than +")


if __name__ == "__main__":
    unittest.main()
