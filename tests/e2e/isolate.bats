#!/usr/bin/env bats
# Each case runs in a child process of its own with a time limit: a case that crashes,
# exits, is killed, hangs or runs out of memory is recorded as failed, and the run goes
# on with the next case of its family and with the other families. A case that forks
# cannot hang or garble the run, nothing it forked outlives it, and no state it leaves
# in its process reaches a later case.

load helper

# One run over fixtures/isolate_families (crashing.py, then steady.py) serves most
# tests: its stdout, stderr and status are in $CRASH_RUN.{out,err,status}, its results
# in $CRASH_RUN/, Google Benchmark's JSON in $CRASH_RUN.json.
setup_file() {
    build_harness
    CRASH_RUN=$BATS_FILE_TMPDIR/crash-run
    export CRASH_RUN
    local started=$SECONDS
    "$IDIOMBENCH" --quick --repetitions 2 --case-timeout 2 --out "$CRASH_RUN" \
        --catalogue "$FIXTURES/isolate_families" --benchmark_out="$CRASH_RUN.json" \
        >"$CRASH_RUN.out" 2>"$CRASH_RUN.err" && echo 0 >"$CRASH_RUN.status" ||
        echo $? >"$CRASH_RUN.status"
    echo $((SECONDS - started)) >"$CRASH_RUN.seconds"
}

setup() {
    make_sandbox
}

# The progress line of crashing/CASE in the crash run, spaces squeezed.
progress_of() {
    grep -E "^\[ ?[0-9]+/16\] crashing/$1 " "$CRASH_RUN.out" | tr -s ' '
}

# "stage|error" of crashing/CASE in the crash run's failures.csv.
failure_of() {
    csv_rows "$CRASH_RUN/failures.csv" stage,error family=crashing case="$1"
}

# assert_failed CASE REASON: CASE's progress line and failures.csv give REASON, stage
# "process".
assert_failed() {
    local line
    line=$(progress_of "$1")
    assert_contains "$line" "FAILED (process): $2"
    [ "$(failure_of "$1")" = "process|$2" ] ||
        fail "failures.csv for $1: '$(failure_of "$1")', expected 'process|$2'" \
            "$(cat "$CRASH_RUN/failures.csv")"
}

# assert_measured FAMILY CASE: its three rows are in the crash run's measurements.csv.
assert_measured() {
    [ "$(csv_rows "$CRASH_RUN/measurements.csv" metric family="$1" case="$2" | tr '\n' ' ')" = \
        "time_per_op allocs_per_op bytes_per_op " ] ||
        fail "$1/$2 was not measured after the failure before it" \
            "$(cat "$CRASH_RUN/measurements.csv")" "--- stdout:" "$(cat "$CRASH_RUN.out")"
    grep -Eq "^\[ ?[0-9]+/16\] $1/$2 +[0-9.-]+ ns/op" "$CRASH_RUN.out" ||
        fail "no progress line with figures for $1/$2" "$(cat "$CRASH_RUN.out")"
}

@test "a run with failed cases exits 1 and counts them" {
    [ "$(cat "$CRASH_RUN.status")" -eq 1 ] ||
        fail "exit status $(cat "$CRASH_RUN.status"), expected 1" "$(cat "$CRASH_RUN.err")"
    assert_contains "$(cat "$CRASH_RUN.out")" "9 measured, 7 failed (see failures.csv)"
    [ "$(grep -Ec '^\[ ?[0-9]+/16\] ' "$CRASH_RUN.out")" -eq 16 ] ||
        fail "expected 16 progress lines" "$(cat "$CRASH_RUN.out")"
    [ "$(csv_rows "$CRASH_RUN/failures.csv" case | tr '\n' ' ')" = \
        "segfault abort exits killed hangs hangs_in_stmt runs_out_of_memory " ] ||
        fail "failures.csv lists other cases" "$(cat "$CRASH_RUN/failures.csv")"
    assert_no_temp_files "$CRASH_RUN"
}

@test "a segfault is recorded with its signal and Python traceback; the next case is measured" {
    assert_failed segfault "crashed: SIGSEGV (Segmentation fault)"
    local traceback
    traceback=$(csv_rows "$CRASH_RUN/failures.csv" traceback case=segfault)
    assert_contains "$traceback" "Segmentation fault"
    assert_contains "$traceback" "<crashing/segfault>"
    assert_measured crashing after_segfault
}

@test "an abort is recorded as SIGABRT; the next case is measured" {
    assert_failed abort "crashed: SIGABRT (Aborted)"
    assert_measured crashing after_abort
}

@test "os._exit(3) is recorded with the exit status; the next case is measured" {
    assert_failed exits "exited with status 3"
    assert_measured crashing after_exits
}

@test "a SIGKILL (the out-of-memory killer) is recorded as such; the next case is measured" {
    assert_failed killed "killed: SIGKILL (out of memory?)"
    assert_measured crashing after_killed
}

@test "a hung case fails after --case-timeout, with where it hung; the next case is measured" {
    assert_failed hangs "timed out after 2 s (--case-timeout) while running the setup (calibration)"
    assert_contains "$(csv_rows "$CRASH_RUN/failures.csv" traceback case=hangs)" "<crashing/hangs>"
    assert_measured crashing after_hangs
    [ "$(cat "$CRASH_RUN.seconds")" -lt 60 ] ||
        fail "the run took $(cat "$CRASH_RUN.seconds") s: the limit did not cut the hang short"
}

@test "a timeout says whether the setup or the statement's loop was running" {
    assert_failed hangs "timed out after 2 s (--case-timeout) while running the setup (calibration)"
    assert_failed hangs_in_stmt \
        "timed out after 2 s (--case-timeout) while running the statement's loop (calibration)"
    assert_measured crashing after_hangs_in_stmt
}

@test "a case that runs out of memory fails; the next case runs in a process without its limit" {
    local row
    row=$(failure_of runs_out_of_memory)
    [[ $row == *MemoryError* || $row == "process|out of memory" ]] ||
        fail "runs_out_of_memory: '$row', expected a MemoryError or 'out of memory'"
    assert_measured crashing after_runs_out_of_memory
}

@test "the family after the crashing one is measured as usual" {
    assert_measured steady add
    assert_measured steady make_list
    [ "$(csv_rows "$CRASH_RUN/failures.csv" case family=steady)" = "" ] ||
        fail "a steady case failed" "$(cat "$CRASH_RUN/failures.csv")"
}

@test "--benchmark_out holds every measured case of every child process, as valid JSON" {
    run "$TEST_PYTHON" - "$CRASH_RUN.json" <<'PY'
import json, sys
with open(sys.argv[1]) as stream:
    document = json.load(stream)
print(" ".join(sorted({b["run_name"].split("/iterations:")[0] for b in document["benchmarks"]})))
PY
    assert_status 0
    [ "$output" = "crashing/after_abort crashing/after_exits crashing/after_hangs crashing/after_hangs_in_stmt crashing/after_killed crashing/after_runs_out_of_memory crashing/after_segfault steady/add steady/make_list" ] ||
        fail "the JSON holds: $output"
}

@test "state left by a case reaches no later case, of its family or another" {
    local out=$SANDBOX/out
    # In the sandbox: the case's chdir('/') must not be where the run started.
    cd "$SANDBOX"
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --out "$out" \
        --catalogue "$FIXTURES/isolate_state"
    assert_status 0
    [ "$(csv_rows "$out/measurements.csv" family,case metric=time_per_op | tr '\n' ' ')" = \
        "first|leaves_state first|sees_clean_state second|sees_no_mark " ] ||
        fail "unexpected rows" "$(cat "$out/failures.csv")"
    # The case that closed its standard output lost its figures' half of its progress
    # line, and says so; the next case's line starts a line of its own.
    [ "$(progress_lines | sed -E 's/^\[ *[0-9]+\/3\] ([a-z]+\/[a-z_]+) .*/\1/' | tr '\n' ' ')" = \
        "first/leaves_state first/sees_clean_state second/sees_no_mark " ] ||
        fail "progress lines" "$output"
    assert_contains "$(progress_lines | head -n 1)" \
        "progress lost: the case closed or broke its standard output"
}

@test "a normal run gives three rows per listed case, in catalogue order" {
    local out=$SANDBOX/out filter='^identity/(is|eq)_(none|true)$'
    run --separate-stderr "$IDIOMBENCH" --list --filter "$filter"
    assert_status 0
    local expected="" name metric
    for name in $(cut -d' ' -f1 <<<"$output"); do
        for metric in time_per_op allocs_per_op bytes_per_op; do
            expected+="${name%%/*}|${name#*/}|$metric "
        done
    done
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --out "$out" --filter "$filter"
    assert_status 0
    [ -z "$stderr" ] || fail "stderr is not empty" "$stderr"
    [ "$(csv_rows "$out/measurements.csv" family,case,metric | tr '\n' ' ')" = "$expected" ] ||
        fail "rows differ from the listed cases" "$(cat "$out/measurements.csv")"
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] || fail "failures in a normal run"
    grep -q '^settings: .*case timeout 120 s' "$out/meta" || fail "meta settings" "$(cat "$out/meta")"
}

@test "an interrupted run leaves no child behind and keeps the cases measured so far in DIR.partial" {
    local out=$SANDBOX/out
    "$IDIOMBENCH" --quick --repetitions 2 --out "$out" --catalogue "$FIXTURES/isolate_families" \
        --filter 'after_segfault|hangs$' >"$SANDBOX/stdout" 2>&1 &
    local parent=$! child="" waited
    for waited in $(seq 100); do
        grep -q 'crashing/hangs' "$SANDBOX/stdout" && child=$(pgrep -P "$parent") && break
        sleep 0.1
    done
    [ -n "$child" ] || { kill "$parent"; fail "the hung case did not start" "$(cat "$SANDBOX/stdout")"; }
    kill -TERM "$parent"
    wait "$parent" || true
    for waited in $(seq 50); do
        kill -0 "$child" 2>/dev/null || break
        sleep 0.1
    done
    ! kill -0 "$child" 2>/dev/null || { kill -KILL "$child"; fail "the child outlived the run"; }
    # The run stays <out>.partial, incomplete, with the rows written so far.
    [ ! -e "$out" ] || fail "the interrupted run looks complete" "$(ls -A "$out")"
    [ "$(csv_rows "$out.partial/measurements.csv" case metric=time_per_op)" = after_segfault ] ||
        fail "the case measured before the interruption is lost" \
            "$(cat "$out.partial/measurements.csv")"
}

@test "--case-timeout takes whole seconds from 1 to 86400" {
    local value
    for value in 0 -1 abc 1.5 86401 ""; do
        run --separate-stderr "$IDIOMBENCH" --quick --out "$SANDBOX/out" --case-timeout "$value"
        assert_status 2
        assert_one_clear_line "--case-timeout"
    done
    [ ! -e "$SANDBOX/out" ] || fail "a bad --case-timeout created the out folder"
    run --separate-stderr "$IDIOMBENCH" --help
    assert_contains "$output" "--case-timeout"
}

@test "a case that forks cannot hang, garble or misfile the run; nothing it forked outlives it" {
    local out=$SANDBOX/out pids=$SANDBOX/pids name line
    mkdir "$pids"
    IDIOMBENCH_TEST_PIDS=$pids run --separate-stderr timeout -k 5 60 "$IDIOMBENCH" --quick \
        --repetitions 2 --case-timeout 10 --out "$out" --catalogue "$FIXTURES/isolate_forking"
    [ "$status" -eq 0 ] || [ "$status" -eq 1 ] || { kill_forked "$pids"; assert_status 0; }
    [ -z "$stderr" ] || { kill_forked "$pids"; fail "stderr is not empty" "$stderr"; }
    [ -n "$(ls "$pids")" ] || fail "no case forked: the fixture is broken"
    assert_forked_gone "$pids"
    # One progress line per case, in order, each starting its own line.
    [ "$(progress_lines | sed -E 's/^\[ *[0-9]+\/6\] forking\/([a-z_]+) .*/\1/' | tr '\n' ' ')" = \
        "forks_in_setup after_fork_in_setup forks_in_stmt after_fork_in_stmt forks_sleepers after_sleepers " ] ||
        fail "progress lines garbled" "$output"
    # A forking case is measured (its three rows, once) or failed; never both.
    for name in forks_in_setup forks_in_stmt forks_sleepers; do
        line="$(csv_rows "$out/measurements.csv" metric case="$name" | tr '\n' ' ')"
        if [ -n "$(csv_rows "$out/failures.csv" case case="$name")" ]; then
            [ -z "$line" ] || fail "$name both failed and measured" "$line"
        else
            [ "$line" = "time_per_op allocs_per_op bytes_per_op " ] ||
                fail "$name: rows $line" "$(cat "$out/measurements.csv")"
        fi
    done
    # The case after each is measured under its own name, with its own figures: a
    # list allocated per operation ([None] * 10), where the forking cases allocate none.
    for name in after_fork_in_setup after_fork_in_stmt after_sleepers; do
        [ "$(csv_rows "$out/measurements.csv" metric case="$name" | tr '\n' ' ')" = \
            "time_per_op allocs_per_op bytes_per_op " ] ||
            fail "$name: not measured once" "$(cat "$out/measurements.csv")"
        line=$(csv_rows "$out/measurements.csv" median case="$name" metric=allocs_per_op)
        "$TEST_PYTHON" -c 'import sys; sys.exit(not 1 <= float(sys.argv[1]) < 4)' "$line" ||
            fail "$name: $line allocations per operation, not a list's" \
                "$(cat "$out/measurements.csv")"
        line=$(csv_rows "$out/measurements.csv" median case="$name" metric=time_per_op)
        "$TEST_PYTHON" -c 'import sys; sys.exit(not float(sys.argv[1]) > 0)' "$line" ||
            fail "$name: $line ns per operation" "$(cat "$out/measurements.csv")"
    done
}

@test "SIGTERM to the harness mid-case ends what the case forked, in its process group" {
    local out=$SANDBOX/out pids=$SANDBOX/pids
    mkdir "$pids"
    cat >"$SANDBOX/sleeper.py" <<'PY'
CASES = [dict(name="forks_a_sleeper", setup="""
    import os, time
    pids = os.environ['IDIOMBENCH_TEST_PIDS']
    if not os.listdir(pids) and os.fork() == 0:
        open(os.path.join(pids, 'sleeper-%d' % os.getpid()), 'w').close()
        time.sleep(600)
        os._exit(0)
""", stmt="time.sleep(0.01)")]
PY
    IDIOMBENCH_TEST_PIDS=$pids "$IDIOMBENCH" --quick --case-timeout 120 --out "$out" \
        --catalogue "$SANDBOX/sleeper.py" >/dev/null 2>&1 &
    local harness=$! waited
    for waited in $(seq 100); do
        [ -n "$(ls "$pids")" ] && break
        sleep 0.1
    done
    [ -n "$(ls "$pids")" ] || { kill -KILL "$harness"; fail "the case did not fork"; }
    kill -TERM "$harness"
    wait "$harness" || true
    assert_forked_gone "$pids"
}
