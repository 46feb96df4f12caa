"""tests/claims/rules/test_registry.py: the registry of the rules
(py/idiombench/claims/rules/__init__.py): a rule module per family of the catalogue
(bench/<family>.py), every claim of docs/CLAIMS.md (C01-C22) decided by one rule, and a
rule module that is missing or broken leaving its claims out with a note or an error.

    python3 tests/claims/rules/test_registry.py
"""
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import RULES  # noqa: E402
from idiombench.claims import rules  # noqa: E402
from idiombench.claims.run import REPO_ROOT  # noqa: E402

ALL_CLAIMS = ["C%02d" % i for i in range(1, 23)]


class Registry(unittest.TestCase):
    def test_a_rule_module_per_family_of_the_catalogue(self):
        bench = sorted(name[:-3] for name in os.listdir(os.path.join(REPO_ROOT, "bench"))
                       if name.endswith(".py"))
        self.assertEqual(sorted(rules.FAMILIES), bench)

    def test_every_claim_has_one_rule(self):
        self.assertEqual(sorted(RULES), ALL_CLAIMS)
        claims = [claim for name in rules.MODULES
                  for claim in __import__(name, fromlist=["RULES"]).RULES]
        self.assertEqual(sorted(claims), ALL_CLAIMS)

    def test_each_rule_has_a_title_and_states_its_criterion(self):
        found, titles, notes, errors = rules.load_rules()
        self.assertEqual((notes, errors), ([], []))
        for claim, rule in found.items():
            self.assertTrue(titles[claim], claim)
            self.assertIn("Criterion", rule.__doc__ or "", claim)


class MissingOrBroken(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="claims-registry.")
        self.addCleanup(shutil.rmtree, self.dir, True)
        with open(os.path.join(self.dir, "broken_rules.py"), "w") as stream:
            stream.write('RULES = {"C99": None}\nraise ValueError("half written")\n')
        sys.path.insert(0, self.dir)
        self.addCleanup(sys.path.remove, self.dir)

    def test_a_rule_module_not_written_yet_is_left_out(self):
        found, titles, notes, errors = rules.load_rules([
            "idiombench.claims.rules.identity", "idiombench.claims.rules.not_written_yet"])
        self.assertEqual(sorted(found), ["C01", "C02", "C03", "C09", "C10"])
        self.assertEqual(titles["C02"], "is is faster than ==")
        self.assertEqual(notes, ["py/idiombench/claims/rules/not_written_yet.py not found: "
                                 "its claims are left out"])
        self.assertEqual(errors, [])

    def test_a_rule_module_that_cannot_be_imported_is_an_error(self):
        found, titles, notes, errors = rules.load_rules([
            "broken_rules", "idiombench.claims.rules.release"])
        self.assertEqual(sorted(found), ["C22"])
        self.assertEqual(notes, [])
        self.assertEqual(errors, ["py/broken_rules.py cannot be imported: ValueError: "
                                  "half written"])


if __name__ == "__main__":
    unittest.main()
