"""py/idiombench/measure/instructions_pass.py: the instructions pass of make bench and make compare.

Counts instructions per operation for the selected cases under callgrind
(bin/count-instructions: one harness under valgrind per job) and leaves one run folder
per job (a part). A count does not depend on the machine's load, so unlike the timed pass
this one can use both cores of a small machine: the selected cases are dealt to JOBS
harnesses in turn, in catalogue order, so that the split (and with it which cases run
before which in a family's process) is the same run after run whatever the machine.

    parts = run_parts(python, harness, args, folder)   # progress on stdout
    fold(run_folder, part)                              # adds a part's rows to a run

Standard library only; Python 3.6+.
"""
import os
import queue
import re
import subprocess
import sys
import threading

from idiombench.run import interrupts
from idiombench.run.atomic_text import write_atomically
from idiombench.run.errors import Stop
from idiombench.run.harness import cases as harness_cases
from idiombench.run.paths import bin_path

COUNT_INSTRUCTIONS = bin_path("count-instructions")
JOBS = 2  # fixed, not the machine's core count: the split must not depend on the machine

# The harness's options that take a value, and those the pass sets itself.
VALUE_OPTIONS = ("--filter", "--out", "--catalogue", "--instruments", "--repetitions",
                 "--pairs", "--loop-ms", "--case-timeout", "--ci-target", "--case-budget")
OWN_OPTIONS = ("--filter", "--out", "--instruments", "--no-observations", "--repetitions")

# The harness's own lines: its start and its summary (errors, also "idiombench: ...",
# are shown), and a case's progress counter.
HEADER = re.compile(r"^idiombench: Python \S+, (\d+) measurements?\b")
SUMMARY = re.compile(r"^idiombench: (\d+ measured, |\d+ observations? recorded)")
COUNTER = re.compile(r"^\[\s*\d+/\d+\]")

# What a run folder holds that a part adds rows to (meta and observations stay the run's).
FOLDED_FILES = ("measurements.csv", "samples.csv", "failures.csv", "unavailable.csv",
                "complexity.csv")


def valgrind_missing():
    """True when the pass cannot run here: bin/check-deps (which installs valgrind as
    root, else names the package) has said why on stderr."""
    check = subprocess.run([bin_path("check-deps"), "instructions"],
                           stdout=subprocess.DEVNULL)
    return check.returncode != 0


def split_options(args):
    """The harness arguments as [(name, value)] in order; value None for a flag."""
    pairs, i = [], 0
    while i < len(args):
        arg = args[i]
        name, equals, value = arg.partition("=")
        if name in VALUE_OPTIONS and not equals:
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 1
        pairs.append((name, value if (equals or name in VALUE_OPTIONS) else None))
        i += 1
    return pairs


def option(args, name):
    """The last value given to the harness option `name` in args, or None."""
    found = None
    for key, value in split_options(args):
        if key == name:
            found = value
    return found


def passed_through(args, dropped=OWN_OPTIONS):
    """args without the options named in dropped (by default those the pass sets)."""
    kept = []
    for name, value in split_options(args):
        if name in dropped:
            continue
        kept += [name] if value is None else ["%s=%s" % (name, value)]
    return kept


def selected_cases(harness, args):
    """["family/case", ...] that the harness selects with the user's filter and
    catalogue, in catalogue order."""
    return ["%s/%s" % (it.family, it.case) for it in
            harness_cases(harness, option(args, "--filter"), option(args, "--catalogue"))]


def deal(cases, jobs=JOBS):
    """The filters of the jobs: case k goes to job k mod jobs. Empty jobs are left out."""
    hands = [cases[j::jobs] for j in range(jobs)]
    return ["^(%s)$" % "|".join(re.escape(case) for case in hand) for hand in hands if hand]


def _relay(stream, index, lines):
    for line in stream:
        lines.put((index, line))
    lines.put((index, None))


def _start_jobs(python, harness, filters, args, folder):
    env = dict(os.environ, IDIOMBENCH_HARNESS=os.path.abspath(harness))
    jobs = []
    for index, regex in enumerate(filters):
        out = os.path.join(folder, "part%d" % (index + 1))
        command = [COUNT_INSTRUCTIONS, python, "--out", out, "--filter", regex,
                   "--no-observations"] + passed_through(args)
        jobs.append((out, interrupts.start(command, stdout=subprocess.PIPE,
                                           stderr=subprocess.STDOUT, env=env,
                                           universal_newlines=True)))
    return jobs


def _show(lines, count, say):
    """Relays the jobs' lines: each case's line with one counter over every job, the
    rest (errors) as they come. Waits for every job's first line, which gives its
    count, so that the counter's total is right from the first case."""
    pending, totals, held, done = set(range(count)), {}, [], 0
    while pending:
        index, line = lines.get()
        if line is None:
            pending.discard(index)
            totals.setdefault(index, 0)
            continue
        header = HEADER.match(line)
        if header:
            totals[index] = int(header.group(1))
        elif not SUMMARY.match(line):  # a case's line, or an error
            held.append(line)
        if len(totals) < count:
            continue
        for text in held:
            if COUNTER.match(text):
                done += 1
                text = COUNTER.sub("[%3d/%d]" % (done, sum(totals.values())), text, count=1)
            say(text.rstrip("\n"))
        held = []
    for text in held:
        say(text.rstrip("\n"))


def _say(text):
    """Prints a progress line at once, whatever stdout is (a file or a pipe buffers)."""
    print(text, flush=True)


def run_parts(python, harness, args, folder, say=_say):
    """Counts the selected cases' instructions for python (its harness: harness) in
    JOBS jobs, each into folder/part<k>; returns [(part folder, exit status)]."""
    filters = deal(selected_cases(harness, args))
    jobs = _start_jobs(python, harness, filters, args, folder)
    lines = queue.Queue()
    threads = [threading.Thread(target=_relay, args=(process.stdout, index, lines))
               for index, (_, process) in enumerate(jobs)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    try:
        _show(lines, len(jobs), say)
    finally:  # a job still going (the pass interrupted) is stopped, valgrind and all
        statuses = [interrupts.stop(process) for _, process in jobs]
    return [(out, status) for (out, _), status in zip(jobs, statuses)]


def _data_lines(path):
    """(header, data lines) of a CSV file the harness wrote."""
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    header, _, rest = text.partition("\n")
    return header, rest


def fold(run, part):
    """Adds the rows of every FOLDED_FILES file of the part to the run's, each file
    written whole (a temporary file renamed). The headers must be the same: both come
    from one harness. Raises Stop."""
    for name in FOLDED_FILES:
        source = os.path.join(part, name)
        if not os.path.exists(source):
            continue
        target = os.path.join(run, name)
        header, rows = _data_lines(source)
        if not os.path.exists(target):
            raise Stop("%s has no %s to add the instruction counts to" % (run, name))
        own_header, own_rows = _data_lines(target)
        if header != own_header:
            raise Stop("%s and %s have different columns: were they written by the "
                       "same harness?" % (source, target))
        write_atomically(target, own_header + "\n" + own_rows + rows)


def worst_status(statuses):
    """One exit status for several harness runs: the worst (3 > 2 > 1 > 0; a signal,
    negative, counts as 3)."""
    return max((3 if status < 0 else status) for status in statuses) if statuses else 0


if __name__ == "__main__":
    sys.exit("py/idiombench/measure/instructions_pass.py is a module: run make bench or make "
             "compare")
