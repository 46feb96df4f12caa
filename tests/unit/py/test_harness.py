"""py/idiombench/run/harness.py: the cases a harness lists, read from its CSV listing
(here a stand-in harness, a shell script that prints what it is given to print)."""
import os
import shutil
import stat
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.run.errors import Stop  # noqa: E402
from idiombench.run.harness import cases  # noqa: E402

LISTING = """family,case,sizes,instruments,gc,skipped
copying,flat_alias,"10,100",time,off,
"odd, family",a,,"time,allocs",on,"needs Python 3.12+ (PEP 683, immortal objects)"
"""


class Cases(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="idiombench-test-harness.")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def harness(self, stdout, stderr="", status=0):
        """A stand-in harness: prints its arguments to args, then stdout and stderr."""
        path = os.path.join(self.dir, "idiombench")
        for name, text in (("out", stdout), ("err", stderr)):
            with open(os.path.join(self.dir, name), "w") as f:
                f.write(text)
        with open(path, "w") as f:
            f.write('#!/bin/sh\nd=$(dirname "$0")\nprintf "%%s\\n" "$@" > "$d/args"\n'
                    'cat "$d/out"; cat "$d/err" >&2; exit %d\n' % status)
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        return path

    def args(self):
        with open(os.path.join(self.dir, "args")) as f:
            return f.read().splitlines()

    def test_rows_as_the_harness_wrote_them(self):
        found = cases(self.harness(LISTING))
        self.assertEqual(self.args(), ["--list", "--format", "csv"])
        self.assertEqual([(c.family, c.case) for c in found],
                         [("copying", "flat_alias"), ("odd, family", "a")])
        self.assertEqual(found[0].sizes, "10,100")
        self.assertEqual((found[1].instruments, found[1].gc), ("time,allocs", "on"))
        self.assertEqual(found[1].skipped, "needs Python 3.12+ (PEP 683, immortal objects)")

    def test_filter_and_catalogue_go_to_the_harness(self):
        cases(self.harness(LISTING), filter="^copying/", catalogue="/x/bench")
        self.assertEqual(self.args(), ["--list", "--format", "csv", "--filter=^copying/",
                                       "--catalogue=/x/bench"])

    def test_no_case_is_an_empty_list(self):
        self.assertEqual(cases(self.harness(LISTING.splitlines()[0] + "\n")), [])

    def test_a_refusal_is_its_last_line(self):
        harness = self.harness("", "idiombench: loading\nidiombench: bad regex 'x('\n", 2)
        with self.assertRaises(Stop) as caught:
            cases(harness, filter="x(")
        self.assertEqual(str(caught.exception), "bad regex 'x(' (the harness's --list)")
        self.assertEqual(caught.exception.status, 2)
        with self.assertRaises(Stop) as caught:
            cases(self.harness("", "", 3))
        self.assertEqual(str(caught.exception), "status 3 (the harness's --list)")

    def test_a_harness_without_the_csv_listing_is_named(self):
        harness = self.harness("copying/flat_alias  n=10,100  [time]\n")
        with self.assertRaises(Stop) as caught:
            cases(harness)
        self.assertIn("gave no header family,case,sizes", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
