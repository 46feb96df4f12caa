"""tests/claims/synthetic.py: writes a small run folder from a few Python literals, for
the tests of the claims report (py/idiombench/claims/).

    from synthetic import SyntheticRun
    run = SyntheticRun(["3.6.15", "3.13.0"])          # a compare run (baseline: the first)
    run.time("3.13.0", "identity", "is_none", 3.0)      # 5 samples around 3.0 ns, cv 2%
    run.time("3.13.0", "identity", "eq_none", 6.0)
    run.count("3.13.0", "mutability", "concat", allocs=2, bytes=816, n=100)
    run.instructions("3.13.0", "identity", "is_none", [65, 65])   # callgrind's 2 samples
    run.observe("3.13.0", "identity", "C01_alias_same_id", True)   # stored as repr(True)
    run.observe_error("2.7.18", "copying", "C07_copy_method",
                      "AttributeError: 'list' object has no attribute 'copy'")
    run.unavailable("2.7.18", "mutability", "concat", "allocs_per_op",
                    "no allocator API in Python 2.7.18")
    folder = run.write(directory)                       # returns the folder

What it writes, consistent with itself as a real run is: samples.csv (every sample:
`round` is the round of a compare run, the repetition of a bench run), measurements.csv
computed from those samples (median, mean, sample stddev, cv, min, max, repetitions,
loops), observations.csv, unavailable.csv, failures.csv, complexity.csv (header
only) and meta (`run: compare`, `pythons`, `baseline` for more than one version, or
`python_version` for one). `samples=False` leaves samples.csv out, as a `make bench` run
made before samples.csv existed.

One version gives a `make bench` run; several give a `make compare` run (labels as
make compare writes them: "3.11.7" and "3.11.7#2" for one version twice).

Standard library only; Python 3.6+.
"""
import csv
import os
import statistics

UNITS = {
    "time_per_op": "ns", "allocs_per_op": "allocs", "bytes_per_op": "bytes",
    "retained_bytes": "bytes", "peak_bytes": "bytes", "rss_delta_bytes": "bytes",
    "fds_delta": "fds", "resource_warnings": "warnings",
    "gc_collections_gen0": "collections", "gc_collections_gen1": "collections",
    "gc_collections_gen2": "collections", "gc_collected": "objects",
    "instructions_per_op": "instructions",
}

METRIC_ORDER = ["time_per_op", "allocs_per_op", "bytes_per_op", "retained_bytes",
                "peak_bytes", "rss_delta_bytes", "fds_delta", "resource_warnings",
                "gc_collections_gen0", "gc_collections_gen1", "gc_collections_gen2",
                "gc_collected", "instructions_per_op"]

# Deviations in units of the spread: symmetric around 0, so that the median of the first
# k is the centre exactly (k odd) and the sample standard deviation is close to cv.
PATTERN = [0.0, -1.0, 1.0, -0.5, 0.5, -1.5, 1.5, -0.25, 0.25, -1.25, 1.25]


def spread(median, cv=0.02, k=5):
    """k deterministic samples whose median is `median` (k odd) and whose coefficient
    of variation is about cv."""
    if k > len(PATTERN):
        raise ValueError("at most %d samples" % len(PATTERN))
    return [median * (1 + cv * z) for z in PATTERN[:k]]


def version_order(label):
    parts = label.split("#", 1)
    return (tuple(int(p) for p in parts[0].split(".")), int(parts[1]) if len(parts) > 1 else 1)


class SyntheticRun(object):
    def __init__(self, versions, baseline=None, samples=True, meta=None):
        self.versions = list(versions)
        self.baseline = baseline if baseline is not None else (
            self.versions[0] if len(self.versions) > 1 else None)
        self.with_samples = samples
        self.extra_meta = dict(meta or {})
        self.series = {}        # (label, family, case, n, metric) -> ([values], loops)
        self.observations = []  # (label, family, name, value text, error)
        self.unavailable_rows = []
        self.failure_rows = []

    # --- declaring ---------------------------------------------------------------------

    def measure(self, label, family, case, metric, values, n=None, loops=1000):
        """One case, size and metric: its samples (a list of numbers)."""
        self.series[(label, family, case, n, metric)] = (list(values), loops)
        return self

    def time(self, label, family, case, median, n=None, cv=0.02, k=5):
        """time_per_op: k samples around median ns (see spread)."""
        return self.measure(label, family, case, "time_per_op", spread(median, cv, k), n)

    def count(self, label, family, case, allocs=None, bytes=None, n=None, k=3):
        """allocs_per_op and bytes_per_op: k identical samples (exact counts)."""
        if allocs is not None:
            self.measure(label, family, case, "allocs_per_op", [allocs] * k, n)
        if bytes is not None:
            self.measure(label, family, case, "bytes_per_op", [bytes] * k, n)
        return self

    def instructions(self, label, family, case, counts, n=None):
        """instructions_per_op: one sample per count given (callgrind gives 2, equal)."""
        return self.measure(label, family, case, "instructions_per_op", counts, n, loops=1000)

    def observe(self, label, family, name, value):
        """An observation whose result is value (a Python object: repr is written) or,
        given as Repr("..."), that exact text."""
        text = value.text if isinstance(value, Repr) else repr(value)
        self.observations.append((label, family, name, text, ""))
        return self

    def observe_error(self, label, family, name, error):
        """An observation whose code raised: error is "Type: message"."""
        self.observations.append((label, family, name, "", error))
        return self

    def unavailable(self, label, family, case, metric, reason):
        self.unavailable_rows.append((label, family, case, metric, reason))
        return self

    def fail(self, label, family, case, stage, error, n=None, traceback=""):
        self.failure_rows.append((label, family, case, "" if n is None else n, stage, error,
                                  traceback))
        return self

    # --- writing -----------------------------------------------------------------------

    def write(self, folder):
        """Writes the run folder (created if needed) and returns its path."""
        os.makedirs(folder, exist_ok=True)
        compare = len(self.versions) > 1
        with open(os.path.join(folder, "meta"), "w") as stream:
            if compare:
                stream.write("run: compare\npythons: %s\nbaseline: %s\nrounds: %d\n"
                             "mode: quick\nfilter: \n"
                             % (" ".join(self.versions), self.baseline, self.rounds()))
            else:
                stream.write("python_version: %s\n" % self.versions[0])
            stream.write("host: synthetic\n")
            for key, value in self.extra_meta.items():
                stream.write("%s: %s\n" % (key, value))
        order = dict((label, version_order(label)) for label in self.versions)
        keys = sorted(self.series, key=lambda k: (
            order.get(k[0], version_order(k[0])), k[1], k[2],
            -1 if k[3] is None else k[3], METRIC_ORDER.index(k[4])
            if k[4] in METRIC_ORDER else 99))
        rows = []
        samples = []
        for key in keys:
            label, family, case, n, metric = key
            values, loops = self.series[key]
            mean = statistics.mean(values)
            stddev = statistics.stdev(values) if len(values) > 1 else 0.0
            rows.append([label, family, case, "" if n is None else n, metric,
                         UNITS.get(metric, "units"), _g(statistics.median(values)), _g(mean),
                         _g(stddev), _g(stddev / mean if mean else 0.0), _g(min(values)),
                         _g(max(values)), len(values), loops])
            for index, value in enumerate(values, 1):
                samples.append([label, family, case, "" if n is None else n, metric,
                                UNITS.get(metric, "units"), index, _g(value), loops])
        _write_csv(folder, "measurements.csv",
                   "python_version,family,case,n,metric,unit,median,mean,stddev,cv,min,max,"
                   "repetitions,loops", rows)
        if self.with_samples:
            _write_csv(folder, "samples.csv",
                       "python_version,family,case,n,metric,unit,round,value,loops", samples)
        _write_csv(folder, "observations.csv", "python_version,family,observation,value,error",
                   self.observations)
        _write_csv(folder, "unavailable.csv", "python_version,family,case,metric,reason",
                   self.unavailable_rows)
        _write_csv(folder, "failures.csv",
                   "python_version,family,case,n,stage,error,traceback", self.failure_rows)
        _write_csv(folder, "complexity.csv",
                   "python_version,family,case,metric,unit,sizes,best_fit,coefficient,rms_o1,"
                   "rms_on,rms_onlogn,rms_on2", [])
        return folder

    def rounds(self):
        return max([len(values) for values, _ in self.series.values()] or [1])


class Repr(object):
    """An observation's value given as its exact repr text: Repr("<object at 0x1>")."""

    def __init__(self, text):
        self.text = text


def _g(value):
    return "%.9g" % value


def _write_csv(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", newline="") as stream:
        stream.write(header + "\n")
        writer = csv.writer(stream, lineterminator="\n")
        for row in rows:
            writer.writerow(row)
