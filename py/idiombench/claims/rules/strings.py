"""py/idiombench/claims/rules/strings.py: the rules of the claims the strings family
(bench/strings.py) decides: C20, C21 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.rules.shared import programs_text
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, common_sizes,
                                          contrast_text, decide, effect, figure_text,
                                          largest_common_size, missing, outcome, part, shortened,
                                          speed, speed_text)


TITLES = {
    "C20": "+= wastes; join is better",
    "C21": "format/f-strings beat +",
}


# Each += variant of the strings family against the join that does the same job.
C20_PAIRS = (
    ("+= on a local", "iadd", "join_append"),
    ("s = s + p on a local", "plus", "join_append"),
    ("+= at module level", "iadd_module", "join_append"),
    ("+= with a second reference", "iadd_aliased", "join_append"),
    ("the article's loop in a function", "hello_loop", "hello_join_map_plus"),
    ("the article's loop at module level", "hello_loop_module", "hello_join_map_plus"),
)


def size_text(n):
    return "" if n is None or n == "" else " n=%s" % n


def _c20_found(run, label, metric, plus_case, join_case, n):
    """(effect of += against join, its words, its interval) at n: time from
    instructions where counted, else the time's interval; bytes from their contrast.
    None when it cannot be judged."""
    if metric == "time_per_op":
        found = speed(run, label, "strings", join_case, plus_case, n)
        if found is None:
            return None
        return (found.effect, speed_text(join_case, plus_case, found),
                contrast_text(found.time) if found.effect is None else "")
    c = run.contrast(label, "strings", join_case, plus_case, metric, n=n)
    if c is None or c.verdict == "insufficient data":
        return None
    return effect(c), contrast_text(c), contrast_text(c) if effect(c) is None else ""


def _c20_sizes(run, label, metric, plus_case, join_case):
    """The sizes both cases have for metric; for time, also those where only
    instructions per operation were counted (a `make instructions` run)."""
    metrics = (metric, "instructions_per_op") if metric == "time_per_op" else (metric,)
    sizes = set()
    for each in metrics:
        sizes.update(common_sizes(run, label, "strings", (plus_case, join_case), each))
    return sorted(sizes, key=lambda n: -1 if n is None else n)


def _c20_aspect(run, label, metric, word):
    """The conditions of one aspect (time or bytes) over every += variant and size:
    one per outcome, naming the variants and sizes; and the words at the largest size
    of each variant. (parts, notes, why untested)."""
    by_outcome = {SUPPORTED: [], CONTRADICTED: [], INCONCLUSIVE: []}
    notes, reason = [], None
    for title, plus_case, join_case in C20_PAIRS:
        sizes = _c20_sizes(run, label, metric, plus_case, join_case)
        judged_sizes, last = [], None
        for n in sizes:
            found = _c20_found(run, label, metric, plus_case, join_case, n)
            if found is None:
                continue
            judged_sizes.append(n)
            last = (n, found[1])
            by_outcome[outcome(found[0], "higher")].append((plus_case, n, found[2]))
        if last is None:
            reason = reason or missing(run, label, "strings", plus_case, metric,
                                       sizes[-1] if sizes else None)
            continue
        notes.append("%s (%s / %s)%s %s" % (title, plus_case, join_case, size_text(last[0]),
                                             last[1]))
    # Named as the claim states it, whatever the outcome: the verdict's wording says
    # "not: " before a contradicted condition and "inconclusive: " before the others.
    parts = [part("%s: join better for %s" % (word, _where(entries)), found, "", True,
                  _first_intervals([interval for _, _, interval in entries if interval]))
             for found, entries in sorted(by_outcome.items()) if entries]
    return parts, notes, reason


def _first_intervals(intervals, shown=2):
    """The first intervals, and how many more: "A; B; and 3 more"."""
    text = "; ".join(intervals[:shown])
    if len(intervals) > shown:
        text += "; and %d more" % (len(intervals) - shown)
    return text


def _where(entries):
    """"iadd (n=10,100), plus (n=1000)" from (case, n, ...) entries."""
    cases = []
    for case, n, _ in entries:
        if not cases or cases[-1][0] != case:
            cases.append((case, []))
        cases[-1][1].append(n)
    return ", ".join("%s (n=%s)" % (case, ",".join(str(n) for n in ns)) for case, ns in cases)


def decide_c20(run, label):
    """C20: building a string with +/+= in a loop wastes memory and time; ''.join(map(...))
    is better.

    Criterion: each += variant of the strings family is contrasted with the join that
    builds the same string, at every size both have: iadd (+= on a local), plus
    (s = s + p), iadd_module (+= on a global), iadd_aliased (+= while a second
    reference lives) against join_append (collect, then join); the article's loop
    hello_loop and hello_loop_module against hello_join_map_plus (its ''.join(map(...))
    with the same concat_hello). Time (instructions per operation where the run counts
    them, else time_per_op with its 95% interval) and memory (bytes_per_op: the bytes
    requested from the allocator per build, a realloc counted at its new size) are two
    aspects. Join is better where the += variant costs more beyond the noise (and the
    practical threshold); where it costs less or the same that contradicts; where the
    interval straddles 1, inconclusive. Every variant and size supported in both
    aspects -> holds; none -> fails; otherwise partly, naming the variants and sizes.
    An aspect the run cannot measure (memory on 2.7) is left out and named.
    """
    parts, notes, firsts = [], [], []
    for metric, word in (("time_per_op", "time"), ("bytes_per_op", "bytes requested")):
        aspect_parts, aspect_notes, reason = _c20_aspect(run, label, metric, word)
        if not aspect_parts:
            parts.append(part(word, None, "%s: %s" % (word, reason), essential=False))
            continue
        parts += aspect_parts
        firsts += ["%s: %s" % (word, note) for note in aspect_notes[:1]]
        notes.append("%s, += against join at the largest size: %s" % (
            word.capitalize(), "; ".join(aspect_notes)))
    evidence = ". ".join(notes) + "." if notes else "No += / join contrast could be judged"
    evidence += programs_text(run, label, ("concat_module", "concat_join"))
    decision = decide(parts, evidence=evidence)
    if decision.verdict in ("holds", "fails") and firsts:
        # One variant at its largest size stands for the rest.
        decision = decision._replace(deciding=shortened(firsts[0]))
    return decision


def decide_c21(run, label):
    """C21: str.format / f-strings are better than + for putting strings together.

    Criterion: one short string from three parts (strings/fmt_*): fmt_format and
    fmt_fstring each against fmt_plus, in time (instructions per operation where the
    run counts them, else time_per_op with its 95% interval) and in memory
    (bytes_per_op, the bytes requested: the article gives this as a memory tip). One is
    better (supported) where it costs less than + in at least one of the two and more
    in neither; it is not (contradicted) where it costs more in either, or the same in
    both; otherwise inconclusive (the interval too wide). Both better -> holds; neither
    -> fails; one -> partly (naming which). What the interpreter lacks is left out and
    named: an idiom (f-strings before 3.6: its `*` row in unavailable.csv), or the bytes
    (2.7: then time alone decides). The article's own pair (hello_join_map, with
    format, against hello_join_map_plus, with +) is given for context.
    """
    parts = [_c21_idiom(run, label, title, case)
             for title, case in (("str.format", "fmt_format"), ("f-string", "fmt_fstring"))]
    notes = [p.evidence for p in parts if p.evidence and p.outcome is not None]
    base = run.figure(label, "strings", "fmt_plus", "time_per_op")
    if base is not None:
        notes.insert(0, "\"Hello\" + s + \"\\n\" %s" % figure_text(base))
    n = largest_common_size(run, label, "strings", ("hello_join_map", "hello_join_map_plus"),
                            "time_per_op")
    ctx = run.contrast(label, "strings", "hello_join_map_plus", "hello_join_map",
                       "time_per_op", n=n) if n else None
    evidence = "; ".join(notes) + "."
    if ctx is not None:
        evidence += (" The article's join(map(...)) with format / with +, n=%s: %s."
                     % (n, contrast_text(ctx)))
    return decide(parts, evidence=evidence)


def _c21_idiom(run, label, title, case):
    """C21's condition for one idiom against +: gathered in time and bytes, decided,
    worded."""
    found = {}
    words = []
    timed = speed(run, label, "strings", case, "fmt_plus")
    if timed is not None:
        found["time"] = {"higher": "lower", "lower": "higher"}.get(timed.effect, timed.effect)
        words.append(speed_text(title, "+", timed))
    c = run.contrast(label, "strings", "fmt_plus", case, "bytes_per_op")
    if c is not None and c.verdict != "insufficient data":
        found["bytes"] = effect(c)
        words.append("bytes %s / + %s" % (title, contrast_text(c)))
    if not found:
        lacking = run.unavailable(label, "strings", case, "*")
        why = lacking or missing(run, label, "strings", case, "time_per_op")
        return part(title, None, "%s (%s)" % (title, why), essential=not lacking)
    if len(found) < 2:
        lacking = "bytes_per_op" if "time" in found else "time_per_op"
        words.append("(%s)" % missing(run, label, "strings", case, lacking))
    effects = list(found.values())
    if "higher" in effects or all(e == "same" for e in effects):
        verdict = CONTRADICTED
    elif "lower" in effects:
        verdict = SUPPORTED
    else:
        verdict = INCONCLUSIVE
    interval = _first_intervals([w for w in words if "within the noise" in w]) \
        if verdict == INCONCLUSIVE else ""
    return part(title, verdict, "; ".join(words), True, interval)


RULES = {
    "C20": decide_c20,
    "C21": decide_c21,
}
