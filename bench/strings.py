# The strings family: building one string out of n pieces, and putting a short string
# together from parts.
#
# Claims (../shared/CLAIMS.md): C20, "building a string with +/+= in a loop wastes memory
# and time; ''.join(map(...)) is better", and C21, "str.format / f-strings are better
# than + for putting strings together".
#
# One operation of a sized case is the whole build of one string from n pieces of 8
# characters each (`parts`, made in the setup), so ns/op over n is the cost per piece and
# its growth with n says whether the idiom is linear or quadratic. The `+=` variants
# differ only in whether CPython can resize the string in place: it can when the string
# has no other reference than the variable being assigned, which it checks in the
# interpreter loop (3.6-3.10: for a local, a cell or a module-level name; 3.11+: only for
# a function's local, through the specialised BINARY_OP_INPLACE_ADD_UNICODE).
#
# Allocation counts: a `realloc` counts as one request of its new size, so an in-place
# `+=` shows about one request per piece and bytes growing as n^2 (the sum of the
# intermediate sizes) just like a copying `+=`, although the in-place one copies little:
# for `+=` the time, not bytes_per_op, tells in-place from copying.
#
# The C allocator's state: strings above 512 bytes come from malloc, and glibc's malloc
# serves big blocks by mmap and trims the top of its heap past two thresholds, which it
# raises (never lowers) to the size of any mmap'ed block the process frees. Until then a
# copying += of a string of tens of kilobytes can pay a brk and fresh page faults per
# piece: iadd_aliased at n=10000 measured 120-200 ms per build when run alone, against
# 5 ms after other cases, so the figures depended on which cases ran before. The harness
# therefore allocates and frees one 16 MiB block before it starts the interpreter
# (src/idiombench/measure/malloc_settle.c), which puts glibc in its steady state, the one
# any process that has once freed a big block is in, for every case. (Each setup here once did it
# itself: ~2 ms per setup natively, half a second under callgrind.) What remains is the
# idiom's own cost.
# Not removable from here: on 3.6-3.8, pymalloc releases an arena as soon as it is
# empty, and a string grown piece by piece through every small size class needs about a
# whole arena of pools per build, so builds of ~100 pieces can pay an arena's mmap and
# page faults each time (seen: 20-50x slower at n=100 on 3.6, some runs). 3.9 keeps one
# empty arena (bpo-37257).
#
# Sizes: 10 to 100000 pieces; the cases that are quadratic on some CPython stop at 10000
# (at 100000 one build copies ~40 GB and takes seconds).
#
# The article's own example (section 8) builds `res += concat_hello(i)` at module level,
# with concat_hello returning "Hello" + string + "\n", and recommends
# ''.join(map(concat_hello, a)) with concat_hello returning "Hello {}\n".format(string).
# The hello_* cases measure both, each change alone, and the article's loop at module
# scope as it is written. The fmt_* cases measure the four ways to make one short
# "Hello<s>\n" (all four give the same string).

SIZES = [10, 100, 1000, 10000, 100000]
SIZES_QUADRATIC = [10, 100, 1000, 10000]  # quadratic on some or all versions: trimmed
SIZES_HELLO = [10, 100, 1000, 10000]  # a call per piece: trimmed to keep the run short

# n distinct 8-character pieces (map(str) is the cheapest way to make them: the setup
# runs before every timed loop, some fifty times per size in quick mode).
PARTS = "parts = list(map(str, range(10000000, 10000000 + n)))"
TEXT_PARTS = "parts = list(map(type(u''), range(10000000, 10000000 + n)))"

HELLO_PLUS = """a = [str(100 + i % 900) for i in range(n)]  # 3 characters, as 'foo'
def concat_hello(string):
    return "Hello" + string + "\\n"
"""

HELLO_FORMAT = """a = [str(100 + i % 900) for i in range(n)]  # 3 characters, as 'foo'
def concat_hello(string):
    return "Hello {}\\n".format(string)
"""

CASES = [
    # s += piece, s a function's local: resized in place on every CPython.
    dict(name="iadd", setup=PARTS, sizes=SIZES, stmt="""
        s = ''
        for p in parts:
            s += p
    """),
    # The same loop at module level (s is a global): in place through STORE_NAME on
    # 3.6-3.10; 3.11+ only specialise the in-place add for locals.
    dict(name="iadd_module", setup=PARTS, sizes=SIZES_QUADRATIC, scope="module", stmt="""
        s = ''
        for p in parts:
            s += p
    """),
    # A second reference to s is alive at each +=: no in-place resize, every piece
    # copies the whole string so far (expected O(n^2)).
    dict(name="iadd_aliased", setup=PARTS, sizes=SIZES_QUADRATIC, stmt="""
        s = ''
        for p in parts:
            alias = s
            s += p
    """),
    # s = s + piece: the same in-place optimisation applies to a plain `+` whose result
    # is stored back into the same local.
    dict(name="plus", setup=PARTS, sizes=SIZES, stmt="""
        s = ''
        for p in parts:
            s = s + p
    """),
    # The pieces already in a list: join alone.
    dict(name="join_list", setup=PARTS, sizes=SIZES, stmt="s = ''.join(parts)"),
    # The fair rival of the += loop: collect the pieces in a list, then join.
    dict(name="join_append", setup=PARTS, sizes=SIZES, stmt="""
        pieces = []
        for p in parts:
            pieces.append(p)
        s = ''.join(pieces)
    """),
    # join materialises a generator into a list first.
    dict(name="join_generator", setup=PARTS, sizes=SIZES,
         stmt="s = ''.join(p for p in parts)"),
    # io.StringIO takes text: on 2.7 that is unicode, not str, so the pieces are made
    # by type(u''), which is str itself on 3.x (the same pieces as the other cases).
    dict(name="stringio", setup="import io\n" + TEXT_PARTS, sizes=SIZES, stmt="""
        buf = io.StringIO()
        for p in parts:
            buf.write(p)
        s = buf.getvalue()
    """),

    # The article's example: before (+= of "Hello" + i + "\n") and after
    # (''.join(map(...)) of "Hello {}\n".format(i)), and each change on its own.
    dict(name="hello_loop", setup=HELLO_PLUS, sizes=SIZES_HELLO, stmt="""
        res = ''
        for i in a:
            res += concat_hello(i)
    """),
    # As the article writes it: at module level.
    dict(name="hello_loop_module", setup=HELLO_PLUS, sizes=SIZES_HELLO, scope="module",
         stmt="""
        res = ''
        for i in a:
            res += concat_hello(i)
    """),
    dict(name="hello_join_map", setup=HELLO_FORMAT, sizes=SIZES_HELLO,
         stmt="res = ''.join(map(concat_hello, a))"),
    dict(name="hello_join_map_plus", setup=HELLO_PLUS, sizes=SIZES_HELLO,
         stmt="res = ''.join(map(concat_hello, a))"),
    dict(name="hello_loop_format", setup=HELLO_FORMAT, sizes=SIZES_HELLO, stmt="""
        res = ''
        for i in a:
            res += concat_hello(i)
    """),

    # One short string from three parts (C21); s is the article's "foo".
    dict(name="fmt_plus", setup="s = 'foo'", stmt='r = "Hello" + s + "\\n"'),
    dict(name="fmt_format", setup="s = 'foo'", stmt='r = "Hello{}\\n".format(s)'),
    dict(name="fmt_fstring", setup="s = 'foo'", stmt='r = f"Hello{s}\\n"',
         min_python=("3.6", "f-strings")),
    dict(name="fmt_percent", setup="s = 'foo'", stmt='r = "Hello%s\\n" % s'),
]
