"""py/idiombench/claims/rules/shared.py: what the rules of several families share: the
verdicts' names, the bytes of copying's *_alias cases (C01, C06), the whole programs of
hyperfine as context (C19, C20, C22), the memory pass's run length (C13, C14, C19, C22)
and "lower" judged over several metrics (C19, C22). It has no claims of its own.

Standard library only; Python 3.6+.
"""
import csv
import os

from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, amount, names,
                                          part, sig, size_list)


HOLDS, FAILS, PARTLY, UNTESTABLE = "holds", "fails", "partly", "untestable"


def exact_counts(run, label, family, case, metric, sizes=None):
    """{n: median} of a count metric over the case's sizes (or [None] when unsized);
    None when the metric is absent (the reason from run.missing)."""
    if sizes is None:
        sizes = run.sizes(label, family, case, metric) or [None]
    found = {}
    for n in sizes:
        figure = run.figure(label, family, case, metric, n)
        if figure is not None:
            found[n] = figure.median
    return found or None


def alias_bytes_part(run, label, name, essential):
    """b = a on lists and dicts of n items: 0 bytes requested at every size."""
    found = {}
    why = None
    for case in ("flat_alias", "nested_alias", "dict_alias"):
        counts = exact_counts(run, label, "copying", case, "bytes_per_op")
        if counts is None:
            why = why or run.missing(label, "copying", case, "bytes_per_op")
            continue
        found[case] = counts
    if not found:
        return part(name, None, why or "copying/*_alias not measured", essential)
    worst = max(max(counts.values()) for counts in found.values())
    sizes = sorted(set(n for counts in found.values() for n in counts if n is not None))
    text = "b = a on a list or dict of %s items: %s per op at most (%s)" % (
        size_list(sizes).replace("n=", ""), amount(worst, "bytes"), names(sorted(found)))
    return part(name, worst == 0, text, essential)


def hyperfine_rows(run):
    """hyperfine/hyperfine.csv of the run as {(label, program): row}; {} without it."""
    path = os.path.join(run.folder, "hyperfine", "hyperfine.csv")
    rows = {}
    try:
        with open(path, newline="") as stream:
            for row in csv.DictReader(stream):
                rows[(row.get("python_version"), row.get("program"))] = row
    except (OSError, csv.Error):
        return {}
    return rows


def programs_text(run, label, programs):
    """Context from the whole programs (hyperfine): each program's mean time ± stddev
    over its runs and its peak RSS (one run, no noise estimate). Never decides."""
    rows = hyperfine_rows(run)
    parts = []
    for program in programs:
        row = rows.get((label, program))
        if row is None:
            continue
        try:
            mean = float(row["mean_s"])
            text = "%s %s s" % (program, sig(mean))
            if row.get("stddev_s"):
                text += " ± %s" % sig(float(row["stddev_s"]), 2)
            text += " (%s runs)" % row.get("runs", "?")
            if row.get("peak_rss_kib"):
                text += ", peak RSS %s MiB" % sig(float(row["peak_rss_kib"]) / 1024)
        except (KeyError, TypeError, ValueError):
            continue
        parts.append(text)
    if not parts:
        return ""
    return " Whole programs (context, not used for the verdict): %s." % "; ".join(parts)


def loops_note(n):
    """Runs of the memory pass: 10000 // n operations (docs/run-folder.md)."""
    if not n:
        return "10000"
    return "%d" % max(10, 10000 // n)


def lower_on_the_whole(found):
    """The outcome of "lower" measured by several metrics of one thing (retained and
    peak bytes), from their effects: any higher contradicts, else any lower supports,
    all the same contradicts, else inconclusive."""
    if "higher" in found:
        return CONTRADICTED
    if "lower" in found:
        return SUPPORTED
    if found and all(f == "same" for f in found):
        return CONTRADICTED
    return INCONCLUSIVE
