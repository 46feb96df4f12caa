# The weakref family: what a weak reference costs to make and to follow, and what a
# WeakValueDictionary costs against a dict; and, observed, what a weak reference does.
#
# Claims (../shared/CLAIMS.md):
#   C17  weakref.ref reaches an object without raising its reference count; once the
#        object is freed, the weak reference returns None.
#   C18  weak references do not work on built-in types, only on instances of classes.
#        (Observed: list, dict, int, str, tuple refuse; set, frozenset, functions,
#        classes and instances accept; a subclass of list accepts.)
#   C19  a cache held through weak references does not pin large objects. Observed
#        with a list subclass holding 10**6 ints, held by a dict and by a
#        WeakValueDictionary after the caller drops it.
#
# Cases:
#   ref_create     r = weakref.ref(obj, callback): with a callback a new ref object
#                  is made every time (the previous one is freed when `r` is rebound).
#   ref_create_shared
#                  weakref.ref(obj) while a callback-free ref to obj lives: CPython
#                  hands back that ref, nothing is made (the call's cost alone).
#   ref_call       r(): following a weak reference to a live object.
#   plain_ref      obj: using the plain reference (a local load), to compare.
#   wvd_get        WeakValueDictionary.get(k) on a hit, 100 entries.
#   dict_get       dict.get(k), the same entries.
#
# A case is plain data: name, setup (runs once before each timed loop, untimed), stmt
# (timed, once per operation), and optionally sizes, instruments, gc and scope. See
# bench/identity.py and README.md.

FAMILY = "weakref"

SETUP_OBJ = """
import weakref
class C(object):
    pass
obj = C()
"""

SETUP_MAPS = """
import weakref
class C(object):
    pass
values = [C() for i in range(100)]
d = dict(('k%d' % i, v) for i, v in enumerate(values))
w = weakref.WeakValueDictionary(d)
k = 'k42'
"""

SETUP_CACHE = """
import sys, weakref
class Big(list):
    pass
r = range(10000)
caches = sys.__dict__.setdefault('idiombench_caches', {})
"""

CASES = [
    # With a callback, weakref.ref always makes a new ref object (refs without one are
    # shared): each operation makes one and frees the previous one, when `r` is rebound.
    dict(name="ref_create", setup=SETUP_OBJ + "ref = weakref.ref\n"
         "def callback(dead):\n    pass\nr = ref(obj, callback)",
         stmt="r = ref(obj, callback)"),
    # Without a callback: CPython hands back the existing ref while one lives.
    dict(name="ref_create_shared", setup=SETUP_OBJ + "ref = weakref.ref\nr = ref(obj)",
         stmt="ref(obj)"),
    dict(name="ref_call", setup=SETUP_OBJ + "r = weakref.ref(obj)", stmt="r()"),
    dict(name="plain_ref", setup=SETUP_OBJ, stmt="obj"),
    dict(name="wvd_get", setup=SETUP_MAPS, stmt="w.get(k)"),
    dict(name="dict_get", setup=SETUP_MAPS, stmt="d.get(k)"),
    dict(name="wvd_getitem", setup=SETUP_MAPS, stmt="w[k]"),
    dict(name="dict_getitem", setup=SETUP_MAPS, stmt="d[k]"),

    # C19 in bytes: each operation makes a large object (a list subclass of 10 000 ints,
    # weakly referenceable), caches it, and the caller drops it. Held by a dict, it stays;
    # held by a WeakValueDictionary, it goes as soon as the caller lets go. The caches
    # live on sys so that they outlive the loop's scope; retained_bytes is per run (10
    # operations: sizes=[1000] fixes the count).
    dict(name="cache_dict", setup=SETUP_CACHE + "cache = caches.setdefault('dict', {})",
         stmt="big = Big(r); cache[len(cache)] = big; del big",
         sizes=[1000], instruments=["memory"]),
    dict(name="cache_weak", setup=SETUP_CACHE +
         "cache = caches.setdefault('weak', weakref.WeakValueDictionary())",
         stmt="big = Big(r); cache[len(cache)] = big; del big",
         sizes=[1000], instruments=["memory"]),
]

# Behaviour, recorded in observations.csv (never judged here: the claims report reads
# the rows). Each code string runs once at module level of a fresh namespace and sets
# `result`.
OBSERVATIONS = [
    # C17: (refcount before, refcount after creating a weak reference)
    dict(name="C17_refcount_before_after", code="""
import sys, weakref
class C(object):
    pass
obj = C()
before = sys.getrefcount(obj)
r = weakref.ref(obj)
result = (before, sys.getrefcount(obj))
"""),
    # C17: the referent is reachable through the ref while alive.
    dict(name="C17_call_returns_object", code="""
import weakref
class C(object):
    pass
obj = C()
r = weakref.ref(obj)
result = r() is obj
"""),
    # C17: after del, r() returns None.
    dict(name="C17_none_after_del", code="""
import weakref
class C(object):
    pass
obj = C()
r = weakref.ref(obj)
del obj
result = r() is None
"""),
    # C18: built-in types that refuse a weak reference (the TypeError is the evidence).
    dict(name="C18_list", code="import weakref; result = weakref.ref([])"),
    dict(name="C18_dict", code="import weakref; result = weakref.ref({})"),
    dict(name="C18_int", code="import weakref; result = weakref.ref(1)"),
    dict(name="C18_str", code="import weakref; result = weakref.ref('s')"),
    dict(name="C18_tuple", code="import weakref; result = weakref.ref((1, 2))"),
    # ... and those that accept one: the referent's type name through the ref.
    dict(name="C18_set", code="import weakref; s = set(); result = type(weakref.ref(s)()).__name__"),
    dict(name="C18_frozenset", code="import weakref; s = frozenset([1]); result = type(weakref.ref(s)()).__name__"),
    dict(name="C18_function", code="""
import weakref
def f():
    pass
result = type(weakref.ref(f)()).__name__
"""),
    dict(name="C18_class_instance", code="""
import weakref
class C(object):
    pass
c = C()
result = type(weakref.ref(c)()).__name__
"""),
    dict(name="C18_class_itself", code="""
import weakref
class C(object):
    pass
result = weakref.ref(C)() is C
"""),
    dict(name="C18_list_subclass", code="""
import weakref
class Big(list):
    pass
b = Big()
result = type(weakref.ref(b)()).__name__
"""),
    # C18: an instance of a class with __slots__ and no __weakref__ slot refuses.
    dict(name="C18_slots_instance", code="""
import weakref
class S(object):
    __slots__ = ('a',)
result = weakref.ref(S())
"""),
    # C19: (len(dict cache), len(WeakValueDictionary cache)) after the caller drops
    # the large object each cache was given (a list subclass of 10**6 ints; one
    # object per cache, so that neither cache keeps the other's alive).
    dict(name="C19_cache_after_del", code="""
import weakref
class Big(list):
    pass
strong = {}
big = Big(range(10 ** 6))
strong['big'] = big
del big
weak = weakref.WeakValueDictionary()
big = Big(range(10 ** 6))
weak['big'] = big
del big
result = (len(strong), len(weak))
"""),
    # C19: the same, through a weak reference to the dropped object: (dict-held object
    # still alive?, WeakValueDictionary-held object still alive?)
    dict(name="C19_object_alive_after_del", code="""
import weakref
class Big(list):
    pass
strong = {}
big = Big(range(10 ** 6))
strong['big'] = big
r_strong = weakref.ref(big)
del big
weak = weakref.WeakValueDictionary()
big = Big(range(10 ** 6))
weak['big'] = big
r_weak = weakref.ref(big)
del big
result = (r_strong() is not None, r_weak() is not None)
"""),
]
