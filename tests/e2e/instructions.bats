#!/usr/bin/env bats
# The instructions instrument (--instruments instructions) and bin/count-instructions
# (make instructions): instructions per operation under callgrind, exact and the same
# from one run to the next.

load helper

COUNT=$REPO_ROOT/bin/count-instructions

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

needs_valgrind() {
    command -v valgrind >/dev/null || skip "no valgrind here"
}

# count OUT ARGS...: bin/count-instructions on the test interpreter, quick, into OUT.
count() {
    local out=$1
    shift
    run --separate-stderr "$COUNT" "$TEST_PYTHON" --quick --out "$out" "$@"
}

@test "instructions outside callgrind: unavailable for every case, with the reason; nothing else runs" {
    run_harness "$SANDBOX/out" --instruments instructions --filter 'identity/is_(none|true)$'
    assert_status 0
    assert_contains "$output" "instructions: unavailable (not running under callgrind"
    [ "$(csv_rows "$SANDBOX/out/unavailable.csv" case,metric | tr '\n' ' ')" = \
        "is_none|instructions_per_op is_true|instructions_per_op " ] ||
        fail "unavailable.csv" "$(cat "$SANDBOX/out/unavailable.csv")"
    [ -z "$(csv_rows "$SANDBOX/out/measurements.csv" case)" ] ||
        fail "rows were measured" "$(cat "$SANDBOX/out/measurements.csv")"
}

@test "without --instruments instructions, no case counts them (they are opt-in)" {
    run_harness "$SANDBOX/out" --filter 'identity/is_none$'
    assert_status 0
    ! csv_rows "$SANDBOX/out/measurements.csv" metric | grep -q instructions ||
        fail "instructions were counted" "$(cat "$SANDBOX/out/measurements.csv")"
    ! grep -q instructions "$SANDBOX/out/unavailable.csv" || fail "unavailable.csv names them"
}

@test "count-instructions: x is None takes fewer instructions than x == None, exactly, run after run" {
    needs_valgrind
    local filter='identity/(is_none|eq_none)$' first second
    count "$SANDBOX/a" --filter "$filter"
    assert_status 0
    count "$SANDBOX/b" --filter "$filter"
    assert_status 0
    first=$(csv_rows "$SANDBOX/a/measurements.csv" case,metric,unit,median,loops)
    second=$(csv_rows "$SANDBOX/b/measurements.csv" case,metric,unit,median,loops)
    [ "$first" = "$second" ] || fail "two runs differ" "$first" "---" "$second"
    local is eq
    is=$(csv_rows "$SANDBOX/a/measurements.csv" median case=is_none metric=instructions_per_op)
    eq=$(csv_rows "$SANDBOX/a/measurements.csv" median case=eq_none metric=instructions_per_op)
    [ -n "$is" ] && [ -n "$eq" ] || fail "no instructions_per_op rows" "$first"
    awk -v is="$is" -v eq="$eq" 'BEGIN { exit !(is > 0 && is < eq) }' ||
        fail "is_none $is instructions, eq_none $eq"
    [ "$(csv_rows "$SANDBOX/a/measurements.csv" unit,loops case=is_none)" = "instructions|1000" ] ||
        fail "unit and loops" "$first"
    assert_contains "$output" "instr/op"
}

@test "count-instructions: what each run pays once (a cache its setup leaves empty) is not counted per operation" {
    needs_valgrind
    # The first operation of each run fills the cache (a sum over 20000 numbers, some
    # 200000 instructions); the others find it. Counted from the run's start that is
    # ~200 more per operation over 1000; differenced against a run of 500, nothing.
    cat >"$SANDBOX/once.py" <<'PY'
CASES = [
    dict(name="filled_once", setup="cache = {}",
         stmt="cache.get(1) or cache.setdefault(1, sum(range(1, 20001)))"),
    dict(name="filled_before", setup="cache = {1: sum(range(1, 20001))}",
         stmt="cache.get(1) or cache.setdefault(1, sum(range(1, 20001)))"),
]
PY
    count "$SANDBOX/out" --catalogue "$SANDBOX/once.py"
    assert_status 0
    local once before
    once=$(csv_rows "$SANDBOX/out/measurements.csv" median case=filled_once metric=instructions_per_op)
    before=$(csv_rows "$SANDBOX/out/measurements.csv" median case=filled_before metric=instructions_per_op)
    [ -n "$once" ] && [ -n "$before" ] || fail "no rows" "$(cat "$SANDBOX/out/measurements.csv")"
    awk -v a="$once" -v b="$before" 'BEGIN { d = a - b; exit !(d < 5 && d > -5) }' ||
        fail "filled_once $once instructions/op, filled_before $before"
}

@test "count-instructions: a sized case counts 1000 / n operations (at least 1), net of its empty twin" {
    needs_valgrind
    cat >"$SANDBOX/sized.py" <<'PY'
CASES = [dict(name="sum_range", setup="r = range(n)", stmt="sum(r)", sizes=[10, 100, 5000])]
PY
    count "$SANDBOX/out" --catalogue "$SANDBOX/sized.py"
    assert_status 0
    [ "$(csv_rows "$SANDBOX/out/measurements.csv" n,loops metric=instructions_per_op | tr '\n' ' ')" = \
        "10|100 100|10 5000|1 " ] || fail "loops" "$(cat "$SANDBOX/out/measurements.csv")"
    # sum over 100 items costs more than over 10, and less than 20 times as much.
    "$TEST_PYTHON" - "$SANDBOX/out/measurements.csv" <<'PY' || fail "figures" "$(cat "$SANDBOX/out/measurements.csv")"
import csv, sys
m = {r["n"]: float(r["median"]) for r in csv.DictReader(open(sys.argv[1]))}
sys.exit(not (0 < m["10"] < m["100"] < 20 * m["10"] and m["100"] < m["5000"]))
PY
}

@test "count-instructions: a case that raises while counted fails at stage instructions; the next is counted" {
    needs_valgrind
    cat >"$SANDBOX/raising.py" <<'PY'
CASES = [dict(name="raises", stmt="1 / 0"), dict(name="fine", stmt="x = 1")]
PY
    count "$SANDBOX/out" --catalogue "$SANDBOX/raising.py"
    assert_status 1
    [ "$(csv_rows "$SANDBOX/out/failures.csv" case,stage,error)" = \
        "raises|instructions|ZeroDivisionError: division by zero" ] ||
        fail "failures.csv" "$(cat "$SANDBOX/out/failures.csv")"
    [ -n "$(csv_rows "$SANDBOX/out/measurements.csv" median case=fine)" ] || fail "fine was not counted"
}

@test "count-instructions without valgrind: one clear line naming the package, exit 2" {
    mkdir -p "$SANDBOX/bin"
    ln -s "$(command -v dirname)" "$SANDBOX/bin/dirname"
    run --separate-stderr env PATH="$SANDBOX/bin" /bin/sh "$COUNT" "$TEST_PYTHON"
    assert_status 2
    assert_one_clear_line "valgrind is missing" "apt-get install valgrind"
}

@test "count-instructions: each case counts in a child of its own, whatever ran before it" {
    needs_valgrind
    # `leaver` leaves a mark in sys that `reader` finds: in one process, reader's lookup
    # would hit instead of miss (an AttributeError raised and caught), and count less.
    local catalogue=$SANDBOX/catalogue
    mkdir -p "$catalogue"
    cat >"$catalogue/leaky.py" <<'PY'
FAMILY = "leaky"
CASES = [
    dict(name="leaver", setup="import sys; sys.idiombench_mark = 1", stmt="pass"),
    dict(name="reader", setup="import sys", stmt="getattr(sys, 'idiombench_mark', 0)"),
]
PY
    count "$SANDBOX/both" --catalogue "$catalogue"
    assert_status 0
    count "$SANDBOX/alone" --catalogue "$catalogue" --filter 'reader$'
    assert_status 0
    local both alone
    both=$(csv_rows "$SANDBOX/both/measurements.csv" median case=reader)
    alone=$(csv_rows "$SANDBOX/alone/measurements.csv" median case=reader)
    [ -n "$both" ] && [ "$both" = "$alone" ] ||
        fail "reader counts $both after leaver, $alone alone"
}

@test "make bench: two jobs of one case each ('1 measurement') count over both" {
    needs_valgrind
    run --separate-stderr repo_make bench QUICK=1 FILTER='^identity/(is_none|eq_none)$' \
        ARGS="--out $SANDBOX/run"
    assert_status 0
    # The time pass's lines, then the instruction pass's, each counted over both cases.
    [ "$(grep -c '^\[ *2/2\] identity/.* instr/op' <<<"$output")" = 1 ] ||
        fail "no [2/2] line of the instructions pass" "$output"
    [ "$(csv_rows "$SANDBOX/run/measurements.csv" case metric=instructions_per_op | sort |
        tr '\n' ' ')" = "eq_none is_none " ] ||
        fail "instructions rows" "$(cat "$SANDBOX/run/measurements.csv")"
}
