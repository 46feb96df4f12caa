"""py/idiombench/claims/rules/mutability.py: the rules of the claims the mutability family
(bench/mutability.py) decides: C04, C05, C06 (docs/CLAIMS.md). C06 also reads copying's
C06_alias_is and the bytes of its *_alias cases, beside mutability/C06_alias_visible
(rules/shared.py: alias_bytes_part).

Standard library only; Python 3.6+.
"""
from idiombench.claims.rules.shared import alias_bytes_part
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, amount,
                                          behaviour, contrast_text, decide, effect, item, names,
                                          observed, part, shown)


TITLES = {
    "C04": "append keeps id, + allocates",
    "C05": "int += makes a new object",
    "C06": "b = a aliases a list",
}


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


RULES = {
    "C04": decide_c04,
    "C05": decide_c05,
    "C06": decide_c06,
}
