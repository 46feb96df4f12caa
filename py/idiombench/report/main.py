"""bin/report [RUN]: writes RUN/REPORT.md, the run as a page to publish.

    bin/report                      # RUN defaults to results/latest
    bin/report results/20261126-004845-compare

RUN is a run folder of make bench or make compare. REPORT.md leads with the findings:
the title with the run's mode, machine and noise; the article's claims (claims.csv, make
claims), each with its text (docs/CLAIMS.md), its verdict per version and the figure
that decided it; the headline charts (plots/charts.csv, make plots); a comparison's
largest differences. Then the details: a table per family (medians with their
interquartile range; in a comparison each version's ratio to the baseline with its 95%
interval and the two geometric means it is made of), failures, start-up and whole
programs (hyperfine/hyperfine.csv); and last how to read the figures (the methods), the
run's metadata and interpreters, the charts not rendered, and every claim's evidence.
A file the run lacks skips its section with a line saying why.

REPORT.md is written to a temporary name and renamed: on bad input (no such folder, a
CSV without a column the report needs) one line on stderr starting "idiombench: " names
the cause and the fix, the exit status is 2 and an existing REPORT.md is left as it was.

Exit status: 0 written; 2 bad input; 4 REPORT.md could not be written (the run
folder is not writable): an existing one is left as it was.
Standard library only; Python 3.6+.
"""
import os

from idiombench.report.run import read_run
from idiombench.report.sections import render
from idiombench.run.atomic_text import write_atomically
from idiombench.run.errors import EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED, Stop, say, warn

DEFAULT_RUN = "results/latest"


def main(argv):
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return EXIT_OK
    if len(args) > 1 or (args and args[0].startswith("-")):
        warn("bin/report takes one argument, the run folder (got %s): "
             "bin/report [RUN], e.g. make report RUN=results/latest" % " ".join(args))
        return EXIT_USAGE
    folder = args[0] if args else DEFAULT_RUN
    if folder == "":
        folder = DEFAULT_RUN
    try:
        run = read_run(folder)
        content = "\n".join(render(run)) + "\n"
    except Stop as error:
        warn(str(error))
        return error.status
    path = os.path.join(folder, "REPORT.md")
    try:
        write_atomically(path, content)
    except OSError as error:
        warn("cannot write %s: %s: make the run folder writable, or copy it somewhere "
             "writable and run make report RUN=<copy>" % (path, error.strerror or error))
        return EXIT_WRITE_FAILED
    say("wrote %s" % path, "report")
    return EXIT_OK
