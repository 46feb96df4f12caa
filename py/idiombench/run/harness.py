"""py/idiombench/run/harness.py: what a built harness says about its catalogue, read from
its machine-readable listing (`idiombench --list --format csv`), never from its messages.

    for case in cases(harness, filter="^copying/"):
        case.family, case.case, case.sizes, case.instruments, case.gc, case.skipped

Standard library only; Python 3.6+.
"""
import csv
import io
import subprocess
from collections import namedtuple

from idiombench.run.errors import Stop

# The listing's columns (LIST_COLUMNS of src/idiombench/main.c): sizes and instruments
# comma-separated ("" for a case that does not scale), gc "on" or "off", skipped why
# this Python cannot run the case ("" when it can).
Case = namedtuple("Case", "family case sizes instruments gc skipped")


def cases(harness, filter=None, catalogue=None):
    """[Case] that the harness selects with filter (a regex) in catalogue (a file or
    folder; None for the suite's bench/), in catalogue order. Stop naming the harness's
    complaint when it refuses them (a bad regex or catalogue)."""
    command = [harness, "--list", "--format", "csv"]
    for name, value in (("--filter", filter), ("--catalogue", catalogue)):
        if value is not None:
            command.append("%s=%s" % (name, value))
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or ["status %d" % out.returncode]
        raise Stop("%s (the harness's --list)" % lines[-1].replace("idiombench: ", "", 1))
    rows = csv.reader(io.StringIO(out.stdout))
    if next(rows, None) != list(Case._fields):
        raise Stop("%s --list --format csv gave no header %s: rebuild it "
                   "(bin/build-harness)" % (harness, ",".join(Case._fields)))
    return [Case(*row) for row in rows]
