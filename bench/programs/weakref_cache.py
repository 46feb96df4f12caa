# weakref_cache.py [N] [REQUESTS]: the article's weak-reference cache of a large list.
#
# The article (section 7, claims C17 and C19) has a class whose instances hold
# list(range(int(1e8))), "created for every request on a production server", and says
# that holding them through weakref.ref keeps them from loading memory: the weak
# reference does not raise the reference count, and once the object is deleted the
# reference returns None.
#
# This program serves REQUESTS requests (default 8) round-robin over 4 keys; each
# request gets its Dummy (holding list(range(N)), default N = 250000; the article's 1e8
# would need some 4 GB) from a cache of weakref.ref and drops it when the request ends.
# Nothing else holds the objects, so every request misses and builds its Dummy again:
# the cache saves memory (one Dummy alive at a time) and no time.
# dict_cache.py is the same server with a plain dict: four builds, all four kept. At
# the end it repeats the article's own check (weakref.ref, del, the reference returns
# None) and prints one line: REQUESTS, cache misses, the items served, and that check.
# What it exercises: building and freeing a large list per request, against
# dict_cache.py's memory (compare their peak RSS and time).
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys
import weakref

n = int(sys.argv[1]) if len(sys.argv) > 1 else 250000
requests = int(sys.argv[2]) if len(sys.argv) > 2 else 8
KEYS = 4


class Dummy(object):
    def __init__(self):
        self.data = list(range(n))


cache = {}  # key -> weakref.ref(Dummy)
misses = 0


def get(key):
    global misses
    ref = cache.get(key)
    dummy = ref() if ref is not None else None
    if dummy is None:
        misses += 1
        dummy = Dummy()
        cache[key] = weakref.ref(dummy)
    return dummy


served = 0
for request in range(requests):
    dummy = get(request % KEYS)
    served += len(dummy.data)
    del dummy  # the request ends: nothing holds the Dummy any more

# The article's own example: reachable through the reference, gone after del.
dummy = Dummy()
temp = weakref.ref(dummy)
assert len(temp().data) == n
del dummy
print(requests, misses, served, temp() is None)
