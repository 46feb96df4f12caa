"""bin/compare: runs the catalogue under several CPythons into one run folder and
compares every case with a baseline version.

    bin/compare [--pythons "3.9 3.12 /opt/py/bin/python3"] [--baseline 3.9]
        [--quick] [--filter REGEX] [--rounds N] [--out DIR] [--catalogue PATH]
        [--no-programs] [--no-instructions]

Interpreters: the --pythons entries (versions, names or paths, as `make bench
PYTHON=` takes them), or every CPython bin/find-pythons discovers (PATH, pyenv, the
system's), 2.7 included. One harness is built per interpreter; one that cannot be
built is reported and left out.

Rounds: every interpreter measures every family once per round (one repetition, in a
process of its own), family by family, the interpreters' order rotating from round to
round, so that the machine's drift and each process's own luck (memory layout) land on
every version alike and show up as the noise they are. A case's samples are its rounds:
every round for time, the first 3 for the other instruments.

Instructions: after the rounds, each interpreter's instructions per operation are
counted once under callgrind (py/idiombench/measure/instructions_pass.py; exact counts need no
rounds), unless --no-instructions; without valgrind they are left out with the reason in meta.

The run folder (results/<UTC stamp>-compare unless --out, with results/latest pointing
at it) is assembled in <folder>.partial and renamed when complete: an interrupted or
failed comparison leaves no run folder. It holds samples.csv, measurements.csv (per
interpreter, over rounds), comparison.csv (build/idiombench-compare: ratio to the
baseline, 95% confidence interval, verdict), complexity.csv, failures.csv,
unavailable.csv, observations.csv, meta, logs/ and hyperfine/ (start-up and
bench/programs/ timed by bin/hyperfine-run).

An interpreter whose harness cannot start or dies outside a case (exit status 2 or 3,
or a signal) is dropped from the whole comparison with the reason; if that is the
baseline, the comparison stops.

Exit status: 0 all measured; 1 written, but some cases failed or an interpreter was
left out; 2 bad input (PYTHONS, BASELINE, options); 3 nothing could be compared.
Standard library only; Python 3.6+.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from idiombench.export.main import main as export_pyperf
from idiombench.compare import merge as compare_merge
from idiombench.measure import instructions_pass
from idiombench.run import interrupts
from idiombench.measure.interpreters import choose_baseline, resolve
from idiombench.run import errors
from idiombench.run.errors import (EXIT_CASES_FAILED, EXIT_ENVIRONMENT, EXIT_INTERRUPTED,
                                   EXIT_OK, Stop, warn)
from idiombench.run.harness import cases as harness_cases
from idiombench.run.folder import PARTIAL, finish, new_run_folder
from idiombench.run.paths import REPO_ROOT as SUITE, bin_path

DEFAULT_ROUNDS = 10
QUICK_ROUNDS = 5
# Rounds that run every instrument; later ones time only. Allocation counts and the
# memory and resource figures hardly vary from process to process (the first rounds
# show it), and their passes cost a third of a round.
DEFAULT_FULL_ROUNDS = 3
QUICK_FULL_ROUNDS = 3  # claims_vocabulary.MIN_EXACT_SAMPLES: 3 for memory figures


def counted_noun(count, singular, plural):
    """'1 family', '9 families'."""
    return "%d %s" % (count, singular if count == 1 else plural)


def say(message):
    """Progress, on stdout."""
    errors.say(message, "compare")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bin/compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pythons", default="", help="interpreters (default: every one found)")
    parser.add_argument("--baseline", default="", help="version to compare against")
    parser.add_argument("--quick", action="store_true", help="quick harness mode, 5 rounds")
    parser.add_argument("--filter", default="", help="cases whose family/case matches REGEX")
    parser.add_argument("--rounds", type=int, default=0,
                        help="samples per case: rounds of the whole suite (default 10, 5 quick)")
    parser.add_argument("--out", default="", help="run folder (must not exist)")
    parser.add_argument("--catalogue", default="",
                        help="a catalogue file or folder (default: the suite's bench/)")
    parser.add_argument("--no-programs", action="store_true",
                        help="skip hyperfine's start-up and whole-program timings")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip the instructions per operation (callgrind)")
    args = parser.parse_args(argv)
    if args.rounds == 0:
        args.rounds = QUICK_ROUNDS if args.quick else DEFAULT_ROUNDS
    if not 2 <= args.rounds <= 100:
        raise Stop("--rounds %d: give a whole number from 2 to 100 (each round is one sample "
                   "per case; the statistics need 2 or more)" % args.rounds)
    if args.filter:
        try:
            re.compile(args.filter)
        except re.error as err:
            raise Stop("FILTER='%s' is not a valid regex (%s)" % (args.filter, err))
    return args


def run_folder(wanted):
    """The final run folder, which must not exist yet, nor its .partial."""
    if wanted:
        final = os.path.abspath(wanted)
        if os.path.lexists(final):
            raise Stop("--out %s already exists; remove it or name a new folder" % wanted)
        if os.path.lexists(final + PARTIAL):
            raise Stop("%s%s exists, left by an interrupted run: remove it, or name a new "
                       "folder with --out" % (wanted, PARTIAL))
        return final
    return new_run_folder(os.path.join(SUITE, "results"), "-compare")  # as make bench names runs


def build_harnesses(interpreters, work):
    """({label: harness path}, {label: why not}): the others are reported."""
    built, unbuilt = {}, {}
    for it in interpreters:
        say("building the harness for %s (%s)" % (it.label, it.exe))
        log = os.path.join(work, "logs", "build-%s.log" % it.label)
        with open(log, "w") as err:
            out = subprocess.run([bin_path("build-harness"), it.exe],
                                 stdout=subprocess.PIPE, stderr=err, universal_newlines=True)
        if out.returncode == 0 and out.stdout.strip():
            built[it.label] = out.stdout.strip()
        else:
            unbuilt[it.label] = "its harness does not build: %s" % last_line(log)
            warn("leaving %s out: %s (the run's logs/build-%s.log has the rest)" %
                 (it.label, unbuilt[it.label], it.label))
    return built, unbuilt


def last_line(path):
    with open(path, errors="replace") as f:
        lines = [line.strip() for line in f if line.strip()]
    return lines[-1] if lines else "no message"


def catalogue_option(args):
    return ["--catalogue", os.path.abspath(args.catalogue)] if args.catalogue else []


def family_filters(harness, args):
    """[(family, regex)]: the families holding selected cases, each with the filter that
    selects exactly its selected cases."""
    cases = {}
    catalogue = os.path.abspath(args.catalogue) if args.catalogue else None
    for it in harness_cases(harness, args.filter or None, catalogue):
        cases.setdefault(it.family, []).append(it.case)
    if not cases:
        raise Stop("FILTER='%s' matches no case; see `idiombench --list`" % args.filter)
    filters = []
    for family, names in cases.items():
        if args.filter:
            alternatives = "|".join(re.escape(case) for case in names)
            filters.append((family, "^%s/(%s)$" % (re.escape(family), alternatives)))
        else:
            filters.append((family, "^%s/" % re.escape(family)))
    return filters


class Progress:
    """One line per harness run, with the time left estimated from those done."""

    def __init__(self, total):
        self.total, self.done, self.start = total, 0, time.time()

    def step(self, what):
        self.done += 1
        elapsed = time.time() - self.start
        left = ""
        if self.done > 1:
            left = ", about %s left" % minutes(elapsed / (self.done - 1) * (self.total - self.done + 1))
        say("[%d/%d] %s (%s elapsed%s)" % (self.done, self.total, what, minutes(elapsed), left))


def minutes(seconds):
    return "%dm%02ds" % (seconds // 60, seconds % 60)


def run_harness(harness, family_regex, out, round_number, args, log):
    # One sample per round, adaptive sampling off: the rounds are the samples, and
    # idiombench-compare gives each row its interval from them.
    command = [harness, "--repetitions", "1", "--ci-target", "0", "--filter", family_regex,
               "--out", out] + catalogue_option(args)
    if args.quick:
        command.append("--quick")
    if round_number > 1:
        command.append("--no-observations")
    if round_number > (QUICK_FULL_ROUNDS if args.quick else DEFAULT_FULL_ROUNDS):
        command += ["--instruments", "time"]
    with open(log, "a") as f:
        f.write("$ %s\n" % " ".join(command))
        f.flush()
        return interrupts.run(command, stdout=f, stderr=subprocess.STDOUT)


def run_rounds(labels, harnesses, filters, args, work, baseline):
    """Runs every round; returns {label: reason} of interpreters dropped on the way and
    whether any case failed."""
    dropped, cases_failed = {}, False
    progress = Progress(args.rounds * len(filters) * len(labels))
    for number in range(1, args.rounds + 1):
        shift = (number - 1) % len(labels)
        order = labels[shift:] + labels[:shift]
        for family, regex in filters:
            for label in order:
                progress.step("round %d/%d, %s on %s" % (number, args.rounds, family, label))
                if label in dropped:
                    continue
                out = os.path.join(work, "raw", label, "r%d" % number, family)
                log = os.path.join(work, "logs", "%s.log" % label)
                status = run_harness(harnesses[label], regex, out, number, args, log)
                if status == EXIT_CASES_FAILED:
                    cases_failed = True
                elif status != EXIT_OK:
                    dropped[label] = harness_failure(status, log)
                    warn("dropping %s from the comparison: %s" % (label, dropped[label]))
                    if label == baseline:
                        raise Stop("the baseline %s failed (%s); nothing to compare "
                                   "against. Pick another with BASELINE=" %
                                   (label, dropped[label]), EXIT_ENVIRONMENT)
    return dropped, cases_failed


def instructions_left_out(args):
    """Why the comparison counts no instructions, or "" when it does."""
    if args.no_instructions:
        return "--no-instructions (make compare INSTRUCTIONS=0)"
    return "valgrind is missing (see above)" if instructions_pass.valgrind_missing() else ""


def count_instructions(labels, interpreters, harnesses, args, work):
    """Each interpreter's instructions pass into raw/<label>/instructions/; returns
    whether every case was counted."""
    complete = True
    by_label = {it.label: it for it in interpreters}
    pass_args = (["--quick"] if args.quick else []) + catalogue_option(args) + \
        (["--filter", args.filter] if args.filter else [])
    progress = Progress(len(labels))
    for label in labels:
        progress.step("instructions per operation on %s, under callgrind" % label)
        folder = os.path.join(work, "raw", label, "instructions")
        os.makedirs(folder)
        try:
            with open(os.path.join(work, "logs", "%s.log" % label), "a") as log:
                parts = instructions_pass.run_parts(
                    by_label[label].exe, harnesses[label], pass_args, folder,
                    say=lambda line: log.write(line + "\n"))
        except Stop as err:
            warn("no instruction counts for %s: %s" % (label, err))
            complete = False
            continue
        status = instructions_pass.worst_status([status for _, status in parts])
        if status != EXIT_OK:
            warn("instructions on %s: status %d (failures.csv says which cases)" %
                 (label, status))
            complete = False
    return complete


def harness_failure(status, log):
    if status < 0:
        return "its harness was killed by %s (see logs/)" % signal.Signals(-status).name
    return "its harness stopped with status %d: %s" % (
        status, last_line(log).replace("idiombench: ", "", 1))


def merge(work, labels, baseline, pairs):
    """Writes the run's files from the raw rounds; returns the comparison's table."""
    raw = os.path.join(work, "raw")
    count = compare_merge.merge_samples(raw, labels, os.path.join(work, "samples.csv"))
    for name in compare_merge.HEADERS:
        compare_merge.merge_labelled(raw, labels, name, os.path.join(work, name))
    compare_merge.merge_meta(raw, labels, pairs, os.path.join(work, "meta"))
    if count == 0:
        raise Stop("no measurement was recorded (see %s)" % os.path.join(work, "logs"),
                   EXIT_ENVIRONMENT)
    table = compare_merge.compare_samples(work, baseline)
    with open(os.path.join(work, "comparison.txt"), "w") as f:
        f.write(table)
    return table


def run_programs(interpreters, harnesses, work, args):
    """hyperfine's start-up and whole-program timings; returns False if they failed."""
    listing = os.path.join(work, "logs", "interpreters.tsv")
    with open(listing, "w") as f:
        for it in interpreters:
            f.write("%s\t%s\t%s\n" % (it.label, it.exe, harnesses[it.label]))
    command = [bin_path("hyperfine-run"), "--out",
               os.path.join(work, "hyperfine")] + (["--quick"] if args.quick else []) + [listing]
    say("timing start-up and bench/programs/ with hyperfine")
    status = subprocess.run(command).returncode
    if status != EXIT_OK:
        warn("hyperfine's timings are incomplete (status %d; see above)" % status)
    return status == EXIT_OK


def compare(args):
    interpreters, unusable = resolve(args.pythons.split())
    for entry, reason in unusable.items():
        warn("leaving %s out: %s" % (entry, reason))
    baseline = choose_baseline(interpreters, args.baseline)
    final = run_folder(args.out)
    work = final + PARTIAL
    try:  # interrupts.install: SIGTERM and SIGHUP end up here too
        os.makedirs(os.path.join(work, "logs"))
        status = compare_into(work, interpreters, baseline, args, unusable)
        finish(final, latest=not args.out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    shown = os.path.relpath(final)
    say("results in %s" % (final if shown.startswith("..") else shown))
    report_claims(final)
    export_pyperf([final])  # says why when it cannot, and leaves the status alone
    return status


def report_claims(final):
    """The claims report of the new run (claims.csv and its summary), after the table.
    Its failure is reported and leaves the comparison's status alone."""
    print(flush=True)
    status = subprocess.run([sys.executable, bin_path("claims"), final]).returncode
    if status not in (EXIT_OK, EXIT_CASES_FAILED):
        warn("no claims report for %s (see above); the comparison is written" % final)


def compare_into(work, interpreters, baseline, args, unusable):
    # Before the builds: valgrind installed now gives the harnesses its headers.
    no_instructions = instructions_left_out(args)
    harnesses, unbuilt = build_harnesses(interpreters, work)
    if baseline not in harnesses:
        raise Stop("the baseline %s cannot be built (see above); pick another with "
                   "BASELINE=" % baseline, EXIT_ENVIRONMENT)
    interpreters = [it for it in interpreters if it.label in harnesses]
    labels = [it.label for it in interpreters]
    filters = family_filters(harnesses[baseline], args)
    say("%s (%s), baseline %s, %s, %s" %
        (counted_noun(len(labels), "interpreter", "interpreters"), " ".join(labels), baseline,
         counted_noun(len(filters), "family", "families"),
         counted_noun(args.rounds, "round", "rounds")))
    dropped, cases_failed = run_rounds(labels, harnesses, filters, args, work, baseline)
    kept = [label for label in labels if label not in dropped]
    counted = True
    if no_instructions:
        say("instructions per operation left out: %s" % no_instructions)
    else:
        counted = count_instructions(kept, interpreters, harnesses, args, work)
    pairs = [("run", "compare"), ("pythons", " ".join(kept)), ("baseline", baseline),
             ("rounds", str(args.rounds)), ("mode", "quick" if args.quick else "default"),
             ("filter", args.filter),
             ("instructions", "not counted: " + no_instructions if no_instructions else
              "callgrind, once per interpreter")]
    left_out = dict(unusable, **dict(unbuilt, **dropped))
    pairs += [("left_out@%s" % label, reason) for label, reason in left_out.items()]
    for label in dropped:
        shutil.rmtree(os.path.join(work, "raw", label), ignore_errors=True)
    table = merge(work, kept, baseline, pairs)
    programs_ok = True
    if not args.no_programs:
        programs_ok = run_programs([it for it in interpreters if it.label in kept],
                                   harnesses, work, args)
    shutil.rmtree(os.path.join(work, "raw"), ignore_errors=True)
    sys.stdout.write(table)
    done = not (cases_failed or left_out) and programs_ok and counted
    return EXIT_OK if done else EXIT_CASES_FAILED


def main(argv):
    try:
        args = parse_args(argv)
        return compare(args)
    except Stop as err:
        warn(str(err))
        return err.status
    except KeyboardInterrupt:
        warn("interrupted; no run folder was written")
        return EXIT_INTERRUPTED
    except SystemExit as stop:  # SIGTERM or SIGHUP (interrupts.install)
        if isinstance(stop.code, int) and stop.code > 128:
            warn("stopped by %s; no run folder was written" % signal.Signals(stop.code - 128).name)
        raise


def program(argv):
    """What bin/compare runs: main(argv), SIGTERM and SIGHUP ending it as SystemExit
    (interrupts.install); returns the exit status."""
    interrupts.install()
    return main(argv)
