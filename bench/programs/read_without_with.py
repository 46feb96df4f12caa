# read_without_with.py FILE [REPEAT]: reads FILE whole, REPEAT times, without `with`.
#
# The article (section 8, claim C22) warns against
#     f = open("test.pak", "rb")
#     data = f.read()
# because the file's reference count stays 1 and it "stays in memory", and recommends
# `with`. (It writes Python 2's file(); open() is the same object on 2.7 and the only
# spelling on 3.)
#
# This program is read_with.py without `with`: it opens FILE (hyperfine-run gives it a
# 50 MB file) REPEAT times (default 2) and never closes it, relying on the reference
# count: rebinding `f` frees the previous file object, which closes its descriptor. It
# prints one line: REPEAT, the bytes read and whether the last file is closed (False
# here: it is still open when the program ends). What it exercises: whether leaving the
# close to reference counting costs time or peak RSS against read_with.py.
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys

if len(sys.argv) < 2:
    sys.exit("usage: read_without_with.py FILE [REPEAT]  (FILE: e.g. a 50 MB file made "
             "with head -c 50M /dev/urandom >/tmp/big)")
path = sys.argv[1]
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 2

total = 0
for _ in range(repeat):
    f = open(path, "rb")
    data = f.read()
    total += len(data)

print(repeat, total, f.closed)
