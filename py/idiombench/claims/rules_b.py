"""py/idiombench/claims/rules_b.py: the rules of claims C12-C22 (docs/CLAIMS.md).

Each rule is `decide_cNN(run, label) -> Decision(verdict, conditions, evidence)` for
one interpreter (`label`) of one run folder (`run`, an idiombench.claims.run.Run). The verdict
is `holds`, `fails`, `partly` (conditions: where it holds and where not),
`inconclusive` (conditions: the intervals too wide) or `untestable` (conditions: what
is missing). The evidence is a short text with the figures that
decided it and their noise, enough for a reader to check the verdict against the run's
own files. A rule states its criterion in its docstring; the run's data decides. No rule
names a version to decide a verdict: the version is used only to tell whether an
interpreter is of the article's era (C12).

A difference in cost is judged in py/idiombench/claims/vocabulary.py, shared with
py/idiombench/claims/rules_a.py: each condition comes out supported, contradicted or
inconclusive (a difference the noise hides is never evidence against a claim); time is
decided from instructions per operation where the run counts them. Behaviour comes from
observations.csv (repr values, or the exception as `Type: message`). On Python 2.7 the
allocation, tracemalloc, ResourceWarning and gc.get_stats figures are not measured
(unavailable.csv says why): a rule then decides from what remains, or says
`untestable` and names what is missing.

Standard library only; Python 3.6+.
"""
import csv
import os

from idiombench.claims.run import Decision
from idiombench.claims.vocabulary import (CONTRADICTED, INCONCLUSIVE, SUPPORTED, amount, behaviour,
                                          common_sizes, contrast_text, decide, effect, figure_text,
                                          largest_common_size, missing, names, observed, outcome,
                                          part, raised, shortened, shown, sig, speed, speed_text,
                                          too_few_exact)

HOLDS, FAILS, PARTLY, UNTESTABLE = "holds", "fails", "partly", "untestable"

# The article's era (the talk was given in 2015): Python 2.7, or 3.4 and older.
ERA_BEFORE = (3, 5)


def size_text(n):
    return "" if n is None or n == "" else " n=%s" % n


def contrast_part(name, contrast, claimed, evidence, essential=True):
    """A condition decided by one contrast (candidate / reference) that claims
    `claimed` ("lower", "higher", "not higher"...); untested without the contrast."""
    if contrast is None or contrast.verdict == "insufficient data":
        return part(name, None, evidence, essential)
    found = outcome(effect(contrast), claimed)
    return part(name, found, evidence, essential,
                contrast_text(contrast) if found == INCONCLUSIVE else "")


def is_2015_era(version):
    """Whether an interpreter (a version tuple) is of the article's era: 2.7, or 3.4 and
    older (the talk was given in 2015; 3.5 came out in its autumn)."""
    return tuple(version[:2]) < ERA_BEFORE


def hyperfine_rows(run):
    """hyperfine/hyperfine.csv of the run as {(label, program): row}; {} without it."""
    path = os.path.join(run.folder, "hyperfine", "hyperfine.csv")
    rows = {}
    try:
        with open(path, newline="") as stream:
            for row in csv.DictReader(stream):
                rows[(row.get("python_version"), row.get("program"))] = row
    except (OSError, csv.Error):
        return {}
    return rows


def programs_text(run, label, programs):
    """Context from the whole programs (hyperfine): each program's mean time ± stddev
    over its runs and its peak RSS (one run, no noise estimate). Never decides."""
    rows = hyperfine_rows(run)
    parts = []
    for program in programs:
        row = rows.get((label, program))
        if row is None:
            continue
        try:
            mean = float(row["mean_s"])
            text = "%s %s s" % (program, sig(mean))
            if row.get("stddev_s"):
                text += " ± %s" % sig(float(row["stddev_s"]), 2)
            text += " (%s runs)" % row.get("runs", "?")
            if row.get("peak_rss_kib"):
                text += ", peak RSS %s MiB" % sig(float(row["peak_rss_kib"]) / 1024)
        except (KeyError, TypeError, ValueError):
            continue
        parts.append(text)
    if not parts:
        return ""
    return " Whole programs (context, not used for the verdict): %s." % "; ".join(parts)


# --- C12 -----------------------------------------------------------------------------

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


# --- C13 -----------------------------------------------------------------------------

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
                    % (_loops_note(n), n, figure_text(dup), figure_text(kept),
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


def _loops_note(n):
    """Runs of the memory pass: 10000 // n operations (docs/run-folder.md)."""
    if not n:
        return "10000"
    return "%d" % max(10, 10000 // n)


# --- C14 -----------------------------------------------------------------------------

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
                 % (n, _loops_note(n), figure_text(peak), figure_text(kept),
                    figure_text(one) if one is not None else "taken as the peak"))
    return part("memory given back at each del",
                (peak.median < 1.5 * size) and (kept.median < 0.5 * size), essential=False)


# --- C15 -----------------------------------------------------------------------------

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


# --- C16 -----------------------------------------------------------------------------

def decide_c16(run, label):
    """C16: the collector works by generations with thresholds; when a threshold is
    passed, the oldest generation is collected first.

    Criterion, in two parts:
    - generations with thresholds: gc.get_threshold() gives one threshold per
      generation, at least two (C16_get_threshold);
    - the order: allocating containers past threshold 0 with the collector on, the first
      automatic collection is of the oldest generation (C16_generation_order, recorded
      by gc.callbacks: holds if its first entry is the oldest generation, fails if it is
      a younger one). Without that record (gc.callbacks: 3.3+), the collections per
      generation decide it (C16_collections_per_generation, else gc/cycles_gc_on's
      gc_collections_gen0 and _gen2 at its largest n): the youngest collected more often
      than the oldest -> fails; without either (2.7) the order is untestable.
    Both parts hold -> holds; structure only -> partly; no structure -> fails; order
    untestable -> untestable (with what was seen of the structure).
    """
    notes = []
    thresholds, why_thresholds = observed(run, label, "gc", "C16_get_threshold")
    structure = None
    generations = None
    if not why_thresholds and isinstance(thresholds, tuple):
        generations = len(thresholds)
        structure = generations >= 2
        notes.append("gc.get_threshold() = %s (%d generation%s)"
                     % (shown(run, label, "gc", "C16_get_threshold"), generations,
                        "" if generations == 1 else "s"))
    order, why_order = observed(run, label, "gc", "C16_generation_order")
    first_older, why_first = observed(run, label, "gc", "C16_first_older_collection")
    per_gen, why_per_gen = observed(run, label, "gc", "C16_collections_per_generation")
    ordered = None
    if not why_order and isinstance(order, tuple) and order[0] and generations:
        count, first = order[0], order[1]
        oldest = generations - 1
        ordered = first[0] == oldest
        notes.append("allocating 100 x threshold 0 containers, %d automatic collections, "
                     "the generations of the first %d in order: %s (oldest: %d)"
                     % (count, len(first), " ".join(str(g) for g in first), oldest))
        if not why_first and first_older:
            notes.append("the first collection of an older generation (generation %d) came "
                         "after %d of generation 0" % first_older)
    if not why_per_gen and isinstance(per_gen, tuple):
        notes.append("collections per generation over the same allocation: %s"
                     % shown(run, label, "gc", "C16_collections_per_generation"))
        if ordered is None and generations and per_gen[-1] != per_gen[0]:
            ordered = per_gen[-1] > per_gen[0]
    n = largest_common_size(run, label, "gc", ("cycles_gc_on",), "gc_collections_gen0")
    young = run.figure(label, "gc", "cycles_gc_on", "gc_collections_gen0", n)
    old = run.figure(label, "gc", "cycles_gc_on", "gc_collections_gen2", n)
    if young is not None and old is not None:
        notes.append("gc/cycles_gc_on n=%s, collections in a run: generation 0 %s, "
                     "generation 2 %s" % (n, figure_text(young), figure_text(old)))
        if ordered is None and young.median != old.median:
            ordered = old.median > young.median
    why = []
    for name, what in (("C16_generation_order", "gc.callbacks"),
                       ("C16_collections_per_generation", "gc.get_stats")):
        if raised(run, label, "gc", name):
            why.append("%s: %s" % (what, raised(run, label, "gc", name)))
    reason = run.unavailable(label, "gc", "cycles_gc_on", "gc_collections_gen0")
    if reason:
        why.append("gc/cycles_gc_on gc_collections_gen*: %s" % reason)
    evidence = "; ".join(notes) + "." if notes else ""
    if structure is None:
        return Decision(UNTESTABLE, "gc/C16_get_threshold not recorded", evidence)
    if not structure:
        return Decision(FAILS, "", evidence)
    if ordered is None:
        return Decision(UNTESTABLE, "the order of collection is not observable here (%s); "
                        "what can be seen holds: generations with thresholds"
                        % ("; ".join(why) or "no record of the collections"), evidence)
    if ordered:
        return Decision(HOLDS, "", evidence)
    return Decision(PARTLY, "holds: the collector has %d generations, each with a threshold; "
                    "not: the order - the youngest generation is collected first and most "
                    "often, an older one only after several young collections" % generations,
                    evidence)


# --- C17 -----------------------------------------------------------------------------

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


# --- C18 -----------------------------------------------------------------------------

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


# --- C19 -----------------------------------------------------------------------------

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
                              % (what, _loops_note(n), figure_text(run.figure(
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


def lower_on_the_whole(found):
    """The outcome of "lower" measured by several metrics of one thing (retained and
    peak bytes), from their effects: any higher contradicts, else any lower supports,
    all the same contradicts, else inconclusive."""
    if "higher" in found:
        return CONTRADICTED
    if "lower" in found:
        return SUPPORTED
    if found and all(f == "same" for f in found):
        return CONTRADICTED
    return INCONCLUSIVE


# --- C20 -----------------------------------------------------------------------------

# Each += variant of the strings family against the join that does the same job.
C20_PAIRS = (
    ("+= on a local", "iadd", "join_append"),
    ("s = s + p on a local", "plus", "join_append"),
    ("+= at module level", "iadd_module", "join_append"),
    ("+= with a second reference", "iadd_aliased", "join_append"),
    ("the article's loop in a function", "hello_loop", "hello_join_map_plus"),
    ("the article's loop at module level", "hello_loop_module", "hello_join_map_plus"),
)


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
    wording = {SUPPORTED: "join better", CONTRADICTED: "join not better",
               INCONCLUSIVE: "no telling"}
    parts = [part("%s: %s for %s" % (word, wording[found], _where(entries)), found, "", True,
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


# --- C21 -----------------------------------------------------------------------------

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


# --- C22 -----------------------------------------------------------------------------

def decide_c22(run, label):
    """C22: without `with`, a file that was read stays in memory (its reference count
    stays 1); with `with`, it is released when the block ends.

    Criterion, in two parts:
    - the descriptor: `with` closes the file when the block ends (C22_closed_after_with)
      while without it the file is still open after the read (first of
      C22_after_del_without_with) -> holds; `with` leaving it open -> fails.
    - the memory: with tracemalloc, release/with_open peaks or retains less than
      open_rebind (`f = open(path); data = f.read()`, no close) beyond the noise and by
      at least half the file's size (the file the article says stays in memory;
      C22_len_data_after_with gives it) -> holds; more in either, or in both a saving
      that the 95% interval puts below half the file (the claim's own margin, tested
      one-sided: the interval of the ratio, times without's figure, bounds the saving)
      -> fails (retained and peak bytes judged together as in C19); otherwise
      inconclusive. Without the file's size, the practical margin replaces half the
      file. Without those figures
      (2.7) the observations decide: the name still holds the file object after the
      block with the same count as without `with` (C22_getrefcount_after_with vs
      C22_getrefcount_without_with) -> fails; a lower count -> holds.
    Both parts hold -> holds; one holds and one fails -> partly; neither -> fails;
    an inconclusive part is named and decides nothing. The descriptors a run
    leaves open (fds_delta of open_rebind, open_kept) and the ResourceWarnings of
    open_rebind are given as evidence: without `with` the file is closed when its last
    reference goes.
    """
    notes = []
    parts = [_c22_descriptor(run, label, notes)]
    size, why = observed(run, label, "release", "C22_len_data_after_with")
    file_bytes = size if not why and isinstance(size, int) else None
    if file_bytes is not None:
        notes.append("the data read (%d characters) outlives the with block" % file_bytes)
    n = largest_common_size(run, label, "release", ("with_open", "open_rebind"), "peak_bytes")
    parts.append(_c22_memory(run, label, n, file_bytes, notes))
    for case in ("open_rebind", "open_kept"):
        fds = run.figure(label, "release", case, "fds_delta", n)
        if fds is not None:
            notes.append("descriptors left open by a run of %s, %s: %s"
                         % (_loops_note(n), case, figure_text(fds)))
    warnings = run.figure(label, "release", "open_rebind", "resource_warnings", n)
    if warnings is not None:
        notes.append("ResourceWarnings, open_rebind: %s" % figure_text(warnings))
    evidence = "; ".join(notes) + "."
    evidence += programs_text(run, label, ("read_with", "read_without_with"))
    return decide(parts, evidence=evidence)


def _c22_descriptor(run, label, notes):
    """C22's first condition: `with` closes the file at the block's end (and without
    it the file is still open after the read); its observations go to notes."""
    closed, why = observed(run, label, "release", "C22_closed_after_with")
    if why:
        return part("with closes the file when the block ends", None,
                    "release/C22_closed_after_with not recorded")
    after_del, why_after = observed(run, label, "release", "C22_after_del_without_with")
    open_before = None
    if not why_after and isinstance(after_del, tuple):
        open_before = after_del[0] is False
        notes.append("without with: closed after the read %s, and after del f the file "
                     "object is freed %s, its descriptor closed %s" % after_del[:3])
    notes.insert(0, "f.closed right after the with block: %s" % shown(
        run, label, "release", "C22_closed_after_with"))
    return part("with closes the file when the block ends",
                closed is True and open_before is not False)


def _c22_saving(contrast, margin_bytes):
    """What with_open / open_rebind (contrast) shows against a claimed saving of at
    least margin_bytes: "lower" (a saving beyond the noise whose whole interval reaches
    the margin), "same" (the interval's largest saving stays under it), "higher", or
    None (the interval holds savings on both sides of the margin). Exact comparisons
    (no interval) go by their medians."""
    found = effect(contrast)
    if found is None and too_few_exact(contrast):
        return None
    if found == "higher":
        return found
    if contrast.test == "exact" or contrast.ci_low is None or contrast.ci_high is None:
        saved = contrast.reference - contrast.candidate
        return None if found is None else "lower" if saved >= margin_bytes else "same"
    least = contrast.reference * (1.0 - contrast.ci_high)
    most = contrast.reference * (1.0 - contrast.ci_low)
    if found == "lower" and least >= margin_bytes:
        return "lower"
    return "same" if most < margin_bytes else None


def _c22_memory(run, label, n, file_bytes, notes):
    """C22's second condition: with `with` the file's memory is released at the block's
    end: tracemalloc's peak or retained bytes lower beyond the noise by at least half
    the file; else, without those figures, the reference counts observed."""
    name = "with releases the file's memory at the block's end"
    found, mem_notes, intervals = [], [], []
    for metric in ("peak_bytes", "retained_bytes"):
        c = run.contrast(label, "release", "open_rebind", "with_open", metric, n=n)
        if c is None or c.verdict == "insufficient data":
            continue
        without = run.figure(label, "release", "open_rebind", metric, n)
        within = run.figure(label, "release", "with_open", metric, n)
        found.append(effect(c) if file_bytes is None else _c22_saving(c, file_bytes / 2.0))
        if found[-1] is None:
            intervals.append("%s %s" % (metric, contrast_text(c)))
        mem_notes.append("%s of a run of %s files: without with %s, with %s; with / without "
                         "%s" % (metric, _loops_note(n), figure_text(without),
                                 figure_text(within), contrast_text(c)))
    notes.extend(mem_notes)
    if found and all(f == "same" for f in found) and file_bytes is not None:
        notes.append("the 95%% intervals leave no saving of half the file (%d bytes)"
                     % (file_bytes // 2))
    counts_without, why_without = observed(run, label, "release", "C22_getrefcount_without_with")
    counts_after, why_after = observed(run, label, "release", "C22_getrefcount_after_with")
    if not why_without and not why_after:
        notes.append("sys.getrefcount(f) without with %s, after the with block %s"
                     % (counts_without, counts_after))
    if found:
        return part(name, lower_on_the_whole(found), "", True, "; ".join(intervals))
    if isinstance(counts_without, int) and isinstance(counts_after, int):
        return part(name, counts_after < counts_without)
    return part(name, None, missing(run, label, "release", "with_open", "peak_bytes"))


TITLES = {
    "C12": "in 2015 interning was off",
    "C13": "interning saves memory",
    "C14": "del frees at refcount zero",
    "C15": "getrefcount of 2 names is 3",
    "C16": "gc: generations, oldest first",
    "C17": "weakref: no count, then None",
    "C18": "no weakrefs to built-ins",
    "C19": "a weakref cache frees memory",
    "C20": "+= wastes; join is better",
    "C21": "format/f-strings beat +",
    "C22": "without with the file stays",
}

RULES = {
    "C12": decide_c12,
    "C13": decide_c13,
    "C14": decide_c14,
    "C15": decide_c15,
    "C16": decide_c16,
    "C17": decide_c17,
    "C18": decide_c18,
    "C19": decide_c19,
    "C20": decide_c20,
    "C21": decide_c21,
    "C22": decide_c22,
}
