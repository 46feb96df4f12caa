"""tools/claims_rules_b.py: the rules of claims C12-C22 (../shared/CLAIMS.md).

Each rule is `decide_cNN(run, label) -> Decision(verdict, conditions, evidence)` for
one interpreter (`label`) of one run folder (`run`, a tools/claims_run.Run). The verdict
is `holds`, `fails`, `partly` (conditions: where it holds and where not) or `untestable`
(conditions: what is missing). The evidence is a short text with the figures that
decided it and their noise, enough for a reader to check the verdict against the run's
own files. A rule states its criterion in its docstring; the run's data decides. No rule
names a version to decide a verdict: the version is used only to tell whether an
interpreter is of the article's era (C12).

A difference in cost counts only when it is beyond the noise: the run's contrast of the
two cases (Run.contrast, candidate / reference) must have a 95% confidence interval of the
ratio that excludes 1 (its verdict is then faster/slower or lower/higher). Its figures are
given as `ratio x [ci_low, ci_high]` with the test and the samples on each side.

Behaviour comes from observations.csv (repr values, or the exception as `Type: message`),
read with ast.literal_eval. On Python 2.7 the allocation, tracemalloc, ResourceWarning
and gc.get_stats figures are not measured (unavailable.csv says why): a rule then
decides from what remains, or says `untestable` and names what is missing.

Standard library only; Python 3.6+.
"""
import ast
import csv
import math
import os

from claims_run import Decision

HOLDS, FAILS, PARTLY, UNTESTABLE = "holds", "fails", "partly", "untestable"
BETTER = ("faster", "lower")    # the candidate costs less, beyond the noise
WORSE = ("slower", "higher")    # the candidate costs more, beyond the noise

# The article's era (the talk was given in 2015): Python 2.7, or 3.4 and older.
ERA_BEFORE = (3, 5)


# --- formatting ----------------------------------------------------------------------

def sig(value, digits=3):
    """A number with `digits` significant digits, without exponent for everyday sizes."""
    if value is None:
        return "?"
    if value == 0 or not math.isfinite(value):
        return "%g" % value
    magnitude = int(math.floor(math.log10(abs(value))))
    decimals = max(0, digits - 1 - magnitude)
    if magnitude >= 15 or magnitude < -6:
        return "%.*g" % (digits, value)
    return "%.*f" % (decimals, round(value, decimals))


def amount(value, unit):
    """A figure in its unit, scaled: 49.5 ns, 1.63 ms, 7.35 MB, 3 allocs."""
    if value is None:
        return "?"
    if unit == "ns":
        for scale, name in ((1e9, "s"), (1e6, "ms"), (1e3, "us")):
            if abs(value) >= scale:
                return "%s %s" % (sig(value / scale), name)
        return "%s ns" % sig(value)
    if unit == "bytes":
        for scale, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
            if abs(value) >= scale:
                return "%s %s" % (sig(value / scale), name)
        return "%s B" % sig(value)
    return "%s %s" % (sig(value), unit)


def figure_text(fig):
    """`median ± stddev unit (k samples)`: a figure and its noise."""
    if fig is None:
        return "not measured"
    return "%s ± %s (%s sample%s)" % (amount(fig.median, fig.unit),
                                      amount(fig.stddev, fig.unit),
                                      fig.repetitions, "" if fig.repetitions == 1 else "s")


def samples_text(samples):
    if isinstance(samples, (tuple, list)) and len(samples) == 2:
        return "%s+%s samples" % tuple(samples)
    return "%s samples" % (samples,)


def contrast_text(c):
    """`0.116x [0.114, 0.118] (95% CI, welch-log, 2+2 samples)`; exact counts as
    `482x (exact counts, 3+3 samples)`. The interval's bounds get as many digits as it
    takes to tell them from 1 and from each other (up to 6)."""
    if c is None:
        return "no contrast"
    if c.ratio is None:
        return "no ratio (%s)" % c.verdict
    if c.test == "exact":
        return "%sx (exact counts, %s)" % (sig(c.ratio), samples_text(c.samples))
    if c.ci_low is None or c.ci_high is None:
        return "%sx (%s, %s)" % (sig(c.ratio), c.verdict, samples_text(c.samples))
    digits = 3
    while digits < 6 and (sig(c.ci_low, digits) == sig(c.ci_high, digits) or any(
            sig(b, digits) == sig(1.0, digits) and b != 1.0 for b in (c.ci_low, c.ci_high))):
        digits += 1
    return "%sx [%s, %s] (95%% CI, %s, %s)" % (sig(c.ratio), sig(c.ci_low, digits),
                                              sig(c.ci_high, digits), c.test,
                                              samples_text(c.samples))


def listing(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def size_text(n):
    return "" if n is None or n == "" else " n=%s" % n


# --- reading the run -----------------------------------------------------------------

def observed(run, label, family, name):
    """(value, error, text) of an observation: value parsed from its repr (or the repr
    itself when it is not a literal), error `Type: message` or None; None when the run
    has no such row."""
    obs = run.observation(label, family, name)
    if obs is None:
        return None
    value = None
    if obs.value is not None and obs.value != "":
        try:
            value = ast.literal_eval(obs.value)
        except (ValueError, SyntaxError):
            value = obs.value
    error = obs.error if obs.error else None
    text = ("raises %s" % error) if error else ("%s" % obs.value)
    return value, error, text


def missing(run, label, family, case, metric, n=None):
    """Why a figure cannot be judged: unavailable.csv's reason, the case's failure, or
    that the run lacks it or its samples (Run.missing)."""
    reason = run.unavailable(label, family, case, metric)
    if reason:
        return "%s/%s %s: %s" % (family, case, metric, reason)
    return run.missing(label, family, case, metric, n) or (
        "%s/%s %s: not in this run" % (family, case, metric))


def largest_common_size(run, label, family, cases, metric):
    """The largest n every case has for `metric` on `label` (None: unsized or none)."""
    common = None
    for case in cases:
        sizes = set(n for n in run.sizes(label, family, case, metric) if n is not None)
        common = sizes if common is None else common & sizes
    return max(common) if common else None


def common_sizes(run, label, family, cases, metric):
    common = None
    for case in cases:
        sizes = set(run.sizes(label, family, case, metric))
        common = sizes if common is None else common & sizes
    return sorted(common or [], key=lambda n: -1 if n is None else n)


def is_2015_era(version):
    """Whether an interpreter (a version tuple) is of the article's era: 2.7, or 3.4 and
    older (the talk was given in 2015; 3.5 came out in its autumn)."""
    return tuple(version[:2]) < ERA_BEFORE


def combine(parts):
    """The verdict of a claim made of parts, each (status, holds_text, fails_text) with
    status True (that part holds), False (it fails) or None (untestable). All known
    parts hold -> holds; all fail -> fails; some of each -> partly; none known ->
    untestable. Returns (verdict, conditions)."""
    held = [p for p in parts if p[0] is True]
    failed = [p for p in parts if p[0] is False]
    unknown = [p for p in parts if p[0] is None]
    unknown_text = "; ".join(p[2] for p in unknown)
    if not held and not failed:
        return UNTESTABLE, unknown_text
    if held and failed:
        conditions = "holds: %s; not: %s" % ("; ".join(p[1] for p in held),
                                             "; ".join(p[2] for p in failed))
        if unknown:
            conditions += "; untested: " + unknown_text
        return PARTLY, conditions
    verdict = HOLDS if held else FAILS
    return verdict, ("untested: " + unknown_text) if unknown else ""


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
    literal = observed(run, era_label, "interning", "C11_literal_separate_compiles")
    runtime = observed(run, era_label, "interning", "C11_runtime_built")
    explicit = observed(run, era_label, "interning", "C12_sys_intern_runtime")
    if literal is None or literal[1] is not None or not isinstance(literal[0], bool):
        return (UNTESTABLE, "interning/C11_literal_separate_compiles not recorded on %s"
                % era_label, "")
    evidence = ("two equal literals 'zedd', compiled separately, are one object: %s"
                % literal[2])
    if runtime is not None:
        evidence += "; a string equal to 'zedd' built at run time is the literal: %s" % runtime[2]
    if explicit is not None:
        evidence += "; sys.intern of it gives the literal: %s" % explicit[2]
        if explicit[1] and explicit[1].startswith("AttributeError"):
            evidence += " (there the function is the builtin intern())"
    if literal[0]:
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
    own = observed(run, label, "interning", "C11_literal_separate_compiles")
    own_text = ("" if own is None else
                " (On %s, of a later era, two equal literals compiled separately are one "
                "object: %s.)" % (label, own[2]))
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
    `lower` beyond the noise -> holds; `higher` or no difference -> fails. Without
    retained_bytes (2.7: no tracemalloc) -> untestable. The bytes each variant requests
    per string (keep_interned vs keep_duplicate, bytes_per_op) are given as evidence:
    interning dedupes a string that was already built, so it requests no less.
    """
    n = largest_common_size(run, label, "interning", ("hold_duplicates", "hold_interned"),
                            "retained_bytes")
    c = run.contrast(label, "interning", "hold_duplicates", "hold_interned", "retained_bytes",
                     n=n)
    if c is None or c.verdict == "insufficient data":
        what = missing(run, label, "interning", "hold_interned", "retained_bytes")
        if c is not None:
            what = "too few samples of interning/hold_* retained_bytes (%s)" % contrast_text(c)
        return Decision(UNTESTABLE, what, "The memory a string takes is not measured here.")
    dup = run.figure(label, "interning", "hold_duplicates", "retained_bytes", n)
    kept = run.figure(label, "interning", "hold_interned", "retained_bytes", n)
    evidence = ("Bytes retained by a run of %s x %s equal strings built at run time: kept "
                "as they are %s, through sys.intern %s; interned / duplicates %s."
                % (_loops_note(n), n, figure_text(dup),
                   figure_text(kept), contrast_text(c)))
    req_dup = run.figure(label, "interning", "keep_duplicate", "bytes_per_op")
    req_int = run.figure(label, "interning", "keep_interned", "bytes_per_op")
    if req_dup is not None and req_int is not None:
        evidence += (" Bytes requested per string: %s as is, %s interned (the temporary is "
                     "built either way)." % (figure_text(req_dup), figure_text(req_int)))
    if c.verdict == "lower":
        return Decision(HOLDS, "", evidence)
    return Decision(FAILS, "", evidence)


def _loops_note(n):
    """Runs of the memory pass: 10000 // n operations (results/README.md)."""
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
    parts = []
    notes = []
    name = observed(run, label, "refcount", "C14_del_removes_name")
    if name is None:
        parts.append((None, "", "refcount/C14_del_removes_name not recorded"))
    else:
        removed = bool(name[1]) and name[1].startswith("NameError")
        parts.append((removed, "del removes the name", "the name survives del"))
        notes.append("using the name after del %s" % name[2])
    freed = observed(run, label, "refcount", "C14_freed_on_del")
    final = observed(run, label, "refcount", "C14_finalizer_on_del")
    if freed is None or freed[1] is not None:
        parts.append((None, "", "refcount/C14_freed_on_del not recorded"))
    else:
        parts.append((freed[0] is True, "an object outside a cycle is freed at del",
                      "an object outside a cycle outlives del"))
        notes.append("collector off, an object's weak reference is dead right after del: %s"
                     % freed[2])
        if final is not None:
            notes.append("its finalizer ran inside del: %s" % final[2])
    n = largest_common_size(run, label, "refcount", ("del_memory",), "peak_bytes")
    peak = run.figure(label, "refcount", "del_memory", "peak_bytes", n)
    kept = run.figure(label, "refcount", "del_memory", "retained_bytes", n)
    one = run.figure(label, "refcount", "build_del", "bytes_per_op", n) if n else None
    if peak is None or kept is None:
        parts.append((None, "", missing(run, label, "refcount", "del_memory", "peak_bytes")))
    else:
        size = one.median if one is not None and one.median > 0 else peak.median
        ok = (peak.median < 1.5 * size) and (kept.median < 0.5 * size)
        parts.append((ok, "memory given back at each del",
                      "memory not given back at del"))
        notes.append("`x = list(r); del x` with n=%s, a run of %s operations: peak %s, "
                     "retained after the run %s, one list %s"
                     % (n, _loops_note(n), figure_text(peak), figure_text(kept),
                        figure_text(one) if one is not None else "taken as the peak"))
    cycle = observed(run, label, "refcount", "C14_cycle_needs_gc")
    if cycle is not None and isinstance(cycle[0], tuple) and len(cycle[0]) == 2:
        notes.append("(an object in a reference cycle, whose count never drops to zero: "
                     "dead after del %s, after gc.collect() %s)" % cycle[0])
    verdict, conditions = combine(parts)
    return Decision(verdict, conditions, "; ".join(notes) + "." if notes else "")


# --- C15 -----------------------------------------------------------------------------

def decide_c15(run, label):
    """C15: sys.getrefcount(a) for a list bound to two names returns 3.

    Criterion: the observed counts of a list bound to two names, at module level
    (C15_two_names_module) and in a function (first of C15_in_function), equal 3:
    both -> holds; one -> partly (saying which scope); neither -> fails. The counts
    with one name (the article's reasoning predicts 2) are given as evidence.
    """
    module = observed(run, label, "refcount", "C15_two_names_module")
    function = observed(run, label, "refcount", "C15_in_function")
    one = observed(run, label, "refcount", "C15_one_name_module")
    parts = []
    notes = []
    if module is None or module[1] is not None:
        parts.append((None, "", "refcount/C15_two_names_module not recorded"))
    else:
        parts.append((module[0] == 3, "at module level (3)", "at module level (%s)" % module[2]))
        notes.append("two names at module level: %s" % module[2])
    if function is None or function[1] is not None or not isinstance(function[0], tuple):
        parts.append((None, "", "refcount/C15_in_function not recorded"))
    else:
        parts.append((function[0][0] == 3, "in a function (3)",
                      "in a function (%s)" % function[0][0]))
        notes.append("in a function: two names %s, one name %s" % function[0][:2])
    if one is not None:
        notes.append("one name at module level: %s" % one[2])
    verdict, conditions = combine(parts)
    return Decision(verdict, conditions,
                    "sys.getrefcount of a list (the call's argument counts one): %s."
                    % "; ".join(notes))


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
    thresholds = observed(run, label, "gc", "C16_get_threshold")
    structure = None
    generations = None
    if thresholds is not None and thresholds[1] is None and isinstance(thresholds[0], tuple):
        generations = len(thresholds[0])
        structure = generations >= 2
        notes.append("gc.get_threshold() = %s (%d generation%s)"
                     % (thresholds[2], generations, "" if generations == 1 else "s"))
    order = observed(run, label, "gc", "C16_generation_order")
    first_older = observed(run, label, "gc", "C16_first_older_collection")
    per_gen = observed(run, label, "gc", "C16_collections_per_generation")
    ordered = None
    if (order is not None and order[1] is None and isinstance(order[0], tuple)
            and order[0][0] and generations):
        count, first = order[0][0], order[0][1]
        oldest = generations - 1
        ordered = first[0] == oldest
        notes.append("allocating 100 x threshold 0 containers, %d automatic collections, "
                     "the generations of the first %d in order: %s (oldest: %d)"
                     % (count, len(first), " ".join(str(g) for g in first), oldest))
        if first_older is not None and first_older[1] is None and first_older[0]:
            notes.append("the first collection of an older generation (generation %d) came "
                         "after %d of generation 0" % first_older[0])
    if per_gen is not None and per_gen[1] is None and isinstance(per_gen[0], tuple):
        notes.append("collections per generation over the same allocation: %s" % per_gen[2])
        if ordered is None and generations and per_gen[0][-1] != per_gen[0][0]:
            ordered = per_gen[0][-1] > per_gen[0][0]
    n = largest_common_size(run, label, "gc", ("cycles_gc_on",), "gc_collections_gen0")
    young = run.figure(label, "gc", "cycles_gc_on", "gc_collections_gen0", n)
    old = run.figure(label, "gc", "cycles_gc_on", "gc_collections_gen2", n)
    if young is not None and old is not None:
        notes.append("gc/cycles_gc_on n=%s, collections in a run: generation 0 %s, "
                     "generation 2 %s" % (n, figure_text(young), figure_text(old)))
        if ordered is None and young.median != old.median:
            ordered = old.median > young.median
    why = []
    if order is not None and order[1]:
        why.append("gc.callbacks: %s" % order[1])
    if per_gen is not None and per_gen[1]:
        why.append("gc.get_stats: %s" % per_gen[1])
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

# (observation, does its value bear the claim out (None: unreadable), what holds, what
# does not, how the evidence names it)
C17_PARTS = [
    ("C17_refcount_before_after",
     lambda value: value[0] == value[1] if isinstance(value, tuple) and len(value) >= 2
     else None,
     "the count does not rise", "the count rises", "refcount before and after weakref.ref"),
    ("C17_call_returns_object", lambda value: value is True,
     "r() gives the live object", "r() does not give it", "r() is the object while it lives"),
    ("C17_none_after_del", lambda value: value is True,
     "r() is None once freed", "r() is not None after del", "r() is None after del"),
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
    parts = []
    notes = []
    for name, holds, says, fails, note in C17_PARTS:
        seen = observed(run, label, "weakref", name)
        if seen is None or seen[1] is not None or holds(seen[0]) not in (True, False):
            parts.append((None, "", "weakref/%s not recorded" % name))
            continue
        parts.append((holds(seen[0]), says, fails))
        notes.append("%s: %s" % (note, seen[2]))
    verdict, conditions = combine(parts)
    return Decision(verdict, conditions, "; ".join(notes) + ".")


# --- C18 -----------------------------------------------------------------------------

C18_BUILTINS = (("list", "C18_list"), ("dict", "C18_dict"), ("int", "C18_int"),
                ("str", "C18_str"), ("tuple", "C18_tuple"), ("set", "C18_set"),
                ("frozenset", "C18_frozenset"), ("function", "C18_function"),
                ("a class (type)", "C18_class_itself"))
C18_INSTANCES = (("an instance of a class", "C18_class_instance"),
                 ("an instance of a list subclass", "C18_list_subclass"),
                 ("an instance of a class with __slots__ and no __weakref__",
                  "C18_slots_instance"))


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
    def split(probes):
        accept, refuse, unknown = [], [], []
        for what, name in probes:
            o = observed(run, label, "weakref", name)
            if o is None:
                unknown.append(what)
            elif o[1] is None and o[0] is not None:
                accept.append(what)
            elif o[1] is not None and o[1].startswith("TypeError"):
                refuse.append(what)
            else:
                unknown.append(what)
        return accept, refuse, unknown
    b_accept, b_refuse, b_unknown = split(C18_BUILTINS)
    i_accept, i_refuse, i_unknown = split(C18_INSTANCES)
    notes = []
    if b_refuse:
        notes.append("built-ins that refuse (TypeError): %s" % listing(b_refuse))
    if b_accept:
        notes.append("built-ins that accept: %s" % listing(b_accept))
    if i_accept:
        notes.append("accepted: %s" % listing(i_accept))
    if i_refuse:
        notes.append("refused: %s" % listing(i_refuse))
    if b_unknown or i_unknown:
        notes.append("not recorded: %s" % listing(b_unknown + i_unknown))
    evidence = "; ".join(notes) + "." if notes else ""
    if not (b_accept or b_refuse) or not (i_accept or i_refuse):
        return Decision(UNTESTABLE, "weakref/C18_* observations not recorded", evidence)
    if not b_accept and not i_refuse:
        return Decision(HOLDS, "", evidence)
    if not b_refuse or not i_accept:
        return Decision(FAILS, "", evidence)
    conditions = "holds for %s" % listing(b_refuse)
    if i_accept:
        conditions += " (refused) and for %s (accepted)" % listing(i_accept)
    nots = []
    if b_accept:
        nots.append("%s accept%s" % (listing(b_accept), "" if len(b_accept) > 1 else "s"))
    if i_refuse:
        nots.append("%s refuse%s" % (listing(i_refuse), "" if len(i_refuse) > 1 else "s"))
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
    cache_dict. Either `lower` beyond the noise, and neither `higher` -> holds;
    otherwise fails. (Both measure pinned memory; the peak is there because the weak
    cache retains next to nothing, tens of bytes that vary by a factor of several from
    run to run, which makes the interval of a log-scale ratio over two samples very
    wide though the difference is 5 orders of magnitude.) Without tracemalloc (2.7) the
    observed behaviour decides: after the caller drops a large object, the weak cache
    no longer holds it and it is dead (C19_cache_after_del, C19_object_alive_after_del)
    -> holds, else fails; neither -> untestable.
    """
    notes = []
    behaviour = None
    sizes = observed(run, label, "weakref", "C19_cache_after_del")
    alive = observed(run, label, "weakref", "C19_object_alive_after_del")
    if sizes is not None and sizes[1] is None and isinstance(sizes[0], tuple):
        notes.append("after the caller drops a list of 10**6 ints, entries left: dict %s, "
                     "WeakValueDictionary %s" % sizes[0][:2])
        behaviour = sizes[0][1] == 0
    if alive is not None and alive[1] is None and isinstance(alive[0], tuple):
        notes.append("object still alive: held by the dict %s, by the WeakValueDictionary %s"
                     % alive[0][:2])
        behaviour = (alive[0][1] is False) and (behaviour is not False)
    judged_verdicts = []
    measured_notes = []
    for metric, what in (("retained_bytes", "bytes retained after"),
                         ("peak_bytes", "peak during")):
        n = largest_common_size(run, label, "weakref", ("cache_dict", "cache_weak"), metric)
        c = run.contrast(label, "weakref", "cache_dict", "cache_weak", metric, n=n)
        if c is None or c.verdict == "insufficient data":
            continue
        judged_verdicts.append(c.verdict)
        strong = run.figure(label, "weakref", "cache_dict", metric, n)
        weak = run.figure(label, "weakref", "cache_weak", metric, n)
        measured_notes.append("%s a run of %s cached objects (lists of 10 000 ints) the "
                              "caller dropped: dict %s, WeakValueDictionary %s; weak / dict %s"
                              % (what, _loops_note(n), figure_text(strong), figure_text(weak),
                                 contrast_text(c)))
    measured = bool(judged_verdicts)
    notes = measured_notes + notes
    notes_text = "; ".join(notes) + "." if notes else ""
    notes_text += programs_text(run, label, ("weakref_cache", "dict_cache"))
    if measured:
        ok = "lower" in judged_verdicts and "higher" not in judged_verdicts
        return Decision(HOLDS if ok else FAILS, "", notes_text)
    what = missing(run, label, "weakref", "cache_weak", "retained_bytes")
    if behaviour is None:
        return Decision(UNTESTABLE, what + "; weakref/C19_* observations not recorded",
                        notes_text)
    return Decision(HOLDS if behaviour else FAILS,
                    "memory not measured (%s): decided on the observed behaviour" % what,
                    notes_text)


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


def _c20_aspect(run, label, metric):
    """For one metric: per pair, the sizes where join is better beyond the noise, where
    there is no telling, and where += is better; with the contrast at the largest size.
    Returns (results, unavailable reason or None)."""
    results = []
    reason = None
    for title, plus_case, join_case in C20_PAIRS:
        wins, ties, losses = [], [], []
        last = None
        for n in common_sizes(run, label, "strings", (plus_case, join_case), metric):
            c = run.contrast(label, "strings", join_case, plus_case, metric, n=n)
            if c is None or c.verdict == "insufficient data":
                continue
            last = (n, c)
            if c.verdict in WORSE:      # the += candidate costs more: join is better
                wins.append(n)
            elif c.verdict in BETTER:
                losses.append(n)
            else:
                ties.append(n)
        if last is None:
            sizes = run.sizes(label, "strings", plus_case, metric)
            reason = reason or missing(run, label, "strings", plus_case, metric,
                                       sizes[-1] if sizes else None)
            continue
        results.append((title, plus_case, join_case, wins, ties, losses, last))
    return results, reason


def _where(entries):
    """"iadd (every n), plus (n=10,100)" from (case, sizes, all sizes tested)."""
    return ", ".join("%s (%s)" % (case, "every n" if len(ns) == total else
                                  "n=" + ",".join(str(n) for n in ns))
                     for case, ns, total in entries)


def decide_c20(run, label):
    """C20: building a string with +/+= in a loop wastes memory and time; ''.join(map(...))
    is better.

    Criterion: each += variant of the strings family is contrasted with the join that
    builds the same string, at every size both have: iadd (+= on a local), plus
    (s = s + p), iadd_module (+= on a global), iadd_aliased (+= while a second
    reference lives) against join_append (collect, then join); the article's loop
    hello_loop and hello_loop_module against hello_join_map_plus (its ''.join(map(...))
    with the same concat_hello). Time (time_per_op) and memory (bytes_per_op: the bytes
    requested from the allocator per build, a realloc counted at its new size) are two
    aspects. An aspect holds where the += variant costs more than join beyond the noise
    (95% CI of += / join above 1). Both aspects hold at every pair and size -> holds;
    nowhere -> fails; otherwise partly, naming the variants and sizes where join is not
    better (no difference, or += better). An aspect the run cannot measure (memory on
    2.7) is left out and named.
    """
    parts = []
    notes = []
    for metric, word, join_better, plus_better in (
            ("time_per_op", "time", "join faster", "+= faster"),
            ("bytes_per_op", "bytes requested", "join requests fewer", "+= requests fewer")):
        results, reason = _c20_aspect(run, label, metric)
        if not results:
            parts.append((None, "", "%s: %s" % (word, reason)))
            continue
        lines = []
        wins_at, ties_at, losses_at = [], [], []
        for title, plus_case, join_case, wins, ties, losses, (n, c) in results:
            lines.append("%s (%s / %s)%s %s" % (title, plus_case, join_case, size_text(n),
                                                contrast_text(c)))
            total = len(wins) + len(ties) + len(losses)
            for found, into in ((wins, wins_at), (ties, ties_at), (losses, losses_at)):
                if found:
                    into.append((plus_case, found, total))
        notes.append("%s, += / join at the largest size: %s" % (word.capitalize(),
                                                                 "; ".join(lines)))
        held = "%s: %s for %s" % (word, join_better, _where(wins_at))
        failed = "; ".join(text for text in (
            "%s: no difference for %s" % (word, _where(ties_at)) if ties_at else "",
            "%s: %s for %s" % (word, plus_better, _where(losses_at)) if losses_at else "")
            if text)
        if not ties_at and not losses_at:
            parts.append((True, "%s: %s everywhere" % (word, join_better), ""))
        elif not wins_at:
            parts.append((False, "", failed))
        else:
            parts.append(("mixed", held, failed))
    verdict, conditions = _combine_mixed(parts)
    evidence = ". ".join(notes) + "." if notes else "No += / join contrast could be judged."
    evidence += programs_text(run, label, ("concat_module", "concat_join"))
    return Decision(verdict, conditions, evidence)


def _combine_mixed(parts):
    """combine() for parts whose status may also be "mixed" (holds in some places, not
    in others): any mixed part, or a part holding beside one failing, gives partly."""
    statuses = [p[0] for p in parts]
    known = [s for s in statuses if s is not None]
    if not known:
        return UNTESTABLE, "; ".join(p[2] for p in parts if p[2])
    if "mixed" not in known:
        return combine(parts)
    held = [p[1] for p in parts if p[0] in (True, "mixed") and p[1]]
    failed = [p[2] for p in parts if p[0] in (False, "mixed") and p[2]]
    unknown = [p[2] for p in parts if p[0] is None and p[2]]
    conditions = "holds: %s; not: %s" % ("; ".join(held), "; ".join(failed))
    if unknown:
        conditions += "; untested: " + "; ".join(unknown)
    return PARTLY, conditions


# --- C21 -----------------------------------------------------------------------------

def decide_c21(run, label):
    """C21: str.format / f-strings are better than + for putting strings together.

    Criterion: one short string from three parts (strings/fmt_*): fmt_format and
    fmt_fstring each against fmt_plus, in time (time_per_op) and in memory (bytes_per_op,
    the bytes requested: the article gives this as a memory tip). One is better where it
    costs less than + in at least one of the two beyond the noise (95% CI of its ratio
    to + below 1; exact counts differ) and more in neither; otherwise (more in either,
    or no difference in both) it is not. Both better -> holds; neither -> fails; one
    -> partly (naming which). What the interpreter lacks is left out and named: an
    idiom (f-strings before 3.6: its `*` row in unavailable.csv), or the bytes (2.7:
    then time alone decides). The article's own pair (hello_join_map, with format,
    against hello_join_map_plus, with +) is given for context.
    """
    parts = []
    notes = []
    base = run.figure(label, "strings", "fmt_plus", "time_per_op")
    if base is not None:
        notes.append("\"Hello\" + s + \"\\n\" %s" % figure_text(base))
    for title, case in (("str.format", "fmt_format"), ("f-string", "fmt_fstring")):
        judged_pairs = []
        for metric, word in (("time_per_op", "time"), ("bytes_per_op", "bytes")):
            c = run.contrast(label, "strings", "fmt_plus", case, metric)
            if c is not None and c.verdict != "insufficient data":
                judged_pairs.append((word, c))
        if not judged_pairs:
            why = run.unavailable(label, "strings", case, "*") or missing(
                run, label, "strings", case, "time_per_op")
            parts.append((None, "", "%s (%s)" % (title, why)))
            continue
        note = "%s / +: %s" % (title, ", ".join(
            "%s %s" % (word, contrast_text(c)) for word, c in judged_pairs))
        if len(judged_pairs) < 2:
            lacking = "bytes_per_op" if judged_pairs[0][0] == "time" else "time_per_op"
            note += " (%s)" % missing(run, label, "strings", case, lacking)
        notes.append(note)
        less = [word for word, c in judged_pairs if c.verdict in BETTER]
        more = [word for word, c in judged_pairs if c.verdict in WORSE]
        figures = " and ".join("%sx the %s%s" % (sig(c.ratio), word, "" if c.verdict in
                                                   BETTER + WORSE else " (no difference)")
                               for word, c in judged_pairs)
        parts.append((bool(less) and not more, "%s with %s" % (title, figures),
                      "%s with %s" % (title, figures)))
    verdict, conditions = combine(parts)
    n = largest_common_size(run, label, "strings", ("hello_join_map", "hello_join_map_plus"),
                            "time_per_op")
    ctx = run.contrast(label, "strings", "hello_join_map_plus", "hello_join_map",
                       "time_per_op", n=n) if n else None
    evidence = "; ".join(notes) + "."
    if ctx is not None:
        evidence += (" The article's join(map(...)) with format / with +, n=%s: %s."
                     % (n, contrast_text(ctx)))
    return Decision(verdict, conditions, evidence)


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
      C22_len_data_after_with gives it) -> holds, else fails. Without those figures
      (2.7) the observations decide: the name still holds the file object after the
      block with the same count as without `with` (C22_getrefcount_after_with vs
      C22_getrefcount_without_with) -> fails; a lower count -> holds.
    Both parts hold -> holds; one -> partly; neither -> fails. The descriptors a run
    leaves open (fds_delta of open_rebind, open_kept) and the ResourceWarnings of
    open_rebind are given as evidence: without `with` the file is closed when its last
    reference goes.
    """
    notes = []
    parts = []
    closed = observed(run, label, "release", "C22_closed_after_with")
    after_del = observed(run, label, "release", "C22_after_del_without_with")
    if closed is None or closed[1] is not None:
        parts.append((None, "", "release/C22_closed_after_with not recorded"))
    else:
        open_before = None
        if after_del is not None and after_del[1] is None and isinstance(after_del[0], tuple):
            open_before = after_del[0][0] is False
            notes.append("without with: closed after the read %s, and after del f the file "
                         "object is freed %s, its descriptor closed %s" % after_del[0][:3])
        ok = closed[0] is True and open_before is not False
        parts.append((ok, "with closes the file when the block ends",
                      "with does not close the file at the block's end"))
        notes.insert(0, "f.closed right after the with block: %s" % closed[2])
    size = observed(run, label, "release", "C22_len_data_after_with")
    file_bytes = size[0] if size is not None and isinstance(size[0], int) else None
    if file_bytes is not None:
        notes.append("the data read (%d characters) outlives the with block" % file_bytes)
    n = largest_common_size(run, label, "release", ("with_open", "open_rebind"), "peak_bytes")
    memory = None
    mem_notes = []
    for metric in ("peak_bytes", "retained_bytes"):
        c = run.contrast(label, "release", "open_rebind", "with_open", metric, n=n)
        if c is None or c.verdict == "insufficient data":
            continue
        without = run.figure(label, "release", "open_rebind", metric, n)
        within = run.figure(label, "release", "with_open", metric, n)
        saved = without.median - within.median
        material = file_bytes is None or saved >= file_bytes / 2.0
        mem_notes.append("%s of a run of %s files: without with %s, with %s; with / without "
                         "%s" % (metric, _loops_note(n), figure_text(without),
                                 figure_text(within), contrast_text(c)))
        if c.verdict == "lower" and material:
            memory = True
        elif memory is None:
            memory = False
    if memory is not None:
        notes.extend(mem_notes)
        if memory is False and file_bytes is not None:
            notes.append("no saving of at least half the file (%d bytes) beyond the noise"
                         % (file_bytes // 2))
    counts_without = observed(run, label, "release", "C22_getrefcount_without_with")
    counts_after = observed(run, label, "release", "C22_getrefcount_after_with")
    if counts_without is not None and counts_after is not None:
        notes.append("sys.getrefcount(f) without with %s, after the with block %s"
                     % (counts_without[2], counts_after[2]))
        if memory is None and isinstance(counts_without[0], int) and isinstance(
                counts_after[0], int):
            memory = counts_after[0] < counts_without[0]
    if memory is None:
        parts.append((None, "", missing(run, label, "release", "with_open", "peak_bytes")))
    else:
        parts.append((memory, "with releases the file's memory at the block's end",
                      "memory: with frees nothing at the block's end (the name still holds "
                      "the closed file object, and the data lives on)"))
    for case in ("open_rebind", "open_kept"):
        fds = run.figure(label, "release", case, "fds_delta", n)
        if fds is not None:
            notes.append("descriptors left open by a run of %s, %s: %s"
                         % (_loops_note(n), case, figure_text(fds)))
    warnings = run.figure(label, "release", "open_rebind", "resource_warnings", n)
    if warnings is not None:
        notes.append("ResourceWarnings, open_rebind: %s" % figure_text(warnings))
    verdict, conditions = combine(parts)
    evidence = "; ".join(notes) + "."
    evidence += programs_text(run, label, ("read_with", "read_without_with"))
    return Decision(verdict, conditions, evidence)


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
