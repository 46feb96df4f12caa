#!/usr/bin/env bats
# idiombench-compare: samples.csv of several Python versions in rounds → comparison.csv,
# measurements.csv, complexity.csv and the terminal table; each bad input gives one
# clear line, exit status 2 and no output file.
#
# fixtures/compare/samples.csv: 3.11.7, 3.12.1 and 3.11.7#2 (3.11.7 run again), five
# rounds each, rows shuffled, some fields quoted. 3.12.1 runs identity/is_none in 0.8
# of the time and strings/join in 1.3 of it, and asks for 16 more bytes per join;
# allocation counts are the same everywhere. 3.11.7#2 draws from 3.11.7's distribution.
#
# COMPARE_SANITIZE=1 runs the tests against the ASan + UBSan build.

load helper

COMPARISON_HEADER=$(defined_header comparison.csv)
COMPLEXITY_HEADER=$(defined_header complexity.csv)

setup_file() {
    local log=$BATS_FILE_TMPDIR/build-compare.log
    if [ -n "${COMPARE_SANITIZE:-}" ]; then
        COMPARE=$REPO_ROOT/build/compare-asan/idiombench-compare
    else
        COMPARE=$REPO_ROOT/build/idiombench-compare
    fi
    make --no-print-directory -C "$REPO_ROOT" -f mk/compare.mk \
        ${COMPARE_SANITIZE:+SANITIZE=1} >"$log" 2>&1 || {
        echo "make -f mk/compare.mk failed:" >&2
        cat "$log" >&2
        return 1
    }
    export COMPARE
}

setup() {
    make_sandbox
    SAMPLES=$FIXTURES/compare/samples.csv
}

# compare ARGS...: runs the tool with stdout and stderr apart.
compare() {
    run --separate-stderr "$COMPARE" "$@"
}

# compare_all BASELINE [ARGS...]: every output into $SANDBOX, the table on stdout.
compare_all() {
    local baseline=$1
    shift
    compare --samples "$SAMPLES" --baseline "$baseline" --measurements "$SANDBOX/m.csv" \
        --comparison "$SANDBOX/c.csv" --complexity "$SANDBOX/x.csv" "$@"
}

# verdict VERSION CASE N METRIC: the verdict column of that comparison row.
verdict() {
    csv_rows "$SANDBOX/c.csv" verdict python_version="$1" case="$2" n="$3" metric="$4"
}

# assert_bad_input TEXT...: the last run exited 2, printed nothing on stdout and one
# line on stderr starting "idiombench-compare:" and holding every TEXT; no output file
# (nor a temporary one) was left in $SANDBOX.
assert_bad_input() {
    assert_status 2
    [ -z "$output" ] || fail "stdout should be empty on bad input" "$output"
    local lines
    lines=$(printf '%s\n' "$stderr" | grep -c .)
    [ "$lines" -eq 1 ] || fail "expected one line on stderr, got $lines" "$stderr"
    case $stderr in
        idiombench-compare:\ *) ;;
        *) fail "the error line does not start with 'idiombench-compare: '" "$stderr" ;;
    esac
    local text
    for text in "$@"; do
        assert_contains "$stderr" "$text"
    done
    local left
    left=$(find "$SANDBOX" -type f ! -name 'input*' -print)
    [ -z "$left" ] || fail "files were written although the input was bad:" "$left"
}

@test "--help describes the options and exits 0" {
    compare --help
    assert_status 0
    assert_contains "$output" "usage: idiombench-compare --samples FILE --baseline LABEL"
    assert_contains "$output" "--table WHAT"
    assert_contains "$output" "--confidence C"
}

@test "comparison.csv: one row per case, size, metric and other version, with verdicts" {
    compare_all 3.11.7 --table none
    assert_status 0
    [ -z "$output" ] || fail "--table none printed something" "$output"
    [ "$(csv_header "$SANDBOX/c.csv")" = "$COMPARISON_HEADER" ]
    # 11 (case, n, metric) keys × 2 other versions
    [ "$(($(wc -l <"$SANDBOX/c.csv") - 1))" -eq 22 ] || fail "row count" "$(cat "$SANDBOX/c.csv")"
    [ "$(verdict 3.12.1 is_none '' time_per_op)" = faster ]
    [ "$(verdict 3.12.1 join 1000 time_per_op)" = slower ]
    [ "$(verdict 3.12.1 join 10 bytes_per_op)" = higher ]
    [ "$(verdict 3.12.1 join 10 allocs_per_op)" = "no difference" ]
    [ "$(verdict 3.11.7#2 is_none '' time_per_op)" = "no difference" ]
    [ "$(verdict 3.11.7#2 join 100 time_per_op)" = "no difference" ]
    [ -z "$(csv_rows "$SANDBOX/c.csv" case python_version=3.11.7)" ] ||
        fail "the baseline was compared with itself"
    local row
    row=$(csv_rows "$SANDBOX/c.csv" baseline,ratio,test,baseline_samples,samples \
        python_version=3.12.1 case=join n=100 metric=bytes_per_op)
    [ "$row" = "3.11.7|1.0188457|exact|5|5" ] || fail "exact bytes row" "$row"
    row=$(csv_rows "$SANDBOX/c.csv" test,ratio,ci_low,ci_high,p_value \
        python_version=3.12.1 case=is_none metric=time_per_op)
    "$TEST_PYTHON" - "$row" <<'PY'
import sys
test, ratio, low, high, p = sys.argv[1].split("|")
assert test == "welch-log", test
ratio, low, high, p = map(float, (ratio, low, high, p))
assert 0.78 < low < ratio < high < 0.82, (low, ratio, high)
assert p < 0.001, p
PY
    assert_no_temp_files "$SANDBOX"
}

@test "comparison.csv the other way round: the baseline's gains become losses" {
    compare_all 3.12.1 --table none
    assert_status 0
    [ "$(verdict 3.11.7 is_none '' time_per_op)" = slower ]
    [ "$(verdict 3.11.7 join 10 time_per_op)" = faster ]
    [ "$(verdict 3.11.7 join 1000 bytes_per_op)" = lower ]
    [ "$(verdict 3.11.7#2 join 100 time_per_op)" = faster ]
    local ratio
    ratio=$(csv_rows "$SANDBOX/c.csv" ratio python_version=3.11.7 case=join n=10 metric=bytes_per_op)
    [ "$ratio" = 0.889655172 ] || fail "129 / 145 bytes" "$ratio"
}

@test "measurements.csv: the rounds summarised per version, in the harness's schema" {
    compare_all 3.11.7 --table none
    assert_status 0
    [ "$(csv_header "$SANDBOX/m.csv")" = "$MEASUREMENTS_HEADER" ]
    [ "$(($(wc -l <"$SANDBOX/m.csv") - 1))" -eq 33 ] || fail "11 keys × 3 versions" "$(cat "$SANDBOX/m.csv")"
    "$TEST_PYTHON" - "$SAMPLES" "$SANDBOX/m.csv" <<'PY'
import csv, statistics, sys
samples = {}
for r in csv.DictReader(open(sys.argv[1], newline="")):
    key = (r["python_version"], r["family"], r["case"], r["n"], r["metric"])
    samples.setdefault(key, []).append((float(r["value"]), int(r["loops"])))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(rows) == len(samples), (len(rows), len(samples))
for r in rows:
    got = samples[(r["python_version"], r["family"], r["case"], r["n"], r["metric"])]
    values = [v for v, _ in got]
    assert int(r["repetitions"]) == len(values) == 5, r
    assert float(r["median"]) == float("%.9g" % statistics.median(values)), r
    assert float(r["mean"]) == float("%.9g" % statistics.mean(values)), r
    assert abs(float(r["stddev"]) - statistics.stdev(values)) <= 1e-8 * max(statistics.stdev(values), 1e-9), r
    assert float(r["min"]) == float("%.9g" % min(values)) and float(r["max"]) == float("%.9g" % max(values)), r
    assert int(r["loops"]) == statistics.median(l for _, l in got), r
versions = [r["python_version"] for r in rows]
assert versions == sorted(versions, key=["3.11.7", "3.11.7#2", "3.12.1"].index), versions
PY
}

@test "complexity.csv: each version's scaling case fitted, as the harness writes it" {
    compare_all 3.11.7 --table none
    assert_status 0
    [ "$(csv_header "$SANDBOX/x.csv")" = "$COMPLEXITY_HEADER" ]
    [ "$(csv_rows "$SANDBOX/x.csv" best_fit python_version=3.12.1 metric=time_per_op)" = "O(n)" ]
    [ "$(csv_rows "$SANDBOX/x.csv" best_fit python_version=3.11.7 metric=allocs_per_op)" = "O(1)" ]
    [ "$(csv_rows "$SANDBOX/x.csv" sizes python_version=3.11.7#2 metric=bytes_per_op)" = 3 ]
    [ "$(($(wc -l <"$SANDBOX/x.csv") - 1))" -eq 9 ] || fail "3 metrics × 3 versions" "$(cat "$SANDBOX/x.csv")"
}

@test "the order of the rows does not change any output" {
    compare_all 3.11.7 --table all
    assert_status 0
    local table=$output
    mkdir "$SANDBOX/reversed"
    { head -n 1 "$SAMPLES"; tail -n +2 "$SAMPLES" | tac; } >"$SANDBOX/reversed/input.csv"
    compare --samples "$SANDBOX/reversed/input.csv" --baseline 3.11.7 --table all \
        --measurements "$SANDBOX/reversed/m.csv" --comparison "$SANDBOX/reversed/c.csv" \
        --complexity "$SANDBOX/reversed/x.csv"
    assert_status 0
    [ "$output" = "$table" ] || fail "the table changed"
    for file in m.csv c.csv x.csv; do
        cmp "$SANDBOX/$file" "$SANDBOX/reversed/$file" || fail "$file changed"
    done
}

@test "the table: baseline medians in readable units, ratios with their marks, counts" {
    compare --samples "$SAMPLES" --baseline 3.11.7
    assert_status 0
    assert_contains "$output" "time_per_op: median on 3.11.7"
    grep -qE '^case +3\.11\.7  3\.11\.7#2   3\.12\.1$' <<<"$output" || fail "header" "$output"
    grep -qE '^identity/is_none +3\.51 ns +1\.00x  +0\.80x-$' <<<"$output" || fail "is_none" "$output"
    grep -qE '^strings/join n=100 +1\.20 µs +1\.00x  +1\.30x\+$' <<<"$output" || fail "join" "$output"
    grep -qE '^faster +0  +1 $' <<<"$output" || fail "faster count" "$output"
    grep -qE '^slower +0  +3 $' <<<"$output" || fail "slower count" "$output"
    grep -qE '^no difference +4  +0 $' <<<"$output" || fail "no difference count" "$output"
    assert_contains "$output" "+ slower, - faster than 3.11.7 beyond the noise"
    [[ "$output" != *allocs_per_op* ]] || fail "--table time showed other metrics" "$output"
    local width # in characters: µ and — are one column each
    width=$("$TEST_PYTHON" -c 'import sys; print(max(len(l) for l in sys.stdin.buffer.read().decode("utf-8").split("\n")))' <<<"$output")
    [ "$width" -le 160 ] || fail "a line is $width columns wide" "$output"
}

@test "--table all adds a section per metric; --confidence changes the stated level" {
    compare --samples "$SAMPLES" --baseline 3.11.7 --table all --confidence 0.99
    assert_status 0
    assert_contains "$output" "allocs_per_op: median on 3.11.7"
    assert_contains "$output" "bytes_per_op: median on 3.11.7"
    assert_contains "$output" "+ higher, - lower than 3.11.7 beyond the noise (99% CI"
    grep -qE '^strings/join n=1000 +7\.86 KiB +1\.00x  +1\.002x\+$' <<<"$output" ||
        fail "bytes row" "$output"
}

@test "bad input: a missing samples file" {
    compare --samples "$SANDBOX/absent.csv" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "cannot read the samples file '$SANDBOX/absent.csv'" \
        "No such file or directory" "--samples"
}

@test "bad input: a folder given as the samples file" {
    mkdir "$SANDBOX/input-folder"
    compare --samples "$SANDBOX/input-folder" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "cannot read the samples file" "Is a directory"
}

@test "bad input: missing header columns are named" {
    compare --samples "$FIXTURES/compare/missing_columns.csv" --baseline 3.11.7 \
        --comparison "$SANDBOX/c.csv" --measurements "$SANDBOX/m.csv"
    assert_bad_input "missing_columns.csv: the header lacks the column(s) round, loops" \
        "python_version,family,case,n,metric,unit,round,value,loops"
}

@test "bad input: a value that is not a number gives file and line" {
    compare --samples "$FIXTURES/compare/bad_value.csv" --baseline 3.11.7 \
        --comparison "$SANDBOX/c.csv"
    assert_bad_input "bad_value.csv:4: value '3.5x' is not a number"
}

@test "bad input: an empty file, and a quoted field never closed" {
    : >"$SANDBOX/input-empty.csv"
    compare --samples "$SANDBOX/input-empty.csv" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "input-empty.csv is empty" "python_version,family"
    { head -n 3 "$SAMPLES"; printf '3.11.7,"identity,is_none,,time_per_op,ns,9,1,1\n'; } \
        >"$SANDBOX/input-quote.csv"
    compare --samples "$SANDBOX/input-quote.csv" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "input-quote.csv: line 4: a quoted field is never closed"
}

@test "bad input: a baseline absent from the samples lists the labels present" {
    compare_all 3.10.13
    assert_bad_input "--baseline '3.10.13' is not a python_version in $SAMPLES" \
        "the labels there are 3.11.7, 3.11.7#2, 3.12.1"
}

@test "bad input: a header without samples has nothing to compare" {
    head -n 1 "$SAMPLES" >"$SANDBOX/input-header.csv"
    compare --samples "$SANDBOX/input-header.csv" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "holds no samples, only a header"
}

@test "bad options: each named, with exit 2 and nothing written" {
    compare --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_bad_input "--samples FILE is missing"
    compare --samples "$SAMPLES" --comparison "$SANDBOX/c.csv"
    assert_bad_input "--baseline LABEL is missing"
    compare_all 3.11.7 --table wide
    assert_bad_input "--table 'wide' is not time, all or none"
    compare_all 3.11.7 --confidence 95
    assert_bad_input "--confidence '95' is not a fraction between 0 and 1"
    compare_all 3.11.7 --verbose
    assert_bad_input "unknown argument '--verbose' (see --help)"
    compare --samples "$SAMPLES" --baseline 3.11.7 --comparison "$SANDBOX/c.csv" \
        --measurements "$SANDBOX/c.csv"
    assert_bad_input "--measurements and --comparison both name"
}

@test "an output that cannot be written leaves no other output behind" {
    compare --samples "$SAMPLES" --baseline 3.11.7 --measurements "$SANDBOX/m.csv" \
        --comparison "$SANDBOX/no/such/folder/c.csv"
    assert_bad_input "cannot write '$SANDBOX/no/such/folder/c.csv'" "No such file or directory"
}

@test "an earlier output is replaced whole, never truncated, by a later run" {
    echo "old content" >"$SANDBOX/c.csv"
    compare --samples "$FIXTURES/compare/bad_value.csv" --baseline 3.11.7 --comparison "$SANDBOX/c.csv"
    assert_status 2
    [ "$(cat "$SANDBOX/c.csv")" = "old content" ] || fail "a failed run touched the old output"
    compare --samples "$SAMPLES" --baseline 3.11.7 --comparison "$SANDBOX/c.csv" --table none
    assert_status 0
    [ "$(csv_header "$SANDBOX/c.csv")" = "$COMPARISON_HEADER" ]
    assert_no_temp_files "$SANDBOX"
}
