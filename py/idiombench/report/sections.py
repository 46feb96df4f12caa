"""py/idiombench/report/sections.py: the sections of REPORT.md, each a list of Markdown lines.

render(run) gives the whole page, findings first: the title and one line of run facts
(mode, machine, noise); the claims matrix (report_claims.py); the headline charts
(report_charts.py); at a glance (a comparison's largest differences). Then the details:
the results by family (report_tables.py), failures, start-up and whole programs
(hyperfine), more charts; and last the methods (how to read the figures), the run's
metadata and interpreters, the charts not rendered, and every claim's evidence. A file
the run lacks skips its section with a line saying why.
Standard library only; Python 3.6+.
"""
import collections
import statistics

from idiombench.report.charts import (chart_lines, chart_placement, headline_section,
                                      more_charts_section, not_rendered_section)
from idiombench.report.claims import evidence_section, matrix_section
from idiombench.report.format import (code, fmt_cv, fmt_kib, fmt_ratio, fmt_ratio_interval,
                                      fmt_time_s, table, text)
from idiombench.report.run import UNSTABLE_HALFWIDTH, in_version_order, size_key, unstable
from idiombench.report.stats import PRACTICAL, highlighted, threshold_text
from idiombench.run import schema
from idiombench.report.tables import (MARKED, TIME, Index, ratio_means, results_section,
                                      version_header)

# How many largest speed-ups and slow-downs "At a glance" lists.
GLANCE_ROWS = 5


def render(run):
    """REPORT.md's lines."""
    index = Index(run)
    charts = chart_placement(run, set(index.families))
    lines = []
    for section in (title_section(run), matrix_section(run), headline_section(run, charts),
                    glance_section(run), results_section(run, index, charts),
                    failures_section(run), hyperfine_section(run, charts),
                    more_charts_section(run, charts), caveats_section(run, index),
                    run_section(run), not_rendered_section(run, charts),
                    evidence_section(run)):
        if not section:
            continue
        lines.extend(section)
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


# --- title and metadata -------------------------------------------------------------

def title_section(run):
    """The title and one line of the run's facts: id, mode, interpreters, machine, noise."""
    versions = run.versions
    if run.is_compare:
        if len(versions) <= 3:
            heading = "CPython %s compared" % and_list(versions)
        else:
            heading = "%d CPythons compared (%s to %s)" % (len(versions), versions[0],
                                                           versions[-1])
    else:
        heading = "CPython %s" % (versions[0] if versions else "(no measurements)")
    facts = ["run %s" % code(run.name)]
    mode = run_mode(run)
    if mode:
        facts.append("%s mode" % mode)
    if run.is_compare and run.meta_map.get("rounds"):
        facts.append("%s rounds" % run.meta_map["rounds"])
    if run.baselines.several:
        facts.append("baselines %s (one per host)" % text(", ".join(run.baselines.labels)))
    elif run.baseline:
        facts.append("baseline %s" % text(run.baseline))
    cases = set((r["family"], r["case"]) for r in run.measurements)
    families = len(set(f for f, _ in cases))
    facts.append("%d case%s in %d famil%s" % (len(cases), "" if len(cases) == 1 else "s",
                                              families, "y" if families == 1 else "ies"))
    facts.append("machine: %s" % machine_text(run))
    noise = run_noise(run)
    if noise is not None:
        facts.append("noise: median cv %s of time per operation" % fmt_cv(noise))
    return ["# idiombench: %s" % text(heading), "", " · ".join(facts)]


def and_list(items):
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else "%s and %s" % (", ".join(items[:-1]), items[-1])


def machine_text(run):
    """"host `vm` (AMD EPYC; CPUs: 2 online, under a hypervisor)": what the meta says
    of the machine."""
    meta = run.meta_map
    described = [text(meta[k]) for k in ("cpu",) if meta.get(k)]
    if meta.get("cpus"):
        described.append("CPUs: %s" % text(meta["cpus"]))
    if meta.get("hosts"):  # make merge, from several hosts: "The run" lists them
        return "hosts " + ", ".join(code(host) for host in meta["hosts"].split())
    line = "host %s" % code(meta.get("host", "?"))
    return line + (" (%s)" % "; ".join(described) if described else "")


def run_noise(run):
    """The median cv of every time figure with 2 or more samples, or None."""
    figures = typical_cv(r for r in run.measurements if r["metric"] == TIME)
    return figures[0] if figures else None


def run_mode(run):
    if run.meta_map.get("mode"):
        return run.meta_map["mode"]
    settings = [v for k, v in run.meta if k == "settings" or k.startswith("settings@")]
    if settings:
        return "quick" if any("quick" in s.split(", ") for s in settings) else "default"
    return None


def glance_section(run):
    """A comparison's differences per version, and its largest time differences."""
    if not run.is_compare or not run.comparison:
        return []
    lines = ["## At a glance", "",
             "Each version against %s, every case at every size: how many differ beyond "
             "the noise (the 95%% interval of the ratio excludes 1) and beyond the "
             "practical threshold (a ratio off 1 by at least %g%%):"
             % (text(run.baselines.named("?")), PRACTICAL.share * 100), ""]
    lines.extend(glance_table(run))
    for verdict, label in (("faster", "Largest speed-ups"), ("slower", "Largest slow-downs")):
        rows = largest(run, verdict)
        if rows:
            lines.extend(["", "%s (time per operation; each case once, at its version "
                              "and size of largest difference; the ratio of geometric "
                              "means, version / %s):"
                              % (label, text(run.baselines.named("?"))),
                          ""])
            lines.extend(glance_line(run, r) for r in rows)
    lines.extend(["", "Time is time per operation; the others are allocations, memory and "
                      "resource figures. About 1 comparison in 20 is beyond the noise by "
                      "chance when nothing differs (see *How to read these figures*)."])
    return lines


def glance_table(run):
    body = []
    for version in run.versions:
        mine = [r for r in run.comparison if r["python_version"] == version]
        if run.baselines.is_baseline(version) or not mine:
            continue
        time_rows = [r for r in mine if r["metric"] == TIME]
        others = [r for r in mine if r["metric"] != TIME]

        def count(rows, verdict):
            return str(sum(r["verdict"] == verdict and highlighted(r) for r in rows))

        def same(rows):
            return str(sum(r["verdict"] != "insufficient data" and not highlighted(r)
                           for r in rows))
        body.append([text(version), count(time_rows, "faster"), count(time_rows, "slower"),
                     same(time_rows), count(others, "lower"), count(others, "higher"),
                     same(others),
                     str(sum(r["verdict"] == "insufficient data" for r in mine))])
    return table(["version", "time: faster", "time: slower", "time: no difference",
                  "others: lower", "others: higher", "others: no difference",
                  "too few samples"], body, "lrrrrrrr")


def largest(run, verdict):
    """The GLANCE_ROWS largest time differences of that verdict beyond both
    thresholds, each case once (its largest). Ratios of geometric means only (test
    welch-log): a ratio of arithmetic means (a sample <= 0, a net time next to nothing)
    has an interval that can reach below 0 (0.32x [-0.070, 0.71] seen)."""
    rows = [r for r in run.comparison if r["metric"] == TIME and r["verdict"] == verdict
            and highlighted(r) and r.get("test", "welch-log") == "welch-log"]
    rows.sort(key=lambda r: r["ratio"], reverse=(verdict == "slower"))
    chosen, seen = [], set()
    for row in rows:
        if (row["family"], row["case"]) not in seen:
            seen.add((row["family"], row["case"]))
            chosen.append(row)
    return chosen[:GLANCE_ROWS]


def glance_line(run, row):
    """"- `strings/join` n=1000 on 3.11.7: 0.46× [0.17, 0.81] (3.47 µs / 7.56 µs)"."""
    means = ratio_means(run, row)
    if row["ci_low"] is not None and row["ci_high"] is not None:
        ratio, low, high = fmt_ratio_interval(row["ratio"], row["ci_low"], row["ci_high"])
    else:
        ratio, low, high = fmt_ratio(row["ratio"]), "?", "?"
    return "- %s%s on %s: %s [%s, %s]%s" % (
        code("%s/%s" % (row["family"], row["case"])),
        " n=%s" % text(row["n"]) if row["n"] else "", text(row["python_version"]),
        ratio, low, high, " (%s / %s)" % means if means else "")


# The host's keys (docs/run-folder.csv, in its order) and their names in the table.
HOST_KEYS = schema.host_keys()
HOST_NAMES = {"host": "Host", "cpu": "CPU", "cpus": "CPUs", "kernel": "Kernel",
              "compiler": "Compiler", "clock": "Clock",
              "gbench_build_type": "Google Benchmark build", "suite_commit": "Suite commit"}
PER_PYTHON_KEYS = ("python_version", "python_full_version", "python_path",
                   "python_configure", "python_cflags", "allocator_hooks", "settings",
                   "command")
COMPARE_KEYS = ("run", "pythons", "baseline", "rounds", "mode", "filter")
# Keys (and key@label) that a section of their own gives: the filter row, the noise
# floor caveat; a merged run's rounds per interpreter are its settings' business.
SHOWN_ELSEWHERE = ("filter", "rounds", "left_out", "noise_floor", "noise_floor_cv_pct",
                   "noise_floor_drift_pct", "noise_floor_method")


def hosts_table(run):
    """A run merged from several hosts (meta `hosts`, each host's keys as
    `key@<host>`): the hosts side by side, one column each; [] for one host."""
    hosts = run.meta_map.get("hosts", "").split()
    if not hosts:
        return []
    rows = []
    for key in HOST_KEYS:
        values = [run.meta_map.get("%s@%s" % (key, host)) for host in hosts]
        if any(value is not None for value in values):
            shown = code if key in ("host", "suite_commit") else text
            rows.append([HOST_NAMES.get(key, key)] +
                        [shown(value) if value is not None else "?" for value in values])
    return ["", "### Hosts", ""] + table([""] + [code(host) for host in hosts], rows)


def filter_cell(run):
    """The FILTER of a comparison, or of each interpreter of a merged run (`filter@`)."""
    if "filter" in run.meta_map:
        wanted = run.meta_map["filter"]
        return code(wanted) if wanted else "none (the whole catalogue)"
    found = collections.OrderedDict()
    for version in run.versions:
        wanted = run.meta_value("filter", version)
        found.setdefault(wanted, []).append(version)
    if list(found) == [None]:
        return "not recorded"
    if len(found) == 1:
        wanted = list(found)[0]
        return code(wanted) if wanted else "none (the whole catalogue)"
    return "; ".join("%s: %s" % (text(", ".join(versions)), code(wanted) if wanted else
                                 "none" if wanted is not None else "not recorded")
                     for wanted, versions in found.items())


def run_section(run):
    lines = ["## The run", ""]
    rows = []
    shown = set(COMPARE_KEYS)
    for key in HOST_KEYS:
        label = HOST_NAMES.get(key, key)
        if key in run.meta_map:
            value = run.meta_map[key]
            rows.append([label, code(value) if key in ("host", "suite_commit") else
                         text(value)])
            shown.add(key)
    if run.is_compare:
        rows.append(["Interpreters", text(", ".join(run.versions) or "none")])
        if run.baselines.several:
            rows.append(["Baselines", "%s (one per host: each version is compared with "
                         "its host's)" % text(", ".join(run.baselines.labels))])
            shown.add("baselines")
        elif run.baseline:
            rows.append(["Baseline", text(run.baseline)])
        if run.meta_map.get("rounds"):
            rows.append(["Rounds", text(run.meta_map["rounds"])])
    mode = run_mode(run)
    if mode:
        rows.append(["Mode", text(mode)])
    if run.is_compare:
        rows.append(["Filter", filter_cell(run)])
    # Per-interpreter keys that every interpreter shares are shown once.
    for key, label in (("settings", "Settings"), ("allocator_hooks", "Allocator hooks"),
                       ("command", "Command")):
        values = set(run.meta_value(key, v) for v in run.versions) - set([None])
        if len(values) == 1:
            value = values.pop()
            rows.append([label, code(value) if key == "command" else text(value)])
    for key, value in run.meta:
        base = key.split("@", 1)[0]
        if key in shown or base in PER_PYTHON_KEYS + SHOWN_ELSEWHERE or base in HOST_KEYS \
                or key == "hosts":
            continue
        rows.append([code(key), text(value)])
    lines.extend(table(["", ""], rows))
    lines.extend(hosts_table(run))
    lines.extend(["", "### Interpreters", ""])
    py_rows = []
    configures = []
    for version in run.versions:
        full = run.meta_value("python_full_version", version) or \
            run.meta_value("python_version", version) or ""
        py_rows.append([text(version), text(full),
                        code(run.meta_value("python_path", version) or "?"),
                        code(run.meta_value("python_cflags", version) or "?")])
        configure = run.meta_value("python_configure", version)
        if configure is not None:
            for entry in configures:
                if entry[1] == configure:
                    entry[0].append(version)
                    break
            else:
                configures.append(([version], configure))
    lines.extend(table(["label", "version", "path", "CFLAGS"], py_rows))
    if configures:
        lines.extend(["", "`./configure` arguments:", ""])
        for versions, configure in configures:
            lines.append("- %s: %s" % (text(", ".join(versions)),
                                       code(configure) if configure else "(none)"))
    if run.is_compare:
        for key, label in (("settings", "Settings"), ("allocator_hooks", "Allocator hooks"),
                           ("command", "Command")):
            values = [(v, run.meta_value(key, v)) for v in run.versions]
            if len(set(value for _, value in values)) > 1:
                lines.extend(["", "%s per interpreter:" % label, ""])
                lines.extend("- %s: %s" % (text(v), text(value or "(none)"))
                             for v, value in values)
        lines.append("")
        if run.left_out:
            lines.append("Left out of the comparison:")
            lines.append("")
            lines.extend("- %s: %s" % (text(label), text(reason))
                         for label, reason in run.left_out)
        else:
            lines.append("No interpreter was left out.")
    return lines


# --- caveats ----------------------------------------------------------------------------

def caveats_section(run, index):
    lines = ["## How to read these figures", ""]
    items = []
    items.append(
        "**What is measured.** Each idiom runs in a tight loop inside CPython embedded in "
        "a C harness, timed from C at the loop's start and end; allocator hooks count the "
        "allocation requests and bytes of each operation.")
    items.append(statistics_caveat())
    items.append(highlight_caveat())
    items.append(
        "**Times are net.** Each time per operation is the time of the statement's loop "
        "minus the time of the same loop with `pass`, divided by the operations: the loop's "
        "own overhead is not in it. A statement that costs next to nothing can come out "
        "slightly negative through noise; it is shown as measured.")
    if run.is_compare:
        items.append(
            "**Samples.** In a comparison each figure is the median over the rounds (%s), "
            "each round one process per interpreter, the interpreters' order rotating, so "
            "that the machine's drift and each process's luck land on every version "
            "alike. Allocation, memory and resource figures come from the first rounds "
            "only." % ("%s rounds" % run.meta_map["rounds"] if run.meta_map.get("rounds")
                       else "rounds: ?"))
    else:
        reps = sorted(set(int(r["repetitions"]) for r in run.measurements
                          if r["metric"] == TIME and r["repetitions"].strip().isdigit()))
        counts = ("%d" % reps[0] if len(reps) == 1 else "%d to %d" % (reps[0], reps[-1])
                  if reps else "?")
        items.append(
            "**Samples.** Each figure is the median over Google Benchmark's repetitions "
            "(%s) in one process%s." % (counts, "; times are sampled adaptively, until the "
                                        "median's 95% interval is narrow enough or the case's "
                                        "budget is spent" if "adaptive" in run.meta_map.get(
                                            "settings", "") else ""))
    if run_mode(run) == "quick":
        items.append("**Quick mode.** Shorter timed loops and fewer samples than the default "
                     "mode: rougher figures, wider intervals.")
    items.append(noise_caveat(run))
    items.append(noise_floor_caveat(run))
    stability = stability_caveat(run)
    if stability:
        items.append(stability)
    if run.is_compare and run.comparison is not None:
        items.append(verdict_caveat(run))
    items.append(
        "**Allocations** (allocs/op, bytes/op) count the requests reaching CPython's "
        "allocators during the loop, minus the empty loop's: exact and repeatable for a "
        "deterministic statement. Objects served from CPython's free lists make no "
        "request and are not counted. Memory and resource figures (retained, peak, RSS Δ, "
        "descriptors, warnings, collections) are **per run of `ops/run` operations**, "
        "not per operation.")
    items.append(machine_caveat(run))
    build = run.meta_map.get("gbench_build_type")
    if build:
        if build == "debug":
            items.append(
                "**Google Benchmark is a debug build** (Debian's libbenchmark; meta "
                "`gbench_build_type: debug`). It drives the repetitions and statistics "
                "only: the timed loops are read from CPython's own loop by the harness, "
                "compiled with its own flags, so the figures are not slowed by it.")
        else:
            items.append("Google Benchmark build: %s." % text(build))
    items.append(old_python_caveat(run))
    lines.extend("- " + item for item in items)
    return lines


def statistics_caveat():
    """The one statistic of each kind of figure."""
    return ("**One statistic each.** An absolute figure is the median of its samples "
            "with its interquartile range (the middle half of the samples, quartiles "
            "interpolated between them), as the charts draw it. A ratio between versions "
            "is the ratio of the two geometric means (of arithmetic means where a sample "
            "is 0 or less) with its 95% confidence interval (Welch's test on the "
            "logarithms); both means are printed beside it, so it can be checked. A "
            "median and a ratio of means can differ: never divide one median by another "
            "to check a ratio. Start-up and programs: hyperfine's median over its runs.")


def highlight_caveat():
    return "**Highlighted differences.** %s." % threshold_text()


def typical_cv(rows):
    """The median and 90th percentile of cv over rows with 2 or more samples."""
    cvs = sorted(r["cv"] for r in rows if r["repetitions"].strip() not in ("", "0", "1"))
    if not cvs:
        return None
    p90 = cvs[min(len(cvs) - 1, int(round(0.9 * (len(cvs) - 1))))]
    return statistics.median(cvs), p90


def noise_caveat(run):
    parts = []
    for version in run.versions:
        figures = typical_cv(r for r in run.measurements
                             if r["python_version"] == version and r["metric"] == TIME)
        if figures:
            parts.append("%s: median %s, 9 in 10 below %s" % (
                text(version), fmt_cv(figures[0]), fmt_cv(figures[1])))
    if not parts:
        return ("**Noise.** Every time figure here is a single sample: the run gives no "
                "coefficient of variation, so no figure's noise can be judged.")
    if run.meta_map.get("merged"):
        how = ("cv) of time per operation over each interpreter's rounds (a comparison's) "
               "or repetitions (a bench run's)")
    elif run.is_compare:
        how = "cv) of time per operation over the rounds"
    else:
        how = "cv) of time per operation over the repetitions"
    return ("**Noise.** The coefficient of variation (%s: %s. A difference smaller than a "
            "few cv is not evidence of anything." % (how, "; ".join(parts)))


def noise_floor_caveat(run):
    """The noise floor the run measured (meta's noise_floor_*), per version."""
    parts = []
    for version in run.versions:
        cv = run.meta_value("noise_floor_cv_pct", version)
        if cv is None:
            why = run.meta_value("noise_floor", version)
            parts.append("%s: %s" % (text(version), text(why or "not recorded (a run "
                                                              "older than the noise floor)")))
            continue
        drift = run.meta_value("noise_floor_drift_pct", version)
        parts.append("%s: cv %s%%%s" % (text(version), text(cv), "" if drift is None else
                                        ", drift %s%% from before the cases to after"
                                        % text(drift)))
    methods = collections.OrderedDict()
    for version in run.versions:
        method = run.meta_value("noise_floor_method", version)
        if method:
            methods.setdefault(method, []).append(version)
    if len(methods) == 1:
        how = " Measured as the %s." % text(list(methods)[0])
    else:
        how = "".join(" For %s: the %s." % (text(and_list(versions)), text(method))
                      for method, versions in methods.items())
    return ("**Noise floor.** The machine's own noise during the run, from the empty loop "
            "that every time figure subtracts: %s.%s A time difference within a few times "
            "this cv is not evidence of anything." % ("; ".join(parts) or "not recorded", how))


def stability_caveat(run):
    """How many time rows are unstable, or None when the run has no intervals."""
    rows = [r for r in run.measurements if r["metric"] == TIME and r["halfwidth"] is not None]
    if not rows:
        return None
    marked = [r for r in rows if unstable(r)]
    return ("**Unstable rows.** %d of %d time rows (%s) have a 95%% confidence interval "
            "of their median wider than ±%d%% of it%s: they are marked **unstable** in the "
            "tables; read them as rough." %
            (len(marked), len(rows), "%.0f%%" % (100.0 * len(marked) / len(rows)),
             round(UNSTABLE_HALFWIDTH * 100), " over its rounds" if run.is_compare
             else ", even after adaptive sampling"))


def verdict_caveat(run):
    time_rows = [r for r in run.comparison if r["metric"] == TIME]
    tested = [r for r in time_rows if r["verdict"] != "insufficient data"]
    marked = [r for r in tested if r["verdict"] in MARKED]
    paths = set(run.meta_value("python_path", v) for v in run.versions)
    fulls = set(run.meta_value("python_full_version", v) for v in run.versions)
    text_ = ("**Verdicts are at 95%%.** A version is marked faster or slower than %s when "
             "the 95%% confidence interval of its ratio excludes 1 (Welch's t-test on the "
             "rounds). Even when nothing differs, about 1 comparison in 20 is marked by "
             "chance: of the %d time comparisons here about %s would be; %s marked"
             % (text(run.baselines.named("the baseline")), len(tested),
                expected_marks(len(tested)),
                "none is" if not marked else "%d %s" % (len(marked), "is" if len(marked) == 1
                                                         else "are")))
    if marked:
        text_ += " (%d faster, %d slower)" % (sum(r["verdict"] == "faster" for r in marked),
                                              sum(r["verdict"] == "slower" for r in marked))
    text_ += "."
    if len(run.versions) > 1 and len(paths) == 1 and len(fulls) == 1 and None not in paths:
        text_ += (" This run is an **A/A control** (one interpreter run as %s): every "
                  "mark in it is noise by construction." % text(", ".join(run.versions)))
    else:
        text_ += (" Run the same interpreter twice (`make compare PYTHONS=\"3.11 3.11\"`) "
                  "to see the noise floor before trusting a single mark.")
    return text_


def expected_marks(comparisons):
    """How many of that many comparisons 95% marks by chance, readably."""
    expected = comparisons / 20.0
    return "%.1f" % expected if expected < 10 else "%d" % round(expected)


def machine_caveat(run):
    meta = run.meta_map
    if meta.get("hosts"):  # make merge, from several hosts
        return ("**The machines.** Hosts %s (*Hosts*, under *The run*, sets their facts "
                "side by side). On a virtual or shared machine other tenants, frequency "
                "scaling and page faults add noise (large sizes include page-fault time); "
                "each figure is for its own host, and every ratio is between two "
                "interpreters of one host." % and_list(code(h) for h in meta["hosts"].split()))
    described = ", ".join(text(meta[k]) for k in ("cpu", "kernel") if meta.get(k))
    line = "**The machine.** Host %s (%s)" % (code(meta.get("host", "?")), described or "?")
    if meta.get("cpus"):
        line += "; cpus: %s." % text(meta["cpus"])
    else:
        line += ". The run records neither its core count nor whether the machine was "
        line += "virtual or shared."
    line += (" On a virtual or shared machine other tenants, frequency scaling and page "
             "faults add noise (large sizes include page-fault time); the figures are for "
             "this machine, and ratios between versions travel better than absolute times.")
    return line


def old_python_caveat(run):
    if run.unavailable is None:
        return ("**Missing figures.** This run has no unavailable.csv, so a figure missing "
                "from the tables (—) may be one this Python cannot measure (CPython 2.7 has "
                "no allocation counts, tracemalloc, ResourceWarning or `gc.get_stats`) as "
                "well as one the case does not ask for.")
    old = [v for v in run.versions
           if (run.meta_value("python_version", v) or v).startswith("2.")]
    if old:
        return ("**CPython %s lacks some instruments:** no allocation counts (no allocator "
                "API), no tracemalloc figures, no ResourceWarning, no `gc.get_stats`. Those "
                "figures are shown as n/a with the reason, never as 0; its times and "
                "descriptor counts are measured as on 3.x." % text(", ".join(old)))
    return ("**Missing figures** are shown as n/a with the reason (from unavailable.csv: "
            "CPython 2.7 has no allocation counts, tracemalloc, ResourceWarning or "
            "`gc.get_stats`; a case may need a newer Python), never as 0; — marks a "
            "figure the case does not measure.")


# --- failures -----------------------------------------------------------------------

def failures_section(run):
    lines = ["## Failures", ""]
    if run.failures is None:
        lines.append("No failures.csv in this run: failures cannot be listed.")
        return lines
    if not run.failures:
        lines.append("None: every selected case ran on every interpreter.")
        return lines
    lines.append("%d failure%s, a case at one size each (failures.csv has the "
                 "tracebacks); their figures show as failed in the tables above:" % (
                     len(run.failures), "" if len(run.failures) == 1 else "s"))
    lines.append("")
    body = [[text(r["python_version"]), code("%s/%s" % (r["family"], r["case"])),
             text(r["n"]), text(r["stage"]), text(r["error"])] for r in run.failures]
    lines.extend(table(["Python", "case", "n", "stage", "error"], body, "llrll"))
    return lines


# --- hyperfine ----------------------------------------------------------------------

def hyperfine_section(run, charts):
    lines = ["## Start-up and whole programs", ""]
    if run.hyperfine is None:
        why = ("make compare times them, on every interpreter it compares"
               if not run.is_compare else
               "make compare writes it unless given --no-programs")
        lines.append("No hyperfine/hyperfine.csv in this run (%s): start-up and whole "
                     "programs are not shown." % why)
        return lines
    if not run.hyperfine:
        lines.append("hyperfine/hyperfine.csv has no rows: every program failed.")
        return lines
    for chart in charts["hyperfine"]:
        lines.extend(chart_lines(run, chart))
    versions = in_version_order(set(r["python_version"] for r in run.hyperfine))
    programs = []
    for row in run.hyperfine:
        if row["program"] not in programs:
            programs.append(row["program"])
    if "startup" in programs:
        programs.remove("startup")
        programs.insert(0, "startup")
    by = dict(((r["python_version"], r["program"]), r) for r in run.hyperfine)
    runs = sorted(set(r["runs"] for r in run.hyperfine), key=lambda x: size_key(x))
    lines.append(
        "Whole processes timed by hyperfine: start-up is the harness initialising and "
        "finalising the interpreter (`idiombench --startup`); each program of "
        "bench/programs/ runs as `python -E -s program.py`, start-up and exit included. "
        "Median wall time over hyperfine's runs (%s per cell, as hyperfine.csv says)."
        % text("–".join([runs[0], runs[-1]]) if len(runs) > 1 else runs[0]))
    lines.append("")
    headers = ["program"] + [version_header(run, v) for v in versions]

    def name(program):
        return "start-up" if program == "startup" else code(program)

    body = []
    for program in programs:
        cells = [name(program)]
        for version in versions:
            row = by.get((version, program))
            if row is None:
                cells.append("failed" if version in [r["python_version"]
                                                      for r in run.hyperfine] else "—")
                continue
            cells.append(fmt_time_s(row["median_s"]))
        body.append(cells)
    lines.extend(table(headers, body, "l" + "r" * len(versions)))
    if any(r["peak_rss_kib"] is not None for r in run.hyperfine):
        lines.extend(["", "Peak resident set (RSS) of one run of each (about 6–8 MiB is the "
                          "floor of any process started this way):", ""])
        body = []
        for program in programs:
            cells = [name(program)]
            for version in versions:
                row = by.get((version, program))
                cells.append(fmt_kib(row["peak_rss_kib"]) if row and
                             row["peak_rss_kib"] is not None else "—")
            body.append(cells)
        lines.extend(table(headers, body, "l" + "r" * len(versions)))
    else:
        lines.extend(["", "No peak RSS in this run's hyperfine.csv."])
    missing = [v for v in versions if any((v, p) not in by for p in programs)]
    if missing:
        lines.extend(["", "failed: the program did not run to its end on that interpreter "
                          "(named on compare's output); —: not run."])
    return lines
