# concat_module.py [N]: the article's string building, at module scope, as written.
#
# The article (section 8, claim C20) says that building a string with `+`/`+=` in a loop
# wastes memory and time, and that ''.join(map(...)) is better. Its example runs
#     for i in a:
#         res += concat_hello(i)
# at module level, with concat_hello returning "Hello" + string + "\n".
#
# This program runs that loop over N three-character strings (as 'foo') and prints one
# line: N, the length of the result and its CRC-32, which concat_join.py must repeat
# exactly. What it exercises: on 3.6-3.10 (and 2.7) CPython resizes `res` in place when
# the variable holds its only reference, also for a module-level name, so the loop is
# linear; 3.11+ only do that for a function's local (the specialised in-place add looks
# for STORE_FAST), so here every += copies the whole string: quadratic in N.
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys
import zlib

n = int(sys.argv[1]) if len(sys.argv) > 1 else 12000

a = [str(100 + i % 900) for i in range(n)]
res = ""


def concat_hello(string):
    return "Hello" + string + "\n"


for i in a:
    res += concat_hello(i)

print(n, len(res), zlib.crc32(res.encode("ascii")) & 0xffffffff)
