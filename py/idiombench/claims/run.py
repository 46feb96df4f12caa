"""py/idiombench/claims/run.py: a run folder as the claims report reads it (the rules' shared
vocabulary is py/idiombench/claims/vocabulary.py).

    run = Run("results/latest")
    run.versions                      # ["2.7.18", "3.6.15", ..., "3.13.0"]
    run.figure("3.13.0", "identity", "is_none", "time_per_op")
    run.contrast("3.13.0", "identity", "is_none", "eq_none", "time_per_op")
    run.observation("3.13.0", "identity", "C09_none_from_type")

A rule decides one claim on one Python version, from the run's own data, and returns a
Decision(verdict, conditions, evidence). The engine (claims/main.py) runs every rule
on every version and writes claims.csv.

Noise. `contrast` compares two sets of samples (from samples.csv: a compare
run's rounds, or a `make bench` run's repetitions) with build/idiombench-compare, at
95%: the ratio candidate / reference, its confidence interval and the verdict
idiombench-compare gives (`faster`/`slower` for time_per_op, `lower`/`higher`
otherwise, `no difference`, `insufficient data`). A difference is beyond the noise when
the interval excludes 1 (py/idiombench/claims/vocabulary.py judges it). `counts` gives the
instructions per operation and the range of their samples. The statistics are idiombench-compare's
alone (Welch's test on the logarithms, GSL's t distribution; docs/run-folder.md): no
distribution is computed here. Requests are answered in batches (one run of the tool
answers a pair of cases on every version, size and metric at once) and cached, so that
a whole report costs a few runs of the tool.

Standard library only; Python 3.6+.
"""
import csv
import math
import os
import shutil
import subprocess
import tempfile
from collections import namedtuple

from idiombench.run import schema
from idiombench.run.errors import Stop
from idiombench.run.labels import label_key, version_tuple
from idiombench.run.meta import meta_dict
from idiombench.run.folder import checked
from idiombench.run.paths import REPO_ROOT
from idiombench.run.table import Table


Figure = namedtuple("Figure", "median stddev cv repetitions unit")
# candidate / reference. verdict as idiombench-compare gives it; reference and candidate
# are each side's median; test as idiombench-compare names it (welch-log, welch, exact,
# none); samples = (reference samples, candidate samples).
Contrast = namedtuple("Contrast", "ratio ci_low ci_high verdict reference candidate unit "
                                  "test p_value samples metric")
Contrast.__new__.__defaults__ = (None,)  # metric: None where a test builds one by hand
# value: the repr text, or None when the code raised; error: "Type: message" or None.
Observation = namedtuple("Observation", "value error")
# verdict: holds, fails, partly, inconclusive or untestable; conditions: for holds and
# fails the inconclusive and untested conditions ("" when none), where it holds and
# where not for partly, the intervals too wide for inconclusive, what is missing for
# untestable; evidence: the figures or behaviour that decided it, self-contained.
# deciding: one short figure (with its interval, for a cost) from the condition that
# decided the verdict ("" when the rule gives none: the engine then shortens the
# conditions or the evidence).
Decision = namedtuple("Decision", "verdict conditions evidence deciding")
Decision.__new__.__defaults__ = ("",)

VERDICTS = ("holds", "fails", "partly", "inconclusive", "untestable")
# Every reason Run gives for data the run did not collect (a family, case, observation
# or samples.csv left out) holds this phrase: beyond_run() recognises such verdicts.
NOT_IN_RUN = "in this run"
CONFIDENCE = 0.95

# The files read, each with whether a run folder must have it (samples.csv and
# comparison.csv: only some runs have them). Their columns: docs/run-folder.csv.
FILES = (("measurements.csv", True), ("observations.csv", True), ("unavailable.csv", True),
         ("failures.csv", True), ("samples.csv", False), ("comparison.csv", False))


def beyond_run(decided):
    """True when a claim's (verdict, conditions) pairs, one per version, are all
    untestable for want of data this run did not collect: a filtered run or a user's
    own catalogue, which the claim's verdict needs the full catalogue for."""
    decided = list(decided)
    return bool(decided) and all(verdict == "untestable" and NOT_IN_RUN in conditions
                                 for verdict, conditions in decided)


def split_claims(decisions, key=None):
    """(claims the run's data bears on, claims that need data the run did not collect:
    beyond_run), each sorted by key, from (claim, verdict, conditions) triples, one per
    claim and version. The terminal summary and REPORT.md split the claims so."""
    decided = {}
    for claim, verdict, conditions in decisions:
        decided.setdefault(claim, []).append((verdict, conditions))
    every = sorted(decided, key=key)
    elsewhere = [claim for claim in every if beyond_run(decided[claim])]
    return [claim for claim in every if claim not in elsewhere], elsewhere


def grouped(keyed):
    """[(key, [labels])] from (key, label) pairs: the labels of equal keys together,
    in the order each key first comes."""
    groups = []
    for key, label in keyed:
        for group in groups:
            if group[0] == key:
                group[1].append(label)
                break
        else:
            groups.append((key, [label]))
    return groups


def elsewhere_line(claims):
    """The one line that stands for the claims a filtered run cannot decide (the
    terminal summary's and the report's)."""
    return ("%d other claim%s (%s) need%s cases this run did not measure: run the full "
            "catalogue (make bench or make compare without FILTER) to decide %s."
            % (len(claims), "" if len(claims) == 1 else "s", ", ".join(claims),
               "s" if len(claims) == 1 else "", "it" if len(claims) == 1 else "them"))


def compare_tool():
    """The idiombench-compare binary: $IDIOMBENCH_COMPARE, else build/idiombench-compare."""
    return os.environ.get("IDIOMBENCH_COMPARE") or os.path.join(REPO_ROOT, "build",
                                                                 "idiombench-compare")


def _size(text):
    return None if text == "" else int(text)


def _number(text):
    return float(text) if text not in ("", None) else None


class Run(object):
    """One run folder, read whole at construction. Bad input (a run folder missing,
    incomplete or malformed, or idiombench-compare missing) raises Stop (exit 2)."""

    def __init__(self, folder):
        checked(folder, "make claims RUN=results/<run-id>")
        self.folder = folder
        self.meta = self._read_meta()
        tables = {}
        for name, required in FILES:
            tables[name] = self._read_csv(name, required)
        self._figures = {}
        self._sizes = {}
        self._observations = {}
        self._unavailable = {}
        self._failures = {}
        self.has_samples = tables["samples.csv"] is not None
        self._samples = {}      # (label, family, case) -> {(n, metric): [(round, value, loops)]}
        self._units = {}
        self._comparison = {}
        for name, read in (("measurements.csv", self._measurement),
                           ("observations.csv", self._observation),
                           ("unavailable.csv", self._unavailable_row),
                           ("failures.csv", self._failure),
                           ("samples.csv", self._sample),
                           ("comparison.csv", self._comparison_row)):
            for line, row in tables[name] or ():
                try:
                    read(row)
                except ValueError as error:
                    raise Stop("%s line %d: not a number (%s)"
                               % (self._path(name), line, error))
        self._families = set((key[0], key[1]) for key in self._figures)
        self._families.update((key[0], key[1]) for key in self._unavailable)
        self._families.update((key[0], key[1]) for key in self._samples)
        self._families.update((key[0], key[1]) for key in self._failures)
        self._observed_families = set((key[0], key[1]) for key in self._observations)
        self.baseline = self.meta.get("baseline") or None
        self.left_out = dict((key.split("@", 1)[1], value) for key, value in
                             self.meta.items() if key.startswith("left_out@"))
        labels = set(label for label, _, _, _, _ in self._figures)
        labels.update(label for label, _, _ in self._observations)
        labels.update(label for label, _, _, _ in self._unavailable)
        labels.update(label for label, _, _ in self._samples)
        if self.meta.get("pythons"):
            labels.update(self.meta["pythons"].split())
        elif self.meta.get("python_version"):
            labels.add(self.meta["python_version"])
        labels.difference_update(self.left_out)
        self.versions = sorted(labels, key=label_key)
        if not self.versions:
            raise Stop("%s: the run has no Python version: no measurements, "
                       "observations or meta python_version" % folder)
        if self.baseline is not None and self.baseline not in self.versions:
            self.baseline = None
        self._contrasts = {}
        self.compare_calls = 0

    # --- reading ---------------------------------------------------------------------------

    def _measurement(self, row):
        key = (row["python_version"], row["family"], row["case"], row["metric"])
        n = _size(row["n"])
        self._figures[key + (n,)] = Figure(
            float(row["median"]), float(row["stddev"] or 0), float(row["cv"] or 0),
            int(float(row["repetitions"])), row["unit"])
        if n is not None:
            self._sizes.setdefault(key, set()).add(n)

    def _observation(self, row):
        self._observations[(row["python_version"], row["family"], row["observation"])] = \
            Observation(row["value"] if not row["error"] else None, row["error"] or None)

    def _unavailable_row(self, row):
        key = (row["python_version"], row["family"], row["case"], row["metric"])
        self._unavailable[key] = row["reason"]

    def _failure(self, row):
        key = (row["python_version"], row["family"], row["case"], _size(row["n"]))
        self._failures.setdefault(key, "%s: %s" % (row["stage"], row["error"]))

    def _sample(self, row):
        n = _size(row["n"])
        if not math.isfinite(float(row["value"])):
            raise ValueError("value %r" % row["value"])
        per_case = self._samples.setdefault(
            (row["python_version"], row["family"], row["case"]), {})
        per_case.setdefault((n, row["metric"]), []).append(
            (row["round"], row["value"], row["loops"]))
        self._units[row["metric"]] = row["unit"]

    def _comparison_row(self, row):
        key = (row["python_version"], row["family"], row["case"], row["metric"],
               _size(row["n"]))
        self._comparison[key] = _contrast_of(row)

    def _path(self, name):
        return os.path.join(self.folder, name)

    def _read_meta(self):
        path = self._path("meta")
        if not os.path.isfile(path):
            raise Stop("%s has no meta file: not a run folder (give a folder that make "
                       "bench or make compare wrote)" % self.folder)
        return meta_dict(path)

    def _read_csv(self, name, required):
        """[(line number, row dict)], or None for an optional file that is absent."""
        path = self._path(name)
        if not os.path.isfile(path):
            if required:
                raise Stop("%s has no %s: not a complete run folder (re-run make bench "
                           "or make compare)" % (self.folder, name))
            return None
        try:
            with open(path, newline="", encoding="utf-8") as stream:
                table = Table(stream, name, "claims")
                if table.missing:
                    raise Stop("%s has no column %s (its header: %s)"
                                   % (path, ", ".join(table.missing),
                                      ",".join(table.header) or "empty"))
                rows = []
                for row in table:
                    if table.longer(row) or table.shorter(row):
                        raise Stop("%s line %d: %d fields, the header has %d"
                                       % (path, table.line, table.fields(row),
                                          len(table.header)))
                    rows.append((table.line, row))
                return rows
        except (UnicodeDecodeError, csv.Error) as error:
            raise Stop("%s: not a CSV file (%s)" % (path, error))

    # --- the API of the rules --------------------------------------------------------------

    def version(self, label):
        """(3, 11, 7) for "3.11.7" and "3.11.7#2"."""
        return version_tuple(label)

    def observation(self, label, family, name):
        """Observation(value, error), or None when the run did not record it."""
        return self._observations.get((label, family, name))

    def figure(self, label, family, case, metric, n=None):
        """Figure(median, stddev, cv, repetitions, unit) from measurements.csv, or None."""
        return self._figures.get((label, family, case, metric, n))

    def sizes(self, label, family, case, metric):
        """The sizes measured, sorted; [] for an unsized or absent case."""
        return sorted(self._sizes.get((label, family, case, metric), ()))

    def unavailable(self, label, family, case, metric):
        """Why this Python cannot give the metric (or the whole case: a "*" row), or None."""
        return (self._unavailable.get((label, family, case, metric))
                or self._unavailable.get((label, family, case, "*")))

    def failure(self, label, family, case, n=None):
        """"stage: error" when the case (at size n, or unsized) failed, or None."""
        return (self._failures.get((label, family, case, n))
                or (self._failures.get((label, family, case, None)) if n is not None
                    else None))

    def has_family(self, label, family):
        """True when the run measured (or recorded observations of) the family on label."""
        return (label, family) in self._families or (label, family) in self._observed_families

    def missing_observation(self, label, family, name):
        """Why an observation is absent, in a few words."""
        if not self.has_family(label, family):
            return "the %s family is not %s" % (family, NOT_IN_RUN)
        if (label, family) not in self._observed_families:
            return "no observations of %s %s (run without --no-observations)" % (
                family, NOT_IN_RUN)
        return "%s/%s not recorded %s" % (family, name, NOT_IN_RUN)

    def missing(self, label, family, case, metric, n=None):
        """Why a figure is absent, in a few words (for an untestable verdict)."""
        if not self.has_family(label, family):
            return "the %s family is not %s" % (family, NOT_IN_RUN)
        reason = self.unavailable(label, family, case, metric)
        if reason:
            return "%s/%s: %s" % (family, case, reason)
        failed = self.failure(label, family, case, n)
        if failed:
            return "%s/%s failed (%s)" % (family, case, failed)
        if self.figure(label, family, case, metric, n) is None:
            return "%s/%s %s not measured %s" % (family, case, metric, NOT_IN_RUN)
        if not self.has_samples:
            return "no samples.csv %s (its noise cannot be judged)" % NOT_IN_RUN
        samples = len(self._samples.get((label, family, case), {}).get((n, metric), ()))
        if samples < 2:
            return "%s/%s has %d sample%s of %s (2 or more are needed to judge the noise)" \
                % (family, case, samples, "" if samples == 1 else "s", metric)
        return ""

    def samples(self, label, family, case, metric, n=None):
        """The sample values (floats) of one case, size and metric; [] when absent."""
        return [float(value) for _, value, _ in
                self._samples.get((label, family, case), {}).get((n, metric), ())]

    def counts(self, label, family, case, metric, n=None):
        """(median, lowest, highest) of a count metric (instructions_per_op): the
        median from measurements.csv, the range from its samples (the median alone
        without samples); None when the run has no such figure."""
        figure = self.figure(label, family, case, metric, n)
        if figure is None:
            return None
        values = self.samples(label, family, case, metric, n) or [figure.median]
        return figure.median, min(values), max(values)

    def comparison(self, label, family, case, metric, n=None):
        """The run's own comparison.csv row of label against the baseline, as a
        Contrast, or None (not a compare run, or no such row)."""
        return self._comparison.get((label, family, case, metric, n))

    def contrast(self, label, family, reference_case, candidate_case, metric, n=None,
                 candidate_n=None):
        """Two cases on one version: candidate_case (at candidate_n, default n) against
        reference_case (at n), from their samples, at 95%. None when either has no
        sample; verdict "insufficient data" with fewer than 2 on a side."""
        cn = n if candidate_n is None else candidate_n
        key = (label, family, reference_case, n, candidate_case, cn, metric)
        if key not in self._contrasts:
            spec = (family, reference_case, candidate_case,
                    None if candidate_n is None else (n, cn))
            self.prefetch([spec])
            self._contrasts.setdefault(key, None)
        return self._contrasts[key]

    def prefetch(self, specs):
        """Answers, in one run of idiombench-compare, the contrasts of every pair of
        cases in specs on every version, size and metric: specs are (family,
        reference_case, candidate_case[, (n, candidate_n)]); without the sizes, every
        size both cases have. Later contrast() calls for them are read from the cache."""
        jobs = []
        for spec in specs:
            family, reference_case, candidate_case = spec[:3]
            sizes = spec[3] if len(spec) > 3 else None
            for label in self.versions:
                reference = self._samples.get((label, family, reference_case), {})
                candidate = self._samples.get((label, family, candidate_case), {})
                for (n, metric), ref_samples in reference.items():
                    if sizes is None:
                        cn = n
                    elif n == sizes[0]:
                        cn = sizes[1]
                    else:
                        continue
                    key = (label, family, reference_case, n, candidate_case, cn, metric)
                    if key in self._contrasts:
                        continue
                    cand_samples = candidate.get((cn, metric))
                    self._contrasts[key] = None
                    if cand_samples:
                        jobs.append((self._contrasts, key, metric, ref_samples,
                                     cand_samples))
        self._compare(jobs)

    # --- the statistics, by idiombench-compare ---------------------------------------------

    def _compare(self, jobs):
        """Runs idiombench-compare once over jobs, (cache, key, metric, reference
        samples, candidate samples), and stores each job's Contrast in its cache."""
        if not jobs:
            return
        tool = compare_tool()
        if not os.access(tool, os.X_OK):
            raise Stop("%s is missing: build it with make -f mk/compare.mk (it judges "
                       "the noise of every contrast)" % tool)
        scratch = tempfile.mkdtemp(prefix="idiombench-claims.")
        try:
            samples_path = os.path.join(scratch, "samples.csv")
            out_path = os.path.join(scratch, "comparison.csv")
            with open(samples_path, "w", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\n")
                writer.writerow(schema.columns("samples.csv"))
                for index, (_, _, metric, reference, candidate) in enumerate(jobs):
                    unit = self._units.get(metric, "")
                    for side, samples in (("reference", reference), ("candidate", candidate)):
                        for count, (_, value, loops) in enumerate(samples, 1):
                            writer.writerow([side, "j%d" % index, "c", "", metric, unit,
                                             count, value, loops or 0])
            command = [tool, "--samples", samples_path, "--baseline", "reference",
                       "--comparison", out_path, "--table", "none",
                       "--confidence", str(CONFIDENCE)]
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  universal_newlines=True)
            self.compare_calls += 1
            if done.returncode != 0 or not os.path.isfile(out_path):
                raise Stop("%s failed (exit status %d): %s"
                           % (tool, done.returncode,
                              (done.stderr.strip().splitlines() or ["no message"])[0]))
            with open(out_path, newline="") as stream:
                for row in csv.DictReader(stream):
                    if row["python_version"] != "candidate" or not row["family"].startswith("j"):
                        continue
                    cache, key = jobs[int(row["family"][1:])][:2]
                    cache[key] = _contrast_of(row)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _contrast_of(row):
    """A Contrast from a comparison.csv row (idiombench-compare's output)."""
    return Contrast(_number(row["ratio"]), _number(row["ci_low"]), _number(row["ci_high"]),
                    row["verdict"], _number(row["baseline_median"]), _number(row["median"]),
                    row["unit"], row["test"], _number(row["p_value"]),
                    (int(row["baseline_samples"] or 0), int(row["samples"] or 0)),
                    row["metric"])
