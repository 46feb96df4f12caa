# The gc family: what the cyclic garbage collector costs and does: a full collection
# against n live containers, a young-generation collection against the same, cycles that
# only the collector frees (with it on and off), and an allocation-heavy loop with the
# collector on, off, and after gc.freeze().
#
# Claim (../shared/CLAIMS.md):
#   C16  the collector works by generations with thresholds; when a threshold is
#        passed, the oldest generation is collected first. Recorded raw (nothing is
#        decided here): the thresholds, the counts, the per-generation collection
#        counts and the order of the generations collected while containers are
#        allocated past threshold 0 many times.
#
# Cases:
#   collect_full      gc.collect() with n live containers (lists) kept alive by the
#                     setup: a full collection traverses every tracked object, O(n).
#                     The setup first freezes the interpreter's own objects (see LIVE),
#                     so the figure is the n lists'. Not run before 3.7 (no gc.freeze):
#                     there it would time the whole heap, 150x more at n=100, and a
#                     comparison across versions would report that as a speed-up.
#   collect_gen0      gc.collect(0) against the same n live objects: after the first
#                     collection they sit in the oldest generation, so a young
#                     collection does not traverse them.
#   cycles_gc_on      n self-referencing lists made per operation and dropped, with the
#   cycles_gc_off     collector on and off. Also "memory" and "resources": with the
#                     collector off the cycles pile up (retained_bytes grows with the
#                     operations: per run of 10000 // n operations, 10000 cycles); with
#                     it on gc_collections_gen0 counts the collections that free them.
#   alloc_gc_off      [[] for _ in range(n)], n = 1000, per operation (1000 containers alive
#   alloc_gc_on       at once: past threshold 0 (700) every operation up to 3.12, not on
#                     3.13 (2000)) with 10000 other lists
#   alloc_gc_frozen   alive: collector off, on, and on after gc.freeze() (3.7+: not run
#                     before, where it would be alloc_gc_on under another name).
#                     Sized only to fix the resources pass at 10 operations a run.
#                     gc.freeze() is process-wide and lasts: alloc_gc_frozen is the
#                     family's last case, and every other setup calls gc.unfreeze()
#                     when it exists, so the order of the cases does not matter.
#
# Figures of "memory" and "resources" are per run of a fixed number of operations
# (10000, or 10000 // n for a sized case): see docs/run-folder.md.

FAMILY = "gc"

UNFREEZE = "import gc\nif hasattr(gc, 'unfreeze'):\n    gc.unfreeze()\n"

# The interpreter's own objects (the harness's, the modules') are frozen first where
# gc.freeze() exists (3.7+), so that a full collection traverses the n live lists and
# little else; on 3.6 they are traversed too (some 10**4 objects), which adds a constant.
LIVE = (UNFREEZE + "gc.collect()\nif hasattr(gc, 'freeze'):\n    gc.freeze()\n"
        "live = [[] for _ in range(n)]\ngc.collect()\ncollect = gc.collect\n")

CYCLES = "for _i in range(n):\n    a = []\n    a.append(a)"

ALLOC = "live = [[] for _ in range(10000)]\ngc.collect()\n"

ALL = ["time", "allocs", "memory", "resources"]
TIME_GC = ["time", "allocs", "resources"]

CASES = [
    dict(name="collect_full", sizes=[100, 1000, 10000, 100000], gc=True,
         setup=LIVE, stmt="collect()", min_python=("3.7", "gc.freeze")),
    dict(name="collect_gen0", sizes=[100, 1000, 10000, 100000], gc=True,
         setup=LIVE, stmt="collect(0)"),
    dict(name="cycles_gc_on", sizes=[10, 100, 1000], gc=True, instruments=ALL,
         setup=UNFREEZE, stmt=CYCLES),
    dict(name="cycles_gc_off", sizes=[10, 100, 1000], gc=False, instruments=ALL,
         setup=UNFREEZE, stmt=CYCLES),
    dict(name="alloc_gc_off", sizes=[1000], gc=False, instruments=TIME_GC,
         setup=UNFREEZE + ALLOC, stmt="[[] for _ in range(n)]"),
    dict(name="alloc_gc_on", sizes=[1000], gc=True, instruments=TIME_GC,
         setup=UNFREEZE + ALLOC, stmt="[[] for _ in range(n)]"),
    # Last on purpose: gc.freeze() moves every tracked object to a permanent
    # generation that no collection visits, until gc.unfreeze().
    dict(name="alloc_gc_frozen", sizes=[1000], gc=True, instruments=TIME_GC,
         min_python=("3.7", "gc.freeze"),
         setup=UNFREEZE + ALLOC + "if hasattr(gc, 'freeze'):\n    gc.freeze()\n",
         stmt="[[] for _ in range(n)]"),
]

# Behaviour, recorded in observations.csv (never judged here). Each code string runs
# once at module level of a fresh namespace and sets `result`. Code that disables the
# collector re-enables it in a finally.
OBSERVATIONS = [
    # (threshold0, threshold1, threshold2)
    dict(name="C16_get_threshold", code="import gc; result = gc.get_threshold()"),
    # The per-generation counts right after a full collection.
    dict(name="C16_get_count_after_collect",
         code="import gc; gc.collect(); result = gc.get_count()"),
    # (number of generations in gc.get_stats(), the keys of one entry)
    dict(name="C16_get_stats_len_keys",
         code="import gc; s = gc.get_stats(); result = (len(s), sorted(s[0].keys()))"),
    # A cycle with the collector off: (freed by reference counting alone after del,
    # freed after gc.collect()).
    dict(name="C16_cycle_freed_refcount_then_collect", code="""
import gc, weakref
class Node(object):
    pass
was_enabled = gc.isenabled()
gc.disable()
try:
    a = Node()
    a.me = a
    r = weakref.ref(a)
    del a
    freed_by_refcount = r() is None
    gc.collect()
    freed_by_collect = r() is None
finally:
    if was_enabled:
        gc.enable()
result = (freed_by_refcount, freed_by_collect)
"""),
    # Allocate 100 * threshold0 containers (kept alive) with the collector on: the
    # increase of gc.get_stats()[g]['collections'] for g = 0, 1, 2.
    dict(name="C16_collections_per_generation", code="""
import gc
gc.enable()
gc.collect()
before = [s['collections'] for s in gc.get_stats()]
keep = [[] for _ in range(100 * gc.get_threshold()[0])]
after = [s['collections'] for s in gc.get_stats()]
result = tuple(a - b for a, b in zip(after, before))
"""),
    # The same allocation, with gc.callbacks recording the generation of each automatic
    # collection in the order they started: (number of collections, the first 25).
    dict(name="C16_generation_order", code="""
import gc
gc.enable()
gc.collect()
order = []
def cb(phase, info):
    if phase == 'start':
        order.append(info['generation'])
gc.callbacks.append(cb)
try:
    keep = [[] for _ in range(100 * gc.get_threshold()[0])]
finally:
    gc.callbacks.remove(cb)
result = (len(order), tuple(order[:25]))
"""),
    # The generation of the first automatic collection that is not of generation 0,
    # and how many generation-0 collections came before it.
    dict(name="C16_first_older_collection", code="""
import gc
gc.enable()
gc.collect()
order = []
def cb(phase, info):
    if phase == 'start':
        order.append(info['generation'])
gc.callbacks.append(cb)
try:
    keep = [[] for _ in range(100 * gc.get_threshold()[0])]
finally:
    gc.callbacks.remove(cb)
older = [i for i, g in enumerate(order) if g != 0]
result = (order[older[0]], older[0]) if older else None
"""),
    # gc.freeze (3.7+): (exists, objects in the permanent generation after freeze).
    dict(name="gc_freeze_count", code="""
import gc
if hasattr(gc, 'freeze'):
    gc.freeze()
    try:
        result = (True, gc.get_freeze_count() > 0)
    finally:
        gc.unfreeze()
else:
    result = (False, None)
"""),
]
