"""py/idiombench/report/claims.py: the article's claims in REPORT.md (bin/report).

matrix_section(run) is the report's first screen: each claim the run's data bears on,
with its text (docs/CLAIMS.md), its verdict on each version and one deciding figure
(claims.csv's `deciding`, or its evidence shortened in a claims.csv written before it),
then one line for the claims that need cases the run did not measure (a filtered run,
a user's own catalogue). evidence_section(run) gives every verdict's full evidence, at
the end of the report. Standard library only; Python 3.6+.
"""
import re

from idiombench.claims.run import VERDICTS, elsewhere_line, grouped, split_claims
from idiombench.claims.vocabulary import THRESHOLD_TEXT, shortened
from idiombench.report.format import table, text
from idiombench.report.run import CLAIM_DECIDING, in_version_order

EVIDENCE_HEADING = "## Evidence of the claims"
EVIDENCE_ANCHOR = "#evidence-of-the-claims"


def claim_key(claim):
    match = re.match(r"^([A-Za-z]*)(\d+)", claim)
    if match:
        return (0, match.group(1), int(match.group(2)), claim)
    return (1, "", 0, claim)


class Claims(object):
    """claims.csv keyed: the claims in order, split into those the run bears on and
    those it cannot decide, and the versions they were judged on."""

    def __init__(self, run):
        rows = run.claims or []
        self.by = dict(((r["claim"], r["python_version"]), r) for r in rows)
        self.versions = in_version_order(set(run.versions) |
                                         set(r["python_version"] for r in rows))
        self.shown, self.elsewhere = split_claims(
            ((r["claim"], r["verdict"], r["conditions"]) for r in rows), key=claim_key)

    def deciding_version(self):
        """The version whose deciding figures the matrix quotes: the newest judged."""
        return self.versions[-1] if self.versions else None


def deciding(row):
    """A claims.csv row's deciding figure: its own column, else its evidence shortened."""
    if row is None:
        return ""
    figure = (row.get(CLAIM_DECIDING) or "").strip()
    return figure or shortened(row["evidence"].strip() or row["conditions"].strip())


def verdict_cell(row):
    if row is None:
        return "—"
    return "**fails**" if row["verdict"] == "fails" else text(row["verdict"])


def not_run_lines():
    return ["The claims report has not been run for this run (no claims.csv): "
            "`make claims RUN=...` writes it, and `make report` then shows each claim's "
            "verdict per version here."]


def matrix_section(run):
    """The claims matrix: claim, its text, a verdict per version, a deciding figure."""
    lines = ["## The article's claims", ""]
    if run.claims is None:
        return lines + not_run_lines()
    if not run.claims:
        return lines + ["claims.csv has no rows: no claim was decided."]
    claims = Claims(run)
    newest = claims.deciding_version()
    lines.append("Each claim (docs/CLAIMS.md) judged on each version from this run's data: "
                 "holds, partly (only under the conditions named in the evidence), **fails**, "
                 "inconclusive (the noise hides the answer) or untestable. The last column "
                 "is the figure that decided the verdict on %s, the newest version; "
                 "[every verdict's evidence](%s) is at the end." % (text(newest),
                                                                    EVIDENCE_ANCHOR))
    lines.append("")
    body = []
    for claim in claims.shown:
        cells = [text(claim), text(run.claim_texts.get(claim, ""), code_spans=True)]
        cells += [verdict_cell(claims.by.get((claim, v))) for v in claims.versions]
        cells.append(text(deciding(claims.by.get((claim, newest))), code_spans=True))
        body.append(cells)
    lines.extend(table(["", "claim"] + [text(v) for v in claims.versions] +
                       ["deciding figure on %s" % text(newest)], body,
                       "ll" + "c" * len(claims.versions) + "l"))
    if claims.elsewhere:
        lines.extend(["", text(elsewhere_line(claims.elsewhere))])
    lines.extend(["", "Cost is decided from instructions per operation where the run counts "
                      "them, else from time: %s." % text(THRESHOLD_TEXT)])
    return lines


def evidence_section(run):
    """Every claim's verdicts with their conditions and full evidence (versions with
    the same verdict, conditions and evidence on one line)."""
    lines = [EVIDENCE_HEADING, ""]
    if not run.claims:
        return lines + (not_run_lines() if run.claims is None else
                        ["claims.csv has no rows: no claim was decided."])
    claims = Claims(run)
    counts = ["%s %d" % (text(v), sum(r["verdict"] == v for r in run.claims))
              for v in VERDICTS + tuple(sorted(set(r["verdict"] for r in run.claims) -
                                               set(VERDICTS)))
              if any(r["verdict"] == v for r in run.claims)]
    lines.extend(["Verdicts over every claim and version: %s." % ", ".join(counts), ""])
    for claim in claims.shown + claims.elsewhere:
        lines.append("**%s** %s" % (text(claim), text(run.claim_texts.get(claim, ""),
                                                       code_spans=True)))
        lines.append("")
        lines.extend(evidence_lines(claims, claim))
        lines.append("")
    while lines[-1] == "":
        lines.pop()
    return lines


def evidence_lines(claims, claim):
    rows = [(claims.by[(claim, v)], v) for v in claims.versions if (claim, v) in claims.by]
    groups = grouped(((row["verdict"], row["conditions"].strip(), row["evidence"].strip()),
                      version) for row, version in rows)
    lines = []
    for (verdict, conditions, evidence), versions in groups:
        line = "- %s: %s" % (text(", ".join(versions)), text(verdict))
        if conditions:
            line += " (%s)" % text(conditions, code_spans=True)
        if evidence:
            line += ". " + text(evidence, code_spans=True)
        lines.append(line)
    return lines
