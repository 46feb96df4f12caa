"""py/idiombench/plots/select.py: what a family's charts show, for bin/plots.

The rows (case, n) and their labels, the scaling cases and the size the others are
shown at, the versions and figures of a chart, and the notes naming the figures that
are missing and why (unavailable.csv). Standard library only; Python 3.6+.
"""
from idiombench.run.labels import label_key


def row_label(case, n, chosen=None):
    """'case n=100'; just 'case' for a scaling case shown at the family's size chosen
    (which the subtitle names)."""
    return case if n is None or n == chosen else "%s n=%d" % (case, n)


def scaling_cases(run, family):
    """Cases of family measured (time) at 3 sizes or more, in the run's order."""
    return [case for case in run.m.cases[family]
            if len([n for n in run.m.case_sizes(family, case, "time_per_op") if n is not None]) >= 3]


def shown_rows(run, family, metric):
    """(case, n) rows for the per-case charts of metric: every size of a case measured
    at 1 or 2 sizes; a scaling case at the family's common size. Also the note."""
    scaling = scaling_cases(run, family)
    chosen = None
    if scaling:
        counts = {}
        for case in scaling:
            for n in run.m.case_sizes(family, case, "time_per_op"):
                if n is not None:
                    counts[n] = counts.get(n, 0) + 1
        best = max(counts.values())
        chosen = max(n for n, c in counts.items() if c == best)
    rows = []
    for case in run.m.cases[family]:
        sizes = run.m.case_sizes(family, case, metric)
        if not sizes:
            continue
        if case in scaling:
            below = [n for n in sizes if n is not None and n <= chosen]
            sizes = [below[-1] if below else sizes[0]]
        rows.extend((case, n) for n in sizes)
    run.chosen_n[family] = chosen
    note = ""
    if scaling:
        others = any(n is not None for case, n in rows if case not in scaling)
        note = ("cases measured at 3 or more sizes shown at n=%d%s (every size: the %s "
                "scaling chart)" % (chosen, ", the others at the n named" if others else "",
                                    family))
    return rows, note


def versions_of(run, family, metrics):
    found = set()
    for key, by_version in run.m.figures.items():
        if key[0] == family and key[3] in metrics:
            found |= set(by_version)
    return sorted(found, key=label_key)


def cells_for(run, family, case, n, metric, versions):
    by_version = run.m.figures.get((family, case, n, metric), {})
    return [(v, by_version.get(v)) for v in versions]


def missing_versions_note(run, versions, metrics):
    """'no figures from 2.7.18 (no allocator API in Python 2.7.18)': the versions of the
    run absent from a chart, and why (unavailable.csv), where it says."""
    absent = []
    for v in run.m_versions_sorted:
        if v in versions:
            continue
        reasons = []
        for metric in metrics:
            reason = run.unavailable.get((v, metric))
            if reason and reason not in reasons:
                reasons.append(reason)
        absent.append("%s (%s)" % (v, "; ".join(reasons)) if reasons else v)
    if not absent:
        return ""
    return "no figures from %s" % ", ".join(absent)


def why_missing(run, family, keys, metrics, versions):
    """{version: [reasons]}: why figures of the (case, n) keys are missing, as
    unavailable.csv says (for the case and metric, the whole case, or the metric)."""
    found = {}
    for case, n in keys:
        for metric in metrics:
            by_version = run.m.figures.get((family, case, n, metric), {})
            for v in versions:
                if v in by_version:
                    continue
                reason = (run.unavailable.get((v, family, case, metric)) or
                          run.unavailable.get((v, family, case, "*")))
                if reason and reason not in found.setdefault(v, []):
                    found[v].append(reason)
    return found
