#!/usr/bin/env bats
# bin/hyperfine-run with hyperfine 1.x's and 2.x's exports: a fake hyperfine first on
# PATH writes one format or the other, and hyperfine.csv must come out the same in
# columns and units, with the peak RSS from hyperfine's own figure where its export has
# one (2.x) and from bin/peak-rss otherwise (1.x).
#
# The fake writes what hyperfine 2.0.0 (Debian sid) and 1.15.0 (Debian 12) write for
# `hyperfine -N --ignore-failure --export-csv F --export-json F -n NAME CMD ...`: the
# keys, their order, the units ("second"/"byte" in 2.0's JSON, "s"/"B" in its CSV) and
# the per-run figures are taken from real exports of both. Every command gets the same
# three runs, except that command i of an invocation peaks i MiB higher under 2.x, so
# that a figure given to the wrong row shows.

load helper

HEADER=python_version,program,mean_s,stddev_s,median_s,min_s,max_s,runs,peak_rss_kib,peak_rss_source
PROGRAMS="concat_module concat_join deepcopy_nested read_with read_without_with weakref_cache dict_cache"
# The three runs' figures, as hyperfine's summary gives them (%.6g, seconds).
TIMES_3="0.0112252,0.00169551,0.0118167,0.0093132,0.0125458,3"
# Their median peak, 10002432 bytes, in KiB.
PEAK_KIB=9768
# The three runs' wall-clock times, as runs.csv gives them (%.6g, seconds).
RUN_SECONDS="0.0125458 0.0118167 0.0093132"

setup_file() {
    build_harness
    REAL_PYTHON=$("$TEST_PYTHON" -c 'import os, sys; print(os.path.realpath(sys.executable))')
    export REAL_PYTHON
    FAKE_BIN=$BATS_FILE_TMPDIR/bin
    mkdir -p "$FAKE_BIN"
    write_fake_hyperfine "$FAKE_BIN/hyperfine"
    export FAKE_BIN
}

setup() {
    make_sandbox
    printf '3.99.1\t%s\t%s\n' "$REAL_PYTHON" "$IDIOMBENCH" >"$SANDBOX/interpreters.tsv"
    # The fake keeps a copy of what it exported, to compare with what is kept.
    export FAKE_HYPERFINE_COPY=$SANDBOX/exported
    mkdir -p "$FAKE_HYPERFINE_COPY"
}

# write_fake_hyperfine PATH: a hyperfine that runs nothing and exports a fixed result for
# each -n NAME COMMAND, in the format FAKE_HYPERFINE_FORMAT (1 or 2; 0: neither); every
# timed run of a command whose name contains FAKE_HYPERFINE_FAIL exits with 5.
write_fake_hyperfine() {
    printf '#!%s\n' "$REAL_PYTHON" >"$1"
    cat >>"$1" <<'PY'
import csv, json, os, shutil, statistics, sys

# Three runs of `python3 -c pass` by hyperfine 2.0.0: wall, cpu, user, system (s), peak (B).
RUNS = [(0.012545782, 0.012221999999999998, 0.0040739999999999995, 0.008147999999999999,
         9981952.0),
        (0.011816669, 0.011514, 0.005757, 0.005757, 10063872.0),
        (0.009313201, 0.009063, 0.006042, 0.003021, 10002432.0)]
METRICS = [("time_wall_clock", "second", "s"), ("time_cpu", "second", "s"),
           ("time_user", "second", "s"), ("time_system", "second", "s"),
           ("memory_peak_resident", "byte", "B")]

args = sys.argv[1:]
exports, commands, runs = {}, [], 3
while args:
    arg = args.pop(0)
    if arg in ("--export-csv", "--export-json"):
        exports[arg[9:]] = args.pop(0)
    elif arg == "--runs":
        runs = int(args.pop(0))
    elif arg in ("--warmup", "--min-runs"):
        args.pop(0)
    elif arg == "-n":
        commands.append((args.pop(0), args.pop(0)))
    elif arg not in ("-N", "--ignore-failure"):
        sys.exit("fake hyperfine: unexpected argument %r" % arg)
form = os.environ["FAKE_HYPERFINE_FORMAT"]
failing = os.environ.get("FAKE_HYPERFINE_FAIL") or "\0"


def number(value):
    """As hyperfine 2.0's CSV: whole numbers without '.0', none empty."""
    if value is None:
        return ""
    return "%d" % value if value == int(value) else repr(value)


def stats(values):
    return {"mean": statistics.mean(values),
            "stddev": statistics.stdev(values) if len(values) > 1 else None,
            "median": statistics.median(values), "min": min(values), "max": max(values)}


document, rows = {}, []
if form == "2":
    document = {"schema_version": 2,
                "metadata": {"hyperfine_version": "2.0.0", "start_time": "2026-12-03T05:22:52Z",
                             "platform": {"os": "Linux", "architecture": "x86_64"}},
                "primary_metric": "time_wall_clock", "results": []}
    rows.append(["command"] + ["%s_%s" % (metric, field) for metric in
                               ("time_wall_clock", "memory_peak_resident")
                               for field in ("unit", "mean", "stddev", "median", "min", "max")])
else:
    document = {"results": []}
    rows.append(["command", "mean", "stddev", "median", "user", "system", "min", "max"])
for index, (name, command) in enumerate(commands):
    figures = [RUNS[run % 3][:4] + (RUNS[run % 3][4] + index * 1048576,) for run in range(runs)]
    codes = [5 if failing in name else 0] * runs
    columns = list(zip(*figures))
    if form == "2":
        summary = dict((metric, dict([("unit", unit), ("count", runs)],
                                     **stats(list(values))))
                       for (metric, unit, _), values in zip(METRICS, columns))
        document["results"].append({
            "command": command, "name": name,
            "measurements": [dict([(metric, {"value": value, "unit": unit})
                                   for (metric, unit, _), value in zip(METRICS, run)]
                                  + [("exit_code", code)])
                             for run, code in zip(figures, codes)],
            "summary": dict(sorted(summary.items()))})
        row = [name]
        for metric, _, symbol in (METRICS[0], METRICS[4]):
            s = summary[metric]
            row += [symbol] + [number(s[k]) for k in ("mean", "stddev", "median", "min", "max")]
        rows.append(row)
    elif form == "1":
        wall = stats(list(columns[0]))
        result = {"command": name, "mean": wall["mean"], "stddev": wall["stddev"],
                  "median": wall["median"], "user": statistics.mean(columns[2]),
                  "system": statistics.mean(columns[3]), "min": wall["min"],
                  "max": wall["max"], "times": list(columns[0]), "exit_codes": codes}
        document["results"].append(result)
        rows.append([name] + [repr(result[k] or 0.0) for k in
                              ("mean", "stddev", "median", "user", "system", "min", "max")])
    else:
        document["results"].append({"command": name, "wall_time": columns[0]})
        rows.append([name])
sys.stderr.write("fake hyperfine (format %s): %d commands\n" % (form, len(commands)))
with open(exports["json"], "w") as out:
    json.dump(document, out, indent=2)
    out.write("\n")
with open(exports["csv"], "w", newline="") as out:
    csv.writer(out, lineterminator="\n").writerows(rows)
for path in exports.values():
    shutil.copy(path, os.environ["FAKE_HYPERFINE_COPY"])
PY
    chmod +x "$1"
}

# run_hyperfine_run FORMAT ARGS...: bin/hyperfine-run --out $SANDBOX/out --tiny ARGS
# on interpreters.tsv, under bats' run, with the fake hyperfine writing FORMAT.
run_hyperfine_run() {
    local format=$1
    shift
    run --separate-stderr env FAKE_HYPERFINE_FORMAT="$format" PATH="$FAKE_BIN:$PATH" \
        "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny "$@" \
        "$SANDBOX/interpreters.tsv"
}

# expected_runs COUNT [PROGRAM...]: runs.csv for start-up and the programs (default
# every one), COUNT runs each, the fake's three runs over and over.
expected_runs() {
    local count=$1 name run
    shift
    echo "python_version,program,run,seconds"
    for name in startup ${*:-$PROGRAMS}; do
        for ((run = 1; run <= count; run++)); do
            echo "3.99.1,$name,$run,$(cut -d' ' -f$(((run - 1) % 3 + 1)) <<<"$RUN_SECONDS")"
        done
    done
}

# expected_rows TIMES PEAK: hyperfine.csv's rows for start-up and every program, each
# with TIMES, start-up and program i peaking at PEAK + i MiB (KiB), from hyperfine.
expected_rows() {
    local peak=$2 name
    echo "$HEADER"
    echo "3.99.1,startup,$1,$peak,hyperfine"
    for name in $PROGRAMS; do
        echo "3.99.1,$name,$1,$peak,hyperfine"
        peak=$((peak + 1024))
    done
}

@test "hyperfine 2.x's exports: seconds from its summary, peak RSS from its own figure" {
    run_hyperfine_run 2 --runs 3
    assert_status 0
    [ -z "$output" ] || fail "stdout should stay empty" "$output"
    local want
    want=$(expected_rows "$TIMES_3" "$PEAK_KIB")
    [ "$(cat "$SANDBOX/out/hyperfine.csv")" = "$want" ] ||
        fail "hyperfine.csv:" "$(cat "$SANDBOX/out/hyperfine.csv")" "--- expected:" "$want"
    # hyperfine's own exports are kept as they were written.
    local file
    for file in startup.csv startup.json programs.csv programs.json; do
        cmp "$SANDBOX/exported/$file" "$SANDBOX/out/$file" || fail "$file differs from hyperfine's"
    done
    grep -q '"schema_version": 2' "$SANDBOX/out/programs.json" || fail "not a 2.x export"
    assert_contains "$stderr" "hyperfine-run: wrote $SANDBOX/out/hyperfine.csv: 8 rows"
    # Every timed run, from the measurements' own figures.
    want=$(expected_runs 3)
    [ "$(cat "$SANDBOX/out/runs.csv")" = "$want" ] ||
        fail "runs.csv:" "$(cat "$SANDBOX/out/runs.csv")" "--- expected:" "$want"
}

@test "--quick: 10 runs per command (the report's medians rest on 10 runs), each in runs.csv" {
    run_hyperfine_run 2 --quick
    assert_status 0
    assert_contains "$stderr" "timing start-up of 1 interpreter with hyperfine, 10 runs each (quick)"
    assert_contains "$stderr" "timing 7 commands (program on interpreter) with hyperfine, 10 runs each (quick)"
    run csv_rows "$SANDBOX/out/hyperfine.csv" runs
    [ "$(sort -u <<<"$output")" = 10 ] || fail "runs per command in quick mode:" "$output"
    local want
    want=$(expected_runs 10)
    [ "$(cat "$SANDBOX/out/runs.csv")" = "$want" ] ||
        fail "runs.csv:" "$(cat "$SANDBOX/out/runs.csv")" "--- expected:" "$want"
}

@test "hyperfine 1.x's exports: the same columns and units, peak RSS from bin/peak-rss" {
    run_hyperfine_run 1 --runs 3
    assert_status 0
    [ "$(csv_header "$SANDBOX/out/hyperfine.csv")" = "$HEADER" ] ||
        fail "header: $(csv_header "$SANDBOX/out/hyperfine.csv")"
    # The times as under 2.x; the peak is each program's real one, checked once.
    "$TEST_PYTHON" - "$SANDBOX/out/hyperfine.csv" "$TIMES_3" "startup $PROGRAMS" <<'PY'
import csv, sys
path, times, programs = sys.argv[1], sys.argv[2], sys.argv[3].split()
rows = list(csv.DictReader(open(path)))
assert [r["program"] for r in rows] == programs, [r["program"] for r in rows]
for r in rows:
    got = ",".join(r[k] for k in ("mean_s", "stddev_s", "median_s", "min_s", "max_s", "runs"))
    assert got == times, (r, times)
    assert r["peak_rss_source"] == "peak-rss", r
    assert int(r["peak_rss_kib"]) > 1000, r
PY
    head -n 1 "$SANDBOX/out/programs.csv" | grep -qx 'command,mean,stddev,median,user,system,min,max' ||
        fail "not a 1.x CSV export" "$(head -n 1 "$SANDBOX/out/programs.csv")"
    # Every timed run, from the export's "times".
    local want
    want=$(expected_runs 3)
    [ "$(cat "$SANDBOX/out/runs.csv")" = "$want" ] ||
        fail "runs.csv:" "$(cat "$SANDBOX/out/runs.csv")" "--- expected:" "$want"
}

@test "hyperfine 2.x: timed runs failing (exit_code in measurements) leave that row out" {
    FAKE_HYPERFINE_FAIL=dict_cache run_hyperfine_run 2 --runs 3
    assert_status 1
    assert_contains "$stderr" "idiombench: hyperfine-run: 3.99.1 dict_cache failed in 3 of 3 timed runs (exit status 5), left out"
    local want
    want=$(expected_rows "$TIMES_3" "$PEAK_KIB" | grep -v ',dict_cache,')
    [ "$(cat "$SANDBOX/out/hyperfine.csv")" = "$want" ] ||
        fail "hyperfine.csv:" "$(cat "$SANDBOX/out/hyperfine.csv")" "--- expected:" "$want"
    ! grep -q ',dict_cache,' "$SANDBOX/out/runs.csv" || fail "runs.csv has the failed program's runs"
}

@test "hyperfine 2.x after one run: stddev_s empty (its summary's stddev is null)" {
    run_hyperfine_run 2 --runs 1 --warmup 0
    assert_status 0
    local want
    # One run: the first of the three, which peaked at 9981952 bytes.
    want=$(expected_rows "0.0125458,,0.0125458,0.0125458,0.0125458,1" 9748)
    [ "$(cat "$SANDBOX/out/hyperfine.csv")" = "$want" ] ||
        fail "hyperfine.csv:" "$(cat "$SANDBOX/out/hyperfine.csv")" "--- expected:" "$want"
}

@test "an export in neither format: named once per invocation, nothing written, exit 1" {
    mkdir -p "$SANDBOX/out"
    echo "previous run" >"$SANDBOX/out/hyperfine.csv"
    run_hyperfine_run 0 --quick
    assert_status 1
    assert_contains "$stderr" "idiombench: hyperfine-run: hyperfine's JSON export startup.json cannot be read (neither schema_version and measurements (hyperfine 2) nor times (hyperfine 1)): those rows are left out"
    assert_contains "$stderr" "hyperfine's JSON export programs.json cannot be read"
    assert_contains "$stderr" "nothing was measured"
    [ "$(cat "$SANDBOX/out/hyperfine.csv")" = "previous run" ] || fail "hyperfine.csv was changed"
    [ ! -e "$SANDBOX/out/runs.csv" ] || fail "runs.csv was written though nothing was measured"
    assert_no_temp_files "$SANDBOX/out"
}
