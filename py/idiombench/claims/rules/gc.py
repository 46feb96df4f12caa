"""py/idiombench/claims/rules/gc.py: the rule of the claim the gc family (bench/gc.py)
decides: C16 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.run import Decision
from idiombench.claims.rules.shared import FAILS, HOLDS, PARTLY, UNTESTABLE
from idiombench.claims.vocabulary import (figure_text, largest_common_size, observed, raised,
                                          shown)


TITLES = {
    "C16": "gc: generations, oldest first",
}


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


RULES = {
    "C16": decide_c16,
}
