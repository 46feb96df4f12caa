"""bin/bench PYTHON [HARNESS ARGS...]: what `make bench` runs.

Builds the harness for PYTHON and measures into a run folder (results/<run-id>, or the
--out given): first the timed pass (time, allocations, and the cases' other instruments),
then the instructions pass under callgrind (instructions_pass.py), whose rows are added to
the same run folder; then decides the article's claims on it (claims.csv, and their
summary last).

The instructions pass runs unless INSTRUCTIONS=0 is in the environment (make bench
INSTRUCTIONS=0) or --instruments names other instruments only. Without valgrind it is
left out with one line saying how to install it, and unavailable.csv says why each case
has no count.

The run folder is chosen here (the --out given, else results/<UTC stamp>-py<version>)
and written as <folder>.partial: the harness leaves it so (--keep-partial), the
instruction counts are added to it, and only then is it renamed to <folder> (and
results/latest pointed at it). An interrupted or failed run leaves <folder>.partial,
which make plots, make report and make claims refuse. SIGTERM, SIGINT and SIGHUP, or
the end of the parent process (make), stop the harness and remove the scratch folder.

Exits with the harness's status (0; 1 when some cases failed; 2 or 3 when nothing was
measured; 4 when the results could not be written), the worse of the two passes. A
claims report that cannot be made is reported on stderr and leaves the status alone:
the measurements are written either way.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

from idiombench.export.main import main as export_pyperf
from idiombench.measure import instructions_pass
from idiombench.run import folder as run_folder
from idiombench.run import interrupts
from idiombench.run.errors import (EXIT_CASES_FAILED, EXIT_ENVIRONMENT, EXIT_INTERRUPTED,
                                   EXIT_OK, Stop, say, warn)
from idiombench.run.paths import REPO_ROOT as SUITE, bin_path


def build(python):
    out = subprocess.run([bin_path("build-harness"), python],
                         stdout=subprocess.PIPE, universal_newlines=True)
    if out.returncode != 0:
        sys.exit(out.returncode)
    return out.stdout.strip().splitlines()[-1]


def wanted_instruments(args):
    """(timed pass's --instruments value or None for the default, instructions wanted)."""
    given = instructions_pass.option(args, "--instruments")
    if os.environ.get("INSTRUCTIONS", "1") == "0":
        counting = False
    else:
        counting = given is None or "instructions" in given.split(",")
    if given is None:
        return None, counting
    others = [name for name in given.split(",") if name and name != "instructions"]
    return ",".join(others), counting


def timed_args(args, instruments, record_missing, final):
    """The timed pass's arguments: --instruments without `instructions`; with it when
    instructions were wanted but cannot be counted here (record_missing), so that
    unavailable.csv says why for each case; and the run folder, left .partial."""
    kept = instructions_pass.passed_through(args, dropped=("--instruments", "--out"))
    if instruments is not None or record_missing:
        names = (instruments.split(",") if instruments is not None else
                 ["time", "allocs", "memory", "resources"])
        if record_missing:
            names.append("instructions")
        kept.append("--instruments=%s" % ",".join(n for n in names if n))
    return kept + ["--out", final, "--keep-partial"]


def python_version(python):
    """PYTHON's version as bin/pyconfig gives it (3.11.7; 3.14.0t free-threaded)."""
    out = subprocess.run([bin_path("pyconfig"), python],
                         stdout=subprocess.PIPE, universal_newlines=True)
    if out.returncode != 0:
        sys.exit(out.returncode)
    for line in out.stdout.splitlines():
        key, _, value = line.partition("=")
        if key == "PY_VERSION":
            return shlex.split(value)[0]
    sys.exit("idiombench: bin/pyconfig %s gave no PY_VERSION" % python)


def chosen_folder(python, args):
    """(the run folder, whether results/latest follows it): the --out given, else a new
    results/<UTC stamp>-py<version>, named as the harness names its runs."""
    given = instructions_pass.option(args, "--out")
    if given is not None:
        return given.rstrip("/") or given, False
    root = os.path.join(SUITE, "results")
    os.makedirs(root, exist_ok=True)
    return run_folder.new_run_folder(root, "-py" + python_version(python)), True


def run_child(command):
    """Runs command (the harness), its output shown as it comes, and stops it if this
    tool is stopped; returns its status (128 + N when killed by signal N)."""
    status = interrupts.run(command)
    return 128 - status if status < 0 else status


def count_instructions(python, harness, args, run):
    """The instructions pass into a scratch folder, then its rows added to run (the
    .partial folder). Returns its exit status."""
    say("counting instructions per operation under callgrind, %d jobs "
        "(make bench INSTRUCTIONS=0 leaves them out)" % instructions_pass.JOBS)
    scratch = tempfile.mkdtemp(prefix="idiombench-instructions.")
    try:
        parts = instructions_pass.run_parts(python, harness, args, scratch)
        for folder, status in parts:
            if status in (EXIT_OK, EXIT_CASES_FAILED) and os.path.isdir(folder):
                instructions_pass.fold(run, folder)
        status = instructions_pass.worst_status([status for _, status in parts])
        if status > EXIT_CASES_FAILED:
            warn("an instructions job could not run (status %d; see its lines above); "
                 "the counts of the others are added" % status)
        say("instruction counts added to the run")
        return status
    except Stop as err:
        warn("no instruction counts: %s" % err)
        return EXIT_ENVIRONMENT
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def decide_claims(run):
    print(flush=True)
    made = subprocess.run(["make", "--no-print-directory", "-C", SUITE, "-f", "mk/compare.mk"],
                          stdout=subprocess.DEVNULL).returncode == 0
    if not made or subprocess.run([sys.executable, bin_path("claims"), run]).returncode != 0:
        warn("no claims report for %s (see above); the measurements are written" % run)


def main(argv):
    python = argv[0] if argv else "python3"
    args = argv[1:]
    if any(arg in ("--help", "-h", "--list", "--startup") for arg in args):
        return subprocess.run([build(python)] + args).returncode
    instruments, counting = wanted_instruments(args)
    # Before the build: valgrind installed now gives the harness its headers.
    valgrind_absent = counting and instructions_pass.valgrind_missing()
    harness = build(python)
    if valgrind_absent:
        warn("instructions per operation left out (unavailable.csv says why for each "
             "case); make bench INSTRUCTIONS=0 leaves them out without this message")
    if instruments == "" and not valgrind_absent:  # --instruments instructions alone
        return run_child([instructions_pass.COUNT_INSTRUCTIONS, python] + args)
    final, latest = chosen_folder(python, args)
    status = run_child([harness] + timed_args(args, instruments,
                                              counting and valgrind_absent, final))
    partial = final + run_folder.PARTIAL
    if status not in (EXIT_OK, EXIT_CASES_FAILED) or not os.path.isdir(partial):
        return status
    if counting and not valgrind_absent:
        status = max(status, count_instructions(python, harness, args, partial))
    run_folder.finish(final, latest)
    say("run complete: %s" % final)
    decide_claims(final)
    export_pyperf([final])  # says why when it cannot, and leaves the status alone
    return status


def program(argv):
    """What bin/bench runs: main(argv) ended by SIGTERM, SIGINT or SIGHUP as a
    KeyboardInterrupt (interrupts.install); returns the exit status."""
    interrupts.install()
    try:
        return main(argv)
    except KeyboardInterrupt:
        warn("interrupted")
        return EXIT_INTERRUPTED
