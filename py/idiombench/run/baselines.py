"""py/idiombench/run/baselines.py: each interpreter's baseline, for the report, plots and claims.

A run of one host has one baseline (meta `baseline`). A run that make merge folded from
several hosts has one per host (meta `baselines`; comparison.csv's `baseline` column gives
each row's): a label's ratios are to its own host's baseline, never to another host's.
Baselines answers which labels are baselines, the baseline of a label, and how the report
and the charts name them: a run with one baseline keeps its plain name ("3.6.15").
Standard library only; Python 3.6+.
"""
from idiombench.run.labels import host, label_key

# How a run of several hosts names a version's baseline, in the report and the charts.
OWN_BASELINE = "the baseline of its host"


class Baselines(object):
    """The baselines of a run: main, meta's `baseline` (the one baseline of a run of one
    host); in a run of several hosts also meta's `baselines` and comparison.csv's."""

    def __init__(self, main, listed=(), pairs=()):
        """main: the run's baseline (or None); listed: meta's `baselines` labels; pairs:
        (label, its baseline) of every comparison.csv row."""
        self.main = main
        self.of_label = dict((label, base) for label, base in pairs if base)
        found = set(listed) | set(self.of_label.values())
        found.discard("")
        self.several = len(found) > 1
        self.labels = sorted(found, key=label_key) if self.several else (
            [main] if main else [])

    def is_baseline(self, label):
        """True for the baseline of the run or, in a run of several hosts, of a host."""
        return label in self.labels

    def of(self, label):
        """The baseline label's ratios are to: the run's, or its host's."""
        if not self.several:
            return self.main
        if self.is_baseline(label):
            return label
        if label in self.of_label:
            return self.of_label[label]
        mine = [base for base in self.labels if host(base) == host(label)]
        return mine[0] if len(mine) == 1 else self.main

    def named(self, fallback):
        """The baseline in a sentence: "3.6.15" (fallback without one), or "the baseline
        of its host (3.6.15@ci-arm, 3.6.15@vm)" in a run of several hosts."""
        if self.several:
            return "%s (%s)" % (OWN_BASELINE, ", ".join(self.labels))
        return self.main or fallback

    def short(self, fallback):
        """named() without the list of a run of several hosts (an axis's text)."""
        return OWN_BASELINE if self.several else (self.main or fallback)
