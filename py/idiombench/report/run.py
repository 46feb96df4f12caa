"""py/idiombench/report/run.py: reads a run folder for bin/report.

read_run(folder) checks and loads everything the report shows: meta, measurements.csv,
unavailable.csv, failures.csv, complexity.csv, comparison.csv, hyperfine/hyperfine.csv,
plots/charts.csv and claims.csv. meta and measurements.csv make a run folder and must be
there; every other file may be absent (its section then says so). A file that is there
but lacks a column, or holds a figure that is not a number, raises Stop with one
line naming the file, the cause and the fix. Standard library only; Python 3.6+.
"""
import csv
import math
import os

import re

from idiombench.run.baselines import Baselines
from idiombench.run.errors import Stop
from idiombench.run.fit_label import CURVES
from idiombench.run.labels import label_key
from idiombench.run.meta import meta_pairs, stripped
from idiombench.report.stats import read_samples
from idiombench.run.folder import checked
from idiombench.run.paths import REPO_ROOT
from idiombench.run import schema
from idiombench.run.table import Table, has

# The claims' text, one table row per claim: | C01 | 1 | text |.
CLAIMS_TEXT = os.path.join(REPO_ROOT, "docs", "CLAIMS.md")
CLAIM_ROW = re.compile(r"^\|\s*(C\d+)\s*\|[^|]*\|\s*(.+?)\s*\|\s*$")

# The columns read: docs/run-folder.csv (readers "report"; "report?" for the median's
# interval, the fits' rms errors and claims.csv's deciding figure: a run written before
# them lacks them, and the report then marks no row unstable, gives no complexity label,
# and shortens the evidence instead).
# A row whose interval is wider than ±10% of its median is unstable (as the harness says).
UNSTABLE_HALFWIDTH = 0.10
CLAIM_DECIDING = "deciding"

# Where each file comes from: the fix named when it is missing or broken.
MAKERS = {
    "measurements.csv": "make bench or make compare",
    "unavailable.csv": "make bench or make compare",
    "failures.csv": "make bench or make compare",
    "complexity.csv": "make bench or make compare",
    "comparison.csv": "make compare",
    "hyperfine/hyperfine.csv": "make compare",
    "plots/charts.csv": "make plots",
    "claims.csv": "make claims",
}


class Run(object):
    """Everything the report shows of one run folder. A file the run lacks is None
    (lists of rows otherwise, each row a dict of the CSV's columns)."""

    def __init__(self, folder):
        self.folder = folder
        self.name = os.path.basename(os.path.realpath(folder))
        self.meta = []              # (key, value) in the file's order
        self.meta_map = {}
        self.measurements = []
        self.unavailable = None
        self.failures = None
        self.complexity = None
        self.comparison = None
        self.hyperfine = None
        self.charts = None
        self.claims = None
        self.samples = None         # {(version, family, case, n, metric): [values]}
        self.claim_texts = {}       # {claim: one line of docs/CLAIMS.md}
        self.versions = []          # labels, in the run's order
        self.baseline = None
        self.baselines = Baselines(None)  # a run of several hosts: one per host
        self.is_compare = False
        self.left_out = []          # (label, reason)

    def meta_value(self, key, label=None):
        """meta's value of key, for label (a comparison's key@label) when given; a
        single-version run answers every label with its plain key. None if absent."""
        if label is not None and ("%s@%s" % (key, label)) in self.meta_map:
            return self.meta_map["%s@%s" % (key, label)]
        if label is not None and self.is_compare:
            return None
        return self.meta_map.get(key)


def read_meta(path):
    """meta's `key: value` lines as a list of pairs; other lines are skipped."""
    try:
        return stripped(meta_pairs(path))
    except OSError as error:
        raise Stop("cannot read %s: %s: check the run folder's permissions"
                   % (path, error.strerror))


def read_csv(folder, relative, also=(), numeric=(), optional_numeric=()):
    """The rows of folder/relative as dicts, or None when the file is absent. Every
    column the report needs (docs/run-folder.csv), and those in also, must be in the
    header; numeric columns must hold finite numbers (optional_numeric ones may also be
    empty) and are converted to float."""
    path = os.path.join(folder, relative)
    if not os.path.exists(path):
        return None
    fix = MAKERS.get(relative, "make bench or make compare")
    try:
        with open(path, newline="", encoding="utf-8", errors="replace") as stream:
            table = Table(stream, relative, "report", also)
            if not table.header:
                raise Stop("%s is empty (no header line): write it again with %s"
                                 % (path, fix))
            if table.missing:
                missing = table.missing
                raise Stop("%s lacks the column%s %s: write it again with %s"
                                 % (path, "s" if len(missing) > 1 else "",
                                    ", ".join(missing), fix))
            rows = []
            for row in table:
                if table.longer(row):
                    raise Stop("%s line %d has more fields than its header: "
                                     "write it again with %s"
                                     % (path, table.line, fix))
                if table.shorter(row):
                    raise Stop("%s line %d has fewer fields than its header: "
                                     "write it again with %s"
                                     % (path, table.line, fix))
                for name in numeric:
                    row[name] = number(row[name], path, table.line, name, fix, False)
                for name in optional_numeric:
                    row[name] = number(row[name], path, table.line, name, fix, True)
                rows.append(row)
    except OSError as error:
        raise Stop("cannot read %s: %s: check the run folder's permissions"
                   % (path, error.strerror))
    except csv.Error as error:
        raise Stop("%s is not valid CSV (%s): write it again with %s"
                   % (path, error, fix))
    return rows


def number(text, path, line, column, fix, optional):
    """text as a finite float (None for an empty optional field), else Stop."""
    text = text.strip()
    if text == "" and optional:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if math.isnan(value) or math.isinf(value):
        raise Stop("%s line %d: %s is %r, not a number: write it again with %s"
                   % (path, line, column, text, fix))
    return value


def size_key(n):
    """Sort key of an `n` field: unsized first, then by size."""
    n = n.strip()
    if n == "":
        return (0, 0)
    try:
        return (1, float(n))
    except ValueError:
        return (2, n)


def read_run(folder):
    """The Run in folder, checked; raises Stop on anything the report cannot use."""
    checked(folder, "make report RUN=results/<run-id>")
    run = Run(folder)
    if not os.path.isfile(os.path.join(folder, "measurements.csv")):
        raise Stop("%s is not a run folder (it has no measurements.csv): name one written "
                   "by make bench or make compare" % folder)
    run.meta = read_meta(os.path.join(folder, "meta"))
    run.meta_map = dict(run.meta)
    run.measurements = read_measurements(folder)
    run.unavailable = read_csv(folder, "unavailable.csv")
    run.failures = read_csv(folder, "failures.csv")
    fits = optional_columns(folder, "complexity.csv")
    run.complexity = read_csv(folder, "complexity.csv", fits, optional_numeric=fits)
    run.comparison = read_csv(folder, "comparison.csv",
                              optional_numeric=("baseline_median", "median", "ratio",
                                                "ci_low", "ci_high"))
    run.hyperfine = read_csv(folder, "hyperfine/hyperfine.csv", numeric=("median_s",),
                             optional_numeric=("mean_s", "stddev_s", "peak_rss_kib"))
    run.charts = read_csv(folder, "plots/charts.csv")
    run.claims = read_csv(folder, "claims.csv")
    run.samples = read_samples(folder)
    run.claim_texts = read_claim_texts(CLAIMS_TEXT)

    run.is_compare = run.meta_map.get("run") == "compare" or run.comparison is not None
    run.left_out = [(key.split("@", 1)[1], value) for key, value in run.meta
                    if key.startswith("left_out@")]
    run.versions = run_versions(run)
    run.baseline = run.meta_map.get("baseline") or (
        run.comparison[0]["baseline"] if run.comparison else None)
    run.baselines = Baselines(run.baseline, run.meta_map.get("baselines", "").split(),
                              [(row["python_version"], row["baseline"])
                               for row in run.comparison or ()])
    return run


def header_of(folder, relative):
    """The header of folder/relative as a list ([] when absent or empty)."""
    path = os.path.join(folder, relative)
    if not os.path.isfile(path):
        return []
    with open(path, newline="", encoding="utf-8", errors="replace") as stream:
        return next(csv.reader(stream), [])


def optional_columns(folder, relative):
    """The columns of folder/relative the report reads when it has them (all of them,
    docs/run-folder.csv's "report?"), when its header has them all; () otherwise."""
    return has(header_of(folder, relative), schema.optional(relative, "report"))


def read_claim_texts(path):
    """{claim ID: its one line} from docs/CLAIMS.md's table; {} when it is absent."""
    texts = {}
    try:
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                match = CLAIM_ROW.match(line.strip())
                if match:
                    texts[match.group(1)] = match.group(2)
    except OSError:
        return {}
    return texts


def read_measurements(folder):
    """measurements.csv's rows; each gets "halfwidth", its interval's half-width relative
    to |median| (None when the run predates ci_low and ci_high, inf around a median of 0)."""
    interval = optional_columns(folder, "measurements.csv")
    has_ci = bool(interval)
    rows = read_csv(folder, "measurements.csv", interval, numeric=("median", "cv") + interval)
    for row in rows:
        row["halfwidth"] = relative_halfwidth(row) if has_ci else None
    return rows


def relative_halfwidth(row):
    halfwidth = (row["ci_high"] - row["ci_low"]) / 2.0
    if halfwidth <= 0:
        return 0.0
    return halfwidth / abs(row["median"]) if row["median"] != 0 else float("inf")


def has_intervals(rows):
    """True when some row has its median's interval (a run written since ci_low)."""
    return any(row["halfwidth"] is not None for row in rows)


def unstable(row):
    """True when the row's 95% interval is wider than ±UNSTABLE_HALFWIDTH of its median."""
    return row.get("halfwidth") is not None and row["halfwidth"] > UNSTABLE_HALFWIDTH


def in_version_order(labels):
    return sorted(labels, key=label_key)


def run_versions(run):
    """The interpreters' labels in version order: meta's `pythons` (less those left out)
    and every other label found in measurements.csv, unavailable.csv or failures.csv."""
    left = set(label for label, _ in run.left_out)
    versions = []
    listed = run.meta_map.get("pythons", "").split() if run.is_compare else []
    if not run.is_compare and run.meta_map.get("python_version"):
        listed = [run.meta_map["python_version"]]
    for label in listed:
        if label not in left and label not in versions:
            versions.append(label)
    for rows in (run.measurements, run.unavailable or [], run.failures or []):
        for row in rows:
            if row["python_version"] not in versions and row["python_version"] not in left:
                versions.append(row["python_version"])
    return in_version_order(versions)
