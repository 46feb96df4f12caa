#!/usr/bin/env bats
# The run folder's definition, docs/run-folder.csv, against its writers (the harness,
# idiombench-compare, src/common/schema.h) and its readers (py/idiombench, the meta keys
# they read, docs/run-folder.md's tables): tests/e2e/run_folder_check.py does each
# check, and each is also shown to fail on a copy broken on purpose.

load helper

setup_file() {
    build_harness
    build_compare
}

setup() {
    make_sandbox
}

# check ROOT WHAT [ARGS...]: run_folder_check.py under bats' run.
check() {
    run --separate-stderr "$TEST_PYTHON" "$BATS_TEST_DIRNAME/run_folder_check.py" "$@"
}

# broken_copy: $SANDBOX/suite, a copy of what the checks read (docs/, py/, schema.h),
# for a test to break.
broken_copy() {
    mkdir -p "$SANDBOX/suite/src/common"
    cp -r "$REPO_ROOT/docs" "$REPO_ROOT/py" "$SANDBOX/suite/"
    cp "$REPO_ROOT/src/common/schema.h" "$SANDBOX/suite/src/common/"
    find "$SANDBOX/suite/py" -name __pycache__ -prune -exec rm -rf {} +
}

# assert_check_fails TEXT: the last check exited 1 and said TEXT.
assert_check_fails() {
    assert_status 1
    [[ "$output" == *"$1"* ]] || fail "the check did not say '$1'" "$output"
}

@test "schema: a quick harness run writes every file with the defined header, and defined meta keys" {
    run_harness "$SANDBOX/run" --filter '^identity/is_none$'
    assert_status 0
    check "$REPO_ROOT" headers "$SANDBOX/run" harness
    assert_status 0
    [ -z "$output" ] || fail "disagreements" "$output"
    sed -i '1s/,ci_high$/,ci_top/' "$SANDBOX/run/measurements.csv"
    echo "cores: 2" >>"$SANDBOX/run/meta"
    check "$REPO_ROOT" headers "$SANDBOX/run" harness
    assert_check_fails "measurements.csv: header"
    assert_check_fails "meta: key cores is not defined"
}

@test "schema: idiombench-compare writes the defined headers" {
    run "$REPO_ROOT/build/idiombench-compare" --samples "$FIXTURES/compare/samples.csv" \
        --baseline 3.11.7 --measurements "$SANDBOX/measurements.csv" \
        --comparison "$SANDBOX/comparison.csv" --complexity "$SANDBOX/complexity.csv"
    assert_status 0
    check "$REPO_ROOT" headers "$SANDBOX" idiombench-compare
    assert_status 0
    rm "$SANDBOX/complexity.csv"
    check "$REPO_ROOT" headers "$SANDBOX" idiombench-compare
    assert_check_fails "complexity.csv: idiombench-compare writes it, but it is not in"
}

@test "schema: the comparison fixture (bin/compare's files and meta) agrees with the definition" {
    check "$REPO_ROOT" headers "$FIXTURES/runs/compare" bin/compare
    assert_status 0
    [ -z "$output" ] || fail "disagreements" "$output"
}

@test "schema: src/common/schema.h has every C-written header as defined" {
    check "$REPO_ROOT" schema-h
    assert_status 0
    broken_copy
    sed -i 's/"python_version,family,observation,value,error"/"python_version,family,observation,value"/' \
        "$SANDBOX/suite/src/common/schema.h"
    check "$SANDBOX/suite" schema-h
    assert_check_fails "OBSERVATIONS_COLUMNS is python_version,family,observation,value, defined"
}

@test "schema: every column the Python code reads from a row is defined" {
    check "$REPO_ROOT" columns-read
    assert_status 0
    [ -z "$output" ] || fail "undefined columns read" "$output"
    broken_copy
    echo 'def bogus(row): return row["nope"]' >>"$SANDBOX/suite/py/idiombench/plots/run.py"
    check "$SANDBOX/suite" columns-read
    assert_check_fails "plots/run.py"
    assert_check_fails "row['nope'] is no column"
}

@test "schema: every meta key the Python code reads is defined" {
    check "$REPO_ROOT" meta-read
    assert_status 0
    [ -z "$output" ] || fail "undefined meta keys read" "$output"
    broken_copy
    echo 'def bogus(meta): return meta.get("virtualization")' \
        >>"$SANDBOX/suite/py/idiombench/report/sections.py"
    check "$SANDBOX/suite" meta-read
    assert_check_fails "meta key 'virtualization' is not defined"
}

@test "schema: docs/run-folder.md has a table of every file, each with the defined columns" {
    check "$REPO_ROOT" doc
    assert_status 0
    [ -z "$output" ] || fail "the doc disagrees" "$output"
    broken_copy
    sed -i '/^| `mw_p_value` |/d' "$SANDBOX/suite/docs/run-folder.md"
    check "$SANDBOX/suite" doc
    assert_check_fails "comparison.csv's table has"
}

@test "schema: a defined column that the readers need, missing from a file, is named by each" {
    # The definition says claims, plots and report all need measurements.csv's median.
    run awk -F, '$1 == "measurements.csv" && $2 == "median" { print $5 }' \
        "$REPO_ROOT/docs/run-folder.csv"
    [ "$output" = "claims plots report" ] || fail "median's readers: $output"
    cp -r "$FIXTURES/runs/bench" "$SANDBOX/bench"
    sed -i '1s/,median,/,middle,/' "$SANDBOX/bench/measurements.csv"
    run --separate-stderr "$REPO_ROOT/bin/claims" "$SANDBOX/bench"
    [[ "$stderr" == *"has no column median"* ]] || fail "claims: $stderr"
    run --separate-stderr "$REPO_ROOT/bin/report" "$SANDBOX/bench"
    [[ "$stderr" == *"lacks the column median"* ]] || fail "report: $stderr"
}
