#!/usr/bin/env bats
# bin/claims: the claims report of a run folder: claims.csv (claim, version,
# verdict, conditions, evidence, deciding) and the claims x versions matrix on the
# terminal, less the claims a filtered run cannot decide (one line names them); bad
# input gives one clear line, exit status 2 and no claims.csv.
#
# On a synthetic run (tests/claims/synthetic.py: a compare run of two versions, one
# where `is` beats `==` and one where it does not), and on a real quick run of the
# harness (a few cases of four families). The unit tests of the engine and the rules
# (tests/claims/, Python's unittest) are not here: tests/run runs them through
# tests/run-claims-units, each counted on its own.

load helper

CLAIMS_HEADER=$(defined_header claims.csv)

setup_file() {
    make --no-print-directory -C "$REPO_ROOT" -f mk/compare.mk >"$BATS_FILE_TMPDIR/compare.log" 2>&1 || {
        echo "make -f mk/compare.mk failed:" >&2
        cat "$BATS_FILE_TMPDIR/compare.log" >&2
        return 1
    }
}

setup() {
    make_sandbox
}

# claims ARGS...: the CLI, stdout and stderr apart.
claims() {
    run --separate-stderr "$TEST_PYTHON" "$REPO_ROOT/bin/claims" "$@"
}

# synthetic_run DIR: two versions; on 3.13.0 `is` is no faster than `==` for None beyond
# the noise (inconclusive, not against the claim), and 3.6.15 misses the copying family.
synthetic_run() {
    "$TEST_PYTHON" - "$1" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["REPO_ROOT"], "tests", "claims"))
from synthetic import SyntheticRun
run = SyntheticRun(["3.6.15", "3.13.0"])
for label in run.versions:
    run.time(label, "identity", "is_none", 3.0)
    run.time(label, "identity", "is_true", 3.0)
    run.time(label, "identity", "eq_true", 6.0)
    run.observe(label, "identity", "C01_alias_same_id", True)
    run.observe(label, "identity", "C01_id_stable", ("int", True))
    run.observe(label, "identity", "C03_eq_overridden_is_not", (True, False))
    run.observe(label, "mutability", "C05_int_iadd_300", False)
    run.observe(label, "mutability", "C05_int_iadd_5", False)
    run.observe(label, "mutability", "C05_small_result_cached", True)
    run.observe(label, "mutability", "C05_large_result_not_cached", False)
run.time("3.6.15", "identity", "eq_none", 6.0)
run.time("3.13.0", "identity", "eq_none", 3.0)
run.observe("3.13.0", "copying", "C06_alias_is", True)
run.write(sys.argv[1])
PY
}

# verdict CLAIM VERSION: the verdict column of claims.csv in $SANDBOX/run.
verdict() {
    csv_rows "$SANDBOX/run/claims.csv" verdict claim="$1" python_version="$2"
}

@test "claims: a synthetic run gets claims.csv and the matrix" {
    synthetic_run "$SANDBOX/run"
    claims "$SANDBOX/run"
    assert_status 0
    [ -z "$stderr" ] || fail "stderr not empty" "$stderr"
    [ "$(csv_header "$SANDBOX/run/claims.csv")" = "$CLAIMS_HEADER" ] ||
        fail "header: $(csv_header "$SANDBOX/run/claims.csv")"
    assert_no_temp_files "$SANDBOX/run"
    # Every claim of C01-C11 on each version, in order.
    rows=$(csv_rows "$SANDBOX/run/claims.csv" claim,python_version | grep -E '^C(0[1-9]|1[01])\|')
    [ "$(echo "$rows" | wc -l)" -eq 22 ] || fail "expected 22 rows of C01-C11" "$rows"
    [ "$(echo "$rows" | head -n 2 | tr '\n' ' ')" = "C01|3.6.15 C01|3.13.0 " ] ||
        fail "rows out of order" "$rows"
    # The verdicts follow the data.
    [ "$(verdict C01 3.6.15)" = holds ]
    [ "$(verdict C05 3.13.0)" = partly ]
    [ "$(verdict C10 3.6.15)" = holds ]
    [ "$(verdict C10 3.13.0)" = holds ]
    [ "$(verdict C08 3.6.15)" = untestable ]
    conditions=$(csv_rows "$SANDBOX/run/claims.csv" conditions claim=C10 python_version=3.13.0)
    assert_contains "$conditions" "inconclusive: is None faster than == None (time "
    evidence=$(csv_rows "$SANDBOX/run/claims.csv" evidence claim=C10 python_version=3.13.0)
    assert_contains "$evidence" "within the noise"
    evidence=$(csv_rows "$SANDBOX/run/claims.csv" evidence claim=C10 python_version=3.6.15)
    assert_contains "$evidence" "faster than \`x == None\`"
    # The deciding figure: short, from the condition that decided, with its interval.
    deciding=$(csv_rows "$SANDBOX/run/claims.csv" deciding claim=C10 python_version=3.6.15)
    [[ $deciding =~ faster\ than\ \`x\ ==\ None\` ]] || fail "C10's deciding figure" "$deciding"
    [[ $deciding =~ \[[0-9.]+,\ [0-9.]+\] ]] || fail "C10's deciding figure has no interval" "$deciding"
    [ "${#deciding}" -le 160 ] || fail "C10's deciding figure is ${#deciding} characters" "$deciding"
    deciding=$(csv_rows "$SANDBOX/run/claims.csv" deciding claim=C08 python_version=3.6.15)
    assert_contains "$deciding" "missing: "
    # A filtered run: the claims it cannot decide on any version are one line, not rows.
    assert_contains "$output" "need cases this run did not measure: run the full catalogue"
    if grep -qE '^C20 ' <<<"$output"; then
        fail "C20 (no strings family in this run) has a row" "$output"
    fi
    assert_contains "$(grep 'need cases this run did not measure' <<<"$output")" "C20"
    # The terminal: a matrix with a column per version, the legend, the conditions.
    assert_contains "$output" "3.6.15 3.13.0"
    line=$(grep -E '^C10 ' <<<"$output" | head -n 1)
    [ "$(awk '{print $(NF-1), $NF}' <<<"$line")" = "+ +" ] || fail "C10's row: $line" "$output"
    assert_contains "$output" "+ holds"
    assert_contains "$output" "~ partly"
    assert_contains "$output" "x fails"
    assert_contains "$output" "- inconclusive"
    assert_contains "$output" "? untestable"
    assert_contains "$output" "threshold: instruction counts differ only by at least 2% and 5"
    assert_contains "$output" "C10 holds on 3.13.0: inconclusive: is None faster than == None"
    assert_contains "$output" "C05 partly on all: "
    assert_contains "$output" "claims.csv"
}

@test "claims: the report is rewritten whole on a second run" {
    synthetic_run "$SANDBOX/run"
    claims "$SANDBOX/run"
    assert_status 0
    cp "$SANDBOX/run/claims.csv" "$SANDBOX/first.csv"
    claims "$SANDBOX/run"
    assert_status 0
    cmp "$SANDBOX/first.csv" "$SANDBOX/run/claims.csv"
}

@test "claims: a missing run folder is one clear line and writes nothing" {
    claims "$SANDBOX/nowhere"
    assert_status 2
    assert_one_clear_line "nowhere" "no run folder"
    [ ! -e "$SANDBOX/nowhere" ]
}

@test "claims: a folder that is not a run is one clear line" {
    mkdir "$SANDBOX/empty"
    claims "$SANDBOX/empty"
    assert_status 2
    assert_one_clear_line "no meta"
    [ ! -e "$SANDBOX/empty/claims.csv" ]
}

@test "claims: a run without observations.csv is one clear line and writes nothing" {
    synthetic_run "$SANDBOX/run"
    rm "$SANDBOX/run/observations.csv"
    claims "$SANDBOX/run"
    assert_status 2
    assert_one_clear_line "observations.csv"
    [ ! -e "$SANDBOX/run/claims.csv" ]
}

@test "claims: a missing column is one clear line and leaves the old claims.csv alone" {
    synthetic_run "$SANDBOX/run"
    echo "an older report" >"$SANDBOX/run/claims.csv"
    sed -i '1s/,median,/,middle,/' "$SANDBOX/run/measurements.csv"
    claims "$SANDBOX/run"
    assert_status 2
    assert_one_clear_line "measurements.csv" "no column median"
    [ "$(cat "$SANDBOX/run/claims.csv")" = "an older report" ]
    assert_no_temp_files "$SANDBOX/run"
}

@test "claims: a bad samples.csv is one clear line" {
    synthetic_run "$SANDBOX/run"
    sed -i '2s/,[^,]*,\([^,]*\)$/,fast,\1/' "$SANDBOX/run/samples.csv"
    claims "$SANDBOX/run"
    assert_status 2
    assert_one_clear_line "samples.csv line 2" "not a number"
    [ ! -e "$SANDBOX/run/claims.csv" ]
}

@test "claims: an unknown option is one clear line" {
    claims --bogus
    assert_status 2
    assert_one_clear_line "usage"
}

@test "claims: a real quick run of the harness" {
    build_harness
    "$IDIOMBENCH" --quick --repetitions 3 --out "$SANDBOX/run" --filter \
        '^(identity/(is|eq)_(none|true)|mutability/int_iadd_(small|medium)|copying/flat_(alias|slice)|interning/join)$' \
        >"$SANDBOX/bench.log" 2>&1 || fail "the harness failed" "$(cat "$SANDBOX/bench.log")"
    claims "$SANDBOX/run"
    assert_status 0
    label=$(csv_rows "$SANDBOX/run/measurements.csv" python_version | awk 'NR == 1')
    # Behaviour, from observations.csv: the same on every CPython 3.
    [ "$(verdict C01 "$label")" = holds ] || fail "C01: $(verdict C01 "$label")"
    [ "$(verdict C03 "$label")" = holds ]
    [ "$(verdict C06 "$label")" = holds ]
    [ "$(verdict C07 "$label")" = holds ]
    [ "$(verdict C09 "$label")" = holds ]
    [ "$(verdict C05 "$label")" = partly ]
    [ "$(verdict C11 "$label")" = partly ]
    # Cost needs the samples; without samples.csv it is untestable and says so.
    c02=$(verdict C02 "$label")
    if [ -e "$SANDBOX/run/samples.csv" ]; then
        case $c02 in holds|partly|fails|inconclusive) ;; *) fail "C02: $c02 with samples.csv" ;; esac
        evidence=$(csv_rows "$SANDBOX/run/claims.csv" evidence claim=C02 python_version="$label")
        assert_contains "$evidence" "None: \`is\`"
    else
        [ "$c02" = untestable ]
        conditions=$(csv_rows "$SANDBOX/run/claims.csv" conditions claim=C02 python_version="$label")
        assert_contains "$conditions" "no samples.csv"
    fi
    # What the filter left out is named: here lst + [x] (mutability/concat).
    evidence=$(csv_rows "$SANDBOX/run/claims.csv" evidence claim=C04 python_version="$label")
    assert_contains "$evidence" "mutability/concat allocs_per_op not measured in this run"
}
