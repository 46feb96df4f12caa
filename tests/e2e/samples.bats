#!/usr/bin/env bats
# samples.csv: every sample behind each row of measurements.csv, in every harness run,
# and the rounds of a comparison (make compare) with the same schema.

load helper

SAMPLES_HEADER=$(defined_header samples.csv)

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

# check_samples DIR: DIR's samples.csv has the schema, and each row of measurements.csv
# has exactly its `repetitions` samples, numbered 1..k, with the row's unit and loops,
# whose median, mean, stddev, min and max are the row's (to the 9 digits written); no
# sample lacks its row. Prints "metric samples-per-row" once per row, sorted and unique.
check_samples() {
    "$TEST_PYTHON" - "$1" "$SAMPLES_HEADER" <<'PY'
import csv, os, statistics, sys
folder, header = sys.argv[1], sys.argv[2]
KEY = ("python_version", "family", "case", "n", "metric")

def rows(name):
    with open(os.path.join(folder, name), newline="") as f:
        return list(csv.DictReader(f))

with open(os.path.join(folder, "samples.csv"), newline="") as f:
    first = f.readline().rstrip("\n")
if first != header:
    sys.exit("samples.csv header %r, expected %r" % (first, header))
samples = {}
for s in rows("samples.csv"):
    samples.setdefault(tuple(s[k] for k in KEY), []).append(s)
problems, seen = [], set()
for m in rows("measurements.csv"):
    key = tuple(m[k] for k in KEY)
    got = samples.pop(key, [])
    count = int(m["repetitions"])
    rounds = [int(s["round"]) for s in got]
    if rounds != list(range(1, count + 1)):
        problems.append("%s: rounds %s, expected 1..%d" % ("/".join(key), rounds, count))
        continue
    if any(s["unit"] != m["unit"] or s["loops"] != m["loops"] for s in got):
        problems.append("%s: unit or loops differ from the row" % "/".join(key))
    values = [float(s["value"]) for s in got]
    scale = max(abs(v) for v in values)
    tolerance = 1e-7 * scale + 1e-12  # both sides rounded to 9 significant digits
    expected = {"median": statistics.median(values), "mean": statistics.mean(values),
                "min": min(values), "max": max(values),
                "stddev": statistics.stdev(values) if count > 1 else 0.0}
    for name, want in sorted(expected.items()):
        if abs(float(m[name]) - want) > tolerance:
            problems.append("%s: %s %s, from the samples %r" % ("/".join(key), name, m[name],
                                                                 want))
    seen.add("%s %d" % (m["metric"], count))
for key in samples:
    problems.append("%s: samples without a row of measurements.csv" % "/".join(key))
if problems:
    sys.exit("\n".join(problems))
print("\n".join(sorted(seen)))
PY
}

@test "samples.csv: 3 repetitions (--ci-target 0) give 3 samples per row, round 1..3, that make its figures" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 3 --ci-target 0 --filter 'identity/is_none$|copying/flat_slice$'
    assert_status 0
    [ "$(csv_header "$out/samples.csv")" = "$SAMPLES_HEADER" ] ||
        fail "samples.csv header" "$(csv_header "$out/samples.csv")"
    run check_samples "$out"
    assert_status 0
    [ "$output" = $'allocs_per_op 3\nbytes_per_op 3\ntime_per_op 3' ] ||
        fail "metrics and samples per row" "$output"
    # 3 samples per row of measurements.csv (is_none and each size of flat_slice, three
    # metrics each), and the header.
    local rows
    rows=$(($(wc -l <"$out/measurements.csv") - 1))
    [ "$rows" -ge 9 ] || fail "only $rows rows in measurements.csv"
    [ "$(wc -l <"$out/samples.csv")" -eq $((rows * 3 + 1)) ] ||
        fail "samples.csv has $(wc -l <"$out/samples.csv") lines" "$(cat "$out/samples.csv")"
    [ "$(csv_rows "$out/samples.csv" round,value case=is_none metric=time_per_op | cut -d'|' -f1 |
        tr '\n' ' ')" = "1 2 3 " ] || fail "is_none's time rounds" "$(cat "$out/samples.csv")"
}

@test "samples.csv: allocation counts are exact, each sample the row's figure" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 3 --filter 'copying/flat_slice$'
    assert_status 0
    run check_samples "$out"
    assert_status 0
    # A slice of n items: one request of 8 bytes per item (and the list's header).
    local n
    for n in 10 100 1000; do
        [ "$(csv_rows "$out/samples.csv" value n=$n metric=allocs_per_op | sort -u)" = 1 ] ||
            fail "allocs of flat_slice n=$n" "$(cat "$out/samples.csv")"
        [ "$(csv_rows "$out/samples.csv" value n=$n metric=bytes_per_op | sort -u)" = \
            "$(csv_rows "$out/measurements.csv" median n=$n metric=bytes_per_op)" ] ||
            fail "bytes of flat_slice n=$n" "$(cat "$out/samples.csv")"
    done
    [ "$(csv_rows "$out/samples.csv" loops n=1000 metric=allocs_per_op | sort -u)" = 10 ] ||
        fail "allocation samples at n=1000 run 10 operations" "$(cat "$out/samples.csv")"
}

@test "samples.csv: memory and resources have min(repetitions, 5) samples, time all of them" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 7 --catalogue "$FIXTURES/instruments_catalogue.py" \
        --filter 'does_nothing$'
    assert_status 0
    run check_samples "$out"
    assert_status 0
    local metric want="" expected=""
    for metric in fds_delta gc_collected gc_collections_gen0 gc_collections_gen1 \
        gc_collections_gen2 peak_bytes resource_warnings retained_bytes rss_delta_bytes; do
        expected+="$metric 5"$'\n'
    done
    want=${expected%$'\n'}
    [ "$output" = "$want" ] || fail "metrics and samples per row" "$output"

    run_harness "$SANDBOX/time" --repetitions 7 --ci-target 0 --filter 'identity/is_none$' \
        --instruments time
    assert_status 0
    run check_samples "$SANDBOX/time"
    assert_status 0
    [ "$output" = "time_per_op 7" ] || fail "time samples" "$output"
}

@test "samples.csv: a failed case has no samples, the cases around it have theirs" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 2 --catalogue "$FIXTURES/failing.py"
    assert_status 1
    run check_samples "$out"
    assert_status 0
    [ "$(csv_rows "$out/samples.csv" case metric=time_per_op | sort -u | tr '\n' ' ')" = \
        "fine_after fine_before " ] || fail "cases with samples" "$(cat "$out/samples.csv")"
}

@test "samples.csv: the samples survive Google Benchmark reporting its aggregates alone" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 4 --ci-target 0 --filter 'identity/is_none$' \
        --instruments time --benchmark_display_aggregates_only=true
    assert_status 0
    run check_samples "$out"
    assert_status 0
    [ "$output" = "time_per_op 4" ] || fail "time samples" "$output"
    # Adaptive sampling's later batches too: every sample kept, at least the first batch.
    run_harness "$SANDBOX/adaptive" --repetitions 4 --ci-target 0.0001 --case-budget 0.3 \
        --filter 'identity/is_none$' --instruments time --benchmark_display_aggregates_only=true
    assert_status 0
    run check_samples "$SANDBOX/adaptive"
    assert_status 0
    [[ $output =~ ^time_per_op\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -gt 4 ] ||
        fail "adaptive time samples" "$output"
}

@test "samples.csv: one repetition (--ci-target 0) gives one sample, the row's median" {
    local out=$SANDBOX/out
    run_harness "$out" --repetitions 1 --ci-target 0 --filter 'identity/is_none$'
    assert_status 0
    run check_samples "$out"
    assert_status 0
    [ "$output" = $'allocs_per_op 1\nbytes_per_op 1\ntime_per_op 1' ] ||
        fail "metrics and samples per row" "$output"
    [ "$(csv_rows "$out/samples.csv" value metric=time_per_op)" = \
        "$(csv_rows "$out/measurements.csv" median metric=time_per_op)" ] ||
        fail "the one sample is not the median" "$(cat "$out/samples.csv")"
}

@test "samples.csv: Python 2.7 gives time samples alone" {
    local py27
    py27=$(cd "$REPO_ROOT" && bin/find-pythons --all | grep -m1 'python2\.7$' || true)
    [ -n "$py27" ] || skip "no Python 2.7 on this machine"
    local harness
    harness=$(cd "$REPO_ROOT" && bin/build-harness "$py27" 2>"$SANDBOX/build.log") ||
        fail "the 2.7 harness does not build" "$(cat "$SANDBOX/build.log")"
    local out=$SANDBOX/out
    run --separate-stderr "$harness" --quick --repetitions 3 --ci-target 0 --out "$out" \
        --filter 'identity/is_(none|not_none)$'
    assert_status 0
    run check_samples "$out"
    assert_status 0
    [ "$output" = "time_per_op 3" ] || fail "2.7's samples" "$output"
    [ "$(csv_rows "$out/samples.csv" python_version | sort -u)" = \
        "$("$py27" -c 'import platform; print(platform.python_version())')" ] ||
        fail "python_version" "$(cat "$out/samples.csv")"
}

@test "samples.csv of a comparison: the harness runs' samples, by label and round" {
    cd "$REPO_ROOT"
    make --no-print-directory -f mk/compare.mk >/dev/null
    local out=$SANDBOX/cmp
    # The same interpreter twice: whatever python3 this machine has.
    run --separate-stderr python3 bin/compare --pythons "$TEST_PYTHON $TEST_PYTHON" --quick --rounds 2 \
        --filter 'identity/is_none$' --out "$out" --no-programs
    assert_status 0
    [ "$(csv_header "$out/samples.csv")" = "$SAMPLES_HEADER" ] ||
        fail "samples.csv header" "$(csv_header "$out/samples.csv")"
    local labels label metric
    labels=$(csv_rows "$out/samples.csv" python_version | sort -u)
    [ "$(wc -l <<<"$labels")" -eq 2 ] || fail "two labels expected" "$labels"
    [[ "$(tail -n 1 <<<"$labels")" == *"#2" ]] || fail "the second label" "$labels"
    while read -r label; do
        for metric in time_per_op allocs_per_op bytes_per_op; do
            [ "$(csv_rows "$out/samples.csv" round python_version="$label" case=is_none \
                metric="$metric" | tr '\n' ' ')" = "1 2 " ] ||
                fail "rounds of $label $metric" "$(cat "$out/samples.csv")"
        done
    done <<<"$labels"
    # Each round's sample is that round's figure: the comparison's median of two rounds
    # is their mean.
    "$TEST_PYTHON" - "$out" <<'PY'
import csv, statistics, sys
folder = sys.argv[1]
with open(folder + "/samples.csv", newline="") as f:
    samples = list(csv.DictReader(f))
with open(folder + "/measurements.csv", newline="") as f:
    rows = list(csv.DictReader(f))
assert rows, "no rows in measurements.csv"
for m in rows:
    values = [float(s["value"]) for s in samples
              if all(s[k] == m[k] for k in ("python_version", "case", "n", "metric"))]
    assert len(values) == int(m["repetitions"]) == 2, (m, values)
    want = statistics.median(values)
    assert abs(float(m["median"]) - want) <= 1e-7 * max(map(abs, values)) + 1e-12, (m, values)
PY
}
