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
