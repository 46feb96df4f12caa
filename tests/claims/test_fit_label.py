"""What a complexity fit decides (py/idiombench/run/fit_label.py), on given rms errors.

    python3 -m unittest discover -s tests/claims
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "py"))

from idiombench.run.fit_label import DECISIVE_RATIO, fit_label, fit_text, read_fit  # noqa: E402


def row(o1, on, onlogn, on2):
    return {"rms_o1": str(o1), "rms_on": str(on), "rms_onlogn": str(onlogn),
            "rms_on2": str(on2), "best_fit": "O(1)"}


class Decisive(unittest.TestCase):
    def test_a_curve_far_better_than_all_others_decides(self):
        fit = read_fit(row(1.6, 0.05, 0.2, 0.9))
        self.assertTrue(fit.decided)
        self.assertEqual(fit_label(fit), "O(n)")
        self.assertIn("4.0x smaller", fit_text(fit))

    def test_two_curves_within_the_ratio_are_not_told_apart(self):
        # flat_slice on 2.7.18 in the fixture: O(n^2) least, O(n log n) close.
        fit = read_fit(row(1.92, 0.151, 0.108, 0.0439))
        self.assertTrue(fit.decided)  # 0.108 / 0.0439 = 2.46
        fit = read_fit(row(1.65, 0.114, 0.152, 0.286))
        self.assertFalse(fit.decided)
        self.assertEqual(fit_label(fit), "O(n) or O(n log n)?")
        self.assertIn("undecided between O(n) and O(n log n)", fit_text(fit))

    def test_the_edge_of_the_ratio(self):
        self.assertTrue(read_fit(row(1.0, 0.1, 0.1 * DECISIVE_RATIO, 1.0)).decided)
        self.assertFalse(read_fit(row(1.0, 0.1, 0.1 * DECISIVE_RATIO * 0.99, 1.0)).decided)

    def test_an_exact_fit_decides(self):
        fit = read_fit(row(0.5, 0.0, 0.1, 0.3))
        self.assertTrue(fit.decided)
        self.assertIn("fits exactly", fit_text(fit))

    def test_a_row_without_the_errors_gives_no_fit(self):
        self.assertIsNone(read_fit({"best_fit": "O(n)"}))
        self.assertIsNone(read_fit(row("", 0.1, 0.2, 0.3)))
        self.assertIsNone(read_fit(row("nan?", 0.1, 0.2, 0.3)))


if __name__ == "__main__":
    unittest.main()
