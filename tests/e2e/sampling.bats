#!/usr/bin/env bats
# Honest time figures: the median's 95% interval (ci_low, ci_high) on every row,
# adaptive time sampling (--ci-target, --case-budget), the unstable mark of the
# terminal line, and the machine's noise floor in meta. No assertion here depends on
# how fast or how noisy the machine is: sample counts are compared with the bounds
# the options set, never with a duration.

load helper

# A quick run with time, allocations, memory and resources rows, shared by the tests.
setup_file() {
    build_harness
    local dir=$BATS_FILE_TMPDIR/run status=0
    "$IDIOMBENCH" --quick --no-observations --out "$dir" \
        --filter 'identity/is_none$|strings/join_list$|release/with_open$' \
        >"$dir.stdout" 2>"$dir.stderr" || status=$?
    echo "$status" >"$dir.status"
}

setup() {
    make_sandbox
}

# samples_taken NAME ARGS...: runs a catalogue of one case whose median is far from 0
# (a few µs, so that a loose target is met at once whatever the machine's load) with a
# first batch of 3 and ARGS into $SANDBOX/NAME; prints its time row's sample count.
samples_taken() {
    local out=$SANDBOX/$1 status=0
    shift
    cat >"$SANDBOX/one.py" <<'PY'
CASES = [dict(name="sum_range", stmt="sum(range(300))", instruments=["time"])]
PY
    "$IDIOMBENCH" --quick --out "$out" --catalogue "$SANDBOX/one.py" --repetitions 3 "$@" \
        >"$out.log" 2>&1 || status=$?
    [ "$status" -eq 0 ] || { fail "the run exited $status" "$(cat "$out.log")"; return 1; }
    csv_rows "$out/measurements.csv" repetitions metric=time_per_op
}

@test "--ci-target 0 takes exactly --repetitions samples; a target never met takes more" {
    local fixed tight
    fixed=$(samples_taken fixed --ci-target 0)
    [ "$fixed" = 3 ] || fail "fixed: $fixed samples"
    # ±0.0001% is out of any clock's reach: sampling goes on until the budget.
    tight=$(samples_taken tight --ci-target 0.0001 --case-budget 1)
    [ "$tight" -gt 3 ] || fail "tight: $tight samples"
}

@test "--ci-target: a loose target stops at the first real 95% interval (6 samples)" {
    local loose
    loose=$(samples_taken loose --ci-target 100 --case-budget 5)
    [ "$loose" = 6 ] || fail "loose: $loose samples" "$(cat "$SANDBOX/loose/measurements.csv")"
}

@test "--case-budget: a budget the first batch exhausts takes that batch alone" {
    local poor
    # 3 samples of 3 pairs of 2 ms loops take more than 10 ms: no further batch fits.
    poor=$(samples_taken poor --ci-target 0.0001 --case-budget 0.01)
    [ "$poor" = 3 ] || fail "poor: $poor samples"
    grep -q '^settings: .*time sampling adaptive: ci target 0.0001%, case budget 0.01 s' \
        "$SANDBOX/poor/meta" || fail "settings" "$(grep settings "$SANDBOX/poor/meta")"
}

@test "--ci-target and --case-budget: bad values exit 2 with one line naming the option" {
    local value
    for value in -1 abc 101 '' inf nan 0x10 ' 2' 2%; do
        run --separate-stderr "$IDIOMBENCH" --quick --out "$SANDBOX/out" --ci-target "$value"
        assert_status 2
        assert_one_clear_line "--ci-target"
        [ ! -e "$SANDBOX/out" ] || fail "an out folder for --ci-target '$value'"
    done
    for value in 0 0.001 abc 3601 -1 '' inf 1e9; do
        run --separate-stderr "$IDIOMBENCH" --quick --out "$SANDBOX/out" --case-budget "$value"
        assert_status 2
        assert_one_clear_line "--case-budget"
        [ ! -e "$SANDBOX/out" ] || fail "an out folder for --case-budget '$value'"
    done
    run --separate-stderr "$IDIOMBENCH" --ci-target
    assert_status 2
    assert_one_clear_line "--ci-target needs a value"
}

@test "--help documents --ci-target and --case-budget" {
    run "$IDIOMBENCH" --help
    assert_status 0
    assert_contains "$output" "--ci-target PCT"
    assert_contains "$output" "--case-budget S"
}
