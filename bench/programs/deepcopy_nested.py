# deepcopy_nested.py [N]: copy.deepcopy of a large nested structure.
#
# The article (section 2, claims C07-C08) shows that a[:], .copy() and copy.copy copy
# only the outer container, so a change to a nested list shows through both, and that
# copy.deepcopy copies the nested objects too. It leaves the cost unsaid.
#
# This program builds N records like a parsed JSON document (a dict holding a string, an
# int, a list of tags, a nested dict and a list of two numbers), deep-copies the list of
# them once, changes a nested value in the copy to show that the original is untouched,
# and prints one line: N, the number of records and whether the original kept its value.
# What it exercises: deepcopy's per-object cost (copy.deepcopy is pure Python on every
# version here: a memo look-up and a dispatch per object, about seven objects a record)
# and the memory of holding two full copies at once (see the peak RSS).
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import copy
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000

records = [
    {
        "id": i,
        "name": "item%d" % i,
        "tags": ["foo", "bar", "tag%d" % (i % 100)],
        "owner": {"name": "zedd", "groups": ["staff", "dev"]},
        "pos": [i * 0.5, i * 2.0],
    }
    for i in range(n)
]

clone = copy.deepcopy(records)
clone[0]["tags"].append("baz")

print(n, len(clone), records[0]["tags"] == ["foo", "bar", "tag0"])
