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

@test "every row has ci_low and ci_high, in its unit, with ci_low <= median <= ci_high" {
    local dir=$BATS_FILE_TMPDIR/run
    [ "$(cat "$dir.status")" -eq 0 ] || fail "the run exited $(cat "$dir.status")" "$(cat "$dir.stderr")"
    [ "$(csv_header "$dir/measurements.csv")" = "$MEASUREMENTS_HEADER" ] ||
        fail "header" "$(csv_header "$dir/measurements.csv")"
    "$TEST_PYTHON" - "$dir/measurements.csv" <<'PY' || fail "intervals" "$(cat "$dir/measurements.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
metrics = set(r["metric"] for r in rows)
assert {"time_per_op", "allocs_per_op", "retained_bytes", "gc_collected"} <= metrics, metrics
for r in rows:
    label = "%s n=%s %s" % (r["case"], r["n"], r["metric"])
    low, median, high = float(r["ci_low"]), float(r["median"]), float(r["ci_high"])
    assert low <= median <= high, "%s: %s <= %s <= %s" % (label, low, median, high)
    assert float(r["min"]) <= low and high <= float(r["max"]), label + ": outside min..max"
    if r["metric"] == "time_per_op":
        assert int(r["repetitions"]) >= 6, label + ": fewer than quick's first batch"
PY
}

@test "ci_low and ci_high are the order statistics of the samples in samples.csv" {
    local dir=$BATS_FILE_TMPDIR/run
    "$TEST_PYTHON" - "$dir" <<'PY'
import csv, sys
from math import comb
folder = sys.argv[1]
samples = {}
for r in csv.DictReader(open(folder + "/samples.csv", newline="")):
    samples.setdefault((r["case"], r["n"], r["metric"]), []).append(float(r["value"]))
for r in csv.DictReader(open(folder + "/measurements.csv", newline="")):
    values = sorted(samples[(r["case"], r["n"], r["metric"])])
    k, j = len(values), 1
    below = lambda j: sum(comb(k, i) for i in range(j)) / 2.0 ** k   # P(B <= j - 1)
    while j + 1 <= (k + 1) // 2 and 1 - 2 * below(j + 1) >= 0.95:
        j += 1
    want = (values[j - 1], values[k - j])
    got = (float(r["ci_low"]), float(r["ci_high"]))
    assert all(abs(g - w) <= 1e-8 * max(1.0, abs(w)) for g, w in zip(got, want)), (r, want)
    assert int(r["repetitions"]) == k, r
PY
}

@test "the terminal line: ± the interval's half-width, n= the samples, 'unstable' beyond ±10%" {
    local dir=$BATS_FILE_TMPDIR/run
    "$TEST_PYTHON" - "$dir" <<'PY'
import csv, re, sys
folder = sys.argv[1]
rows = {(r["case"], r["n"]): r for r in csv.DictReader(open(folder + "/measurements.csv", newline=""))
        if r["metric"] == "time_per_op"}
lines = [l for l in open(folder + ".stdout") if "/op" in l]
assert len(lines) == len(rows), (len(lines), len(rows))
for line in lines:
    m = re.search(r"\] \S+/(\S+)(?: n=(\d+))? .*/op ±\s*(\S+)% n=(\d+)\s+(unstable)?", line)
    assert m, line
    r = rows[(m.group(1), m.group(2) or "")]
    assert m.group(4) == r["repetitions"], (line, r["repetitions"])
    low, median, high = float(r["ci_low"]), float(r["median"]), float(r["ci_high"])
    halfwidth = (high - low) / 2 / abs(median) if median else float("inf")
    if m.group(3) != "inf":
        assert abs(float(m.group(3)) - 100 * halfwidth) <= 0.051, (line, halfwidth)
    assert bool(m.group(5)) == (halfwidth > 0.10), (line, halfwidth)
PY
}

@test "meta: the noise floor (cv, drift, how) and the sampling settings" {
    local meta=$BATS_FILE_TMPDIR/run/meta
    grep -Eq '^noise_floor_cv_pct: [0-9]+\.[0-9]{2}$' "$meta" || fail "cv" "$(cat "$meta")"
    grep -Eq '^noise_floor_drift_pct: [-+][0-9]+\.[0-9]{2}$' "$meta" || fail "drift" "$(cat "$meta")"
    grep -Eq '^noise_floor_method: cv of 20 timings of the empty loop \(10 before the cases, 10 after\), each [0-9]+ iterations' \
        "$meta" || fail "method" "$(cat "$meta")"
    grep -q '^settings: .*time sampling adaptive: ci target 2%, case budget 0.1 s, quick' "$meta" ||
        fail "settings" "$(grep settings "$meta")"
}

@test "meta: a run that times nothing measures no noise floor and says why" {
    run_harness "$SANDBOX/out" --instruments allocs --filter 'identity/is_none$' --no-observations
    assert_status 0
    grep -qx 'noise_floor: not measured: no case is timed' "$SANDBOX/out/meta" ||
        fail "meta" "$(cat "$SANDBOX/out/meta")"
    ! grep -q '^noise_floor_cv_pct' "$SANDBOX/out/meta" || fail "a cv without timing"
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
    [ "$loose" = 6 ] && return 0
    # More is right only when the first 6 samples (samples.csv, in order) missed the
    # target: on a loaded machine one sample 3.3x the median widens the interval of 6,
    # [min, max], past +-100% (seen in the Debian 13 root, 16 samples taken).
    "$TEST_PYTHON" - "$SANDBOX/loose/samples.csv" <<'PY' ||
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["metric"] == "time_per_op"]
first = sorted(float(r["value"]) for r in sorted(rows, key=lambda r: int(r["round"]))[:6])
median = (first[2] + first[3]) / 2
sys.exit(0 if (first[5] - first[0]) / 2 / abs(median) > 1.0 else 1)
PY
        fail "loose: $loose samples, though the first 6 met the target" \
            "$(cat "$SANDBOX/loose/measurements.csv" "$SANDBOX/loose/samples.csv")"
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
