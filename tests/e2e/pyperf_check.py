"""pyperf_check.py FILE...: checks pyperf JSON files against the rules of pyperf's format
(pyperf/_bench.py, _metadata.py) that idiombench's export must keep, with the standard
library alone (pyperf is not packaged by Debian). One line per broken rule on stderr,
exit 1; exit 0 when every file keeps them. Rules:
  - {"version": "1.0", "benchmarks": [...] (not empty), "metadata": {...}};
  - each benchmark: metadata with a non-empty "name" (unique in the file) and a "unit"
    of "second", "byte" or "integer"; runs, each with "values": numbers > 0, not empty;
  - metadata values are str, int or float; a str is not empty and holds no line break;
    "loops", when given, an int >= 1;
  - python_version, python_executable, hostname and cpu_model_name given, and the
    same, in every run;
  - a run of a benchmark whose unit is not "second" gives its "duration" (else pyperf
    adds its values up as seconds in the total duration `pyperf stats` prints);
  - every benchmark of one metric (the name's ":metric", none for time) has the same
    number of values, and a benchmark has the same number in every file given
    (pyperf's t-test needs equal counts).
"""
import json
import sys

UNITS = ("second", "byte", "integer")
SAME_IN_EVERY_RUN = ("python_version", "python_executable", "hostname", "cpu_model_name")


def metadata_problems(where, metadata):
    if not isinstance(metadata, dict):
        return ["%s: metadata is not an object" % where]
    found = []
    for key, value in metadata.items():
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            found.append("%s: metadata %s is a %s" % (where, key, type(value).__name__))
        elif isinstance(value, str) and (not value.strip() or "\n" in value or "\r" in value):
            found.append("%s: metadata %s is empty or holds a line break" % (where, key))
    loops = metadata.get("loops")
    if loops is not None and not (isinstance(loops, int) and loops >= 1):
        found.append("%s: loops %r is not an int >= 1" % (where, loops))
    return found


def run_problems(where, run, seen):
    found = metadata_problems(where, run.get("metadata", {}))
    values = run.get("values")
    if not isinstance(values, list) or not values:
        return found + ["%s: no values" % where]
    for value in values:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not value > 0:
            found.append("%s: value %r is not a number > 0" % (where, value))
    for key in SAME_IN_EVERY_RUN:
        got = run.get("metadata", {}).get(key)
        if got is None:
            found.append("%s: no %s" % (where, key))
        elif seen.setdefault(key, got) != got:
            found.append("%s: %s %r, another run has %r" % (where, key, got, seen[key]))
    return found


def benchmark_problems(where, bench, names, seen, counts):
    metadata = bench.get("metadata", {})
    name = metadata.get("name") if isinstance(metadata, dict) else None
    found = metadata_problems(where, metadata)
    if not isinstance(name, str) or not name:
        return found + ["%s: no name" % where]
    if name in names:
        found.append("%s: the name %s is given twice" % (where, name))
    names.add(name)
    if metadata.get("unit") not in UNITS:
        found.append("%s: unit %r is not one of %s" % (name, metadata.get("unit"), UNITS))
    runs = bench.get("runs")
    if not isinstance(runs, list) or not runs:
        return found + ["%s: no runs" % name]
    total = 0
    for k, run in enumerate(runs):
        found += run_problems("%s run %d" % (name, k + 1), run, seen)
        total += len(run.get("values") or [])
        if metadata.get("unit") != "second" and "duration" not in run.get("metadata", {}):
            found.append("%s run %d: a count without duration" % (name, k + 1))
    metric = name.partition(":")[2]
    if counts.setdefault(metric, (total, name))[0] != total:
        found.append("%s: %d values, %s has %d" % (name, total, counts[metric][1],
                                                    counts[metric][0]))
    return found


def file_problems(path, across):
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError) as error:
        return ["%s: %s" % (path, error)]
    if not isinstance(data, dict) or data.get("version") != "1.0":
        return ["%s: not a pyperf 1.0 file" % path]
    found = metadata_problems(path, data.get("metadata", {}))
    benchmarks = data.get("benchmarks")
    if not isinstance(benchmarks, list) or not benchmarks:
        return found + ["%s: no benchmarks" % path]
    names, seen, counts = set(), {}, {}
    for k, bench in enumerate(benchmarks):
        found += benchmark_problems("%s benchmark %d" % (path, k + 1), bench, names, seen,
                                    counts)
        found += count_problems(bench, across)
    return ["%s: %s" % (path, line) if not line.startswith(path) else line for line in found]


def count_problems(bench, across):
    """The benchmark's count of values against the same name's in the files before."""
    try:
        name = bench["metadata"]["name"]
        total = sum(len(run["values"]) for run in bench["runs"])
    except (KeyError, TypeError):
        return []
    if across.setdefault(name, total) != total:
        return ["%s: %d values, %d in a file before" % (name, total, across[name])]
    return []


def main(paths):
    across = {}
    problems = [line for path in paths for line in file_problems(path, across)]
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
