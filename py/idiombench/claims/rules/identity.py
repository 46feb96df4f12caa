"""py/idiombench/claims/rules/identity.py: the rules of the claims the identity family
(bench/identity.py) decides: C01, C02, C03, C09, C10 (docs/CLAIMS.md). C01 also reads
the bytes of copying's *_alias cases, beside its identity observations
(rules/shared.py: alias_bytes_part).

Standard library only; Python 3.6+.
"""
from idiombench.claims.rules.shared import alias_bytes_part
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, behaviour,
                                          decide, item, observed, part, shown, speed_part)


TITLES = {
    "C01": "a variable holds a reference",
    "C02": "is is faster than ==",
    "C03": "== overridable, is is not",
    "C09": "None, True... are singletons",
    "C10": "for singletons is beats ==",
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


RULES = {
    "C01": decide_c01,
    "C02": decide_c02,
    "C03": decide_c03,
    "C09": decide_c09,
    "C10": decide_c10,
}
