"""bin/validate: checks the harness's figures against timeit, tracemalloc and an
independent callgrind count.

    bin/validate --harness BIN --python PY [--quick] [--runs K] [--strict]

Writes a small catalogue (family "validate") and, K times (--runs, default 1), runs
the harness BIN on it and measures the same statements under the same interpreter PY
with the standard library's own instruments:

  time    timeit's net ns per operation: median(R x Timer(stmt, setup).timeit(N))/N
          minus the same for the empty loop, N as timeit's autorange (the first of
          1, 2, 5, 10, 20, ... whose statement run lasts 0.2 s; 0.02 s with --quick).
          Two empty loops are shown: Timer('pass', setup), and the exact one,
          Timer('', setup) (from Python 3.10 timeit's loop body ends with a `pass` of
          its own, so Timer('pass') runs one NOP more per iteration than any
          statement's loop). Compared with the harness's time_per_op median. The
          harness runs on each statement alone and timeit right after (or before), so
          that the two figures of a pair are taken seconds apart: this machine's speed
          drifts by tens of percent over a minute.
  allocs  tracemalloc blocks (and bytes) still alive after running the statement
          `loops` times (the harness's own loop count for the allocation pass),
          counted in the statement's code only, per operation; compared with the
          harness's allocs_per_op and bytes_per_op. Every allocation of these
          statements is kept alive (appended to a deque), so tracemalloc, which sees
          only live blocks, is an exact reference and the figures must be equal.
  instructions  the harness's instructions_per_op, as bin/count-instructions (make
          instructions) counts it, against whole-process callgrind totals of a plain
          PY running the same loop at 0, `loops` and more iterations, differenced
          (py/idiombench/validate/instructions.py); they agree within max(5%, 5 instructions).
          Measured once, whatever --runs says. Skipped, in one line, where valgrind
          or setarch is not on PATH.

Exit status: 0 when every allocation figure equals its reference in every run and every
instruction count agrees (and, with --strict, every time ratio is within +/-5%); 1 when
not; 2 on bad input (harness or Python missing, the harness failing).

Standard library only; runs on Python 3.6 and later.
"""
import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap

from idiombench.validate import instructions as vi
from idiombench.run.errors import EXIT_CASES_FAILED, EXIT_INTERRUPTED, EXIT_OK, Stop, warn
from idiombench.run.meta import meta_dict

FAMILY = "validate"
TOLERANCE = 0.05  # time ratios within +/-5% are "within"
REFERENCE_CASE = "t_is_none"  # reported for reference, not judged
# Instructions per operation agree when they differ by at most the larger of these
# (share of the independent count, instructions). Measured here (2.7, 3.6 to 3.13):
# statements that allocate nothing agree within 3.4 instructions (0.3%; most to 0.01);
# those that allocate differ by up to 2.1% (3.7's str(i): 1655.10 against 1621), as the
# allocator's state differs between the harness's process and a plain python (3.6's
# str(i) in the plain process moves from 1615 to 1599 when a few strings are allocated
# before the loop), and a rebuilt harness moves such counts by up to 3% (README). 5
# instructions is far below any difference a claim rests on (`is` against `==` on None
# is 50 or more), and above the 1 per operation that the ~1000 instructions by which a
# whole process's count can move from one run to the next make over a 1000-loop window.
INSTRUCTION_TOLERANCE = (0.05, 5.0)

# (case name, setup, stmt). On CPython 3.11 here: x == y 40 ns, ''.join 52 ns,
# sorted 130 ns, copy.copy 78 ns, str(i) 40 ns; f(x) 17 ns, kept as the one close
# to the size where a constant error of 1 ns is 5%; `x is None` (3 ns) for reference.
# (d[k] on a dict with str keys, 11 ns, is too small to judge at +/-5%.)
TIME_CASES = [
    ("t_is_none", "x = None", "x is None"),
    ("t_eq_instance", """
        class Point(object):
            def __init__(self, a):
                self.a = a
            def __eq__(self, other):
                return self.a == other.a
        x = Point(1)
        y = Point(1)
    """, "x == y"),
    ("t_call_function", """
        def f(a):
            return a
        x = 1
    """, "f(x)"),
    ("t_join_10", "parts = ['part%d' % i for i in range(10)]", "''.join(parts)"),
    ("t_sorted_8", "small = [5, 3, 8, 1, 9, 2, 7, 4]", "sorted(small)"),
    ("t_copy_list", "import copy\nlst = list(range(10))", "copy.copy(lst)"),
    ("t_str_int", "i = 123456", "str(i)"),
]

# Every block these statements allocate stays alive in `keep`'s deque (including the
# deque's own blocks, amortised over the loop), so tracemalloc sees them all.
KEEP = "from collections import deque\nkeep = deque().append\n"
ALLOC_CASES = [
    ("a_object", KEEP, "keep(object())"),
    ("a_list", KEEP + "x = 10 ** 20", "keep([x])"),
    ("a_dict", KEEP + "x = 10 ** 20", "keep({'a': x})"),
    ("a_large_int", KEEP + "x = 10 ** 20", "keep(x + 1)"),
    # With an argument: on some versions the call passes it in a temporary tuple from
    # the tuple free list, which both sides empty with a collection before counting.
    ("a_instance", KEEP + textwrap.dedent("""
        class Point(object):
            def __init__(self, a):
                self.a = a
    """), "keep(Point(1))"),
]

# Runs in PY: timeit on one statement, on its exact empty twin and on `pass`, with the
# same setup. From 3.10 timeit's template ends the loop body with a `pass` of its own:
# then Timer('') is the bare loop, the exact twin of every statement's loop, and
# Timer('pass') runs one NOP more per iteration. Before 3.10 Timer('') does not
# compile, and Timer('pass') is the bare loop.
TIMEIT_SCRIPT = r"""
import json, sys, timeit
a = json.loads(sys.argv[1])
timers = {"stmt": timeit.Timer(a["stmt"], a["setup"]),
          "pass": timeit.Timer("pass", a["setup"])}
try:
    timers["bare"] = timeit.Timer("", a["setup"])
    bare = ""
except SyntaxError:
    bare = "pass"
number = None
i = 1
while number is None:
    for j in (1, 2, 5):
        if timers["stmt"].timeit(i * j) >= a["target"]:
            number = i * j
            break
    i *= 10
kinds = ["stmt", "bare", "pass"] if bare == "" else ["stmt", "pass"]
times = dict((kind, []) for kind in kinds)
for _ in range(a["repeat"]):
    for kind in kinds:  # in turn, so that a drift in speed affects all alike
        times[kind].extend(timers[kind].repeat(repeat=1, number=number))
if bare == "pass":
    times["bare"] = times["pass"]
print(json.dumps({"number": number, "bare": bare, "times": times}))
"""

# Runs in PY: the harness's loop shape, with tracemalloc started where the harness
# reads its counters; counts the blocks still alive that the statement's lines
# allocated (directly, or in functions they called).
TRACEMALLOC_SCRIPT = r"""
import functools, gc, itertools, json, sys, tracemalloc
a = json.loads(sys.argv[1])

def lines_of(code):
    return [line for line in code.splitlines() if line.strip()] or ["pass"]

def compile_loop(stmt, filename):
    setup, body = lines_of(a["setup"]), lines_of(stmt)
    source = ("def _validate_loop(_validate_it, _validate_start, _validate_stop):\n" +
              "".join("    " + line + "\n" for line in setup) +
              "    _validate_start()\n    for _validate_i in _validate_it:\n" +
              "".join("        " + line + "\n" for line in body) +
              "    _validate_stop()\n")
    scope = {"__name__": "__main__"}
    exec(compile(source, filename, "exec"), scope)
    first = 1 + len(setup) + 3  # def, setup, start, for
    return scope["_validate_loop"], set(range(first, first + len(body)))

FILENAME = "<validate-allocs>"
loop, stmt_lines = compile_loop(a["stmt"], FILENAME)
empty = compile_loop("pass", "<validate-empty>")[0]
loops = a["loops"]
nothing = lambda: None
start = functools.partial(tracemalloc.start, 25)
snapshots = []  # made before the warm-up, so that it takes no object off a free list
gc.disable()  # as the harness does while measuring
# Warm up as the harness does (specialisation), then, as it does before each
# allocation sample, a full collection, which also empties the free lists.
for _ in range(3):
    loop(itertools.repeat(None, loops), nothing, nothing)
    empty(itertools.repeat(None, loops), nothing, nothing)
def stop():
    snapshots.append(tracemalloc.take_snapshot())
iterator = itertools.repeat(None, loops)
gc.collect()
loop(iterator, start, stop)
tracemalloc.stop()
# A block is the statement's when one of its frames is a line of the statement: this
# leaves out what calling stop() and taking the snapshot allocate (before Python 3.11
# a call allocates a frame object, with the loop's `_validate_stop()` line as caller).
traces = [t for t in snapshots[0].traces
          if any(f.filename == FILENAME and f.lineno in stmt_lines for f in t.traceback)]
print(json.dumps({"blocks": len(traces), "bytes": sum(t.size for t in traces)}))
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="bin/validate",
        description="Compare the harness's figures with timeit, tracemalloc and "
                    "callgrind under the same interpreter.")
    parser.add_argument("--harness", required=True, metavar="BIN",
                        help="the idiombench binary (bin/build-harness PYTHON prints it)")
    parser.add_argument("--python", required=True, metavar="PY",
                        help="the interpreter the harness embeds (a path, a name on PATH "
                             "or a version such as 3.11)")
    parser.add_argument("--quick", action="store_true",
                        help="run the harness with --quick and shorten the timeit runs")
    parser.add_argument("--runs", type=int, default=1, metavar="K",
                        help="measure K times (harness and references) and check that "
                             "allocs_per_op is identical across the runs (default 1)")
    parser.add_argument("--strict", action="store_true",
                        help="also fail when a time ratio ours/timeit is outside +/-5%%")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (catalogue, harness output)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.runs > 20:
        parser.error("--runs must be from 1 to 20")
    return args


def interpreter_facts(command):
    """(sys.executable, "X.Y.Z") of the interpreter `command`, or None if it does not run."""
    try:
        out = subprocess.check_output(
            [command, "-c", "import sys; print(sys.executable); "
                            "print('%d.%d.%d' % sys.version_info[:3])"],
            stderr=subprocess.STDOUT, universal_newlines=True)
        executable, version = out.strip().splitlines()[-2:]
        return executable or command, version
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None


def pyenv_candidates(name):
    """name under pyenv's versions (its shims run only the active ones), as
    bin/pyconfig looks for it."""
    try:
        root = subprocess.check_output(["pyenv", "root"], stderr=subprocess.DEVNULL,
                                       universal_newlines=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return []
    versions = os.path.join(root, "versions")
    try:
        names = sorted(os.listdir(versions))
    except OSError:
        return []
    found = [os.path.join(versions, v, "bin", name) for v in names]
    return [path for path in found if os.access(path, os.X_OK)]


def resolve_python(name):
    """The interpreter's own path (sys.executable) and version, or Stop.
    name is a path, a name on PATH (python3.11) or a version (3.11)."""
    if "/" in name:
        if not os.path.isfile(name) or not os.access(name, os.X_OK):
            raise Stop("--python '%s': no such executable file" % name)
        candidates = [name]
    else:
        command = "python" + name if name[:1].isdigit() else name
        on_path = shutil.which(command)
        candidates = ([on_path] if on_path else []) + pyenv_candidates(command)
        if not candidates:
            raise Stop("--python '%s': no such interpreter on PATH or under pyenv "
                       "(give a path, e.g. --python /usr/bin/python3.11)" % name)
    for candidate in candidates:
        facts = interpreter_facts(candidate)
        if facts is not None:
            return facts
    raise Stop("--python '%s' does not run (try: %s -c pass)" % (name, candidates[0]))


def check_harness(path):
    if not os.path.exists(path):
        raise Stop("--harness '%s': no such file (build it: bin/build-harness "
                   "python3 prints its path)" % path)
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise Stop("--harness '%s' is not an executable file" % path)


def python_flags(version):
    """Isolated mode without site, as the harness embeds the interpreter."""
    return ["-I", "-S"] if version.split(".")[0] == "3" else ["-E", "-s", "-S"]


def write_catalogue(folder):
    lines = ["# Written by bin/validate.", "FAMILY = %r" % FAMILY, "CASES = ["]
    for name, setup, stmt in TIME_CASES:
        lines.append("    dict(name=%r, setup=%r, stmt=%r, instruments=['time'])," %
                     (name, textwrap.dedent(setup).strip() + "\n", stmt))
    for name, setup, stmt in ALLOC_CASES:
        lines.append("    dict(name=%r, setup=%r, stmt=%r, instruments=['allocs'])," %
                     (name, setup, stmt))
    lines.append("]")
    path = os.path.join(folder, FAMILY + ".py")
    with open(path, "w") as stream:
        stream.write("\n".join(lines) + "\n")
    return path


def read_meta(path):
    try:
        return meta_dict(path)
    except OSError:
        return {}


def run_harness(harness, catalogue, out_dir, quick, pattern=None):
    command = [harness, "--catalogue", catalogue, "--out", out_dir]
    if pattern:
        command += ["--filter", pattern]
    if quick:
        command.append("--quick")
    try:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True)
        output = proc.communicate()[0]
    except OSError as error:
        raise Stop("cannot run the harness '%s': %s" % (harness, error.strerror))
    if proc.returncode != 0:
        last = [line for line in output.splitlines() if line.strip()]
        failures = [line.strip() for line in last if "FAILED" in line]
        reason = (failures or last or ["no output"])[-1]
        raise Stop("the harness failed (exit %d): %s" % (proc.returncode, reason))
    return read_rows(out_dir), read_meta(os.path.join(out_dir, "meta"))


def read_rows(out_dir):
    """The rows of out_dir/measurements.csv of our family, by (case, metric)."""
    rows = {}
    with open(os.path.join(out_dir, "measurements.csv")) as stream:
        for row in csv.DictReader(stream):
            if row["family"] == FAMILY:
                rows[(row["case"], row["metric"])] = row
    return rows


def run_python(python, flags, script, payload, what):
    command = [python] + flags + ["-c", script, json.dumps(payload)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    out, err = proc.communicate()
    if proc.returncode != 0:
        tail = [line for line in err.splitlines() if line.strip()]
        raise Stop("%s failed under %s: %s" % (what, python,
                                               tail[-1] if tail else "no output"))
    return json.loads(out.strip().splitlines()[-1])


def timeit_net_ns(python, flags, setup, stmt, quick):
    """timeit's net ns per operation against the bare loop and against `pass`."""
    payload = {"setup": textwrap.dedent(setup).strip() + "\n", "stmt": stmt,
               "repeat": 3 if quick else 5, "target": 0.02 if quick else 0.2}
    result = run_python(python, flags, TIMEIT_SCRIPT, payload, "timeit on %r" % stmt)
    number, times = result["number"], result["times"]
    def net(empty):
        return (statistics.median(times["stmt"]) - statistics.median(times[empty])) \
            / number * 1e9
    # Each round's own net figure: their spread shows the noise of the measurement.
    rounds = [(s - b) / number * 1e9 for s, b in zip(times["stmt"], times["bare"])]
    middle = net("bare")
    spread = (max(rounds) - min(rounds)) / 2 / middle if middle > 0 else float("inf")
    return {"net": middle, "net_pass": net("pass"), "number": number,
            "repeat": len(times["stmt"]), "bare": result["bare"], "spread": spread}


def tracemalloc_per_op(python, flags, setup, stmt, loops):
    payload = {"setup": setup, "stmt": stmt, "loops": loops}
    result = run_python(python, flags, TRACEMALLOC_SCRIPT, payload,
                        "tracemalloc on %r" % stmt)
    return result["blocks"] / float(loops), result["bytes"] / float(loops)


def as_csv_number(value):
    """value as the harness's CSV stores it (%.9g), for an exact comparison."""
    return float("%.9g" % value)


def figure(row, field="median"):
    return float(row[field])


def print_table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    def line(cells):
        return "  ".join(str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
                         for i, (cell, width) in enumerate(zip(cells, widths)))
    print(line(header))
    print(line(["-" * width for width in widths]))
    for row in rows:
        print(line(row))


def need(rows, case, metric, run):
    row = rows.get((case, metric))
    if row is None:
        raise Stop("run %d: the harness wrote no %s row for %s/%s" %
                   (run, metric, FAMILY, case))
    return row


def machine_snapshot():
    """The 1-minute load average and the CPU pressure (PSI 'some avg60', %), where
    Linux gives them; None for each it does not."""
    def first_number(path, prefix, field):
        try:
            with open(path) as stream:
                for line in stream:
                    if line.startswith(prefix):
                        words = line.split()
                        return float(words[field].split("=")[-1])
        except (OSError, ValueError, IndexError):
            pass
        return None
    return (first_number("/proc/loadavg", "", 0),
            first_number("/proc/pressure/cpu", "some", 2))


def machine_state(before, after):
    """One line on how busy the machine was, which the time ratios depend on."""
    cpus = os.cpu_count() or 1
    load = [s[0] for s in (before, after) if s[0] is not None]
    pressure = [s[1] for s in (before, after) if s[1] is not None]
    parts = []
    if load:
        parts.append("load average %s on %d CPUs" % (" -> ".join("%.2f" % l for l in load),
                                                      cpus))
    if pressure:
        parts.append("CPU pressure %s%%" % " -> ".join("%.1f" % p for p in pressure))
    if not parts:
        return "machine: no load figures on this system"
    # Busy: others waited for a CPU, or ran beside our one busy process.
    busy = (max(pressure) > 10.0) if pressure else (load[0] > 0.5 * cpus or
                                                    load[-1] > 1 + 0.5 * cpus)
    return "machine: %s%s" % (", ".join(parts),
                              " (busy: the time ratios are unreliable)" if busy else "")


def validate(args):
    check_harness(args.harness)
    python, version = resolve_python(args.python)
    flags = python_flags(version)
    has_tracemalloc = tuple(int(p) for p in version.split(".")[:2]) >= (3, 4)
    state_before = machine_snapshot()
    folder = tempfile.mkdtemp(prefix="idiombench-validate-")
    try:
        catalogue = write_catalogue(folder)
        runs = [measure_run(args, python, flags, catalogue, folder, k)
                for k in range(args.runs)]
        print("Python %s at %s (subprocesses: %s)" % (version, python, " ".join(flags)))
        status = report_time(args, runs, state_before)
        status |= report_allocs(python, flags, runs, has_tracemalloc)
        status |= report_instructions(args, python, catalogue, folder)
        return status
    finally:
        if args.keep:
            print("kept %s" % folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def check_embedded(meta, python, name):
    """Stop unless the run's meta names the interpreter --python runs."""
    embedded = meta.get("python_path", "")
    if embedded and os.path.realpath(embedded) != os.path.realpath(python):
        raise Stop("the harness embeds %s but --python runs %s: build the harness "
                   "for the same interpreter (bin/build-harness %s)" %
                   (embedded, python, name))


def measure_run(args, python, flags, catalogue, folder, k):
    """Run k: the harness on each time statement alone, paired with timeit on it
    (alternately before and after), then the harness on the allocation statements.
    Returns {"rows": the harness's rows by (case, metric), "timeit": figures by case}."""
    print("run %d/%d%s: timing %d statements (harness and timeit in pairs), counting "
          "allocations ..." % (k + 1, args.runs, " (quick)" if args.quick else "",
                               len(TIME_CASES)))
    sys.stdout.flush()
    rows, timeit_figures = {}, {}
    def harness(pattern, label):
        out_dir = os.path.join(folder, "run%d-%s" % (k + 1, label))
        found, meta = run_harness(args.harness, catalogue, out_dir, args.quick, pattern)
        check_embedded(meta, python, args.python)
        rows.update(found)
    for index, (name, setup, stmt) in enumerate(TIME_CASES):
        timeit_first = (k + index) % 2 == 1
        if timeit_first:
            timeit_figures[name] = timeit_net_ns(python, flags, setup, stmt, args.quick)
        harness("^%s/%s$" % (FAMILY, name), name)
        if not timeit_first:
            timeit_figures[name] = timeit_net_ns(python, flags, setup, stmt, args.quick)
    harness("^%s/a_" % FAMILY, "allocs")
    return {"rows": rows, "timeit": timeit_figures}


def report_time(args, runs, state_before):
    target = "0.02" if args.quick else "0.2"
    several = len(runs) > 1
    print("")
    print("Time per operation, ns, net of the empty loop%s" %
          (" (figures per run: run 1/run 2/...)" if several else ""))
    print("  ours         = the harness's time_per_op median")
    print("  timeit(pass) = median(R x Timer(stmt, setup).timeit(N))/N"
          " - median(R x Timer('pass', setup).timeit(N))/N")
    print("  timeit       = the same with Timer('', setup) as the empty loop. From Python "
          "3.10 timeit's loop")
    print("                 body ends with a `pass` of its own, so Timer('pass') runs one "
          "NOP more per")
    print("                 iteration than any statement's loop and timeit(pass) is low "
          "by that NOP;")
    print("                 before 3.10 '' does not compile and both figures use 'pass'")
    print("  N as timeit's autorange (the first of 1, 2, 5, 10, 20, ... whose stmt run "
          "lasts >= %s s);" % target)
    print("  R rounds, each timing stmt, '' and 'pass' in turn; timeit runs just before "
          "or after the harness")
    print("  on the same statement, so that each ratio compares figures taken seconds "
          "apart")
    print("  timeit spread = half the range of timeit's R per-round net figures, over "
          "their median:")
    print("                  the noise of one figure on this machine at that moment")
    print("  within +/-5%%: ours against timeit, in every run; `%s` is for reference only" %
          dict((n, s) for n, _, s in TIME_CASES)[REFERENCE_CASE])
    header = ["statement", "ours ns", "timeit ns", "ours/timeit", "within +/-5%",
              "timeit spread", "timeit(pass) ns", "ours/timeit(pass)", "N", "R"]
    table, outside = [], 0
    def joined(values, form):
        return "/".join(form % v for v in values)
    for name, setup, stmt in TIME_CASES:
        ours = [figure(need(run["rows"], name, "time_per_op", k + 1))
                for k, run in enumerate(runs)]
        refs = [run["timeit"][name] for run in runs]
        ratios = [ratio(o, r["net"]) for o, r in zip(ours, refs)]
        if name == REFERENCE_CASE:
            verdict = "reference"
        elif all(abs(r - 1.0) <= TOLERANCE for r in ratios):
            verdict = "yes"
        else:
            verdict = "NO"
            outside += 1
        numbers = sorted(set(r["number"] for r in refs))
        table.append([stmt, joined(ours, "%.2f"), joined([r["net"] for r in refs], "%.2f"),
                      joined(ratios, "%.3f"), verdict,
                      joined([r["spread"] * 100 for r in refs], "%.1f%%"),
                      joined([r["net_pass"] for r in refs], "%.2f"),
                      joined([ratio(o, r["net_pass"]) for o, r in zip(ours, refs)], "%.3f"),
                      "/".join(str(n) for n in numbers), refs[0]["repeat"]])
    print_table(header, table)
    print(machine_state(state_before, machine_snapshot()))
    judged = len(TIME_CASES) - 1
    print("time: %d of %d statements within +/-5%% of timeit%s" %
          (judged - outside, judged,
           " in every run" if several else "") +
          ("" if args.strict else " (not enforced; --strict enforces it)"))
    return EXIT_CASES_FAILED if (args.strict and outside) else EXIT_OK


def ratio(ours, reference):
    return ours / reference if reference > 0 else float("inf")


def report_allocs(python, flags, runs, has_tracemalloc):
    print("")
    print("Allocations per operation")
    print("  ours        = the harness's allocs_per_op and bytes_per_op medians "
          "(requests net of the empty loop)")
    print("  tracemalloc = blocks (bytes) still alive after `loops` runs of the "
          "statement, traced in its code only, / loops")
    if not has_tracemalloc:
        print("allocations: no tracemalloc before Python 3.4; not checked")
        return EXIT_OK
    header = ["statement", "loops", "our allocs/op", "tracemalloc blocks/op", "equal?",
              "our bytes/op", "tracemalloc bytes/op"]
    table, mismatched = [], 0
    for name, setup, stmt in ALLOC_CASES:
        first_allocs = need(runs[0]["rows"], name, "allocs_per_op", 1)
        loops = int(first_allocs["loops"])
        blocks, size = tracemalloc_per_op(python, flags, setup, stmt, loops)
        equal = True
        for k, run in enumerate(runs):
            allocs_row = need(run["rows"], name, "allocs_per_op", k + 1)
            bytes_row = need(run["rows"], name, "bytes_per_op", k + 1)
            equal &= (int(allocs_row["loops"]) == loops and
                      figure(allocs_row) == as_csv_number(blocks) and
                      figure(bytes_row) == as_csv_number(size))
        mismatched += not equal
        table.append([stmt, loops, first_allocs["median"], "%.9g" % blocks,
                      "yes" if equal else "NO",
                      need(runs[0]["rows"], name, "bytes_per_op", 1)["median"], "%.9g" % size])
    print_table(header, table)
    print("allocations: %d of %d statements equal to tracemalloc%s" %
          (len(ALLOC_CASES) - mismatched, len(ALLOC_CASES),
           " in every run" if len(runs) > 1 else ""))
    status = EXIT_CASES_FAILED if mismatched else EXIT_OK
    if len(runs) > 1:
        status |= report_repeatability(runs)
    return status


def instructions_agree(ours, independent):
    """Within INSTRUCTION_TOLERANCE: |ours - independent| at most the larger of its
    share of independent and its number of instructions."""
    share, count = INSTRUCTION_TOLERANCE
    return abs(ours - independent) <= max(share * abs(independent), count)


def report_instructions(args, python, catalogue, folder):
    """The harness's instructions_per_op (bin/count-instructions) beside whole-process
    callgrind counts of a plain python; 1 when a statement is outside the tolerance."""
    print("")
    print("Instructions per operation, net of the empty loop (callgrind)")
    missing = vi.missing_tool()
    if missing:
        print("instructions: skipped: %s" % missing)
        return EXIT_OK
    print_instruction_definitions(args.quick)
    sys.stdout.flush()
    cases = [(name, textwrap.dedent(setup).strip() + "\n", stmt)
             for name, setup, stmt in TIME_CASES]
    rows, loops, independent = count_instructions(args, python, catalogue, folder, cases)
    header = ["statement", "ours", "independent", "ours - independent", "agree?",
              "steady", "ours - steady"]
    table, disagreeing = [], 0
    for name, _, stmt in cases:
        ours = figure(need(rows, name, "instructions_per_op", 1))
        theirs = independent["cases"][name]
        agree = instructions_agree(ours, theirs["window"])
        disagreeing += not agree
        table.append([stmt, "%.2f" % ours, "%.2f" % theirs["window"],
                      "%+.2f" % (ours - theirs["window"]), "yes" if agree else "NO",
                      "%.2f" % theirs["steady"], "%+.2f" % (ours - theirs["steady"])])
    print("  loops: %d (the harness's)" % loops)
    print_table(header, table)
    print("empty loop (independent): %.2f instructions per iteration over the window, "
          "%.2f steady" % (independent["empty"]["window"], independent["empty"]["steady"]))
    print("instructions: %d of %d statements agree with the independent count" %
          (len(cases) - disagreeing, len(cases)))
    return EXIT_CASES_FAILED if disagreeing else EXIT_OK


def count_instructions(args, python, catalogue, folder, cases):
    """(the harness's rows, its loop count, the independent counts) for cases."""
    out_dir = vi.harness_counts(python, catalogue, "^%s/t_" % FAMILY,
                                os.path.join(folder, "instructions"), args.quick)
    check_embedded(read_meta(os.path.join(out_dir, "meta")), python, args.python)
    rows = read_rows(out_dir)
    loops = set(int(need(rows, name, "instructions_per_op", 1)["loops"])
                for name, _, _ in cases)
    if len(loops) != 1:
        raise Stop("the harness counted its cases' instructions over different "
                   "loop counts (%s)" % ", ".join(str(n) for n in sorted(loops)))
    loops = loops.pop()
    independent = vi.independent_counts(python, cases, loops,
                                        os.path.join(folder, "callgrind"),
                                        steady_loops(args.quick))
    return rows, loops, independent


def steady_loops(quick):
    return vi.STEADY_LOOPS_QUICK if quick else vi.STEADY_LOOPS


def print_instruction_definitions(quick):
    share, count = INSTRUCTION_TOLERANCE
    steady = steady_loops(quick)
    for line in [
            "  ours        = the harness's instructions_per_op median "
            "(bin/count-instructions, as make instructions)",
            "  T(N)        = callgrind's instruction total of a whole `python -S -s -c` "
            "process, no harness:",
            "                the loop function (setup, then `for _ in it: stmt`) called "
            "once over `loops`",
            "                iterations to warm up, then once over N; PYTHONHASHSEED=0, "
            "env -i, setarch -R,",
            "                gc disabled, N zero-padded to %d digits (argv of one size)"
            % vi.COUNT_WIDTH,
            "  independent = (T(loops) - T(loops // 2)) / (loops - loops // 2) for the "
            "statement, minus",
            "                the same for `pass`: what the harness counts (a run of `loops` "
            "less one of half)",
            "  steady      = the same over the next %d iterations: (T(loops + %d) - "
            "T(loops)) / %d - ..." % (steady, steady, steady),
            "                where ours differs from it, the count depends on the loop "
            "count (e.g. re-specialisation)",
            "  agree       = |ours - independent| <= max(%g%% of independent, %g "
            "instructions)" % (share * 100, count)]:
        print(line)


def report_repeatability(runs):
    fields = ("median", "min", "max", "loops")
    differing = []
    for name, _, stmt in ALLOC_CASES:
        seen = set(tuple(need(run["rows"], name, "allocs_per_op", k + 1)[f] for f in fields)
                   for k, run in enumerate(runs))
        if len(seen) != 1:
            differing.append(stmt)
    if differing:
        print("repeatability: allocs_per_op DIFFERS across the %d runs for: %s" %
              (len(runs), ", ".join(differing)))
        return EXIT_CASES_FAILED
    print("repeatability: allocs_per_op identical across the %d runs" % len(runs))
    return EXIT_OK


def main(argv=None):
    args = parse_args(argv)
    try:
        status = validate(args)
    except Stop as failure:
        sys.stdout.flush()
        warn(str(failure), "validate")
        return failure.status
    except KeyboardInterrupt:
        warn("interrupted", "validate")
        return EXIT_INTERRUPTED
    print("")
    print("validate: %s" % ("PASS" if status == EXIT_OK else "FAIL"))
    return status

