"""py/idiombench/export/main.py write_folder: RUN/pyperf/ ends up holding the new files, or
as it was: a rename that fails leaves the old files in place, never lost."""
import os
import shutil
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.export import main  # noqa: E402


class WriteFolder(unittest.TestCase):
    def setUp(self):
        self.run = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.run)
        os.mkdir(os.path.join(self.run, "pyperf"))
        with open(os.path.join(self.run, "pyperf", "old.json"), "w") as f:
            f.write("old\n")

    def listing(self):
        return sorted(os.listdir(self.run)), sorted(os.listdir(os.path.join(self.run, "pyperf")))

    def test_the_new_files_replace_the_old_ones(self):
        main.write_folder(self.run, {"new.json": "new\n"})
        self.assertEqual(self.listing(), (["pyperf"], ["new.json"]))

    def test_a_failed_rename_puts_the_old_files_back(self):
        real_rename = os.rename

        def rename(source, target):
            if ".tmp." in source:
                raise OSError(28, "No space left on device")
            real_rename(source, target)
        main.os.rename = rename
        try:
            with self.assertRaises(OSError):
                main.write_folder(self.run, {"new.json": "new\n"})
        finally:
            main.os.rename = real_rename
        self.assertEqual(self.listing(), (["pyperf"], ["old.json"]))


if __name__ == "__main__":
    unittest.main()
