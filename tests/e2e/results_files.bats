#!/usr/bin/env bats
# complexity.csv and observations.csv: written by every run, from that run's figures.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

@test "complexity.csv fits each scaling case: a slice is O(n) in bytes, O(1) in requests" {
    run_harness "$SANDBOX/out" --repetitions 2 --filter '^copying/flat_slice$'
    assert_status 0
    local file=$SANDBOX/out/complexity.csv
    [ "$(head -n 1 "$file")" = "python_version,family,case,metric,unit,sizes,best_fit,coefficient,rms_o1,rms_on,rms_onlogn,rms_on2" ] ||
        fail "complexity.csv header" "$(head -n 1 "$file")"
    [ "$(csv_rows "$file" best_fit case=flat_slice metric=bytes_per_op)" = "O(n)" ] ||
        fail "bytes of a slice should fit O(n)" "$(cat "$file")"
    [ "$(csv_rows "$file" coefficient case=flat_slice metric=bytes_per_op)" = 8 ] ||
        fail "a slice asks for 8 bytes per item" "$(cat "$file")"
    [ "$(csv_rows "$file" best_fit case=flat_slice metric=allocs_per_op)" = "O(1)" ] ||
        fail "requests of a slice should fit O(1)" "$(cat "$file")"
}

@test "complexity.csv has a header alone when no case scales" {
    run_harness "$SANDBOX/out" --repetitions 2 --filter '^identity/is_none$'
    assert_status 0
    [ "$(wc -l <"$SANDBOX/out/complexity.csv")" -eq 1 ]
}

@test "observations.csv records each observation's repr, or the exception it raised" {
    run_harness "$SANDBOX/out" --repetitions 2 --catalogue "$REPO_ROOT/tests/unit/fixtures/observing.py"
    assert_status 0
    local file=$SANDBOX/out/observations.csv
    [ "$(head -n 1 "$file")" = "python_version,family,observation,value,error" ]
    [ "$(csv_rows "$file" value observation=list_keeps_id)" = "True" ] || fail "list_keeps_id" "$(cat "$file")"
    [[ "$(csv_rows "$file" error observation=weakref_to_list)" == "TypeError: "* ]] ||
        fail "weakref_to_list" "$(cat "$file")"
}
