"""py/idiombench/plots/lines.py: the scaling charts of bin/plots (plots/scaling.gp).

scaling_charts: time per element (time per operation ÷ n) against n, log-log, a line
per scaling case, so that O(n) is flat and O(n^2) rises; the key gives each case's
complexity only where the fit decides it (py/idiombench/run/fit_label.py), and how decisively.
Split into parts of at most MAX_LINES lines. Standard library only; Python 3.6+.
"""
import math

from idiombench.run.fit_label import fit_label
from idiombench.plots.format import (WIDTH, Chart, Render, data_line, gp_array, gp_string,
                                     header_params, header_px, line_tics, part_name, part_title,
                                     split_by_prefix, text_px, wrap)
from idiombench.plots.dots import named
from idiombench.plots.select import scaling_cases, versions_of
from idiombench.run.labels import host, label_key


MAX_LINES = 8                # lines per scaling chart
MAX_SCALING_VERSIONS = 3     # more: draw the baseline and the newest (each host's)


POINT_TYPES = [7, 5, 9, 13, 11, 6, 4, 8, 12, 10]
DASH_NAMES = {1: "solid", 2: "dashed", 3: "dotted", 4: "dash-dotted"}


def fit_text(run, family, case, version):
    """The key entry of a case: 'join_list: O(n), fits 4.1x better than the next',
    'plus: O(n) or O(n log n)? (undecided)', or the case alone without fits."""
    if run.complexity is None:
        return case
    fit = run.complexity.get((version, family, case))
    if fit is None:
        return "%s: no fit" % case
    if not fit.decided:
        return "%s: %s (undecided)" % (case, fit_label(fit))
    if fit.margin == float("inf"):
        return "%s: %s (exact fit)" % (case, fit_label(fit))
    return "%s: %s, fits %.1fx better than the next" % (case, fit_label(fit), fit.margin)


def fit_note(run, drawn):
    if run.complexity is None:
        return "no complexity fits in this run: no fitted curves"
    return ("key: the curve that fits the case's times on %s, only where it fits at "
            "least twice as well as any other (else the curves the fit cannot tell apart, "
            "with ?)" % drawn[-1])


def scaling_charts(run, family):
    cases = scaling_cases(run, family)
    versions = versions_of(run, family, ["time_per_op"])
    drawn, rule = drawn_versions(run, family, versions)
    dashes = {v: len(drawn) - i for i, v in enumerate(drawn)}  # newest solid (1)
    title = "%s: time per element against n (cases measured at 3+ sizes)" % family
    notes = scaling_notes(run, family, drawn, rule)
    chunks = [[cases[i] for i in chunk] for chunk in split_by_prefix(cases, MAX_LINES)]
    charts = []
    for index, chunk in enumerate(chunks):
        shown, sizes = scaling_extent(run, family, chunk, drawn)
        if not shown or not sizes:
            continue
        ymin, ymax, ytics = line_tics(min(shown), max(shown), "time")
        xmin, xmax, xtics = line_tics(min(sizes), max(sizes), "count")
        chart_name = part_name("scaling-" + family, index)
        chart_title = part_title(title, chunk, chunks)
        subtitle = [run.on(drawn)] + wrap(notes + [run.conditions()])
        entries = [fit_text(run, family, case, drawn[-1]) for case in chunk]
        if len(drawn) > 1:
            entries += ["%s (%s)" % (v, DASH_NAMES.get(dashes[v], "dashed")) for v in drawn]
        entry_px = max(text_px(e) for e in entries) + 60
        key_cols = max(1, min(3, int((WIDTH - 40) // entry_px)))
        key_rows = int(math.ceil(len(entries) / float(key_cols)))
        height = int(header_px(subtitle) + 8 + 430 + 58 + key_rows * 19 + 10)
        params = header_params(chart_title, subtitle, height)
        line_params, files = scaling_lines(run, family, chunk, drawn, dashes, ymin)
        params += line_params
        multi = len(drawn) > 1
        params += "NV = %d\n" % (len(drawn) if multi else 0)
        params += gp_array("V_TITLE", [e for e in entries[len(chunk):]] if multi else [], "")
        params += gp_array("V_DASH", [float(dashes[v]) for v in drawn] if multi else [])
        params += "XMIN = %.12g\nXMAX = %.12g\nXTICS = %s\n" % (xmin, xmax, gp_string(xtics))
        params += "YMIN = %.12g\nYMAX = %.12g\nYTICS = %s\n" % (ymin, ymax, gp_string(ytics))
        params += "XLABEL = 'size n (log scale)'\n"
        params += "YLABEL = 'net time per element: per operation ÷ n (log scale)'\n"
        params += "TOP = %.6f\nKEY_COLS = %d\n" % (1 - (header_px(subtitle) + 8) / height, key_cols)
        charts.append(Chart(chart_name, chart_title + " — " + subtitle[0],
                            Render("scaling.gp", height, params, files)))
    return charts


def drawn_versions(run, family, versions):
    """The versions a scaling chart draws (beyond MAX_SCALING_VERSIONS: the baseline and
    the newest, each host's in a run merged from several) and the note saying so."""
    if len(versions) > MAX_SCALING_VERSIONS and run.baselines.several:
        drawn = hosts_ends(run, versions)
        rule = ("drawn: %s, each host's baseline and newest of %d versions (all: the %s "
                "versions chart)" % (named(drawn), len(versions), family))
    elif len(versions) > MAX_SCALING_VERSIONS:
        drawn = [run.baseline] if run.baseline in versions else [versions[0]]
        if versions[-1] not in drawn:
            drawn.append(versions[-1])
        rule = ("drawn: %s, the baseline and the newest of %d versions (all: the %s "
                "versions chart)" % (" and ".join(drawn), len(versions), family))
    else:
        drawn, rule = versions, ""
    return drawn, rule


def hosts_ends(run, versions):
    """Each host's baseline (its oldest version when it has none here) and newest, in
    version order (the newest last: its line is solid)."""
    drawn = set()
    for name in set(host(v) for v in versions):
        mine = [v for v in versions if host(v) == name]
        base = run.baselines.of(mine[-1])
        drawn.update([base if base in mine else mine[0], mine[-1]])
    return sorted(drawn, key=label_key)


def scaling_notes(run, family, drawn, rule):
    """The subtitle's notes of scaling-<family>: samples, fits, versions drawn."""
    how = run.samples(family, ["time_per_op"], "points").replace(
        "whiskers: interquartile range", "pale band: interquartile range")
    notes = ["a flat line grows as n, a rising one faster, a falling one slower",
             how + ", each divided by n", fit_note(run, drawn), rule]
    if len(drawn) > 1:
        notes.append("solid line: %s" % drawn[-1])
    return notes


def scaling_extent(run, family, chunk, drawn):
    """The times to fit the y axis to (empty: nothing to draw) and the sizes."""
    all_values, spreads = [], []
    for case in chunk:
        for n in run.m.case_sizes(family, case, "time_per_op"):
            for v in drawn:
                f = run.m.figures.get((family, case, n, "time_per_op"), {}).get(v)
                if f is not None and f.median > 0 and n:
                    all_values.append(f.median / n)
                    if f.low is not None:
                        spreads += [f.low / n, f.high / n]
    sizes = [n for case in chunk for n in run.m.case_sizes(family, case, "time_per_op") if n]
    if not all_values or not sizes:
        return [], sizes
    # the spread widens the range, but an outlier near 0 does not stretch it
    floor = min(all_values) / 3.0
    shown = all_values + [x for x in spreads if x >= floor]
    return shown, sizes


def scaling_lines(run, family, chunk, drawn, dashes, ymin):
    """scaling.gp's lines (NL, L_*) and their data files, a line per case and version."""
    files, l_colour, l_point, l_dash, l_title = {}, [], [], [], []
    line = 0
    for c, case in enumerate(chunk):
        for v in drawn:
            rows = []
            for n in run.m.case_sizes(family, case, "time_per_op"):
                f = run.m.figures.get((family, case, n, "time_per_op"), {}).get(v)
                if f is None or n is None:
                    continue
                median = f.median / n if f.median > 0 else float("nan")
                low = max(f.low / n, ymin) if f.low is not None else median
                high = f.high / n if f.high is not None else median
                rows.append(data_line(n, median, low, high))
            if not rows:
                continue
            line += 1
            files["line_%d.dat" % line] = "".join(rows)
            l_colour.append(float(c + 1))
            l_point.append(float(POINT_TYPES[c % len(POINT_TYPES)]))
            l_dash.append(float(dashes[v]))
            l_title.append(fit_text(run, family, case, drawn[-1]) if v == drawn[-1] else "")
    params = "NL = %d\n" % line
    params += gp_array("L_COLOUR", l_colour) + gp_array("L_POINT", l_point)
    params += gp_array("L_DASH", l_dash) + gp_array("L_TITLE", l_title)
    return params, files
