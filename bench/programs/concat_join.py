# concat_join.py [N]: the article's recommended string building, ''.join(map(...)).
#
# The article (section 8, claim C20) replaces its `res += concat_hello(i)` loop with
#     res = ''.join(map(concat_hello, a))
# and says this saves memory and time. It also changes concat_hello to use
# "Hello {}\n".format(string), which makes a different string ("Hello foo" with a
# space); this program keeps concat_module.py's concat_hello so that only the way the
# string is built differs and both print the same line: N, the result's length and its
# CRC-32. What it exercises: join computes the total length once and copies each piece
# once, linear on every CPython; compare with concat_module.py, quadratic on 3.11+.
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys
import zlib

n = int(sys.argv[1]) if len(sys.argv) > 1 else 12000

a = [str(100 + i % 900) for i in range(n)]


def concat_hello(string):
    return "Hello" + string + "\n"


res = ''.join(map(concat_hello, a))

print(n, len(res), zlib.crc32(res.encode("ascii")) & 0xffffffff)
