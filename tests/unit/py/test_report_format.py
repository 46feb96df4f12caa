"""py/idiombench/report/format.py: a ratio's interval is shown with the digits that tell
its bounds apart, and no more."""
import os
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.report.format import fmt_ratio_interval  # noqa: E402


class RatioInterval(unittest.TestCase):
    def test_two_decimals_where_they_tell_the_bounds_apart(self):
        self.assertEqual(fmt_ratio_interval(2.5, 1.95, 3.1), ("2.50×", "1.95", "3.10"))
        self.assertEqual(fmt_ratio_interval(0.049, 0.031, 0.07), ("0.049×", "0.031", "0.070"))

    def test_more_where_they_do_not(self):
        # Seen in a report: "1.00 [1.00-1.00]" for bytes that differ by 0.01%.
        self.assertEqual(fmt_ratio_interval(1.00012, 1.0001, 1.0002),
                         ("1.0001×", "1.0001", "1.0002"))

    def test_equal_bounds_stay_short(self):
        self.assertEqual(fmt_ratio_interval(1.0, 1.0, 1.0), ("1.00×", "1.00", "1.00"))


if __name__ == "__main__":
    unittest.main()
