"""py/idiombench/plots/dots.py: the dot charts of bin/plots (their gnuplot script is DOTS_GP).

dot_charts lays out rows × series as dots with whiskers (an interquartile range or a
95% interval), one panel per metric, split into parts named by what they hold when
taller than MAX_HEIGHT_PX; per_case_chart (time, instructions, allocs, bytes) and
per_run_chart (memory, resources) choose the rows of a family, leave out the rows that
are zero on every version (and name them), and state in one sentence a chart that would
be all zeros. Standard library only; Python 3.6+.
"""
import math
from collections import namedtuple

from idiombench.plots.format import (MAX_HEIGHT_PX, WIDTH, Axis, Chart, Render, data_line,
                                     gp_array, gp_string, header_params, header_px, split_title,
                                     part_name, part_title, split_by_prefix, text_px,
                                     version_colours, wrap)
from idiombench.run.labels import label_key
from idiombench.plots.select import (cells_for, missing_versions_note, row_label, scaling_cases,
                                     shown_rows, versions_of, why_missing)


# One dot: the series it belongs to (a version), its Figure (None: n/a), its colour
# (rgb) and point shape (gnuplot's pt).
Dot = namedtuple("Dot", "series figure rgb point")
# A key entry: its text, colour and point shape.
KeyEntry = namedtuple("KeyEntry", "title rgb point")
# A panel: its heading, axis text, kind of values (Axis kind), rows [(label, [Dot])],
# and the x of a reference line (None: none).
Panel = namedtuple("Panel", "heading axis_text kind rows reference")
Panel.__new__.__defaults__ = (None,)

INK_RGB = 0x222222
UNIT_WORDS = {"fds": "file descriptors", "warnings": "ResourceWarnings"}

# The script: plots/style.gp has opened the terminal and placed the title and
# subtitle. For panel p, DATADIR holds dots_<p>.dat (x y rgb point), whisk_<p>.dat
# (x y x_low x_high) and labels_<p>.dat (x y "text"); params.gp sets NP, RIGHT,
# P_TOP/P_BOTTOM (screen), P_SCALE ('linear', 'log', 'log2', 'symlog'), P_SYMC,
# P_XMIN/P_XMAX, P_XTICS, P_XLABEL, P_ROWS, P_YTICS, P_HEAD, P_REF (x of a dashed
# reference line; 0 for none) and the key: NS, S_TITLE, S_RGB, S_POINT, KEY_Y, KEY_COLS.
DOTS_GP = r"""
set multiplot
set rmargin at screen RIGHT
set ytics scale 0 nomirror
set xtics nomirror out scale 0.6
set grid xtics ytics
set border 3
set key at screen 0.5, screen KEY_Y center top horizontal maxcols KEY_COLS \
    samplen 0.6 spacing 1.1 width BAR_KEY_WIDTH
DOT_SIZE = (FORMAT eq 'svg') ? 0.75 : 1.0
do for [p=1:NP] {
    set tmargin at screen P_TOP[p]
    set bmargin at screen P_BOTTOM[p]
    unset logscale x
    unset nonlinear x
    unset arrow
    if (P_SCALE[p] eq 'log') {
        set logscale x 10
    }
    if (P_SCALE[p] eq 'log2') {
        set logscale x 2
    }
    if (P_SCALE[p] eq 'symlog') {
        SYMC = P_SYMC[p]
        set nonlinear x via sgn(x) * log10(1 + abs(x) / SYMC) \
            inverse sgn(x) * SYMC * (10**abs(x) - 1)
    }
    set xrange [P_XMIN[p]:P_XMAX[p]]
    set yrange [-P_ROWS[p]:0]
    eval 'set xtics ' . P_XTICS[p]
    eval 'set ytics ' . P_YTICS[p]
    if (P_REF[p] > 0) {
        set arrow from first P_REF[p], graph 0 to first P_REF[p], graph 1 nohead \
            lc rgb INK lw 1.2 dt 2 back
    }
    set xlabel P_XLABEL[p] offset 0, 0.3
    set title P_HEAD[p] offset 0, -0.4
    if (p > 1) {
        unset key
        unset label
    }
    plot sprintf('%s/whisk_%d.dat', DATADIR, p) using 1:2:3:4 with xerrorbars \
             pointtype -1 lc rgb INK lw 1.2 notitle, \
         sprintf('%s/dots_%d.dat', DATADIR, p) using 1:2:4:3 with points \
             pointtype variable pointsize DOT_SIZE lc rgb variable notitle, \
         sprintf('%s/labels_%d.dat', DATADIR, p) using 1:2:3 with labels left \
             offset char 0.4, 0 textcolor rgb INK font SMALL_FONT notitle, \
         for [s=1:NS] keyentry with points pointtype S_POINT[s] pointsize DOT_SIZE \
             lc rgb S_RGB[s] title S_TITLE[s]
}
unset multiplot
"""


def version_dots(run, cells):
    """[Dot] of (version, Figure|None) cells, coloured by version: the sequential
    palette spread over the run's versions, so a version keeps its colour in every
    chart."""
    colour = version_colours(run.versions)
    return [Dot(v, f, colour.get(v, INK_RGB), 7) for v, f in cells]


def version_key(run, versions):
    colour = version_colours(run.versions)
    return [KeyEntry(v, colour.get(v, INK_RGB), 7) for v in versions]


def dot_charts(run, name, title, notes, key, panels, na_reasons=None, machine=None):
    """Dot charts of panels (every panel with the same row labels), split into parts
    when too tall. key: [KeyEntry]; na_reasons: {series: [reasons]} for the dots
    missing; machine: the subtitle's first line (default: the run's versions and
    machine). Returns a list of Charts."""
    k = max([len(dots) for panel in panels for _, dots in panel.rows] + [1])
    dot_px = 15 if k == 1 else (13 if k <= 2 else (11 if k <= 4 else 9))
    row_px = k * dot_px + 8
    axes = [panel_axis(panel) for panel in panels]
    labels = [label for label, _ in panels[0].rows]
    key_entry_px = max([text_px(e.title) for e in key] + [0]) + 40
    key_cols = max(1, min(len(key), int((WIDTH - 80) // key_entry_px))) if key else 1
    key_rows = int(math.ceil(len(key) / float(key_cols))) if key else 0
    notes = list(notes) + na_notes(panels, na_reasons)
    subtitle = [machine or run.on(series_of(key, panels))] + wrap(notes + [run.conditions()])
    # The lines a part's title may take beyond the first (an upper bound: a part named
    # by its two longest rows), reserved before the rows are split into parts.
    longest = max([label.split(" (")[0] for label in labels] + [""], key=len)
    title_lines = len(split_title("%s: %s to %s" % (title, longest, longest), [])[1])
    top_px = header_px(subtitle + [""] * title_lines) + (key_rows * 19 + 8 if key_rows else 0)
    head_px = 46 if len(panels) > 1 else 6
    fixed = top_px + (head_px + 46) * len(panels) + 8
    per_part = max(2, int((MAX_HEIGHT_PX - fixed) // (row_px * len(panels))))
    chunks = split_by_prefix(labels, per_part)
    label_chunks = [[labels[i] for i in chunk] for chunk in chunks]
    charts = []
    for index, chunk in enumerate(chunks):
        chart_title = part_title(title, label_chunks[index], label_chunks)
        height = fixed + row_px * len(chunk) * len(panels)
        first_line, lines = split_title(chart_title, subtitle)
        lines += [""] * max(0, title_lines + len(subtitle) - len(lines))
        params = header_params(first_line, lines, height)
        params += "RIGHT = %.6f\n" % (1 - 34.0 / WIDTH)
        params += "NP = %d\n" % len(panels)
        params += "NS = %d\n" % len(key)
        params += gp_array("S_TITLE", [e.title for e in key], "")
        params += gp_array("S_RGB", [float(e.rgb) for e in key])
        params += gp_array("S_POINT", [float(e.point) for e in key])
        params += "KEY_Y = %.6f\nKEY_COLS = %d\n" % (
            1 - (header_px(lines) + 2) / height, key_cols)
        files = {}
        tops, bottoms = [], []
        y_px = top_px
        for p, (panel, axis) in enumerate(zip(panels, axes), 1):
            y_px += head_px
            tops.append(1 - y_px / height)
            y_px += row_px * len(chunk)
            bottoms.append(1 - y_px / height)
            y_px += 46
            dots, whiskers, texts, ytics = panel_data(panel.rows, chunk, axis,
                                                      dot_px / float(row_px))
            files["dots_%d.dat" % p] = "".join(dots)
            files["whisk_%d.dat" % p] = "".join(whiskers)
            files["labels_%d.dat" % p] = "".join(texts)
            params += panel_params(p, axis, panel, len(chunk), ytics)
        params += gp_array("P_TOP", tops) + gp_array("P_BOTTOM", bottoms)
        charts.append(Chart(part_name(name, index), chart_title + " — " + subtitle[0],
                            Render("dots.gp", height, params, files, DOTS_GP)))
    return charts


def series_of(key, panels):
    """The versions a chart shows: its dots' series."""
    found = set(d.series for panel in panels for _, dots in panel.rows for d in dots)
    return found or set(e.title for e in key)


def panel_axis(panel):
    """The value axis of a panel's rows: dots and whisker ends."""
    figures = [d.figure for _, dots in panel.rows for d in dots if d.figure is not None]
    values = [f.median for f in figures]
    extremes = values + [f.low for f in figures if f.low is not None] + \
        [f.high for f in figures if f.high is not None]
    if not values:
        values = extremes = [1.0]
    return Axis(values, extremes, panel.kind)


def na_notes(panels, na_reasons):
    """'n/a on 3.6.15: ...': one note per series with a dot missing."""
    missing = []
    for panel in panels:
        for _, dots in panel.rows:
            for dot in dots:
                if dot.figure is None and dot.series not in missing:
                    missing.append(dot.series)
    notes = []
    for series in sorted(missing, key=label_key):
        reasons = (na_reasons or {}).get(series, [])
        notes.append("n/a on %s: %s" % (series, "; ".join(reasons) if reasons else
                                         "no figure in this run"))
    return notes


def panel_data(rows, chunk, axis, fraction):
    """The script's data lines of one panel's rows in chunk (dots, whiskers, texts) and
    its y tics. fraction: a dot's sub-row height in rows."""
    dots, whiskers, texts = [], [], []
    ytics = []
    for r, row_index in enumerate(chunk):
        label, cells = rows[row_index]
        ytics.append("%s %.6g" % (gp_string(label), -(r + 0.5)))
        count = len(cells)
        for j, dot in enumerate(cells):
            centre = -(r + 0.5) + ((count - 1) / 2.0 - j) * fraction
            figure = dot.figure
            if figure is None:
                texts.append(data_line(axis.low, centre, "n/a"))
                continue
            value = figure.median
            if axis.scale in ("log", "log2") and value <= 0:
                texts.append(data_line(axis.low, centre, "≤ 0"))
                continue
            dots.append(data_line(axis.clip(value), centre, dot.rgb, dot.point))
            if figure.low is not None:
                whiskers.append(data_line(axis.clip(value), centre,
                                          axis.clip(figure.low), axis.clip(figure.high)))
    # Points outside the plot keep every data file non-empty (no gnuplot warning).
    dots.append(data_line(axis.low, 10.0, 0, 7))
    whiskers.append(data_line(axis.low, 10.0, axis.low, axis.low))
    texts.append(data_line(axis.low, 10.0, ""))
    return dots, whiskers, texts, ytics


def panel_params(p, axis, panel, rows, ytics):
    """The script's parameters of panel p (the arrays are declared with the first)."""
    text = ""
    if p == 1:
        for name in ("P_SCALE", "P_SYMC", "P_XMIN", "P_XMAX", "P_XTICS", "P_XLABEL",
                     "P_ROWS", "P_YTICS", "P_HEAD", "P_REF"):
            text += "array %s[NP]\n" % name
    text += "P_SCALE[%d] = %s\n" % (p, gp_string(axis.scale))
    text += "P_SYMC[%d] = %.12g\n" % (p, axis.symc)
    low, high = axis.gp_range()
    text += "P_XMIN[%d] = %.12g\nP_XMAX[%d] = %.12g\n" % (p, low, p, high)
    text += "P_XTICS[%d] = %s\n" % (p, gp_string(axis.tics()))
    text += "P_XLABEL[%d] = %s\n" % (p, gp_string(axis.describe(panel.axis_text)))
    text += "P_ROWS[%d] = %d\n" % (p, rows)
    text += "P_YTICS[%d] = %s\n" % (p, gp_string("(" + ", ".join(ytics) + ")"))
    text += "P_HEAD[%d] = %s\n" % (p, gp_string(panel.heading))
    text += "P_REF[%d] = %.12g\n" % (p, panel.reference or 0)
    return text


def is_zero(dots):
    """True when every dot of a row is a zero without spread (or missing)."""
    present = [d.figure for d in dots if d.figure is not None]
    return bool(present) and all(f.median == 0 and not f.high for f in present)


def named(names, most=6):
    """'a, b and c', at most `most` named and a count of the rest."""
    if len(names) > most:
        return "%s and %d more" % (", ".join(names[:most]), len(names) - most)
    return names[0] if len(names) == 1 else "%s and %s" % (", ".join(names[:-1]), names[-1])


def zero_sentence(family, what, unit, versions):
    """The sentence that replaces a chart whose every figure is zero."""
    return "%s: no case %s on %s (0 %s)" % (family, what, ", ".join(versions), unit)


# metric: (what a case does when the figure is not zero, its unit in the sentence)
ZERO_WORDS = {
    "allocs_per_op": ("makes an allocation request", "allocs/op"),
    "bytes_per_op": ("requests bytes from the allocator", "bytes/op"),
    "instructions_per_op": ("executes an instruction", "instructions/op"),
    "time_per_op": ("takes measurable time", "ns/op"),
}


def per_case_chart(run, family, metric, name, title, axis_text, kind):
    versions = versions_of(run, family, [metric])
    rows, note = shown_rows(run, family, metric)
    scaling = scaling_cases(run, family)
    panel_rows = [(row_label(case, n, run.chosen_n[family] if case in scaling else None),
                   version_dots(run, cells_for(run, family, case, n, metric, versions)))
                  for case, n in rows]
    kept = [row for row in panel_rows if not is_zero(row[1])]
    zero = [label for label, dots in panel_rows if is_zero(dots)]
    if not kept:
        what, unit = ZERO_WORDS.get(metric, ("has a figure above zero", metric))
        return [Chart(name, title, stated=zero_sentence(family, what, unit, versions))]
    notes = [run.samples(family, [metric]), note,
             missing_versions_note(run, versions, [metric])]
    if zero:
        notes.append("0 on every version, left out: " + named(zero))
    return dot_charts(run, name, title, notes, version_key(run, versions),
                      [Panel("", axis_text, kind, kept)],
                      why_missing(run, family, rows, [metric], versions))


def per_run_chart(run, family, metrics, name, title):
    """memory-<family> or resources-<family>: a panel per metric (all-zero ones left
    out, and named), rows at every size; one sentence when every figure is zero."""
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
    if not panels:
        return [Chart(name, title, stated="%s: every case gives 0 for %s on %s" % (
            family, named([h.split(":")[0] for _, h, _ in present]), ", ".join(versions)))]
    if len(all_loops) == 1:
        per = "figures per run of %d operations" % next(iter(all_loops))
    else:
        per = "figures per run of the operations in each row's label"
    notes = [run.samples(family, [m for m, _, _ in present]), per]
    if zero:
        notes.append("zero for every case: " + named(zero))
    notes.append(missing_versions_note(run, versions, [m for m, _, _ in present]))
    return dot_charts(run, name, title, notes, version_key(run, versions), panels,
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
    """A panel per metric of present, but those zero for every case (their plain
    names in zero); none when every metric is."""
    panels, zero = [], []
    for metric, heading, unit in present:
        rows = [(labels[key], version_dots(run, cells_for(run, family, key[0], key[1],
                                                                metric, versions)))
                for key in keys]
        if all(is_zero(dots) or not any(d.figure for d in dots) for _, dots in rows):
            zero.append(heading.split(":")[0])
            continue
        kind = "bytes" if unit == "bytes" else "count"
        panels.append(Panel(heading, "%s per run" % UNIT_WORDS.get(unit, unit), kind, rows))
    return panels, zero
