# The interning family: what sys.intern costs, and what it buys in comparisons, dict
# look-ups and memory.
#
# Claims (../shared/CLAIMS.md): C13, "interning saves memory: equal strings are stored
# once", and what interning is usually sold for besides: an interned string compares
# equal by identity, without reading its characters. It bears on C11 and C12 (interning
# "on by default" today, off in the talk's Python) only through what interning buys:
# CPython interns names and identifier-like string constants when it compiles code, never
# a string built at run time, so every string below that must not be interned is built at
# run time (''.join), and sys.intern is called where one must be.
#
# - intern_*: sys.intern of a string that is already interned (returns at once), of a
#   fresh string equal to an interned one (a look-up in the interned table, then the
#   fresh one is dropped), and of a fresh string nobody interned (inserted, then removed
#   when the loop drops it). The fresh string is built in the statement; `join` is that
#   build alone, to subtract.
# - eq_*: a == b on equal strings of n characters (n = 8, 64, 1024, 65536), interned
#   (so a is b, and == answers from the identity) against equal but distinct objects
#   (== compares the lengths, then the characters).
# - dict_*: d[k] in a dict of 100 string keys, k the dict's own (interned) key object or
#   an equal key built at run time (the hash is cached on k after the first look-up, so
#   the difference is the character comparison on the hit), keys of n characters.
# - keep_*: the memory claim. The later "retained bytes" instrument will measure the
#   bytes held by 100 000 duplicates; with what exists now (allocation requests and bytes
#   per operation), one operation builds one duplicate string at run time and keeps it
#   in a list, against building it, interning it and keeping the interned one. Honestly
#   measured, both ask the allocator for the same bytes: sys.intern can only dedupe a
#   string that already exists, so the temporary is built either way. The saving is that
#   the interned variant frees its temporary at once and holds one shared copy: retained
#   bytes, not requested bytes. These two cases show what interning costs per string
#   (time) and that it requests no less; they cannot show the saving. One caveat on
#   keep_duplicate's time: the strings it keeps pile up over the loop (~64 bytes each),
#   so it also pays for fresh memory when the pages are new to the process (a page
#   fault per ~60 strings, several microseconds each on a virtual machine): seen 36
#   ns/op with --quick's 2 ms loops and 180 ns/op with the default 10 ms ones on 3.11,
#   where keep_interned, which keeps nothing new, stays at ~66 ns/op.

# sys.intern, or on 2.7 the builtin intern() it replaced (the same function). Bound to
# a local name, so that a statement calls it as a fast local on every version.
INTERN = "import sys\nintern = getattr(sys, 'intern', None) or __import__('__builtin__').intern\n"

SETUP_INTERN = INTERN + "parts = ['zedd', 'idiom', 'bench']"

SETUP_EQ = """
import sys
a = ''.join([chr(97 + i % 26) for i in range(n)])
b = ''.join([chr(97 + i % 26) for i in range(n)])
assert a == b and a is not b
"""

SETUP_DICT = INTERN + """
def key(i):
    return ''.join([chr(97 + (i + j) % 26) for j in range(n - 4)]) + '%04d' % i
d = {intern(key(i)): i for i in range(100)}
stored = [k for k in d if k.endswith('0042')][0]
"""

SETUP_KEEP = INTERN + """
parts = ['zedd', 'idiom', 'bench', '0042']
held = intern(''.join(parts))  # the one copy interning shares
keep = [].append
"""

SETUP_HOLD = INTERN + """
parts = ['zedd'] * 4
held = sys.__dict__.setdefault('idiombench_held_strings', [])
"""

CASES = [
    dict(name="intern_interned", setup=SETUP_INTERN + "; s = intern(''.join(parts))",
         stmt="intern(s)"),
    dict(name="intern_fresh", setup=SETUP_INTERN + "; held = intern(''.join(parts))",
         stmt="intern(''.join(parts))"),
    dict(name="intern_new", setup=SETUP_INTERN, stmt="intern(''.join(parts))"),
    dict(name="join", setup=SETUP_INTERN, stmt="''.join(parts)"),

    dict(name="eq_interned", setup=SETUP_EQ + INTERN + "a = intern(a); b = intern(b)\n"
         "assert a is b", sizes=[8, 64, 1024, 65536], stmt="a == b"),
    dict(name="eq_distinct", setup=SETUP_EQ, sizes=[8, 64, 1024, 65536], stmt="a == b"),

    dict(name="dict_interned", setup=SETUP_DICT + "k = stored", sizes=[8, 64, 1024],
         stmt="d[k]"),
    dict(name="dict_distinct", setup=SETUP_DICT + "k = key(42)\nassert k == stored and "
         "k is not stored", sizes=[8, 64, 1024], stmt="d[k]"),

    dict(name="keep_duplicate", setup=SETUP_KEEP, stmt="keep(''.join(parts))"),
    dict(name="keep_interned", setup=SETUP_KEEP, stmt="keep(intern(''.join(parts)))"),

    # C13 in bytes held: a run builds 100 000 equal strings at run time and keeps them
    # (on sys, so they outlive the loop's scope): as they are, or through sys.intern,
    # which keeps one string and 100 000 references to it. The memory instrument reports
    # retained_bytes per run; sizes=[10000] only fixes a run at 10 operations of 10 000.
    dict(name="hold_duplicates", setup=SETUP_HOLD, sizes=[10000], instruments=["memory"],
         stmt="held.append([''.join(parts) for _ in range(10000)])"),
    dict(name="hold_interned", setup=SETUP_HOLD, sizes=[10000], instruments=["memory"],
         stmt="held.append([intern(''.join(parts)) for _ in range(10000)])"),
]

# Behaviour, recorded in observations.csv (never judged here): which equal strings are
# the same object (C11, C12). Each code string runs once at module level of a fresh
# namespace and sets `result`.
OBSERVATIONS = [
    # Two equal identifier-like literals, each compiled separately.
    dict(name="C11_literal_separate_compiles", code="result = eval(\"'zedd'\") is eval(\"'zedd'\")"),
    # Two equal literals that are not identifier-like, each compiled separately.
    dict(name="C11_nonidentifier_separate_compiles", code="result = eval(\"'zedd zedd'\") is eval(\"'zedd zedd'\")"),
    # Two equal literals in one code object.
    dict(name="C11_literal_same_code", code="a = 'zedd'; b = 'zedd'; result = a is b"),
    dict(name="C11_nonidentifier_same_code", code="a = 'zedd zedd'; b = 'zedd zedd'; result = a is b"),
    # A string built at run time, against the literal.
    dict(name="C11_runtime_built", code="literal = 'zedd'; result = ''.join(['ze', 'dd']) is literal"),
    # sys.intern of the run-time string gives the literal's object.
    dict(name="C12_sys_intern_runtime", code="import sys; literal = 'zedd'; result = sys.intern(''.join(['ze', 'dd'])) is literal"),
    # The run-time string is equal to the literal, though not the same object.
    dict(name="C11_runtime_eq", code="result = ''.join(['ze', 'dd']) == 'zedd'"),
]
