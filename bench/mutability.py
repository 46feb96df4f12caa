# The mutability family: changing a list in place against building a new one, and
# `+=` on an int, which always builds a new object.
#
# Claims (../shared/CLAIMS.md):
#   C04  appending to a list keeps the list (its id); `lst + other` allocates a new
#        list. Measured: `lst.append(x)`, `lst += [x]` and `lst.extend([x])` change
#        the list in place at an amortised O(1) per operation; `b = lst + [x]` builds
#        a new list of n + 1 items every time, so its time and bytes grow with n.
#   C05  `int += 10` produces a new object: an allocation per operation for an int
#        outside CPython's small-int cache (-5..256; -5..1024 from 3.15: the suite asks
#        the interpreter, C05_small_int_cache), none when the result is a small
#        int the cache already holds (a different object from the one `i` held, as
#        the claim says, but not a newly allocated one).
#
# How to read the figures:
#   - The in-place cases grow the list across the loop: every operation adds one item,
#     and the list never shrinks until the loop ends. That is the idiom (append in a
#     loop) and its cost is amortised O(1): most appends write into spare capacity, and
#     now and then the list reallocates its item array (over-allocating by about 1/8).
#     allocs_per_op and bytes_per_op are those occasional reallocations averaged over
#     the counting loop (10000 operations from an empty list), plus, for `+= [x]` and
#     `extend([x])`, the one-item list built for the operand. They are not sized: the
#     starting size would be swamped by the loop's own growth (and the allocation
#     pass counts only 10000 / n operations at size n).
#   - `b = lst + [x]` does not grow anything: each operation builds a new list from a
#     list of n items made once by the setup, and the previous `b` is freed when the
#     name is rebound. Its per-operation cost is that of one concatenation at size n.
#   - The int cases rebind `i` from a constant each time (`i = i0; i += 10`), so every
#     operation adds 10 to the same value: a plain `i += 10` from 0 would leave the
#     small-int cache after 25 operations and measure something else. `i = i0` alone
#     costs a few ns and no allocation; compare the three int cases with each other.
#
# A case is plain data: name, setup (runs once before each timed loop, untimed), stmt
# (timed, once per operation), and optionally sizes (values of n, seen by setup),
# instruments ("time", "allocs"), gc and scope. See bench/identity.py and README.md.

SIZES = [10, 100, 1000, 10000, 100000]

# The ends of the small-int cache, asked of the interpreter rather than assumed (-5..256
# up to 3.14, -5..1024 from 3.15): int() of a cached value gives the cache's one object
# every time, of any other value a new one. Sets `bottom` and `top`.
CACHE_ENDS = """
def _cache_end(step):
    end = 0
    while abs(end) < 10 ** 6 and int(str(end + step)) is int(str(end + step)):
        end += step
    return end
bottom, top = _cache_end(-1), _cache_end(1)
"""

CASES = [
    # --- a list, changed in place (C04): grows by one item per operation ---
    dict(name="append", setup="lst = []; x = 1", stmt="lst.append(x)"),
    dict(name="iadd", setup="lst = []; x = 1", stmt="lst += [x]"),
    dict(name="extend", setup="lst = []; x = 1", stmt="lst.extend([x])"),

    # --- a new list each time (C04): O(n) in the list's size ---
    # The setup ends with the statement twice, untimed, so that the loop starts in its
    # steady state (as in bench/copying.py, which says why): the list object of the
    # previous `b` is recycled for the next, and glibc serves the item array from its
    # heap, not from fresh pages.
    dict(name="concat", setup="lst = list(range(n)); x = 1; b = lst + [x]; b = lst + [x]",
         stmt="b = lst + [x]", sizes=SIZES),

    # --- int += 10 (C05) ---
    # 5 + 10 = 15: the result is the cached small int, no allocation.
    dict(name="int_iadd_small", setup="i0 = 5", stmt="i = i0; i += 10"),
    # Just past the cache's top (257 + 10 up to 3.14, 1025 + 10 on 3.15): outside the
    # cache, one digit: a new int object each time.
    dict(name="int_iadd_medium", setup=CACHE_ENDS + "i0 = top + 1", stmt="i = i0; i += 10"),
    # 10**20 + 10: a multi-digit int, a new object each time.
    dict(name="int_iadd_large", setup="i0 = 10 ** 20", stmt="i = i0; i += 10"),
]

# Behaviour, recorded in observations.csv (never judged here). Each code string runs
# once at module level of a fresh namespace and sets `result`.
OBSERVATIONS = [
    # C04: append keeps the list's id; lst + [x] is a new object.
    dict(name="C04_append_keeps_id", code="lst = [1]; before = id(lst); lst.append(2); result = before == id(lst)"),
    dict(name="C04_iadd_keeps_id", code="lst = [1]; before = id(lst); lst += [2]; result = before == id(lst)"),
    # (new is lst, new == lst + [] ...): is the concatenation a different object?
    dict(name="C04_concat_new_object", code="lst = [1]; new = lst + [2]; result = (new is lst, lst, new)"),
    # C05: `i += 10` on an int outside the small-int cache, and inside it.
    dict(name="C05_int_iadd_300", code="i = 300; before = id(i); i += 10; result = before == id(i)"),
    dict(name="C05_int_iadd_5", code="i = 5; before = id(i); i += 10; result = before == id(i)"),
    # C05: the small-int cache's ends, (bottom, top), as this interpreter has them.
    dict(name="C05_small_int_cache", code=CACHE_ENDS + "result = (bottom, top)"),
    # C05: the small result is the cached object (15 from two routes).
    dict(name="C05_small_result_cached", code="i = 5; i += 10; result = i is int('15')"),
    # ... and a result past the cache's top (top + 10) is not.
    dict(name="C05_large_result_not_cached",
         code=CACHE_ENDS + "i = top; i += 10; result = i is int(str(top + 10))"),
    # C06: an alias: the change through b shows through a, and a is b.
    # (a after b.append(4), a is b)
    dict(name="C06_alias_visible", code="a = [1, 2, 3]; b = a; b.append(4); result = (a, a is b)"),
]
