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
    # Like make bench and make compare, make merge decides the claims and writes pyperf/.
    [ -s "$SANDBOX/out/claims.csv" ] && [ -s "$SANDBOX/out/pyperf/3.11.7@ci-arm.json" ] ||
        fail "no claims.csv or pyperf/ after the merge" "$(ls "$SANDBOX/out")"
    rm "$SANDBOX/out/claims.csv"
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

@test "merge of two hosts: the report speaks of both, each run's filter kept, pyperf's example within a host" {
    host_copy arm bench ci-arm
    host_copy x86 compare vm
    sed -i 's/--quick --out/--quick --filter=^(copying|gc)\/ --out/' "$SANDBOX/arm/meta"
    sed -i 's/^filter: $/filter: ^identity\//' "$SANDBOX/x86/meta"
    merge RUNS="$SANDBOX/arm $SANDBOX/x86" OUT="$SANDBOX/out"
    assert_status 0
    assert_contains "$output" "compare_to --table $SANDBOX/out/pyperf/2.7.18@vm.json $SANDBOX/out/pyperf/3.6.15@vm.json"
    grep -qx 'filter@3.11.7@ci-arm: ^(copying|gc)/' "$SANDBOX/out/meta" ||
        fail "the bench run's filter" "$(cat "$SANDBOX/out/meta")"
    grep -qx 'filter@3.13.0@vm: ^identity/' "$SANDBOX/out/meta" || fail "the comparison's filter"
    grep -qx 'rounds@3.13.0@vm: 5' "$SANDBOX/out/meta" || fail "the comparison's rounds"
    run --separate-stderr repo_make report RUN="$SANDBOX/out"
    assert_status 0
    local report=$SANDBOX/out/REPORT.md
    grep -q '^# idiombench: 5 CPythons compared' "$report" || fail "title" "$(head -1 "$report")"
    grep -q '^- \*\*The machines.\*\* Hosts `ci-arm` and `vm`' "$report" ||
        fail "the machines caveat" "$(grep -n machine "$report")"
    ! grep -q 'Host `?`' "$report" || fail "a host the run does not have"
    grep -q '^| Filter | 2.7.18@vm, 3.6.15@vm, 3.11.7@vm, 3.13.0@vm: `^identity/`; 3.11.7@ci-arm: `^(copying\\|gc)/` |$' \
        "$report" || fail "the filters" "$(grep -n Filter "$report")"
    ! grep -q '^| `\(noise_floor\|filter\|rounds\)' "$report" || fail "raw keys in The run"
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
    host_copy three compare vm
    sed -i '/^host:/d' "$SANDBOX/one/meta" "$SANDBOX/three/meta"
    refused "$SANDBOX/one and $SANDBOX/three name no host in their meta" \
        "$SANDBOX/one" "$SANDBOX/three"
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

# relabel RUN OLD NEW: RUN's interpreter OLD renamed NEW in its files and meta, as if
# another version had been measured.
relabel() {
    local file
    for file in "$SANDBOX/$1"/*.csv; do
        sed -i "s/^$2,/$3,/" "$file"
    done
    sed -i "s/^python_version: $2\$/python_version: $3/" "$SANDBOX/$1/meta"
}

@test "merge checks every pair of runs: a third that differs from the second alone is refused" {
    host_copy one bench a
    host_copy two bench b
    host_copy three compare c
    # one measured no copying case; two and three both did, with other definitions.
    sed -i '/^[^,]*,copying,/d' "$SANDBOX/one/cases.csv"
    sed -i 's/^\([^,]*,copying,flat_slice\),.*/\1,0000000000000000/' "$SANDBOX/three/cases.csv"
    refused "$SANDBOX/two and $SANDBOX/three define case copying/flat_slice differently" \
        "$SANDBOX/one" "$SANDBOX/two" "$SANDBOX/three"
}

@test "runs of one host that disagree on a host fact: each interpreter keeps its own" {
    host_copy one bench same
    host_copy two compare same
    relabel one 3.11.7 3.12.1
    sed -i 's/^compiler: .*/compiler: clang 16/' "$SANDBOX/one/meta"
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/out"
    assert_status 0
    grep -qx "compiler: clang 16 (3.12.1); gcc 12.2.0 (2.7.18 3.6.15 3.11.7 3.13.0)" \
        "$SANDBOX/out/meta" || fail "the compilers are not both named" "$(cat "$SANDBOX/out/meta")"
    grep -qx "compiler@3.12.1: clang 16" "$SANDBOX/out/meta" || fail "3.12.1 lost its compiler"
    grep -qx "compiler@3.6.15: gcc 12.2.0" "$SANDBOX/out/meta" || fail "3.6.15 lost its compiler"
    grep -qx "cpu: AMD EPYC" "$SANDBOX/out/meta" || fail "a fact they share is not given once"
    # Merged again with another host, each interpreter keeps its own compiler.
    host_copy three bench other
    merge RUNS="$SANDBOX/out $SANDBOX/three" OUT="$SANDBOX/again"
    assert_status 0
    grep -qx "compiler@3.12.1@same: clang 16" "$SANDBOX/again/meta" ||
        fail "the merged run's own facts were lost" "$(cat "$SANDBOX/again/meta")"
    grep -qx "compiler@other: gcc 12.2.0" "$SANDBOX/again/meta" || fail "the new host's facts"
}

@test "merge refuses a value that is no number, binary data and text not UTF-8, naming file and line" {
    host_copy one bench vm
    host_copy two compare ci-arm
    sed -i '5s/,[^,]*,\([^,]*\)$/,oops,\1/' "$SANDBOX/one/samples.csv"
    refused "$SANDBOX/one/samples.csv: line 5: value 'oops' is not a number" \
        "$SANDBOX/one" "$SANDBOX/two"
    cp "$FIXTURES/runs/bench/samples.csv" "$SANDBOX/one/samples.csv"
    printf '3.11.7,copying\0\0\0\n' >>"$SANDBOX/one/samples.csv"
    refused "$SANDBOX/one/samples.csv: binary data (a NUL byte) on line 842" \
        "$SANDBOX/one" "$SANDBOX/two"
    cp "$FIXTURES/runs/bench/samples.csv" "$SANDBOX/one/samples.csv"
    printf '3.11.7,copying,\377\376\n' >>"$SANDBOX/one/samples.csv"
    refused "$SANDBOX/one/samples.csv: byte" "$SANDBOX/one" "$SANDBOX/two"
    # A byte-order mark (a file saved by an editor) is read past, in a CSV and in meta.
    cp "$FIXTURES/runs/bench/samples.csv" "$SANDBOX/one/samples.csv"
    sed -i '1s/^/\xef\xbb\xbf/' "$SANDBOX/one/samples.csv" "$SANDBOX/one/meta"
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/out"
    assert_status 0
    [ "$(labels_of "$SANDBOX/out/samples.csv")" = \
        "2.7.18@ci-arm 3.11.7@ci-arm 3.11.7@vm 3.13.0@ci-arm 3.6.15@ci-arm " ] ||
        fail "the host was not read past the mark" "$(labels_of "$SANDBOX/out/samples.csv")"
}

@test "merge of a run without samples: compared without it; as a baseline or alone, refused" {
    host_copy empty bench vm
    host_copy two compare ci-arm
    head -1 "$FIXTURES/runs/bench/samples.csv" >"$SANDBOX/empty/samples.csv"
    refused "host vm: none of its interpreters (3.11.7@vm) has a sample" \
        "$SANDBOX/empty" "$SANDBOX/two"
    # On the same host as the comparison, as its oldest 3.x: the next oldest is the baseline.
    sed -i 's/^host: .*/host: ci-arm/' "$SANDBOX/empty/meta"
    relabel empty 3.11.7 3.5.10
    merge RUNS="$SANDBOX/empty $SANDBOX/two" OUT="$SANDBOX/out"
    assert_status 0
    assert_contains "$stderr" "3.5.10 has no samples (every case failed)"
    [ "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u)" = "3.6.15" ] ||
        fail "the baseline" "$(csv_rows "$SANDBOX/out/comparison.csv" baseline | sort -u)"
    merge RUNS="$SANDBOX/empty $SANDBOX/two" OUT="$SANDBOX/out2" BASELINE=3.5
    assert_status 2
    assert_one_clear_line "BASELINE=3.5: 3.5.10 has no samples (every case failed); pick another"
}

@test "merge OUT: not a .partial name, not inside a run merged; an unwritable one is exit 4" {
    host_copy one bench vm
    host_copy two compare ci-arm
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/out.partial"
    assert_status 2
    assert_one_clear_line "OUT=$SANDBOX/out.partial ends in .partial"
    merge RUNS="$SANDBOX/one $SANDBOX/two" OUT="$SANDBOX/two/merged"
    assert_status 2
    assert_one_clear_line "OUT=$SANDBOX/two/merged is inside $SANDBOX/two, a run being merged"
    [ ! -e "$SANDBOX/two/merged" ] || fail "the input run was written into"
    # make's own status is 2 whatever its recipe's: bin/merge tells write failures apart.
    run --separate-stderr "$REPO_ROOT/bin/merge" --out /proc/idiombench-merge \
        "$SANDBOX/one" "$SANDBOX/two"
    assert_status 4
    assert_one_clear_line "cannot write /proc/idiombench-merge.partial"
}

@test "merge stopped by SIGTERM leaves no folder and no child; piped into head it loses nothing" {
    host_copy one bench vm
    host_copy two compare ci-arm
    # Rounds enough that the merge lasts while the test stops it.
    awk -F, -v OFS=, 'NR == 1 { print; next } { print; for (r = 1; r <= 100; r++) { $7 = $7 + 5 * r; print } }' \
        "$FIXTURES/runs/compare/samples.csv" >"$SANDBOX/two/samples.csv"
    "$REPO_ROOT/bin/merge" --out "$SANDBOX/out" "$SANDBOX/one" "$SANDBOX/two" \
        >"$SANDBOX/log" 2>&1 &
    local pid=$! waited=0 status=0
    until [ -d "$SANDBOX/out.partial" ] || [ "$waited" -gt 600 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    [ -d "$SANDBOX/out.partial" ] || fail "the merge never began" "$(cat "$SANDBOX/log")"
    kill -TERM "$pid"
    wait "$pid" || status=$?
    [ "$status" -eq 143 ] || fail "exit $status after SIGTERM" "$(cat "$SANDBOX/log")"
    [ ! -e "$SANDBOX/out.partial" ] && [ ! -e "$SANDBOX/out" ] || fail "a folder was left"
    sleep 0.2
    ! pgrep -f "idiombench-compare --samples $SANDBOX" >/dev/null ||
        fail "idiombench-compare goes on" "$(pgrep -af idiombench-compare)"
    "$REPO_ROOT/bin/merge" --out "$SANDBOX/piped" "$SANDBOX/one" "$SANDBOX/two" | head -1 >/dev/null
    [ "${PIPESTATUS[0]}" -eq 0 ] || fail "exit ${PIPESTATUS[0]} when its reader went away"
    [ -s "$SANDBOX/piped/comparison.csv" ] || fail "no merged run when piped into head"
}
