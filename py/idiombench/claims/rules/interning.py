"""py/idiombench/claims/rules/interning.py: the rules of the claims the interning family
(bench/interning.py) decides: C11, C12, C13 (docs/CLAIMS.md). C12 is the one rule that
reads a version: to tell whether an interpreter is of the article's era.

Standard library only; Python 3.6+.
"""
from idiombench.claims.run import Decision
from idiombench.claims.rules.shared import FAILS, HOLDS, PARTLY, UNTESTABLE, loops_note
from idiombench.claims.vocabulary import (INCONCLUSIVE, amount, behaviour, contrast_text, decide,
                                          effect, figure_text, largest_common_size, missing,
                                          observed, outcome, part, raised, shortened, shown)


TITLES = {
    "C11": "equal literals are interned",
    "C12": "in 2015 interning was off",
    "C13": "interning saves memory",
}


# The article's era (the talk was given in 2015): Python 2.7, or 3.4 and older.
ERA_BEFORE = (3, 5)


def decide_c11(run, label):
    """String interning is on by default: two equal literals such as "zedd" are the same
    object.

    Criterion (behaviour): interning (not merely equal constants of one code object
    being one object) shows as equal literals compiled separately being one object.
    Tested: identifier-like literals ("zedd") compiled separately (the heart of the
    claim: if they are distinct, interning is not on); literals that are not
    identifier-like ("zedd zedd") compiled separately; and a string built at run time
    against the literal. Holds when all are the same object, partly when only some are
    (which), fails when even "zedd" compiled twice gives two objects. The article's own
    example (two literals in one code object) is reported beside it."""
    parts = [
        behaviour(run, label, "interning", "C11_literal_separate_compiles",
                  "identifier-like literals (\"zedd\")", lambda v: v is True,
                  "eval(\"'zedd'\") is eval(\"'zedd'\")"),
        behaviour(run, label, "interning", "C11_nonidentifier_separate_compiles",
                  "other literals (\"zedd zedd\")", lambda v: v is True,
                  "eval(\"'zedd zedd'\") is eval(\"'zedd zedd'\")", essential=False),
        behaviour(run, label, "interning", "C11_runtime_built", "strings built at run time",
                  lambda v: v is True, "''.join(['ze', 'dd']) is 'zedd'", essential=False),
    ]
    same_code, why = observed(run, label, "interning", "C11_literal_same_code")
    decision = decide(parts)
    if why is None:
        decision = decision._replace(evidence=decision.evidence + (
            "; the article's example, a = 'zedd'; b = 'zedd'; a is b -> %s" % shown(
                run, label, "interning", "C11_literal_same_code")))
    if decision.verdict in ("partly", "fails"):
        decision = decision._replace(conditions=decision.conditions.replace(
            "holds: ", "interned: ", 1).replace("not: ", "not interned: ", 1))
    return decision


def is_2015_era(version):
    """Whether an interpreter (a version tuple) is of the article's era: 2.7, or 3.4 and
    older (the talk was given in 2015; 3.5 came out in its autumn)."""
    return tuple(version[:2]) < ERA_BEFORE


def c12_on_era(run, era_label):
    """C12 decided on one interpreter of the article's era: (verdict, conditions,
    evidence)."""
    literal, why = observed(run, era_label, "interning", "C11_literal_separate_compiles")
    if why or not isinstance(literal, bool):
        return (UNTESTABLE, "interning/C11_literal_separate_compiles not recorded on %s"
                % era_label, "")
    evidence = ("two equal literals 'zedd', compiled separately, are one object: %s"
                % shown(run, era_label, "interning", "C11_literal_separate_compiles"))
    if run.observation(era_label, "interning", "C11_runtime_built") is not None:
        evidence += "; a string equal to 'zedd' built at run time is the literal: %s" % shown(
            run, era_label, "interning", "C11_runtime_built")
    if run.observation(era_label, "interning", "C12_sys_intern_runtime") is not None:
        evidence += "; sys.intern of it gives the literal: %s" % shown(
            run, era_label, "interning", "C12_sys_intern_runtime")
        error = raised(run, era_label, "interning", "C12_sys_intern_runtime")
        if error and error.startswith("AttributeError"):
            evidence += " (there the function is the builtin intern())"
    if literal:
        evidence += (" - interning of identifier-like literals was on by default; only "
                     "strings built at run time need an explicit intern, as today")
        return FAILS, "", evidence
    evidence += " - equal literals were not interned by default"
    return HOLDS, "", evidence


def decide_c12(run, label):
    """C12: in 2015 (the talk's Python) interning was off by default, and sys.intern was
    needed.

    Criterion: on an interpreter of that era (2.7, or 3.4 and older), two equal
    identifier-like literals compiled separately (observation C11_literal_separate_
    compiles, the article's `a = "zedd"; b = "zedd"; a is b`) are distinct objects:
    holds if they are (`False`), fails if they are the same object (`True`: interning
    was on by default). The run-time string and sys.intern observations are given as
    evidence (run-time strings need an explicit intern on every version; on 2.7 the
    function is the builtin intern(), so sys.intern raises AttributeError there).

    Convention for the other interpreters: the claim is about 2015, not about them. On a
    row of a later interpreter in a run that has one of the era, the verdict is the
    era interpreter's, with its evidence, said to be decided there (several era
    interpreters that disagree give `partly`, naming each). In a run without one it is
    `untestable`, naming the interpreters that would decide it, with what this one
    shows for context.
    """
    era = [v for v in run.versions if is_2015_era(run.version(v))]
    if label in era:
        verdict, conditions, evidence = c12_on_era(run, label)
        return Decision(verdict, conditions, "On %s (of the article's era): %s." % (label, evidence))
    own = run.observation(label, "interning", "C11_literal_separate_compiles")
    own_text = ("" if own is None else
                " (On %s, of a later era, two equal literals compiled separately are one "
                "object: %s.)" % (label, shown(run, label, "interning",
                                               "C11_literal_separate_compiles")))
    if not era:
        return Decision(UNTESTABLE,
                        "needs an interpreter of the article's era (2015: Python 2.7, or 3.4 "
                        "and older) in the run; this run has none",
                        "The claim is about the Python of 2015, not about %s.%s"
                        % (label, own_text))
    decided = [(v,) + c12_on_era(run, v) for v in era]
    verdicts = set(d[1] for d in decided)
    evidence = "Decided on the run's interpreter%s of the article's era (2015), not on %s: %s.%s" % (
        "s" if len(era) > 1 else "", label,
        " ".join("On %s: %s" % (v, e or c) for v, _, c, e in decided), own_text)
    if len(verdicts) == 1:
        verdict = decided[0][1]
        return Decision(verdict, decided[0][2], evidence)
    conditions = "; ".join("%s on %s" % (d[1], d[0]) for d in decided)
    return Decision(PARTLY, conditions, evidence)


def decide_c13(run, label):
    """C13: interning saves memory: equal strings are stored once.

    Criterion: interning/hold_interned (100 000 equal strings built at run time and kept
    through sys.intern) retains fewer bytes than hold_duplicates (the same strings kept
    as they are): retained_bytes, candidate hold_interned / reference hold_duplicates,
    `lower` beyond the noise -> holds; `higher`, or equal within the practical margin
    -> fails; an interval that straddles 1 but is wider than the margin ->
    inconclusive. Without retained_bytes (2.7: no tracemalloc) -> untestable. The bytes
    each variant requests per string (keep_interned vs keep_duplicate, bytes_per_op)
    are given as evidence: interning dedupes a string that was already built, so it
    requests no less.
    """
    n = largest_common_size(run, label, "interning", ("hold_duplicates", "hold_interned"),
                            "retained_bytes")
    c = run.contrast(label, "interning", "hold_duplicates", "hold_interned", "retained_bytes",
                     n=n)
    dup = run.figure(label, "interning", "hold_duplicates", "retained_bytes", n)
    kept = run.figure(label, "interning", "hold_interned", "retained_bytes", n)
    if c is None or c.verdict == "insufficient data":
        evidence = missing(run, label, "interning", "hold_interned", "retained_bytes", n)
        if c is not None:
            evidence = "too few samples of interning/hold_* retained_bytes (%s)" % \
                contrast_text(c)
    else:
        evidence = ("Bytes retained by a run of %s x %s equal strings built at run time: "
                    "kept as they are %s, through sys.intern %s; interned / duplicates %s"
                    % (loops_note(n), n, figure_text(dup), figure_text(kept),
                       contrast_text(c)))
    req_dup = run.figure(label, "interning", "keep_duplicate", "bytes_per_op")
    req_int = run.figure(label, "interning", "keep_interned", "bytes_per_op")
    notes = ""
    if req_dup is not None and req_int is not None:
        notes = ("; bytes requested per string: %s as is, %s interned (the temporary is "
                 "built either way)" % (figure_text(req_dup), figure_text(req_int)))
    decision = decide([contrast_part("interned strings retain fewer bytes", c, "lower",
                                     evidence)])
    if c is not None and c.verdict != "insufficient data":
        decision = decision._replace(deciding=shortened(
            "retained: %s interned, %s as they are: %s" % (
                amount(kept.median if kept else None, "bytes"),
                amount(dup.median if dup else None, "bytes"), contrast_text(c))))
    return decision._replace(evidence=decision.evidence + notes + ".")


def contrast_part(name, contrast, claimed, evidence, essential=True):
    """A condition decided by one contrast (candidate / reference) that claims
    `claimed` ("lower", "higher", "not higher"...); untested without the contrast."""
    if contrast is None or contrast.verdict == "insufficient data":
        return part(name, None, evidence, essential)
    found = outcome(effect(contrast), claimed)
    return part(name, found, evidence, essential,
                contrast_text(contrast) if found == INCONCLUSIVE else "")


RULES = {
    "C11": decide_c11,
    "C12": decide_c12,
    "C13": decide_c13,
}
