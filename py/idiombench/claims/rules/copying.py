"""py/idiombench/claims/rules/copying.py: the rules of the claims the copying family
(bench/copying.py) decides: C07, C08 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, amount, at_least,
                                          behaviour, contrast_text, decide, effect, item, judged,
                                          names, observed, part, shown, size_list)


TITLES = {
    "C07": "a[:] and .copy() are shallow",
    "C08": "deepcopy: deep, and costly",
}


# "Much higher" (C08's implied cost): the 95% interval of the ratio lies at or above this.
MUCH = 2.0


SHALLOW = [
    # (observation, what it tests, code, essential)
    ("C07_slice", "a[:]", "a[:]", True),
    ("C07_copy_method", "list.copy()", "a.copy()", True),
    ("C07_dict_copy", "dict.copy()", "d.copy()", True),
    ("C07_list_call", "list(a)", "list(a)", False),
    ("C07_copy_copy", "copy.copy(a)", "copy.copy(a)", False),
]


def decide_c07(run, label):
    """`a[:]` and `.copy()` make a new outer container, but nested objects are still
    shared (shallow copy).

    Criterion (behaviour): for a[:], list.copy(), dict.copy() (and list(a),
    copy.copy(a)), (copy is a, copy[0] is a[0]) is (False, True): a new outer
    container sharing its items; a change to the inner list through the copy shows
    through the original. A copy that raises (the method does not exist on this Python)
    does not hold. Beside it, in cost: a shallow copy of n one-item lists asks for no
    more bytes than a copy of n ints (copying/nested_* against flat_*, exact counts):
    nothing nested is copied."""
    parts = []
    for name, what, code, essential in SHALLOW:
        found = run.observation(label, "copying", name)
        if found is not None and found.error:
            parts.append(part(what, False, "%s raised %s" % (code, found.error), essential))
            continue
        parts.append(behaviour(run, label, "copying", name, what,
                               lambda v: item(v, 0) is False and item(v, 1) is True,
                               "(%s is a, inner is shared)" % code, essential))
    parts.append(behaviour(run, label, "copying", "C07_slice_inner_change_visible",
                           "a change to a nested list shows through the copy",
                           lambda v: v == [[1, 2]],
                           "a = [[1]]; b = a[:]; b[0].append(2); a"))
    run.prefetch([("copying", "flat_" + case, "nested_" + case)
                  for case in ("slice", "copy_method")])
    for case, what in (("slice", "a[:]"), ("copy_method", "a.copy()")):
        parts.append(shallow_bytes_part(run, label, case, what))
    return decide(parts)


def shallow_bytes_part(run, label, case, what):
    """nested_<case> asks for no more bytes than flat_<case> at every common size."""
    name = "%s copies nothing nested (bytes)" % what
    sizes = [n for n in run.sizes(label, "copying", "nested_" + case, "bytes_per_op")
             if run.figure(label, "copying", "flat_" + case, "bytes_per_op", n) is not None]
    if not sizes:
        return part(name, None, "bytes: " + (
            run.missing(label, "copying", "nested_" + case, "bytes_per_op")
            or run.missing(label, "copying", "flat_" + case, "bytes_per_op")
            or "no common size"), essential=False)
    more, unsettled, compared = [], [], []
    for n in sizes:
        contrast = run.contrast(label, "copying", "flat_" + case, "nested_" + case,
                                "bytes_per_op", n)
        if not judged(contrast):
            continue
        compared.append(n)
        found = effect(contrast)
        if found == "higher":
            more.append(n)
        elif found is None:
            unsettled.append((n, contrast))
    if not compared:
        return part(name, None, "bytes: too few samples", essential=False)
    flat = [run.figure(label, "copying", "flat_" + case, "bytes_per_op", n).median
            for n in compared]
    nested = [run.figure(label, "copying", "nested_" + case, "bytes_per_op", n).median
              for n in compared]
    text = "%s bytes per copy, n one-item lists vs n ints at %s: %s vs %s" % (
        what, size_list(compared), "/".join(amount(v) for v in nested),
        "/".join(amount(v) for v in flat))
    if more:
        text += " (more beyond the noise at %s)" % names("n=%d" % n for n in more)
        return part(name, False, text, essential=False)
    if unsettled:
        return part(name, INCONCLUSIVE, text, False, "; ".join(
            "n=%d %s" % (n, contrast_text(c)) for n, c in unsettled))
    return part(name, True, text + " (no more)", essential=False)


DEEP_SHAPES = [
    # (shape, its deep copy, the shallow copy it is compared with, the shallow one's name)
    ("nested", "nested_deepcopy", "nested_slice", "a[:]"),
    ("dict", "dict_deepcopy", "dict_copy_method", "d.copy()"),
    ("flat", "flat_deepcopy", "flat_slice", "a[:]"),
]


def decide_c08(run, label):
    """`copy.deepcopy` copies nested objects too. (Implied: at a much higher cost in time
    and memory.)

    Criterion: behaviour: (copy is a, copy[0] is a[0]) is (False, False) and a change to
    the copy's nested list leaves the original alone. Cost: for each shape (a list of n
    one-item lists, a dict of n lists, a list of n ints) and size, deepcopy against the
    shallow copy (a[:], d.copy()) in time and in bytes requested: "much higher" where the
    95% interval of the ratio lies at or above 2 (MUCH). Holds when both hold everywhere
    measured; partly when the behaviour holds and the cost only somewhere (where);
    fails when the behaviour does not. Memory is untested where allocations are not
    counted (the rest still decides)."""
    parts = [
        behaviour(run, label, "copying", "C08_deepcopy", "copies the nested list",
                  lambda v: item(v, 0) is False and item(v, 1) is False,
                  "a = [[1]]; b = copy.deepcopy(a); (a is b, a[0] is b[0])"),
        behaviour(run, label, "copying", "C08_deepcopy_inner_change_hidden",
                  "a change to the copy's nested list leaves the original alone",
                  lambda v: v == [[1]], "b[0].append(2); a"),
    ]
    shares, why = observed(run, label, "copying", "C08_deepcopy_shares_immutables")
    note = "" if why else "; immutable items are %s: (a[0] is b[0], tuple shared) for " \
        "[10 ** 20, (1, 2)] -> %s" % ("shared, not copied" if shares == (True, True) else
                                      "copied", shown(run, label, "copying",
                                                      "C08_deepcopy_shares_immutables"))
    run.prefetch([("copying", shallow, deep) for _, deep, shallow, _ in DEEP_SHAPES])
    cost_texts, untested = [], []
    for metric, what in (("time_per_op", "time"), ("bytes_per_op", "bytes requested")):
        texts = []
        for shape, deep, shallow, _ in DEEP_SHAPES:
            shape_parts, text, why = much_dearer_parts(run, label, metric, what, shape,
                                                       deep, shallow)
            parts += shape_parts
            if text:
                texts.append(text)
            if why:
                untested.append(why)
        if texts:
            cost_texts.append("%s, deepcopy / shallow copy: %s" % (what, "; ".join(texts)))
    evidence = "; ".join(p.evidence for p in parts if p.evidence) + note
    if cost_texts:
        evidence += "; " + "; ".join(cost_texts)
    if untested:
        evidence += "; cost untested: %s%s" % (untested[0], " (and %d more)" % (
            len(untested) - 1) if len(untested) > 1 else "")
    return decide(parts, evidence=evidence)


def much_dearer_parts(run, label, metric, what, shape, deep, shallow):
    """(conditions, text, why untested) of "deepcopy costs at least MUCH times the
    shallow copy" for one shape and metric, at every size: time from instructions per
    operation where the run has them (exact counts), else from the time's interval."""
    counted = ("instructions_per_op",) if metric == "time_per_op" else ()
    sizes = sorted(set(n for each in (metric,) + counted
                       for n in run.sizes(label, "copying", deep, each)
                       if run.figure(label, "copying", shallow, each, n) is not None))
    by_outcome = {SUPPORTED: [], CONTRADICTED: [], INCONCLUSIVE: []}
    ratios = []
    for n in sizes:
        counted = instruction_ratio(run, label, shallow, deep, n) \
            if metric == "time_per_op" else None
        contrast = run.contrast(label, "copying", shallow, deep, metric, n)
        if counted is not None:
            found, words = counted
        elif judged(contrast) and contrast.ratio is not None:
            found, words = at_least(contrast, MUCH), _times(contrast)
        else:
            continue
        ratios.append((n, words))
        key = {"higher": SUPPORTED, "lower": CONTRADICTED}.get(found, INCONCLUSIVE)
        by_outcome[key].append((n, words))
    if not ratios:
        return [], "", "%s of %s: %s" % (what, deep, run.missing(
            label, "copying", deep, metric) or run.missing(
            label, "copying", shallow, metric) or "too few samples")
    text = "%s %s (%d of %d sizes >= %gx)" % (
        shape, " .. ".join("%s at n=%d" % (words, n) for n, words in
                           (ratios if len(ratios) < 3 else [ratios[0], ratios[-1]])),
        len(by_outcome[SUPPORTED]), len(ratios), MUCH)
    parts = []
    for found, entries in sorted(by_outcome.items()):
        if not entries:
            continue
        where = "(%s)" % shape if len(entries) == len(ratios) else "%s at %s" % (
            shape, names("n=%d" % n for n, _ in entries))
        interval = "; ".join("n=%d %s" % (n, w) for n, w in entries) \
            if found == INCONCLUSIVE else ""
        parts.append(part("much higher %s, %s" % (what, where) if "(" not in where else
                          "much higher %s %s" % (what, where), found, "", False, interval))
    return parts, text, ""


def instruction_ratio(run, label, shallow, deep, n):
    """("higher"/"lower", "60.4x instructions") of deep against shallow at n, decided
    on the whole range of their samples against MUCH; None without instruction counts
    or with a range that straddles MUCH."""
    low = run.counts(label, "copying", shallow, "instructions_per_op", n)
    high = run.counts(label, "copying", deep, "instructions_per_op", n)
    if low is None or high is None or low[1] <= 0:
        return None
    least, most = high[1] / low[2], high[2] / low[1]
    found = "higher" if least >= MUCH else ("lower" if most < MUCH else None)
    if found is None:
        return None
    return found, "%sx instructions" % _short(high[0] / low[0])


def _times(contrast):
    """"141x [78.3, 255]", or "60.4x" for exact counts (no interval to give)."""
    low, high = contrast.ci_low, contrast.ci_high
    if contrast.test == "exact" or low is None or _short(low) == _short(high):
        return "%sx" % _short(contrast.ratio)
    return "%sx [%s, %s]" % (_short(contrast.ratio), _short(low), _short(high))


def _short(value):
    return "%.0f" % value if value >= 100 else "%.3g" % value


RULES = {
    "C07": decide_c07,
    "C08": decide_c08,
}
