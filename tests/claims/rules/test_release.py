"""tests/claims/rules/test_release.py: the rules of py/idiombench/claims/rules/release.py
(C22) on small synthetic runs (cases.py: SyntheticCase): the same rule gives `holds` on one
run and `fails` on another (and `partly` or `untestable` where the rule has those), and the
evidence carries the figures that decided it.

    python3 tests/claims/rules/test_release.py

Needs build/idiombench-compare (make -f mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import NEW, OLD, SyntheticCase, SyntheticRun, memory, require_compare_tool  # noqa: E402

require_compare_tool()


def c22_run(closed=True, peak_without=202817, peak_with=202132, label=NEW, measured=True,
            count_after=2, cv=0.001):
    run = SyntheticRun([label])
    run.observe(label, "release", "C22_closed_after_with", closed)
    run.observe(label, "release", "C22_len_data_after_with", 65536)
    run.observe(label, "release", "C22_after_del_without_with", (False, True, True))
    run.observe(label, "release", "C22_getrefcount_without_with", 2)
    run.observe(label, "release", "C22_getrefcount_after_with", count_after)
    if measured:
        memory(run, label, "release", "open_rebind", "peak_bytes", peak_without, 1000, cv)
        memory(run, label, "release", "with_open", "peak_bytes", peak_with, 1000, cv)
        run.measure(label, "release", "open_rebind", "fds_delta", [0, 0, 0], n=1000)
        run.measure(label, "release", "open_kept", "fds_delta", [10, 10, 10], n=1000)
    return run


class TestC22(SyntheticCase):
    def test_partly_when_with_closes_but_frees_no_memory(self):
        d = self.decide("C22", c22_run())
        self.assertVerdict(d, "partly", "with closes the file", "not: with releases the file's memory",
                           "half the file")

    def test_holds_when_with_also_saves_the_file(self):
        d = self.decide("C22", c22_run(peak_without=268000, peak_with=202000))
        self.assertVerdict(d, "holds", "268 kB")

    def test_a_saving_smaller_than_half_the_file_does_not_count(self):
        d = self.decide("C22", c22_run(peak_without=212000, peak_with=202000))
        self.assertVerdict(d, "partly", "half the file (32768 bytes)")

    def test_equal_peaks_too_noisy_for_equivalence_still_rule_out_half_the_file(self):
        # 3 samples a side at 3% cv: the ratio's interval is wider than the 2% margin of
        # equivalence, but a 32768-byte saving of ~202 kB is far outside it.
        d = self.decide("C22", c22_run(peak_without=202300, peak_with=202300, cv=0.03))
        self.assertVerdict(d, "partly", "not: with releases the file's memory",
                           "leave no saving of half the file (32768 bytes)")

    def test_an_interval_that_reaches_half_the_file_is_inconclusive(self):
        d = self.decide("C22", c22_run(peak_without=202300, peak_with=202300, cv=0.3))
        self.assertVerdict(d, "holds", "inconclusive", "peak_bytes")

    def test_fails_when_with_neither_closes_nor_saves(self):
        d = self.decide("C22", c22_run(closed=False))
        self.assertVerdict(d, "fails", "f.closed right after the with block: False")

    def test_refcounts_decide_memory_without_tracemalloc(self):
        d = self.decide("C22", c22_run(label=OLD, measured=False), OLD)
        self.assertVerdict(d, "partly", "without with 2, after the with block 2")
        d = self.decide("C22", c22_run(label=OLD, measured=False, count_after=1), OLD)
        self.assertVerdict(d, "holds", "after the with block 1")


if __name__ == "__main__":
    unittest.main()
