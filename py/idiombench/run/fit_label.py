"""py/idiombench/run/fit_label.py: what a complexity fit of complexity.csv decides, in one rule that
the charts (bin/plots) and the report (bin/report) share.

The harness fits cost = c x f(n) for O(1), O(n), O(n log n) and O(n^2) by least squares
on relative residuals and records each curve's rms error (rms_o1 .. rms_on2). The curve
with the least error is complexity.csv's best_fit, but over the few sizes a case is
measured at, O(n) and O(n log n) often fit almost equally well, and noise then picks
one. A fit *decides* only when the best curve's error is at least DECISIVE_RATIO times
smaller than every other curve's; otherwise it names the curves it cannot tell apart.

Standard library only; Python 3.6+.
"""
from collections import namedtuple

# (label as complexity.csv writes it, the column of its rms error), in order of growth.
CURVES = (("O(1)", "rms_o1"), ("O(n)", "rms_on"), ("O(n log n)", "rms_onlogn"),
          ("O(n^2)", "rms_on2"))

# The best curve decides when every other curve's rms error is at least this many times
# its own.
DECISIVE_RATIO = 2.0

# best: the curve of least error; decided: whether it decides; margin: the next curve's
# error over the best's (inf when the best fits exactly); candidates: the curves within
# DECISIVE_RATIO of the best, in order of growth (the best alone when decided).
Fit = namedtuple("Fit", "best decided margin candidates")


def _error(row, column):
    try:
        value = float(row.get(column, ""))
    except (TypeError, ValueError):
        return None
    return value if value >= 0.0 else None


def read_fit(row):
    """The Fit of one complexity.csv row (a dict), or None when the row lacks the rms
    columns (a run older than them) or any of them is not a number."""
    errors = [(label, _error(row, column)) for label, column in CURVES]
    if any(error is None for _, error in errors):
        return None
    ranked = sorted(errors, key=lambda entry: entry[1])
    best, best_error = ranked[0]
    next_error = ranked[1][1]
    margin = float("inf") if best_error == 0.0 else next_error / best_error
    decided = margin >= DECISIVE_RATIO
    candidates = [label for label, error in errors
                  if error <= best_error * DECISIVE_RATIO] if not decided else [best]
    return Fit(best, decided, margin, candidates)


def fit_label(fit):
    """Short text for a chart key or a table cell: "O(n)" when the fit decides,
    "O(n) or O(n log n)?" when it cannot tell those apart."""
    if fit.decided:
        return fit.best
    return " or ".join(fit.candidates) + "?"


def fit_text(fit):
    """One clause saying what the fit decides and how decisively."""
    if fit.decided:
        if fit.margin == float("inf"):
            return "%s (fits exactly)" % fit.best
        return "%s (its error is %.1fx smaller than the next curve's)" % (fit.best,
                                                                        fit.margin)
    return ("undecided between %s (errors within %gx of each other)"
            % (" and ".join(fit.candidates), DECISIVE_RATIO))
