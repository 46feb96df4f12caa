"""py/idiombench/export/pyperf.py: a run folder as pyperf JSON, one file per interpreter
(RUN/pyperf/<label>.json), which `python -m pyperf show`, `stats` and `compare_to` read.

The format is pyperf's (pyperf/_bench.py, _metadata.py; file version "1.0"):

    {"version": "1.0", "metadata": {...},
     "benchmarks": [{"metadata": {"name": ..., "unit": ...},
                     "runs": [{"metadata": {...}, "values": [...]}, ...]}, ...]}

- One benchmark per case, size and metric of samples.csv. Its name: "family/case" for
  time_per_op, "family/case[n=1000]" for a size, and ":metric" after either for the
  other metrics ("copying/flat_slice[n=1000]:allocs_per_op").
- Units: time_per_op in seconds (pyperf's "second"; ours are ns), bytes in "byte",
  every count (allocations, instructions, descriptors, warnings, collections, objects)
  "integer".
- pyperf takes only values > 0. A benchmark with a sample <= 0 (an allocation-free
  statement's 0 allocations; a net time of a few ns below 0 through noise) is left out,
  not offset: an offset would change every ratio pyperf computes. pyperf/omitted.csv
  names each one left out and why.
- pyperf's t-test needs the same number of values on both sides, so every benchmark of
  one metric gets the same count: the first k samples, k the fewest any benchmark of
  that metric has, of any interpreter of the run (a comparison: its rounds; a bench
  run: its exact passes' samples, and for time the time pass's first batch, the
  settings' "repetitions N", which every case takes whole before any more it may take
  for a tight interval; a merged run: the fewest of the runs it folds). Two runs made
  in the same mode give the same k.
- Runs: an interpreter whose settings take one sample per process (a comparison's
  rounds: "repetitions 1") gets a pyperf run per value; one whose samples come from
  one process (a bench run, also inside a merged run) one pyperf run.
- A time value is the net time per operation (the timed loop less its empty twin), so
  pyperf's raw value (value x loops) is the net time of the loop, shorter than the
  loop's duration: `pyperf check` may say "the shortest raw value is only ..." of a
  statement that costs little next to the loop itself.
- python_version, python_executable, hostname and cpu_model_name are the same in every
  run of a file (from meta), as pyperf requires of the runs of a benchmark.
Standard library only; Python 3.6+.
"""
import collections
import csv
import json
import os

from idiombench.run import schema
from idiombench.run.labels import host, label_key
from idiombench.run.meta import meta_dict
from idiombench.run.table import Table

# our unit -> (pyperf's unit, factor to it)
UNITS = {"ns": ("second", 1e-9), "bytes": ("byte", 1)}
COUNT_UNIT = ("integer", 1)
TIME_METRIC = "time_per_op"
FORMAT_VERSION = "1.0"

Sample = collections.namedtuple("Sample", "round value loops")


def benchmark_name(family, case, n, metric):
    """"identity/is_none", "copying/flat_slice[n=1000]:allocs_per_op"."""
    name = "%s/%s" % (family, case) + ("[n=%s]" % n if n else "")
    return name if metric == TIME_METRIC else "%s:%s" % (name, metric)


def read_samples(path):
    """{label: {(family, case, n, metric, unit): [Sample...] by round}} from samples.csv;
    ValueError naming the line when a figure is not a number or a column is missing."""
    found = collections.OrderedDict()
    with open(path, newline="", encoding="utf-8") as stream:
        table = Table(stream, "samples.csv", "pyperf")
        if table.missing:
            raise ValueError("%s has no column %s" % (path, ", ".join(table.missing)))
        for row in table:
            key = (row["family"], row["case"], row["n"], row["metric"], row["unit"])
            try:
                sample = Sample(int(row["round"]), float(row["value"]), int(row["loops"]))
            except (TypeError, ValueError):
                raise ValueError("%s line %d: round, value or loops is not a number"
                                 % (path, table.line))
            found.setdefault(row["python_version"], collections.OrderedDict()) \
                .setdefault(key, []).append(sample)
    for series in found.values():
        for samples in series.values():
            samples.sort(key=lambda s: s.round)
    return found


def per_label(meta, key, label):
    """meta's key for label: "key@label" in a comparison, "key" in a bench run."""
    return meta.get("%s@%s" % (key, label)) or meta.get(key) or "unknown"


def per_host(meta, key, label):
    """meta's key for label's machine: its own "key@label" in a run make merge folded
    from runs of a host that disagree on it, "key@host" in one folded from several
    hosts (label "3.13.1@ci-arm"), else "key"."""
    return (meta.get("%s@%s" % (key, label)) or meta.get("%s@%s" % (key, host(label))) or
            meta.get(key) or "unknown")


def run_metadata(meta, label):
    """What pyperf wants the same in every run of a benchmark."""
    return {"python_version": per_label(meta, "python_version", label),
            "python_executable": per_label(meta, "python_path", label),
            "hostname": host(label) or meta.get("host") or "unknown",
            "cpu_model_name": per_host(meta, "cpu", label)}


def repetitions(meta, label):
    """The samples of a case one process takes first (settings' "repetitions N"), or
    None when the settings do not say."""
    for part in per_label(meta, "settings", label).split(", "):
        words = part.split()
        if len(words) == 2 and words[0] == "repetitions" and words[1].isdigit():
            return int(words[1])
    return None


def one_process(meta, label):
    """True when label's samples of a case come from one process (a bench run's),
    False when each is a process's own (a comparison's rounds)."""
    taken = repetitions(meta, label)
    return taken > 1 if taken is not None else meta.get("run") != "compare"


def value_counts(samples, meta):
    """{metric: k}: the fewest samples any benchmark of the metric has, of any
    interpreter ({label: series} samples), a one-process time series counted up to its
    first batch: every file of the run has k of the metric."""
    counts = {}
    for label, series in samples.items():
        batch = repetitions(meta, label) if one_process(meta, label) else None
        for (_, _, _, metric, _), values in series.items():
            k = min(len(values), batch) if batch and metric == TIME_METRIC else len(values)
            counts[metric] = min(counts.get(metric, k), k)
    return counts


def benchmark(key, samples, count, metadata, one_run_per_value):
    """(benchmark dict, None), or (None, the reason it is left out)."""
    family, case, n, metric, unit = key
    pyperf_unit, factor = UNITS.get(unit, COUNT_UNIT)
    kept = samples[:count]
    low = min(s.value for s in kept)
    if low <= 0:
        return None, ("a sample of %.9g %s: pyperf takes only values > 0" % (low, unit))
    def run(part):
        """A pyperf run of the samples part: a time value is per loop iteration, net of
        the empty loop, and pyperf's raw value (value x loops) the loop's net time; a
        count is per operation of a differenced run, where pyperf's loops would mean
        nothing, and its duration 0 (not recorded: without it pyperf would add the
        counts up as seconds in its total duration)."""
        if metric == TIME_METRIC:
            timing = {"loops": max(1, part[0].loops)}
        else:
            timing = {"duration": 0}
        return {"metadata": dict(metadata, **timing), "values": [s.value * factor for s in part]}
    runs = [run([s]) for s in kept] if one_run_per_value else [run(kept)]
    name = benchmark_name(family, case, n, metric)
    return {"metadata": {"name": name, "unit": pyperf_unit}, "runs": runs}, None


def suite(label, series, counts, meta, run_name):
    """(the pyperf JSON document of one interpreter, [(name, reason) left out]): counts
    is value_counts' {metric: k}."""
    rounds = not one_process(meta, label)
    metadata = run_metadata(meta, label)
    benchmarks, omitted = [], []
    for key, samples in series.items():
        bench, reason = benchmark(key, samples, counts[key[3]], metadata, rounds)
        if bench is None:
            omitted.append((benchmark_name(*key[:4]), reason))
        else:
            benchmarks.append(bench)
    document = {"version": FORMAT_VERSION, "benchmarks": benchmarks,
                "metadata": {"description": "idiombench run %s, Python %s"
                             % (run_name, metadata["python_version"])}}
    return document, omitted


def export(run):
    """{file name: text} of RUN/pyperf/: one <label>.json per interpreter with samples,
    and omitted.csv. ValueError for an unreadable samples.csv."""
    meta = meta_dict(os.path.join(run, "meta"))
    samples = read_samples(os.path.join(run, "samples.csv"))
    run_name = os.path.basename(os.path.normpath(os.path.realpath(run)))
    files, omitted_rows = collections.OrderedDict(), []
    counts = value_counts(samples, meta)
    for label in sorted(samples, key=label_key):
        document, omitted = suite(label, samples[label], counts, meta, run_name)
        files[label + ".json"] = json.dumps(document, sort_keys=True) + "\n"
        omitted_rows += [(label, name, reason) for name, reason in omitted]
    files["omitted.csv"] = omitted_csv(omitted_rows)
    return files


def omitted_csv(rows):
    """pyperf/omitted.csv's text: the benchmarks left out, and why."""
    lines = [",".join(schema.columns("pyperf/omitted.csv"))]
    for row in rows:
        lines.append(",".join(csv_field(value) for value in row))
    return "\n".join(lines) + "\n"


def csv_field(value):
    """value quoted as RFC 4180 wants where it must be."""
    if any(c in value for c in ',"\r\n'):
        return '"%s"' % value.replace('"', '""')
    return value
