"""py/idiombench/export/main.py: bin/pyperf-export RUN, what `make pyperf` runs (and
make bench and make compare after their claims): RUN/pyperf/<label>.json, one pyperf
file per interpreter, and RUN/pyperf/omitted.csv (idiombench.export.pyperf says how).

    bin/pyperf-export [RUN]        # RUN defaults to results/latest
    python3 -m pyperf compare_to --table RUN/pyperf/3.11.7.json RUN/pyperf/3.13.0.json

The folder is written whole or not at all: a new one beside it, renamed over the old.
Exit status: 0 written; 2 bad input (no such run folder, an incomplete run, an unreadable
samples.csv), one line on stderr; 4 the folder could not be written. Standard library
only; Python 3.6+.
"""
import os
import shutil
import sys

from idiombench.export.pyperf import export
from idiombench.run.atomic_text import write_atomically
from idiombench.run.errors import EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED, Stop, say, warn
from idiombench.run.folder import checked
from idiombench.run.labels import host

FOLDER = "pyperf"
USAGE = "usage: bin/pyperf-export [RUN]   (make pyperf [RUN=results/latest])"


def checked_run(argv):
    """The run folder argv names (results/latest when none). Raises Stop."""
    if len(argv) > 1:
        raise Stop("one run folder at most (%s)" % USAGE)
    run = argv[0] if argv else os.path.join("results", "latest")
    checked(run, "make pyperf RUN=results/<run-id>")
    return run


def write_folder(run, files):
    """RUN/pyperf/ holds exactly files, or is as it was. Raises OSError."""
    final = os.path.join(run, FOLDER)
    fresh = "%s.tmp.%d" % (final, os.getpid())
    old = "%s.old.%d" % (final, os.getpid())
    try:
        os.mkdir(fresh)
        for name, text in files.items():
            write_atomically(os.path.join(fresh, name), text)
        if os.path.isdir(final):
            os.rename(final, old)
        try:
            os.rename(fresh, final)
        except OSError:
            if os.path.isdir(old):  # the files of before are put back, never lost
                os.rename(old, final)
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return final


def main(argv):
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return EXIT_OK
    try:
        run = checked_run(argv)
        try:
            files = export(run)
        except (OSError, ValueError) as error:
            raise Stop("cannot read %s's samples: %s (measure again with make bench or "
                       "make compare)" % (run, error))
        try:
            folder = write_folder(run, files)
        except OSError as error:
            raise Stop("cannot write %s/%s: %s (the run folder must be writable, and %s in it "
                       "a folder or nothing)" % (run, FOLDER, error.strerror or error, FOLDER),
                       EXIT_WRITE_FAILED)
    except Stop as stop:
        warn(str(stop), "pyperf")
        return stop.status
    labels = [name[:-len(".json")] for name in files if name.endswith(".json")]
    say("%d file%s in %s (python3 -m pyperf compare_to --table %s)"
        % (len(labels), "" if len(labels) == 1 else "s", folder,
           " ".join(os.path.join(folder, label + ".json") for label in comparable(labels))),
        "pyperf")
    return EXIT_OK


def comparable(labels):
    """Two labels worth comparing, for the example: the first two of one host (a merge
    of several hosts: a time measured on two machines compares the machines)."""
    for first in labels:
        mates = [label for label in labels if label != first and host(label) == host(first)]
        if mates:
            return [first, mates[0]]
    return labels[:1]


def program(argv):
    sys.exit(main(argv))
