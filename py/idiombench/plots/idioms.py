"""py/idiombench/plots/idioms.py: the pairs of cases that the article contrasts, for the
idioms chart of bin/plots (and any tool that wants to name them).

Each pair is one idiom the article recommends (the reference) and the alternative it
warns against (the candidate), both cases of the catalogue (bench/<family>.py), with
the metric the contrast is about and a plain label. The chart draws candidate ÷
reference: above 1× the recommended idiom is the cheaper one. The claims rules
(py/idiombench/claims/rules/<family>.py) contrast the same cases.

Standard library only; Python 3.6+.
"""
from collections import namedtuple

Pair = namedtuple("Pair", "family reference candidate metric label")

PAIRS = [
    # `is` against `==` (claims C09, C10: faster_parts)
    Pair("identity", "is_none", "eq_none", "time_per_op", "x == None vs x is None"),
    Pair("identity", "is_equal_str", "eq_equal_str", "time_per_op",
         "a == b vs a is b, equal strs"),
    # `+=` against `join` (claim C20)
    Pair("strings", "join_append", "iadd", "time_per_op", "s += p vs append, then join"),
    Pair("strings", "join_list", "plus", "time_per_op", "s = s + p vs str.join(parts)"),
    # slice, copy and deepcopy (claims C07, C08: DEEP_SHAPES)
    Pair("copying", "flat_slice", "flat_copy_copy", "time_per_op", "copy.copy(a) vs a[:]"),
    Pair("copying", "flat_slice", "flat_deepcopy", "time_per_op", "copy.deepcopy(a) vs a[:]"),
    Pair("copying", "nested_slice", "nested_deepcopy", "time_per_op",
         "deepcopy vs a[:], nested lists"),
    # interned against plain strings (claim C13 and what interning is sold for)
    Pair("interning", "eq_interned", "eq_distinct", "time_per_op",
         "== on plain equal strs vs interned"),
    Pair("interning", "hold_interned", "hold_duplicates", "retained_bytes",
         "memory held: duplicates vs interned"),
    # with against without `with` (claim C22)
    Pair("release", "with_open", "open_rebind", "time_per_op", "open() without with vs with"),
    Pair("release", "with_open", "open_rebind", "peak_bytes",
         "peak memory: open() without with vs with"),
]

# The families the pairs are about, in the order of the pairs.
FAMILIES = []
for _pair in PAIRS:
    if _pair.family not in FAMILIES:
        FAMILIES.append(_pair.family)
