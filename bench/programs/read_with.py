# read_with.py FILE [REPEAT]: reads FILE whole, REPEAT times, each time inside `with`.
#
# The article (section 8, claim C22) says that after
#     f = open("test.pak", "rb"); data = f.read()
# the file "stays in memory" because its reference count stays 1, and that reading it in
#     with open("test.pak", "rb") as f:
#         data = f.read()
# releases it when the block ends. (The article writes Python 2's file(); open() is the
# same object on 2.7 and the only spelling on 3.)
#
# This program reads FILE (hyperfine-run gives it a 50 MB file) REPEAT times (default
# 2, as a loop over input files would: the second read runs while the first `data` is
# still alive), each in a `with` block, keeping `data` as the article does, and prints
# one line: REPEAT, the bytes read and whether the last file is closed (True here).
# read_without_with.py is the same loop without `with`. What it exercises: the cost of
# a whole-file read and whether `with` changes time or peak RSS. `with` closes the
# descriptor at the block's end; `data`, the 50 MB the article means by "memory", lives
# on in both programs until the name is rebound.
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys

if len(sys.argv) < 2:
    sys.exit("usage: read_with.py FILE [REPEAT]  (FILE: e.g. a 50 MB file made with "
             "head -c 50M /dev/urandom >/tmp/big)")
path = sys.argv[1]
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 2

total = 0
for _ in range(repeat):
    with open(path, "rb") as f:
        data = f.read()
    total += len(data)

print(repeat, total, f.closed)
