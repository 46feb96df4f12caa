#!/usr/bin/env bats
# make merge: run folders of several machines or times folded into one run folder, its
# labels carrying the host where hosts differ, its ratios only within a host; and the
# bad inputs it refuses with one line and exit 2.

load helper

setup_file() {
    build_compare
}

setup() {
    make_sandbox
}

# host_copy NAME FIXTURE HOST: a copy of a fixture run whose meta names HOST.
host_copy() {
    cp -r "$FIXTURES/runs/$2" "$SANDBOX/$1"
    rm -rf "$SANDBOX/$1/pyperf"
    sed -i "s/^host: .*/host: $3/" "$SANDBOX/$1/meta"
}

merge() {
    run --separate-stderr repo_make merge "$@"
}

labels_of() { # labels_of FILE: the python_version column's values, sorted, once each
    csv_rows "$1" python_version | sort -u | tr '\n' ' '
}

@test "merge of two hosts: labels with @host, ratios only within a host, plots, report, claims" {
    host_copy arm bench ci-arm
    host_copy x86 compare vm
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out"
    assert_status 0
    assert_contains "$output" "merge: merged 2 runs into $SANDBOX/out"
    [ "$(labels_of "$SANDBOX/out/samples.csv")" = \
        "2.7.18@vm 3.11.7@ci-arm 3.11.7@vm 3.13.0@vm 3.6.15@vm " ] ||
        fail "labels" "$(labels_of "$SANDBOX/out/samples.csv")"
    [ "$(labels_of "$SANDBOX/out/measurements.csv")" = "$(labels_of "$SANDBOX/out/samples.csv")" ] ||
        fail "measurements.csv's labels are not samples.csv's"
    # Every ratio is between two interpreters of one host: vm's, against 3.6.15@vm.
    [ "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u)" = "3.6.15@vm" ] ||
        fail "a ratio across hosts" "$(csv_rows "$SANDBOX/out/comparison.csv" baseline,python_version | sort -u)"
    grep -qx "hosts: ci-arm vm" "$SANDBOX/out/meta" || fail "meta has no hosts" "$(cat "$SANDBOX/out/meta")"
    grep -qx "cpu@ci-arm: AMD EPYC" "$SANDBOX/out/meta" || fail "meta has no cpu@ci-arm"
    grep -qx "python_path@3.11.7@ci-arm: /root/.pyenv/versions/3.11.7/bin/python3.11" \
        "$SANDBOX/out/meta" || fail "the bench run's keys are not relabelled"
    ! grep -q "^host:" "$SANDBOX/out/meta" || fail "one host given for several"
    run "$TEST_PYTHON" "$BATS_TEST_DIRNAME/run_folder_check.py" "$REPO_ROOT" headers \
        "$SANDBOX/out" bin/merge
    assert_status 0
    [ -z "$output" ] || fail "the merged folder disagrees with docs/run-folder.csv" "$output"
    local target
    for target in claims report; do  # report makes the plots first
        run --separate-stderr repo_make "$target" RUN="$SANDBOX/out"
        assert_status 0
    done
    [ -s "$SANDBOX/out/claims.csv" ] || fail "no claims.csv"
    grep -q "^### Hosts" "$SANDBOX/out/REPORT.md" || fail "REPORT.md has no hosts table"
    grep -q '^| CPU | AMD EPYC | AMD EPYC |$' "$SANDBOX/out/REPORT.md" ||
        fail "the hosts are not side by side" "$(sed -n '/### Hosts/,/###/p' "$SANDBOX/out/REPORT.md")"
    assert_contains "$(cat "$SANDBOX/out/REPORT.md")" 'hosts `ci-arm`, `vm`'
    # pyperf files: each interpreter's host and CPU, and one count of values across
    # runs of two modes (the quick bench run's and the comparison's).
    sed -i 's/^cpu: .*/cpu: Neoverse-N1/' "$SANDBOX/arm/meta"
    rm -rf "$SANDBOX/out"
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out"
    assert_status 0
    run --separate-stderr repo_make pyperf RUN="$SANDBOX/out"
    assert_status 0
    run --separate-stderr "$TEST_PYTHON" "$BATS_TEST_DIRNAME/pyperf_check.py" "$SANDBOX/out/pyperf"/*.json
    assert_status 0
    "$TEST_PYTHON" - "$SANDBOX/out/pyperf" <<'PY' || fail "the pyperf files' hosts"
import json, sys
def machine(label):
    run = json.load(open("%s/%s.json" % (sys.argv[1], label)))["benchmarks"][0]["runs"][0]
    return run["metadata"]["hostname"], run["metadata"]["cpu_model_name"]
assert machine("3.11.7@ci-arm") == ("ci-arm", "Neoverse-N1"), machine("3.11.7@ci-arm")
assert machine("3.11.7@vm") == ("vm", "AMD EPYC"), machine("3.11.7@vm")
PY
    [ ! -e "$SANDBOX/out.partial" ] || fail "the .partial folder is left"
}

@test "merge of one host's runs: plain labels; one interpreter of one host twice is refused" {
    host_copy one bench vm
    host_copy two bench vm  # made a bench run of 3.12.1, at another time
    sed -i 's/^python_version: 3\.11\.7$/python_version: 3.12.1/' "$SANDBOX/two/meta"
    sed -i 's/^3\.11\.7,/3.12.1,/' "$SANDBOX"/two/*.csv
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/out"
    assert_status 0
    [ "$(labels_of "$SANDBOX/out/samples.csv")" = "3.11.7 3.12.1 " ] ||
        fail "labels" "$(labels_of "$SANDBOX/out/samples.csv")"
    [ "$(csv_rows "$SANDBOX/out/comparison.csv" baseline,python_version | sort -u)" = \
        "3.11.7|3.12.1" ] || fail "the comparison of the two runs is missing"
    grep -qx "host: vm" "$SANDBOX/out/meta" || fail "the host is not given once"
    ! grep -q "^hosts:" "$SANDBOX/out/meta" || fail "hosts given for one host"
    rm -rf "$SANDBOX/out"
    host_copy three bench vm
    refused "$SANDBOX/one and $SANDBOX/three both measured Python 3.11.7 on host vm" \
        "$SANDBOX/one" "$SANDBOX/three"
    host_copy four compare vm  # 3.11.7 among its four: refused, whatever the order
    refused "$SANDBOX/four and $SANDBOX/one both measured Python 3.11.7 on host vm" \
        "$SANDBOX/four" "$SANDBOX/one"
}

@test "a merged run merged again keeps its hosts apart" {
    host_copy arm compare ci-arm
    host_copy x86 compare vm
    host_copy third bench ci-x86
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/first"
    assert_status 0
    merge RUNS="$SANDBOX/first $SANDBOX/third" OUT="$SANDBOX/out"
    assert_status 0
    # Every ratio is within a host: ci-arm's against 3.6.15@ci-arm, vm's against 3.6.15@vm.
    [ "$(csv_rows "$SANDBOX/out/comparison.csv" baseline,python_version |
        awk -F'|' '{ split($1, b, "@"); split($2, v, "@"); if (b[2] != v[2]) print }')" = "" ] ||
        fail "a ratio across hosts" "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u)"
    grep -qx "hosts: ci-arm vm ci-x86" "$SANDBOX/out/meta" || fail "hosts" "$(cat "$SANDBOX/out/meta")"
    grep -qx "cpu@vm: AMD EPYC" "$SANDBOX/out/meta" || fail "the first merge's host keys are lost"
    grep -qx "baselines: 3.6.15@ci-arm 3.6.15@vm 3.11.7@ci-x86" "$SANDBOX/out/meta" ||
        fail "baselines" "$(grep baselines "$SANDBOX/out/meta")"
    # The first merge's 3.11.7@vm, again from another run of vm: refused.
    rm -rf "$SANDBOX/out"
    host_copy fourth bench vm
    refused "both measured Python 3.11.7 on host vm" "$SANDBOX/first" "$SANDBOX/fourth"
}

@test "merge BASELINE: each host's ratios are to the version it names there" {
    host_copy arm compare ci-arm
    host_copy x86 compare vm
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out" BASELINE=3.11
    assert_status 0
    [ "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u | tr '\n' ' ')" = \
        "3.11.7@ci-arm 3.11.7@vm " ] || fail "baselines" \
        "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u)"
    grep -qx "baselines: 3.11.7@ci-arm 3.11.7@vm" "$SANDBOX/out/meta" || fail "meta baselines"
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out2" BASELINE=3.99
    assert_status 2
    assert_one_clear_line "BASELINE=3.99 is on no host"
    [ ! -e "$SANDBOX/out2" ] || fail "a run folder was made"
}

@test "merge of two hosts of several interpreters: the report and charts give each host's baseline" {
    host_copy arm compare ci-arm
    host_copy x86 compare vm
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out"
    assert_status 0
    run --separate-stderr repo_make report RUN="$SANDBOX/out"  # report makes the plots first
    assert_status 0
    local report=$SANDBOX/out/REPORT.md plots=$SANDBOX/out/plots
    grep -q '· baselines 3\.6\.15@ci-arm, 3\.6\.15@vm (one per host) ·' "$report" ||
        fail "the facts line does not name both baselines" "$(sed -n 3p "$report")"
    grep -qF '| 3.6.15@ci-arm (baseline) | 3.6.15@vm (baseline) |' "$report" ||
        fail "not both baselines are marked" "$(grep -m1 '^| case' "$report")"
    # A vm label's ratio is to 3.6.15@vm: no sentence gives ci-arm's baseline for all.
    ! grep -nE '(ratio to|against|than|version /) 3\.6\.15@ci-arm' "$report" ||
        fail "REPORT.md gives 3.6.15@ci-arm as every version's baseline"
    grep -qF 'ratio to the baseline of its host (3.6.15@ci-arm, 3.6.15@vm) [95% CI]' "$report" ||
        fail "the ratio tables do not name both baselines"
    # The ratio tables leave out both baselines, not only the first as unmeasured.
    grep -qxF '| case | n | 2.7.18@ci-arm | 2.7.18@vm | 3.11.7@ci-arm | 3.11.7@vm | 3.13.0@ci-arm | 3.13.0@vm |' \
        "$report" || fail "a ratio table's columns" "$(grep -A2 'ratio to' "$report" | head -3)"
    grep -q '^versions-copying,"copying: time per operation on each version, as a ratio to the baseline of its host (3\.6\.15@ci-arm, 3\.6\.15@vm) — CPython 2\.7\.18@ci-arm to 3\.13\.0@vm (6 versions)' \
        "$plots/charts.csv" || fail "the versions chart's title" "$(grep '^versions-copying' "$plots/charts.csv")"
    grep -qF 'time on the version ÷ time on the baseline of its host (below 1×: faster)' \
        "$plots/versions-copying.svg" || fail "the versions chart's axis"
    # More than 3 versions: the scaling chart draws each host's baseline and newest.
    grep -qF "drawn: 3.6.15@ci-arm, 3.6.15@vm, 3.13.0@ci-arm and 3.13.0@vm, each host's" \
        "$plots/scaling-copying.svg" || fail "the scaling chart's versions" \
        "$(grep '^scaling-copying' "$plots/charts.csv")"
}

# refused CAUSE RUNS...: make merge refuses with one line naming CAUSE, exit 2, no folder.
refused() {
    local cause=$1
    shift
    merge RUNS="$*" OUT="$SANDBOX/out"
    assert_status 2
    assert_one_clear_line "$cause"
    [ ! -e "$SANDBOX/out" ] && [ ! -e "$SANDBOX/out.partial" ] || fail "a folder was made"
}

@test "merge refuses one folder, a folder twice, a missing, incomplete or partial one" {
    host_copy one bench vm
    host_copy two compare vm
    refused "needs 2 or more run folders, got 1" "$SANDBOX/one"
    refused "needs 2 or more run folders, got 0"
    refused "$SANDBOX/one and $SANDBOX/one/ are the same run folder" "$SANDBOX/one" "$SANDBOX/one/"
    refused "no run folder $SANDBOX/nope" "$SANDBOX/one" "$SANDBOX/nope"
    mv "$SANDBOX/two" "$SANDBOX/two.partial"
    refused "is an incomplete run" "$SANDBOX/one" "$SANDBOX/two.partial"
    mv "$SANDBOX/two.partial" "$SANDBOX/two"
    rm "$SANDBOX/two/samples.csv"
    refused "$SANDBOX/two has no samples.csv" "$SANDBOX/one" "$SANDBOX/two"
    rm "$SANDBOX/two/meta"
    refused "$SANDBOX/two is not a run folder (it has no meta)" "$SANDBOX/one" "$SANDBOX/two"
}

@test "merge refuses a damaged file: a column missing, a row cut short, cases.csv without its column" {
    host_copy one bench vm
    host_copy two compare ci-arm
    cut -d, -f1-3 "$FIXTURES/runs/bench/samples.csv" >"$SANDBOX/one/samples.csv"
    refused "$SANDBOX/one/samples.csv: no column n, metric, unit, round, value, loops: the file is damaged" \
        "$SANDBOX/one" "$SANDBOX/two"
    cp "$FIXTURES/runs/bench/samples.csv" "$SANDBOX/one/samples.csv"
    sed -i '5s/,[^,]*$//' "$SANDBOX/one/samples.csv"
    refused "$SANDBOX/one/samples.csv: line 5 has 8 fields, its header 9" "$SANDBOX/one" "$SANDBOX/two"
    cp "$FIXTURES/runs/bench/samples.csv" "$SANDBOX/one/samples.csv"
    cut -d, -f1-3 "$FIXTURES/runs/bench/cases.csv" >"$SANDBOX/one/cases.csv"
    refused "$SANDBOX/one/cases.csv: no column definition" "$SANDBOX/one" "$SANDBOX/two"
}

@test "merge refuses runs of two suites whose shared cases differ, and an existing OUT" {
    host_copy one bench vm
    host_copy two compare ci-arm
    # The fixtures come from two commits with the same cases: they merge.
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/ok"
    assert_status 0
    merge RUNS="$SANDBOX/two $SANDBOX/one" OUT="$SANDBOX/ok"
    assert_status 2
    assert_one_clear_line "OUT=$SANDBOX/ok: $SANDBOX/ok already exists"
    # Without the fingerprints of cases.csv (runs made before it), sizes tell suites apart.
    rm "$SANDBOX/one/cases.csv"
    sed -i 's/^\(3\.11\.7,copying,flat_slice,\)10,/\111,/' "$SANDBOX/one/samples.csv"
    refused "different suites (suite_commit 60e7a3342104 and 12db67374e91) whose case copying/flat_slice differs" \
        "$SANDBOX/one" "$SANDBOX/two"
}

@test "merge refuses runs whose catalogues define a shared case differently (cases.csv)" {
    build_harness
    mkdir "$SANDBOX/catalogue"
    cp "$REPO_ROOT/bench/identity.py" "$SANDBOX/catalogue/"
    run_harness "$SANDBOX/one" --filter '^identity/id$'
    assert_status 0
    run_harness "$SANDBOX/two" --filter '^identity/(id|is_none)$' --catalogue "$SANDBOX/catalogue"
    assert_status 0
    sed -i 's/^host: .*/host: vm/' "$SANDBOX/one/meta"
    sed -i 's/^host: .*/host: ci-arm/' "$SANDBOX/two/meta"
    # The same cases from another folder (and one more case): the same definitions.
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/same"
    assert_status 0
    local version
    version=$(sed -n 's/^python_version: //p' "$SANDBOX/one/meta")
    [ "$(csv_rows "$SANDBOX/same/cases.csv" python_version,case | sort | tr '\n' ' ')" = \
        "$version@ci-arm|id $version@ci-arm|is_none $version@vm|id " ] ||
        fail "cases.csv is not the runs' rows, relabelled" "$(cat "$SANDBOX/same/cases.csv")"
    sed -i 's/stmt="id(x)"/stmt="id(x); id(x)"/' "$SANDBOX/catalogue/identity.py"
    grep -q 'stmt="id(x); id(x)"' "$SANDBOX/catalogue/identity.py" || fail "the case was not changed"
    run_harness "$SANDBOX/three" --filter '^identity/id$' --catalogue "$SANDBOX/catalogue"
    assert_status 0
    sed -i 's/^host: .*/host: ci-arm/' "$SANDBOX/three/meta"
    refused "$SANDBOX/one and $SANDBOX/three define case identity/id differently" \
        "$SANDBOX/one" "$SANDBOX/three"
}

@test "make merge RUNS, OUT and BASELINE: hostile values reach bin/merge as typed, nothing runs" {
    local marker=$SANDBOX/marker
    local hostile="zz'; touch $marker; echo \" \$(touch $marker) \$(shell touch $marker) \`touch $marker\`"
    host_copy one bench vm
    host_copy two bench ci-arm
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/$hostile"
    assert_status 0
    [ -d "$SANDBOX/$hostile" ] || fail "OUT did not reach bin/merge as typed" "$(ls "$SANDBOX")"
    local word="q'\"\$(touch)\`id\`\$\$\$(shell)"  # RUNS is split at blanks only
    merge RUNS="$SANDBOX/one $word" OUT="$SANDBOX/out"
    assert_status 2
    assert_one_clear_line "no run folder $word:"
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/out" BASELINE="$hostile"
    assert_status 2
    assert_one_clear_line "BASELINE=$hostile is on no host"
    [ ! -e "$marker" ] || fail "a command in a value ran"
}
