"""py/idiombench/plots/charts.py: which charts bin/plots draws of a run.

all_charts(run): every chart considered: idioms first, then per family (time, scaling,
instructions, allocs, bytes, memory, resources, versions), then startup and programs
(hyperfine), each a Chart to render, stated in one sentence (all zeros) or skipped with
its reason; mark_headlines picks the few that answer a reader's questions;
skipped_summary says in one line what was skipped and why.
Standard library only; Python 3.6+.
"""
from idiombench.plots.idioms import FAMILIES as IDIOM_FAMILIES
from idiombench.plots.dots import (Panel, dot_charts, named, per_case_chart, per_run_chart,
                                   version_dots, version_key)
from idiombench.plots.format import Chart
from idiombench.plots.lines import scaling_charts
from idiombench.plots.ratios import idioms_charts, versions_charts
from idiombench.run.labels import label_key
from idiombench.plots.run import Figure
from idiombench.run.stats import quartiles
from idiombench.plots.select import scaling_cases, versions_of

MAX_HEADLINES = 6


# (metric, panel heading in plain words: its short name before the colon, unit)
MEMORY_METRICS = [
    ("retained_bytes", "memory kept: bytes still allocated after the run", "bytes"),
    ("peak_bytes", "peak memory: the most allocated during the run, above its start",
     "bytes"),
    ("rss_delta_bytes", "resident memory: the process's growth over the run", "bytes"),
]
RESOURCE_METRICS = [
    ("fds_delta", "files left open: descriptors still open after the run", "fds"),
    ("resource_warnings", "warnings: ResourceWarnings emitted", "warnings"),
    ("gc_collections_gen0", "young collections: of the youngest generation (0)",
     "collections"),
    ("gc_collections_gen1", "middle collections: of generation 1", "collections"),
    ("gc_collections_gen2", "full collections: of the oldest generation (2)", "collections"),
    ("gc_collected", "objects collected: freed by the cycle collector", "objects"),
]


def family_charts(run, family):
    """Every chart considered for family, rendered or with the reason it is skipped."""
    return (time_charts(run, family) + scaling_or_skip(run, family) +
            per_op_charts(run, family) + per_run_charts(run, family) +
            versions_or_skip(run, family))


def skipped(name, title, reason, line_reason):
    """A chart not drawn: reason for charts.csv, line_reason for the stderr line."""
    return Chart(name, title, skip=reason, line_reason=line_reason)


def time_charts(run, family):
    t_title = "%s: net time per operation, by case" % family
    if run.m.has(family, "time_per_op"):
        return per_case_chart(run, family, "time_per_op", "time-" + family, t_title,
                              "net time per operation", "time")
    return [skipped("time-" + family, t_title, "family %s has no time_per_op figures" % family,
                    "no time_per_op figures in measurements.csv")]


def scaling_or_skip(run, family):
    s_title = "%s: time per element against n (cases measured at 3+ sizes)" % family
    if scaling_cases(run, family):
        return scaling_charts(run, family)
    return [skipped("scaling-" + family, s_title,
                    "family %s has no scaling case (none measured at 3 or more sizes)" % family,
                    "no scaling case (none measured at 3 or more sizes)")]


def per_op_charts(run, family):
    """instructions-<family>, allocs-<family> and bytes-<family>."""
    charts = []
    for metric, short_name, what, axis_text, kind in (
            ("instructions_per_op", "instructions", "instructions per operation (callgrind)",
             "instructions per operation", "count"),
            ("allocs_per_op", "allocs", "allocation requests per operation",
             "allocations per operation (allocs)", "count"),
            ("bytes_per_op", "bytes", "bytes requested per operation",
             "bytes requested per operation", "bytes")):
        title = "%s: %s, by case" % (family, what)
        if run.m.has(family, metric):
            charts += per_case_chart(run, family, metric, "%s-%s" % (short_name, family),
                                     title, axis_text, kind)
        else:
            charts.append(skipped(
                "%s-%s" % (short_name, family), title,
                "family %s has no %s figures (no case asks for them, or this Python "
                "cannot give them: see unavailable.csv)" % (family, metric),
                "no %s figures (no case asks for them, or this Python cannot give them: "
                "see unavailable.csv)" % metric))
    return charts


def per_run_charts(run, family):
    """memory-<family> and resources-<family>."""
    charts = []
    for name, metrics, what, instrument in (
            ("memory", MEMORY_METRICS, "memory retained and peak per run", "memory"),
            ("resources", RESOURCE_METRICS,
             "descriptors, ResourceWarnings and collections per run", "resources")):
        title = "%s: %s, by case" % (family, what)
        if any(run.m.has(family, metric) for metric, _, _ in metrics):
            charts += per_run_chart(run, family, metrics, "%s-%s" % (name, family), title)
        else:
            charts.append(skipped(
                "%s-%s" % (name, family), title,
                "family %s does not measure %s (no case has the %s instrument)"
                % (family, name, instrument),
                "not measured (no case of the family has the %s instrument)" % instrument))
    return charts


def versions_or_skip(run, family):
    v_title = "%s: time per operation on each version, as a ratio to the baseline" % family
    versions = versions_of(run, family, ["time_per_op"])
    if len(versions) > 1:
        return versions_charts(run, family)
    if not versions:
        return [skipped("versions-" + family, v_title,
                        "family %s has no time_per_op figures" % family,
                        "no time_per_op figures in measurements.csv")]
    if len(run.m_versions_sorted) > 1:
        return [skipped("versions-" + family, v_title,
                        "family %s was measured on one version only" % family,
                        "measured on one Python version only")]
    one = ("one Python version in this run (%s): make compare measures several"
           % ", ".join(run.m_versions_sorted))
    return [skipped("versions-" + family, v_title, one, one)]


HYPERFINE_TITLES = {
    "startup": "Interpreter start-up: idiombench --startup (initialise, finalise)",
    "programs": "Whole programs of bench/programs/, start-up and exit included",
}


def hyperfine_charts(run):
    """startup and programs; None when the run has no usable hyperfine.csv."""
    if run.hyperfine is None:
        return None
    rows = run.hyperfine
    return startup_charts(run, rows) + programs_charts(run, rows)


def hyperfine_figure(row):
    """A hyperfine row's median, in ns, with the interquartile range of its runs when
    hyperfine/runs.csv has them (times_s)."""
    median = row["median_s"] * 1e9
    found = quartiles(row.get("times_s") or [])
    if found is None:
        return Figure(median, None, None)
    return Figure(median, found[0] * 1e9, found[1] * 1e9)


def hyperfine_notes(chosen):
    runs = sorted(set(int(r["runs"]) for r in chosen if r["runs"] is not None))
    if not runs:
        return ["dots: median (hyperfine)"]
    runs_text = ("%d" % runs[0]) if len(runs) == 1 else ("%d–%d" % (runs[0], runs[-1]))
    if any(r.get("times_s") for r in chosen):
        return ["dots: median of %s runs (hyperfine); whiskers: interquartile range"
                % runs_text]
    return ["dots: median of %s runs (hyperfine); the per-run times are not in this run, "
            "so no interquartile range" % runs_text]


def startup_charts(run, rows):
    startup = sorted([r for r in rows if r["program"] == "startup"],
                     key=lambda r: label_key(r["python_version"]))
    if not startup:
        return [Chart("startup", HYPERFINE_TITLES["startup"],
                      skip="hyperfine/hyperfine.csv has no startup rows")]
    versions = [r["python_version"] for r in startup]
    panel_rows = [(r["python_version"],
                   version_dots(run, [(r["python_version"], hyperfine_figure(r))]))
                  for r in startup]
    return dot_charts(run, "startup", HYPERFINE_TITLES["startup"], hyperfine_notes(startup),
                      [], [Panel("", "wall time per start-up", "time", panel_rows)],
                      machine=run.on(versions))


def programs_charts(run, rows):
    """programs: a row per program, a dot per interpreter (its median)."""
    programs = []
    for r in rows:
        if r["program"] != "startup" and r["program"] not in programs:
            programs.append(r["program"])
    if not programs:
        return [Chart("programs", HYPERFINE_TITLES["programs"],
                      skip="hyperfine/hyperfine.csv has no program rows")]
    versions = sorted(set(r["python_version"] for r in rows if r["program"] != "startup"),
                      key=label_key)
    by = {(r["python_version"], r["program"]): r for r in rows}
    panel_rows = [(p, version_dots(run, [(v, hyperfine_figure(by[(v, p)])
                                               if (v, p) in by else None) for v in versions]))
                  for p in programs]
    return dot_charts(run, "programs", HYPERFINE_TITLES["programs"],
                      hyperfine_notes([r for r in rows if r["program"] != "startup"]),
                      version_key(run, versions),
                      [Panel("", "wall time per program run", "time", panel_rows)])


def all_charts(run):
    charts = idioms_charts(run) if run.m is not None else []
    if run.m is not None:
        for family in run.m.families:
            charts += family_charts(run, family)
    hyper = hyperfine_charts(run)
    if hyper is None:
        reason = ("hyperfine/hyperfine.csv is unusable (see above)" if run.hyperfine_bad else
                  "no hyperfine/hyperfine.csv in this run")
        line = ("hyperfine/hyperfine.csv is unusable" if run.hyperfine_bad else
                "no hyperfine/hyperfine.csv in this run: make compare writes it "
                "(unless ARGS=--no-programs)")
        charts.append(Chart("startup", "Interpreter start-up", skip=reason, line_reason=line))
        charts.append(Chart("programs", "Whole programs of bench/programs/", skip=reason,
                            line_reason=line))
    else:
        charts += hyper
    mark_headlines(charts)
    return charts


def mark_headlines(charts):
    """Marks (chart.headline) at most MAX_HEADLINES charts that answer a reader's
    questions: idioms (time, then instructions), then the versions and then the scaling
    charts of the families
    the article's pairs are about (first parts only)."""
    wanted = ["idioms", "idioms-instructions"] + ["versions-" + f for f in IDIOM_FAMILIES] + \
        ["scaling-" + f for f in IDIOM_FAMILIES]
    drawn = dict((c.name, c) for c in charts if c.render is not None)
    for name in [n for n in wanted if n in drawn][:MAX_HEADLINES]:
        drawn[name].headline = True


def skipped_summary(charts):
    """One line: how many charts were skipped for lack of data, with the reasons that
    name at most two charts (startup and programs: no hyperfine.csv, and how to get
    it); '' when none was."""
    groups = []
    for chart in charts:
        if chart.skip is None:
            continue
        for group in groups:
            if group[0] == chart.line_reason:
                group[1].append(chart.name)
                break
        else:
            groups.append((chart.line_reason, [chart.name]))
    if not groups:
        return ""
    count = sum(len(names) for _, names in groups)
    few = ["%s (%s)" % (named(names), reason) for reason, names in groups if len(names) <= 2]
    return "skipped %d chart%s whose data this run lacks, charts.csv gives each reason%s" % (
        count, "" if count == 1 else "s", (": " + "; ".join(few)) if few else "")
