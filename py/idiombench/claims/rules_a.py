"""py/idiombench/claims/rules_a.py: the rules of claims C01-C11 (docs/CLAIMS.md).

Each rule states a criterion and lets the run's data decide: behaviour from
observations.csv (the catalogue's OBSERVATIONS named C01_..., C11_...), cost from the
cases that bench/*.py measures: instructions per operation where the run has them,
time with its 95% interval, exact allocation counts (py/idiombench/claims/vocabulary.py: a
condition is supported, contradicted or inconclusive). Each rule reads gather ->
decide -> word. No rule names a version: what differs between versions comes from
their data alone.

    decide_cNN(run, label) -> Decision(verdict, conditions, evidence)

Standard library only; Python 3.6+.
"""
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, amount, at_least,
                                          behaviour, contrast_text, decide, effect, item, judged,
                                          names, observed, part, shown, size_list, speed_part)

# "Much higher" (C08's implied cost): the 95% interval of the ratio lies at or above this.
MUCH = 2.0

TITLES = {
    "C01": "a variable holds a reference",
    "C02": "is is faster than ==",
    "C03": "== overridable, is is not",
    "C04": "append keeps id, + allocates",
    "C05": "int += makes a new object",
    "C06": "b = a aliases a list",
    "C07": "a[:] and .copy() are shallow",
    "C08": "deepcopy: deep, and costly",
    "C09": "None, True... are singletons",
    "C10": "for singletons is beats ==",
    "C11": "equal literals are interned",
}

# identity's operands (bench/identity.py), as the evidence names them.
OPERANDS = [
    ("none", "None"),
    ("true", "True"),
    ("small_int", "small int"),
    ("large_int", "large int, same object"),
    ("large_int_equal", "equal large ints"),
    ("same_str", "same str"),
    ("equal_str", "equal strs"),
    ("eq_instance", "__eq__ instances"),
    ("same_tuple", "same tuple"),
    ("equal_tuple", "equal tuples"),
]


# --- gathering -------------------------------------------------------------------------

def exact_counts(run, label, family, case, metric, sizes=None):
    """{n: median} of a count metric over the case's sizes (or [None] when unsized);
    None when the metric is absent (the reason from run.missing)."""
    if sizes is None:
        sizes = run.sizes(label, family, case, metric) or [None]
    found = {}
    for n in sizes:
        figure = run.figure(label, family, case, metric, n)
        if figure is not None:
            found[n] = figure.median
    return found or None


def faster_parts(run, label, pairs, essential=False):
    """One condition per (title, reference case, candidate case, reference name,
    candidate name): the reference (`is`) is faster than the candidate (`==`)."""
    run.prefetch([("identity", reference, candidate) for _, reference, candidate, _, _ in pairs])
    return [speed_part(run, label, "identity", reference, candidate, title, reference_name,
                       candidate_name, essential)
            for title, reference, candidate, reference_name, candidate_name in pairs]


def operand_pairs(kinds, operator, other):
    """faster_parts' pairs for identity's operand kinds: `is` against `==` (or `is not`
    against `!=`)."""
    prefix = {"is": "is_", "is not": "is_not_"}[operator]
    against = {"==": "eq_", "!=": "ne_"}[other]
    return [(title, prefix + kind, against + kind, "%s: `%s`" % (title, operator),
             "`%s`" % other) for kind, title in kinds]


def tally_text(parts, what):
    """"supported for 8, contradicted for 1, inconclusive for 1 of 10 kinds"."""
    tested = [p for p in parts if p.outcome is not None]
    counts = [(len([p for p in tested if p.outcome == outcome]), outcome)
              for outcome in (SUPPORTED, CONTRADICTED, INCONCLUSIVE)]
    return "%s %s of %d kinds" % (what, ", ".join("%s for %d" % (outcome, count)
                                                for count, outcome in counts if count),
                                  len(tested))


# --- the rules ----------------------------------------------------------------------------

def decide_c01(run, label):
    """A variable holds a reference (an address, shown by id()), not the value itself.

    Criterion: a second name bound to an object gives the same id (the name holds the
    object's address, not a copy of the value); an object's id stays the same while it
    lives; and binding a second name to a list of n items asks the allocator for nothing
    (copying/*_alias: 0 bytes at every n), i.e. no value is copied."""
    parts = [
        behaviour(run, label, "identity", "C01_alias_same_id", "a second name gives the same id",
                  lambda v: v is True, "a = [1]; b = a; id(a) == id(b)"),
        behaviour(run, label, "identity", "C01_id_stable",
                  "an object keeps its id while it lives", lambda v: item(v, 1) is True,
                  "(type(id(a)).__name__, id unchanged after a.append)"),
    ]
    parts.append(alias_bytes_part(run, label, "binding a name copies nothing", essential=False))
    return decide(parts)


def alias_bytes_part(run, label, name, essential):
    """b = a on lists and dicts of n items: 0 bytes requested at every size."""
    found = {}
    why = None
    for case in ("flat_alias", "nested_alias", "dict_alias"):
        counts = exact_counts(run, label, "copying", case, "bytes_per_op")
        if counts is None:
            why = why or run.missing(label, "copying", case, "bytes_per_op")
            continue
        found[case] = counts
    if not found:
        return part(name, None, why or "copying/*_alias not measured", essential)
    worst = max(max(counts.values()) for counts in found.values())
    sizes = sorted(set(n for counts in found.values() for n in counts if n is not None))
    text = "b = a on a list or dict of %s items: %s per op at most (%s)" % (
        size_list(sizes).replace("n=", ""), amount(worst, "bytes"), names(sorted(found)))
    return part(name, worst == 0, text, essential)


def decide_c02(run, label):
    """`is` compares addresses in one step, `==` loads the values and compares them in
    two; so `is` is slightly faster than `==`.

    Criterion: for each operand kind of the identity family (None, True, a small int, a
    large int compared with itself and with an equal one, a str likewise, instances
    with __eq__, a tuple likewise), `x is y` is faster than `x == y`: fewer
    instructions per operation beyond the practical threshold where the run counts
    them, else a time ratio time(==) / time(is) whose 95% interval lies above 1. A kind
    where `==` is as fast (equal instructions, an equivalent time) or faster
    contradicts; one whose interval straddles 1 is inconclusive. Holds when supported
    for some kind and contradicted for none, partly names the kinds, fails when
    contradicted for every kind that is not inconclusive. `is not` against `!=` is
    reported beside it."""
    parts = faster_parts(run, label, operand_pairs(OPERANDS, "is", "=="))
    decision = decide(parts, prefix="`x is y` against `x == y`")
    negated = [p for p in faster_parts(run, label, operand_pairs(OPERANDS[:8], "is not", "!="))
               if p.outcome is not None]
    evidence = decision.evidence
    if [p for p in parts if p.outcome is not None]:
        evidence += " (%s)" % tally_text(parts, "is faster:")
    if negated:
        evidence += "; beside it, %s" % tally_text(negated, "`is not` faster than `!=`:")
    conditions = decision.conditions.replace("holds: ", "is faster for: ", 1).replace(
        "not: ", "not for: " if decision.verdict == "partly" else "is not faster for: ", 1)
    return decision._replace(conditions=conditions, evidence=evidence)


def decide_c03(run, label):
    """`==` can be customised through `__eq__`; `is` cannot be overridden.

    Criterion (behaviour): with an __eq__ that always answers True, `x == object()` is
    True while `x is object()` is False; with one that always answers False, `x == x` is
    False while `x is x` is True. `==` follows __eq__ in both, `is` in neither. The time
    of `==` through a Python __eq__ against `is` is given beside it."""
    always_true, why_true = observed(run, label, "identity", "C03_eq_overridden_is_not")
    never, why_never = observed(run, label, "identity", "C03_eq_false_is_true")
    quoted = "Any (__eq__ -> True): (x == object(), x is object()) -> %s; " \
             "Never (__eq__ -> False): (x == x, x is x) -> %s" % (
                 shown(run, label, "identity", "C03_eq_overridden_is_not"),
                 shown(run, label, "identity", "C03_eq_false_is_true"))
    if why_true or why_never:
        parts = [part("== follows __eq__", None, why_true or why_never),
                 part("is ignores __eq__", None, why_true or why_never)]
    else:
        parts = [
            part("== follows __eq__", item(always_true, 0) is True and item(never, 0) is False),
            part("is ignores __eq__", item(always_true, 1) is False and item(never, 1) is True),
        ]
    decision = decide(parts, evidence=quoted if not (why_true or why_never) else None)
    price = speed_part(run, label, "identity", "is_eq_instance", "eq_eq_instance", "price",
                       "`is`", "`==` through __eq__")
    if price.outcome is not None and decision.verdict != "untestable":
        decision = decision._replace(evidence=decision.evidence + "; its price: " +
                                     price.evidence)
    return decision


def decide_c04(run, label):
    """Appending to a list keeps its `id`; `lst + other` allocates a new list.

    Criterion: `lst.append(x)` (and `lst += [x]`) leave id(lst) unchanged; `lst + [x]` is
    a different object; and, where allocations are counted, `b = lst + [x]` asks the
    allocator for at least one block per operation at every size n (a new list),
    more than append's amortised growth beyond the noise (exact counts)."""
    parts = [
        behaviour(run, label, "mutability", "C04_append_keeps_id", "append keeps the id",
                  lambda v: v is True, "id before == id after lst.append(2)"),
        behaviour(run, label, "mutability", "C04_iadd_keeps_id", "lst += [x] keeps the id",
                  lambda v: v is True, "id before == id after lst += [2]", essential=False),
        behaviour(run, label, "mutability", "C04_concat_new_object",
                  "lst + other is a new object", lambda v: item(v, 0) is False,
                  "(lst + [2] is lst, lst, lst + [2])"),
    ]
    return decide(parts + concat_allocates_parts(run, label))


def concat_allocates_parts(run, label):
    """`b = lst + [x]` allocates at every size: at least 1 allocation per operation and
    more than append's, by exact counts. One condition per outcome, naming its sizes;
    the counts per size in the first one's evidence."""
    sizes = run.sizes(label, "mutability", "concat", "allocs_per_op")
    append = run.figure(label, "mutability", "append", "allocs_per_op")
    if not sizes or append is None:
        why = (run.missing(label, "mutability", "concat", "allocs_per_op")
               or run.missing(label, "mutability", "append", "allocs_per_op"))
        return [part("lst + other allocates", None, "allocations: " + why, essential=False)]
    run.prefetch([("mutability", "append", "concat", (None, n)) for n in sizes])
    by_outcome = {SUPPORTED: [], CONTRADICTED: [], INCONCLUSIVE: []}
    for n in sizes:
        contrast = run.contrast(label, "mutability", "append", "concat", "allocs_per_op",
                                None, n)
        concat = run.figure(label, "mutability", "concat", "allocs_per_op", n)
        found = effect(contrast)
        if found is None:
            by_outcome[INCONCLUSIVE].append((n, contrast))
        else:
            by_outcome[SUPPORTED if found == "higher" and concat.median >= 1
                       else CONTRADICTED].append((n, contrast))
    shown_sizes = sorted(n for found in by_outcome.values() for n, _ in found)
    per_size = ", ".join("n=%d %s %s" % (n, amount(run.figure(
        label, "mutability", "concat", "allocs_per_op", n).median, "allocs"), amount(getattr(
            run.figure(label, "mutability", "concat", "bytes_per_op", n), "median", None),
            "bytes")) for n in shown_sizes)
    append_bytes = run.figure(label, "mutability", "append", "bytes_per_op")
    text = "b = lst + [x] per op: %s; append: %s, %s (amortised growth; exact counts)" % (
        per_size, amount(append.median, "allocs"),
        amount(getattr(append_bytes, "median", None), "bytes"))
    parts = []
    for found, entries in sorted(by_outcome.items()):
        if not entries:
            continue
        where = "" if len(entries) == len(sizes) else " at %s" % names(
            "n=%d" % n for n, _ in entries)
        interval = "; ".join("n=%d %s" % (n, contrast_text(c)) for n, c in entries) \
            if found == INCONCLUSIVE else ""
        parts.append(part("lst + other allocates" + where, found, "", False, interval))
    if parts:
        parts[0] = parts[0]._replace(evidence=text)
    return parts


def decide_c05(run, label):
    """`int += 10` produces a new object at a new address (immutables are never changed
    in place).

    Criterion (behaviour): after `i += 10` id(i) differs (300 -> 310 and 5 -> 15); the
    result is a new object unless it is an object that already existed: `i is
    int('310')` False says new; `i is int('15')` True says the result is the small-int
    cache's object, not a new one. The allocations per `i += 10` are given beside it
    (mutability/int_iadd_small, int_iadd_medium, int_iadd_large: 1 per operation for a
    new int, 0 for a cached one)."""
    parts = [
        behaviour(run, label, "mutability", "C05_int_iadd_300", "the address changes (300 + 10)",
                  lambda v: v is False, "i = 300; id before == id after i += 10"),
        behaviour(run, label, "mutability", "C05_int_iadd_5", "the address changes (5 + 10)",
                  lambda v: v is False, "i = 5; id before == id after i += 10"),
    ]
    large_cached, why_large = observed(run, label, "mutability", "C05_large_result_not_cached")
    small_cached, why_small = observed(run, label, "mutability", "C05_small_result_cached")
    allocs = {}
    for case in ("int_iadd_small", "int_iadd_medium", "int_iadd_large"):
        figure = run.figure(label, "mutability", case, "allocs_per_op")
        if figure is not None:
            allocs[case] = figure.median
    counts = "allocations per i += 10: " + ", ".join(
        "%s %s" % (case, amount(allocs[case], "allocs")) for case in
        ("int_iadd_small", "int_iadd_medium", "int_iadd_large") if case in allocs)
    if not allocs:
        counts = "allocations: " + run.missing(label, "mutability", "int_iadd_small",
                                               "allocs_per_op")
    # New unless it is the very object that int() of the same value gives: the
    # allocation counts are shown beside it (a count of 1 per operation confirms a new
    # object; 0 could also be a free list's reuse, so they do not decide).
    large_new = None if why_large else large_cached is False
    small_new = None if why_small else small_cached is False
    cache, top = small_int_cache(run, label)
    outside = part("a new object for results outside the small-int cache", large_new,
                   why_large if large_new is None else "")
    inside = part("a new object for results inside the small-int cache%s" % cache, small_new,
                  why_small if small_new is None else "")
    parts += [outside, inside]
    quoted = "; ".join(p.evidence for p in parts[:2] if p.evidence)
    quoted += "; i = %s; i += 10; i is int('%s') -> %s; i = 5; i += 10; i is int('15') -> %s; %s" \
        % (top, "%s + 10" % top if top == "top" else top + 10,
           shown(run, label, "mutability", "C05_large_result_not_cached"),
           shown(run, label, "mutability", "C05_small_result_cached"), counts)
    decision = decide(parts, evidence=quoted)
    if decision.verdict == "partly" and [p for p in parts if p.outcome == CONTRADICTED] == [inside]:
        decision = decision._replace(
            conditions="holds for results outside the small-int cache%s; not for "
                       "results inside it: the result is the cache's object, which existed "
                       "before (its address differs all the same)" % cache)
    return decision


def small_int_cache(run, label):
    """(" (-5..256)", 256): the small-int cache's range as text and its top, as the
    interpreter reported them (mutability/C05_small_int_cache); ("", "top") when the run
    has no such observation (runs made before it was recorded)."""
    ends, why = observed(run, label, "mutability", "C05_small_int_cache")
    if why or not (isinstance(ends, tuple) and len(ends) == 2):
        return "", "top"
    return " (%d..%d)" % ends, ends[1]


def decide_c06(run, label):
    """`b = a` on a list aliases it: a change through `b` shows through `a`, and `a is b`.

    Criterion (behaviour): after `b = a; b.append(4)`, `a` shows the 4 and `a is b`;
    `b = a` is `a` (copying/C06_alias_is). Beside it: `b = a` on lists of n items asks
    for 0 bytes at every n (no copy is made)."""
    alias, why = observed(run, label, "mutability", "C06_alias_visible")
    parts = [
        part("a change through b shows through a",
             None if why else item(alias, 0) == [1, 2, 3, 4],
             why or "a = [1, 2, 3]; b = a; b.append(4); (a, a is b) -> %s"
             % shown(run, label, "mutability", "C06_alias_visible")),
        part("a is b", None if why else item(alias, 1) is True, why or ""),
        behaviour(run, label, "copying", "C06_alias_is", "a is b (a list of lists)",
                  lambda v: v is True, "a = [[1]]; b = a; a is b", essential=False),
        alias_bytes_part(run, label, "b = a copies nothing", essential=False),
    ]
    return decide(parts)


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


SINGLETONS = [
    # (name, [(observation, how to read the value, the code)]) ; index into
    # C09_ids_equal_across_code's tuple (True, False, None, Ellipsis, NotImplemented).
    ("None", 2, [("C09_none_from_function", None, "None is (lambda: None)()"),
                 ("C09_none_from_type", None, "type(None)() is None")]),
    ("True", 0, [("C09_true_from_bool", "all", "(bool(1) is True, (1 == 1) is True)")]),
    ("False", 1, [("C09_false_from_bool", "all", "(bool(0) is False, (1 == 2) is False)")]),
    ("Ellipsis", 3, [("C09_ellipsis_from_type", None, "type(...)() is ..."),
                     ("C09_ellipsis_name", None, "Ellipsis is eval('...')")]),
    ("NotImplemented", 4, [("C09_notimplemented_from_eq", None,
                            "NotImplemented is int.__eq__(1, 'a')"),
                           ("C09_notimplemented_from_type", None,
                            "type(NotImplemented)() is NotImplemented")]),
]


def decide_c09(run, label):
    """`True`, `False`, `None`, `Ellipsis` and `NotImplemented` are singletons: one
    address, always.

    Criterion (behaviour): for each of the five, every way of obtaining it that this
    Python offers (a function's return, calling its type, bool(), comparisons, eval of
    its name in separately compiled code) gives the same object. A way that raises on
    this Python (its type cannot be called, `...` is not an expression) is not
    counted; a way that gives another object fails."""
    ids, why_ids = observed(run, label, "identity", "C09_ids_equal_across_code")
    parts = []
    for name, index, routes in SINGLETONS:
        same, other, unavailable = [], [], []
        for observation, reading, code in routes:
            found = run.observation(label, "identity", observation)
            if found is None:
                continue
            if found.error:
                unavailable.append("%s raised %s" % (code, found.error.split(":")[0]))
                continue
            value, why = observed(run, label, "identity", observation)
            ok = (value is True) if reading is None else (
                isinstance(value, tuple) and all(v is True for v in value))
            (same if ok else other).append("%s -> %s" % (code, found.value))
        if why_ids is None and item(ids, index) is not None:
            code = "id(%s) in two compiles" % name
            (same if item(ids, index) is True else other).append(
                code + (" -> equal" if item(ids, index) is True else " -> differ"))
        if not same and not other:
            parts.append(part(name, None, "%s: no way of obtaining it recorded%s" % (
                name, " (%s)" % "; ".join(unavailable) if unavailable else ""), True))
            continue
        text = "%s: %d of %d ways give one object (%s)" % (
            name, len(same), len(same) + len(other), ", ".join(other + same))
        if unavailable:
            text += " [not counted: %s]" % "; ".join(unavailable)
        parts.append(part(name, not other, text))
    return decide(parts)


def decide_c10(run, label):
    """For singletons, `is` is faster and more reliable than `==`.

    Criterion: faster: for None and True, `x is y` is faster than `x == y` (fewer
    instructions per operation beyond the practical threshold where the run counts
    them, else a time ratio time(==) / time(is) whose 95% interval lies above 1; as
    many instructions, an equivalent time or a slower `is` contradicts, an interval
    that straddles 1 is inconclusive); more reliable: an object whose __eq__ answers
    True equals anything by `==` (so `x == None` can be True for an x that is not None)
    while `is` cannot be fooled (identity/C03_eq_overridden_is_not gives (True,
    False)). Holds when no condition is contradicted (inconclusive ones named), partly
    names which are. `is not` against `!=` on the same singletons is reported beside
    it, as in C02."""
    singletons = (("None", "none"), ("True", "true"))
    parts = faster_parts(run, label, [
        ("is %s faster than == %s" % (name, name), "is_" + kind, "eq_" + kind,
         "`x is %s`" % name, "`x == %s`" % name) for name, kind in singletons], essential=True)
    parts.append(behaviour(
        run, label, "identity", "C03_eq_overridden_is_not",
        "is cannot be fooled by __eq__",
        lambda v: item(v, 0) is True and item(v, 1) is False,
        "Any (__eq__ -> True): (x == object(), x is object())"))
    decision = decide(parts)
    negated = [p for p in faster_parts(run, label, [
        (name, "is_not_" + kind, "ne_" + kind, "`x is not %s`" % name, "`x != %s`" % name)
        for name, kind in singletons]) if p.outcome is not None]
    if negated and decision.verdict != "untestable":
        decision = decision._replace(evidence=decision.evidence + "; beside it, %s" % "; ".join(
            p.evidence for p in negated))
    return decision


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


RULES = {
    "C01": decide_c01,
    "C02": decide_c02,
    "C03": decide_c03,
    "C04": decide_c04,
    "C05": decide_c05,
    "C06": decide_c06,
    "C07": decide_c07,
    "C08": decide_c08,
    "C09": decide_c09,
    "C10": decide_c10,
    "C11": decide_c11,
}
