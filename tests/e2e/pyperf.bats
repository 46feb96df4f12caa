#!/usr/bin/env bats
# make pyperf: a run folder as pyperf JSON, one file per interpreter. The format's rules
# are checked by pyperf_check.py (standard library; pyperf is not packaged by Debian),
# which is itself shown to catch each broken rule.

load helper

setup() {
    SANDBOX=$(mktemp -d)
}

teardown() {
    rm -rf "$SANDBOX"
}

# A copy of a fixture run: copy_run NAME -> $SANDBOX/NAME
copy_run() {
    cp -r "$FIXTURES/runs/$1" "$SANDBOX/$1"
    rm -rf "$SANDBOX/$1/pyperf"
}

check() { # check FILE...: pyperf_check.py's verdict
    run --separate-stderr "$TEST_PYTHON" "$BATS_TEST_DIRNAME/pyperf_check.py" "$@"
}

labels_of() { # labels_of RUN: the interpreters samples.csv has, sorted
    csv_rows "$1/samples.csv" python_version | sort -u
}

@test "make pyperf on a comparison: one file per interpreter, each keeping pyperf's rules" {
    copy_run compare
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/compare"
    assert_status 0
    assert_contains "$output" "pyperf: 4 files in $SANDBOX/compare/pyperf"
    [ "$(cd "$SANDBOX/compare/pyperf" && ls *.json | sed 's/\.json$//' | sort)" = \
        "$(labels_of "$SANDBOX/compare")" ] || fail "not one file per interpreter" "$(ls "$SANDBOX/compare/pyperf")"
    check "$SANDBOX/compare/pyperf"/*.json
    assert_status 0
    # A comparison's rounds are separate processes: one pyperf run per round.
    "$TEST_PYTHON" - "$SANDBOX/compare/pyperf/3.11.7.json" <<'PY' || fail "runs per round"
import json, sys
bench = {b["metadata"]["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
slice10 = bench["copying/flat_slice[n=10]"]
assert slice10["metadata"]["unit"] == "second"
assert [len(r["values"]) for r in slice10["runs"]] == [1] * 5, slice10["runs"]
assert bench["copying/flat_slice[n=10]:bytes_per_op"]["metadata"]["unit"] == "byte"
assert bench["copying/flat_slice[n=10]:allocs_per_op"]["metadata"]["unit"] == "integer"
PY
    assert_no_temp_files "$SANDBOX/compare"
}

@test "make pyperf on a bench run: one file, time in seconds from ns, equal counts per metric" {
    copy_run bench
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/bench"
    assert_status 0
    check "$SANDBOX/bench/pyperf"/*.json
    assert_status 0
    "$TEST_PYTHON" - "$SANDBOX/bench" <<'PY' || fail "values are not the samples"
import csv, json, os, sys
run = sys.argv[1]
label = [n for n in os.listdir(os.path.join(run, "pyperf")) if n.endswith(".json")][0]
bench = {b["metadata"]["name"]: b for b in
         json.load(open(os.path.join(run, "pyperf", label)))["benchmarks"]}
rows = [r for r in csv.DictReader(open(os.path.join(run, "samples.csv")))
        if (r["family"], r["case"], r["n"], r["metric"]) == ("copying", "flat_slice", "10", "time_per_op")]
got = bench["copying/flat_slice[n=10]"]["runs"][0]["values"]
want = [float(r["value"]) * 1e-9 for r in rows][:len(got)]
assert len(bench["copying/flat_slice[n=10]"]["runs"]) == 1
assert all(abs(g - w) <= 1e-15 * abs(w) for g, w in zip(got, want)), (got, want)
PY
}

@test "make pyperf: a benchmark with a sample <= 0 is left out and named in omitted.csv" {
    copy_run bench
    awk -F, -v OFS=, '$2 == "identity" && $3 == "is_none" && $5 == "time_per_op" && $7 == 1 { $8 = "-0.5" } 1' \
        "$FIXTURES/runs/bench/samples.csv" >"$SANDBOX/bench/samples.csv"
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/bench"
    assert_status 0
    [ "$(head -n 1 "$SANDBOX/bench/pyperf/omitted.csv")" = "$(defined_header pyperf/omitted.csv)" ] ||
        fail "omitted.csv's header" "$(cat "$SANDBOX/bench/pyperf/omitted.csv")"
    grep -q '^[^,]*,identity/is_none,a sample of -0.5 ns' "$SANDBOX/bench/pyperf/omitted.csv" ||
        fail "is_none not named" "$(cat "$SANDBOX/bench/pyperf/omitted.csv")"
    ! grep -q '"identity/is_none"' "$SANDBOX/bench/pyperf"/*.json || fail "is_none exported"
    check "$SANDBOX/bench/pyperf"/*.json
    assert_status 0
}

# Each rule of the checker, broken in a copy of a good file: the checker must say so.
@test "pyperf_check.py catches each broken rule" {
    copy_run compare
    make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/compare" >/dev/null
    local good=$SANDBOX/compare/pyperf/3.11.7.json rule
    for rule in zero-value other-python unequal-count bad-unit twice-named no-version \
        count-without-duration; do
        "$TEST_PYTHON" - "$good" "$SANDBOX/$rule.json" "$rule" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
b = data["benchmarks"]
rule = sys.argv[3]
if rule == "zero-value":
    b[0]["runs"][0]["values"] = [0]
elif rule == "other-python":
    b[1]["runs"][0]["metadata"]["python_version"] = "3.99.0"
elif rule == "unequal-count":
    b[0]["runs"].pop()
elif rule == "bad-unit":
    b[0]["metadata"]["unit"] = "ns"
elif rule == "twice-named":
    b[1]["metadata"]["name"] = b[0]["metadata"]["name"]
elif rule == "no-version":
    data["version"] = 6
elif rule == "count-without-duration":
    count = next(bench for bench in b if bench["metadata"]["unit"] == "integer")
    del count["runs"][0]["metadata"]["duration"]
json.dump(data, open(sys.argv[2], "w"))
PY
        check "$SANDBOX/$rule.json"
        [ "$status" -eq 1 ] && [ -n "$stderr" ] || fail "$rule: not caught" "$stderr"
    done
    # Across files: the same benchmark with other counts.
    "$TEST_PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1])); d["benchmarks"][0]["runs"].append(d["benchmarks"][0]["runs"][0])
d["benchmarks"] = d["benchmarks"][:1]; json.dump(d, open(sys.argv[2], "w"))' "$good" "$SANDBOX/more.json"
    check "$good" "$SANDBOX/more.json"
    [ "$status" -eq 1 ] && [[ $stderr == *"in a file before"* ]] || fail "counts across files" "$stderr"
}

@test "make pyperf: no run folder, an incomplete run or a broken samples.csv: one clear line, exit 2" {
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/none"
    assert_status 2
    assert_one_clear_line "no run folder $SANDBOX/none"
    copy_run bench
    mv "$SANDBOX/bench" "$SANDBOX/bench.partial"
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/bench.partial"
    assert_status 2
    assert_one_clear_line "incomplete run"
    copy_run bench
    sed -i '1s/,round,/,turn,/' "$SANDBOX/bench/samples.csv"
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/bench"
    assert_status 2
    assert_one_clear_line "no column round"
    [ ! -e "$SANDBOX/bench/pyperf" ] || fail "a pyperf folder was written"
}

@test "make pyperf: a folder it cannot write: one clear line, exit 4, what was there kept" {
    copy_run bench
    echo "not a folder" >"$SANDBOX/bench/pyperf"   # rename(2) cannot put a folder there
    run --separate-stderr "$REPO_ROOT/bin/pyperf-export" "$SANDBOX/bench"
    assert_status 4
    assert_one_clear_line "cannot write $SANDBOX/bench/pyperf"
    [ "$(cat "$SANDBOX/bench/pyperf")" = "not a folder" ] || fail "what was there changed"
    [ -z "$(ls "$SANDBOX/bench" | grep 'pyperf\.')" ] || fail "temporary folders left" "$(ls "$SANDBOX/bench")"
}

@test "make pyperf: two bench runs of one mode give equal counts; merged, a bench run stays one pyperf run" {
    copy_run bench
    cp -r "$SANDBOX/bench" "$SANDBOX/more"
    # The second run's every case took more time samples than its first batch (adaptive
    # sampling on a noisy machine): its time benchmarks still give the first batch.
    awk -F, -v OFS=, 'NR > 1 && $5 == "time_per_op" { print; $7 = $7 + 100; print; next } { print }' \
        "$FIXTURES/runs/bench/samples.csv" >"$SANDBOX/more/samples.csv"
    sed -i 's/^host: .*/host: other/' "$SANDBOX/more/meta"
    local folder
    for folder in bench more; do
        run --separate-stderr make --no-print-directory -C "$REPO_ROOT" pyperf RUN="$SANDBOX/$folder"
        assert_status 0
    done
    check "$SANDBOX/bench/pyperf/3.11.7.json" "$SANDBOX/more/pyperf/3.11.7.json"
    assert_status 0
    build_compare
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" merge \
        RUNS="$SANDBOX/bench $SANDBOX/more" OUT="$SANDBOX/merged"
    assert_status 0
    "$TEST_PYTHON" - "$SANDBOX/merged/pyperf" <<'PY' || fail "a bench run's samples split into runs"
import json, os, sys
for name in ("3.11.7@vm.json", "3.11.7@other.json"):
    document = json.load(open(os.path.join(sys.argv[1], name)))
    for bench in document["benchmarks"]:
        assert len(bench["runs"]) == 1, (name, bench["metadata"]["name"], len(bench["runs"]))
        assert len(bench["runs"][0]["values"]) > 1, (name, bench["metadata"]["name"])
        assert bench["runs"][0]["metadata"]["python_executable"].endswith("python3.11"), name
PY
}
