"""bin/claims: the claims report of a run: for each claim of the article
(docs/CLAIMS.md: C01-C22) and each Python version of the run, a verdict and the evidence that
decided it, from the run's own data.

    bin/claims [RUN]              # RUN: a run folder, default results/latest

Writes RUN/claims.csv (claim,python_version,verdict,conditions,evidence,deciding: the
last one short figure with its interval from the condition that decided; written to a
temporary name and renamed) and prints a claims x versions matrix, a legend, and one
line per claim that is partly right, wrong, inconclusive or untestable on some version
(or holds with conditions left inconclusive), with its conditions.

Each condition of a claim comes out supported, contradicted (the opposite effect beyond
the noise, or an equivalence within the practical margin where the claim states an
effect) or inconclusive (the interval too wide: never evidence against a claim).
Verdicts: holds (some condition supported, none contradicted; inconclusive ones named);
fails (contradicted, none supported); partly (some supported, some contradicted: named);
inconclusive (nothing supported or contradicted: the intervals named); untestable (the
run lacks what it needs: named). Cost in time is decided from instructions per
operation where the run has them (a difference counts only when it is at least 2% and
at least 5 instructions: PRACTICAL in py/idiombench/claims/vocabulary.py), else from the time's
95% confidence interval (build/idiombench-compare); the evidence gives both. The rules
are in py/idiombench/claims/rules/, one module per family of the catalogue (identity.py:
C01-C03, C09, C10 ...), in the vocabulary of py/idiombench/claims/vocabulary.py;
py/idiombench/claims/run.py reads the run.

Exit status: 0 written; 1 written, but a rule broke on some version (its row says so,
stderr names it) or a rule module cannot be imported (its claims are left out); 2 bad input (no such folder, a file or column missing, a tool
missing): one line on stderr starting "idiombench: ", nothing written; 4 claims.csv
could not be written (one line; an existing one is left as it was).
Standard library only; Python 3.6+.
"""
import csv
import io
import os
import sys
import traceback

from idiombench.run import schema
from idiombench.run.baselines import Baselines
from idiombench.run.atomic_text import write_atomically
from idiombench.claims.rules import load_rules
from idiombench.claims.run import (REPO_ROOT, VERDICTS, Decision, Run, elsewhere_line, grouped,
                                   split_claims)
from idiombench.run.errors import (EXIT_CASES_FAILED, EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED,
                                   Stop, warn)
from idiombench.claims.vocabulary import THRESHOLD_TEXT, shortened

HEADER = schema.columns("claims.csv")
MARKS = {"holds": "+", "partly": "~", "fails": "x", "inconclusive": "-", "untestable": "?"}
LEGEND = ("+ holds   ~ partly (conditions below)   x fails   - inconclusive (the intervals "
          "too wide, below)   ? untestable (what is missing, below)")


def check(decision):
    """The decision if it is well formed, else a ValueError saying what is wrong."""
    if not isinstance(decision, tuple) or len(decision) not in (3, 4):
        raise ValueError("returned %r, not a Decision" % (decision,))
    decision = Decision(*decision)
    if not decision.deciding:
        decision = decision._replace(deciding=fallback_deciding(decision))
    if decision.verdict not in VERDICTS:
        raise ValueError("verdict %r is not one of %s" % (decision.verdict, ", ".join(VERDICTS)))
    if decision.verdict in ("partly", "inconclusive", "untestable") and not decision.conditions:
        raise ValueError("a %s verdict without conditions" % decision.verdict)
    if not decision.evidence and decision.verdict != "untestable":
        raise ValueError("a %s verdict without evidence" % decision.verdict)
    return decision


def fallback_deciding(decision):
    """The deciding figure of a rule that gives none: what is missing for untestable,
    else the evidence, shortened."""
    if decision.verdict == "untestable":
        return shortened(decision.conditions or decision.evidence)
    return shortened(decision.evidence or decision.conditions)


def evaluate(run, rules):
    """[(claim, label, Decision)] in claim and version order, and the rule errors."""
    results, errors = [], []
    for claim in sorted(rules):
        for label in run.versions:
            try:
                decision = check(rules[claim](run, label))
            except Stop:
                raise
            except Exception as error:  # a broken rule: say so, and go on
                where = traceback.extract_tb(sys.exc_info()[2])[-1]
                message = "%s: %s (%s line %d)" % (type(error).__name__, error,
                                                  os.path.basename(where.filename), where.lineno)
                errors.append("rule %s broke on %s: %s" % (claim, label, message))
                decision = Decision("untestable", "the rule broke: " + message, "",
                                    shortened("the rule broke: " + message))
            results.append((claim, label, decision))
    return results, errors


def write_claims(folder, results):
    """RUN/claims.csv, through a temporary file renamed over it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for claim, label, decision in results:
        writer.writerow([claim, label, decision.verdict, decision.conditions, decision.evidence,
                         decision.deciding])
    path = os.path.join(folder, "claims.csv")
    try:
        write_atomically(path, buffer.getvalue())
    except OSError as error:
        raise Stop("cannot write %s: %s; make the run folder writable, or copy it somewhere "
                   "writable and run make claims RUN=<copy>" % (path, error.strerror or error),
                   EXIT_WRITE_FAILED)
    return path


def baseline_words(run):
    """"; baseline 3.6.15", "; baselines 3.6.15@arm, 3.6.15@vm (one per host)" in a run
    make merge folded from several hosts, or "" without one."""
    baselines = Baselines(run.baseline, run.meta.get("baselines", "").split())
    if baselines.several:
        return "; baselines %s (one per host)" % ", ".join(baselines.labels)
    return "; baseline %s" % run.baseline if run.baseline else ""


def summary(run, results, titles, notes):
    """The terminal's report: the matrix, the legend, then the claims that do not simply
    hold (or hold with inconclusive or untested conditions), with their conditions (versions with the same verdict and conditions on one
    line)."""
    by = dict(((claim, label), decision) for claim, label, decision in results)
    claims, elsewhere = split_claims((claim, decision.verdict, decision.conditions)
                                     for claim, _, decision in results)
    title_width = min(30, max([len(titles.get(c, "")) for c in claims] + [0]))
    lines = []
    head = "%-4s %-*s" % ("", title_width, "")
    widths = [max(len(label), 1) for label in run.versions]
    lines.append(head + " " + " ".join(label.rjust(w) for label, w in
                                       zip(run.versions, widths)))
    for claim in claims:
        title = titles.get(claim, "")
        if len(title) > title_width:
            title = title[:title_width - 1] + "~"
        marks = [MARKS[by[(claim, label)].verdict].rjust(w)
                 for label, w in zip(run.versions, widths)]
        lines.append("%-4s %-*s %s" % (claim, title_width, title, " ".join(marks)))
    lines.append("")
    lines.append(LEGEND)
    details = []
    for claim in claims:
        groups = grouped(((by[(claim, label)].verdict, by[(claim, label)].conditions), label)
                         for label in run.versions
                         if by[(claim, label)].verdict != "holds" or
                         by[(claim, label)].conditions)
        for (verdict, conditions), labels in groups:
            where = "all" if len(labels) == len(run.versions) and len(labels) > 1 else \
                ", ".join(labels)
            if not conditions:
                evidence = by[(claim, labels[0])].evidence
                conditions = evidence if len(evidence) <= 200 else evidence[:197] + "..."
            details.append("%s %s on %s: %s" % (claim, verdict, where, conditions))
    if details:
        lines.append("")
        lines.extend(details)
    if elsewhere:
        lines.append("")
        lines.append(elsewhere_line(elsewhere))
    for note in notes:
        lines.append("note: " + note)
    return "\n".join(lines)


def main(argv):
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        if argv and argv[0] in ("-h", "--help"):
            print(__doc__.strip())
            return EXIT_OK
        warn("usage: bin/claims [RUN] (a run folder, default results/latest)")
        return EXIT_USAGE
    folder = argv[0] if argv else os.path.join(REPO_ROOT, "results", "latest")
    try:
        rules, titles, notes, errors = load_rules()
        run = Run(folder)
        results, rule_errors = evaluate(run, rules)
        errors += rule_errors
        path = write_claims(folder, results)
    except Stop as error:
        warn(str(error))
        return error.status
    shown = os.path.realpath(folder)
    versions = ", ".join(run.versions)
    print("claims of %s (%s%s)" % (shown, versions, baseline_words(run)))
    print("threshold: %s" % THRESHOLD_TEXT)
    print("")
    print(summary(run, results, titles, notes))
    print("")
    print("written: %s (the evidence of every verdict)" % path)
    for error in errors:
        warn(error)
    return EXIT_CASES_FAILED if errors else EXIT_OK
