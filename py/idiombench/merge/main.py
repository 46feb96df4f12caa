"""bin/merge: run folders made on different machines or at different times folded into
one run folder (make merge).

    bin/merge [--out DIR] [--baseline VERSION] [--runs "RUN1 RUN2"] [RUN...]

Inputs: 2 or more complete run folders, of make bench or make compare, mixed. Each
interpreter keeps its label, with "@<host>" (meta host) added when the runs come from
more than one host: 3.13.1@ci-arm (a comparison's 3.11.7#2 stays 3.11.7#2@ci-arm).

The merged folder (results/<UTC stamp>-merge unless --out, results/latest pointing at
it) is written in <folder>.partial and renamed when complete. samples.csv, failures.csv,
unavailable.csv, observations.csv, cases.csv and hyperfine/ are the inputs' rows
relabelled; measurements.csv, complexity.csv and comparison.csv are
build/idiombench-compare's, run once per host: every ratio is between two interpreters of one host (baseline: the
host's --baseline interpreter when it has one, else its oldest 3.x), since a time
or instruction count measured on two machines tells the machines apart, not the
versions. meta: run compare, the merged folders, the labels and baselines, the host's
keys once (one host) or as `key@<host>` with `hosts` (several), each interpreter's
keys as `key@<label>`.

Refused (exit 2, one line naming cause and fix): fewer than 2 folders, one given
twice, one interpreter of one host in two runs, a folder missing, incomplete, damaged
(sources.source_rows) or without samples.csv or measurements.csv, runs whose catalogues
or suites define a shared case differently (cases.csv; docs/run-folder.md), an OUT that
exists, ends in .partial or lies inside an input, a host without samples.
Exit status: 0 merged; 2 bad input; 3 idiombench-compare missing or failed; 4 OUT could
not be written; 130 interrupted (Ctrl-C; SIGTERM gives 143): the .partial folder is
removed.
Standard library only; Python 3.6+.
"""
import argparse
import collections
import os
import shutil

from idiombench.compare import merge as compare_merge
from idiombench.compare.main import report_claims
from idiombench.export.main import main as export_pyperf
from idiombench.merge.meta import write_meta
from idiombench.merge.sources import read_all, relabel, source_rows
from idiombench.run import errors, interrupts, schema
from idiombench.run.errors import (EXIT_ENVIRONMENT, EXIT_INTERRUPTED, EXIT_OK,
                                   EXIT_WRITE_FAILED, Stop, warn)
from idiombench.run.folder import PARTIAL, finish, new_run_folder
from idiombench.run.labels import host, label_key, names, version_tuple
from idiombench.run.paths import REPO_ROOT

# The files whose rows are the inputs' own, relabelled; the others idiombench-compare
# computes from samples.csv.
COPIED = ("samples.csv", "failures.csv", "unavailable.csv", "observations.csv",
          "cases.csv")
HYPERFINE = (os.path.join("hyperfine", "hyperfine.csv"), os.path.join("hyperfine", "runs.csv"))
COMPUTED = ("measurements.csv", "complexity.csv", "comparison.csv")


def say(message):
    errors.say(message, "merge")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bin/merge", description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="*", help="the run folders to merge")
    parser.add_argument("--runs", dest="listed", default="",
                        help="more run folders, blank-separated (make merge RUNS=)")
    parser.add_argument("--out", default="", help="the merged run folder (must not exist)")
    parser.add_argument("--baseline", default="",
                        help="version each host's ratios are to (default: its oldest 3.x)")
    args = parser.parse_args(argv)
    args.runs = args.listed.split() + args.runs
    return args


def run_folder(wanted, sources):
    """The final folder, which must not exist yet, nor its .partial, nor be inside a
    run being merged."""
    if not wanted:
        return new_run_folder(os.path.join(REPO_ROOT, "results"), "-merge")
    final = os.path.abspath(wanted)
    if os.path.basename(final).endswith(PARTIAL):
        raise Stop("OUT=%s ends in %s, the mark of an incomplete run that no reader "
                   "takes: name a folder without it" % (wanted, PARTIAL))
    for path in (final, final + PARTIAL):
        if os.path.lexists(path):
            raise Stop("OUT=%s: %s already exists; remove it or name a new folder"
                       % (wanted, path))
    for source in sources:
        inside = os.path.realpath(source.folder)
        if os.path.realpath(os.path.dirname(final)).startswith(inside + os.sep) or \
                os.path.realpath(os.path.dirname(final)) == inside:
            raise Stop("OUT=%s is inside %s, a run being merged: name a folder outside it"
                       % (wanted, source.folder))
    return final


def copy_rows(sources, mappings, name, work):
    """name's rows of every source, python_version relabelled, into work/name; rows of
    an interpreter the source does not list (left out) are dropped."""
    rows = []
    for source, mapping in zip(sources, mappings):
        for row in source_rows(source.folder, name):
            if row["python_version"] in mapping:
                rows.append(dict(row, python_version=mapping[row["python_version"]]))
    compare_merge.write_rows(os.path.join(work, name), schema.columns(name), rows)


def hosts_of(sources, mappings):
    """[(host, [its labels, sorted])], hosts in the order the sources give them (a
    label's host is its "@host", else its run's: a merged run holds several)."""
    hosts = collections.OrderedDict()
    for source, mapping in zip(sources, mappings):
        for label in mapping.values():
            hosts.setdefault(host(label) or source.host, []).append(label)
    return [(where, sorted(labels, key=label_key)) for where, labels in hosts.items()]


def host_baseline(labels, wanted):
    """The host's baseline: the label wanted names, else its oldest 3.x, else oldest."""
    named = [label for label in labels if label == wanted or names(wanted, label)]
    if wanted and named:
        return named[0]
    return ([label for label in labels if version_tuple(label)[:1] == (3,)] or labels)[0]


def baselines(hosts, wanted, measured):
    """Each host's baseline, among its interpreters that have samples (measured): a
    run whose every case failed is complete, and keeps its failures, but has nothing to
    compare."""
    chosen = []
    for where, labels in hosts:
        usable = [label for label in labels if label in measured]
        if not usable:
            raise Stop("host %s: none of its interpreters (%s) has a sample: every case "
                       "failed (see the failures.csv of its runs); measure it again, or "
                       "leave its runs out" % (where, " ".join(labels)))
        chosen.append(host_baseline(usable, wanted))
    if wanted and not any(wanted == b or names(wanted, b) for b in chosen):
        every = [label for _, labels in hosts for label in labels]
        empty = [label for label in every if (wanted == label or names(wanted, label))
                 and label not in measured]
        if empty:
            raise Stop("BASELINE=%s: %s has no samples (every case failed); pick another "
                       "of %s" % (wanted, empty[0], ", ".join(
                           label for label in every if label in measured)))
        raise Stop("BASELINE=%s is on no host of the runs (%s); pick one of them"
                   % (wanted, ", ".join(every)))
    for label in [label for _, labels in hosts for label in labels if label not in measured]:
        warn("%s has no samples (every case failed): it is in the merged run with its "
             "failures, and in no comparison" % label, "merge")
    return chosen


def compare_hosts(work, hosts, chosen):
    """COMPUTED, each host's rows computed from its samples alone, one host after
    the other; returns the tables idiombench-compare printed."""
    samples = compare_merge.read_rows(work, "samples.csv")
    computed = dict((name, []) for name in COMPUTED)
    tables = []
    for (host, labels), baseline in zip(hosts, chosen):
        folder = os.path.join(work, "host")
        os.makedirs(folder)
        mine = [row for row in samples if row["python_version"] in labels]
        compare_merge.write_rows(os.path.join(folder, "samples.csv"),
                                 schema.columns("samples.csv"), mine)
        say("comparing the %d interpreters of host %s with %s" % (len(labels), host, baseline))
        tables.append(compare_merge.compare_samples(folder, baseline))
        for name in COMPUTED:
            computed[name] += compare_merge.read_rows(folder, name)
        shutil.rmtree(folder)
    for name in COMPUTED:
        compare_merge.write_rows(os.path.join(work, name), schema.columns(name), computed[name])
    return "\n".join(tables)


def merge_into(work, sources, wanted):
    mappings = relabel(sources)
    os.makedirs(work)
    for name in COPIED:
        copy_rows(sources, mappings, name, work)
    for name in HYPERFINE:
        if any(os.path.isfile(os.path.join(s.folder, name)) for s in sources):
            os.makedirs(os.path.dirname(os.path.join(work, name)), exist_ok=True)
            copy_rows(sources, mappings, name, work)
    hosts = hosts_of(sources, mappings)
    measured = set(row["python_version"]
                   for row in compare_merge.read_rows(work, "samples.csv"))
    chosen = baselines(hosts, wanted, measured)
    write_meta(work, sources, mappings, hosts, chosen)
    table = compare_hosts(work, hosts, chosen)
    with open(os.path.join(work, "comparison.txt"), "w") as f:
        f.write(table)
    return table


def merge(args):
    tool = compare_merge.compare_tool()
    if not os.access(tool, os.X_OK):
        raise Stop("%s is missing: build it with make -f mk/compare.mk (make merge does)"
                   % tool, EXIT_ENVIRONMENT)
    try:
        sources = read_all(args.runs)
        final = run_folder(args.out, sources)
    except KeyboardInterrupt:
        raise Stop("interrupted; nothing was written", EXIT_INTERRUPTED)
    work = final + PARTIAL
    try:
        table = merge_into(work, sources, args.baseline)
        finish(final, latest=not args.out)
    except KeyboardInterrupt:
        shutil.rmtree(work, ignore_errors=True)
        raise Stop("interrupted; no run folder was written", EXIT_INTERRUPTED)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise Stop("cannot write %s: %s; give OUT= a new folder in a writable one"
                   % (error.filename or work, error.strerror or error), EXIT_WRITE_FAILED)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    errors.show(table)
    shown = os.path.relpath(final)
    say("merged %d runs into %s" % (len(sources), final if shown.startswith("..") else shown))
    report_claims(final)    # as make bench and make compare do: claims.csv, pyperf/;
    export_pyperf([final])  # each says why when it cannot, and leaves the status alone
    return EXIT_OK


def main(argv):
    interrupts.install()
    try:
        return merge(parse_args(argv))
    except Stop as err:
        warn(str(err))
        return err.status
