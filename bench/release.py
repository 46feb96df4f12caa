# The release family: what happens to a file read with and without `with`: the cost of
# each way, the descriptors a run leaves open, the ResourceWarnings, and what memory
# stays behind.
#
# Claim (../shared/CLAIMS.md):
#   C22  without `with`, a file that was read stays in memory (its reference count
#        stays 1); with `with`, it is released when the block ends.
#
# The file: 64 KiB of text in the temporary folder (idiombench-release.txt), written by
# the setup when missing or of another size (there is no teardown to remove it).
#
# Cases (all with "time", "allocs", "memory", "resources"). Every case is sized with
# n = 1000, which the statements do not use: it only fixes the allocation, memory and
# resources passes at 10000 // 1000 = 10 operations a run (docs/run-folder.md), which
# keeps the family fast (opening a file costs tens of microseconds) and the kept-alive
# case under the descriptor limit. So fds_delta and resource_warnings are per 10 files.
#   with_open        with open(path) as f: data = f.read()
#   open_rebind      f = open(path); data = f.read(): no close; rebinding `f` on the
#                    next operation frees the previous file object, and CPython's
#                    reference counting closes it then (with a ResourceWarning on 3.x).
#   open_in_function data = read(path), read() opening the file into a local and
#                    returning f.read(): the file is freed when the function returns.
#   try_finally      f = open(path); try: data = f.read() finally: f.close()
#   open_kept        f = open(path); data = f.read(); keep(f): the file object is kept
#                    alive in a list, so its descriptor stays open. 10000 kept
#                    descriptors would pass the usual limit of 1024: hence n; the
#                    setup closes the kept files once 256 have piled up (see KEEP).

FAMILY = "release"

# The 64 KiB file every case reads: made once per process in a temporary folder of its
# own (remembered on sys), and removed with the folder by each case's TEARDOWN (and by
# the observations' code), so nothing is left behind.
FILE = """import os, sys, tempfile
folder = sys.__dict__.get('_idiombench_release_dir')
if folder is None:
    folder = tempfile.mkdtemp(prefix='idiombench-release-')
    sys._idiombench_release_dir = folder
path = os.path.join(folder, 'data.txt')
if not os.path.exists(path):
    with open(path, 'w') as stream:
        stream.write('idiombench\\n' * 5957 + 'x' * 9)
"""

TEARDOWN = """import shutil, sys
folder = sys.__dict__.pop('_idiombench_release_dir', None)
if folder is not None:
    shutil.rmtree(folder, True)
"""

FUNCTION = FILE + """def read(path):
    f = open(path)
    return f.read()
"""

# The list lives on the sys module and outlives the loop function. The setup runs
# inside each measured run (statement's and empty twin's), so it must not close files
# there: it closes and forgets them only once 256 have piled up (the timed loops open
# dozens to hundreds), which lands in at most one run of the memory and resources
# passes (10 operations each), an outlier that their median drops.
KEEP = FILE + """import sys
kept = sys.__dict__.setdefault('_idiombench_release_kept', [])
if len(kept) >= 256:
    for _f in kept:
        _f.close()
    del kept[:]
keep = kept.append
"""

ALL = ["time", "allocs", "memory", "resources"]

CASES = [
    dict(name="with_open", sizes=[1000], instruments=ALL, setup=FILE, teardown=TEARDOWN,
         stmt="with open(path) as f:\n    data = f.read()"),
    dict(name="open_rebind", sizes=[1000], instruments=ALL, setup=FILE, teardown=TEARDOWN,
         stmt="f = open(path)\ndata = f.read()"),
    dict(name="open_in_function", sizes=[1000], instruments=ALL, setup=FUNCTION, teardown=TEARDOWN,
         stmt="data = read(path)"),
    dict(name="try_finally", sizes=[1000], instruments=ALL, setup=FILE, teardown=TEARDOWN,
         stmt="f = open(path)\ntry:\n    data = f.read()\nfinally:\n    f.close()"),
    dict(name="open_kept", sizes=[1000], instruments=ALL, setup=KEEP, teardown=TEARDOWN,
         stmt="f = open(path)\ndata = f.read()\nkeep(f)"),
]

# Behaviour, recorded in observations.csv (never judged here). Each code string runs
# once at module level of a fresh namespace and sets `result`. ResourceWarnings are
# silenced where a file is left to reference counting.
OBSERVATIONS = [
    # f.closed right after the with block.
    dict(name="C22_closed_after_with", code=FILE + """
with open(path) as f:
    data = f.read()
result = f.closed
""" + TEARDOWN),
    # The data read is still there after the block: len(data).
    dict(name="C22_len_data_after_with", code=FILE + """
with open(path) as f:
    data = f.read()
result = len(data)
""" + TEARDOWN),
    # A file opened without with, read, then `del f`: (closed before del, the file
    # object freed (weak reference dead), its descriptor closed (os.fstat raises)).
    dict(name="C22_after_del_without_with", code=FILE + """
import warnings, weakref
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    f = open(path)
    data = f.read()
    closed_before = f.closed
    fd = f.fileno()
    r = weakref.ref(f)
    del f
    try:
        os.fstat(fd)
        fd_closed = False
    except OSError:
        fd_closed = True
result = (closed_before, r() is None, fd_closed)
""" + TEARDOWN),
    # sys.getrefcount(f) for a file read without with (the call's own argument counts 1).
    dict(name="C22_getrefcount_without_with", code=FILE + """
import sys
f = open(path)
data = f.read()
result = sys.getrefcount(f)
f.close()
""" + TEARDOWN),
    # The same after the with block: the name still refers to the (closed) file object.
    dict(name="C22_getrefcount_after_with", code=FILE + """
import sys
with open(path) as f:
    data = f.read()
result = sys.getrefcount(f)
""" + TEARDOWN),
]
