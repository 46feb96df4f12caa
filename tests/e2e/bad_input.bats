#!/usr/bin/env bats
# Bad input: each gives one clear "idiombench: ..." line naming the cause, the right
# exit status (2 bad input, 1 some cases failed), and nothing half-written.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

# make_fake_python HEADERS LIBPYTHON: an installation under $SANDBOX/fake whose
# bin/python3.99 answers bin/pyconfig's question; HEADERS and LIBPYTHON (yes/no)
# say whether include/python3.99/Python.h and lib/libpython3.99.so exist.
make_fake_python() {
    local root=$SANDBOX/fake
    mkdir -p "$root/bin" "$root/include/python3.99" "$root/lib/python3.99/config-3.99"
    cp "$FIXTURES/fake-python/python3.99" "$root/bin/python3.99"
    chmod +x "$root/bin/python3.99"
    [ "$1" = yes ] && : >"$root/include/python3.99/Python.h"
    [ "$2" = yes ] && : >"$root/lib/libpython3.99.so"
    FAKE_PYTHON=$root/bin/python3.99
    # The fake must say what bin/pyconfig expects, or these tests test nothing.
    [ "$("$FAKE_PYTHON" -c 'ignored' | sed -n 2p)" = 3.99.0 ] || fail "the fake interpreter is broken"
}

# No build folder for the fake interpreter appeared.
assert_no_fake_build() {
    local made
    made=$(find "$REPO_ROOT/build" -maxdepth 1 -name 'cpython-3.99.0-*' 2>/dev/null)
    [ -z "$made" ] || fail "a build folder was made for the fake Python:" "$made"
}

# run_bad_harness ARGS...: runs the harness with --out $SANDBOX/out and
# ARGS; expects exit 2, nothing on stdout and no out folder.
run_bad_harness() {
    run --separate-stderr "$IDIOMBENCH" --quick --out "$SANDBOX/out" "$@"
    assert_status 2
    [ -z "$output" ] || fail "stdout should be empty on bad input" "$output"
    [ ! -e "$SANDBOX/out" ] || fail "the out folder was created although nothing was measured" \
        "$(ls -A "$SANDBOX/out")"
}

# --- interpreters ---

@test "unknown Python: make build PYTHON=python9.9" {
    run --separate-stderr repo_make build PYTHON=python9.9
    [ "$status" -ne 0 ] || fail "make build PYTHON=python9.9 succeeded"
    assert_one_clear_line "unknown Python 'python9.9'"
}

@test "unknown Python: bin/pyconfig python9.9 exits 2 and prints no assignments" {
    run --separate-stderr "$REPO_ROOT/bin/pyconfig" python9.9
    assert_status 2
    assert_one_clear_line "unknown Python 'python9.9'"
    [ -z "$output" ] || fail "pyconfig printed assignments for an unknown Python" "$output"
}

@test "a Python with no libpython to embed: the message asks for --enable-shared" {
    make_fake_python yes no
    run --separate-stderr "$REPO_ROOT/bin/pyconfig" "$FAKE_PYTHON"
    assert_status 2
    assert_one_clear_line "Python 3.99.0" "no shared or static libpython" "--enable-shared"
    [ -z "$output" ] || fail "pyconfig printed assignments" "$output"

    run --separate-stderr repo_make build PYTHON="$FAKE_PYTHON"
    [ "$status" -ne 0 ] || fail "make build succeeded against a Python without libpython"
    assert_one_clear_line "no shared or static libpython" "--enable-shared"
    assert_no_fake_build
}

@test "a Python without development headers: the message asks for its development files" {
    make_fake_python no yes
    run --separate-stderr "$REPO_ROOT/bin/pyconfig" "$FAKE_PYTHON"
    assert_status 2
    assert_one_clear_line "Python 3.99.0" "Python.h" "development files"
    [ -z "$output" ] || fail "pyconfig printed assignments" "$output"

    run --separate-stderr repo_make build PYTHON="$FAKE_PYTHON"
    [ "$status" -ne 0 ] || fail "make build succeeded against a Python without Python.h"
    assert_one_clear_line "Python.h" "development files"
    assert_no_fake_build
}

# --- filters ---

@test "a filter that matches nothing: exit 2, 'matches no case'" {
    run_bad_harness --filter 'no_such_case_anywhere'
    assert_one_clear_line "--filter 'no_such_case_anywhere' matches no case"
}

@test "an invalid regular expression: exit 2, 'bad --filter'" {
    run_bad_harness --filter 'identity/(is'
    assert_one_clear_line "bad --filter 'identity/(is'"
}

# --- catalogues ---

@test "a syntax error in a catalogue file names file:line" {
    run_bad_harness --catalogue "$FIXTURES/bad/bad.py"
    assert_one_clear_line "bad.py:3: syntax error"
}

@test "a catalogue with an unknown key names the key" {
    run_bad_harness --catalogue "$FIXTURES/bad/unknown_key.py"
    assert_one_clear_line "unknown_key.py" "unknown key 'stup'"
}

# catalogue FILE: writes stdin to $SANDBOX/FILE, a catalogue file.
catalogue() {
    cat >"$SANDBOX/$1"
}

@test "a catalogue that calls os._exit(7) at import: one line naming it, exit 2" {
    catalogue exits.py <<'PY'
import os
os._exit(7)
CASES = [dict(name="fine", stmt="x = 1")]
PY
    run_bad_harness --catalogue "$SANDBOX/exits.py"
    assert_one_clear_line "$SANDBOX/exits.py: the catalogue file exited the process (exit status 7)" \
        "while being imported"
}

@test "a catalogue that crashes at import: one line naming it and the signal, exit 2" {
    catalogue crashes.py <<'PY'
import os, signal
os.kill(os.getpid(), signal.SIGSEGV)
CASES = [dict(name="fine", stmt="x = 1")]
PY
    run_bad_harness --catalogue "$SANDBOX/crashes.py"
    assert_one_clear_line "$SANDBOX/crashes.py: the catalogue file crashed the process (signal $(kill -l SEGV 2>/dev/null || echo 11)"
}

@test "a catalogue that hangs at import: stopped at --case-timeout, its children too, exit 2" {
    catalogue hangs.py <<PY
import os, time
child = os.fork()
if child == 0:
    time.sleep(600)
    os._exit(0)
with open("$SANDBOX/grandchild.pid", "w") as stream:
    stream.write(str(child))
while True:
    pass
CASES = [dict(name="fine", stmt="x = 1")]
PY
    local started=$SECONDS
    run_bad_harness --case-timeout 2 --catalogue "$SANDBOX/hangs.py"
    assert_one_clear_line "$SANDBOX/hangs.py: the catalogue file was still running after 2 s"
    [ $((SECONDS - started)) -lt 60 ] || fail "the harness took $((SECONDS - started)) s"
    # The sleeping child it forked is gone (or a zombie no one reaps: not running).
    local pid state
    pid=$(cat "$SANDBOX/grandchild.pid")
    sleep 0.2
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)
    [ -z "$state" ] || [ "$state" = Z ] || fail "the catalogue's child $pid still runs (state $state)"
}

@test "a harness killed while a catalogue hangs at import leaves nothing running" {
    catalogue hangs.py <<PY
import os
with open("$SANDBOX/importer.pid", "w") as stream:
    stream.write(str(os.getpid()))
while True:
    pass
PY
    "$IDIOMBENCH" --catalogue "$SANDBOX/hangs.py" --list >/dev/null 2>&1 &
    local harness=$! waited=0 state
    while [ ! -s "$SANDBOX/importer.pid" ] && [ "$waited" -lt 100 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    [ -s "$SANDBOX/importer.pid" ] || fail "the catalogue never ran"
    kill -KILL "$harness"
    wait "$harness" 2>/dev/null || true
    sleep 0.3
    local importer
    importer=$(cat "$SANDBOX/importer.pid")
    state=$(awk '{ print $3 }' "/proc/$importer/stat" 2>/dev/null || true)
    [ -z "$state" ] || [ "$state" = Z ] || {
        kill -KILL "$importer" # or it would hold bats' output open for good
        fail "the importing process outlived the harness ($state)"
    }
}

@test "a syntax error in a stmt: the catalogue's file and line, exit 2" {
    catalogue stmt_syntax.py <<'PY'
CASES = [
    dict(name="fine", stmt="x = 1"),
    dict(
        name="broken",
        setup="a = 1",
        stmt="""
            b = a
            c = = 2
        """,
    ),
]
PY
    run_bad_harness --catalogue "$SANDBOX/stmt_syntax.py"
    assert_one_clear_line "$SANDBOX/stmt_syntax.py:8: case 'broken': syntax error in its stmt:"
}

@test "a syntax error in a setup: the catalogue's file and line, exit 2" {
    catalogue setup_syntax.py <<'PY'
CASES = [
    dict(name="fine", stmt="x = 1", scope="module"),
    dict(name="broken", stmt="x = 1",
         setup="import os\nfor x in:\n    pass"),
]
PY
    run_bad_harness --catalogue "$SANDBOX/setup_syntax.py"
    assert_one_clear_line "$SANDBOX/setup_syntax.py:4: case 'broken': syntax error in its setup:"
}

@test "an empty or blank stmt is refused with the catalogue's file and line, exit 2" {
    local stmt
    for stmt in '""' '"   \n\t  "'; do
        catalogue empty.py <<PY
CASES = [
    dict(name="fine", stmt="x = 1"),
    dict(name="empty", stmt=$stmt),
]
PY
        run_bad_harness --catalogue "$SANDBOX/empty.py"
        assert_one_clear_line "$SANDBOX/empty.py:3: case 'empty': 'stmt' is empty"
    done
}

@test "a catalogue path that does not exist" {
    run_bad_harness --catalogue "$SANDBOX/nowhere.py"
    assert_one_clear_line "nowhere.py" "no such catalogue"
}

# --- cases that fail while measured ---

@test "exceptions in a setup and in a statement: recorded, the other cases measured, exit 1" {
    local out=$SANDBOX/out
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --out "$out" \
        --catalogue "$FIXTURES/failing.py"
    assert_status 1
    grep -Eq '^\[ ?2/4\] failing/setup_raises +FAILED \([a-z]+\): LookupError' <<<"$output" ||
        fail "no FAILED progress line for setup_raises" "$output"
    grep -Eq '^\[ ?3/4\] failing/stmt_raises +FAILED \([a-z]+\): KeyError' <<<"$output" ||
        fail "no FAILED progress line for stmt_raises" "$output"
    assert_contains "$output" "2 measured, 2 failed"

    [ "$(csv_header "$out/failures.csv")" = "$FAILURES_HEADER" ] || fail "failures.csv header"
    [ "$(csv_rows "$out/failures.csv" case | tr '\n' ' ')" = "setup_raises stmt_raises " ] ||
        fail "failures.csv should list exactly the two failing cases" "$(cat "$out/failures.csv")"
    local case exception row stage error traceback
    for case in setup_raises:LookupError stmt_raises:KeyError; do
        exception=${case#*:}
        case=${case%%:*}
        row=$(csv_rows "$out/failures.csv" stage,error,traceback case="$case")
        IFS='|' read -r stage error traceback <<<"$row"
        [[ $stage =~ ^(compile|gc|calibrate|time|allocs)$ ]] ||
            fail "$case: stage '$stage' is not one of the harness's stages" "$row"
        assert_contains "$error" "$exception"
        assert_contains "$traceback" "Traceback (most recent call last)"
        assert_contains "$traceback" "$exception"
        assert_contains "$traceback" "<failing/$case>"
    done

    [ "$(csv_rows "$out/measurements.csv" case,metric | tr '\n' ' ')" = \
        "fine_before|time_per_op fine_before|allocs_per_op fine_before|bytes_per_op fine_after|time_per_op fine_after|allocs_per_op fine_after|bytes_per_op " ] ||
        fail "measurements.csv should hold the two healthy cases only" "$(cat "$out/measurements.csv")"
    assert_no_temp_files "$out"
}

@test "a statement with break is recorded as failed, not measured" {
    local out=$SANDBOX/out
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --out "$out" \
        --catalogue "$FIXTURES/breaking.py"
    [ "$(csv_rows "$out/failures.csv" case | tr '\n' ' ')" = "breaks " ] ||
        fail "the 'break' case is not in failures.csv" "--- failures.csv:" "$(cat "$out/failures.csv")" \
            "--- measurements.csv:" "$(cat "$out/measurements.csv")" "--- stdout:" "$output"
    [ "$(csv_rows "$out/measurements.csv" case | sort -u)" = fine ] ||
        fail "the 'break' case was measured" "$(cat "$out/measurements.csv")"
    assert_status 1
}

# --- the out folder ---

@test "--out below a regular file: exit 2, 'cannot write results to', nothing written" {
    : >"$SANDBOX/file"
    run --separate-stderr "$IDIOMBENCH" --quick --filter 'identity/is_none$' --out "$SANDBOX/file/sub"
    assert_status 2
    assert_one_clear_line "cannot write results to '$SANDBOX/file/sub'"
    [ -z "$output" ] || fail "stdout should be empty" "$output"
    [ -f "$SANDBOX/file" ] && [ ! -s "$SANDBOX/file" ] || fail "the regular file was changed"
    [ -z "$(find "$SANDBOX" -name 'measurements.csv*')" ] || fail "a measurements.csv was written"
}

@test "--out in a folder without write permission: exit 2, nothing written" {
    [ "$(id -u)" -ne 0 ] || skip "root can write in a 0500 folder"
    mkdir "$SANDBOX/locked"
    chmod 0500 "$SANDBOX/locked"
    local target
    for target in "$SANDBOX/locked" "$SANDBOX/locked/sub"; do
        run --separate-stderr "$IDIOMBENCH" --quick --filter 'identity/is_none$' --out "$target"
        assert_status 2
        assert_one_clear_line "cannot write results to '$target'"
        [ -z "$output" ] || fail "stdout should be empty" "$output"
    done
    chmod 0700 "$SANDBOX/locked"
    [ -z "$(ls -A "$SANDBOX/locked")" ] || fail "files were written" "$(ls -A "$SANDBOX/locked")"
}

# --- options ---

@test "--repetitions 0, abc and 1001: exit 2 naming --repetitions" {
    local value
    for value in 0 abc 1001 "" 5x; do
        run_bad_harness --repetitions "$value"
        assert_one_clear_line "--repetitions"
    done
    run_bad_harness --repetitions=abc
    assert_one_clear_line "--repetitions 'abc'"
}

@test "an unknown option: exit 2 naming it" {
    run_bad_harness --frobnicate
    assert_one_clear_line "'--frobnicate'"
    run_bad_harness --benchmark_frobnicate=1
    assert_one_clear_line "'--benchmark_frobnicate=1'"
}

@test "--filter without a value: exit 2" {
    run --separate-stderr "$IDIOMBENCH" --filter
    assert_status 2
    assert_one_clear_line "--filter needs a value"
    [ -z "$output" ] || fail "stdout should be empty" "$output"
    run_bad_harness --filter=
    assert_one_clear_line "--filter"
}
