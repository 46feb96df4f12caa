# The refcount family: what `del` and dropping the last reference cost, what
# `sys.getrefcount` costs, and what it reports.
#
# Claims (../shared/CLAIMS.md):
#   C14  `del` removes a name; an object's memory is reclaimed as soon as its reference
#        count drops to zero (no collector needed). Measured: building and dropping a
#        list of n ints (`x = list(range(n)); del x`) against building it alone and
#        letting the next rebinding drop it; `del` of a name bound to an already built
#        object (re-bound each time from a name the setup keeps, so nothing is freed:
#        the cost of `del` itself). Observed: a weak reference is dead right after
#        `del` for an object outside any cycle, and stays alive for an object in a
#        cycle until gc.collect() (the collector switched off meanwhile).
#   C15  `sys.getrefcount(a)` for a list bound to two names returns 3. Observed at
#        module level and in a function (3.12+ no longer counts some borrowed
#        references, and None is immortal: its count is a fixed huge number); measured:
#        the call's cost.
#
# A case is plain data: name, setup (runs once before each timed loop, untimed), stmt
# (timed, once per operation), and optionally sizes, instruments, gc and scope. See
# bench/identity.py and README.md.

SIZES = [10, 100, 1000, 10000, 100000]

CASES = [
    # --- C14: freeing at once, when the last reference goes ---
    # Build a list of n ints and `del` it: the list and its ints (above 256) are freed
    # inside the statement.
    dict(name="build_del", setup="r = range(n)", stmt="x = list(r); del x", sizes=SIZES),
    # Build it and keep it until the next operation rebinds `x`: the same work, the
    # freeing moved one operation later (so included all the same).
    dict(name="build_rebind", setup="r = range(n); x = list(r); x = list(r)",
         stmt="x = list(r)", sizes=SIZES),
    # The memory of the same: what `del` gives back before the loop's scope ends
    # (retained_bytes near 0 while peak_bytes holds one list), and RSS. sizes=[100000]
    # also fixes a run at 10 operations.
    dict(name="del_memory", setup="r = range(n)", stmt="x = list(r); del x",
         sizes=[100000], instruments=["memory"]),
    # `del` of a name whose object stays alive (`keep` holds it): the unbinding alone.
    dict(name="del_name", setup="keep = [0] * 1000", stmt="x = keep; del x"),
    # The same binding without the del, to subtract.
    dict(name="bind_name", setup="keep = [0] * 1000", stmt="x = keep"),

    # --- C15: the call itself ---
    dict(name="getrefcount", setup="import sys; getrefcount = sys.getrefcount; a = []; b = a",
         stmt="getrefcount(a)"),
    dict(name="len_call", setup="a = []; b = a", stmt="len(a)"),
]

# Behaviour, recorded in observations.csv (never judged here: the claims report reads
# the rows). Each code string runs once at module level of a fresh namespace (globals
# in a dict) and sets `result`.
OBSERVATIONS = [
    # C15: a list bound to two names, at module level: the article says 3.
    dict(name="C15_two_names_module", code="import sys; a = []; b = a; result = sys.getrefcount(a)"),
    # ... and bound to one name: the article's reasoning gives 2.
    dict(name="C15_one_name_module", code="import sys; a = []; result = sys.getrefcount(a)"),
    # The same inside a function (fast locals): (two names, one name).
    dict(name="C15_in_function", code="""
import sys
def two():
    a = []
    b = a
    return sys.getrefcount(a)
def one():
    a = []
    return sys.getrefcount(a)
result = (two(), one())
"""),
    # None's count: immortal on 3.12+ (a fixed, huge number), an ordinary count before.
    dict(name="C15_none", code="import sys; result = sys.getrefcount(None)"),
    # Whether None's count moves when a reference is added: (before, after 1000 more).
    dict(name="C15_none_moves", code="""
import sys
before = sys.getrefcount(None)
held = [None] * 1000
result = sys.getrefcount(None) - before
"""),
    # C14: an object outside any cycle is freed on `del` (the weak reference is dead),
    # the collector switched off.
    dict(name="C14_freed_on_del", code="""
import gc, weakref
class C(object):
    pass
enabled = gc.isenabled()
gc.disable()
try:
    c = C()
    r = weakref.ref(c)
    del c
    result = r() is None
finally:
    if enabled:
        gc.enable()
"""),
    # A finalizer runs inside `del`: (ran before del returned?)
    dict(name="C14_finalizer_on_del", code="""
import gc
ran = []
class C(object):
    def __del__(self):
        ran.append(1)
enabled = gc.isenabled()
gc.disable()
try:
    c = C()
    del c
    result = len(ran) == 1
finally:
    if enabled:
        gc.enable()
"""),
    # C14: an object in a reference cycle, the collector off: (dead after del?, dead
    # after gc.collect()?)
    dict(name="C14_cycle_needs_gc", code="""
import gc, weakref
class C(object):
    pass
enabled = gc.isenabled()
gc.disable()
try:
    c = C()
    c.me = c
    r = weakref.ref(c)
    del c
    after_del = r() is None
    gc.collect()
    result = (after_del, r() is None)
finally:
    if enabled:
        gc.enable()
"""),
    # `del` removes the name: using it afterwards raises NameError (recorded as the error).
    dict(name="C14_del_removes_name", code="x = [1]; del x; result = x"),
]
