"""py/idiombench/compare/merge.py: folds the harness's per-round, per-family run folders of a
comparison into the run's own files. Used by bin/compare; standard library only.

Raw layout: <raw>/<label>/r<round>/<family>/ is one `idiombench --out` folder, and
<raw>/<label>/instructions/part<k>/ one of the instructions pass (its samples keep their
own rounds: the pass counts every case in one process). Every
file the harness writes carries its python_version column, which is replaced by the
interpreter's label (so that one version compared twice stays two series).
"""
import csv
import os
import statistics
import subprocess

from idiombench.run.errors import EXIT_ENVIRONMENT, Stop
from idiombench.run.meta import meta_pairs
from idiombench.run.paths import REPO_ROOT
from idiombench.run.folder import PARTIAL
from idiombench.run import schema
from idiombench.run.table import Table

# The files merged here besides samples.csv, each written with its columns
# (docs/run-folder.csv).
HEADERS = dict((name, schema.columns(name)) for name in
               ("failures.csv", "unavailable.csv", "observations.csv", "cases.csv"))


def read_rows(folder, name):
    """The rows of folder/name, a CSV file of a harness run, as dicts, or [] when the
    file is not there."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(Table(f, name, "bin/compare"))


def write_rows(path, columns, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def complete_runs(folder):
    """The harness runs in folder, sorted: an incomplete one (.partial) is left out."""
    return sorted(name for name in os.listdir(folder) if not name.endswith(PARTIAL))


def raw_folders(raw, labels):
    """(label, round, folder) of every harness run under raw, in label order."""
    for label in labels:
        base = os.path.join(raw, label)
        if not os.path.isdir(base):
            continue
        rounds = sorted(int(name[1:]) for name in os.listdir(base) if name.startswith("r"))
        for number in rounds:
            round_dir = os.path.join(base, "r%d" % number)
            for family in complete_runs(round_dir):
                yield label, number, os.path.join(round_dir, family)


def pass_folders(raw, labels):
    """(label, folder) of every instructions pass part under raw, in label order."""
    for label in labels:
        base = os.path.join(raw, label, "instructions")
        if os.path.isdir(base):
            for part in complete_runs(base):
                yield label, os.path.join(base, part)


def merge_samples(raw, labels, path):
    """samples.csv: the harness runs' samples.csv files one after another, each row
    relabelled and its round set to the comparison's round (a harness run makes one
    repetition, so one sample per case, size and metric), then the instructions
    passes' as they are. Returns the count."""
    rows = []
    for label, number, folder in raw_folders(raw, labels):
        for row in read_rows(folder, "samples.csv"):
            rows.append(dict(row, python_version=label, round=str(number)))
    for label, folder in pass_folders(raw, labels):
        for row in read_rows(folder, "samples.csv"):
            rows.append(dict(row, python_version=label))
    write_rows(path, schema.columns("samples.csv"), rows)
    return len(rows)


def merge_labelled(raw, labels, name, path):
    """One of HEADERS' files, every round's rows relabelled, repeats kept once."""
    columns = HEADERS[name]
    seen = set()
    rows = []
    folders = [(label, folder) for label, _, folder in raw_folders(raw, labels)]
    for label, folder in folders + list(pass_folders(raw, labels)):
        for row in read_rows(folder, name):
            row = dict(row, python_version=label)
            key = tuple(row.get(column, "") for column in columns if column != "traceback")
            if key not in seen:
                seen.add(key)
                rows.append(row)
    write_rows(path, columns, rows)
    return len(rows)


def read_meta(path):
    """The harness's meta file as (key, value) pairs, in order; [] when it is absent."""
    return meta_pairs(path) if os.path.exists(path) else []


# The host's keys, given once (docs/run-folder.csv: the keys without "@<label>").
HOST_KEYS = schema.host_keys()


# The noise floor's figures, taken over every harness run of a version, not its first.
NOISE_KEYS = ("noise_floor_cv_pct", "noise_floor_drift_pct", "noise_floor_method")


def noise_floor_pairs(raw, label):
    """The version's noise floor over all its harness runs: the median of their cv and
    of their drift, and the method saying so; [] when no run measured it."""
    figures = {"noise_floor_cv_pct": [], "noise_floor_drift_pct": []}
    method = None
    for _, _, folder in raw_folders(raw, [label]):
        pairs = dict(read_meta(os.path.join(folder, "meta")))
        for key, values in figures.items():
            try:
                values.append(float(pairs[key]))
            except (KeyError, ValueError):
                pass
        method = method or pairs.get("noise_floor_method")
    cvs, drifts = figures["noise_floor_cv_pct"], figures["noise_floor_drift_pct"]
    if not cvs:
        return []
    out = [("noise_floor_cv_pct", "%.2f" % statistics.median(cvs))]
    if drifts:
        out.append(("noise_floor_drift_pct", "%+.2f" % statistics.median(drifts)))
    out.append(("noise_floor_method", "median over the version's %d harness runs of each "
                "run's %s" % (len(cvs), method or "noise floor")))
    return out


def merge_meta(raw, labels, compare_pairs, path):
    """meta: the comparison's own settings, the host once, then each interpreter's
    facts as `key@label: value` (from its first harness run; the noise floor from all
    of them)."""
    lines = ["%s: %s" % pair for pair in compare_pairs]
    host_done = False
    for label in labels:
        first = next((folder for lab, _, folder in raw_folders(raw, [label])), None)
        if first is None:
            continue
        pairs = read_meta(os.path.join(first, "meta"))
        if not host_done:
            lines += ["%s: %s" % (k, v) for k, v in pairs if k in HOST_KEYS]
            host_done = True
        lines += ["%s@%s: %s" % (k, label, v) for k, v in pairs
                  if k not in HOST_KEYS and k != "command" and k not in NOISE_KEYS]
        lines += ["%s@%s: %s" % (k, label, v) for k, v in noise_floor_pairs(raw, label)]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def compare_tool():
    """build/idiombench-compare's path."""
    return os.path.join(REPO_ROOT, "build", "idiombench-compare")


def compare_samples(folder, baseline):
    """build/idiombench-compare on folder/samples.csv: writes folder's measurements.csv,
    comparison.csv and complexity.csv; returns its table (stdout)."""
    command = [compare_tool(), "--samples", os.path.join(folder, "samples.csv"), "--baseline", baseline,
               "--measurements", os.path.join(folder, "measurements.csv"),
               "--comparison", os.path.join(folder, "comparison.csv"),
               "--complexity", os.path.join(folder, "complexity.csv")]
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    if out.returncode != 0:
        raise Stop(out.stderr.strip().replace("idiombench-compare: ", "", 1), EXIT_ENVIRONMENT)
    return out.stdout
