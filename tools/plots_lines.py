"""tools/plots_lines.py: the line charts of tools/plots.

scaling_charts: time against n, log-log, a line per scaling case (plots/scaling.gp);
versions_charts: time across Python versions, a line per case (plots/versions.gp).
Either is split into parts of at most MAX_LINES lines. Standard library only; Python 3.6+.
"""
import math

from plots_format import (LOG_SPAN, WIDTH, Axis, Chart, Render, data_line, gp_array,
                          gp_string, header_params, header_px, line_tics, part_name,
                          part_title, split_by_prefix, text_px, wrap)
from plots_select import gaps_note, row_label, scaling_cases, shown_rows, versions_of


MAX_LINES = 8                # lines per scaling or versions chart
MAX_SCALING_VERSIONS = 3     # more: draw the baseline and the newest


POINT_TYPES = [7, 5, 9, 13, 11, 6, 4, 8, 12, 10]
DASH_NAMES = {1: "solid", 2: "dashed", 3: "dotted"}


def fit_text(run, family, case, versions):
    if run.complexity is None:
        return case
    fits = [run.complexity.get((v, family, case), "?") for v in versions]
    if len(set(fits)) == 1:
        return "%s: %s" % (case, fits[0])
    return "%s: %s" % (case, " → ".join(fits))


def scaling_charts(run, family):
    cases = scaling_cases(run, family)
    versions = versions_of(run, family, ["time_per_op"])
    drawn, rule = drawn_versions(run, family, versions)
    dashes = {v: len(drawn) - i for i, v in enumerate(drawn)}  # newest solid (1)
    title = "%s: time per operation against n (cases measured at 3+ sizes)" % family
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
        chart_title = part_title(title, index, len(chunks))
        subtitle = [run.on(drawn)] + wrap(notes)
        entries = [fit_text(run, family, case, drawn) for case in chunk]
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
        params += "YLABEL = 'net time per operation (log scale)'\n"
        params += "TOP = %.6f\nKEY_COLS = %d\n" % (1 - (header_px(subtitle) + 8) / height, key_cols)
        charts.append(Chart(chart_name, chart_title + " — " + subtitle[0],
                            Render("scaling.gp", height, params, files)))
    return charts


def drawn_versions(run, family, versions):
    """The versions a scaling chart draws (beyond MAX_SCALING_VERSIONS: the baseline and
    the newest) and the note saying so."""
    if len(versions) > MAX_SCALING_VERSIONS:
        drawn = [run.baseline] if run.baseline in versions else [versions[0]]
        if versions[-1] not in drawn:
            drawn.append(versions[-1])
        rule = "drawn: %s, the baseline and the newest of %d versions (all: versions-%s)" % (
            " and ".join(drawn), len(versions), family)
    else:
        drawn, rule = versions, ""
    return drawn, rule


def scaling_notes(run, family, drawn, rule):
    """The subtitle's notes of scaling-<family>: samples, fits, versions drawn."""
    samples = run.samples(family, ["time_per_op"])
    if "whiskers" in samples:
        how = samples.replace("bars: median", "points: median").replace(
            "whiskers: min to max", "pale band: min to max")
    else:
        how = samples
    notes = [how, "key: case and its fitted curve (complexity.csv best_fit)"
             if run.complexity is not None else "no complexity.csv: no fitted curves", rule]
    if len(drawn) > 1:
        notes.append("fits in version order (%s)" % " → ".join(drawn))
    return notes


def scaling_extent(run, family, chunk, drawn):
    """The times to fit the y axis to (empty: nothing to draw) and the sizes."""
    all_values, spreads = [], []
    for case in chunk:
        for n in run.m.case_sizes(family, case, "time_per_op"):
            for v in drawn:
                f = run.m.figures.get((family, case, n, "time_per_op"), {}).get(v)
                if f is not None and f.median > 0 and n:
                    all_values.append(f.median)
                    if f.low is not None:
                        spreads += [f.low, f.high]
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
                median = f.median if f.median > 0 else float("nan")
                low = max(f.low, ymin) if f.low is not None else median
                high = f.high if f.high is not None else median
                rows.append(data_line(n, median, low, high))
            if not rows:
                continue
            line += 1
            files["line_%d.dat" % line] = "".join(rows)
            l_colour.append(float(c + 1))
            l_point.append(float(POINT_TYPES[c % len(POINT_TYPES)]))
            l_dash.append(float(dashes[v]))
            l_title.append(fit_text(run, family, case, drawn) if v == drawn[-1] else "")
    params = "NL = %d\n" % line
    params += gp_array("L_COLOUR", l_colour) + gp_array("L_POINT", l_point)
    params += gp_array("L_DASH", l_dash) + gp_array("L_TITLE", l_title)
    return params, files


def versions_charts(run, family):
    versions = versions_of(run, family, ["time_per_op"])
    rows, note = shown_rows(run, family, "time_per_op")
    title = "%s: time per operation across Python versions" % family
    samples = run.samples(family, ["time_per_op"])
    spread = samples.replace("bars: median", "points: median").replace(
        "whiskers: min to max", "their spread: time-%s" % family)
    notes = [spread, "x: the versions in order, evenly spaced", note]
    xtics = "(" + ", ".join("%s %d" % (gp_string(v), i + 1) for i, v in enumerate(versions)) + ")"
    chunks = [[rows[i] for i in chunk]
              for chunk in split_by_prefix([case for case, _ in rows], MAX_LINES)]
    charts = []
    for index, chunk in enumerate(chunks):
        y = versions_y(run, family, chunk, versions)
        if y is None:
            continue
        log, ymin, ymax, ytics = y
        chart_name = part_name("versions-" + family, index)
        chart_title = part_title(title, index, len(chunks))
        subtitle = [run.on(versions)] + wrap(notes + [gaps_note(run, family, chunk, versions)])
        scaling = scaling_cases(run, family)
        entries = [row_label(case, n, run.chosen_n[family] if case in scaling else None)
                   for case, n in chunk]
        entry_px = max(text_px(e) for e in entries) + 60
        key_cols = max(1, min(3, int((WIDTH - 40) // entry_px)))
        key_rows = int(math.ceil(len(entries) / float(key_cols)))
        height = int(header_px(subtitle) + 8 + 400 + 58 + key_rows * 19 + 10)
        params = header_params(chart_title, subtitle, height)
        line_params, files = versions_lines(run, family, chunk, versions, entries, log)
        params += line_params
        params += "XMAX = %d\nXTICS = %s\n" % (len(versions) + 1, gp_string(xtics))
        params += "YSCALE = %s\n" % gp_string("log" if log else "linear")
        params += "YMIN = %.12g\nYMAX = %.12g\nYTICS = %s\n" % (ymin, ymax, gp_string(ytics))
        params += "XLABEL = 'Python version (in version order)'\n"
        params += "YLABEL = %s\n" % gp_string("net time per operation" + (", log scale" if log else ""))
        params += "TOP = %.6f\nKEY_COLS = %d\n" % (1 - (header_px(subtitle) + 8) / height, key_cols)
        charts.append(Chart(chart_name, chart_title + " — " + subtitle[0],
                            Render("versions.gp", height, params, files)))
    return charts


def versions_y(run, family, chunk, versions):
    """(log, ymin, ymax, ytics) of a versions chart's rows in chunk; None when they have
    no time above 0."""
    values = []
    for case, n in chunk:
        for v in versions:
            f = run.m.figures.get((family, case, n, "time_per_op"), {}).get(v)
            if f is not None and f.median > 0:
                values.append(f.median)
    if not values:
        return None
    log = max(values) / min(values) > LOG_SPAN
    if log:
        ymin, ymax, ytics = line_tics(min(values), max(values), "time")
    else:
        axis = Axis(values, values, "time", allow_log=False)
        (ymin, ymax), ytics = axis.gp_range(), axis.tics()
    return log, ymin, ymax, ytics


def versions_lines(run, family, chunk, versions, entries, log):
    """versions.gp's lines (NL, L_*) and their data files, a line per row of chunk."""
    files, l_colour, l_point, l_title = {}, [], [], []
    for c, (case, n) in enumerate(chunk):
        lines = []
        for i, v in enumerate(versions):
            f = run.m.figures.get((family, case, n, "time_per_op"), {}).get(v)
            if f is None:
                continue
            median = f.median if (f.median > 0 or not log) else float("nan")
            lines.append(data_line(i + 1, median))
        if not lines:
            lines.append(data_line(-10.0, 1.0))
        files["line_%d.dat" % (c + 1)] = "".join(lines)
        l_colour.append(float(c + 1))
        l_point.append(float(POINT_TYPES[c % len(POINT_TYPES)]))
        l_title.append(entries[c])
    params = "NL = %d\n" % len(chunk)
    params += gp_array("L_COLOUR", l_colour) + gp_array("L_POINT", l_point)
    params += gp_array("L_TITLE", l_title)
    return params, files
