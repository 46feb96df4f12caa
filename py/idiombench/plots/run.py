"""py/idiombench/plots/run.py: reads and checks a run folder for bin/plots.

load_run(folder) reads meta, measurements.csv, samples.csv, complexity.csv,
comparison.csv, hyperfine/hyperfine.csv and unavailable.csv into a Run (versions, colours,
baseline, machine, mode and noise), with one line per file it cannot use; Stop when
nothing can be drawn. Also bin/plots's say and warn (run/errors.py's, named "plots").
Standard library only; Python 3.6+.
"""
import csv
import math
import os

from idiombench.run.baselines import Baselines
from idiombench.run import errors
from idiombench.run.errors import Skip, Stop
from idiombench.run.fit_label import read_fit
from idiombench.run.labels import host as host_of, label_key
from idiombench.run.meta import meta_dict
from idiombench.run.folder import checked
from idiombench.run.stats import quartiles
from idiombench.run.table import Table


# a host or CPU name longer than this ends in an ellipsis: the subtitle's first line
# ("CPython 2.7.18 to 3.13.0 (4 versions) on host (cpu)") then fits the chart's width
HOST_CHARS, CPU_CHARS = 28, 36
FIX = "docs/run-folder.md lists its columns; measure again with make bench or make compare"


def say(message):
    """Progress, on stdout."""
    errors.say(message, "plots")


def warn(message):
    """A problem, on stderr: one line naming the cause and the fix."""
    errors.warn(message, "plots")


def read_meta(path):
    """meta's `key: value` lines as a dict; empty when there is no meta."""
    try:
        return meta_dict(path)
    except OSError:
        return {}


def read_csv(path, file, numbers, fix):
    """The rows of the CSV file at path (file: its name in docs/run-folder.csv), as
    dicts; the columns listed in numbers become floats (None when empty). Raises Skip (a
    file the charts do without) naming what is wrong and how to fix it."""
    try:
        stream = open(path, newline="", encoding="utf-8")
    except OSError as error:
        raise Skip("cannot read %s: %s (%s)" % (path, error.strerror, fix))
    with stream:
        table = Table(stream, file, "plots")
        try:
            if not table.header:
                raise Skip("%s is empty, not even a header line (%s)" % (path, fix))
            missing = table.missing
            if missing:
                raise Skip("%s lacks the column%s %s (%s)" % (
                    path, "s" if len(missing) > 1 else "", ", ".join(missing), fix))
            rows = []
            for row in table:
                for name in numbers:
                    text = (row.get(name) or "").strip()
                    if text == "":
                        row[name] = None
                        continue
                    try:
                        value = float(text)
                    except ValueError:
                        value = float("nan")
                    if not math.isfinite(value):
                        raise Skip("%s line %d: %s is '%s', not a number (%s)" % (
                            path, table.line, name, text, fix))
                    row[name] = value
                rows.append(row)
        except csv.Error as error:
            raise Skip("%s line %d: %s (%s)" % (path, table.line, error, fix))
        except UnicodeDecodeError:
            raise Skip("%s is not UTF-8 text (%s)" % (path, fix))
    return rows


class Figure:
    """One figure: median, spread (low, high; None when there is no spread)."""

    def __init__(self, median, low, high):
        self.median = median
        self.low = low
        self.high = high


class Measurements:
    """measurements.csv: figures by (family, case, n, metric) then version."""

    def __init__(self, rows, path):
        self.figures = {}
        self.cv = {}
        self.units = {}
        self.repetitions = {}
        self.loops = {}
        self.families = []
        self.cases = {}
        self.sizes = {}
        self.versions = set()
        for row in rows:
            family, case, metric = row["family"], row["case"], row["metric"]
            version = row["python_version"]
            text = (row["n"] or "").strip()
            try:
                n = int(text) if text else None
            except ValueError:
                raise Skip("%s: n is '%s' for %s/%s, not a whole number (measure again "
                           "with make bench or make compare)" % (path, text, family, case))
            if row["median"] is None:
                continue
            if family not in self.cases:
                self.families.append(family)
                self.cases[family] = []
            if case not in self.cases[family]:
                self.cases[family].append(case)
            self.sizes.setdefault((family, case, metric), set()).add(n)
            self.versions.add(version)
            reps = row["repetitions"] or 0
            key = (family, case, n, metric)
            # the spread is the samples' interquartile range (add_quartiles)
            self.figures.setdefault(key, {})[version] = Figure(row["median"], None, None)
            if row.get("cv") is not None:
                self.cv[key + (version,)] = row["cv"]
            self.units[metric] = row["unit"]
            self.repetitions.setdefault((family, metric), set()).add(int(reps))
            self.loops[(family, case, n, metric, version)] = row["loops"]

    def has(self, family, metric):
        return any(key[0] == family and key[3] == metric for key in self.figures)

    def case_sizes(self, family, case, metric):
        """The sizes a case was measured at for metric, ascending (None first)."""
        sizes = self.sizes.get((family, case, metric), set())
        return sorted(sizes, key=lambda n: -1 if n is None else n)


def shortened(text, limit):
    """text, or its first limit characters and an ellipsis: a host or CPU name in a
    subtitle is shortened on purpose rather than clipped by the chart's edge."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class Run:
    def __init__(self, folder, meta, measurements, complexity, hyperfine):
        self.folder = folder
        self.meta = meta
        self.m = measurements
        self.complexity = complexity  # {(version, family, case): Fit or None} or None
        self.hyperfine = hyperfine    # rows or None
        self.has_samples = False      # samples.csv gave the interquartile ranges
        self.comparison = {}          # {(family, case, n, metric, version): row}
        measured = sorted(measurements.versions if measurements else (), key=label_key)
        others = sorted(set(row["python_version"] for row in hyperfine or ()) - set(measured),
                        key=label_key)
        self.versions = sorted(measured + others, key=label_key)
        baseline = meta.get("baseline", "")
        self.baseline = baseline if baseline in self.versions else (
            self.versions[0] if self.versions else "")
        self.baselines = Baselines(self.baseline)  # load_run: one per host of a merge
        host = shortened(meta.get("host") or ", ".join(meta.get("hosts", "").split()),
                         HOST_CHARS)  # hosts: a merge of several
        cpu = shortened(meta.get("cpu", ""), CPU_CHARS)
        if host and cpu:
            self.machine = "%s (%s)" % (host, cpu)
        else:
            self.machine = host or cpu or "machine not recorded (no meta)"

    def on(self, versions):
        """'CPython 3.6.15 and 3.13.0 on vm (AMD EPYC)'."""
        versions = sorted(versions, key=label_key)
        if len(versions) == 1:
            what = "CPython " + versions[0]
        elif len(versions) <= 3:
            what = "CPython " + ", ".join(versions[:-1]) + " and " + versions[-1]
        else:
            what = "CPython %s to %s (%d versions)" % (versions[0], versions[-1], len(versions))
        hosts = sorted(set(host_of(v) for v in versions) - set([""]))
        if hosts:  # a merge of several hosts: the hosts of these versions
            return "%s on %s" % (what, ", ".join(hosts))
        return "%s on %s" % (what, self.machine)

    def conditions(self):
        """'quick mode, 2 CPUs, virtual machine, timing noise: median coefficient of
        variation 8%' (of the times per operation):
        how the figures were made and how noisy the machine was, in plain words; the
        parts the run does not record are left out."""
        parts = []
        mode = self.mode()
        if mode:
            parts.append(mode)
        cpus = self.meta.get("cpus", "")
        if cpus:
            count = cpus.split(" ", 1)[0]
            parts.append("%s CPU%s%s" % (count, "" if count == "1" else "s",
                                         ", virtual machine" if "hypervisor" in cpus else ""))
        cvs = sorted(cv for key, cv in (self.m.cv.items() if self.m else ())
                     if key[3] == "time_per_op" and cv is not None)
        if cvs:
            middle = len(cvs) // 2
            median = cvs[middle] if len(cvs) % 2 else (cvs[middle - 1] + cvs[middle]) / 2
            parts.append("timing noise: median coefficient of variation %.0f%%" % (median * 100))
        return ", ".join(parts)

    def mode(self):
        """'quick mode' or 'default mode' from meta (mode, else settings); '' unknown."""
        mode = self.meta.get("mode", "")
        if not mode:
            settings = self.meta.get("settings", "") or next(
                (v for k, v in sorted(self.meta.items()) if k.startswith("settings@")), "")
            if settings:
                mode = "quick" if settings.rstrip().endswith("quick") else "default"
        return ("%s mode" % mode) if mode else ""

    def samples(self, family, metrics, what="dots"):
        """'dots: median of 5 rounds; whiskers: interquartile range' for the figures
        of family and metrics."""
        counts = set()
        for metric in metrics:
            counts |= self.m.repetitions.get((family, metric), set())
        noun = "rounds" if self.meta.get("run") == "compare" else "repetitions"
        if not counts:
            return ""
        low, high = min(counts), max(counts)
        if high <= 1:
            return "%s: one sample each (no spread to show)" % what
        many = ("%d" % high) if low == high else ("%d–%d" % (low, high))
        if high < 3:
            return "%s: median of %s %s (too few for an interquartile range)" % (
                what, many, noun)
        if not self.has_samples:
            return "%s: median of %s %s (no samples in this run: no interquartile range)" % (
                what, many, noun)
        return "%s: median of %s %s; whiskers: interquartile range (middle half)" % (
            what, many, noun)


def read_unavailable(path):
    """unavailable.csv as {(version, metric): reason, (version, family, case, metric):
    reason}; empty when missing or unusable (it only explains gaps, so the charts do not
    depend on it)."""
    found = {}
    try:
        rows = read_csv(path, "unavailable.csv", [], "")
    except Skip:
        return found
    for row in rows:
        found.setdefault((row["python_version"], row["metric"]), row["reason"])
        found.setdefault((row["python_version"], row["family"], row["case"], row["metric"]),
                         row["reason"])
    return found


def load_run(folder):
    """Reads the run folder; returns Run, printing one line per unusable file."""
    check_folder(folder)
    meta = read_meta(os.path.join(folder, "meta"))
    problems = []
    measurements = read_measurements(folder, problems)
    complexity = None
    if measurements is not None:
        complexity = read_complexity(folder, measurements, problems)
    hyperfine = read_hyperfine(folder, problems)
    run = Run(folder, meta, measurements, complexity,
              None if hyperfine == "bad" else hyperfine)
    run.hyperfine_bad = hyperfine == "bad"
    if measurements is not None:
        run.has_samples = add_quartiles(folder, measurements, problems)
        run.comparison = read_comparison(folder, problems)
        run.baselines = Baselines(run.baseline, meta.get("baselines", "").split(),
                                  [(key[4], row["baseline"])
                                   for key, row in run.comparison.items()])
    run.chosen_n = {}
    run.unavailable = read_unavailable(os.path.join(folder, "unavailable.csv"))
    run.m_versions_sorted = sorted(measurements.versions, key=label_key) if measurements else []
    return run, problems


def check_folder(folder):
    """Stop (exit 2) unless folder is a run folder."""
    checked(folder, "make plots RUN=results/<run-id>")
    meas_path = os.path.join(folder, "measurements.csv")
    hyper_path = os.path.join(folder, "hyperfine", "hyperfine.csv")
    if not os.path.exists(meas_path) and not os.path.exists(hyper_path):
        raise Stop("%s is not a run folder (no measurements.csv, no hyperfine/hyperfine.csv): "
                   "give a folder make bench or make compare wrote" % folder)


def read_measurements(folder, problems):
    """measurements.csv as Measurements; None (and a line in problems) when unusable."""
    meas_path = os.path.join(folder, "measurements.csv")
    measurements = None
    if os.path.exists(meas_path):
        try:
            rows = read_csv(meas_path, "measurements.csv",
                            ["median", "cv", "repetitions", "loops"], FIX)
            measurements = Measurements(rows, meas_path)
            if not measurements.families:
                problems.append("%s has no figures: the per-family charts are skipped "
                                "(measure with make bench or make compare)" % meas_path)
                measurements = None
        except Skip as error:
            problems.append("%s: the per-family charts are skipped" % error)
    else:
        problems.append("no measurements.csv in %s: the per-family charts are skipped "
                        "(make bench or make compare writes it)" % folder)
    return measurements


def read_complexity(folder, measurements, problems):
    """complexity.csv's time_per_op fits, {(version, family, case): Fit, or None for a
    row without the rms errors}; None (and a line in problems when there are scaling
    cases to fit) when missing or unusable."""
    comp_path = os.path.join(folder, "complexity.csv")
    complexity = None
    if os.path.exists(comp_path):
        try:
            complexity = {}
            for row in read_csv(comp_path, "complexity.csv", [], FIX):
                if row["metric"] == "time_per_op":
                    complexity[(row["python_version"], row["family"], row["case"])] = \
                        read_fit(row)
        except Skip as error:
            complexity = None
            problems.append("%s: the scaling charts have no fitted curves" % error)
    elif any(len([n for n in measurements.case_sizes(f, c, "time_per_op") if n is not None]) >= 3
             for f in measurements.families for c in measurements.cases[f]):
        problems.append("no complexity.csv in %s: the scaling charts have no fitted "
                        "curves (make bench or make compare writes it)" % folder)
    return complexity


def sized(text):
    """n as a CSV cell gives it: an int, or None when empty."""
    text = (text or "").strip()
    return int(text) if text else None


def add_quartiles(folder, measurements, problems):
    """Sets each figure's low and high to its samples' interquartile range (samples.csv);
    False (figures without spread) when the run has no usable samples.csv."""
    path = os.path.join(folder, "samples.csv")
    if not os.path.exists(path):
        return False
    try:
        rows = read_csv(path, "samples.csv", ["value"], FIX)
        values = {}
        for row in rows:
            key = (row["family"], row["case"], sized(row["n"]), row["metric"])
            values.setdefault(key + (row["python_version"],), []).append(row["value"])
    except (Skip, ValueError) as error:
        problems.append("%s: the charts show medians without their spread" % error)
        return False
    for key, by_version in measurements.figures.items():
        for version, figure in by_version.items():
            found = quartiles([v for v in values.get(key + (version,), ()) if v is not None])
            if found is not None and found[0] < found[1]:
                figure.low, figure.high = found
    return True


def read_comparison(folder, problems):
    """comparison.csv's ratios, {(family, case, n, metric, version): row with ratio,
    ci_low, ci_high as floats}; empty when the run has none."""
    path = os.path.join(folder, "comparison.csv")
    found = {}
    if not os.path.exists(path):
        return found
    try:
        for row in read_csv(path, "comparison.csv", ["ratio", "ci_low", "ci_high"],
                            "make compare writes it"):
            key = (row["family"], row["case"], sized(row["n"]), row["metric"],
                   row["python_version"])
            found[key] = row
    except (Skip, ValueError) as error:
        problems.append("%s: the versions charts are skipped" % error)
        return {}
    return found


def read_hyperfine(folder, problems):
    """hyperfine/hyperfine.csv's rows with a median; None when missing or empty, "bad"
    when unusable (a line in problems for either of the latter)."""
    hyper_path = os.path.join(folder, "hyperfine", "hyperfine.csv")
    hyperfine = None
    if os.path.exists(hyper_path):
        try:
            hyperfine = read_csv(hyper_path, "hyperfine/hyperfine.csv", ["median_s", "runs"],
                                 "docs/run-folder.md lists its columns; make compare writes it")
            hyperfine = [r for r in hyperfine if r["median_s"] is not None]
            times = read_hyperfine_times(os.path.dirname(hyper_path))
            for r in hyperfine:
                r["times_s"] = times.get((r["python_version"], r["program"]), [])
            if not hyperfine:
                problems.append("%s has no rows: startup and programs are skipped" % hyper_path)
                hyperfine = None
        except Skip as error:
            problems.append("%s: startup and programs are skipped" % error)
            hyperfine = "bad"
    return hyperfine


def read_hyperfine_times(folder):
    """{(label, program): [seconds]}: each timed run, from runs.csv in folder (written by
    bin/hyperfine-run, which reads hyperfine's 1.x and 2.x exports); empty where it is
    missing or unreadable (a run older than it: the charts then show medians without
    their spread)."""
    found = {}
    try:
        with open(os.path.join(folder, "runs.csv"), newline="", encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                found.setdefault((row["python_version"], row["program"]),
                                 []).append(float(row["seconds"]))
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return found
