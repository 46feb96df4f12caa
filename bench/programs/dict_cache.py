# dict_cache.py [N] [REQUESTS]: weakref_cache.py's server with a plain dict as cache.
#
# For contrast with the article's weak-reference cache (section 7, claims C17 and C19;
# the article itself has no dict cache): the same REQUESTS requests (default 8)
# round-robin over 4 keys, each getting a Dummy holding list(range(N)) (default N =
# 250000), from a dict that holds its values strongly. Each key is built once and kept:
# four builds instead of one per request, and all four Dummy objects alive to the end.
# Prints one line: REQUESTS, cache misses, the items served, and the number of objects
# the cache still holds. What it exercises: the time a strong cache saves and the memory
# it pins, against weakref_cache.py (compare their time and peak RSS).
# Runs unchanged on 2.7 and 3.6+.
from __future__ import print_function

import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 250000
requests = int(sys.argv[2]) if len(sys.argv) > 2 else 8
KEYS = 4


class Dummy(object):
    def __init__(self):
        self.data = list(range(n))


cache = {}  # key -> Dummy
misses = 0


def get(key):
    global misses
    dummy = cache.get(key)
    if dummy is None:
        misses += 1
        dummy = Dummy()
        cache[key] = dummy
    return dummy


served = 0
for request in range(requests):
    dummy = get(request % KEYS)
    served += len(dummy.data)
    del dummy  # the request ends; the cache still holds the Dummy

print(requests, misses, served, len(cache))
