#!/usr/bin/env bats
# The harness binary itself: options, Google Benchmark flags, catalogues, figures.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

# The allocs_per_op and bytes_per_op medians of a run, one "case|n|metric|median" a line.
allocation_medians() {
    csv_rows "$1/measurements.csv" case,n,metric,median metric=allocs_per_op
    csv_rows "$1/measurements.csv" case,n,metric,median metric=bytes_per_op
}

# --- help and list ---

@test "--help prints the usage and the exit status section" {
    run --separate-stderr "$IDIOMBENCH" --help
    assert_status 0
    assert_contains "$output" "usage: idiombench"
    local option
    for option in --list --filter --repetitions --quick --out --catalogue --benchmark_; do
        assert_contains "$output" "$option"
    done
    assert_contains "$output" "exit status:"
    local code
    for code in 0 1 2 3; do
        grep -Eq "^[[:space:]]+${code}[[:space:]]+[a-z]" <<<"$output" ||
            fail "the exit status section does not explain $code" "$output"
    done
}

@test "-h prints the same usage" {
    run --separate-stderr "$IDIOMBENCH" -h
    assert_status 0
    assert_contains "$output" "usage: idiombench"
    assert_contains "$output" "exit status:"
}

@test "--list lists every identity case" {
    local expected
    expected=$(cd "$REPO_ROOT/bench" &&
        "$TEST_PYTHON" -c 'exec(open("identity.py").read()); print(len(CASES))')
    run --separate-stderr "$IDIOMBENCH" --list
    assert_status 0
    local listed
    listed=$(grep -Ec '^identity/[a-z_]+  \[time,allocs\]$' <<<"$output" || true)
    [ "$listed" -eq "$expected" ] && [ "$expected" -gt 0 ] ||
        fail "--list shows $listed identity cases, the catalogue has $expected" "$output"
    local name
    for name in is_none eq_none is_not_none ne_none is_small_int eq_equal_str ne_eq_instance; do
        grep -q "^identity/$name " <<<"$output" || fail "--list lacks identity/$name" "$output"
    done
}

@test "--filter selects the cases whose family/case matches" {
    run --separate-stderr "$IDIOMBENCH" --list --filter 'identity/is_(none|true)$'
    assert_status 0
    [ "$(cut -d' ' -f1 <<<"$output" | tr '\n' ' ')" = "identity/is_none identity/is_true " ] ||
        fail "--filter selected something else" "$output"

    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --filter 'small_int'
    assert_status 0
    [ "$(progress_lines | wc -l)" -eq 4 ] || fail "expected 4 progress lines" "$output"
    [ "$(csv_rows "$out/measurements.csv" case metric=time_per_op | tr '\n' ' ')" = \
        "is_small_int eq_small_int is_not_small_int ne_small_int " ] ||
        fail "measured other cases than the *small_int ones" "$(cat "$out/measurements.csv")"
}

# --- measuring ---

@test "--repetitions N --ci-target 0 gives N in the repetitions column" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 3 --ci-target 0 --filter 'identity/(is|ne)_none$'
    assert_status 0
    [ "$(csv_rows "$out/measurements.csv" repetitions | sort -u)" = 3 ] ||
        fail "repetitions column is not 3 everywhere" "$(cat "$out/measurements.csv")"
    [ "$(csv_rows "$out/measurements.csv" case | wc -l)" -eq 6 ] || fail "expected 6 rows"
    grep -q '^settings: repetitions 3,' "$out/meta" || fail "meta settings" "$(cat "$out/meta")"
}

@test "--benchmark_filter runs only the matching cases and reports the others as skipped" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --filter '_none$' --benchmark_filter=is_none
    assert_status 0
    grep -Eq '^\[ ?1/4\] identity/is_none +[0-9.-]+ ns/op' <<<"$output" ||
        fail "identity/is_none was not measured" "$output"
    local name
    for name in eq_none is_not_none ne_none; do
        grep -Eq "^\[ ?[0-9]/4\] identity/$name +skipped \(--benchmark_filter\)$" <<<"$output" ||
            fail "identity/$name is not reported as skipped" "$output"
    done
    [ "$(csv_rows "$out/measurements.csv" case | sort -u)" = is_none ] ||
        fail "rows for other cases than is_none" "$(cat "$out/measurements.csv")"
    [ "$(csv_rows "$out/measurements.csv" metric | sort | tr '\n' ' ')" = \
        "allocs_per_op bytes_per_op time_per_op " ] || fail "is_none lacks a metric"
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] || fail "skipped cases are not failures"
    assert_contains "$output" "1 measured, 0 failed"
}

@test "--benchmark_out writes Google Benchmark's JSON for every measured case" {
    local out=$SANDBOX/out json=$SANDBOX/gb.json
    run_harness "$out" --repetitions 2 --filter 'identity/(is|eq)_none$' \
        --benchmark_out="$json" --benchmark_out_format=json
    assert_status 0
    [ -s "$json" ] || fail "--benchmark_out=$json wrote no (or an empty) file"
    run "$TEST_PYTHON" - "$json" <<'PY'
import json, sys
with open(sys.argv[1]) as stream:
    document = json.load(stream)
names = sorted({b["run_name"].split("/iterations:")[0] for b in document["benchmarks"]})
print(" ".join(names))
PY
    assert_status 0
    [ "$output" = "identity/eq_none identity/is_none" ] ||
        fail "the JSON holds benchmarks for '$output', expected identity/eq_none and identity/is_none"
}

@test "allocation figures of identity cases are 0 and identical across three runs" {
    local attempt
    for attempt in 1 2 3; do
        run_harness "$SANDBOX/run$attempt" --repetitions 2 --filter '_(none|large_int_equal|eq_instance)$'
        assert_status 0
        allocation_medians "$SANDBOX/run$attempt" >"$SANDBOX/allocs$attempt"
        [ "$(wc -l <"$SANDBOX/allocs$attempt")" -eq 24 ] || fail "expected 24 allocation rows" "$(cat "$SANDBOX/allocs$attempt")"
        ! cut -d'|' -f4 "$SANDBOX/allocs$attempt" | grep -vqx 0 ||
            fail "run $attempt: an identity case allocates" "$(cat "$SANDBOX/allocs$attempt")"
    done
    diff "$SANDBOX/allocs1" "$SANDBOX/allocs2" && diff "$SANDBOX/allocs1" "$SANDBOX/allocs3" ||
        fail "allocation figures differ between runs"
}

@test "allocation figures of allocating statements are identical across three runs" {
    local attempt
    for attempt in 1 2 3; do
        run_harness "$SANDBOX/run$attempt" --repetitions 2 --catalogue "$FIXTURES/allocating.py"
        assert_status 0
        allocation_medians "$SANDBOX/run$attempt" >"$SANDBOX/allocs$attempt"
        [ "$(wc -l <"$SANDBOX/allocs$attempt")" -eq 4 ] || fail "expected 4 allocation rows" "$(cat "$SANDBOX/allocs$attempt")"
    done
    # The statements do allocate (a list, a dict): at least one request per operation.
    local allocs
    allocs=$(csv_rows "$SANDBOX/run1/measurements.csv" median case=deque_list metric=allocs_per_op)
    "$TEST_PYTHON" -c "import sys; sys.exit(not float('$allocs') >= 1)" ||
        fail "deque_list makes $allocs allocations per operation, expected at least 1"
    local report=""
    for attempt in 2 3; do
        if ! diff -u "$SANDBOX/allocs1" "$SANDBOX/allocs$attempt" >"$SANDBOX/diff$attempt"; then
            report="$report$(cat "$SANDBOX/diff$attempt")"$'\n'
            report="$report(loops: $(csv_rows "$SANDBOX/run1/measurements.csv" case,metric,loops | tr '\n' ' ') vs $(csv_rows "$SANDBOX/run$attempt/measurements.csv" case,metric,loops | tr '\n' ' '))"$'\n'
        fi
    done
    [ -z "$report" ] || fail "allocs/bytes per operation differ between runs of the same catalogue:" "$report"
}

@test "allocation figures do not depend on what ran before in the process" {
    run_harness "$SANDBOX/alone" --repetitions 2 --catalogue "$FIXTURES/history.py" --filter instance
    assert_status 0
    run_harness "$SANDBOX/after" --repetitions 12 --catalogue "$FIXTURES/history.py"
    assert_status 0
    local alone after
    alone=$(csv_rows "$SANDBOX/alone/measurements.csv" median case=instance metric=allocs_per_op)
    after=$(csv_rows "$SANDBOX/after/measurements.csv" median case=instance metric=allocs_per_op)
    [ -n "$alone" ] && [ "$alone" = "$after" ] ||
        fail "allocs_per_op of keep(Point(1)): $alone alone, $after after other cases"
}

# --- catalogues ---

@test "--catalogue FILE measures that file's cases (family from its name)" {
    local out=$SANDBOX/out
    run --separate-stderr "$IDIOMBENCH" --list --catalogue "$FIXTURES/allocating.py"
    assert_status 0
    [ "$(cut -d' ' -f1 <<<"$output" | tr '\n' ' ')" = "allocating/deque_list allocating/list_of_dicts " ] ||
        fail "--list of the catalogue file" "$output"
    run_harness "$out" --repetitions 2 --catalogue "$FIXTURES/allocating.py" --filter deque
    assert_status 0
    [ "$(csv_rows "$out/measurements.csv" family,case,metric | tr '\n' ' ')" = \
        "allocating|deque_list|time_per_op allocating|deque_list|allocs_per_op allocating|deque_list|bytes_per_op " ] ||
        fail "unexpected rows" "$(cat "$out/measurements.csv")"
    ! csv_rows "$out/measurements.csv" family | grep -q identity || fail "the suite's catalogue was measured too"
}

@test "--catalogue FOLDER loads every family file, skipping _*.py and non-.py files" {
    run --separate-stderr "$IDIOMBENCH" --list --catalogue "$FIXTURES/catalogue_dir"
    assert_status 0
    [ "$(cut -d' ' -f1 <<<"$output" | tr '\n' ' ')" = "alpha/add beta/mul " ] ||
        fail "--list of the catalogue folder" "$output"
    ! grep -q must_not_be_loaded <<<"$output" || fail "_private.py was loaded"

    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --catalogue "$FIXTURES/catalogue_dir"
    assert_status 0
    [ "$(csv_rows "$out/measurements.csv" family,case metric=time_per_op | tr '\n' ' ')" = \
        "alpha|add beta|mul " ] || fail "unexpected rows" "$(cat "$out/measurements.csv")"
    assert_contains "$output" "2 measured, 0 failed"
}

@test "a sized case gives rows for n=10 and n=100, with n reaching the statement" {
    run --separate-stderr "$IDIOMBENCH" --list --catalogue "$FIXTURES/features.py" --filter sized
    assert_status 0
    [ "$output" = "features/sized_list  n=10,100  [time,allocs]" ] || fail "--list of a sized case" "$output"

    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --catalogue "$FIXTURES/features.py" --filter sized
    assert_status 0
    grep -Eq '^\[ ?1/2\] features/sized_list n=10 ' <<<"$output" || fail "no progress for n=10" "$output"
    grep -Eq '^\[ ?2/2\] features/sized_list n=100 ' <<<"$output" || fail "no progress for n=100" "$output"
    [ "$(csv_rows "$out/measurements.csv" n,metric | tr '\n' ' ')" = \
        "10|time_per_op 10|allocs_per_op 10|bytes_per_op 100|time_per_op 100|allocs_per_op 100|bytes_per_op " ] ||
        fail "unexpected rows" "$(cat "$out/measurements.csv")"
    # [None] * n: the list's items take 8 bytes each, so n=100 costs 720 bytes more.
    local small big
    small=$(csv_rows "$out/measurements.csv" median n=10 metric=bytes_per_op)
    big=$(csv_rows "$out/measurements.csv" median n=100 metric=bytes_per_op)
    "$TEST_PYTHON" -c "import sys; sys.exit(not float('$big') - float('$small') >= 720)" ||
        fail "bytes per operation: $small at n=10, $big at n=100; n did not reach the statement"
}

@test "scope='module' runs setup and statement at module level" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --catalogue "$FIXTURES/features.py" --filter scope
    assert_status 0
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] ||
        fail "a scope case failed" "$(cat "$out/failures.csv")"
    [ "$(csv_rows "$out/measurements.csv" case metric=time_per_op | tr '\n' ' ')" = \
        "module_scope function_scope " ] || fail "unexpected rows" "$(cat "$out/measurements.csv")"
}

@test "a run leaves no temporary file in its out folder" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --filter 'identity/is_(none|true)$'
    assert_status 0
    [ "$(ls -A "$out" | tr '\n' ' ')" = "cases.csv complexity.csv failures.csv measurements.csv meta observations.csv samples.csv unavailable.csv " ] ||
        fail "the out folder holds other files" "$(ls -A "$out")"
    assert_no_temp_files "$out"
}

@test "a case that raises while Google Benchmark times it reaches failures.csv (1.7's error_occurred, 1.8's skipped)" {
    # Its setup raises from the 30th loop on: calibration runs a handful, the timed
    # repetitions (20 samples, each a pair of loops) reach it, so the error comes back
    # through Google Benchmark's report of the run, whichever way the library spells it.
    local catalogue=$SANDBOX/late.py out=$SANDBOX/out
    cat >"$catalogue" <<'PY'
CASES = [dict(name="fails_late",
              setup="import builtins\n"
                    "builtins.calls = getattr(builtins, 'calls', 0) + 1\n"
                    "if builtins.calls >= 30: raise ValueError('late failure')\n",
              stmt="x = 1")]
PY
    run_harness "$out" --repetitions 20 --catalogue "$catalogue"
    assert_status 1
    [ "$(csv_rows "$out/failures.csv" case,stage | tr '\n' ' ')" = "fails_late|time " ] ||
        fail "failures.csv" "$(cat "$out/failures.csv")"
    assert_contains "$(csv_rows "$out/failures.csv" error)" "late failure"
    ! csv_rows "$out/measurements.csv" case | grep -q fails_late ||
        fail "the failed case has figures" "$(cat "$out/measurements.csv")"
}
