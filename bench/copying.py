# The copying family: binding a second name, shallow copies and deep copies, of a
# flat list, a list of lists and a dict of lists, of n items (n from 10 to 100000).
#
# Claims (../shared/CLAIMS.md):
#   C06  `b = a` aliases: no new object, so no allocation and a constant, tiny cost.
#   C07  `a[:]`, `a.copy()` (and `list(a)`, `[*a]`, `copy.copy(a)`; for a dict
#        `d.copy()`, `dict(d)`, `{**d}`, `copy.copy(d)`) make a new outer container
#        only: their cost is one container of n references, whatever the items are,
#        so a list of n lists copies as cheaply as a list of n ints.
#   C08  `copy.deepcopy` copies the nested objects too, at a much higher cost in time
#        and memory: n inner lists, plus the memo dict that deepcopy keeps of every
#        object it copied.
#
# Shapes (built once by the setup, before each timed loop):
#   flat_*    a = list(range(n))               n ints (deepcopy shares the ints: they
#                                              are immutable, but it still walks and
#                                              memoises the list)
#   nested_*  a = [[i] for i in range(n)]      n one-item lists
#   dict_*    a = {i: [i] for i in range(n)}   n keys, each mapped to a one-item list
#
# Each statement binds its result to `b`, so the previous copy is freed when the name
# is rebound: the per-operation cost is one copy, and nothing grows across the loop.
#
# Warm-up: the setup of every case but deepcopy ends by running the statement twice,
# untimed, so that the loop starts in the steady state it measures:
#   - the previous copy, freed when `b` is rebound, hands its list or dict object to
#     the next copy through CPython's free list, so one operation makes exactly one
#     allocation request (the item array or the dict's table; 3.6's dict copies make
#     two, and `list(a)` and `dict(a)` one more, as a type call does not use the
#     free list; measured on 3.6 to 3.13). Without the warm-up the first two
#     operations of each loop also allocate their objects, and the allocation pass
#     (10000 / n operations, at least 10) reports 1.2 per op at n >= 1000, not 1;
#   - glibc serves a large block (a list of 100000 items is 800 kB) with mmap until
#     one such block has been freed, then from its heap: the first two copies touch
#     fresh pages each time. On this project's test machine (a Firecracker VM, ~13 us
#     per first touch of a page) that made a cold copy of a 100000-item list 2.5 ms
#     against 0.13 ms warm, and a loop of 2 ms (--quick) holds a single cold copy.
# deepcopy gets no warm-up: two more deep copies per setup would triple its run time,
# and it needs none: its thousands of allocations per operation dwarf the first
# operations' two list objects, and its first operation is no slower than the later
# ones (its memo dict and inner lists are new every time).
#
# Sizes: the flat list at n = 10 .. 100000, the list of lists and the dict of lists
# at n = 10 .. 10000. The setup runs before every loop (some 50 per case and size
# in quick mode), and building 100000 inner lists (and their dict) each time made
# those 11 cases at n = 100000 take 40 s of a 53 s run, over the time budget (the two
# families together must run in under 60 s with --quick). The flat list shows every
# copy's growth up to 100000; the other shapes, up to 10000, what the items change.
#
# `[*a]` and `{**d}` are 3.5+ syntax and `list.copy` is 3.3+: those cases declare it
# (min_python), so that an older interpreter (2.7) skips them and records why in
# unavailable.csv, rather than failing there.

SHAPES = [
    # (prefix, setup binding the container to `a`, sizes)
    ("flat", "import copy; a = list(range(n))", [10, 100, 1000, 10000, 100000]),
    ("nested", "import copy; a = [[i] for i in range(n)]", [10, 100, 1000, 10000]),
    ("dict", "import copy; a = {i: [i] for i in range(n)}", [10, 100, 1000, 10000]),
]

LIST_COPIES = [
    # (name, statement, min_python: the oldest Python it runs on and what needs it)
    ("alias", "b = a", None),
    ("slice", "b = a[:]", None),
    ("copy_method", "b = a.copy()", ("3.3", "list.copy")),
    ("list_call", "b = list(a)", None),
    ("unpack", "b = [*a]", ("3.5", "[*a] unpacking")),
    ("copy_copy", "b = copy.copy(a)", None),
    ("deepcopy", "b = copy.deepcopy(a)", None),
]

DICT_COPIES = [
    ("alias", "b = a", None),
    ("copy_method", "b = a.copy()", None),
    ("dict_call", "b = dict(a)", None),
    ("unpack", "b = {**a}", ("3.5", "{**d} unpacking")),
    ("copy_copy", "b = copy.copy(a)", None),
    ("deepcopy", "b = copy.deepcopy(a)", None),
]


def case(prefix, setup, sizes, name, stmt, min_python):
    warm = name != "deepcopy"
    declared = dict(name="%s_%s" % (prefix, name),
                    setup="\n".join([setup, stmt, stmt]) if warm else setup,
                    stmt=stmt, sizes=sizes)
    if min_python is not None:
        declared["min_python"] = min_python
    return declared


CASES = [
    case(prefix, setup, sizes, name, stmt, min_python)
    for prefix, setup, sizes in SHAPES
    for name, stmt, min_python in (DICT_COPIES if prefix == "dict" else LIST_COPIES)
]

# Behaviour, recorded in observations.csv (never judged here). Each code string runs
# once at module level of a fresh namespace and sets `result`.
OBSERVATIONS = [
    # C06: b = a is the same object.
    dict(name="C06_alias_is", code="a = [[1]]; b = a; result = a is b"),
    # C07: (outer is the same?, inner is the same?) for each shallow copy.
    dict(name="C07_slice", code="a = [[1]]; b = a[:]; result = (a is b, a[0] is b[0])"),
    dict(name="C07_copy_method", code="a = [[1]]; b = a.copy(); result = (a is b, a[0] is b[0])"),
    dict(name="C07_list_call", code="a = [[1]]; b = list(a); result = (a is b, a[0] is b[0])"),
    dict(name="C07_copy_copy", code="import copy; a = [[1]]; b = copy.copy(a); result = (a is b, a[0] is b[0])"),
    dict(name="C07_dict_copy", code="a = {'k': [1]}; b = a.copy(); result = (a is b, a['k'] is b['k'])"),
    # C07: a change to the shared inner list shows through the copy.
    dict(name="C07_slice_inner_change_visible", code="a = [[1]]; b = a[:]; b[0].append(2); result = a"),
    # C08: deepcopy: (outer is the same?, inner is the same?)
    dict(name="C08_deepcopy", code="import copy; a = [[1]]; b = copy.deepcopy(a); result = (a is b, a[0] is b[0])"),
    dict(name="C08_deepcopy_inner_change_hidden", code="import copy; a = [[1]]; b = copy.deepcopy(a); b[0].append(2); result = a"),
    # C08: deepcopy shares immutable items (ints, strings): (item shared?, tuple of ints shared?)
    dict(name="C08_deepcopy_shares_immutables", code="import copy; a = [10 ** 20, (1, 2)]; b = copy.deepcopy(a); result = (a[0] is b[0], a[1] is b[1])"),
]
