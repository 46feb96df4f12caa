# bin/hyperfine-run --out DIR [--quick] [--runs N] [--warmup N] [--startup-args=ARGS]
#                     [--tiny] INTERPRETERS_FILE
#
# Whole-program timing with hyperfine: interpreter start-up and the programs of
# bench/programs/ (see its README.md), on every interpreter in INTERPRETERS_FILE.
#
# INTERPRETERS_FILE: one interpreter a line, three fields separated by tabs:
#     label<TAB>python_exe<TAB>harness
# label names the interpreter in the results (its version, e.g. 3.11.7: letters,
# digits, '.', '_', '+', '-'; unique), python_exe runs the programs (with -E -s: no user site,
# no PYTHON* variables), harness is the idiombench binary built for it, whose
# `harness --startup` (initialise and finalise the interpreter) is the start-up
# figure. Blank lines and lines starting with # are skipped.
#
# Steps (progress lines on stderr; hyperfine's own report goes to stderr too):
#   1. checks the options, hyperfine and every line of INTERPRETERS_FILE;
#   2. writes the 50 MiB input of the read_* programs into a temporary folder, removed
#      at exit, also on Ctrl-C or SIGTERM;
#   3. runs each start-up command and each program once per interpreter under
#      bin/peak-rss: the check that it works (exit 0), and its peak RSS for where
#      hyperfine has none;
#   4. times start-up of every interpreter in one hyperfine -N invocation (commands
#      named "<label> startup") and every program on every interpreter in another
#      ("<label> <program>"), with --ignore-failure so that one failure does not stop
#      the rest (a failed run is found in the JSON export's exit codes);
#   5. at the end, writes DIR/startup.csv, startup.json, programs.csv, programs.json
#      (hyperfine's own exports) and DIR/hyperfine.csv, one row per interpreter and
#      program:
#          python_version,program,mean_s,stddev_s,median_s,min_s,max_s,runs,
#          peak_rss_kib,peak_rss_source
#      python_version is the label, program "startup" for start-up; times in seconds
#      (stddev_s empty when there was one run); peak_rss_kib in KiB: the median of
#      hyperfine's own figures over the timed runs where its export has them
#      (peak_rss_source "hyperfine"), otherwise step 3's run ("peak-rss"). Every file
#      is written to a temporary name and renamed, so an interrupted run leaves the
#      previous files as they were and no half-written one. DIR/runs.csv holds every
#      timed run of those rows (warm-ups are not in hyperfine's exports), one a line,
#      for charts that draw the runs' spread (quartiles, not mean and deviation):
#          python_version,program,run,seconds
#      run counts from 1 in the order hyperfine ran them; seconds is its wall-clock
#      time. Rows of a program left out of hyperfine.csv are left out here too.
#
# hyperfine 1.15 to 2.x: the JSON export's format is told by its keys (see
# read_export), never by hyperfine --version; hyperfine.csv is the same under both.
#
# Options:
#   --out DIR        where the files go (created if missing); required
#   --quick          10 runs after 1 warm-up: the report's medians rest on 10 runs
#                    in either mode (default: at least 10 runs, and as many more as
#                    fit in about 3 s per command, after 1 warm-up); the sizes stay
#                    the same
#   --runs N         exactly N runs per command (N >= 1)
#   --warmup N       N warm-up runs per command (N >= 0)
#   --startup-args=ARGS  what to run the harness with for start-up (default --startup;
#                    split like a shell would; e.g. --startup-args=--list as a
#                    stand-in where the harness has no --startup)
#   --tiny           for tests: tiny sizes and a 1 MiB input file
#
# Failures: a start-up command or program that fails on an interpreter (in step 3 or
# in any timed run) gets one line naming the interpreter and program, its row is left
# out, and the rest go on.
#
# Exit status:
#   0  every interpreter's start-up and every program were measured
#   1  some failed (one line each on stderr); the rows measured are in hyperfine.csv,
#      which is not written if nothing at all was measured
#   2  bad options or INTERPRETERS_FILE (a missing file, a bad line, an interpreter or
#      harness that is not an executable file, a Python that does not start), or DIR
#      cannot be written: nothing was measured
#   3  hyperfine is not installed
#   130/143  interrupted (Ctrl-C / SIGTERM): temporary files removed, nothing written
#
# Runs on any python3 >= 3.6 with the standard library alone.
import collections
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

from idiombench.run import errors
from idiombench.run.errors import (EXIT_CASES_FAILED, EXIT_ENVIRONMENT, EXIT_INTERRUPTED,
                                   EXIT_OK, Skip, Stop)
from idiombench.run.interrupts import exit_on_signal
from idiombench.run import schema
from idiombench.run.paths import REPO_ROOT, bin_path

PROGRAMS_DIR = os.path.join(REPO_ROOT, "bench", "programs")
PEAK_RSS = bin_path("peak-rss")

CSV_COLUMNS = schema.columns("hyperfine/hyperfine.csv")
RUNS_COLUMNS = schema.columns("hyperfine/runs.csv")
# Runs per command: --quick's, and the least in the default mode (hyperfine's
# --min-runs; it takes more while they fit in about 3 s).
QUICK_RUNS = 10
MIN_RUNS = 10

# The programs and their arguments: {input} is the input file. bench/programs/README.md
# says why these sizes; "tiny" is for the tests.
PROGRAMS = [
    # name               normal arguments         tiny arguments
    ("concat_module",     ["12000"],               ["2000"]),
    ("concat_join",       ["12000"],               ["2000"]),
    ("deepcopy_nested",   ["10000"],               ["300"]),
    ("read_with",         ["{input}", "2"],        ["{input}", "2"]),
    ("read_without_with", ["{input}", "2"],        ["{input}", "2"]),
    ("weakref_cache",     ["250000", "8"],         ["5000", "8"]),
    ("dict_cache",        ["250000", "8"],         ["5000", "8"]),
]
INPUT_BYTES = 50 * 1024 * 1024
INPUT_BYTES_TINY = 1024 * 1024

PYTHON_FLAGS = ["-E", "-s"]
# Labels go into hyperfine's command names and the CSV: no spaces, commas or quotes.
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")


def say(message):
    """A progress line on stderr."""
    errors.say(message, "hyperfine-run", sys.stderr)


def complain(message):
    """An error line on stderr."""
    errors.warn(message, "hyperfine-run")


# --- options and input -------------------------------------------------------------

def parse_options(argv):
    options = {"out": None, "quick": False, "runs": None, "warmup": None,
               "startup_args": "--startup", "tiny": False, "file": None}
    usage = ("usage: bin/hyperfine-run --out DIR [--quick] [--runs N] [--warmup N] "
             "[--startup-args=ARGS] [--tiny] INTERPRETERS_FILE")
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, has_value, value = arg.partition("=")
        if name in ("--out", "--runs", "--warmup", "--startup-args"):
            if not has_value:
                if i + 1 >= len(argv):
                    raise Stop("%s needs a value; %s" % (name, usage))
                i += 1
                value = argv[i]
            key = name[2:].replace("-", "_")
            if key in ("runs", "warmup"):
                minimum = 1 if key == "runs" else 0
                if not value.isdigit() or int(value) < minimum:
                    raise Stop("%s wants a whole number >= %d, not '%s'"
                               % (name, minimum, value))
                value = int(value)
            options[key] = value
        elif arg == "--quick":
            options["quick"] = True
        elif arg == "--tiny":
            options["tiny"] = True
        elif arg in ("-h", "--help"):
            sys.stdout.write(header_comment())
            sys.exit(0)
        elif arg.startswith("-") and arg != "-":
            raise Stop("unknown option '%s'; %s" % (arg, usage))
        elif options["file"] is not None:
            raise Stop("one INTERPRETERS_FILE only, got '%s' and '%s'; %s"
                       % (options["file"], arg, usage))
        else:
            options["file"] = arg
        i += 1
    if not options["out"]:
        raise Stop("--out DIR is required; " + usage)
    if options["file"] is None:
        raise Stop("no INTERPRETERS_FILE given; " + usage)
    try:
        options["startup_args"] = shlex.split(options["startup_args"])
    except ValueError as error:
        raise Stop("--startup-args: %s" % error)
    return options


def header_comment():
    """This file's header comment, without the '#'s: the --help text."""
    lines = []
    with open(os.path.abspath(__file__)) as stream:
        for line in stream.read().splitlines():
            if not line.startswith("#"):
                break
            lines.append(line[2:])
    return "\n".join(lines) + "\n"


def is_executable_file(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def read_interpreters(path):
    """[(label, python, harness)] from the TSV file, checked; raises Stop."""
    try:
        with open(path) as stream:
            lines = stream.read().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise Stop("cannot read the interpreters file '%s': %s"
                   % (path, getattr(error, "strerror", None) or error))
    interpreters = []
    labels = set()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = "%s:%d" % (path, number)
        fields = line.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            raise Stop("%s: expected label<TAB>python<TAB>harness (3 non-empty "
                       "tab-separated fields), got %d field%s: '%s'"
                       % (where, len(fields), "" if len(fields) == 1 else "s",
                          line.replace("\t", "<TAB>")))
        label, python, harness = (field.strip() for field in fields)
        if not LABEL.match(label):
            raise Stop("%s: the label '%s' is not letters, digits, '.', '_', '+' "
                       "or '-' (starting with a letter or digit); use the version, "
                       "e.g. 3.11.7" % (where, label))
        if label in labels:
            raise Stop("%s: the label '%s' is used twice; labels name the rows "
                       "and must be unique" % (where, label))
        labels.add(label)
        for what, exe in (("interpreter", python), ("harness", harness)):
            if not is_executable_file(exe):
                reason = "does not exist" if not os.path.exists(exe) else \
                    "is not an executable file"
                raise Stop("%s: the %s '%s' %s" % (where, what, exe, reason))
        status, errors = run([python] + PYTHON_FLAGS + ["-c", "pass"],
                             stderr=subprocess.PIPE)
        if status != 0:
            raise Stop("%s: the interpreter '%s' does not start (exit %d): %s"
                       % (where, python, status, last_line(errors)))
        interpreters.append((label, python, harness))
    if not interpreters:
        raise Stop("the interpreters file '%s' lists no interpreter" % path)
    return interpreters


def prepare_out(folder):
    try:
        os.makedirs(folder, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=folder, prefix=".hyperfine-run.tmp.")
        probe.close()
    except OSError as error:
        raise Stop("cannot write to the output folder '%s': %s"
                   % (folder, error.strerror or error))


# --- the runs ----------------------------------------------------------------------

def run(argv, stdout=subprocess.DEVNULL, stderr=None):
    """Runs argv to its end in a process group of its own, stdin from /dev/null;
    returns (exit status, stderr bytes if stderr is PIPE). On Ctrl-C or SIGTERM (an
    exception here) the whole group, hyperfine's or peak-rss's child included, gets
    SIGTERM (SIGKILL after 5 s) before the exception goes on."""
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout,
                               stderr=stderr, start_new_session=True)
    try:
        _, errors = process.communicate()
    except BaseException:
        for signum in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, signum)
                process.wait(timeout=5)
                break
            except (OSError, subprocess.TimeoutExpired):
                continue
        raise
    return process.returncode, errors


def make_input(folder, size):
    path = os.path.join(folder, "input.bin")
    chunk = os.urandom(1024 * 1024)
    with open(path, "wb") as stream:
        for _ in range(size // len(chunk)):
            stream.write(chunk)
        stream.write(chunk[:size % len(chunk)])
    return path


def last_line(text):
    lines = text.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "(nothing on stderr)"


def check_run(command, scratch):
    """Runs command once under bin/peak-rss: (peak KiB, None) or (None, reason)."""
    out = os.path.join(scratch, "peak-rss.out")
    if os.path.exists(out):
        os.remove(out)
    status, errors = run([sys.executable, PEAK_RSS, "--out", out, "--"] + command,
                         stderr=subprocess.PIPE)
    if status != 0:
        if status > 128:
            how = "was killed by signal %d" % (status - 128)
        else:
            how = "exited with status %d" % status
        return None, "%s: %s" % (how, last_line(errors))
    try:
        with open(out) as stream:
            return int(stream.read()), None
    except (OSError, ValueError):
        return None, "bin/peak-rss reported no figure: " + last_line(errors)


def runs_per_command(options):
    """How many timed runs each command gets, in words."""
    if options["runs"] is not None:
        return "%d run%s each" % (options["runs"], "" if options["runs"] == 1 else "s")
    if options["quick"]:
        return "%d runs each (quick)" % QUICK_RUNS
    return "at least %d runs each" % MIN_RUNS


def hyperfine(named_commands, export_base, options, scratch):
    """Times [(name, argv)] in one hyperfine -N invocation, exporting <base>.csv and
    <base>.json into scratch; returns {name: Figures} from the JSON, or None if
    hyperfine itself failed or its export could not be read."""
    csv_tmp = os.path.join(scratch, export_base + ".csv")
    json_tmp = os.path.join(scratch, export_base + ".json")
    argv = ["hyperfine", "-N", "--ignore-failure",
            "--export-csv", csv_tmp, "--export-json", json_tmp]
    if options["runs"] is not None:
        argv += ["--runs", str(options["runs"])]
    elif options["quick"]:
        argv += ["--runs", str(QUICK_RUNS)]
    else:
        argv += ["--min-runs", str(MIN_RUNS)]
    warmup = options["warmup"] if options["warmup"] is not None else 1
    argv += ["--warmup", str(warmup)]
    for name, command in named_commands:
        argv += ["-n", name, " ".join(shlex.quote(word) for word in command)]
    # hyperfine's report is progress too: to stderr, stdout stays clean.
    status, _ = run(argv, stdout=sys.stderr.fileno())
    if status != 0 or not os.path.exists(json_tmp):
        complain("hyperfine failed (exit %d) timing %s: those rows are left out"
                 % (status, export_base))
        return None
    try:
        with open(json_tmp) as stream:
            return read_export(json.load(stream))
    except (ValueError, Skip) as error:
        complain("hyperfine's JSON export %s.json cannot be read (%s): those rows are "
                 "left out" % (export_base, error))
        return None


# --- hyperfine's JSON export, in either format ---------------------------------------
#
# hyperfine 1.15-1.20 (format 1):
#   {"results": [{"command": <the -n name>, "mean", "stddev" (null after one run),
#                 "median", "user", "system", "min", "max" (seconds), "times": [s, ...],
#                 "exit_codes": [int or null, ...]}]}
#   No peak memory of the command: 1.20's "memory_usage_byte" is the ru_maxrss of
#   getrusage(RUSAGE_CHILDREN), the largest of every child hyperfine has waited for so
#   far (earlier commands' and warm-ups' included), so it is not read.
# hyperfine 2.x (format 2, "schema_version": 2):
#   {"schema_version": 2, "metadata": {...}, "primary_metric": "time_wall_clock",
#    "results": [{"command": <the command line>, "name": <the -n name>,
#                 "measurements": [{"time_wall_clock": {"value", "unit"}, "time_cpu",
#                                   "time_user", "time_system", "memory_peak_resident",
#                                   "exit_code": int or null}, ...],
#                 "summary": {<metric>: {"unit", "count", "mean", "stddev" (null after
#                                        one run), "median", "min", "max"}, ...}}]}
#   Units "second" and "byte" (its CSV export writes "s" and "B"); the peak is each
#   run's own (wait4's), in bytes.
# The format is told by these keys, never by hyperfine --version.

Figures = collections.namedtuple(
    "Figures", "mean_s stddev_s median_s min_s max_s runs exit_codes peak_kib times_s")
Figures.__doc__ = """One command's figures: times in seconds (stddev_s None after one
run), runs timed, their exit codes, the median peak RSS in KiB (None where the export
has none), and each timed run's wall-clock seconds, in the order they ran."""

# A unit's size in seconds or bytes, by the names hyperfine gives them (long names in
# the JSON, symbols in the CSV).
SECONDS = {"second": 1.0, "s": 1.0, "millisecond": 1e-3, "ms": 1e-3,
           "microsecond": 1e-6, "\u00b5s": 1e-6, "nanosecond": 1e-9, "ns": 1e-9}
BYTES = {"byte": 1, "B": 1, "kibibyte": 1 << 10, "KiB": 1 << 10,
         "mebibyte": 1 << 20, "MiB": 1 << 20, "gibibyte": 1 << 30, "GiB": 1 << 30}


def export_format(document):
    """1 or 2, from the export's keys; raises Skip (the export is in neither format, or
    lacks what its format has: its rows are left out)."""
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise Skip("no list of results")
    if "schema_version" in document or any(
            isinstance(result, dict) and "measurements" in result for result in results):
        return 2
    if all(isinstance(result, dict) and "times" in result for result in results):
        return 1
    raise Skip("neither schema_version and measurements (hyperfine 2) nor times "
               "(hyperfine 1)")


def read_export(document):
    """{-n name: Figures} from hyperfine's parsed JSON export; raises Skip."""
    read = {1: figures_v1, 2: figures_v2}[export_format(document)]
    figures = {}
    for result in document["results"]:
        try:
            name, figure = read(result)
        except KeyError as error:
            raise Skip("a result without %s" % error)
        except (TypeError, ValueError, AttributeError) as error:
            raise Skip("a result that is not as expected: %s" % error)
        figures[name] = figure
    return figures


def figures_v1(result):
    return result["command"], Figures(
        result["mean"], result.get("stddev"), result["median"], result["min"],
        result["max"], len(result["times"]), list(result["exit_codes"]), None,
        list(result["times"]))


def figures_v2(result):
    summary = result["summary"]
    wall = summary["time_wall_clock"]
    scale = in_unit(SECONDS, wall["unit"], "time")
    stddev = wall.get("stddev")
    memory = summary.get("memory_peak_resident")
    peak_kib = None
    if memory is not None:
        peak_kib = int(round(memory["median"] * in_unit(BYTES, memory["unit"], "memory")
                             / 1024.0))
    measurements = result["measurements"]
    times_s = [m["time_wall_clock"]["value"]
               * in_unit(SECONDS, m["time_wall_clock"]["unit"], "time") for m in measurements]
    return result.get("name") or result["command"], Figures(
        wall["mean"] * scale, None if stddev is None else stddev * scale,
        wall["median"] * scale, wall["min"] * scale, wall["max"] * scale,
        len(measurements), [m.get("exit_code") for m in measurements], peak_kib, times_s)


def in_unit(table, unit, what):
    if unit not in table:
        raise Skip("the %s unit '%s' is not one of %s"
                   % (what, unit, ", ".join(sorted(table))))
    return table[unit]


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(target, fill, mode="w"):
    """Writes target with fill(file) through a temporary file renamed into place, with
    the permissions of any file the user creates (mkstemp's are 0600)."""
    folder = os.path.dirname(os.path.abspath(target))
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(target) + ".tmp.")
    try:
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, mode) as out:
            fill(out)
        os.rename(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def atomic_copy(source, target):
    with open(source, "rb") as data:
        atomic_write(target, lambda out: shutil.copyfileobj(data, out), "wb")


def number(value):
    return "" if value is None else "%.6g" % value


def row(label, program, figures, checked_kib):
    """A hyperfine.csv row; the peak RSS is hyperfine's where it has one, otherwise
    checked_kib (step 3's, under bin/peak-rss)."""
    if figures.peak_kib is not None:
        peak_kib, source = figures.peak_kib, "hyperfine"
    else:
        peak_kib, source = checked_kib, "peak-rss"
    return [label, program, number(figures.mean_s), number(figures.stddev_s),
            number(figures.median_s), number(figures.min_s), number(figures.max_s),
            str(figures.runs), str(peak_kib), source]


def run_rows(label, program, figures):
    """runs.csv's rows of one command: one per timed run."""
    return [[label, program, str(run), number(seconds)]
            for run, seconds in enumerate(figures.times_s, 1)]


def write_csv(columns, rows, target):
    def fill(out):
        out.write(",".join(columns) + "\n")
        for fields in rows:
            out.write(",".join(fields) + "\n")
    atomic_write(target, fill)


def measure(options, interpreters, scratch):
    """The steps 2-5; returns the exit status."""
    tiny = options["tiny"]
    size = INPUT_BYTES_TINY if tiny else INPUT_BYTES
    say("writing the %d MiB input file of the read_* programs" % (size >> 20))
    input_path = make_input(scratch, size)

    # (label, program) -> argv, and their peak RSS, for the ones that work.
    startup, programs, peaks = [], [], {}
    failed = []
    for index, (label, python, harness) in enumerate(interpreters, 1):
        say("[%d/%d] %s: checking start-up and %d programs once each, with their peak "
            "RSS" % (index, len(interpreters), label, len(PROGRAMS)))
        jobs = [("startup", [harness] + options["startup_args"])]
        for name, normal, small in PROGRAMS:
            args = [arg.replace("{input}", input_path) for arg in (small if tiny else normal)]
            script = os.path.join(PROGRAMS_DIR, name + ".py")
            jobs.append((name, [python] + PYTHON_FLAGS + [script] + args))
        for program, command in jobs:
            peak, reason = check_run(command, scratch)
            if peak is None:
                complain("%s %s failed, left out: %s" % (label, program, reason))
                failed.append((label, program))
                continue
            peaks[(label, program)] = peak
            (startup if program == "startup" else programs).append(
                ("%s %s" % (label, program), (label, program), command))

    rows, runs = {}, {}
    for base, group, what in (("startup", startup, "start-up of %d interpreter%s"),
                              ("programs", programs, "%d command%s (program on interpreter)")):
        if not group:
            continue
        say("timing " + what % (len(group), "" if len(group) == 1 else "s")
            + " with hyperfine, " + runs_per_command(options))
        results = hyperfine([(name, command) for name, _, command in group], base,
                            options, scratch)
        for name, key, _ in group:
            figures = (results or {}).get(name)
            if figures is None:
                if results is not None:
                    complain("%s %s: hyperfine reported no result, left out" % key)
                failed.append(key)
                continue
            bad = [code for code in figures.exit_codes if code != 0]
            if bad:
                complain("%s %s failed in %d of %d timed runs (exit status %s), left out"
                         % (key[0], key[1], len(bad), len(figures.exit_codes), bad[0]))
                failed.append(key)
                continue
            rows[key] = row(key[0], key[1], figures, peaks[key])
            runs[key] = run_rows(key[0], key[1], figures)

    # Everything is written at the end, each file through a temporary name: an
    # interrupted run leaves DIR as it was.
    for base in ("startup", "programs"):
        for ext in (".csv", ".json"):
            exported = os.path.join(scratch, base + ext)
            if os.path.exists(exported):
                atomic_copy(exported, os.path.join(options["out"], base + ext))
    order = [(label, program) for label, _, _ in interpreters
             for program in ["startup"] + [name for name, _, _ in PROGRAMS]]
    measured = [rows[key] for key in order if key in rows]
    target = os.path.join(options["out"], "hyperfine.csv")
    if not measured:
        complain("nothing was measured (every start-up and program failed); "
                 "%s not written" % target)
        return EXIT_CASES_FAILED
    # runs.csv first: a hyperfine.csv written means its runs.csv is of the same run.
    write_csv(RUNS_COLUMNS, [fields for key in order if key in runs for fields in runs[key]],
              os.path.join(options["out"], "runs.csv"))
    write_csv(CSV_COLUMNS, measured, target)
    say("wrote %s: %d row%s%s, and every timed run in runs.csv"
        % (target, len(measured), "" if len(measured) == 1 else "s",
           ", %d left out" % len(failed) if failed else ""))
    return EXIT_CASES_FAILED if failed else EXIT_OK


def main():
    signal.signal(signal.SIGTERM, exit_on_signal)
    try:
        options = parse_options(sys.argv[1:])
        if shutil.which("hyperfine") is None:
            raise Stop("hyperfine not found; install it with: apt-get install hyperfine",
                       EXIT_ENVIRONMENT)
        interpreters = read_interpreters(options["file"])
        prepare_out(options["out"])
    except Stop as error:
        complain(str(error))
        return error.status
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED

    scratch = tempfile.mkdtemp(prefix="idiombench-hyperfine.")
    try:
        return measure(options, interpreters, scratch)
    except KeyboardInterrupt:
        complain("interrupted: nothing written to %s" % options["out"])
        return EXIT_INTERRUPTED
    except SystemExit as stop:  # SIGTERM (exit_on_signal)
        if isinstance(stop.code, int) and stop.code > 128:
            complain("interrupted by signal %d: nothing written to %s"
                     % (stop.code - 128, options["out"]))
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

