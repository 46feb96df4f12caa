"""py/idiombench/run/errors.py: its exit statuses are the harness's (the enum exit_status
of src/idiombench/options.h, parsed here), and say and warn print what every program
printed before them."""
import contextlib
import io
import os
import re
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "py"))
from idiombench.run import errors  # noqa: E402


def c_exit_statuses():
    """{name: value} of enum exit_status in src/idiombench/options.h."""
    with open(os.path.join(REPO, "src", "idiombench", "options.h")) as f:
        text = f.read()
    body = re.search(r"enum exit_status\s*\{(.*?)\};", text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    return dict((name, int(value)) for name, value in
                re.findall(r"\b(EXIT_[A-Z_]+)\s*=\s*(\d+)", body))


class ExitStatuses(unittest.TestCase):
    def test_the_python_table_is_the_c_enum(self):
        c = c_exit_statuses()
        self.assertEqual(sorted(c), ["EXIT_CASES_FAILED", "EXIT_ENVIRONMENT", "EXIT_OK",
                                     "EXIT_USAGE", "EXIT_WRITE_FAILED"])
        for name, value in c.items():
            self.assertEqual(getattr(errors, name), value, name)

    def test_python_only_statuses_are_not_the_harness_s(self):
        python = dict((name, getattr(errors, name)) for name in dir(errors)
                      if name.startswith("EXIT_"))
        self.assertEqual(set(python) - set(c_exit_statuses()), {"EXIT_INTERRUPTED"})
        self.assertEqual(errors.EXIT_INTERRUPTED, 130)


class Stops(unittest.TestCase):
    def test_a_stop_is_bad_input_unless_told(self):
        stop = errors.Stop("no run folder x: give one")
        self.assertEqual((str(stop), stop.status), ("no run folder x: give one", 2))
        self.assertEqual(errors.Stop("no gnuplot", errors.EXIT_ENVIRONMENT).status, 3)

    def test_a_skip_is_a_stop(self):
        self.assertTrue(issubclass(errors.Skip, errors.Stop))


class Messages(unittest.TestCase):
    def printed(self, call, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            call(*args)
        return out.getvalue(), err.getvalue()

    def test_say(self):
        self.assertEqual(self.printed(errors.say, "run complete: x"),
                         ("idiombench: run complete: x\n", ""))
        self.assertEqual(self.printed(errors.say, "[1/2] round 1", "compare"),
                         ("compare: [1/2] round 1\n", ""))

    def test_say_on_stderr(self):
        err = io.StringIO()
        errors.say("timing", "hyperfine-run", err)
        self.assertEqual(err.getvalue(), "hyperfine-run: timing\n")

    def test_warn(self):
        self.assertEqual(self.printed(errors.warn, "interrupted"),
                         ("", "idiombench: interrupted\n"))
        self.assertEqual(self.printed(errors.warn, "gnuplot warned", "plots"),
                         ("", "idiombench: plots: gnuplot warned\n"))


if __name__ == "__main__":
    unittest.main()
