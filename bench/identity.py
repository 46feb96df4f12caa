# The identity family: `is` against `==` (and `is not` against `!=`).
#
# The article (section 1 and 3) says `is` compares addresses in one step while `==`
# loads and compares values, so `is` is faster; and that for singletons `is` is the
# faster and more reliable test. Each operand below is compared with itself or with
# an equal object, by all four operators.
#
# A case is plain data: name, setup (runs once, untimed), stmt (timed, once per
# operation), and optionally sizes, instruments ("time", "allocs"), gc (keep the
# collector on) and scope ("function", the default, or "module").

OPERANDS = [
    # (name, setup binding x and y)
    ("none", "x = None; y = None"),
    ("true", "x = True; y = True"),
    ("small_int", "x = 7; y = 7"),
    ("large_int", "x = 10 ** 20; y = x"),
    ("large_int_equal", "x = 10 ** 20; y = int('1' + '0' * 20)"),
    ("same_str", "x = 'zedd' * 4; y = x"),
    ("equal_str", "x = 'zedd' * 4; y = ''.join(['zedd'] * 4)"),
    ("eq_instance", """
        class Point(object):
            def __init__(self, a):
                self.a = a
            def __eq__(self, other):
                return self.a == other.a
            def __ne__(self, other):
                return self.a != other.a
        x = Point(1)
        y = Point(1)
    """),
]

OPERATORS = [
    ("is", "x is y"),
    ("eq", "x == y"),
    ("is_not", "x is not y"),
    ("ne", "x != y"),
]

CASES = [
    dict(name="%s_%s" % (operator, operand), setup=setup, stmt=stmt)
    for operand, setup in OPERANDS
    for operator, stmt in OPERATORS
]

# Added cases: what `id()` itself costs (C01 shows ids; this is the price of asking),
# and `is` against `==` on tuples: two equal but distinct tuples of three small ints
# (built at run time: equal tuple constants in one code object are merged into one
# object by the compiler), and a tuple compared with itself (`==` answers from the
# identity of the items, after the length).
CASES += [
    dict(name="id", setup="x = object()", stmt="id(x)"),
    dict(name="is_equal_tuple", setup="x = tuple([1, 2, 3]); y = tuple([1, 2, 3])",
         stmt="x is y"),
    dict(name="eq_equal_tuple", setup="x = tuple([1, 2, 3]); y = tuple([1, 2, 3])",
         stmt="x == y"),
    dict(name="is_same_tuple", setup="x = tuple([1, 2, 3]); y = x", stmt="x is y"),
    dict(name="eq_same_tuple", setup="x = tuple([1, 2, 3]); y = x", stmt="x == y"),
]

# Behaviour, recorded in observations.csv (never judged here: the claims report reads
# the rows). Each code string runs once, at module level of a fresh namespace, and
# sets `result`; an exception is recorded instead when it raises.
OBSERVATIONS = [
    # C01: a name holds a reference: binding a second name gives the same id.
    dict(name="C01_alias_same_id", code="a = [1]; b = a; result = (id(a) == id(b))"),
    # C01: an id is an int (the address, on CPython), and stays the object's while it lives.
    dict(name="C01_id_stable", code="a = [1]; i = id(a); a.append(2); result = (type(i).__name__, i == id(a))"),
    # C03: __eq__ can answer anything; `is` cannot be overridden.
    # (x == object(), x is object())
    dict(name="C03_eq_overridden_is_not", code="""
class Any(object):
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
x = Any()
result = (x == object(), x is object())
"""),
    # C03: `is` on the same object, with an __eq__ that says False even to itself.
    # (x == x, x is x)
    dict(name="C03_eq_false_is_true", code="""
class Never(object):
    def __eq__(self, other):
        return False
    __hash__ = object.__hash__
x = Never()
result = (x == x, x is x)
"""),
    # C09: two ways to obtain each singleton, compared by identity.
    dict(name="C09_none_from_function", code="result = None is (lambda: None)()"),
    dict(name="C09_none_from_type", code="result = type(None)() is None"),
    dict(name="C09_true_from_bool", code="result = (bool(1) is True, (1 == 1) is True)"),
    dict(name="C09_false_from_bool", code="result = (bool(0) is False, (1 == 2) is False)"),
    dict(name="C09_ellipsis_from_type", code="result = type(...)() is ..."),
    dict(name="C09_ellipsis_name", code="result = Ellipsis is eval('...')"),
    dict(name="C09_notimplemented_from_eq", code="result = NotImplemented is int.__eq__(1, 'a')"),
    dict(name="C09_notimplemented_from_type", code="result = type(NotImplemented)() is NotImplemented"),
    # C09: ids of each singleton from two sources (module level and a fresh compile).
    dict(name="C09_ids_equal_across_code", code="""
names = ['True', 'False', 'None', 'Ellipsis', 'NotImplemented']
result = tuple(id(eval(n)) == id(eval(compile(n, '<x>', 'eval'))) for n in names)
"""),
]
