"""py/idiombench/report/tables.py: the results by family of REPORT.md (bin/report).

Index keys the run's rows for the tables. results_section(run, index, charts) gives, per
family, its charts and tables: medians with their interquartile range (time per
operation with its unit scaled; allocations per operation; memory and resource figures
per run), and in a comparison each version's ratio to the baseline (its host's in a run
merged from several hosts: baselines.py) with its 95% interval, verdict and the two
geometric means it is made of (report_stats.py), a summary of the other metrics'
differences, and the curve time fits against n where the fit decides it (fit_label.py).
A figure the interpreter cannot give is n/a with its reason in a note, never 0. Standard
library only; Python 3.6+.
"""
from idiombench.run.fit_label import fit_label, read_fit
from idiombench.report.charts import chart_lines, stated_lines
from idiombench.report.format import (METRIC_LABELS, Notes, code, fmt_count, fmt_halfwidth,
                                      fmt_ratio, fmt_ratio_interval, fmt_value, table,
                                      text)
from idiombench.report.run import UNSTABLE_HALFWIDTH, has_intervals, size_key, unstable
from idiombench.report.stats import BEYOND_NOISE, highlighted, mean_of, threshold_text
from idiombench.run.stats import median_iqr

TIME = "time_per_op"
INSTRUCTIONS = "instructions_per_op"  # exact: no cv, and a ratio without interval
ALLOC_METRICS = ("allocs_per_op", "bytes_per_op")
# Memory and resources figures (per run of `loops` operations), grouped as shown.
EXTRA_GROUPS = (
    ("retained", ("retained_bytes",)),
    ("peak (traced)", ("peak_bytes",)),
    ("RSS Δ", ("rss_delta_bytes",)),
    ("fds Δ", ("fds_delta",)),
    ("ResourceWarnings", ("resource_warnings",)),
    ("collections gen0/1/2", ("gc_collections_gen0", "gc_collections_gen1",
                              "gc_collections_gen2")),
    ("collected", ("gc_collected",)),
)
EXTRA_METRICS = tuple(m for _, ms in EXTRA_GROUPS for m in ms)
# Verdicts beyond the noise (the 95% interval of the ratio excludes 1).
MARKED = BEYOND_NOISE
UNSTABLE_PERCENT = UNSTABLE_HALFWIDTH * 100


class Index(object):
    """The run's rows keyed for the tables."""

    def __init__(self, run):
        self.run = run
        self.meas = {}
        self.families = []
        self.rows = {}          # family -> [(case, n)] in order
        self.unav = {}          # (version, family, case, metric) -> reason ('*' too)
        self.failed = {}        # (version, family, case, n) -> failure row
        self.comp = {}          # (family, case, n, metric, version) -> comparison row
        self.metrics = {}       # family -> set of metrics measured or unavailable
        seen = {}
        for row in run.measurements:
            key = (row["python_version"], row["family"], row["case"], row["n"], row["metric"])
            self.meas[key] = row
            self._add_row(row["family"], row["case"], row["n"], seen)
            self.metrics.setdefault(row["family"], set()).add(row["metric"])
        for row in run.unavailable or []:
            self.unav[(row["python_version"], row["family"], row["case"],
                       row["metric"])] = row["reason"]
            self.metrics.setdefault(row["family"], set()).add(row["metric"])
            if row["metric"] == "*" and not self._has_case(row["family"], row["case"]):
                self._add_row(row["family"], row["case"], "", seen)
        for row in run.failures or []:
            self.failed[(row["python_version"], row["family"], row["case"], row["n"])] = row
            if row["n"] != "" or not self._has_case(row["family"], row["case"]):
                self._add_row(row["family"], row["case"], row["n"], seen)
        for row in run.comparison or []:
            self.comp[(row["family"], row["case"], row["n"], row["metric"],
                       row["python_version"])] = row
        # Families by name; cases in the catalogue's order in a single run (its files'
        # order), by name in a comparison (whose files are sorted, but where a case an
        # old version skips would otherwise come last); sizes ascending.
        self.families.sort()
        for family in self.families:
            order = {}
            for case, _ in self.rows[family]:
                order.setdefault(case, len(order))
            if run.is_compare:
                order = dict((case, case) for case in order)
            self.rows[family].sort(key=lambda cn: (order[cn[0]], size_key(cn[1])))

    def _has_case(self, family, case):
        return any(c == case for c, _ in self.rows.get(family, []))

    def _add_row(self, family, case, n, seen):
        if family not in self.rows:
            self.families.append(family)
            self.rows[family] = []
        if (family, case, n) not in seen:
            seen[(family, case, n)] = True
            self.rows[family].append((case, n))

    def why_missing(self, version, family, case, n, metric):
        """('n/a', reason), ('failed', error) or (None, None) for a figure that is absent."""
        for key in ((version, family, case, "*"), (version, family, case, metric)):
            if key in self.unav:
                return "n/a", self.unav[key]
        for key in ((version, family, case, n), (version, family, case, "")):
            if key in self.failed:
                return "failed", self.failed[key]["error"]
        return None, None

    def cell(self, version, family, case, n, metric, notes, with_iqr=True):
        """One figure: its median in its unit with its interquartile range in brackets
        (where the samples differ, with_iqr), n/a with a note marker, failed, or —."""
        row = self.meas.get((version, family, case, n, metric))
        if row is None:
            return self.missing(version, family, case, n, metric, notes)
        cell = fmt_value(metric, row["unit"], row["median"])
        spread = self.spread(version, family, case, n, metric) if with_iqr else None
        if spread is not None and spread[1] != spread[2]:
            cell += " [%s]" % iqr_text(spread, metric, row["unit"])
        return cell

    def missing(self, version, family, case, n, metric, notes):
        kind, reason = self.why_missing(version, family, case, n, metric)
        if kind == "n/a":
            return "n/a" + notes.mark(reason)
        if kind == "failed":
            return "failed"
        return "—"

    def marked(self, family, case, n, metric, version):
        """True when the version differs from the baseline beyond the noise and the
        practical threshold (report_stats.highlighted)."""
        return highlighted(self.comp.get((family, case, n, metric, version)))

    def spread(self, version, family, case, n, metric):
        """(median, lower quartile, upper quartile) of the figure's samples, or None."""
        samples = (self.run.samples or {}).get((version, family, case, n, metric))
        return median_iqr(samples) if samples and len(samples) > 1 else None


def results_section(run, index, charts):
    lines = ["## Results by family", ""]
    if not index.families:
        lines.append("This run has no measurements.")
        return lines
    unstable_text = ("; **unstable** with its half-width: the median's 95%% interval is "
                     "wider than ±%d%% of it" % round(UNSTABLE_PERCENT)
                     if has_intervals(run.measurements) else "")
    if run.is_compare:
        lines.append(
            "Times: the median per operation over the rounds, with its interquartile "
            "range in brackets%s. Ratios: each version's ratio to %s of geometric means "
            "(of means when a sample is ≤ 0), its 95%% confidence interval, and the two "
            "means it is made of (version / baseline); %s. n: the case's size. n/a: this "
            "Python cannot measure it (the note says why); —: not measured for this case."
            % (unstable_text, text(run.baselines.named("the baseline")), threshold_text()))
        if run.comparison is None:
            lines.extend(["", "No comparison.csv in this run: medians only, no ratios "
                              "(write it with make compare)."])
    else:
        lines.append(
            "Medians over the repetitions, with their interquartile range (IQR)%s. n: the "
            "case's size. n/a: this Python cannot measure it (the note says why); —: not "
            "measured for this case." % unstable_text)
    lines[-1] += (" *How to read these figures*, after the tables, gives the methods and "
                  "the noise.")
    for family in index.families:
        lines.append("")
        lines.extend(family_section(run, index, family, charts))
    return lines


def family_section(run, index, family, charts):
    lines = ["### %s" % text(family), ""]
    for chart in charts.get("family:" + family, []):
        lines.extend(chart_lines(run, chart))
    stated = stated_lines(charts.get("stated:" + family, []))
    if stated:
        lines.extend(stated + [""])
    notes = Notes()
    metrics = index.metrics.get(family, set())
    rows = index.rows[family]
    if run.is_compare:
        lines.extend(compare_main_table(run, index, family, rows, metrics, notes))
    else:
        lines.extend(single_main_table(run, index, family, rows, metrics, notes))
    extra = [(label, ms) for label, ms in EXTRA_GROUPS if any(m in metrics for m in ms)]
    if extra:
        lines.append("")
        lines.extend(extra_table(run, index, family, rows, extra, notes))
    if run.is_compare and run.comparison is not None:
        lines.append("")
        lines.extend(differences(run, index, family))
    fits = growth_line(run, family)
    if fits:
        lines.extend(["", fits])
    if notes.reasons:
        lines.extend(["", "Notes:", ""])
        lines.extend("- " + note for note in notes.lines())
    while lines[-1] == "":
        lines.pop()
    return lines


def case_cells(case, n):
    return [code(case), text(n)]


def single_main_table(run, index, family, rows, metrics, notes):
    version = run.versions[0] if run.versions else ""
    shown = [m for m in (TIME, INSTRUCTIONS) + ALLOC_METRICS if m in metrics]
    with_iqr = any(index.spread(version, family, case, n, TIME) for case, n in rows)
    with_ci = has_intervals(r for r in run.measurements
                            if r["family"] == family and r["metric"] == TIME)
    headers = ["case", "n"]
    align = "lr"
    for metric in shown:
        headers.append(METRIC_LABELS[metric])
        align += "r"
        if metric == TIME and with_iqr:
            headers.append("IQR")
            align += "r"
        if metric == TIME and with_ci:
            headers.append("95% CI")
            align += "r"
    body = []
    for case, n in rows:
        if not any(index.meas.get((version, family, case, n, m)) or
                   index.why_missing(version, family, case, n, m)[0] for m in shown):
            continue
        cells = case_cells(case, n)
        for metric in shown:
            cells.append(index.cell(version, family, case, n, metric, notes,
                                    with_iqr=(metric != TIME)))
            if metric == TIME and with_iqr:
                cells.append(iqr_text(index.spread(version, family, case, n, TIME), TIME,
                                      "ns"))
            if metric == TIME and with_ci:
                row = index.meas.get((version, family, case, n, TIME))
                cells.append(interval_cell(row))
        body.append(cells)
    if not body:
        return ["No time or allocation figures in this family."]
    return table(headers, body, align)


def iqr_text(spread, metric, unit):
    """"40.1–50.2 ns" (a unit written once when the bounds share it): an interquartile
    range; "" without one."""
    if spread is None:
        return ""
    low, high = fmt_value(metric, unit, spread[1]), fmt_value(metric, unit, spread[2])
    low_figure, _, low_unit = low.partition(" ")
    if low_unit and high.endswith(" " + low_unit):
        low = low_figure
    return "%s–%s" % (low, high)


def interval_cell(row):
    """A time row's interval: ±1.2%, **unstable ±14%**, or empty without one."""
    if row is None or row["halfwidth"] is None:
        return ""
    if unstable(row):
        return "**unstable %s**" % fmt_halfwidth(row["halfwidth"])
    return fmt_halfwidth(row["halfwidth"])


def version_header(run, version):
    if run.is_compare and run.baselines.is_baseline(version):
        return "%s (baseline)" % version
    return version


def median_cell(index, version, family, case, n, metric, notes):
    """A version's median of metric with its interquartile range in brackets, marked
    unstable where its 95% interval is wide."""
    row = index.meas.get((version, family, case, n, metric))
    cell = index.cell(version, family, case, n, metric, notes)
    if row is not None and unstable(row):
        cell += " **unstable %s**" % fmt_halfwidth(row["halfwidth"])
    return cell


def ratio_cell(run, index, family, case, n, version, metric):
    """A version's ratio to the baseline: "**0.46× faster** [0.17, 0.81] · 3.47 µs /
    7.56 µs", bold beyond the noise and the practical threshold; — without a
    comparison row."""
    comp = index.comp.get((family, case, n, metric, version))
    if comp is None:
        return "—"
    if comp["ratio"] is None:
        return "no ratio"
    if comp.get("test") == "welch":
        # A sample <= 0 (a net time of a few ns, through noise): idiombench-compare
        # compared arithmetic means, whose ratio can be negative or far from the
        # medians'; the means are given, no ratio.
        means = ratio_means(run, comp)
        return "no ratio (a sample ≤ 0)" + (" · %s / %s" % means if means else "")
    interval = comp.get("test") != "exact" and comp["ci_low"] is not None and \
        comp["ci_high"] is not None
    ratio, low, high = fmt_ratio_interval(comp["ratio"], comp["ci_low"], comp["ci_high"]) \
        if interval else (fmt_ratio(comp["ratio"]), None, None)
    if highlighted(comp):
        ratio = "**%s %s**" % (ratio, comp["verdict"])
    if interval:
        ratio += " [%s, %s]" % (low, high)
    elif comp["verdict"] == "insufficient data":
        ratio += " (too few samples)"
    means = ratio_means(run, comp)
    if means:
        ratio += " · %s / %s" % means
    return ratio


def compare_metric_tables(run, index, family, rows, metric, title, notes):
    """A metric's medians per version, then each version's ratio to the baseline."""
    versions = run.versions
    headers = ["case", "n"] + [version_header(run, v) for v in versions]
    body = [case_cells(case, n) + [median_cell(index, v, family, case, n, metric, notes)
                                   for v in versions] for case, n in rows]
    lines = ["%s, median [interquartile range]:" % title, ""]
    lines.extend(table(headers, body, "lr" + "r" * len(versions)))
    others = [v for v in versions if not run.baselines.is_baseline(v)]
    if run.comparison is None or not others:
        return lines
    body = [case_cells(case, n) + [ratio_cell(run, index, family, case, n, v, metric)
                                   for v in others] for case, n in rows]
    lines.extend(["", "%s, ratio to %s [95%% CI] · geometric means, version / baseline:"
                  % (title, text(run.baselines.named("the baseline"))), ""])
    lines.extend(table(["case", "n"] + others, body, "lr" + "r" * len(others)))
    return lines


def compare_main_table(run, index, family, rows, metrics, notes):
    lines = []
    for metric, title in ((TIME, "Time per operation"),
                          (INSTRUCTIONS, "Instructions per operation (callgrind; exact "
                                         "counts, so a ratio has no interval)")):
        if metric not in metrics:
            continue
        if lines:
            lines.append("")
        lines.extend(compare_metric_tables(run, index, family, rows, metric, title, notes))
    if any(m in metrics for m in ALLOC_METRICS):
        body = []
        for case, n in rows:
            cells = case_cells(case, n)
            present = False
            for version in run.versions:
                allocs = index.cell(version, family, case, n, "allocs_per_op", notes)
                size = index.cell(version, family, case, n, "bytes_per_op", notes)
                present = present or (version, family, case, n, "allocs_per_op") in index.meas
                cell = allocs if allocs == size else "%s · %s" % (allocs, size)
                if not run.baselines.is_baseline(version) and any(
                        index.marked(family, case, n, m, version) for m in ALLOC_METRICS):
                    cell = "**%s**" % cell
                cells.append(cell)
            if present or any(c.startswith("n/a") for c in cells[2:]):
                body.append(cells)
        if body:
            if lines:
                lines.append("")
            lines.append("Allocations per operation (requests · bytes, medians [interquartile "
                         "range]; **bold**: differs "
                         "from %s beyond the noise and the threshold):"
                         % text(run.baselines.named("the baseline")))
            lines.append("")
            headers = ["case", "n"] + [version_header(run, v) for v in run.versions]
            lines.extend(table(headers, body, "lr" + "r" * len(run.versions)))
    return lines or ["No time or allocation figures in this family."]


def group_cell(index, version, family, case, n, group_metrics, notes):
    """One figure, or a group's figures as `a / b / c` (one n/a, failed or — when all
    of them are that)."""
    cells = [index.cell(version, family, case, n, m, notes) for m in group_metrics]
    measured = any((version, family, case, n, m) in index.meas for m in group_metrics)
    if len(set(cells)) == 1 and not measured:
        return cells[0]
    return " / ".join(cells)


def all_zero(index, versions, family, case, n, group_metrics):
    """Every version measured every metric of the group as exactly 0."""
    for version in versions:
        for metric in group_metrics:
            row = index.meas.get((version, family, case, n, metric))
            if row is None or row["median"] != 0:
                return False
    return True


def ops_per_run(index, family, case, n, group_metrics, versions):
    for version in versions:
        for metric in group_metrics:
            row = index.meas.get((version, family, case, n, metric))
            if row is not None:
                return fmt_count(float(row["loops"])) if row["loops"].strip() else ""
    return ""


def has_group(index, versions, family, case, n, group_metrics):
    return any((v, family, case, n, m) in index.meas or
               (v, family, case, m) in index.unav
               for v in versions for m in group_metrics)


def extra_table(run, index, family, rows, groups, notes):
    versions = run.versions
    all_metrics = [m for _, ms in groups for m in ms]
    lines = ["Memory and resources, **per run** of ops/run operations (medians [interquartile "
             "range]):", ""]
    if not run.is_compare:
        version = versions[0] if versions else ""
        headers = ["case", "n", "ops/run"] + [label for label, _ in groups]
        body = []
        for case, n in rows:
            if not has_group(index, versions, family, case, n, all_metrics):
                continue
            cells = case_cells(case, n) + [ops_per_run(index, family, case, n, all_metrics,
                                                       versions)]
            for _, ms in groups:
                cells.append(group_cell(index, version, family, case, n, ms, notes))
            body.append(cells)
        lines.extend(table(headers, body, "lrr" + "r" * len(groups)))
        return lines
    headers = ["case", "n", "ops/run", "figure"] + [version_header(run, v) for v in versions]
    body = []
    zeros = 0
    for case, n in rows:
        for label, ms in groups:
            if not has_group(index, versions, family, case, n, ms):
                continue
            if all_zero(index, versions, family, case, n, ms):
                zeros += 1
                continue
            cells = case_cells(case, n) + [ops_per_run(index, family, case, n, ms, versions),
                                           text(label)]
            for version in versions:
                cell = group_cell(index, version, family, case, n, ms, notes)
                if not run.baselines.is_baseline(version) and any(
                        index.marked(family, case, n, m, version) for m in ms):
                    cell = "**%s**" % cell
                cells.append(cell)
            body.append(cells)
    lines[0] = ("Memory and resources, **per run** of ops/run operations (medians "
                "[interquartile range]; "
                "**bold**: differs from %s beyond the noise and the threshold):"
                % text(run.baselines.named("the baseline")))
    if body:
        lines.extend(table(headers, body, "lrrl" + "r" * len(versions)))
        if zeros:
            lines.extend(["", "Not shown: %d figure%s that every version measured as 0."
                          % (zeros, "" if zeros == 1 else "s")])
    else:
        lines = ["Memory and resources: every figure of this family is 0 on every version "
                 "(%d figures)." % zeros]
    return lines


def differences(run, index, family):
    """Per version: how many comparisons of each metric are beyond the noise, with the
    non-time ones named (time's are bold in the table)."""
    rows = [r for r in run.comparison if r["family"] == family]
    if not rows:
        return ["No comparison rows for this family in comparison.csv."]
    lines = ["Beyond the noise and the practical threshold against %s:"
             % text(run.baselines.named("the baseline")), ""]
    metric_order = [TIME, INSTRUCTIONS] + list(ALLOC_METRICS) + list(EXTRA_METRICS)
    for version in run.versions:
        mine = [r for r in rows if r["python_version"] == version]
        if run.baselines.is_baseline(version) or not mine:
            continue
        metrics = sorted(set(r["metric"] for r in mine),
                         key=lambda m: metric_order.index(m) if m in metric_order else 99)
        parts = []
        details = []
        quiet = 0
        for metric in metrics:
            of = [r for r in mine if r["metric"] == metric]
            tested = [r for r in of if r["verdict"] != "insufficient data"]
            counts = []
            for verdict in MARKED:
                hits = [r for r in tested if r["verdict"] == verdict and highlighted(r)]
                if hits:
                    counts.append("%d %s" % (len(hits), verdict))
                    if metric != TIME:
                        details.extend(hits)
            label = text(METRIC_LABELS.get(metric, metric))
            if counts:
                parts.append("%s %s of %d" % (label, ", ".join(counts), len(tested)))
            elif metric == TIME:
                parts.append("time/op none of %d" % len(tested))
            else:
                quiet += len(tested)
            if len(tested) < len(of):
                parts.append("%s: %d with too few samples to test" % (label,
                                                                     len(of) - len(tested)))
        if quiet:
            parts.append("%s: none of %d" % ("the other metrics" if len(parts) > 1 or details
                                              else "allocations, memory and resources",
                                              quiet))
        line = "- %s: %s" % (text(version), "; ".join(parts))
        if details:
            shown = []
            for r in details[:6]:
                means = ratio_means(run, r)
                shown.append("%s%s %s %s%s" % (
                    code(r["case"]), " n=%s" % text(r["n"]) if r["n"] else "",
                    text(METRIC_LABELS.get(r["metric"], r["metric"])), fmt_ratio(r["ratio"]),
                    " (%s / %s)" % means if means else ""))
            line += ". Those: " + "; ".join(shown)
            if len(details) > len(shown):
                line += "; and %d more (comparison.csv)" % (len(details) - len(shown))
        lines.append(line + ".")
    return lines


def growth_line(run, family):
    """One line: the curve time fits against n for each sized case, where the fit
    decides it (fit_label.py), else the curves it cannot tell apart."""
    if not run.complexity:
        return None
    fits = {}
    order = []
    for row in run.complexity:
        if row["family"] != family or row["metric"] != TIME:
            continue
        if row["case"] not in fits:
            fits[row["case"]] = []
            order.append(row["case"])
        fit = read_fit(row)
        fits[row["case"]].append((row["python_version"], fit_label(fit) if fit else None))
    if not order:
        return None
    if any(label is None for case in order for _, label in fits[case]):
        return ("Growth of time with n: not shown, this run's complexity.csv predates the "
                "fits' errors (rms_o1 .. rms_on2) that say whether a fit decides.")
    parts = []
    for case in order:
        kinds = set(label for _, label in fits[case])
        if len(kinds) == 1:
            parts.append("%s %s" % (code(case), text(kinds.pop())))
        else:
            parts.append("%s %s" % (code(case), ", ".join(
                "%s on %s" % (text(label), text(v)) for v, label in fits[case])))
    return ("Growth of time with n (the curve the fit decides; \"A or B?\" where the fit's "
            "errors are too close to tell them apart): %s." % "; ".join(parts))


def ratio_means(run, row):
    """(version's mean, baseline's mean) as text: the two means a comparison's ratio is
    made of (geometric, or arithmetic for test welch), from samples.csv; None without
    samples."""
    if not run.samples:
        return None
    test = row.get("test", "welch-log")
    key = (row["family"], row["case"], row["n"], row["metric"])
    mine = mean_of(run.samples.get((row["python_version"],) + key), test)
    base = mean_of(run.samples.get((row["baseline"],) + key), test)
    if mine is None or base is None:
        return None
    return (fmt_value(row["metric"], row["unit"], mine),
            fmt_value(row["metric"], row["unit"], base))
