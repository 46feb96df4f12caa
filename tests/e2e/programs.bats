#!/usr/bin/env bats
# Whole-program timing: the programs of bench/programs/ on every CPython found,
# bin/peak-rss, and bin/hyperfine-run (tiny sizes, quick mode) with its bad input, on
# the hyperfine installed (hyperfine_formats.bats has both export formats).

load helper

PROGRAMS="concat_module concat_join deepcopy_nested read_with read_without_with weakref_cache dict_cache"
HYPERFINE_HEADER=$(defined_header hyperfine/hyperfine.csv)

setup_file() {
    build_harness
    # The interpreter itself, not a pyenv shim (which costs ~0.1 s a call and needs
    # bash on PATH).
    REAL_PYTHON=$("$TEST_PYTHON" -c 'import os, sys; print(os.path.realpath(sys.executable))')
    export REAL_PYTHON
    # The 1 MiB input of the read_* programs, shared by the tests.
    head -c 1048576 /dev/urandom >"$BATS_FILE_TMPDIR/input.bin"
}

setup() {
    make_sandbox
}

# program_args NAME: small arguments for the program NAME.
program_args() {
    case $1 in
        concat_module | concat_join) echo 2000 ;;
        deepcopy_nested) echo 300 ;;
        read_with | read_without_with) echo "$BATS_FILE_TMPDIR/input.bin 2" ;;
        weakref_cache | dict_cache) echo "5000 8" ;;
    esac
}

# interpreters_file FILE LABEL PYTHON [HARNESS]: a one-line interpreters file.
interpreters_file() {
    printf '%s\t%s\t%s\n' "$2" "$3" "${4:-$IDIOMBENCH}" >"$1"
}

# assert_no_results DIR: no hyperfine.csv and no temporary file in DIR (if it exists).
assert_no_results() {
    [ ! -e "$1/hyperfine.csv" ] || fail "hyperfine.csv was written" "$(cat "$1/hyperfine.csv")"
    if [ -d "$1" ]; then
        assert_no_temp_files "$1"
    fi
}

@test "every program runs on every CPython found, and the two concat programs agree" {
    local pythons python name out failures="" checked=0
    pythons=$("$REPO_ROOT/bin/find-pythons" --all)
    [ -n "$pythons" ] || fail "bin/find-pythons --all found no interpreter"
    # One path a line: a conda environment's path may hold a space.
    while IFS= read -r python; do
        for name in $PROGRAMS; do
            # The arguments are split on purpose.
            # shellcheck disable=SC2046
            if ! out=$("$python" -E -s "$REPO_ROOT/bench/programs/$name.py" \
                $(program_args "$name") 2>&1 </dev/null); then
                failures="$failures\n$python $name: $out"
                continue
            fi
            checked=$((checked + 1))
            [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] ||
                failures="$failures\n$python $name printed more than one line: $out"
            case $name in
                concat_module) module_out=$out ;;
                concat_join)
                    [ "$out" = "$module_out" ] ||
                        failures="$failures\n$python: concat_join printed '$out', concat_module '$module_out'" ;;
                read_with) [ "$out" = "2 2097152 True" ] ||
                    failures="$failures\n$python read_with: '$out', expected '2 2097152 True'" ;;
                read_without_with) [ "$out" = "2 2097152 False" ] ||
                    failures="$failures\n$python read_without_with: '$out', expected '2 2097152 False'" ;;
                weakref_cache) [ "$out" = "8 8 40000 True" ] ||
                    failures="$failures\n$python weakref_cache: '$out', expected '8 8 40000 True'" ;;
                dict_cache) [ "$out" = "8 4 40000 4" ] ||
                    failures="$failures\n$python dict_cache: '$out', expected '8 4 40000 4'" ;;
                deepcopy_nested) [ "$out" = "300 300 True" ] ||
                    failures="$failures\n$python deepcopy_nested: '$out', expected '300 300 True'" ;;
            esac
        done
    done <<<"$pythons"
    [ -z "$failures" ] || fail "$(printf '%b' "$failures")"
    [ "$checked" -ge 7 ] || fail "only $checked program runs"
}

@test "the read programs say how to call them when FILE is missing" {
    run --separate-stderr "$TEST_PYTHON" "$REPO_ROOT/bench/programs/read_with.py"
    [ "$status" -ne 0 ] || fail "read_with.py without FILE exited 0"
    assert_contains "$stderr" "usage: read_with.py FILE"
}

@test "peak-rss: a program holding 100 MB peaks higher than true, by about 100 MB" {
    run --separate-stderr "$REPO_ROOT/bin/peak-rss" true
    assert_status 0
    local small=${stderr##*peak-rss: }
    small=${small%% KiB*}
    run --separate-stderr "$REPO_ROOT/bin/peak-rss" --out "$SANDBOX/big" \
        "$TEST_PYTHON" -c 'block = bytearray(100 << 20)'
    assert_status 0
    [ -z "$stderr" ] || fail "--out FILE should leave stderr alone" "$stderr"
    local big
    big=$(cat "$SANDBOX/big")
    [ "$small" -gt 0 ] && [ "$big" -gt $((small + 90 * 1024)) ] ||
        fail "peak RSS: true $small KiB, 100 MB program $big KiB"
}

@test "peak-rss: passes the exit status through, the figure on the last stderr line" {
    run --separate-stderr "$REPO_ROOT/bin/peak-rss" sh -c 'echo out; echo err >&2; exit 7'
    assert_status 7
    [ "$output" = out ] || fail "stdout: '$output'"
    [ "$(printf '%s\n' "$stderr" | sed -n 1p)" = err ] || fail "stderr: $stderr"
    printf '%s\n' "$stderr" | tail -n 1 | grep -Eq '^peak-rss: [0-9]+ KiB$' ||
        fail "no 'peak-rss: N KiB' last line" "$stderr"

    run --separate-stderr "$REPO_ROOT/bin/peak-rss" sh -c 'kill -TERM $$'
    assert_status 143
}

@test "peak-rss: a command that cannot start gives one clear line and 127" {
    run -127 --separate-stderr "$REPO_ROOT/bin/peak-rss" "$SANDBOX/no-such-command"
    assert_status 127
    assert_one_clear_line "cannot run" "no-such-command" "No such file"

    run --separate-stderr "$REPO_ROOT/bin/peak-rss"
    assert_status 2
    assert_one_clear_line "usage: bin/peak-rss"
}

@test "hyperfine-run --quick --tiny: hyperfine.csv has start-up and every program" {
    local out=$SANDBOX/out
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.1 "$REAL_PYTHON"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$out" --quick --tiny \
        "$SANDBOX/interpreters.tsv"
    assert_status 0
    [ -z "$output" ] || fail "stdout should stay empty" "$output"
    [ "$(csv_header "$out/hyperfine.csv")" = "$HYPERFINE_HEADER" ] ||
        fail "header: $(csv_header "$out/hyperfine.csv")"
    local programs
    programs=$(csv_rows "$out/hyperfine.csv" program python_version=3.99.1 | tr '\n' ' ')
    [ "$programs" = "startup $PROGRAMS " ] || fail "rows: $programs"
    # Every figure is a number, min <= median <= max, 10 runs (quick mode too: the
    # report quotes these medians), a peak RSS: hyperfine's own where its JSON export has
    # one (2.x: schema_version), bin/peak-rss's otherwise. runs.csv has each of the
    # runs, whose median and extremes are the row's.
    "$TEST_PYTHON" - "$out/hyperfine.csv" "$out/programs.json" "$out/runs.csv" <<'PY'
import csv, json, statistics, sys
source = "hyperfine" if "schema_version" in json.load(open(sys.argv[2])) else "peak-rss"
runs = {}
reader = csv.DictReader(open(sys.argv[3]))
assert reader.fieldnames == ["python_version", "program", "run", "seconds"], reader.fieldnames
for r in reader:
    runs.setdefault((r["python_version"], r["program"]), []).append(r)
for row in csv.DictReader(open(sys.argv[1])):
    times = [float(row[k]) for k in ("mean_s", "stddev_s", "median_s", "min_s", "max_s")]
    assert all(t >= 0 for t in times), row
    assert float(row["min_s"]) <= float(row["median_s"]) <= float(row["max_s"]), row
    assert 0 < float(row["median_s"]) < 10, row
    assert row["runs"] == "10", row
    mine = runs.pop((row["python_version"], row["program"]))
    assert [r["run"] for r in mine] == [str(k) for k in range(1, 11)], mine
    seconds = [float(r["seconds"]) for r in mine]
    for got, want in ((statistics.median(seconds), row["median_s"]), (min(seconds), row["min_s"]),
                      (max(seconds), row["max_s"])):
        assert abs(got - float(want)) <= 1e-5 * float(want), (row, seconds)
    assert int(row["peak_rss_kib"]) > 1000, row
    assert row["peak_rss_source"] == source, (row, source)
assert not runs, "runs.csv rows of no hyperfine.csv row: %s" % sorted(runs)
PY
    for file in startup.csv startup.json programs.csv programs.json; do
        [ -s "$out/$file" ] || fail "$file missing or empty"
    done
    grep -q '^3.99.1 concat_module,' "$out/programs.csv" || fail "programs.csv has no '3.99.1 concat_module' row"
    assert_no_temp_files "$out"
    assert_contains "$stderr" "hyperfine-run: wrote $out/hyperfine.csv: 8 rows"
}

@test "hyperfine-run: a program failing on an interpreter is left out, the rest go on" {
    # A Python that fails deepcopy_nested at once, and dict_cache from its second run
    # on (so only the timed runs fail: hyperfine's exit codes must catch it).
    local real=$REAL_PYTHON
    cat >"$SANDBOX/python" <<EOF
#!/bin/sh
case "\$*" in
    *deepcopy_nested*) echo "boom: deepcopy" >&2; exit 4 ;;
    *dict_cache*) [ -e "$SANDBOX/ran" ] && exit 5; : >"$SANDBOX/ran" ;;
esac
exec "$real" "\$@"
EOF
    chmod +x "$SANDBOX/python"
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.2 "$SANDBOX/python"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        --runs 2 --warmup 0 "$SANDBOX/interpreters.tsv"
    assert_status 1
    assert_contains "$stderr" "idiombench: hyperfine-run: 3.99.2 deepcopy_nested failed, left out: exited with status 4: boom: deepcopy"
    assert_contains "$stderr" "idiombench: hyperfine-run: 3.99.2 dict_cache failed in 2 of 2 timed runs (exit status 5), left out"
    local programs
    programs=$(csv_rows "$SANDBOX/out/hyperfine.csv" program | tr '\n' ' ')
    [ "$programs" = "startup concat_module concat_join read_with read_without_with weakref_cache " ] ||
        fail "rows: $programs"
}

@test "hyperfine-run: a start-up command that fails is named, the programs go on" {
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.3 "$REAL_PYTHON"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        --runs 1 --warmup 0 --startup-args=--no-such-option "$SANDBOX/interpreters.tsv"
    assert_status 1
    assert_contains "$stderr" "idiombench: hyperfine-run: 3.99.3 startup failed, left out: exited with status 2"
    [ "$(csv_rows "$SANDBOX/out/hyperfine.csv" program | wc -l)" -eq 7 ] ||
        fail "expected the 7 program rows" "$(cat "$SANDBOX/out/hyperfine.csv")"
    [ ! -e "$SANDBOX/out/startup.csv" ] || fail "startup.csv written with nothing in it"
}

@test "hyperfine-run: a missing interpreters file: one clear line, exit 2, nothing written" {
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        "$SANDBOX/none.tsv"
    assert_status 2
    assert_one_clear_line "cannot read the interpreters file" "$SANDBOX/none.tsv"
    assert_no_results "$SANDBOX/out"
}

@test "hyperfine-run: a bad line in the interpreters file: one clear line naming it" {
    printf '# label\tpython\tharness\n3.11\t%s\n' "$REAL_PYTHON" \
        >"$SANDBOX/interpreters.tsv"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        "$SANDBOX/interpreters.tsv"
    assert_status 2
    assert_one_clear_line "$SANDBOX/interpreters.tsv:2:" "label<TAB>python<TAB>harness" "2 fields"
    assert_no_results "$SANDBOX/out"

    printf '3.11 x\t%s\t%s\n' "$REAL_PYTHON" "$IDIOMBENCH" >"$SANDBOX/interpreters.tsv"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        "$SANDBOX/interpreters.tsv"
    assert_status 2
    assert_one_clear_line "interpreters.tsv:1:" "the label '3.11 x'"
}

@test "hyperfine-run: an interpreter that does not exist: one clear line, an old CSV kept" {
    mkdir -p "$SANDBOX/out"
    echo "previous run" >"$SANDBOX/out/hyperfine.csv"
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.4 "$SANDBOX/no/python3.99"
    run --separate-stderr "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --tiny \
        "$SANDBOX/interpreters.tsv"
    assert_status 2
    assert_one_clear_line "interpreters.tsv:1:" "the interpreter '$SANDBOX/no/python3.99' does not exist"
    [ "$(cat "$SANDBOX/out/hyperfine.csv")" = "previous run" ] || fail "hyperfine.csv was changed"
    assert_no_temp_files "$SANDBOX/out"
}

@test "hyperfine-run: without hyperfine, one line naming apt-get install hyperfine, exit 3" {
    mkdir -p "$SANDBOX/bin"
    ln -s "$REAL_PYTHON" "$SANDBOX/bin/python3"
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.5 "$REAL_PYTHON"
    run --separate-stderr env PATH="$SANDBOX/bin" "$REPO_ROOT/bin/hyperfine-run" \
        --out "$SANDBOX/out" "$SANDBOX/interpreters.tsv"
    assert_status 3
    assert_one_clear_line "hyperfine not found" "apt-get install hyperfine"
    assert_no_results "$SANDBOX/out"
}

@test "hyperfine-run: SIGTERM mid-run removes its temporary folder and writes nothing" {
    mkdir -p "$SANDBOX/tmp"
    interpreters_file "$SANDBOX/interpreters.tsv" 3.99.6 "$REAL_PYTHON"
    TMPDIR=$SANDBOX/tmp "$REPO_ROOT/bin/hyperfine-run" --out "$SANDBOX/out" --quick \
        "$SANDBOX/interpreters.tsv" 2>"$SANDBOX/stderr" &
    local pid=$! waited=0
    # Wait until it is measuring: its 50 MiB input file exists.
    until [ -n "$(find "$SANDBOX/tmp" -name input.bin 2>/dev/null)" ] || [ "$waited" -ge 100 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    sleep 0.5
    kill -TERM "$pid"
    local status=0
    wait "$pid" || status=$?
    [ "$status" -eq 143 ] || fail "exit status $status, expected 143" "$(cat "$SANDBOX/stderr")"
    grep -q "interrupted by signal 15" "$SANDBOX/stderr" || fail "no interrupted line" "$(cat "$SANDBOX/stderr")"
    [ -z "$(ls -A "$SANDBOX/tmp")" ] || fail "left in TMPDIR:" "$(ls -A "$SANDBOX/tmp")"
    assert_no_results "$SANDBOX/out"
}
