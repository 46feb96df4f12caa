"""py/idiombench/validate/instructions.py: instructions per operation counted without the
harness, for bin/validate to set beside the harness's instructions_per_op.

The independent figure: a plain `python -S -s -c SCRIPT` runs the statement's loop
(`for _ in itertools.repeat(None, n): stmt` in a function whose body starts with the
setup, the harness's loop shape) under `valgrind --tool=callgrind` with collection on
from the start, so that callgrind's total is the whole process's instruction count. The
function is called once over `loops` iterations (the harness's loop count) to warm up,
then once over N: T(stmt, N). Processes differ only in N, so that, with
half = loops // 2,

    window(stmt) = (T(stmt, loops) - T(stmt, half)) / (loops - half)
    independent  = window(stmt) - window(pass)

counts what the harness counts (a run of `loops` iterations less one of `half`, the
setup and what every call pays once cancelling), and

    steady(stmt) = (T(stmt, loops + STEADY_LOOPS) - T(stmt, loops)) / STEADY_LOOPS

those after it, net of the same for `pass`. No client request, no harness code: startup,
setup, warm-up and finalisation are the same in every process and cancel. Where window
and steady differ the count per operation depends on the loop count. On 3.11 a function
that the setup defines is a new object (a new function version) in each call of the
loop function, so a call to it is re-specialised at the start of each call: counted
from 0 iterations, f(x) took 370.16 in the first 1000 and 360 steady; differenced from
`half`, as the harness now counts, that cost cancels.

What moved whole-process counts between attempts, and how it is pinned here (measured on
this machine, `pass` loop, 1000 against 2000 loops, three pairs of processes each):
  - the hash seed: 3.11 gave 123.5, 90.7 and 120.0 instructions per iteration with a
    random seed, 74.0 three times with PYTHONHASHSEED=0 (3.6: 194.7, 165.0, 9.1 against
    86.0; 3.13: 39.2, -23.0, 98.5 against 87.0). A seed changes every dict's layout and
    so the startup's cost by thousands of instructions, which the differencing divides
    by N2 - N1 only. Pinned: env -i PYTHONHASHSEED=0 (so no -E or -I, which would ignore
    it; the environment holds nothing else).
  - the loop count's digits and the argv's size (stack layout): the count is passed
    zero-padded to a fixed width, so every process has argv and environment of the same
    size (1000 against 2000 unpadded, which have as many digits, moved nothing; padded so
    that 0, 1000 and 21000 are alike too); address-space randomisation is off (setarch
    -R), although under valgrind, which places the client itself, it moved nothing here.
  - byte-code specialisation (3.11+) and the collector: each process runs the loop
    once to warm up, then gc.collect(); the collector is disabled throughout, so that no
    collection runs at a different point in two processes.
  - the rest: about a thousand instructions from one process to the next now and then
    (heap addresses that the type attribute cache hashes: the same command gave
    39,076,437 and 39,077,456), 1 per operation over a 1000-loop window.

The loop function has the harness's name and lives in a namespace with the harness's
keys (`__builtins__`, `__name__`, then the function): a builtin such as `str` is looked up
in it first, and its cost depends on those keys (3.7's str(i): 1570 instructions in a
namespace of `__name__`, `__builtins__`, `loop`; 1621 in the harness's).

The empty loop is counted once per interpreter, with no setup (the setup runs once, before
the loop, and cancels). Standard library only; Python 3.6+.
"""
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from idiombench.run.errors import Stop
from idiombench.run.paths import bin_path

STEADY_LOOPS = 20000  # iterations counted after the harness's window
STEADY_LOOPS_QUICK = 2000  # the same with --quick: shown, not judged
COUNT_WIDTH = 9  # digits of the zero-padded loop count in argv

# Runs in the interpreter under callgrind: argv[1] is {"setup", "stmt", "warmup"} as
# JSON, the same in every process; argv[2] the zero-padded loop count.
LOOP_SCRIPT = r"""
import gc, itertools, json, sys
gc.disable()
a = json.loads(sys.argv[1])
def lines_of(code):
    return [line for line in code.splitlines() if line.strip()] or ["pass"]
source = ("def _idiombench_loop(it):\n" +
          "".join("    " + l + "\n" for l in lines_of(a["setup"])) +
          "    for _ in it:\n" + "".join("        " + l + "\n" for l in lines_of(a["stmt"])))
# The harness's module namespace: the same keys, added in the same order.
builtins = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
scope = {"__builtins__": builtins, "__name__": "__main__"}
exec(compile(source, "<validate-instructions>", "exec"), scope)
loop = scope["_idiombench_loop"]
loop(itertools.repeat(None, a["warmup"]))
gc.collect()
loop(itertools.repeat(None, int(sys.argv[2])))
"""

TOTALS = re.compile(r"^(?:totals|summary): *(\d+)", re.M)


def missing_tool():
    """None when valgrind and setarch are on PATH, else the line that says which is not."""
    if shutil.which("valgrind") is None:
        return "valgrind is not on PATH (Debian: sudo apt-get install valgrind)"
    if shutil.which("setarch") is None:
        return "setarch is not on PATH (Debian: sudo apt-get install util-linux)"
    return None


def per_op_net(stmt_short, stmt_long, empty_short, empty_long, loops_short, loops_long):
    """Instructions per operation of the statement net of the empty loop, from whole
    process totals at two loop counts: each loop's total differenced and divided by the
    difference of the loop counts, the empty loop's figure subtracted."""
    if loops_long <= loops_short:
        raise ValueError("loops_long must exceed loops_short")
    span = float(loops_long - loops_short)
    return (stmt_long - stmt_short) / span - (empty_long - empty_short) / span


# A plain `python` built here against the interpreter's own flags (bin/pyconfig), so
# that it runs the library the harness embeds: Debian's /usr/bin/python3.X has libpython
# linked in statically, while the harness (like pyenv's --enable-shared python) calls the
# shared libpython, whose position-independent code takes more instructions (on 3.11.2:
# `x is None` 85 against 79). No harness code: Python's own main, as `python` has it.
LAUNCHER_SOURCE = r"""
#include <Python.h>
int main(int argc, char **argv)
{
#if PY_VERSION_HEX >= 0x03080000
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    PyStatus status = PyConfig_SetBytesString(&config, &config.program_name, PYTHON_PATH);
    if (!PyStatus_Exception(status))
        status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status))
        Py_ExitStatusException(status);
    return Py_RunMain();
#elif PY_MAJOR_VERSION >= 3
    wchar_t **wide = PyMem_RawMalloc(sizeof *wide * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++)
        wide[i] = Py_DecodeLocale(argv[i], NULL);
    wide[argc] = NULL;
    Py_SetProgramName(Py_DecodeLocale(PYTHON_PATH, NULL));
    return Py_Main(argc, wide);
#else
    Py_SetProgramName(PYTHON_PATH);
    return Py_Main(argc, argv);
#endif
}
"""


def shared_launcher(python, folder):
    """Builds folder/python: python's main against the library the harness links
    (python's flags from bin/pyconfig, program name python's own path so that it
    finds its standard library). Returns its path; raises Stop."""
    flags = subprocess.run(
        ["sh", "-c", 'eval "$("$0" "$1")" && printf "%s\\n" "$PY_EXE" "$PY_CFLAGS" '
         '"$PY_LDFLAGS" "$PY_LIBDIR"', bin_path("pyconfig"), python],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    lines = flags.stdout.split("\n")
    if flags.returncode != 0 or len(lines) < 4:
        raise Stop("bin/pyconfig %s failed: %s" % (python, flags.stderr.strip()))
    exe, cflags, ldflags, libdir = lines[:4]
    source, binary = os.path.join(folder, "python.c"), os.path.join(folder, "python")
    with open(source, "w") as stream:
        stream.write(LAUNCHER_SOURCE)
    command = (["cc", "-o", binary, source, "-DPYTHON_PATH=\"%s\"" % exe] + cflags.split() +
               ldflags.split() + ["-Wl,-rpath," + libdir])
    built = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True)
    if built.returncode != 0:
        tail = [line for line in built.stdout.splitlines() if line.strip()]
        raise Stop("cannot build a plain python against %s's library: %s"
                   % (python, tail[-1] if tail else "cc failed"))
    return binary


def process_total(python, setup, stmt, loops, warmup, folder, label):
    """callgrind's instruction total of one whole `python` process that runs the loop
    once `warmup` times, then once `loops` times (label names its dump, so that
    processes can run side by side)."""
    work, out = os.path.join(folder, "cwd"), os.path.join(folder, "callgrind.%s" % label)
    payload = json.dumps({"setup": setup, "stmt": stmt, "warmup": warmup})
    command = (["setarch", os.uname()[4], "-R", "env", "-i", "PYTHONHASHSEED=0",
                "valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, "--quiet",
                python, "-S", "-s", "-c", LOOP_SCRIPT, payload,
                "%0*d" % (COUNT_WIDTH, loops)])
    # cwd: an empty folder, the same for every process (with -c, sys.path starts with
    # it, and an import lists it); the dumps go beside it.
    proc = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    err = proc.communicate()[1]
    if proc.returncode != 0:
        tail = [line for line in err.splitlines() if line.strip()]
        raise Stop("callgrind on %r under %s failed: %s" %
                   (stmt, python, tail[-1] if tail else "no output"))
    with open(out) as stream:
        found = TOTALS.search(stream.read())
    os.remove(out)
    if found is None:
        raise Stop("callgrind wrote no total for %r under %s" % (stmt, python))
    return int(found.group(1))


def independent_counts(python, cases, loops, folder, steady_loops=STEADY_LOOPS):
    """For (name, setup, stmt) cases and the harness's loop count `loops`:
    {"empty": {"window", "steady"}, "cases": {name: {"window", "steady"}}}, where
    window is the instructions per operation of a call of `loops` iterations less one
    of loops // 2 (the harness's sample) and steady
    those of the next steady_loops (`loops` against `loops` + steady_loops), each net of
    the empty loop (its own figures are per iteration). Three whole processes per loop,
    as many at a time as there are CPUs (a count is the same whatever runs beside it),
    each a plain python built against the library the harness embeds (shared_launcher)."""
    os.makedirs(os.path.join(folder, "cwd"))
    runner = shared_launcher(python, folder)
    counts = (loops // 2, loops, loops + steady_loops)
    jobs = [(setup, stmt, n) for _, setup, stmt in [("", "", "pass")] + list(cases)
            for n in counts]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        totals = list(pool.map(lambda k: process_total(runner, jobs[k][0], jobs[k][1],
                                                       jobs[k][2], loops, folder, k),
                               range(len(jobs))))
    def figures(stmt, empty):
        return {"window": per_op_net(stmt[0], stmt[1], empty[0], empty[1], counts[0],
                                     loops),
                "steady": per_op_net(stmt[1], stmt[2], empty[1], empty[2], loops,
                                     counts[2])}
    empty = totals[0:3]
    result = {"empty": figures(empty, (0, 0, 0)), "cases": {}}
    for index, (name, _, _) in enumerate(cases):
        start = 3 * (index + 1)
        result["cases"][name] = figures(totals[start:start + 3], empty)
    return result


def harness_counts(python, catalogue, pattern, out_dir, quick):
    """Runs bin/count-instructions (what `make instructions` runs) on the catalogue's
    cases matching pattern; returns its output folder (measurements.csv, meta)."""
    command = [bin_path("count-instructions"), python, "--catalogue", catalogue,
               "--filter", pattern, "--out", out_dir] + (["--quick"] if quick else [])
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    output = proc.communicate()[0]
    if proc.returncode != 0:
        last = [line for line in output.splitlines() if line.strip()]
        raise Stop("bin/count-instructions failed (exit %d): %s" %
                   (proc.returncode, last[-1] if last else "no output"))
    return out_dir
