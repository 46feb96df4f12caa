#!/usr/bin/env bats
# tools/plots (make plots): the charts of a run folder as PNG and SVG, and charts.csv;
# each bad input gives its clear line.
#
# fixtures/runs/bench: a make bench run (one interpreter, no hyperfine/);
# fixtures/runs/compare: a make compare run (several interpreters, comparison.csv,
# hyperfine/hyperfine.csv). Both are subsets of real runs, read-only here: every test
# works on a copy. What each run should give is worked out from its own CSV files
# (check_charts), so the tests hold for any run the tools write.

load helper

PLOTS=$REPO_ROOT/tools/plots
CHARTS_HEADER=name,title,png,svg,status,reason

setup_file() {
    RUNS=$FIXTURES/runs
    # The interpreter itself, not a pyenv shim (which costs a good part of a second a
    # call): for tools/plots and for the checks.
    TEST_PYTHON=$("$TEST_PYTHON" -c 'import os, sys; print(os.path.realpath(sys.executable))')
    export RUNS TEST_PYTHON
    local kind status
    # One render of each fixture, shared by the tests that only read it.
    for kind in bench compare; do
        copy_run "$kind" "$BATS_FILE_TMPDIR/$kind"
        status=0
        "$TEST_PYTHON" "$PLOTS" "$BATS_FILE_TMPDIR/$kind" >"$BATS_FILE_TMPDIR/$kind.stdout" \
            2>"$BATS_FILE_TMPDIR/$kind.stderr" || status=$?
        echo "$status" >"$BATS_FILE_TMPDIR/$kind.status"
    done
}

setup() {
    make_sandbox
}

# copy_run KIND DIR: a writable copy of fixtures/runs/KIND, without plots/.
copy_run() {
    [ -d "$RUNS/$1" ] || { echo "no fixture $RUNS/$1" >&2; return 1; }
    rm -rf "$2"
    cp -R "$RUNS/$1" "$2"
    rm -rf "$2/plots"
}

# trim_run DIR: keeps, in DIR's measurements.csv and complexity.csv, the rows of one
# family only (the first with a case at 3 or more sizes), so that a test that renders
# stays fast.
trim_run() {
    "$TEST_PYTHON" - "$1" <<'PY'
import csv, os, sys
run = sys.argv[1]
def rows(name):
    with open(os.path.join(run, name), newline="") as stream:
        reader = csv.DictReader(stream)
        return reader.fieldnames, list(reader)
fields, meas = rows("measurements.csv")
sizes = {}
for r in meas:
    if r["metric"] == "time_per_op" and r["n"]:
        sizes.setdefault((r["family"], r["case"]), set()).add(r["n"])
families = [r["family"] for r in meas]
scaling = [f for f in families if any(len(s) >= 3 for (g, _), s in sizes.items() if g == f)]
keep = (scaling or families)[0]
for name in ("measurements.csv", "complexity.csv"):
    fields, table = rows(name)
    with open(os.path.join(run, name), "w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in table if r["family"] == keep)
PY
}

# plots ARGS...: tools/plots with stdout and stderr apart.
plots() {
    run --separate-stderr "$TEST_PYTHON" "$PLOTS" "$@"
}

# chart_status DIR NAME: the status column of chart NAME in DIR/plots/charts.csv.
chart_status() {
    csv_rows "$1/plots/charts.csv" status name="$2"
}

# assert_stderr_line TEXT...: some line of the last run's stderr starts with
# "idiombench: " and holds every TEXT.
assert_stderr_line() {
    "$TEST_PYTHON" - "${stderr:-}" "$@" <<'PY'
import sys
lines, texts = sys.argv[1].splitlines(), sys.argv[2:]
if not any(line.startswith("idiombench: ") and all(t in line for t in texts) for line in lines):
    sys.exit("FAIL: no stderr line starting 'idiombench: ' with %s in:\n%s"
             % (" and ".join(repr(t) for t in texts), sys.argv[1]))
PY
}

# drop_columns FILE COLUMN...: rewrites the CSV FILE without those columns.
drop_columns() {
    "$TEST_PYTHON" - "$@" <<'PY'
import csv, sys
path, drop = sys.argv[1], set(sys.argv[2:])
with open(path, newline="") as stream:
    rows = list(csv.reader(stream))
keep = [i for i, name in enumerate(rows[0]) if name not in drop]
with open(path, "w", newline="") as stream:
    csv.writer(stream, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
PY
}

# check_charts DIR: DIR/plots holds what DIR's CSV files call for, checked against an
# independent reading of them:
#   - charts.csv has the header, and a row (rendered) for every chart the data allows:
#     time-F, allocs-F, bytes-F (metric present), scaling-F (a case at 3+ sizes),
#     memory-F, resources-F (their metrics present), versions-F (2+ versions), startup
#     and programs (hyperfine rows); every other chart of a family is skipped, with a
#     reason; parts are <name>-2, -3...;
#   - every rendered PNG is a PNG (magic bytes, 800 px wide, > 3 kB), every SVG
#     well-formed XML with an <svg> root; no other PNG/SVG, no temporary file;
#   - each SVG holds the title of charts.csv (both halves around " — ");
#   - time-F's parts show every case of F (underscores intact) and every version;
#     scaling-F's every scaling case and its fitted curve on the newest version;
#     versions-F's every version; startup every interpreter; programs every program.
check_charts() {
    "$TEST_PYTHON" - "$1" <<'PY'
import csv, os, re, sys
import xml.etree.ElementTree as ET

run = sys.argv[1]
plots = os.path.join(run, "plots")
failures = []

def expect(condition, message):
    if not condition:
        failures.append(message)

def version_key(label):
    m = re.match(r"^(\d+(?:\.\d+)*)(?:#(\d+))?$", label)
    return (tuple(int(p) for p in m.group(1).split(".")), int(m.group(2) or 1)) if m else ((999,), 0)

def read(path):
    with open(path, newline="") as stream:
        return list(csv.DictReader(stream))

# What the run's data calls for
meas = read(os.path.join(run, "measurements.csv"))
families = []
for r in meas:
    if r["family"] not in families:
        families.append(r["family"])
expected, cases, scaling, versions = set(), {}, {}, {}
memory = {"retained_bytes", "peak_bytes", "rss_delta_bytes"}
resources = {"fds_delta", "resource_warnings", "gc_collections_gen0", "gc_collections_gen1",
             "gc_collections_gen2", "gc_collected"}
for f in families:
    rows = [r for r in meas if r["family"] == f]
    metrics = set(r["metric"] for r in rows)
    time_rows = [r for r in rows if r["metric"] == "time_per_op"]
    cases[f] = sorted(set(r["case"] for r in time_rows))
    versions[f] = sorted(set(r["python_version"] for r in time_rows), key=version_key)
    sizes = {}
    for r in time_rows:
        if r["n"]:
            sizes.setdefault(r["case"], set()).add(r["n"])
    scaling[f] = sorted(c for c, s in sizes.items() if len(s) >= 3)
    if time_rows:
        expected.add("time-" + f)
    if scaling[f]:
        expected.add("scaling-" + f)
    if "allocs_per_op" in metrics:
        expected.add("allocs-" + f)
    if "bytes_per_op" in metrics:
        expected.add("bytes-" + f)
    if metrics & memory:
        expected.add("memory-" + f)
    if metrics & resources:
        expected.add("resources-" + f)
    if len(versions[f]) >= 2:
        expected.add("versions-" + f)
hyper_path = os.path.join(run, "hyperfine", "hyperfine.csv")
hyper = read(hyper_path) if os.path.exists(hyper_path) else []
if any(r["program"] == "startup" for r in hyper):
    expected.add("startup")
if any(r["program"] != "startup" for r in hyper):
    expected.add("programs")
fits = {}
complexity_path = os.path.join(run, "complexity.csv")
if os.path.exists(complexity_path):
    for r in read(complexity_path):
        if r["metric"] == "time_per_op":
            fits[(r["python_version"], r["family"], r["case"])] = r["best_fit"]

# charts.csv
with open(os.path.join(plots, "charts.csv"), newline="") as stream:
    header = stream.readline().strip()
expect(header == "name,title,png,svg,status,reason", "charts.csv header: " + header)
charts = read(os.path.join(plots, "charts.csv"))
names = [c["name"] for c in charts]
expect(len(names) == len(set(names)), "charts.csv names a chart twice: %s" % names)

def base(name):
    m = re.match(r"^(.*)-(\d+)$", name)
    return m.group(1) if m and m.group(1) in expected else name

rendered = {}
for c in charts:
    expect(c["status"] in ("rendered", "skipped"), "%s: status %r" % (c["name"], c["status"]))
    if c["status"] == "rendered":
        rendered.setdefault(base(c["name"]), []).append(c)
        expect(c["png"] == c["name"] + ".png" and c["svg"] == c["name"] + ".svg",
               "%s: png/svg columns %r %r" % (c["name"], c["png"], c["svg"]))
        expect(not c["reason"], "%s is rendered but has a reason" % c["name"])
    else:
        expect(c["reason"].strip() != "", "%s is skipped without a reason" % c["name"])
        expect(not c["png"] and not c["svg"], "%s is skipped but names files" % c["name"])
for name in sorted(expected):
    expect(name in rendered, "%s should be rendered (charts.csv: %s)"
           % (name, [(c["name"], c["status"], c["reason"]) for c in charts if base(c["name"]) == name]))
for kind in ("time", "scaling", "allocs", "bytes", "memory", "resources", "versions"):
    for f in families:
        name = "%s-%s" % (kind, f)
        if name not in expected:
            expect(any(c["name"] == name and c["status"] == "skipped" for c in charts),
                   "%s should be listed as skipped" % name)
for name in ("startup", "programs"):
    if name not in expected:
        expect(any(c["name"] == name and c["status"] == "skipped" for c in charts),
               "%s should be listed as skipped" % name)

# the files
listed = set()
texts = {}
for c in charts:
    if c["status"] != "rendered":
        continue
    png, svg = os.path.join(plots, c["png"]), os.path.join(plots, c["svg"])
    listed.update([c["png"], c["svg"]])
    with open(png, "rb") as stream:
        data = stream.read()
    expect(data[:8] == b"\x89PNG\r\n\x1a\n", "%s is not a PNG" % c["png"])
    expect(len(data) > 3000, "%s is only %d bytes" % (c["png"], len(data)))
    expect(int.from_bytes(data[16:20], "big") == 800, "%s is %d px wide, not 800"
           % (c["png"], int.from_bytes(data[16:20], "big")))
    expect(os.path.getsize(svg) > 3000, "%s is only %d bytes" % (c["svg"], os.path.getsize(svg)))
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError as error:
        failures.append("%s is not well-formed XML: %s" % (c["svg"], error))
        continue
    expect(root.tag.endswith("svg"), "%s: root element %s" % (c["svg"], root.tag))
    found = ["".join(e.itertext()).strip() for e in root.iter() if e.tag.endswith("text")]
    texts[c["name"]] = found
    for half in c["title"].split(" — "):
        expect(half in found, "%s: no text %r in the SVG" % (c["svg"], half))
on_disk = set(x for x in os.listdir(plots) if x.endswith((".png", ".svg")))
expect(on_disk == listed, "files in plots/ but not in charts.csv: %s; listed but missing: %s"
       % (sorted(on_disk - listed), sorted(listed - on_disk)))
left = [x for x in os.listdir(plots) if ".tmp." in x or x.startswith(".")]
expect(not left, "temporary files left in plots/: %s" % left)

def shown(name):
    """Every SVG text of the chart's parts."""
    return [t for c in rendered.get(name, []) for t in texts.get(c["name"], [])]

def has_case(found, case):
    return any(t == case or t.startswith(case + " n=") or t.startswith(case + ": ")
               for t in found)

for f in families:
    found = shown("time-" + f)
    if found:
        for case in cases[f]:
            expect(has_case(found, case), "time-%s shows no case %r" % (f, case))
        for v in versions[f]:
            expect(v in found, "time-%s names no version %s" % (f, v))
    found = shown("scaling-" + f)
    if found:
        newest = versions[f][-1]
        for case in scaling[f]:
            expect(has_case(found, case), "scaling-%s shows no case %r" % (f, case))
            fit = fits.get((newest, f, case))
            if fit:
                expect(any(t.startswith(case + ": ") and t.endswith(fit) for t in found),
                       "scaling-%s: no key entry '%s: ... %s'" % (f, case, fit))
    found = shown("versions-" + f)
    if found:
        for v in versions[f]:
            expect(v in found, "versions-%s names no version %s" % (f, v))
        for case in cases[f]:
            expect(has_case(found, case), "versions-%s shows no case %r" % (f, case))
found = shown("startup")
for v in set(r["python_version"] for r in hyper if r["program"] == "startup"):
    expect(v in found, "startup names no interpreter %s" % v)
found = shown("programs")
for r in hyper:
    if r["program"] != "startup":
        expect(r["program"] in found, "programs shows no program %s" % r["program"])
        expect(r["python_version"] in found, "programs names no version %s" % r["python_version"])

if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
PY
}

@test "a bench run: every chart its data allows renders, the rest are skipped with the reason" {
    local dir=$BATS_FILE_TMPDIR/bench
    [ "$(cat "$dir.status")" -eq 0 ] || fail "exit status $(cat "$dir.status")" "$(cat "$dir.stderr")"
    check_charts "$dir"
    # one Python version and no hyperfine/: those charts are skipped, and say why
    [ "$(chart_status "$dir" startup)" = skipped ]
    assert_contains "$(csv_rows "$dir/plots/charts.csv" reason name=startup)" \
        "no hyperfine/hyperfine.csv in this run"
    local family
    family=$(csv_rows "$dir/measurements.csv" family metric=time_per_op | sed -n 1p)
    assert_contains "$(csv_rows "$dir/plots/charts.csv" reason name="versions-$family")" \
        "one Python version"
    stderr=$(cat "$dir.stderr")
    assert_stderr_line "skipped startup, programs" "no hyperfine/hyperfine.csv" "make compare"
    assert_stderr_line "versions-$family" "one Python version"
    # nothing but skipped charts on stderr: gnuplot said nothing
    if grep -v '^idiombench: plots: skipped ' "$dir.stderr"; then
        fail "unexpected lines on stderr" "$(cat "$dir.stderr")"
    fi
    assert_contains "$(cat "$dir.stdout")" "charts.csv lists them"
}

@test "a comparison run: every chart renders, clustered by version, with hyperfine's" {
    local dir=$BATS_FILE_TMPDIR/compare
    [ "$(cat "$dir.status")" -eq 0 ] || fail "exit status $(cat "$dir.status")" "$(cat "$dir.stderr")"
    check_charts "$dir"
    [ "$(chart_status "$dir" startup)" = rendered ]
    [ "$(chart_status "$dir" programs)" = rendered ]
    if grep -v '^idiombench: plots: skipped ' "$dir.stderr"; then
        fail "unexpected lines on stderr" "$(cat "$dir.stderr")"
    fi
}

@test "the title names the machine and the versions; the axes their units" {
    local dir=$BATS_FILE_TMPDIR/compare family host svg
    family=$(csv_rows "$dir/measurements.csv" family metric=time_per_op | sed -n 1p)
    host=$(sed -n 's/^host: //p' "$dir/meta")
    svg=$(cat "$dir/plots/time-$family.svg")
    assert_contains "$svg" "$family: net time per operation"
    assert_contains "$svg" "on $host"
    assert_contains "$svg" "net time per operation"
    assert_contains "$svg" "whiskers: min to max"
    grep -Eq '[0-9] (ns|µs|ms|s)</text>' "$dir/plots/time-$family.svg" ||
        fail "time-$family.svg has no tic label with a time unit"
    assert_contains "$(cat "$dir/plots/startup.svg")" "wall time per start-up"
    assert_contains "$(cat "$dir/plots/startup.svg")" "±1 standard deviation"
    # one font everywhere
    if grep -ho 'font-family="[^"]*"' "$dir"/plots/*.svg | grep -v 'font-family="DejaVu Sans"'; then
        fail "an SVG uses a font other than DejaVu Sans"
    fi
}

@test "two renders of one run are byte-identical" {
    copy_run compare "$SANDBOX/again"
    plots "$SANDBOX/again"
    assert_status 0
    local name count=0
    for name in "$BATS_FILE_TMPDIR"/compare/plots/*.png "$BATS_FILE_TMPDIR"/compare/plots/*.svg \
        "$BATS_FILE_TMPDIR"/compare/plots/charts.csv; do
        cmp "$name" "$SANDBOX/again/plots/${name##*/}" || fail "${name##*/} differs between renders"
        count=$((count + 1))
    done
    [ "$count" -gt 4 ]
}

@test "a run folder that does not exist: one line, exit 2, nothing written" {
    plots "$SANDBOX/no-such-run"
    assert_status 2
    assert_one_clear_line "no run folder" "$SANDBOX/no-such-run" "make bench"
    [ -z "$output" ]
    [ ! -e "$SANDBOX/no-such-run" ]
}

@test "a folder that is not a run: one line, exit 2" {
    mkdir "$SANDBOX/empty"
    plots "$SANDBOX/empty"
    assert_status 2
    assert_one_clear_line "is not a run folder" "measurements.csv"
    [ ! -e "$SANDBOX/empty/plots" ]
}

@test "measurements.csv without some columns: named; hyperfine's charts still render" {
    copy_run compare "$SANDBOX/run"
    drop_columns "$SANDBOX/run/measurements.csv" median max
    plots "$SANDBOX/run"
    assert_status 0
    assert_stderr_line "measurements.csv lacks the columns median, max" "results/README.md"
    [ "$(chart_status "$SANDBOX/run" startup)" = rendered ]
    [ -s "$SANDBOX/run/plots/programs.png" ]
    [ -z "$(csv_rows "$SANDBOX/run/plots/charts.csv" name status=rendered | grep '^time-')" ]
}

@test "nothing to draw (bad measurements.csv, no hyperfine/): exit 2 with the causes" {
    copy_run bench "$SANDBOX/run"
    drop_columns "$SANDBOX/run/measurements.csv" median
    plots "$SANDBOX/run"
    assert_status 2
    assert_stderr_line "measurements.csv lacks the column median"
    assert_stderr_line "skipped startup, programs" "no hyperfine/hyperfine.csv"
    assert_stderr_line "nothing to draw from $SANDBOX/run"
    [ "$(chart_status "$SANDBOX/run" startup)" = skipped ]
    [ -z "$(find "$SANDBOX/run/plots" -name '*.png')" ]
}

@test "a figure that is not a number: the file, line and column named" {
    copy_run bench "$SANDBOX/run"
    "$TEST_PYTHON" - "$SANDBOX/run/measurements.csv" <<'PY'
import sys
path = sys.argv[1]
lines = open(path).read().splitlines(True)
head = lines[0].rstrip("\n").split(",")
cells = lines[2].rstrip("\n").split(",")
cells[head.index("median")] = "fast"
lines[2] = ",".join(cells) + "\n"
open(path, "w").write("".join(lines))
PY
    plots "$SANDBOX/run"
    assert_status 2
    assert_stderr_line "measurements.csv line 3: median is 'fast', not a number"
}

@test "hyperfine.csv without a column: named, startup and programs skipped, the rest drawn" {
    copy_run compare "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    drop_columns "$SANDBOX/run/hyperfine/hyperfine.csv" mean_s
    plots "$SANDBOX/run"
    assert_status 0
    assert_stderr_line "hyperfine.csv lacks the column mean_s"
    assert_stderr_line "skipped startup, programs" "hyperfine.csv is unusable"
    [ "$(chart_status "$SANDBOX/run" startup)" = skipped ]
    [ "$(chart_status "$SANDBOX/run" programs)" = skipped ]
    [ -n "$(csv_rows "$SANDBOX/run/plots/charts.csv" name status=rendered | grep '^time-')" ]
}

@test "complexity.csv without best_fit: named; the scaling charts are drawn without fits" {
    copy_run compare "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    drop_columns "$SANDBOX/run/complexity.csv" best_fit
    plots "$SANDBOX/run"
    assert_status 0
    assert_stderr_line "complexity.csv lacks the column best_fit" "no fitted curves"
    local scaling
    scaling=$(csv_rows "$SANDBOX/run/plots/charts.csv" name status=rendered | grep '^scaling-' | sed -n 1p)
    [ -n "$scaling" ] || skip "the compare fixture has no scaling case"
    assert_contains "$(cat "$SANDBOX/run/plots/$scaling.svg")" "no complexity.csv: no fitted curves"
}

@test "a chart that lost its data since the last render is removed with it" {
    cp -R "$BATS_FILE_TMPDIR/compare" "$SANDBOX/run"
    [ -s "$SANDBOX/run/plots/startup.png" ]
    trim_run "$SANDBOX/run"
    rm -r "$SANDBOX/run/hyperfine"
    plots "$SANDBOX/run"
    assert_status 0
    [ ! -e "$SANDBOX/run/plots/startup.png" ] || fail "startup.png is left from the last render"
    [ ! -e "$SANDBOX/run/plots/startup.svg" ]
    [ "$(chart_status "$SANDBOX/run" startup)" = skipped ]
    # and the charts of the families trimmed away
    local files rendered
    files=$(find "$SANDBOX/run/plots" -name '*.png' | wc -l)
    rendered=$(csv_rows "$SANDBOX/run/plots/charts.csv" name status=rendered | wc -l)
    [ "$files" -eq "$rendered" ] || fail "$files PNGs in plots/, $rendered charts rendered"
}

@test "gnuplot missing: one line naming the package, exit 3, nothing written" {
    copy_run bench "$SANDBOX/run"
    mkdir "$SANDBOX/bin"
    # the tool's own #! line finds python3 on PATH, where there is no gnuplot
    ln -s "$TEST_PYTHON" "$SANDBOX/bin/python3"
    run --separate-stderr env PATH="$SANDBOX/bin" "$PLOTS" "$SANDBOX/run"
    assert_status 3
    assert_one_clear_line "gnuplot is not installed" "apt-get install gnuplot-nox"
    [ ! -e "$SANDBOX/run/plots" ]
    GNUPLOT=$SANDBOX/bin/no-gnuplot plots "$SANDBOX/run"
    assert_status 3
    assert_one_clear_line "apt-get install gnuplot-nox"
}

@test "gnuplot failing halfway leaves no half chart and no temporary file" {
    copy_run bench "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    # a gnuplot that draws every file, then fails
    cat >"$SANDBOX/gnuplot" <<EOF
#!/bin/sh
[ "\$1" = --version ] && exec $(command -v gnuplot) --version
$(command -v gnuplot) "\$@"
echo 'simulated failure' >&2
exit 1
EOF
    chmod +x "$SANDBOX/gnuplot"
    GNUPLOT=$SANDBOX/gnuplot plots "$SANDBOX/run"
    assert_status 1
    assert_stderr_line "not rendered" "gnuplot failed" "simulated failure"
    assert_stderr_line "nothing to draw"
    [ -z "$(find "$SANDBOX/run/plots" -name '*.png' -o -name '*.svg')" ] ||
        fail "charts were left:" "$(ls "$SANDBOX/run/plots")"
    assert_no_temp_files "$SANDBOX/run/plots"
    [ -z "$(csv_rows "$SANDBOX/run/plots/charts.csv" name status=rendered)" ]
}

@test "without an argument it draws results/latest, and says so when there is none" {
    local suite=$SANDBOX/suite
    mkdir -p "$suite/tools" "$suite/plots" "$suite/results"
    cp "$PLOTS" "$suite/tools/plots"
    cp "$REPO_ROOT"/tools/plots_*.py "$REPO_ROOT"/tools/labels.py "$REPO_ROOT"/tools/meta.py "$REPO_ROOT"/tools/run_folder.py \
        "$suite/tools/"
    cp "$REPO_ROOT"/plots/*.gp "$suite/plots/"
    run --separate-stderr "$TEST_PYTHON" "$suite/tools/plots"
    assert_status 2
    assert_one_clear_line "results/latest does not exist" "make bench"
    copy_run bench "$suite/results/run-1"
    trim_run "$suite/results/run-1"
    ln -s run-1 "$suite/results/latest"
    run --separate-stderr "$TEST_PYTHON" "$suite/tools/plots"
    assert_status 0
    [ -s "$suite/results/run-1/plots/charts.csv" ]
}

@test "--help describes the charts; a second argument is refused" {
    plots --help
    assert_status 0
    assert_contains "$output" "charts.csv"
    assert_contains "$output" "scaling-<family>"
    plots "$SANDBOX/a" "$SANDBOX/b"
    assert_status 2
    assert_one_clear_line "usage: tools/plots [RUN]"
}

@test "every chart says the same under gnuplot 5.4 and 6.0: its texts match the golden list" {
    # fixtures/plots/compare-svg-text.txt: every title, label, tic and key text of the
    # comparison fixture's SVGs, as gnuplot 5.4 (Debian 12) drew them; make test-distros
    # runs this under gnuplot 6.0 (Debian 13, sid). Regenerate it after changing a chart:
    #   tools/plots RUN && python3 tests/e2e/fixtures/plots/svg_text.py RUN/plots
    local dir=$BATS_FILE_TMPDIR/compare
    [ "$(cat "$dir.status")" -eq 0 ] || fail "exit status $(cat "$dir.status")" "$(cat "$dir.stderr")"
    run "$TEST_PYTHON" "$FIXTURES/plots/svg_text.py" "$dir/plots"
    assert_status 0
    diff -u "$FIXTURES/plots/compare-svg-text.txt" - <<<"$output" ||
        fail "the charts' texts differ from the golden list ($(gnuplot --version))"
}
