"""py/idiombench/claims/rules/weakrefs.py: the rules of the claims the weakref family
(bench/weakrefs.py) decides: C17, C18, C19 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.run import Decision
from idiombench.claims.rules.shared import (FAILS, HOLDS, PARTLY, UNTESTABLE, loops_note,
                                            lower_on_the_whole, programs_text)
from idiombench.claims.vocabulary import (behaviour, contrast_text, decide, effect, figure_text,
                                          largest_common_size, missing, names, observed, part)


TITLES = {
    "C17": "weakref: no count, then None",
    "C18": "no weakrefs to built-ins",
    "C19": "a weakref cache frees memory",
}


# (observation, does its value bear the claim out, the condition, how the evidence
# names it)
C17_PARTS = [
    ("C17_refcount_before_after",
     lambda value: isinstance(value, tuple) and len(value) >= 2 and value[0] == value[1],
     "the count does not rise", "refcount before and after weakref.ref"),
    ("C17_call_returns_object", lambda value: value is True,
     "r() gives the live object", "r() is the object while it lives"),
    ("C17_none_after_del", lambda value: value is True,
     "r() is None once freed", "r() is None after del"),
]


def decide_c17(run, label):
    """C17: weakref.ref reaches an object without raising its reference count; once the
    object is freed, the weak reference returns None.

    Criterion, in parts: sys.getrefcount of an instance is the same before and after a
    weak reference to it is made (C17_refcount_before_after); calling the reference
    gives the object while it lives (C17_call_returns_object); after `del` of its only
    name the reference returns None (C17_none_after_del). All known hold -> holds; all
    fail -> fails; mixed -> partly.
    """
    parts = [behaviour(run, label, "weakref", name, condition, holds, note)
             for name, holds, condition, note in C17_PARTS]
    return decide(parts, evidence="; ".join(p.evidence for p in parts) + ".")


C18_BUILTINS = (("list", "C18_list"), ("dict", "C18_dict"), ("int", "C18_int"),
                ("str", "C18_str"), ("tuple", "C18_tuple"), ("set", "C18_set"),
                ("frozenset", "C18_frozenset"), ("function", "C18_function"),
                ("a class (type)", "C18_class_itself"))
C18_INSTANCES = (("an instance of a class", "C18_class_instance"),
                 ("an instance of a list subclass", "C18_list_subclass"),
                 ("an instance of a class with __slots__ and no __weakref__",
                  "C18_slots_instance"))


def weakref_probes(run, label, probes):
    """(accept, refuse, unknown): the probes whose weak reference was made, those
    refused with TypeError, and those not recorded (or raising something else)."""
    accept, refuse, unknown = [], [], []
    for what, name in probes:
        found = run.observation(label, "weakref", name)
        if found is not None and not found.error and found.value:
            accept.append(what)
        elif found is not None and found.error and found.error.startswith("TypeError"):
            refuse.append(what)
        else:
            unknown.append(what)
    return accept, refuse, unknown


def decide_c18(run, label):
    """C18: weak references do not work on built-in types, only on instances of classes.

    Criterion: each probe of observations.csv either accepts a weak reference (a value)
    or refuses it (TypeError). Built-in types probed: list, dict, int, str, tuple, set,
    frozenset, function, and a class object (an instance of type); instances of classes:
    a plain class, a list subclass, a class with __slots__ and no __weakref__. Every
    built-in refuses and every instance accepts -> holds; no built-in refuses (or no
    instance accepts) -> fails; otherwise partly, naming the built-ins that accept and
    the instances that refuse.
    """
    b_accept, b_refuse, b_unknown = weakref_probes(run, label, C18_BUILTINS)
    i_accept, i_refuse, i_unknown = weakref_probes(run, label, C18_INSTANCES)
    notes = []
    if b_refuse:
        notes.append("built-ins that refuse (TypeError): %s" % names(b_refuse))
    if b_accept:
        notes.append("built-ins that accept: %s" % names(b_accept))
    if i_accept:
        notes.append("accepted: %s" % names(i_accept))
    if i_refuse:
        notes.append("refused: %s" % names(i_refuse))
    if b_unknown or i_unknown:
        notes.append("not recorded: %s" % names(b_unknown + i_unknown))
    evidence = "; ".join(notes) + "." if notes else ""
    if not (b_accept or b_refuse) or not (i_accept or i_refuse):
        return Decision(UNTESTABLE, "weakref/C18_* observations not recorded", evidence)
    if not b_accept and not i_refuse:
        return Decision(HOLDS, "", evidence)
    if not b_refuse or not i_accept:
        return Decision(FAILS, "", evidence)
    conditions = "holds for %s" % names(b_refuse)
    if i_accept:
        conditions += " (refused) and for %s (accepted)" % names(i_accept)
    nots = []
    if b_accept:
        nots.append("%s accept%s" % (names(b_accept), "" if len(b_accept) > 1 else "s"))
    if i_refuse:
        nots.append("%s refuse%s" % (names(i_refuse), "" if len(i_refuse) > 1 else "s"))
    return Decision(PARTLY, conditions + "; not: " + "; ".join(nots), evidence)


def decide_c19(run, label):
    """C19: a cache held through weak references keeps large objects from pinning
    memory.

    Criterion: where tracemalloc measures it, weakref/cache_weak (each operation makes a
    list subclass of 10 000 ints, caches it in a WeakValueDictionary and drops it) holds
    less memory than cache_dict (the same in a dict), in a run of 10 operations: bytes
    retained after the run (the objects still pinned) or the run's peak (a pinning cache
    grows to every object made, a weak one stays at the one being used), cache_weak /
    cache_dict. Either `lower` beyond the noise, and neither `higher` -> holds; either
    `higher`, or both equal within the practical margin -> fails; otherwise
    inconclusive. (Both measure pinned memory; the peak is there because the weak
    cache retains next to nothing, tens of bytes that vary by a factor of several from
    run to run, which makes the interval of a log-scale ratio over two samples very
    wide though the difference is 5 orders of magnitude.) Without tracemalloc (2.7) the
    observed behaviour decides: after the caller drops a large object, the weak cache
    no longer holds it and it is dead (C19_cache_after_del, C19_object_alive_after_del)
    -> holds, else fails; neither -> untestable.
    """
    notes = []
    behaved = None
    sizes, why_sizes = observed(run, label, "weakref", "C19_cache_after_del")
    alive, why_alive = observed(run, label, "weakref", "C19_object_alive_after_del")
    if not why_sizes and isinstance(sizes, tuple):
        notes.append("after the caller drops a list of 10**6 ints, entries left: dict %s, "
                     "WeakValueDictionary %s" % sizes[:2])
        behaved = sizes[1] == 0
    if not why_alive and isinstance(alive, tuple):
        notes.append("object still alive: held by the dict %s, by the WeakValueDictionary %s"
                     % alive[:2])
        behaved = (alive[1] is False) and (behaved is not False)
    found, measured_notes, intervals = [], [], []
    for metric, what in (("retained_bytes", "bytes retained after"),
                         ("peak_bytes", "peak during")):
        n = largest_common_size(run, label, "weakref", ("cache_dict", "cache_weak"), metric)
        c = run.contrast(label, "weakref", "cache_dict", "cache_weak", metric, n=n)
        if c is None or c.verdict == "insufficient data":
            continue
        found.append(effect(c))
        if effect(c) is None:
            intervals.append("%s %s" % (metric, contrast_text(c)))
        measured_notes.append("%s a run of %s cached objects (lists of 10 000 ints) the "
                              "caller dropped: dict %s, WeakValueDictionary %s; weak / dict %s"
                              % (what, loops_note(n), figure_text(run.figure(
                                  label, "weakref", "cache_dict", metric, n)), figure_text(
                                  run.figure(label, "weakref", "cache_weak", metric, n)),
                                 contrast_text(c)))
    evidence = "; ".join(measured_notes + notes) + "." if measured_notes + notes else ""
    evidence += programs_text(run, label, ("weakref_cache", "dict_cache"))
    name = "the weak cache pins less memory"
    if found:
        return decide([part(name, lower_on_the_whole(found), "", True, "; ".join(intervals))],
                      evidence=evidence)
    what = missing(run, label, "weakref", "cache_weak", "retained_bytes")
    if behaved is None:
        return Decision(UNTESTABLE, what + "; weakref/C19_* observations not recorded", evidence)
    decision = decide([part("the weak cache lets the object go", behaved)], evidence=evidence)
    return decision._replace(conditions="memory not measured (%s): decided on the observed "
                             "behaviour" % what)


RULES = {
    "C17": decide_c17,
    "C18": decide_c18,
    "C19": decide_c19,
}
