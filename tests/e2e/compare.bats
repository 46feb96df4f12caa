#!/usr/bin/env bats
# make compare: several interpreters measured in interleaved rounds into one run folder,
# compared with a baseline; bad PYTHONS, BASELINE and a version failing halfway.

load helper

# The interpreters of the shared comparison: the oldest 3.x and the newest found, and
# 2.7 when the machine has one (its reduced mode is part of what is checked).
setup_file() {
    cd "$REPO_ROOT" || return 1
    make --no-print-directory -f mk/compare.mk >/dev/null || return 1
    local pythons
    pythons=$(bin/find-pythons --all)
    OLDEST3=$(grep -m1 'python3' <<<"$pythons")
    NEWEST=$(tail -n 1 <<<"$pythons")
    PY27=$(grep -m1 'python2\.7$' <<<"$pythons" || true)
    [ -n "$OLDEST3" ] || {
        echo "compare.bats needs a CPython 3 interpreter; found: ${pythons:-none}" >&2
        return 1
    }
    export OLDEST3 NEWEST PY27
    # The tests that compare two versions are skipped, with the reason, on a machine
    # with one; the others run with the one there is.
    if [ "$OLDEST3" = "$NEWEST" ]; then
        export ONE_PYTHON="needs two CPython 3 interpreters; this machine has one: $NEWEST"
        return 0
    fi
    SHARED=$BATS_FILE_TMPDIR/shared
    SHARED_FILTER='identity/(is|eq)_(none|equal_str)$|strings/fmt_fstring$'
    local status=0
    python3 bin/compare --pythons "$PY27 $OLDEST3 $NEWEST" --quick --rounds 3 \
        --filter "$SHARED_FILTER" --out "$SHARED" --no-programs \
        >"$SHARED.stdout" 2>"$SHARED.stderr" || status=$?
    echo "$status" >"$SHARED.status"
    export SHARED
}

setup() {
    make_sandbox
}

# Skips the test on a machine with one CPython 3.
needs_two_pythons() {
    [ -z "${ONE_PYTHON:-}" ] || skip "$ONE_PYTHON"
}

version_of() {
    "$1" -c 'import platform; print(platform.python_version())'
}

# --- the shared comparison ---

@test "compare: one run folder holds every interpreter's rows and the comparison" {
    needs_two_pythons
    [ "$(cat "$SHARED.status")" -eq 0 ] ||
        fail "compare exited $(cat "$SHARED.status")" "$(cat "$SHARED.stderr")"
    local file
    for file in meta samples.csv measurements.csv comparison.csv complexity.csv \
        failures.csv unavailable.csv observations.csv comparison.txt; do
        [ -f "$SHARED/$file" ] || fail "no $file in the run folder" "$(ls "$SHARED")"
    done
    [ ! -e "$SHARED.partial" ] || fail "the .partial folder was left behind"
    [ ! -e "$SHARED/raw" ] || fail "raw/ was left in the run folder"
    [ "$(csv_header "$SHARED/measurements.csv")" = "$MEASUREMENTS_HEADER" ] ||
        fail "measurements.csv header differs" "$(csv_header "$SHARED/measurements.csv")"

    local old new
    old=$(version_of "$OLDEST3")
    new=$(version_of "$NEWEST")
    # Every interpreter's time rows, each from 3 rounds (one sample a round).
    local label
    for label in "$old" "$new"; do
        run csv_rows "$SHARED/measurements.csv" case,repetitions python_version="$label" \
            metric=time_per_op
        [ "$(sort <<<"$output" | tr '\n' ' ')" = "eq_equal_str|3 eq_none|3 fmt_fstring|3 is_equal_str|3 is_none|3 " ] ||
            fail "time rows of $label" "$output"
    done
    # samples.csv: rounds 1..3 of each.
    run csv_rows "$SHARED/samples.csv" round python_version="$new" case=is_none metric=time_per_op
    [ "$(sort <<<"$output" | tr '\n' ' ')" = "1 2 3 " ] || fail "rounds of is_none" "$output"
    grep -qx "baseline: $old" "$SHARED/meta" || fail "meta does not name the baseline $old" \
        "$(cat "$SHARED/meta")"
}

@test "compare: each row's interval holds its median; each version's noise floor pooled over its runs" {
    needs_two_pythons
    "$TEST_PYTHON" - "$SHARED/measurements.csv" <<'PY' || fail "intervals" "$(cat "$SHARED/measurements.csv")"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    low, median, high = float(r["ci_low"]), float(r["median"]), float(r["ci_high"])
    assert low <= median <= high, r
    if r["repetitions"] == "3":          # 3 rounds: below 6, the interval is min..max
        assert (low, high) == (float(r["min"]), float(r["max"])), r
PY
    local label runs
    for label in $(csv_rows "$SHARED/measurements.csv" python_version | sort -u); do
        grep -Eq "^noise_floor_cv_pct@$label: [0-9]+\.[0-9]{2}$" "$SHARED/meta" ||
            fail "no noise floor for $label" "$(cat "$SHARED/meta")"
        # One harness run per family and round: 2 families, 3 rounds.
        runs=$(sed -n "s/^noise_floor_method@$label: median over the version's \([0-9]*\) harness runs.*/\1/p" "$SHARED/meta")
        [ "$runs" = 6 ] || fail "noise floor of $label over '$runs' runs" "$(grep noise "$SHARED/meta")"
    done
}

@test "compare: comparison.csv gives each case a ratio to the baseline, its interval and a verdict" {
    needs_two_pythons
    local old new
    old=$(version_of "$OLDEST3")
    new=$(version_of "$NEWEST")
    # A statement well above the noise (about 50 ns), so that every sample is > 0.
    run csv_rows "$SHARED/comparison.csv" baseline,ratio,ci_low,ci_high,verdict,samples \
        python_version="$new" case=fmt_fstring metric=time_per_op
    [ "$(wc -l <<<"$output")" -eq 1 ] || fail "one row expected" "$output"
    IFS='|' read -r baseline ratio low high verdict samples <<<"$output"
    [ "$baseline" = "$old" ] || fail "baseline $baseline, expected $old"
    [ "$samples" = 3 ] || fail "samples $samples, expected 3"
    "$TEST_PYTHON" -c "import sys; r, l, h = map(float, sys.argv[1:]); assert 0 < l <= r <= h, (l, r, h)" \
        "$ratio" "$low" "$high" || fail "ratio not inside its interval" "$output"
    case $verdict in faster|slower|"no difference") ;; *) fail "verdict '$verdict'" ;; esac
    # The verdict follows the interval.
    "$TEST_PYTHON" - "$low" "$high" "$verdict" <<'PY' || fail "verdict does not follow the interval" "$output"
import sys
low, high, verdict = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
want = "slower" if low > 1 else "faster" if high < 1 else "no difference"
sys.exit(verdict != want)
PY
    # The table in the terminal names both versions.
    assert_contains "$(cat "$SHARED.stdout")" "$new"
    assert_contains "$(cat "$SHARED.stdout")" "identity/is_none"
}

@test "compare: Python 2.7 runs timing, instructions and behaviour, reports the rest unavailable" {
    needs_two_pythons
    [ -n "$PY27" ] || skip "no Python 2.7 on this machine"
    local v27
    v27=$(version_of "$PY27")
    run csv_rows "$SHARED/measurements.csv" metric python_version="$v27"
    [ "$(sort -u <<<"$output" | tr '\n' ' ')" = "instructions_per_op time_per_op " ] ||
        fail "2.7 rows other than time and instructions" "$output"
    run csv_rows "$SHARED/unavailable.csv" case,metric python_version="$v27"
    assert_contains "$output" "is_none|allocs_per_op"
    assert_contains "$output" "fmt_fstring|*"
    run csv_rows "$SHARED/unavailable.csv" reason python_version="$v27" case=fmt_fstring
    assert_contains "$output" "f-strings"
    run csv_rows "$SHARED/failures.csv" case python_version="$v27"
    [ -z "$output" ] || fail "2.7 recorded failures" "$output"
    run csv_rows "$SHARED/observations.csv" observation python_version="$v27"
    [ -n "$output" ] || fail "no observations from 2.7"
}

# --- the statistics: one interpreter against itself ---

@test "compare: the same interpreter twice: no more rows marked than chance gives at 95% (p < 0.001)" {
    local out=$SANDBOX/twice
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$NEWEST $NEWEST" \
        --quick --filter '^(identity|mutability)/' --out "$out" --no-programs
    assert_status 0
    local new
    new=$(version_of "$NEWEST")
    "$TEST_PYTHON" - "$out/comparison.csv" "$new" <<'PY' || fail "too many differences" "$(cat "$out/comparison.txt")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert {r["baseline"] for r in rows} == {sys.argv[2]}, "baseline"
assert {r["python_version"] for r in rows} == {sys.argv[2] + "#2"}, "label of the second"
time = [r for r in rows if r["metric"] == "time_per_op"]
same = [r for r in time if r["verdict"] == "no difference"]
print("%d of %d time rows: no difference" % (len(same), len(time)), file=sys.stderr)
for r in time:
    if r["verdict"] != "no difference":
        print("  %s n=%s %s ratio %s [%s, %s]" % (r["case"], r["n"], r["verdict"], r["ratio"],
              r["ci_low"], r["ci_high"]), file=sys.stderr)
assert len(time) >= 40, "too few time rows: %d" % len(time)
# At 95%, each row of an A/A comparison is marked by chance with probability 0.05, so
# the count marked is Binomial(rows, 0.05): for 48 rows more than 2 happen 43% of the
# time even with exact statistics. Fail only on a count that chance gives less than
# once in a thousand runs: the verdicts are then miscalibrated, not unlucky.
def binomial_tail(n, p, k):
    """P(X > k) for X ~ Binomial(n, p)."""
    term, below = (1 - p) ** n, 0.0
    for i in range(k + 1):
        below += term
        term *= (n - i) / (i + 1.0) * p / (1 - p)
    return 1 - below
allowed = 0
while binomial_tail(len(time), 0.05, allowed) >= 0.001:
    allowed += 1
marked = len(time) - len(same)
print("marked %d, allowed %d (P(more) < 0.001 at 5%% per row)" % (marked, allowed), file=sys.stderr)
sys.exit(marked > allowed)
PY
}

# --- bad input ---

@test "compare: an unknown PYTHONS entry is one clear line, and no run folder" {
    local out=$SANDBOX/run
    run --separate-stderr repo_make compare PYTHONS="$NEWEST 2.5" ARGS="--out $out"
    [ "$status" -ne 0 ] || fail "exit status 0"
    assert_one_clear_line "2.5"
    [ ! -e "$out" ] && [ ! -e "$out.partial" ] || fail "a run folder was written"
}

@test "compare: a BASELINE not among PYTHONS is one clear line naming those compared" {
    local out=$SANDBOX/run new
    new=$(version_of "$NEWEST")
    run --separate-stderr repo_make compare PYTHONS="$NEWEST" BASELINE=2.1 ARGS="--out $out"
    [ "$status" -ne 0 ] || fail "exit status 0"
    assert_one_clear_line "BASELINE=2.1" "$new"
    [ ! -e "$out" ] && [ ! -e "$out.partial" ] || fail "a run folder was written"
}

@test "compare: an existing --out folder is refused" {
    mkdir "$SANDBOX/run"
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$NEWEST" \
        --out "$SANDBOX/run"
    assert_status 2
    assert_one_clear_line "already exists"
}

@test "compare: a FILTER matching no case is one clear line" {
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$NEWEST" \
        --filter 'no_such_case_anywhere' --out "$SANDBOX/run"
    assert_status 2
    assert_one_clear_line "no_such_case_anywhere"
    [ ! -e "$SANDBOX/run" ] && [ ! -e "$SANDBOX/run.partial" ] || fail "a run folder was written"
}

@test "compare: an interpreter that cannot be embedded is left out with the reason; the others go on" {
    local out=$SANDBOX/run fake=$SANDBOX/python3.99 new
    printf '#!/bin/sh\necho "this interpreter is broken" >&2\nexit 1\n' >"$fake"
    chmod +x "$fake"
    new=$(version_of "$NEWEST")
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$fake $NEWEST" \
        --quick --rounds 2 --filter 'identity/is_none$' --out "$out" --no-programs
    assert_status 1
    assert_contains "$stderr" "leaving $fake out: cannot run"
    run csv_rows "$out/measurements.csv" python_version metric=time_per_op
    [ "$output" = "$new" ] || fail "rows of other interpreters than $new" "$output"
    grep -q "^left_out@$fake: cannot run" "$out/meta" || fail "meta does not say $fake was left out"
}

# A catalogue that loads in round 1 and raises from round 2 on, under one version only.
write_failing_catalogue() { # write_failing_catalogue DIR VICTIM_PYTHON
    local major_minor
    major_minor=$("$2" -c 'import sys; print("%d, %d" % sys.version_info[:2])')
    mkdir -p "$1"
    cat >"$1/steady.py" <<EOF
import os, sys
CASES = [dict(name="add", setup="x = 1", stmt="x + 1")]
if sys.version_info[:2] == ($major_minor,):
    if os.path.exists("$1.flag"):
        raise RuntimeError("this interpreter broke halfway")
    open("$1.flag", "w").close()
EOF
}

@test "compare: a version whose run fails halfway is left out, with the reason; the others go on" {
    needs_two_pythons
    local out=$SANDBOX/run catalogue=$SANDBOX/catalogue new
    write_failing_catalogue "$catalogue" "$NEWEST"
    new=$(version_of "$NEWEST")
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$OLDEST3 $NEWEST" \
        --quick --rounds 3 --catalogue "$catalogue" --out "$out" --no-programs
    assert_status 1
    assert_contains "$stderr" "dropping $new"
    assert_contains "$stderr" "broke halfway"
    [ -d "$out" ] || fail "no run folder"
    run csv_rows "$out/measurements.csv" python_version
    [ -n "$output" ] || fail "no rows"
    ! grep -qx "$new" <<<"$output" || fail "rows of the dropped $new remain" "$output"
    grep -q "^left_out@$new: " "$out/meta" || fail "meta does not say $new was left out"
}

@test "compare: a baseline whose run fails halfway stops the comparison, and no run folder" {
    needs_two_pythons
    local out=$SANDBOX/run catalogue=$SANDBOX/catalogue old
    write_failing_catalogue "$catalogue" "$OLDEST3"
    old=$(version_of "$OLDEST3")
    run --separate-stderr python3 "$REPO_ROOT/bin/compare" --pythons "$OLDEST3 $NEWEST" \
        --quick --rounds 3 --catalogue "$catalogue" --out "$out" --no-programs
    assert_status 3
    assert_contains "$stderr" "baseline $old"
    [ ! -e "$out" ] && [ ! -e "$out.partial" ] || fail "a run folder was left"
}
