"""py/idiombench/run/labels.py: labels sort and read the same with a host suffix
("3.13.1@ci-arm", made by make merge) as without."""
import os
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.run import labels  # noqa: E402


class Labels(unittest.TestCase):
    def test_plain_labels_keep_their_order(self):
        order = ["2.7.18", "3.9.1", "3.10.0", "3.11.7", "3.11.7#2", "3.11.7t", "3.11.7t#2",
                 "3.11.8", "pypy"]
        self.assertEqual(sorted(reversed(order), key=labels.label_key), order)

    def test_a_host_sorts_after_the_plain_label_and_before_the_next_version(self):
        order = ["3.11.7", "3.11.7#2", "3.11.7@arm", "3.11.7#2@arm", "3.11.7@x86",
                 "3.11.7t@arm", "3.12.0@arm"]
        self.assertEqual(sorted(reversed(order), key=labels.label_key), order)

    def test_version_host_and_free_threading_read_through_the_host(self):
        self.assertEqual(labels.version_tuple("3.13.1@ci-arm"), (3, 13, 1))
        self.assertEqual(labels.version_tuple("3.13.1#2@ci-arm"), (3, 13, 1))
        self.assertEqual(labels.host("3.13.1#2@ci-arm"), "ci-arm")
        self.assertEqual(labels.host("3.13.1"), "")
        self.assertEqual(labels.host("pypy"), "")
        self.assertTrue(labels.free_threaded("3.14.0t@ci-arm"))
        self.assertFalse(labels.free_threaded("3.14.0@ci-arm"))

    def test_a_prefix_names_a_label_on_any_host_but_not_a_repeat(self):
        self.assertTrue(labels.names("3.13", "3.13.1@ci-arm"))
        self.assertTrue(labels.names("3.13", "3.13.1"))
        self.assertFalse(labels.names("3.13", "3.13.1#2@ci-arm"))
        self.assertFalse(labels.names("3.13", "3.13.1t@ci-arm"))
        self.assertTrue(labels.names("3.13t", "3.13.1t@ci-arm"))


if __name__ == "__main__":
    unittest.main()
