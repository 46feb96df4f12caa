#!/usr/bin/env bats
# Run folders: written as <folder>.partial and renamed when complete, never merged with
# an earlier run; results appended case by case; a write failure stops the run with its
# own status and a true summary; an interrupted make bench or make compare leaves no
# harness running, no scratch folder and nothing that looks like a complete run; plots,
# report and claims refuse an incomplete folder.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
    MARKER=
    MOUNTED=
}

teardown() {
    # A test that failed may leave its processes: end them, by the pids that carry the
    # test's own marker, and nothing else.
    if [ -n "$MARKER" ]; then
        local pids
        pids=$(pgrep -f -- "$MARKER" || true)
        [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
    fi
    [ -z "$MOUNTED" ] || umount "$MOUNTED" 2>/dev/null || true
    restore_results_folder
}

# --- results/ is the suite's: a test that runs into it puts it back as it was ---

# The entries of results/ made since remember_results_folder, one a line.
new_in_results() {
    ls -A "$RESULTS" 2>/dev/null | sort | comm -13 "$RUNS_BEFORE" - | grep -v '^latest$' || true
}

restore_results_folder() {
    [ -n "${RESULTS_REMEMBERED:-}" ] || return 0
    local name
    # Only what this test's run made: a run folder whose meta records its marker.
    new_in_results | while read -r name; do
        case $name in
            [0-9]*-py*)
                grep -qE -- "$MARKER" "$RESULTS/$name/meta" 2>/dev/null &&
                    rm -rf "${RESULTS:?}/$name"
                ;;
        esac
    done
    if [ "$LATEST_WAS" = absent ]; then
        rm -f "$RESULTS/latest"
    else
        ln -sfn "$LATEST_WAS" "$RESULTS/latest"
    fi
    RESULTS_REMEMBERED=
}

# A case-timeout no other run uses: its value marks this test's processes (make,
# bin/bench, the harnesses, valgrind) in their command lines.
make_marker() {
    MARKER_S=$((20000 + RANDOM % 60000))
    MARKER="--case-timeout[= ]$MARKER_S"
}

# no_marked_process_within SECONDS: waits until no process carries MARKER; fails naming
# those left.
no_marked_process_within() {
    local waited=0
    while pgrep -f -- "$MARKER" >/dev/null; do
        if [ "$waited" -ge $(($1 * 10)) ]; then
            fail "processes outlived the run:" "$(pgrep -af -- "$MARKER")"
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# wait_for_line FILE REGEX SECONDS: waits until FILE has a line matching REGEX.
wait_for_line() {
    local waited=0
    until grep -Eq -- "$2" "$1" 2>/dev/null; do
        if [ "$waited" -ge $(($3 * 10)) ]; then
            fail "no line matching '$2' within $3 s in $1:" "$(cat "$1" 2>/dev/null)"
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# A catalogue of trivial cases, each counting allocations only (fast), named c1..cN;
# SETUP (Python) is every case's setup.
trivial_catalogue() { # trivial_catalogue FILE N [SETUP]
    "$TEST_PYTHON" - "$@" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
setup = sys.argv[3] if len(sys.argv) > 3 else ""
with open(path, "w") as f:
    f.write("CASES = [\n")
    for k in range(1, count + 1):
        f.write("    dict(name=%r, setup=%r, stmt='x = 1', instruments=['allocs']),\n"
                % ("c%d" % k, setup))
    f.write("]\n")
PY
}

# --- --out: never merged with an earlier run ---

@test "--out on a folder that holds a run: exit 2, one line, the run left as it was" {
    local out=$SANDBOX/run
    "$IDIOMBENCH" --quick --repetitions 2 --ci-target 0 --filter '^identity/is_none$' \
        --no-observations --out "$out" >/dev/null
    echo "claim,verdict" >"$out/claims.csv" # what a later tool added to that run
    cp -R "$out" "$SANDBOX/before"
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --filter '^identity/eq_none$' \
        --out "$out"
    assert_status 2
    assert_one_clear_line "--out '$out'" "already exists" "name a new folder"
    [ -z "$output" ] || fail "something was measured" "$output"
    diff -r "$SANDBOX/before" "$out" || fail "the earlier run was changed"
    [ ! -e "$out.partial" ] || fail "a .partial was left"
}

@test "make bench --out on a folder that holds files: exit 2, one line, nothing measured" {
    mkdir "$SANDBOX/run"
    echo "x" >"$SANDBOX/run/REPORT.md"
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/is_none$' INSTRUCTIONS=0 \
        ARGS="--out $SANDBOX/run --repetitions 2"
    [ "$status" -eq 2 ] || fail "exit status $status, expected 2" "$output" "${stderr:-}"
    assert_contains "${stderr:-}" "idiombench: --out '$SANDBOX/run' already exists"
    [ "$(ls -A "$SANDBOX/run")" = REPORT.md ] || fail "files were added" "$(ls -A "$SANDBOX/run")"
    [ ! -e "$SANDBOX/run.partial" ]
}

@test "--out on an empty folder fills it; a .partial left by an interrupted run is refused" {
    mkdir "$SANDBOX/empty"
    run_harness "$SANDBOX/empty" --repetitions 2 --filter '^identity/is_none$' --no-observations
    assert_status 0
    [ -s "$SANDBOX/empty/measurements.csv" ] && [ -s "$SANDBOX/empty/meta" ] ||
        fail "the run is not in the empty folder" "$(ls -A "$SANDBOX/empty")"
    [ ! -e "$SANDBOX/empty.partial" ]
    mkdir "$SANDBOX/again.partial"
    run_harness "$SANDBOX/again" --repetitions 2 --filter '^identity/is_none$'
    assert_status 2
    assert_one_clear_line "$SANDBOX/again.partial" "interrupted run"
    [ ! -e "$SANDBOX/again" ]
}

# --- <folder>.partial until complete ---

@test "the harness writes DIR.partial while it runs and renames it DIR at the end" {
    local out=$SANDBOX/run
    trivial_catalogue "$SANDBOX/sees.py" 2 \
        "import os; assert not os.path.exists('$out'), 'the run folder looks complete'; assert os.path.isdir('$out.partial'), 'no .partial folder'"
    run_harness "$out" --repetitions 2 --catalogue "$SANDBOX/sees.py"
    assert_status 0
    [ "$(csv_rows "$out/failures.csv" case,error)" = "" ] ||
        fail "a case saw the folder complete" "$(cat "$out/failures.csv")"
    [ -d "$out" ] && [ ! -e "$out.partial" ] || fail "not renamed" "$(ls -A "$SANDBOX")"
}

@test "make bench renames its run only after the instruction counts are added" {
    command -v valgrind >/dev/null || skip "no valgrind here"
    local out=$SANDBOX/run
    trivial_catalogue "$SANDBOX/sees.py" 2 \
        "import os; assert not os.path.exists('$out'), 'the run folder looks complete'"
    run --separate-stderr repo_make bench QUICK=1 \
        ARGS="--out $out --catalogue $SANDBOX/sees.py --repetitions 2"
    assert_status 0
    [ "$(csv_rows "$out/failures.csv" case,error)" = "" ] ||
        fail "a case saw the folder complete" "$(cat "$out/failures.csv")"
    [ "$(csv_rows "$out/measurements.csv" case metric=instructions_per_op | sort | tr '\n' ' ')" = \
        "c1 c2 " ] || fail "the instruction counts are not in the run" "$(cat "$out/measurements.csv")"
    [ -s "$out/claims.csv" ] || fail "no claims.csv"
    [ ! -e "$out.partial" ]
}

# --- incremental writes ---

@test "each case's rows are appended to the run's files, not the files rewritten" {
    local out=$SANDBOX/run log=$SANDBOX/inodes
    trivial_catalogue "$SANDBOX/inode.py" 4 "import os
for p in ('$out.partial/measurements.csv', '$out/measurements.csv'):
    if os.path.exists(p):
        open('$log', 'a').write('%d %d\\n' % (os.stat(p).st_ino, os.stat(p).st_size))
        break"
    run_harness "$out" --repetitions 2 --catalogue "$SANDBOX/inode.py" --no-observations
    assert_status 0
    [ -s "$log" ] || fail "no case saw measurements.csv while the run went on"
    [ "$(cut -d' ' -f1 "$log" | sort -u | wc -l)" -eq 1 ] ||
        fail "measurements.csv was replaced between cases (inode, size):" "$(sort -u "$log")"
    [ "$(cut -d' ' -f2 "$log" | sort -un | wc -l)" -eq 4 ] ||
        fail "each case should see the earlier cases' rows added:" "$(sort -u "$log")"
    [ "$(csv_rows "$out/measurements.csv" case | sort -u | tr '\n' ' ')" = "c1 c2 c3 c4 " ]
}

# --- write failures ---

@test "a case that removes the run folder: exit 4, and the summary names no missing file" {
    local out=$SANDBOX/run
    # c2's setup removes the run folder, whatever it is called while the run goes on.
    "$TEST_PYTHON" - "$SANDBOX/remove.py" "$out" <<'PY'
import sys
path, out = sys.argv[1], sys.argv[2]
remove = "import shutil; shutil.rmtree(%r, True); shutil.rmtree(%r, True)" % (out, out + ".partial")
with open(path, "w") as f:
    f.write("CASES = [\n")
    for name, setup in (("c1", ""), ("c2", remove), ("c3", "")):
        f.write("    dict(name=%r, setup=%r, stmt='x = 1', instruments=['allocs']),\n"
                % (name, setup))
    f.write("]\n")
PY
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --catalogue "$SANDBOX/remove.py" \
        --out "$out" --no-observations
    assert_status 4
    assert_contains "${stderr:-}" "cannot write results in '$out.partial'"
    local summary
    summary=$(tail -n 1 <<<"$output")
    case $summary in
        *"3 measured"*) fail "the summary counts what was not written" "$summary" ;;
    esac
    assert_contains "$summary" "is gone"
    [ ! -e "$out" ] || fail "a folder that looks complete was left" "$(ls -A "$out")"
    "$IDIOMBENCH" --help | grep -Eq '^ +4 +the results could not be written' ||
        fail "--help does not document exit status 4"
}

@test "a full disk: exit 4, the run stops, and the summary counts the rows in the files" {
    local disk=$SANDBOX/disk
    mkdir "$disk"
    mount -t tmpfs -o size=64k tmpfs "$disk" 2>/dev/null || skip "cannot mount a tmpfs here"
    MOUNTED=$disk
    trivial_catalogue "$SANDBOX/many.py" 300
    run --separate-stderr "$IDIOMBENCH" --quick --repetitions 2 --catalogue "$SANDBOX/many.py" \
        --out "$disk/run" --no-observations
    assert_status 4
    assert_contains "${stderr:-}" "No space left on device"
    local summary rows
    summary=$(tail -n 1 <<<"$output")
    [[ $summary =~ stopped\ after\ ([0-9]+)\ of\ 300\ measurements\;\ ([0-9]+)\ rows ]] ||
        fail "the summary does not say where the run stopped" "$summary"
    [ "${BASH_REMATCH[1]}" -lt 300 ] || fail "the run did not stop" "$summary"
    rows=$(($(wc -l <"$disk/run.partial/measurements.csv") - 1))
    [ "${BASH_REMATCH[2]}" -eq "$rows" ] ||
        fail "the summary says ${BASH_REMATCH[2]} rows, measurements.csv has $rows" "$summary"
    [ "$(tail -c 1 "$disk/run.partial/samples.csv" | od -An -c | tr -d ' ')" = '\n' ] ||
        fail "samples.csv ends mid-line"
    [ ! -e "$disk/run" ] || fail "the stopped run looks complete"
}

# --- interrupted runs ---

@test "kill of make bench's make: no harness left running, no scratch folder, results/latest unchanged" {
    remember_results_folder
    make_marker
    mkdir "$SANDBOX/tmp"
    local log=$SANDBOX/make.out
    TMPDIR=$SANDBOX/tmp make --no-print-directory -C "$REPO_ROOT" bench QUICK=1 \
        FILTER='^identity/' INSTRUCTIONS=0 ARGS="--case-timeout $MARKER_S" >"$log" 2>&1 &
    local make_pid=$!
    wait_for_line "$log" '^\[ *1/[0-9]+\] ' 120
    kill "$make_pid"
    wait "$make_pid" || true
    no_marked_process_within 10
    local latest_now=absent
    [ ! -L "$RESULTS/latest" ] || latest_now=$(readlink "$RESULTS/latest")
    [ "$latest_now" = "$LATEST_WAS" ] || fail "results/latest moved to $latest_now"
    local name
    for name in $(new_in_results); do
        case $name in
            *.partial) ;;
            *) fail "results/$name looks like a complete run" "$(cat "$log")" ;;
        esac
    done
    [ -z "$(ls -A "$SANDBOX/tmp")" ] || fail "temporary files left:" "$(ls -A "$SANDBOX/tmp")"
}

@test "SIGINT to make bench's process group in the instructions pass: nothing left running or half-made" {
    command -v valgrind >/dev/null || skip "no valgrind here"
    make_marker
    mkdir "$SANDBOX/tmp"
    local log=$SANDBOX/make.out out=$SANDBOX/run
    # A process group of its own, with SIGINT at its default (a background job of a
    # script ignores it).
    TMPDIR=$SANDBOX/tmp "$TEST_PYTHON" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setpgid(0, 0)
os.execvp(sys.argv[1], sys.argv[1:])' make --no-print-directory -C "$REPO_ROOT" bench QUICK=1 \
        FILTER='^identity/' ARGS="--out $out --case-timeout $MARKER_S" >"$log" 2>&1 &
    local make_pid=$!
    wait_for_line "$log" 'instr/op' 300
    kill -INT -- "-$make_pid"
    wait "$make_pid" || true
    no_marked_process_within 10
    [ ! -e "$out" ] || fail "the interrupted run looks complete" "$(cat "$log")"
    [ -d "$out.partial" ] || fail "no $out.partial marks the interrupted run" "$(ls -A "$SANDBOX")"
    [ -z "$(ls -A "$SANDBOX/tmp")" ] || fail "temporary files left:" "$(ls -A "$SANDBOX/tmp")"
}

@test "SIGTERM to make compare's tool: its .partial removed, no harness left running" {
    local out=$SANDBOX/cmp log=$SANDBOX/compare.out
    # The folder marks the processes: compare's --out, the harnesses' raw/ folders in it.
    MARKER=$out
    (cd "$REPO_ROOT" && exec python3 bin/compare --pythons python3 --quick --rounds 2 \
        --filter '^identity/' --out "$out" --no-programs --no-instructions) >"$log" 2>&1 &
    local pid=$!
    wait_for_line "$log" '\[1/' 120
    sleep 1
    kill -TERM "$pid"
    wait "$pid" || true
    no_marked_process_within 10
    [ ! -e "$out.partial" ] || fail "$out.partial was left" "$(cat "$log")"
    [ ! -e "$out" ] || fail "the stopped comparison looks complete"
}

# --- readers refuse incomplete folders ---

# The fixture run, as make bench writes it, copied to DIR.
copy_bench_run() {
    cp -R "$FIXTURES/runs/bench" "$1"
    rm -rf "$1/plots"
}

# refused_by_all DIR TEXT: plots, report and claims each refuse DIR with one line
# holding TEXT, exit 2, and write nothing into it.
refused_by_all() {
    local before
    before=$(ls -AR "$1")
    run --separate-stderr "$TEST_PYTHON" "$REPO_ROOT/bin/plots" "$1"
    assert_status 2
    assert_one_clear_line "$2"
    run --separate-stderr "$TEST_PYTHON" "$REPO_ROOT/bin/report" "$1"
    assert_status 2
    assert_one_clear_line "$2"
    run --separate-stderr "$TEST_PYTHON" "$REPO_ROOT/bin/claims" "$1"
    assert_status 2
    assert_one_clear_line "$2"
    [ "$(ls -AR "$1")" = "$before" ] || fail "files were written into $1"
}

@test "plots, report and claims refuse a measurements.csv cut mid-line" {
    copy_bench_run "$SANDBOX/run"
    local file=$SANDBOX/run/measurements.csv
    head -c $(($(wc -c <"$file") - 3)) "$file" >"$file.cut" && mv "$file.cut" "$file"
    refused_by_all "$SANDBOX/run" "measurements.csv ends in the middle of a line"
}

@test "plots, report and claims refuse a folder without meta" {
    copy_bench_run "$SANDBOX/run"
    rm "$SANDBOX/run/meta"
    refused_by_all "$SANDBOX/run" "no meta"
}

@test "plots, report and claims refuse a .partial run folder" {
    copy_bench_run "$SANDBOX/run.partial"
    refused_by_all "$SANDBOX/run.partial" "incomplete run"
}

@test "make plots refuses a .partial run folder with one line" {
    copy_bench_run "$SANDBOX/run.partial"
    run --separate-stderr repo_make plots RUN="$SANDBOX/run.partial"
    [ "$status" -ne 0 ] || fail "make plots took an incomplete run"
    assert_one_clear_line "incomplete run"
    [ ! -e "$SANDBOX/run.partial/plots" ]
}
