"""py/idiombench/run/baselines.py: a run of one host has one baseline, named as it always
was; a run make merge folded from several hosts has one per host, and each label's ratios
are to its own host's."""
import os
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.run.baselines import Baselines  # noqa: E402


class OneHost(unittest.TestCase):
    def test_the_main_baseline_is_the_only_one_and_keeps_its_name(self):
        one = Baselines("3.6.15", [], [("3.11.7", "3.6.15"), ("3.13.0", "3.6.15")])
        self.assertFalse(one.several)
        self.assertTrue(one.is_baseline("3.6.15"))
        self.assertFalse(one.is_baseline("3.11.7"))
        self.assertEqual(one.of("3.13.0"), "3.6.15")
        self.assertEqual(one.named("the baseline"), "3.6.15")
        self.assertEqual(Baselines(None).named("the baseline"), "the baseline")

    def test_one_host_listed_in_baselines_is_still_one(self):
        self.assertFalse(Baselines("3.9.1@a", ["3.9.1@a"]).several)


class SeveralHosts(unittest.TestCase):
    def setUp(self):
        self.two = Baselines("3.6.15@vm", ["3.6.15@arm", "3.6.15@vm"],
                             [("3.11.7@arm", "3.6.15@arm"), ("3.11.7@vm", "3.6.15@vm")])

    def test_each_host_has_its_baseline(self):
        self.assertTrue(self.two.several)
        self.assertEqual(self.two.labels, ["3.6.15@arm", "3.6.15@vm"])
        self.assertTrue(self.two.is_baseline("3.6.15@arm"))
        self.assertEqual(self.two.of("3.11.7@arm"), "3.6.15@arm")
        self.assertEqual(self.two.of("3.11.7@vm"), "3.6.15@vm")

    def test_a_label_without_a_ratio_row_takes_its_hosts_baseline(self):
        self.assertEqual(self.two.of("3.13.0@arm"), "3.6.15@arm")

    def test_the_names_list_every_baseline(self):
        self.assertEqual(self.two.named("x"),
                         "the baseline of its host (3.6.15@arm, 3.6.15@vm)")
        self.assertEqual(self.two.short("x"), "the baseline of its host")


if __name__ == "__main__":
    unittest.main()
