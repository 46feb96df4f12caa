# tests/e2e/helper.bash: shared by the end-to-end tests (bats 1.5 or newer).
#
#   load helper                    in each .bats file
#   setup_file: build_harness      builds the harness once per file; exports IDIOMBENCH
#   setup:      make_sandbox       a fresh folder per test in $SANDBOX
#
# Commands are run with `run --separate-stderr` where the tests look at stderr, so
# that "one clear line" means one line on stderr, not one line among the progress.
#
# Beware: bats 1.8's `run` with flags clobbers a variable named `i` (its version
# check loops with a non-local i), so loops around `run` use other names.
bats_require_minimum_version 1.5.0

REPO_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
FIXTURES=$BATS_TEST_DIRNAME/fixtures
# The interpreter the tests use for their own checks (CSV and JSON parsing), and the
# one the harness is built against.
TEST_PYTHON=${TEST_PYTHON:-python3}
export REPO_ROOT FIXTURES TEST_PYTHON

# defined_header FILE: FILE's header as docs/run-folder.csv defines it (its file and
# name fields hold no comma: tests/e2e/schema.bats checks that).
defined_header() {
    awk -F, -v file="$1" '$1 == file { printf "%s%s", sep, $2; sep = "," } END { print "" }' \
        "$REPO_ROOT/docs/run-folder.csv"
}
MEASUREMENTS_HEADER=$(defined_header measurements.csv)
FAILURES_HEADER=$(defined_header failures.csv)

# Builds the harness against python3 (a no-op when it is up to date) and exports
# IDIOMBENCH, its path. Call from setup_file.
build_harness() {
    local log=$BATS_FILE_TMPDIR/build-harness.log
    if ! IDIOMBENCH=$(cd "$REPO_ROOT" && bin/build-harness "$TEST_PYTHON" 2>"$log"); then
        echo "bin/build-harness $TEST_PYTHON failed:" >&2
        cat "$log" >&2
        return 1
    fi
    [ -x "$IDIOMBENCH" ] || { echo "build-harness printed '$IDIOMBENCH', not a binary" >&2; return 1; }
    export IDIOMBENCH
}

# Builds build/idiombench-compare (a no-op when it is up to date). Call from setup_file.
build_compare() {
    local log=$BATS_FILE_TMPDIR/build-compare.log
    make --no-print-directory -C "$REPO_ROOT" -f mk/compare.mk >"$log" 2>&1 || {
        echo "make -f mk/compare.mk failed:" >&2
        cat "$log" >&2
        return 1
    }
}

# run_harness OUT ARGS...: a quick run of $IDIOMBENCH into OUT, under bats' `run`; the
# tests check the status themselves.
run_harness() {
    local out=$1
    shift
    run --separate-stderr "$IDIOMBENCH" --quick --out "$out" "$@"
}

# A fresh, empty folder for this test: $SANDBOX. It is a folder below
# BATS_TEST_TMPDIR because `run --separate-stderr` leaves its files in that one.
make_sandbox() {
    if [ -n "${BATS_TEST_TMPDIR:-}" ]; then
        SANDBOX=$BATS_TEST_TMPDIR/sandbox
        mkdir -p "$SANDBOX"
    else
        SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/idiombench-e2e.XXXXXX")
    fi
    export SANDBOX
}

# remember_results_folder: for a test that runs into the suite's results/, which it must
# put back as it was: RESULTS, LATEST_WAS (where results/latest pointed, or "absent")
# and RUNS_BEFORE (a file listing results/ now); RESULTS_REMEMBERED=1.
remember_results_folder() {
    RESULTS=$REPO_ROOT/results
    LATEST_WAS=absent
    if [ -L "$RESULTS/latest" ]; then
        LATEST_WAS=$(readlink "$RESULTS/latest")
    elif [ -e "$RESULTS/latest" ]; then
        skip "results/latest is not a symbolic link; not touching it"
    fi
    RUNS_BEFORE=$BATS_TEST_TMPDIR/runs-before
    ls -A "$RESULTS" 2>/dev/null | sort >"$RUNS_BEFORE" || true
    RESULTS_REMEMBERED=1
}

# make in the repository, without "Entering directory" noise (also under `make test`).
repo_make() {
    make --no-print-directory -C "$REPO_ROOT" "$@"
}

# fail MESSAGE [CONTEXT...]: prints them to stderr and returns 1, which fails a test
# body (bats runs it with errexit); helper functions return 1 explicitly after it.
fail() {
    {
        echo "FAIL: $1"
        shift
        for extra in "$@"; do echo "$extra"; done
    } >&2
    return 1
}

# csv_rows FILE COLUMNS [KEY=VALUE...]: for each row of the CSV FILE whose fields
# equal every KEY=VALUE, prints its COLUMNS (comma-separated names) joined by '|'.
# Multi-line fields (tracebacks) have their newlines turned into '\n'.
csv_rows() {
    "$TEST_PYTHON" - "$@" <<'PY'
import csv, sys
path, columns = sys.argv[1], sys.argv[2].split(",")
conditions = [arg.split("=", 1) for arg in sys.argv[3:]]
with open(path, newline="") as stream:
    reader = csv.DictReader(stream)
    for name in columns + [key for key, _ in conditions]:
        if name not in reader.fieldnames:
            sys.exit("csv_rows: %s has no column %r (columns: %s)"
                     % (path, name, ",".join(reader.fieldnames)))
    for row in reader:
        if all(row[key] == value for key, value in conditions):
            print("|".join(row[c].replace("\n", "\\n") for c in columns))
PY
}

# The header line of a CSV file.
csv_header() {
    head -n 1 "$1"
}

# assert_status WANT: the last `run` exited with WANT.
assert_status() {
    [ "$status" -eq "$1" ] || {
        fail "exit status $status, expected $1" "--- stdout:" "$output" "--- stderr:" "${stderr:-}"
        return 1
    }
}

# assert_one_clear_line TEXT...: the last `run --separate-stderr` printed exactly one
# line on stderr (make's own "make: *** ... Error N" trailer aside), that line starts
# with "idiombench:" and contains every TEXT (fixed strings).
assert_one_clear_line() {
    local lines=() line
    while IFS= read -r line; do
        case $line in
            make:\ \*\*\**|make\[[0-9]*\]:\ \*\*\**) ;;
            *) lines+=("$line") ;;
        esac
    done <<<"${stderr:-}"
    # An empty stderr reads as one empty line.
    if [ "${#lines[@]}" -eq 1 ] && [ -z "${lines[0]}" ]; then
        lines=()
    fi
    [ "${#lines[@]}" -eq 1 ] || {
        fail "expected one line on stderr, got ${#lines[@]}" "--- stderr:" "${stderr:-}" \
            "--- stdout:" "${output:-}"
        return 1
    }
    case ${lines[0]} in
        idiombench:*) ;;
        *) fail "the error line does not start with 'idiombench:'" "${lines[0]}"; return 1 ;;
    esac
    local text
    for text in "$@"; do
        case ${lines[0]} in
            *"$text"*) ;;
            *) fail "the error line does not mention '$text'" "${lines[0]}"; return 1 ;;
        esac
    done
}

# assert_contains HAYSTACK NEEDLE: fixed-string containment, with context on failure.
assert_contains() {
    case $1 in
        *"$2"*) ;;
        *) fail "expected to find '$2' in:" "$1"; return 1 ;;
    esac
}

# assert_no_temp_files DIR: no half-written file (atomic_file's *.tmp.*, the probe
# .write-test) is left in DIR.
assert_no_temp_files() {
    local left
    left=$(find "$1" \( -name '*.tmp.*' -o -name '.write-test*' \) -print)
    [ -z "$left" ] || { fail "temporary files left in $1:" "$left"; return 1; }
}

# The "[ i/N] family/case" progress lines of the last run's stdout.
progress_lines() {
    grep -E '^\[ *[0-9]+/[0-9]+\] ' <<<"$output" || true
}

# measure_run NAME FILTER: a quick run (3 repetitions) of the suite's catalogue with
# FILTER into $BATS_FILE_TMPDIR/NAME, with NAME.stdout, NAME.stderr and NAME.status
# (its exit status) beside it. For setup_file: the tests then read the run. Three, not
# two: a median of 3 drops one outlier, a median of 2 is the mean of both (the setup of
# release/open_kept closing its pile of files inside one of 2 resources runs gave
# fds_delta 139 for 10).
measure_run() {
    local dir=$BATS_FILE_TMPDIR/$1 status=0
    "$IDIOMBENCH" --quick --repetitions 3 --filter "$2" --out "$dir" \
        >"$dir.stdout" 2>"$dir.stderr" || status=$?
    echo "$status" >"$dir.status"
}

# check_run DIR: runs the Python checks on stdin against the run in DIR. They see
# fig(case, n, metric) (the median; n None for an unsized case; a missing or repeated
# row is an error), loops(case, n, metric), obs(family, name) (the value's text; an
# error or a missing row is an error), version (a tuple), P (bytes in a pointer) and
# expect(condition, message); every failed expectation is reported, then the test fails.
check_run() {
    local checks
    checks=$(cat)
    "$TEST_PYTHON" - "$1" "$checks" <<'PY'
import csv, struct, sys
folder, checks = sys.argv[1], sys.argv[2]
with open(folder + "/measurements.csv", newline="") as stream:
    rows = list(csv.DictReader(stream))
with open(folder + "/observations.csv", newline="") as stream:
    observations = list(csv.DictReader(stream))
P = struct.calcsize("P")
failures = []

def row(case, n, metric):
    key = "" if n is None else str(n)
    found = [r for r in rows if r["case"] == case and r["n"] == key and r["metric"] == metric]
    if len(found) != 1:
        raise SystemExit("%d rows for %s n=%s %s in %s" % (len(found), case, key, metric, folder))
    return found[0]

def fig(case, n, metric):
    return float(row(case, n, metric)["median"])

def loops(case, n, metric):
    return int(row(case, n, metric)["loops"])

def obs(family, name):
    found = [r for r in observations if r["family"] == family and r["observation"] == name]
    if len(found) != 1:
        raise SystemExit("%d observation rows for %s/%s" % (len(found), family, name))
    if found[0]["error"]:
        raise SystemExit("observation %s/%s raised: %s" % (family, name, found[0]["error"]))
    return found[0]["value"]

version = tuple(int(p) for p in rows[0]["python_version"].split(".")[:2])

def expect(condition, message):
    if not condition:
        failures.append(message)

exec(checks)
if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
PY
}

# Processes that a test's cases fork write their pid into a folder, as <case>-<pid>,
# and run with IDIOMBENCH_TEST_PIDS set to that folder: that variable tells them apart
# from a process that took over the pid of one that ended.
#
# forked_alive DIR: the names of DIR's files whose process is still running (zombies
# aside), one a line.
forked_alive() {
    local file pid
    for file in "$1"/*-*; do
        [ -e "$file" ] || continue
        pid=${file##*-}
        grep -qs '^State:[[:space:]]*[^Z[:space:]]' "/proc/$pid/status" &&
            tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "IDIOMBENCH_TEST_PIDS=$1" &&
            echo "${file##*/}"
    done
    return 0
}

# kill_forked DIR: ends every process forked_alive lists, so that a failed test leaves
# nothing running.
kill_forked() {
    local name
    for name in $(forked_alive "$1"); do
        kill -KILL "${name##*-}" 2>/dev/null
    done
    return 0
}

# assert_forked_gone DIR: no process forked_alive lists is left, waiting up to 5 s for
# killed ones to be reaped; kills what is left when failing.
assert_forked_gone() {
    local waited left
    for waited in $(seq 50); do
        left=$(forked_alive "$1")
        [ -z "$left" ] && return 0
        sleep 0.1
    done
    kill_forked "$1"
    fail "processes forked by the cases outlived the run:" "$left"
}
