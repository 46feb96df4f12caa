#!/usr/bin/env bats
# The Python glue's plumbing: one table of exit statuses (the harness's), one error, one
# say/warn (py/idiombench/run/errors.py), and the harness's machine-readable listing,
# `--list --format csv`, which bin/compare and the instructions pass read
# (py/idiombench/run/harness.py). Their unit tests (tests/unit/py/, Python's unittest)
# run as one test here.

load helper

setup_file() {
    build_harness
}

@test "plumbing: the unit tests of run/errors.py and run/harness.py pass" {
    cd "$REPO_ROOT"
    run "$TEST_PYTHON" -m unittest discover -s tests/unit/py
    [ "$status" -eq 0 ] || fail "python3 -m unittest discover -s tests/unit/py failed" "$output"
}

@test "--list --format csv lists what --list lists, one CSV row a case" {
    run --separate-stderr "$IDIOMBENCH" --list --filter '^(copying|gc)/'
    assert_status 0
    local text=$output
    run --separate-stderr "$IDIOMBENCH" --list --format csv --filter '^(copying|gc)/'
    assert_status 0
    [ "${lines[0]}" = "family,case,sizes,instruments,gc,skipped" ] ||
        fail "the listing's header is '${lines[0]}'" "$output"
    # The CSV rows, written back as --list's lines, are --list's lines.
    local again
    again=$("$TEST_PYTHON" -c '
import csv, sys
for row in csv.DictReader(sys.stdin):
    line = "%s/%s" % (row["family"], row["case"])
    if row["sizes"]:
        line += "  n=" + row["sizes"]
    line += "  [%s%s]" % (row["instruments"], ",gc on" if row["gc"] == "on" else "")
    if row["skipped"]:
        line += "  skipped: " + row["skipped"]
    print(line)' <<<"$output")
    [ "$again" = "$text" ] || fail "the CSV listing differs from --list" "--- --list:" "$text" \
        "--- the CSV, as --list lines:" "$again"
}

@test "--format other than text or csv is one clear line, exit 2" {
    run --separate-stderr "$IDIOMBENCH" --list --format xml
    assert_status 2
    assert_one_clear_line "--format 'xml' is not text or csv"
    run --separate-stderr "$IDIOMBENCH" --list --format text --filter '^copying/flat_alias$'
    assert_status 0
    [ "$output" = "copying/flat_alias  n=10,100,1000,10000,100000  [time,allocs]" ] ||
        fail "--format text is not --list's text" "$output"
}
