"""py/idiombench/report/stats.py: the statistics REPORT.md quotes, from a run's samples.csv.

One statistic for each kind of figure, the same as the charts draw:
- an absolute figure is the median of its samples with its interquartile range
  (py/idiombench/run/stats.py's median_iqr, as the charts draw it);
- a ratio is comparison.csv's (build/idiombench-compare): of the two geometric means
  (Welch's test on the logarithms, test welch-log), or of the two arithmetic means where a
  sample is <= 0 (test welch). mean_of() gives the mean a ratio was made of, so that the
  report prints both beside it and a reader can check it.
A difference is highlighted only when it is beyond the noise (the ratio's 95% interval
excludes 1) and beyond the practical threshold (PRACTICAL of py/idiombench/claims/vocabulary.py).
Standard library only; Python 3.6+.
"""
import math
import os

from idiombench.claims.vocabulary import PRACTICAL
from idiombench.run.table import Table

INSTRUCTIONS = "instructions_per_op"
BEYOND_NOISE = ("faster", "slower", "lower", "higher")


def read_samples(folder):
    """{(python_version, family, case, n, metric): [values]} of folder/samples.csv, or
    None when the run has none (or it cannot be read as numbers)."""
    path = os.path.join(folder, "samples.csv")
    if not os.path.isfile(path):
        return None
    found = {}
    with open(path, newline="", encoding="utf-8", errors="replace") as stream:
        table = Table(stream, "samples.csv", "report")
        if not table.header or table.missing:
            return None
        for row in table:
            try:
                value = float(row["value"])
            except (TypeError, ValueError):
                continue
            if math.isfinite(value):
                key = (row["python_version"], row["family"], row["case"], row["n"],
                       row["metric"])
                found.setdefault(key, []).append(value)
    return found


def geometric_mean(values):
    """exp(mean(log v)); None unless every value is > 0."""
    if not values or any(v <= 0 for v in values):
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def mean_of(values, test):
    """The mean a comparison's ratio is made of: geometric for welch-log (and exact
    counts, all positive), arithmetic for welch; None without values."""
    if not values:
        return None
    if test == "welch":
        return sum(values) / len(values)
    gm = geometric_mean(values)
    return gm if gm is not None else sum(values) / len(values)


def practical(comp):
    """True when a comparison.csv row differs beyond the practical threshold: its ratio
    off 1 by at least PRACTICAL.share (both ways on a log scale), and, for instruction
    counts, by at least PRACTICAL.instructions per operation."""
    ratio = comp.get("ratio")
    if ratio is None or ratio <= 0:
        return False
    if 1 / (1 + PRACTICAL.share) < ratio < 1 + PRACTICAL.share:
        return False
    if comp["metric"] == INSTRUCTIONS:
        base, median = comp.get("baseline_median"), comp.get("median")
        if base is None or median is None:
            return False
        return abs(median - base) >= PRACTICAL.instructions
    return True


def highlighted(comp):
    """A difference worth bold: beyond the noise (verdict from the 95% interval) and
    beyond the practical threshold."""
    return comp is not None and comp["verdict"] in BEYOND_NOISE and practical(comp)


def threshold_text():
    """The highlighting rule, in words, for the report."""
    return ("**bold** marks a difference beyond the noise (the 95%% interval of its ratio "
            "excludes 1) and beyond the practical threshold: a ratio off 1 by at least "
            "%g%% (and, for instructions, at least %d per operation)"
            % (PRACTICAL.share * 100, PRACTICAL.instructions))
