"""py/idiombench/claims/rules/refcount.py: the rules of the claims the refcount family
(bench/refcount.py) decides: C14, C15 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.rules.shared import loops_note
from idiombench.claims.vocabulary import (decide, figure_text, largest_common_size, missing,
                                          observed, part, raised, shown)


TITLES = {
    "C14": "del frees at refcount zero",
    "C15": "getrefcount of 2 names is 3",
}


def decide_c14(run, label):
    """C14: `del` removes a name; an object's memory is reclaimed as soon as its
    reference count drops to zero.

    Criterion, in parts:
    - the name: using a name after `del` raises NameError (C14_del_removes_name);
    - at once, without the collector: with gc disabled, an object outside any cycle is
      dead right after `del` of its only name (weak reference dead, C14_freed_on_del;
      its finalizer ran inside `del`, C14_finalizer_on_del);
    - the memory (where tracemalloc measures it): refcount/del_memory (`x = list(r);
      del x`, a list of n ints per operation) peaks at less than 1.5 lists (one list:
      build_del's bytes_per_op at that n) - each list is freed before the next is built
      - and retains less than half a list after the run.
    All that are known hold -> holds; all fail -> fails; mixed -> partly. An object in a
    reference cycle surviving `del` until gc.collect() (C14_cycle_needs_gc) is reported,
    not counted against the claim: its count never drops to zero.
    """
    notes = []
    error = raised(run, label, "refcount", "C14_del_removes_name")
    if run.observation(label, "refcount", "C14_del_removes_name") is None:
        parts = [part("del removes the name", None,
                      "refcount/C14_del_removes_name not recorded")]
    else:
        parts = [part("del removes the name", bool(error and error.startswith("NameError")))]
        notes.append("using the name after del %s" % shown(run, label, "refcount",
                                                           "C14_del_removes_name"))
    freed, why = observed(run, label, "refcount", "C14_freed_on_del")
    if why:
        parts.append(part("an object outside a cycle is freed at del", None,
                          "refcount/C14_freed_on_del not recorded"))
    else:
        parts.append(part("an object outside a cycle is freed at del", freed is True))
        notes.append("collector off, an object's weak reference is dead right after del: %s"
                     % shown(run, label, "refcount", "C14_freed_on_del"))
        if run.observation(label, "refcount", "C14_finalizer_on_del") is not None:
            notes.append("its finalizer ran inside del: %s" % shown(
                run, label, "refcount", "C14_finalizer_on_del"))
    parts.append(del_memory_part(run, label, notes))
    cycle, why = observed(run, label, "refcount", "C14_cycle_needs_gc")
    if not why and isinstance(cycle, tuple) and len(cycle) == 2:
        notes.append("(an object in a reference cycle, whose count never drops to zero: "
                     "dead after del %s, after gc.collect() %s)" % cycle)
    return decide(parts, evidence="; ".join(notes) + "." if notes else "")


def del_memory_part(run, label, notes):
    """C14's memory condition (refcount/del_memory against one list), its figures
    appended to notes."""
    n = largest_common_size(run, label, "refcount", ("del_memory",), "peak_bytes")
    peak = run.figure(label, "refcount", "del_memory", "peak_bytes", n)
    kept = run.figure(label, "refcount", "del_memory", "retained_bytes", n)
    one = run.figure(label, "refcount", "build_del", "bytes_per_op", n) if n else None
    if peak is None or kept is None:
        return part("memory given back at each del", None,
                    missing(run, label, "refcount", "del_memory", "peak_bytes"), False)
    size = one.median if one is not None and one.median > 0 else peak.median
    notes.append("`x = list(r); del x` with n=%s, a run of %s operations: peak %s, "
                 "retained after the run %s, one list %s"
                 % (n, loops_note(n), figure_text(peak), figure_text(kept),
                    figure_text(one) if one is not None else "taken as the peak"))
    return part("memory given back at each del",
                (peak.median < 1.5 * size) and (kept.median < 0.5 * size), essential=False)


def decide_c15(run, label):
    """C15: sys.getrefcount(a) for a list bound to two names returns 3.

    Criterion: the observed counts of a list bound to two names, at module level
    (C15_two_names_module) and in a function (first of C15_in_function), equal 3:
    both -> holds; one -> partly (saying which scope); neither -> fails. The counts
    with one name (the article's reasoning predicts 2) are given as evidence.
    """
    module, why_module = observed(run, label, "refcount", "C15_two_names_module")
    function, why_function = observed(run, label, "refcount", "C15_in_function")
    notes = []
    if why_module:
        parts = [part("at module level", None, "refcount/C15_two_names_module not recorded")]
    else:
        parts = [part("at module level (%s)" % shown(run, label, "refcount",
                                                     "C15_two_names_module"), module == 3)]
        notes.append("two names at module level: %s" % shown(run, label, "refcount",
                                                             "C15_two_names_module"))
    if why_function or not isinstance(function, tuple):
        parts.append(part("in a function", None, "refcount/C15_in_function not recorded"))
    else:
        parts.append(part("in a function (%s)" % function[0], function[0] == 3))
        notes.append("in a function: two names %s, one name %s" % function[:2])
    if run.observation(label, "refcount", "C15_one_name_module") is not None:
        notes.append("one name at module level: %s" % shown(run, label, "refcount",
                                                            "C15_one_name_module"))
    return decide(parts, evidence="sys.getrefcount of a list (the call's argument counts "
                  "one): %s." % "; ".join(notes))


RULES = {
    "C14": decide_c14,
    "C15": decide_c15,
}
