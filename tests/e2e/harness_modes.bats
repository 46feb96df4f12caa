#!/usr/bin/env bats
# The harness's modes for `make compare`: --startup (the interpreter started and
# finalised, nothing else), --no-observations, --repetitions 1 --ci-target 0 (one fixed
# sample, as each round of make compare takes), unavailable.csv and the
# catalogue's min_python; on Python 2.7 (when there is one), the reduced mode end to end.

load helper

UNAVAILABLE_HEADER=$(defined_header unavailable.csv)

# A run with one repetition (adaptive sampling off) and no observations, shared by the
# tests below: a case
# without sizes, a sized one, and one with every instrument. And the harness for Python
# 2.7, built once (a no-op when up to date) into PY27_HARNESS, when there is a 2.7.
setup_file() {
    build_harness
    local dir=$BATS_FILE_TMPDIR/rep1 status=0
    "$IDIOMBENCH" --quick --repetitions 1 --ci-target 0 --no-observations --out "$dir" \
        --filter 'identity/is_none$|strings/join_list$|release/with_open$' \
        >"$dir.stdout" 2>"$dir.stderr" || status=$?
    echo "$status" >"$dir.status"
    local python
    PY27_HARNESS=
    python=$(cd "$REPO_ROOT" && bin/find-pythons --all 2>/dev/null | grep -m1 'python2\.7$') &&
        PY27_HARNESS=$(cd "$REPO_ROOT" && bin/build-harness "$python" 2>"$BATS_FILE_TMPDIR/py27.log") ||
        PY27_HARNESS=${python:+failed}
    export PY27_HARNESS
}

setup() {
    make_sandbox
}

# Skips the test when bin/find-pythons finds no Python 2.7; fails it when the 2.7
# harness did not build.
need_python27() {
    [ -n "$PY27_HARNESS" ] || skip "no Python 2.7 found by bin/find-pythons --all"
    [ "$PY27_HARNESS" != failed ] ||
        fail "bin/build-harness failed for Python 2.7" "$(cat "$BATS_FILE_TMPDIR/py27.log")"
}

# assert_startup_only HARNESS: --startup exits 0 within 5 s, prints nothing, and leaves
# the working folder and the suite's results/ as they were.
assert_startup_only() {
    local results_before started_ns elapsed_ms
    # A fresh clone has no results/latest: readlink's failure is part of the state.
    results_before=$(ls -A "$REPO_ROOT/results" 2>/dev/null; readlink "$REPO_ROOT/results/latest" || true)
    started_ns=$(date +%s%N)
    run --separate-stderr bash -c 'cd "$1" && shift && exec "$@"' _ "$SANDBOX" "$1" --startup
    elapsed_ms=$((($(date +%s%N) - started_ns) / 1000000))
    assert_status 0
    [ -z "$output" ] && [ -z "$stderr" ] || fail "--startup printed something" "$output" "$stderr"
    [ "$elapsed_ms" -lt 5000 ] || fail "--startup took $elapsed_ms ms"
    [ -z "$(ls -A "$SANDBOX")" ] || fail "--startup wrote into its folder" "$(ls -A "$SANDBOX")"
    [ "$(ls -A "$REPO_ROOT/results" 2>/dev/null; readlink "$REPO_ROOT/results/latest" || true)" = \
        "$results_before" ] || fail "--startup changed results/"
}

# --- --startup ---

@test "--startup exits 0 at once, prints nothing and writes nothing" {
    assert_startup_only "$IDIOMBENCH"
}

@test "--startup starts the interpreter isolated and loads no catalogue" {
    command -v strace >/dev/null || skip "no strace to see which files it opens"
    strace -f -e trace=open,openat -o "$SANDBOX/trace" "$IDIOMBENCH" --startup --quick ||
        fail "--startup under strace failed"
    grep -q '/encodings' "$SANDBOX/trace" ||
        fail "the interpreter did not start (its encodings were never opened)"
    ! grep -Eq '/site\.py|/bench/' "$SANDBOX/trace" ||
        fail "--startup imported site or read the catalogue" "$(grep -E '/site\.py|/bench/' "$SANDBOX/trace")"
}

@test "--startup refuses Google Benchmark flags and bad options: exit 2, one line" {
    run --separate-stderr "$IDIOMBENCH" --startup --benchmark_filter=x
    assert_status 2
    assert_one_clear_line "--startup runs no benchmark" "--benchmark_filter=x"
    run --separate-stderr "$IDIOMBENCH" --startup --repetitions 0
    assert_status 2
    assert_one_clear_line "--repetitions '0'"
}

@test "--help lists --startup, --no-observations and repetitions from 1" {
    run --separate-stderr "$IDIOMBENCH" --help
    assert_status 0
    assert_contains "$output" "--startup"
    assert_contains "$output" "--no-observations"
    assert_contains "$output" "1..1000"
    assert_contains "$output" "unavailable.csv"
}

# --- --repetitions 1 --ci-target 0 and --no-observations ---

@test "--repetitions 1 --ci-target 0: every row is its one sample (median = mean = min = max = ci_low = ci_high, spread 0)" {
    local dir=$BATS_FILE_TMPDIR/rep1
    [ "$(cat "$dir.status")" -eq 0 ] ||
        fail "the run exited $(cat "$dir.status")" "$(cat "$dir.stdout")" "$(cat "$dir.stderr")"
    [ "$(cat "$dir/failures.csv")" = "$FAILURES_HEADER" ] || fail "failures" "$(cat "$dir/failures.csv")"
    "$TEST_PYTHON" - "$dir/measurements.csv" <<'PY' || fail "rows of the one-repetition run" "$(cat "$dir/measurements.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
metrics = {(r["case"], r["metric"]) for r in rows}
# time and allocations everywhere; memory and resources on with_open
for want in [("is_none", "time_per_op"), ("is_none", "allocs_per_op"),
             ("join_list", "time_per_op"), ("with_open", "retained_bytes"),
             ("with_open", "gc_collected")]:
    assert want in metrics, "no row for %s %s" % want
assert len([r for r in rows if r["case"] == "join_list" and r["metric"] == "time_per_op"]) == 5
for r in rows:
    label = "%s n=%s %s" % (r["case"], r["n"], r["metric"])
    assert r["repetitions"] == "1", label + ": repetitions " + r["repetitions"]
    m = float(r["median"])
    assert float(r["mean"]) == m and float(r["min"]) == m and float(r["max"]) == m, label
    assert float(r["ci_low"]) == m and float(r["ci_high"]) == m, label + ": interval"
    assert float(r["stddev"]) == 0 and float(r["cv"]) == 0, label + ": spread"
    # A net time of a few ns (is_none) is one sample's noise on a loaded machine, and can
    # be below 0 (docs/run-folder.md); the costlier cases' must be above it.
    if r["metric"] == "time_per_op" and r["case"] != "is_none":
        assert m > 0, label + ": a time of " + r["median"]
PY
}

@test "--no-observations: observations.csv is its header alone, and meta says so" {
    local dir=$BATS_FILE_TMPDIR/rep1
    [ "$(cat "$dir/observations.csv")" = "python_version,family,observation,value,error" ] ||
        fail "observations were recorded" "$(cat "$dir/observations.csv")"
    ! grep -q "observations recorded" "$dir.stdout" || fail "the run says it recorded some"
    grep -q '^settings: repetitions 1, .*, time sampling fixed: ci target 0, .*no observations$' "$dir/meta" ||
        fail "meta's settings" "$(grep settings "$dir/meta")"
}

@test "--instruments time: only time rows; a case with no time instrument is not run" {
    cat >"$SANDBOX/two.py" <<'PY'
CASES = [dict(name="timed", stmt="[1]"),
         dict(name="memory_only", stmt="[1]", sizes=[10], instruments=["memory"])]
PY
    local out=$SANDBOX/only-time
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 1 --instruments time \
        --catalogue "$SANDBOX/two.py" --out "$out"
    assert_status 0
    [ "$(csv_rows "$out/measurements.csv" case,metric | tr '\n' ' ')" = "timed|time_per_op " ] ||
        fail "rows other than timed's time" "$(cat "$out/measurements.csv")"
    run --separate-stderr "$IDIOMBENCH" --instruments time,alloc --catalogue "$SANDBOX/two.py" \
        --out "$SANDBOX/bad"
    assert_status 2
    assert_one_clear_line "'alloc' is not an instrument"
}

@test "a run writes unavailable.csv, its header alone when this Python gives every figure" {
    local dir=$BATS_FILE_TMPDIR/rep1
    "$TEST_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 4))' ||
        skip "the test interpreter lacks instruments"
    [ "$(cat "$dir/unavailable.csv")" = "$UNAVAILABLE_HEADER" ] ||
        fail "unavailable.csv" "$(cat "$dir/unavailable.csv")"
    assert_no_temp_files "$dir"
}

# --- min_python ---

@test "min_python: a case for a newer Python is skipped, one '*' row, exit 0" {
    cat >"$SANDBOX/future.py" <<'PY'
CASES = [
    dict(name="today", stmt="x = 1"),
    dict(name="tomorrow", stmt="x = 1", sizes=[10, 100], min_python=("99.0", "the future")),
    dict(name="yesterday", stmt="x = 1", min_python=("2.7", "nothing new")),
]
PY
    local out=$SANDBOX/out
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 1 --catalogue "$SANDBOX/future.py" \
        --out "$out"
    assert_status 0
    grep -Eq '^\[ ?2/3\] future/tomorrow +skipped: needs Python 99\.0\+ \(the future\)$' <<<"$output" ||
        fail "no skipped line for the case (one line for all its sizes)" "$output"
    [ "$(csv_rows "$out/unavailable.csv" case,metric,reason)" = \
        "tomorrow|*|needs Python 99.0+ (the future)" ] || fail "unavailable.csv" "$(cat "$out/unavailable.csv")"
    [ -z "$(csv_rows "$out/measurements.csv" n case=tomorrow)" ] || fail "rows for the skipped case"
    [ "$(csv_rows "$out/measurements.csv" case metric=time_per_op | tr '\n' ' ')" = "today yesterday " ] ||
        fail "the other cases were not measured" "$(cat "$out/measurements.csv")"
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] || fail "a skipped case is no failure"
    run --separate-stderr "$IDIOMBENCH" --list --catalogue "$SANDBOX/future.py"
    grep -qxF "future/tomorrow  n=10,100  [time,allocs]  skipped: needs Python 99.0+ (the future)" \
        <<<"$output" || fail "--list does not say it is skipped" "$output"
    grep -qxF "future/yesterday  [time,allocs]" <<<"$output" || fail "--list of a case that runs" "$output"
}

@test "min_python: a malformed value is one clear line naming file:line, exit 2" {
    printf '%s\n' 'CASES = [' '    dict(name="a", stmt="1"),' \
        '    dict(name="b", stmt="1", min_python="3.6"),' ']' >"$SANDBOX/bad.py"
    run --separate-stderr "$IDIOMBENCH" --quick --out "$SANDBOX/out" --catalogue "$SANDBOX/bad.py"
    assert_status 2
    assert_one_clear_line "bad.py:3: case 'b': 'min_python' must be a pair such as ('3.6', 'f-strings')"
    [ ! -e "$SANDBOX/out" ] || fail "an out folder was made"
}

# --- Python 2.7 ---

@test "Python 2.7: --startup exits 0 at once and writes nothing" {
    need_python27
    assert_startup_only "$PY27_HARNESS"
}

@test "Python 2.7: strings and copying run, what 2.7 lacks is in unavailable.csv, never a zero" {
    need_python27
    local out=$SANDBOX/py27
    run --separate-stderr "$PY27_HARNESS" --quick --repetitions 1 --out "$out" \
        --filter '^strings/(stringio|fmt_[a-z]+)$|^copying/(flat|dict)_(alias|unpack|copy_method)$'
    assert_status 0
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] || fail "failures on 2.7" "$(cat "$out/failures.csv")"
    grep -Eq '^\[ ?[0-9]+/[0-9]+\] strings/fmt_fstring +skipped: needs Python 3\.6\+ \(f-strings\)$' \
        <<<"$output" || fail "no skipped line for fmt_fstring" "$output"
    [ "$(head -n 1 "$out/unavailable.csv")" = "$UNAVAILABLE_HEADER" ] || fail "unavailable.csv header"
    "$TEST_PYTHON" - "$out" <<'PY' || fail "the 2.7 run" "$(cat "$out/unavailable.csv")"
import csv, sys
folder = sys.argv[1]
read = lambda name: list(csv.DictReader(open(folder + "/" + name, newline="")))
rows, missing = read("measurements.csv"), read("unavailable.csv")
why = dict(((r["case"], r["metric"]), r["reason"]) for r in missing)
assert len(why) == len(missing), "a case and metric twice (rows are not per size)"
assert why[("fmt_fstring", "*")] == "needs Python 3.6+ (f-strings)", why
assert why[("flat_unpack", "*")].startswith("needs Python 3.5+"), why
assert why[("flat_copy_method", "*")].startswith("needs Python 3.3+"), why
for case in ("stringio", "fmt_plus", "flat_alias", "dict_copy_method"):
    for metric in ("allocs_per_op", "bytes_per_op"):
        assert why[(case, metric)].startswith("no allocator API in Python 2.7."), (case, metric, why)
# Measured: time for every case that runs (stringio at each of its 5 sizes) ...
timed = [(r["case"], r["n"]) for r in rows if r["metric"] == "time_per_op"]
assert len([c for c, n in timed if c == "stringio"]) == 5, timed
assert ("dict_copy_method", "10") in timed and ("fmt_plus", "") in timed, timed
# ... and nothing that unavailable.csv names, not even as a zero.
for r in rows:
    assert (r["case"], r["metric"]) not in why and (r["case"], "*") not in why, r
assert {r["metric"] for r in rows} == {"time_per_op"}, {r["metric"] for r in rows}
PY
}

@test "Python 2.7: resources give descriptors; warnings and collector stats are unavailable" {
    need_python27
    cat >"$SANDBOX/res.py" <<'PY'
CASES = [dict(name="nothing", stmt="pass", sizes=[1000], instruments=["resources"])]
PY
    local out=$SANDBOX/res
    run --separate-stderr "$PY27_HARNESS" --quick --repetitions 1 --out "$out" \
        --catalogue "$SANDBOX/res.py"
    assert_status 0
    assert_contains "$output" "rw: unavailable (no ResourceWarning in Python 2.7"
    assert_contains "$output" "gc: unavailable (no gc.get_stats in Python 2.7"
    [ "$(csv_rows "$out/measurements.csv" metric | tr '\n' ' ')" = "fds_delta " ] ||
        fail "2.7's rows" "$(cat "$out/measurements.csv")"
    [ "$(csv_rows "$out/unavailable.csv" metric | tr '\n' ' ')" = \
        "resource_warnings gc_collections_gen0 gc_collections_gen1 gc_collections_gen2 gc_collected " ] ||
        fail "2.7's unavailable figures" "$(cat "$out/unavailable.csv")"
}
