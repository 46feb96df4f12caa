#!/usr/bin/env bats
# bin/validate: the harness's figures against timeit and tracemalloc.
# The quick validation with two harness runs takes a few seconds, plus about 40 s for
# the instruction counts under callgrind where valgrind is installed.

load helper

setup_file() {
    build_harness
    # The interpreter the harness embeds, as bin/pyconfig resolves it.
    VALIDATE_PYTHON=$(cd "$REPO_ROOT" && eval "$(bin/pyconfig "$TEST_PYTHON")" &&
        printf '%s' "$PY_EXE") || { echo "bin/pyconfig $TEST_PYTHON failed" >&2; return 1; }
    export VALIDATE_PYTHON
}

setup() {
    cd "$REPO_ROOT"
}

@test "quick validation with two runs: the tables, and allocations equal to tracemalloc's" {
    run --separate-stderr python3 bin/validate --harness "$IDIOMBENCH" \
        --python "$VALIDATE_PYTHON" --quick --runs 2
    assert_status 0
    # The time table's headers, the definitions of timeit's figures, and one figure
    # per run (run 1/run 2) in each row.
    local header
    header=$(grep -E '^statement +ours ns +timeit ns' <<<"$output") ||
        fail "no time table header" "$output"
    local column
    for column in "ours/timeit" "within +/-5%" "timeit spread" "timeit(pass) ns" \
        "ours/timeit(pass)"; do
        assert_contains "$header" "$column"
    done
    assert_contains "$output" \
        "timeit(pass) = median(R x Timer(stmt, setup).timeit(N))/N - median(R x Timer('pass', setup).timeit(N))/N"
    assert_contains "$output" "timeit       = the same with Timer('', setup) as the empty loop"
    grep -Eq '^x == y +[0-9.]+/[0-9.]+ +[0-9.]+/[0-9.]+ +[0-9.]+/[0-9.]+ +(yes|NO) ' \
        <<<"$output" || fail "no 'x == y' row with a figure per run" "$output"
    assert_contains "$output" "time: "
    # The allocation table's headers.
    header=$(grep -E '^statement +loops +our allocs/op' <<<"$output") ||
        fail "no allocation table header" "$output"
    for column in "tracemalloc blocks/op" "equal?" "our bytes/op" "tracemalloc bytes/op"; do
        assert_contains "$header" "$column"
    done
    # Every allocation figure matched, in both runs, and the runs agree.
    local table
    table=$(sed -n '/^Allocations per operation/,/^allocations:/p' <<<"$output")
    assert_contains "$table" "keep(object())"
    ! grep -Eq ' NO( |$)' <<<"$table" || fail "an allocation figure differs" "$table"
    assert_contains "$output" "allocations: 5 of 5 statements equal to tracemalloc in every run"
    assert_contains "$output" "repeatability: allocs_per_op identical across the 2 runs"
    # With valgrind: the instruction counts, ours and the independent one, per statement.
    if command -v valgrind >/dev/null; then
        header=$(grep -E '^statement +ours +independent +ours - independent +agree\?' \
            <<<"$output") || fail "no instructions table header" "$output"
        assert_contains "$header" "steady"
        grep -Eq '^x is None +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[-+][0-9]+\.[0-9]{2} +yes ' \
            <<<"$output" || fail "no 'x is None' row with both instruction counts" "$output"
        assert_contains "$output" "instructions: 7 of 7 statements agree with the independent count"
    fi
    [ "${lines[-1]}" = "validate: PASS" ] || fail "no PASS line at the end" "$output"
    [ -z "$stderr" ] || fail "unexpected stderr" "$stderr"
}

@test "without valgrind on PATH the instruction comparison is skipped in one line, not failed" {
    make_sandbox
    mkdir -p "$SANDBOX/bin"
    local python3_exe
    python3_exe=$(python3 -c 'import sys; print(sys.executable)')
    ln -s "$(command -v setarch)" "$SANDBOX/bin/setarch"
    run --separate-stderr env PATH="$SANDBOX/bin" "$python3_exe" bin/validate \
        --harness "$IDIOMBENCH" --python "$VALIDATE_PYTHON" --quick
    assert_status 0
    [ "$(grep -c '^instructions: ' <<<"$output")" = 1 ] || fail "not one instructions line" "$output"
    assert_contains "$output" \
        "instructions: skipped: valgrind is not on PATH (Debian: sudo apt-get install valgrind)"
    ! grep -Eq '^statement +ours +independent' <<<"$output" ||
        fail "an instructions table without valgrind" "$output"
    [ "${lines[-1]}" = "validate: PASS" ] || fail "no PASS line at the end" "$output"
}

@test "the instruction differencing and the tolerance, on given counts" {
    run python3 -c '
import sys
sys.path.insert(0, "py")
from idiombench.validate.instructions import per_op_net
from idiombench.validate.main import instructions_agree
# statement: 150 per iteration over 1000 more loops; empty loop: 70 per iteration.
print(per_op_net(10000, 160000, 9000, 79000, 0, 1000))
# over loops 1000 to 21000: (3000000 - 1000000) / 20000 - (900000 - 500000) / 20000
print(per_op_net(1000000, 3000000, 500000, 900000, 1000, 21000))
for ours, other in [(100, 105), (100, 105.5), (1000, 1049), (1000, 1053), (67, 67)]:
    print(ours, other, instructions_agree(ours, other))
try:
    per_op_net(0, 0, 0, 0, 1000, 1000)
except ValueError:
    print("same loop counts refused")
'
    assert_status 0
    [ "$output" = "80.0
80.0
100 105 True
100 105.5 False
1000 1049 True
1000 1053 False
67 67 True
same loop counts refused" ] || fail "differencing or tolerance" "$output"
}

@test "a missing harness gives one clear line and a non-zero exit" {
    run --separate-stderr python3 bin/validate --harness /nonexistent/idiombench \
        --python "$VALIDATE_PYTHON"
    [ "$status" -ne 0 ] || fail "exit status 0" "$output"
    assert_one_clear_line "--harness '/nonexistent/idiombench'" "no such file" \
        "bin/build-harness"
    [ -z "$output" ] || fail "unexpected stdout" "$output"
}

@test "a missing python gives one clear line and a non-zero exit" {
    run --separate-stderr python3 bin/validate --harness "$IDIOMBENCH" \
        --python /nonexistent/python3
    [ "$status" -ne 0 ] || fail "exit status 0" "$output"
    assert_one_clear_line "--python '/nonexistent/python3'"
}
