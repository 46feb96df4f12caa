"""tools/plots_bars.py: the bar charts of tools/plots (plots/bars.gp).

bar_charts lays out rows × versions as horizontal bars with whiskers, one panel per
metric, split into parts when taller than BAR_CHART_MAX_PX; per_case_chart (time,
allocs, bytes) and per_run_chart (memory, resources) choose the rows of a family.
Standard library only; Python 3.6+.
"""
import math

from plots_format import (WIDTH, Axis, Chart, Render, data_line, gp_array, gp_string,
                          header_params, header_px, part_name, part_title,
                          split_by_prefix, text_px, wrap)
from labels import label_key
from plots_select import (cells_for, missing_versions_note, row_label, scaling_cases,
                          shown_rows, versions_of, why_missing)


BAR_CHART_MAX_PX = 1050      # a bar chart taller than this is split into parts


UNIT_WORDS = {"fds": "file descriptors", "warnings": "ResourceWarnings"}


def bar_charts(run, name, title, notes, series, panels, na_reasons=None):
    """Bar charts for rows × series (split into parts when too tall).

    series: version labels (colours from run.colour), the key's entries.
    panels: [(heading, axis text, kind, rows)], rows [(label, [(version, Figure|None)])],
    every panel with the same row labels. na_reasons: {version: [reasons]} for the
    figures missing (None: n/a is explained in general). Returns a list of Charts."""
    k = max(len(cells) for _, _, _, rows in panels for _, cells in rows)
    colour = chart_colours(run, series, panels)
    bar_px = 16 if k == 1 else (14 if k <= 2 else (12 if k <= 4 else 10))
    row_px = k * bar_px + 8
    axes = [panel_axis(rows, kind) for _, _, kind, rows in panels]
    labels = [label for label, _ in panels[0][3]]
    key_entry_px = max([text_px(v) for v in series] + [0]) + 46
    key_cols = max(1, min(len(series), int((WIDTH - 80) // key_entry_px))) if series else 1
    key_rows = int(math.ceil(len(series) / float(key_cols))) if series else 0
    notes = list(notes) + na_notes(panels, na_reasons)
    subtitle = [run_on_line(run, series, panels)] + wrap(notes)
    top_px = header_px(subtitle) + (key_rows * 19 + 8 if key_rows else 0)
    head_px = 46 if len(panels) > 1 else 6
    fixed = top_px + (head_px + 46) * len(panels) + 8
    budget = BAR_CHART_MAX_PX if len(panels) == 1 else BAR_CHART_MAX_PX * 1.4
    per_part = max(3, int((budget - fixed) // (row_px * len(panels))))
    chunks = split_by_prefix(labels, per_part)
    charts = []
    for index, chunk in enumerate(chunks):
        chart_name = part_name(name, index)
        chart_title = part_title(title, index, len(chunks))
        height = fixed + row_px * len(chunk) * len(panels)
        params = header_params(chart_title, subtitle, height)
        params += "RIGHT = %.6f\n" % (1 - 34.0 / WIDTH)
        params += "NP = %d\n" % len(panels)
        params += "NS = %d\n" % len(series)
        params += gp_array("S_TITLE", list(series), "")
        params += gp_array("S_COLOUR", [float(colour[v]) for v in series])
        params += "KEY_Y = %.6f\nKEY_COLS = %d\n" % (1 - (header_px(subtitle) + 2) / height, key_cols)
        files = {}
        tops, bottoms = [], []
        y_px = top_px
        for p, ((heading, axis_text, kind, rows), axis) in enumerate(zip(panels, axes), 1):
            y_px += head_px
            tops.append(1 - y_px / height)
            y_px += row_px * len(chunk)
            bottoms.append(1 - y_px / height)
            y_px += 46
            bars, whiskers, texts, ytics = panel_data(rows, chunk, axis, colour,
                                                      bar_px / float(row_px))
            files["bars_%d.dat" % p] = "".join(bars)
            files["whisk_%d.dat" % p] = "".join(whiskers)
            files["labels_%d.dat" % p] = "".join(texts)
            params += panel_params(p, axis, axis.describe(axis_text), heading, len(chunk), ytics)
        params += gp_array("P_TOP", tops) + gp_array("P_BOTTOM", bottoms)
        charts.append(Chart(chart_name, chart_title + " — " + subtitle[0],
                            Render("bars.gp", height, params, files)))
    return charts


def chart_colours(run, series, panels):
    """{version: colour}: the run's, or (beyond the palette's 10) the chart's own."""
    if not run.colour_by_chart:
        return run.colour
    in_chart = sorted(set(series) | set(v for _, _, _, rows in panels
                                         for _, cells in rows for v, _ in cells),
                      key=label_key)
    return {v: i + 1 for i, v in enumerate(in_chart)}


def panel_axis(rows, kind):
    """The value axis of a panel's rows: medians and whisker ends."""
    figures = [f for _, cells in rows for _, f in cells if f is not None]
    values = [f.median for f in figures]
    extremes = values + [f.low for f in figures if f.low is not None] + \
        [f.high for f in figures if f.high is not None]
    return Axis(values, extremes, kind)


def na_notes(panels, na_reasons):
    """'n/a on 3.6.15: ...': one note per version with a figure missing."""
    missing = []
    for _, _, _, rows in panels:
        for _, cells in rows:
            for version, figure in cells:
                if figure is None and version not in missing:
                    missing.append(version)
    notes = []
    for version in sorted(missing, key=label_key):
        reasons = (na_reasons or {}).get(version, [])
        notes.append("n/a on %s: %s" % (version, "; ".join(reasons) if reasons else
                                         "no figure (see unavailable.csv, failures.csv)"))
    return notes


def panel_data(rows, chunk, axis, colour, fraction):
    """bars.gp's data lines of one panel's rows in chunk (bars, whiskers, texts) and
    its y tics. fraction: a bar's thickness in rows."""
    bars, whiskers, texts = [], [], []
    ytics = []
    for r, row_index in enumerate(chunk):
        label, cells = rows[row_index]
        ytics.append("%s %.6g" % (gp_string(label), -(r + 0.5)))
        count = len(cells)
        if count > 1 and all(f is not None and f.median == 0 and f.low is None
                             for _, f in cells):
            # one label for a row of zeros, not a column of them
            texts.append(data_line(axis.base, -(r + 0.5), "0 on every version"))
            continue
        for j, (version, figure) in enumerate(cells):
            centre = -(r + 0.5) + ((count - 1) / 2.0 - j) * fraction
            half = fraction * 0.44
            colour_index = colour.get(version, 1)
            if figure is None:
                texts.append(data_line(axis.base, centre, "n/a"))
                continue
            value = figure.median
            if axis.scale == "log" and value <= 0:
                texts.append(data_line(axis.base, centre, "≤ 0"))
                continue
            bars.append(data_line(centre, axis.base, axis.clip(value),
                                  centre - half, centre + half, colour_index))
            if value == 0:
                texts.append(data_line(axis.base, centre, "0"))
            if figure.low is not None:
                whiskers.append(data_line(axis.clip(value), centre,
                                          axis.clip(figure.low), axis.clip(figure.high)))
    # Rows outside the plot keep every data file non-empty (no gnuplot warning).
    bars.append(data_line(10.0, axis.base, axis.base, 10.0, 10.0, 1))
    whiskers.append(data_line(axis.base, 10.0, axis.base, axis.base))
    texts.append(data_line(axis.base, 10.0, ""))
    return bars, whiskers, texts, ytics


def panel_params(p, axis, axis_text, heading, rows, ytics):
    """bars.gp's parameters of panel p (the arrays are declared with the first)."""
    if p == 1:
        text = ""
        for name in ("P_SCALE", "P_SYMC", "P_XMIN", "P_XMAX", "P_XTICS", "P_XLABEL",
                     "P_ROWS", "P_YTICS", "P_HEAD"):
            text += "array %s[NP]\n" % name
    else:
        text = ""
    text += "P_SCALE[%d] = %s\n" % (p, gp_string(axis.scale))
    text += "P_SYMC[%d] = %.12g\n" % (p, axis.symc)
    low, high = axis.gp_range()
    text += "P_XMIN[%d] = %.12g\nP_XMAX[%d] = %.12g\n" % (p, low, p, high)
    text += "P_XTICS[%d] = %s\n" % (p, gp_string(axis.tics()))
    text += "P_XLABEL[%d] = %s\n" % (p, gp_string(axis_text))
    text += "P_ROWS[%d] = %d\n" % (p, rows)
    text += "P_YTICS[%d] = %s\n" % (p, gp_string("(" + ", ".join(ytics) + ")"))
    text += "P_HEAD[%d] = %s\n" % (p, gp_string(heading))
    return text


def run_on_line(run, series, panels):
    versions = set(series)
    if not versions:
        versions = set(v for _, _, _, rows in panels for _, cells in rows for v, _ in cells)
    return run.on(versions)


def per_case_chart(run, family, metric, name, title, axis_text, kind):
    versions = versions_of(run, family, [metric])
    rows, note = shown_rows(run, family, metric)
    scaling = scaling_cases(run, family)
    panel_rows = [(row_label(case, n, run.chosen_n[family] if case in scaling else None),
                   cells_for(run, family, case, n, metric, versions))
                  for case, n in rows]
    notes = [run.samples(family, [metric]), note, missing_versions_note(run, versions, [metric])]
    return bar_charts(run, name, title, notes, versions, [("", axis_text, kind, panel_rows)],
                      why_missing(run, family, rows, [metric], versions))


def per_run_chart(run, family, metrics, name, title):
    """memory-<family> or resources-<family>: a panel per metric (all-zero ones left
    out, and named), rows at every size."""
    present = [(metric, heading, unit) for metric, heading, unit in metrics
               if run.m.has(family, metric)]
    versions = versions_of(run, family, [m for m, _, _ in present])
    keys = []
    for case in run.m.cases[family]:
        for metric, _, _ in present:
            for n in run.m.case_sizes(family, case, metric):
                if (case, n) not in keys:
                    keys.append((case, n))
    labels, all_loops = per_run_labels(run, family, keys, present, versions)
    panels, zero = per_run_panels(run, family, keys, labels, present, versions)
    if len(all_loops) == 1:
        per = "figures per run of %d operations" % next(iter(all_loops))
    else:
        per = "figures per run of the operations in each row's label"
    notes = [run.samples(family, [m for m, _, _ in present]), per]
    if zero:
        notes.append("zero for every case: " + ", ".join(zero))
    notes.append(missing_versions_note(run, versions, [m for m, _, _ in present]))
    return bar_charts(run, name, title, notes, versions, panels,
                      why_missing(run, family, keys, [m for m, _, _ in present], versions))


def per_run_labels(run, family, keys, present, versions):
    """{(case, n): label}, one per row, with the ops count when rows differ in it; and
    the set of every ops count."""
    loops = {}
    for case, n in keys:
        for metric, _, _ in present:
            for v in versions:
                value = run.m.loops.get((family, case, n, metric, v))
                if value is not None:
                    loops.setdefault((case, n), set()).add(int(value))
    all_loops = set(x for s in loops.values() for x in s)
    labels = {}
    for case, n in keys:
        label = row_label(case, n)
        if len(all_loops) > 1 and len(loops.get((case, n), ())) == 1:
            label += " (%d ops)" % next(iter(loops[(case, n)]))
        labels[(case, n)] = label
    return labels, all_loops


def per_run_panels(run, family, keys, labels, present, versions):
    """A panel per metric of present, but those zero for every case (named in zero);
    the first metric's when all are."""
    panels, zero = [], []
    for metric, heading, unit in present:
        cells = [(labels[key], cells_for(run, family, key[0], key[1], metric, versions))
                 for key in keys]
        values = [f.median for _, row in cells for _, f in row if f is not None]
        extremes = [x for _, row in cells for _, f in row if f is not None
                    for x in (f.low, f.high) if x is not None]
        if all(v == 0 for v in values + extremes):
            zero.append(metric)
            continue
        kind = "bytes" if unit == "bytes" else "count"
        panels.append((heading, "%s per run" % UNIT_WORDS.get(unit, unit), kind, cells))
    if not panels:
        metric, heading, unit = present[0]
        cells = [(labels[key], cells_for(run, family, key[0], key[1], metric, versions))
                 for key in keys]
        panels.append((heading, "%s per run" % UNIT_WORDS.get(unit, unit),
                       "bytes" if unit == "bytes" else "count", cells))
        zero = [m for m in zero if m != metric]
    return panels, zero
