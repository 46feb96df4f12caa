#!/usr/bin/env bats
# make's entry points: help (every variable listed), bench (into --out and into
# results/<run-id>, quiet when the harness is up to date), build; and the README's catalogue
# table and sample output against the harness's --list.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
}

teardown() {
    restore_results_folder
}

# --- results/ is the suite's: a test that runs into it puts it back as it was. ---

restore_results_folder() {
    [ -n "${RESULTS_REMEMBERED:-}" ] || return 0
    # Remove the run folder this test made, and nothing else: when the output did not
    # name it, the new folders whose meta records this test's command.
    local name
    if [ -n "${CREATED_RUN:-}" ]; then
        case $CREATED_RUN in
            "$RESULTS"/[0-9]*-py*) rm -rf "$CREATED_RUN" ;;
        esac
    else
        ls -A "$RESULTS" 2>/dev/null | sort | comm -13 "$RUNS_BEFORE" - | while read -r name; do
            case $name in
                [0-9]*-py*)
                    grep -qxF "command: $IDIOMBENCH $DEFAULT_RUN_ARGS" "$RESULTS/$name/meta" 2>/dev/null &&
                        rm -rf "${RESULTS:?}/$name"
                    ;;
            esac
        done
    fi
    rm -f "$RESULTS/.latest.tmp"
    if [ "$LATEST_WAS" = absent ]; then
        rm -f "$RESULTS/latest"
    else
        ln -sfn "$LATEST_WAS" "$RESULTS/latest"
    fi
    RESULTS_REMEMBERED=
}

# --- help ---

@test "make help lists bench, validate, test, build and clean" {
    run repo_make help
    assert_status 0
    local target
    for target in bench validate test build clean; do
        grep -Eq "^[[:space:]]*${target}[[:space:]]+[^[:space:]]" <<<"$output" ||
            fail "make help does not list '$target'" "$output"
    done
}

# The variables a makefile reads from the user: those it makes as typed (mk/quote.mk's
# as_typed, the Makefile's USER_VARIABLES) and those it gives a default with ?=.
user_variables_of() { # user_variables_of MAKEFILE
    awk '/^USER_VARIABLES *:=/ { for (k = 3; k <= NF; k++) print $k }
         /\$\(call as_typed,/ { list = $0; sub(/.*as_typed,/, "", list); sub(/\).*/, "", list)
                                if (list !~ /\$/) { n = split(list, w, " "); for (k = 1; k <= n; k++) print w[k] } }
         /^[A-Za-z_][A-Za-z0-9_]* *\?=/ { name = $0; sub(/ *\?=.*/, "", name); print name }' "$1" |
        sort -u
}

# The value a makefile's `NAME ?= VALUE` gives NAME (empty when none).
default_of() { # default_of MAKEFILE NAME
    sed -n "s/^$2 *?= *//p" "$1" | head -n 1 | sed 's/ *$//'
}

@test "make help: every variable a makefile reads is listed with its meaning and default" {
    local makefile names name line default checked=0
    for makefile in Makefile mk/*.mk; do
        grep -q '^help:' "$REPO_ROOT/$makefile" || continue
        run make --no-print-directory -C "$REPO_ROOT" -f "$makefile" help
        assert_status 0
        names=$(user_variables_of "$REPO_ROOT/$makefile")
        [ -n "$names" ] || fail "found no variables in $makefile (the test's pattern is stale)"
        for name in $names; do
            line=$(sed -n '/^variables/,$p' <<<"$output" | grep -E "^  $name  +[^ ]" || true)
            [ -n "$line" ] || fail "make -f $makefile help does not list the variable $name" \
                "add a '#= $name: what it means' line above its ?= line" "$output"
            default=$(default_of "$REPO_ROOT/$makefile" "$name")
            [ -z "$default" ] || assert_contains "$line" "(default $default)"
            [ "$(wc -c <<<"$line")" -le 121 ] || fail "$name's line is over 120 characters" "$line"
            checked=$((checked + 1))
        done
    done
    [ "$checked" -ge 10 ] || fail "only $checked variables checked"
    # The Makefile's own: the ones the README's commands use.
    run repo_make help
    for name in QUICK FILTER PYTHON PYTHONS BASELINE RUN ARGS INSTRUCTIONS; do
        grep -Eq "^  $name  " <<<"$output" || fail "make help does not list $name" "$output"
    done
}

@test "make with no target prints the help" {
    run repo_make
    assert_status 0
    grep -Eq '^[[:space:]]*bench[[:space:]]' <<<"$output" || fail "no help from plain make" "$output"
}

# --- bench into --out ---

@test "make bench FILTER: a regex with \$ and | reaches the harness as typed" {
    local out=$SANDBOX/run
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/is_none$|identity/eq_none$' \
        INSTRUCTIONS=0 ARGS="--out $out --repetitions 2"
    assert_status 0
    [ "$(progress_lines | wc -l)" -eq 2 ] || fail "expected 2 cases (make ate the \$)" "$output"
}

# --- the instructions pass ---

@test "make bench counts instructions per operation by default, into the same run folder" {
    local out=$SANDBOX/run
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/is_(none|true)$' \
        ARGS="--out $out --repetitions 2"
    assert_status 0
    # The timed pass's lines, then the instruction pass's, each numbered 1..2.
    [ "$(progress_lines | grep -c ' ns/op')" -eq 2 ] || fail "expected 2 timed lines" "$output"
    [ "$(progress_lines | grep -c ' instr/op')" -eq 2 ] || fail "expected 2 counted lines" "$output"
    [ "$(csv_rows "$out/measurements.csv" case metric=instructions_per_op | sort | tr '\n' ' ')" \
        = "is_none is_true " ] || fail "no instruction rows" "$(cat "$out/measurements.csv")"
    # Exact counts: a statement that allocates nothing counts the same in both samples.
    run csv_rows "$out/samples.csv" value case=is_none metric=instructions_per_op
    [ "$(wc -l <<<"$output")" -eq 2 ] && [ "$(sort -u <<<"$output" | wc -l)" -eq 1 ] ||
        fail "is_none's two instruction samples differ" "$output"
    awk -v v="$(head -n 1 <<<"$output")" 'BEGIN { exit !(v > 0) }' ||
        fail "a count per operation must be positive" "$output"
    # One header per file: the pass's rows are appended, not its files.
    [ "$(grep -c '^python_version,' "$out/measurements.csv")" -eq 1 ] || fail "two headers"
    assert_no_temp_files "$out"
    [ "$(csv_rows "$out/claims.csv" claim | wc -l)" -gt 0 ] || fail "no claims decided"
    # And the run as pyperf reads it: one file, the counts as their own benchmarks.
    run "$TEST_PYTHON" "$BATS_TEST_DIRNAME/pyperf_check.py" "$out"/pyperf/*.json
    assert_status 0
    grep -q '"identity/is_none:instructions_per_op", "unit": "integer"' "$out"/pyperf/*.json ||
        fail "no instructions benchmark in the pyperf file" "$(ls "$out/pyperf")"
}

@test "make bench INSTRUCTIONS=0 and ARGS=--instruments time leave the instructions out" {
    local out=$SANDBOX/run
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/is_none$' INSTRUCTIONS=0 \
        ARGS="--out $out --repetitions 2"
    assert_status 0
    ! grep -q 'instr/op' <<<"$output" || fail "instructions were counted" "$output"
    [ -z "$(csv_rows "$out/measurements.csv" case metric=instructions_per_op)" ] ||
        fail "instruction rows with INSTRUCTIONS=0"
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/is_none$' \
        ARGS="--out $out-time --repetitions 2 --instruments time"
    assert_status 0
    [ "$(csv_rows "$out-time/measurements.csv" metric | tr '\n' ' ')" = "time_per_op " ] ||
        fail "--instruments time: rows other than time" "$(cat "$out-time/measurements.csv")"
    ! grep -q instructions_per_op "$out-time/unavailable.csv" ||
        fail "--instruments time: instructions reported unavailable" "$(cat "$out-time/unavailable.csv")"
}

@test "make bench without valgrind: the run goes on, unavailable.csv says why per case" {
    # A PATH with every command but valgrind; check-deps only names the package.
    local bin=$SANDBOX/bin out=$SANDBOX/run tool
    mkdir -p "$bin"
    for tool in /usr/local/bin/* /usr/bin/* /bin/*; do
        [ "$(basename "$tool")" = valgrind ] || [ -e "$bin/$(basename "$tool")" ] ||
            ln -s "$tool" "$bin/$(basename "$tool")"
    done
    run --separate-stderr env PATH="$bin" IDIOMBENCH_NO_INSTALL=1 \
        make -C "$REPO_ROOT" --no-print-directory bench PYTHON="$TEST_PYTHON" QUICK=1 \
        FILTER='identity/is_none$' ARGS="--out $out --repetitions 2"
    assert_status 0
    assert_contains "$stderr" "valgrind"
    assert_contains "$stderr" "instructions per operation left out"
    run csv_rows "$out/unavailable.csv" case,metric
    assert_contains "$output" "is_none|instructions_per_op"
    [ -n "$(csv_rows "$out/measurements.csv" case metric=time_per_op)" ] || fail "no time rows"
}

@test "make bench QUICK=1 FILTER=... ARGS='--out DIR' measures the selected cases" {
    local out=$SANDBOX/run
    run --separate-stderr repo_make bench QUICK=1 FILTER='identity/(is|eq)_(none|true)$' \
        INSTRUCTIONS=0 ARGS="--out $out --repetitions 2 --ci-target 0"
    assert_status 0

    # Progress: one "[ i/4] identity/..." line per case, numbered 1..4.
    local progress
    progress=$(progress_lines)
    [ "$(wc -l <<<"$progress")" -eq 4 ] || fail "expected 4 progress lines" "$output"
    local i
    for i in 1 2 3 4; do
        grep -Eq "^\[ ?$i/4\] identity/(is|eq)_(none|true) " <<<"$progress" ||
            fail "no progress line [ $i/4] identity/..." "$output"
    done
    assert_contains "$output" "results in $out"

    # measurements.csv: the exact header, one row per case and metric.
    [ -f "$out/measurements.csv" ] || fail "no $out/measurements.csv" "$output"
    [ "$(csv_header "$out/measurements.csv")" = "$MEASUREMENTS_HEADER" ] ||
        fail "measurements.csv header differs" "$(csv_header "$out/measurements.csv")"
    local metric cases
    for metric in time_per_op allocs_per_op bytes_per_op; do
        cases=$(csv_rows "$out/measurements.csv" case metric="$metric" | sort | tr '\n' ' ')
        [ "$cases" = "eq_none eq_true is_none is_true " ] ||
            fail "$metric rows are for '$cases', expected one per selected case"
    done
    [ "$(csv_rows "$out/measurements.csv" case | wc -l)" -eq 12 ] ||
        fail "expected 12 rows (4 cases x 3 metrics)" "$(cat "$out/measurements.csv")"
    # Every row: this Python, the identity family, no n, 2 repetitions (adaptive sampling
    # off), some loops.
    local python_version
    python_version=$("$TEST_PYTHON" -c 'import platform; print(platform.python_version())')
    run csv_rows "$out/measurements.csv" python_version,family,n,repetitions
    [ "$(sort -u <<<"$output")" = "$python_version|identity||2" ] ||
        fail "unexpected key columns" "$output"
    run csv_rows "$out/measurements.csv" loops
    ! grep -Evq '^[1-9][0-9]*$' <<<"$output" || fail "loops must be positive integers" "$output"

    # failures.csv: written, empty but for its header.
    [ "$(cat "$out/failures.csv")" = "$FAILURES_HEADER" ] ||
        fail "failures.csv should hold only its header" "$(cat "$out/failures.csv")"

    # meta: the facts of the run, one "key: value" line each.
    [ -f "$out/meta" ] || fail "no $out/meta"
    local key
    for key in host cpu kernel compiler python_version python_path python_cflags \
        suite_commit clock gbench_build_type command settings noise_floor_cv_pct \
        noise_floor_drift_pct noise_floor_method; do
        grep -Eq "^$key: ." "$out/meta" || fail "meta has no '$key: ...' line" "$(cat "$out/meta")"
    done
    grep -qx "python_version: $python_version" "$out/meta" ||
        fail "meta python_version is not $python_version" "$(cat "$out/meta")"
    grep -E '^command: ' "$out/meta" | grep -q -- "--filter" ||
        fail "meta command does not record --filter" "$(cat "$out/meta")"
    grep -E '^settings: ' "$out/meta" | grep -q "repetitions 2" ||
        fail "meta settings do not record the repetitions" "$(cat "$out/meta")"
    assert_no_temp_files "$out"
}

@test "make bench without --out writes results/<run-id> and points results/latest at it" {
    remember_results_folder
    DEFAULT_RUN_ARGS="--quick --filter identity/is_none$ --repetitions 2"
    run repo_make bench QUICK=1 FILTER='identity/is_none$' INSTRUCTIONS=0 ARGS="--repetitions 2"
    local run_dir
    run_dir=$(sed -n 's/^idiombench: .* results in \(.*\)$/\1/p' <<<"$output")
    CREATED_RUN=$run_dir
    assert_status 0
    [ -n "$run_dir" ] || fail "no 'results in DIR' line" "$output"
    [ "$(dirname "$run_dir")" = "$RESULTS" ] || fail "the run went to $run_dir, not into $RESULTS"
    local run_id
    run_id=$(basename "$run_dir")
    [[ $run_id =~ ^[0-9]{8}-[0-9]{6}-py[0-9]+\.[0-9]+\.[0-9]+(-[0-9]+)?$ ]] ||
        fail "run id '$run_id' is not YYYYmmdd-HHMMSS-pyX.Y.Z[-k]"
    ! grep -qxF "$run_id" "$RUNS_BEFORE" || fail "the run reused an existing folder $run_id"

    [ -f "$run_dir/measurements.csv" ] || fail "no measurements.csv in $run_dir"
    [ "$(csv_header "$run_dir/measurements.csv")" = "$MEASUREMENTS_HEADER" ] || fail "bad header"
    [ "$(csv_rows "$run_dir/measurements.csv" case,metric | sort | tr '\n' ' ')" = \
        "is_none|allocs_per_op is_none|bytes_per_op is_none|time_per_op " ] ||
        fail "unexpected rows" "$(cat "$run_dir/measurements.csv")"
    [ -f "$run_dir/failures.csv" ] && [ -f "$run_dir/meta" ] || fail "failures.csv or meta missing"

    [ -L "$RESULTS/latest" ] || fail "results/latest is not a symbolic link"
    [ "$(readlink "$RESULTS/latest")" = "$run_id" ] ||
        fail "results/latest points at '$(readlink "$RESULTS/latest")', not '$run_id'"
    [ "$(cd "$RESULTS/latest" && pwd -P)" = "$(cd "$run_dir" && pwd -P)" ] ||
        fail "results/latest does not resolve to the run folder"
    [ ! -e "$RESULTS/.latest.tmp" ] || fail "results/.latest.tmp was left behind"
    assert_no_temp_files "$run_dir"
}

@test "make bench PYTHON=/usr/bin/python3.X (the system's own) measures that interpreter" {
    # Whichever the release has: 3.11 on Debian 12, 3.13 on Debian 13, 3.13 to 3.15 on sid.
    local python
    python=$(ls /usr/bin/python3.* 2>/dev/null | grep -E '/python3\.[0-9]+$' | head -n 1)
    [ -n "$python" ] || skip "no /usr/bin/python3.X on this machine"
    local out=$SANDBOX/run version
    version=$("$python" -c 'import platform; print(platform.python_version())')
    run --separate-stderr repo_make bench PYTHON="$python" QUICK=1 FILTER='identity/is_none$' \
        INSTRUCTIONS=0 ARGS="--out $out --repetitions 2"
    assert_status 0
    assert_contains "$output" "Python $version"
    grep -Eq '^\[ ?1/1\] identity/is_none ' <<<"$output" || fail "no progress line" "$output"
    [ "$(csv_rows "$out/measurements.csv" python_version,case,metric | sort | tr '\n' ' ')" = \
        "$version|is_none|allocs_per_op $version|is_none|bytes_per_op $version|is_none|time_per_op " ] ||
        fail "rows are not for Python $version" "$(cat "$out/measurements.csv")"
    grep -qx "python_path: $python" "$out/meta" || fail "meta python_path is not $python" "$(cat "$out/meta")"
    grep -qx "python_version: $version" "$out/meta" || fail "meta python_version is not $version"
}

# --- build ---

@test "make build PYTHON=python9.9 fails with one line naming the unknown Python" {
    run --separate-stderr repo_make build PYTHON=python9.9
    [ "$status" -ne 0 ] || fail "make build PYTHON=python9.9 succeeded"
    assert_one_clear_line "unknown Python" "python9.9"
    [ -z "$output" ] || fail "make build printed on stdout" "$output"
}

@test "make build and make bench say nothing of make when the harness is up to date" {
    run repo_make build
    assert_status 0
    run repo_make build
    assert_status 0
    [ -z "$output" ] || fail "make build of an up-to-date harness printed something" "$output"
    local out=$SANDBOX/run
    run repo_make bench QUICK=1 FILTER='identity/is_none$' INSTRUCTIONS=0 \
        ARGS="--out $out --repetitions 2 --instruments time --no-observations"
    assert_status 0
    ! grep -Eq "is up to date|Nothing to be done|^make(\[[0-9]+\])?:" <<<"$output" ||
        fail "make bench printed make's own messages" "$output"
    # One case, one row (time only): the counts agree with their nouns.
    assert_contains "$output" "idiombench: 1 measured, 0 failed, 1 row in $out"
}

@test "a harness build that fails still shows the compiler's error and fails" {
    # A compiler that fails, in a build folder of its own (variant "failing-cc").
    local cc=$SANDBOX/cc tag
    printf '#!/bin/sh\necho "failing-cc: error: no compiler here" >&2\nexit 1\n' >"$cc"
    chmod +x "$cc"
    tag=$(basename "$(dirname "$IDIOMBENCH")")
    run --separate-stderr env CC="$cc" "$REPO_ROOT/bin/build-harness" "$TEST_PYTHON" failing-cc
    rm -rf "${REPO_ROOT:?}/build/$tag-failing-cc"
    [ "$status" -ne 0 ] || fail "the build succeeded with a failing compiler" "$output"
    assert_contains "$stderr" "failing-cc: error: no compiler here"
}

@test "the harness's summary lines say 1 measurement, 1 observation and 1 row, never a plural for 1" {
    cat >"$SANDBOX/one.py" <<'PY'
CASES = [dict(name="one", stmt="x = 1")]
OBSERVATIONS = [dict(name="seen", code="result = 1")]
PY
    run_harness "$SANDBOX/run" --repetitions 2 --catalogue "$SANDBOX/one.py" --instruments time
    assert_status 0
    assert_contains "$output" "idiombench: 1 observation recorded"
    assert_contains "$output" "1 measured, 0 failed, 1 row in"
    assert_contains "$output" ", 1 measurement (quick), results in"
    ! grep -Eq '(^|[^0-9.])1 [a-z]+s\b' <<<"$output" ||
        fail "a count of 1 with a plural noun" "$output"
}

# setup_file built the harness already: these tests take it away, or make a source newer
# than it, so that only a build by make build can pass them. A harness a failed build
# leaves missing is put back, so that the tests after still have one.
put_back_harness() { # put_back_harness COPY
    [ -x "$IDIOMBENCH" ] || cp -p "$1" "$IDIOMBENCH"
}

@test "make build builds the harness for the default Python when it is missing" {
    local kept=$BATS_TEST_TMPDIR/idiombench.kept
    mv "$IDIOMBENCH" "$kept"
    run --separate-stderr repo_make build
    local built=no
    [ -x "$IDIOMBENCH" ] && built=yes
    put_back_harness "$kept"
    assert_status 0
    [ "$built" = yes ] || fail "no harness at $IDIOMBENCH after make build" "$stderr"
    assert_contains "$stderr" "LINK"
    "$IDIOMBENCH" --list >/dev/null || fail "the harness make build linked does not run"
}

@test "make build rebuilds the harness when a source changed" {
    local kept=$BATS_TEST_TMPDIR/idiombench.kept
    cp -p "$IDIOMBENCH" "$kept"
    touch "$REPO_ROOT/src/common/fdio.c"
    run --separate-stderr repo_make build
    put_back_harness "$kept"
    assert_status 0
    assert_contains "$stderr" "obj/common/fdio.o"
    [ "$IDIOMBENCH" -nt "$kept" ] || fail "make build left the harness as it was" "$stderr"
}

# --- the README a newcomer reads ---

# "family cases measurements" a line, sorted, from the harness's --list (a measurement
# is a case at one of its sizes).
catalogue_counts() {
    "$IDIOMBENCH" --list | awk '{ split($1, name, "/"); cases[name[1]]++; units = 1
        if ($2 ~ /^n=/) units = split(substr($2, 3), sizes, ",")
        measurements[name[1]] += units }
        END { for (f in cases) print f, cases[f], measurements[f] }' | sort
}

@test "README: the catalogue table has every family, with its true case and measurement counts" {
    local want got total
    want=$(catalogue_counts)
    [ "$(wc -l <<<"$want")" -ge 9 ] || fail "the catalogue lists fewer than 9 families" "$want"
    got=$(sed -n '/^## The catalogue/,/^## /p' "$REPO_ROOT/README.md" |
        sed -n 's/^| `\([a-z_]*\)` |.*| \([0-9]*\) | \([0-9]*\) | [^|]* |$/\1 \2 \3/p' | sort)
    [ "$got" = "$want" ] || fail "README's catalogue table (family cases measurements):" "$got" \
        "--- idiombench --list has:" "$want"
    # The whole catalogue's count, quoted beside make bench.
    total=$(awk '{ n += $3 } END { print n }' <<<"$want")
    grep -Eq "^    make bench  .*[^0-9]$total measurements\)" "$REPO_ROOT/README.md" ||
        fail "README's 'make bench' line does not say $total measurements" \
            "$(grep -E '^    make bench  ' "$REPO_ROOT/README.md")"
}

@test "README: the sample output of make bench counts its family's measurements as the harness does" {
    local listed sample family n want
    listed=$("$IDIOMBENCH" --list | awk '{ print $1 }')
    sample=$(grep -E '^    \[ *[0-9]+/[0-9]+\] [a-z_]+/' "$REPO_ROOT/README.md" || true)
    [ "$(wc -l <<<"$sample")" -ge 4 ] || fail "no sample progress lines in README.md" "$sample"
    family=$(sed -E 's/^ *\[[^]]*\] ([a-z_]+)\/.*/\1/' <<<"$sample" | sort -u)
    [ "$(wc -l <<<"$family")" -eq 1 ] || fail "the sample mixes families:" "$family"
    want=$(catalogue_counts | awk -v f="$family" '$1 == f { print $3 }')
    n=$(sed -E 's/^ *\[ *[0-9]+\/([0-9]+)\].*/\1/' <<<"$sample" | sort -u)
    [ "$n" = "$want" ] || fail "the sample counts to '$n'; $family has $want measurements" "$sample"
    grep -Eq "^    idiombench: Python [^,]*, $want measurements" "$REPO_ROOT/README.md" ||
        fail "the sample's first line does not say $want measurements"
    local case_name
    for case_name in $(sed -E 's/^ *\[[^]]*\] ([^ ]+).*/\1/' <<<"$sample"); do
        grep -qxF "$case_name" <<<"$listed" || fail "the sample's $case_name is not in the catalogue"
    done
    grep -Eq "^    idiombench: $want measured, " "$REPO_ROOT/README.md" ||
        fail "the sample's summary does not say $want measured"
}
