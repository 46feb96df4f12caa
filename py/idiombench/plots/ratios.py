"""py/idiombench/plots/ratios.py: the charts of ratios, for bin/plots.

versions_charts: versions-<family>, each case's time on each version as a ratio to the
baseline (its host's in a run merged from several hosts; comparison.csv: the ratio of
geometric means and its 95% interval), coloured by what it shows; idioms_charts: the
pairs of idioms.py, candidate ÷ reference on each version, as the claims engine computes
them (py/idiombench/claims/run.py's contrast, by idiombench-compare), and their
instruction counts where the run has them. The idioms
charts read the run through the claims engine's public API, the one the rules use
(claims/run.py's Run: versions, prefetch, contrast, figure; Stop when the intervals
cannot be computed), so that a chart and claims.csv cannot disagree. Both are dot
charts (py/idiombench/plots/dots.py) on a log-2 axis with a line at 1×.
Standard library only; Python 3.6+.
"""
from idiombench.claims.run import Run as ClaimsRun
from idiombench.claims.vocabulary import PRACTICAL, largest_common_size, not_a_ratio
from idiombench.plots.idioms import PAIRS
from idiombench.plots.dots import (INK_RGB, Dot, KeyEntry, Panel, dot_charts, named, version_dots,
                                   version_key)
from idiombench.plots.format import FASTER_RGB, NEUTRAL_RGB, POINT_SHAPES, SLOWER_RGB, Chart
from idiombench.plots.run import Figure
from idiombench.plots.select import row_label, scaling_cases, shown_rows, why_missing
from idiombench.report.stats import highlighted
from idiombench.run.errors import Stop

INTERVAL_NOTE = "dots: ratio of geometric means; whiskers: its 95% interval"


def practical_bounds():
    """The ratios within which a difference is too small to matter (claims_vocabulary's
    PRACTICAL.share): [1/(1 + share), 1 + share]."""
    return 1.0 / (1.0 + PRACTICAL.share), 1.0 + PRACTICAL.share


def threshold_note():
    low, high = practical_bounds()
    return ("coloured only where the interval excludes 1× and the ratio is beyond the "
            "practical threshold of %g%% (below %.3g× or above %.3g×); grey: no practical "
            "difference" % (PRACTICAL.share * 100, low, high))


def highlight(row):
    """'faster', 'slower' or '' (no practical difference) for a comparison.csv row: the
    report's rule for bold (report_stats.highlighted: beyond the noise and beyond the
    practical threshold), so that a chart's colour and the table's bold agree."""
    return row["verdict"] if highlighted(row) else ""


VERDICT_RGB = {"faster": FASTER_RGB, "slower": SLOWER_RGB, "": NEUTRAL_RGB}


def versions_charts(run, family):
    """versions-<family>: one row per case, a dot per version against the baseline (its
    host's: baselines.py), its colour the verdict and its shape the version."""
    title = "%s: time per operation on each version, as a ratio to %s" % (
        family, run.baselines.named(run.baseline))
    others = [v for v in run.m_versions_sorted if not run.baselines.is_baseline(v)]
    rows, note = shown_rows(run, family, "time_per_op")
    scaling = scaling_cases(run, family)
    shape = dict((v, POINT_SHAPES[i % len(POINT_SHAPES)]) for i, v in enumerate(others))
    panel_rows, seen = [], set()
    for case, n in rows:
        dots = []
        for v in others:
            row = run.comparison.get((family, case, n, "time_per_op", v))
            if row is None or row["ratio"] is None or row.get("test") == "welch":
                # welch: a sample <= 0, a ratio of arithmetic means (report/tables.py)
                dots.append(Dot(v, None, INK_RGB, shape[v]))
                continue
            verdict = highlight(row)
            seen.add(verdict)
            dots.append(Dot(v, Figure(row["ratio"], row["ci_low"], row["ci_high"]),
                            VERDICT_RGB[verdict], shape[v]))
        if any(d.figure is not None for d in dots):
            label = row_label(case, n, run.chosen_n[family] if case in scaling else None)
            panel_rows.append((label, dots))
    if not panel_rows:
        reason = "no ratio of %s to the baseline in comparison.csv (make compare writes it)" \
            % family
        return [Chart("versions-" + family, title, skip=reason, line_reason=reason)]
    key = [KeyEntry(v, INK_RGB, shape[v]) for v in others]
    key += [KeyEntry(words, VERDICT_RGB[verdict], 7) for verdict, words in
            (("faster", "faster"), ("slower", "slower"), ("", "no practical difference"))
            if verdict in seen]
    notes = [INTERVAL_NOTE, threshold_note(), "shape: the version", note]
    axis = "time on the version ÷ time on %s (below 1×: faster)" % run.baselines.short(
        run.baseline)
    return dot_charts(run, "versions-" + family, title, notes, key,
                      [Panel("", axis, "ratio", panel_rows, 1.0)],
                      why_missing(run, family, rows, ["time_per_op"], others))


def idioms_charts(run):
    """idioms: the article's pairs, a row per pair, a dot per version (time or memory,
    with intervals); idioms-instructions: the same pairs' instruction counts, where the
    run has them. Two charts, not two panels of one, so that neither is split into
    parts. Skipped when the run has none of the pairs or their intervals cannot be
    computed."""
    title = "The article's idioms: each alternative's cost as a ratio to the idiom's"
    try:
        claims = ClaimsRun(run.folder)
        found = idiom_rows(run, claims)
    except Stop as error:  # the claims engine's: its intervals cannot be computed
        reason = "the intervals cannot be computed: %s" % error
        return [Chart("idioms", title, skip=reason, line_reason=reason)]
    rows, counted, absent = found
    if not rows:
        reason = "none of the article's pairs of cases is in this run (make bench runs them)"
        return [Chart("idioms", title, skip=reason, line_reason=reason)]
    key = version_key(run, claims.versions)
    notes = ["above 1×: the idiom (named second) is the cheaper"]
    if absent:
        notes.append("not in this run: " + named(absent, len(absent)))
    axis = "the alternative ÷ the idiom"
    charts = dot_charts(
        run, "idioms", title + " (time or memory)",
        [INTERVAL_NOTE + " (as the claims report computes them)"] + notes + [
            "a difference counts only where the interval excludes 1× and the ratio is "
            "beyond the practical threshold of %g%% (below %.3g× or above %.3g×)"
            % ((PRACTICAL.share * 100,) + practical_bounds())],
        key, [Panel("", axis, "ratio", rows, 1.0)],
        idiom_gaps(rows, "a pair not measured on it (or with fewer than 2 samples a case)"))
    if counted:
        charts += dot_charts(
            run, "idioms-instructions", title + " (instructions per operation)",
            ["dots: exact counts (callgrind), so no interval"] + notes, key,
            [Panel("", axis, "ratio", counted, 1.0)],
            idiom_gaps(counted, "no instruction count of both cases of a pair"))
    return charts


def idiom_gaps(rows, reason):
    """{version: [reason]} for the versions with a dot missing from rows (the n/a)."""
    why = {}
    for _, dots in rows:
        for dot in dots:
            if dot.figure is None:
                why[dot.series] = [reason]
    return why


def idiom_rows(run, claims):
    """(time rows, instruction rows or [], labels of the pairs absent from the run)."""
    claims.prefetch([(p.family, p.reference, p.candidate) for p in PAIRS
                     if p.family in (run.m.cases if run.m else {})])
    rows, counted, absent, any_count = [], [], [], False
    for pair in PAIRS:
        sized = {}
        for label in claims.versions:
            sized[label] = largest_common_size(claims, label, pair.family,
                                               (pair.reference, pair.candidate), pair.metric)
        dots, counts = [], []
        for label in claims.versions:
            n = sized[label]
            c = claims.contrast(label, pair.family, pair.reference, pair.candidate,
                                pair.metric, n)
            figure = None
            if c is not None and c.verdict != "insufficient data" and c.ratio is not None \
                    and not not_a_ratio(c):
                figure = Figure(c.ratio, c.ci_low, c.ci_high)
            dots.append((label, figure))
            counts.append((label, count_ratio(claims, label, pair, n)
                           if pair.metric == "time_per_op" else None))
        if not any(f for _, f in dots):
            absent.append(pair.label)
            continue
        sizes = sorted(set(n for n in sized.values() if n is not None))
        label = pair.label + (" (n=%s)" % "/".join(str(n) for n in sizes) if sizes else "")
        rows.append((label, version_dots(run, dots)))
        counted.append((label, version_dots(run, counts)))
        any_count = any_count or any(f for _, f in counts)
    return rows, counted if any_count else [], absent


def count_ratio(claims, label, pair, n):
    """candidate ÷ reference of instructions per operation (exact), or None."""
    reference = claims.figure(label, pair.family, pair.reference, "instructions_per_op", n)
    candidate = claims.figure(label, pair.family, pair.candidate, "instructions_per_op", n)
    if reference is None or candidate is None or reference.median <= 0:
        return None
    return Figure(candidate.median / reference.median, None, None)
