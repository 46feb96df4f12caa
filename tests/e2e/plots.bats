#!/usr/bin/env bats
# bin/plots (make plots): the charts of a run folder as PNG and SVG, and charts.csv;
# each bad input gives its clear line.
#
# fixtures/runs/bench: a make bench run (one interpreter, no hyperfine/);
# fixtures/runs/compare: a make compare run (several interpreters, comparison.csv,
# hyperfine/hyperfine.csv). Both are subsets of real runs, read-only here: every test
# works on a copy. What each run should give is worked out from its own CSV files
# (check_charts), so the tests hold for any run the tools write.

load helper

PLOTS=$REPO_ROOT/bin/plots
CHARTS_HEADER=$(defined_header plots/charts.csv)

setup_file() {
    RUNS=$FIXTURES/runs
    # The interpreter itself, not a pyenv shim (which costs a good part of a second a
    # call): for bin/plots and for the checks.
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

# plots ARGS...: bin/plots with stdout and stderr apart.
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
#     time-F, allocs-F, bytes-F (metric present; `stated` in one sentence instead when
#     every figure is 0), scaling-F (a case at 3+ sizes), memory-F, resources-F (their
#     metrics present), versions-F (2+ versions), startup and programs (hyperfine
#     rows), idioms (some pair of py/idiombench/plots/idioms.py measured); every other chart of a
#     family is skipped, with a reason; parts are <name>-2, -3...;
#   - every rendered PNG is a PNG (magic bytes, 800 px wide, at most 900 px tall,
#     > 3 kB), every SVG well-formed XML with an <svg> root; no other PNG/SVG, no
#     temporary file;
#   - each SVG holds the title of charts.csv (both halves around " — "; a long title
#     broken between words over two lines of text);
#   - time-F's parts show every case of F (underscores intact) and every version;
#     scaling-F's every scaling case, and its complexity on the newest version only as
#     the fit decides it (fit_label's rule, worked out here from the rms errors);
#     versions-F's every case, every version but the baseline, and the baseline in the
#     title; startup every interpreter; programs every program; idioms every pair;
#   - charts of absolute values say their dots are medians and what the whiskers are
#     (interquartile range), never min to max or a standard deviation;
#   - at most 6 charts are headlines, idioms first when it is drawn.
check_charts() {
    "$TEST_PYTHON" - "$1" <<'PY'
import csv, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.environ["REPO_ROOT"], "py"))
from idiombench.run.fit_label import CURVES, DECISIVE_RATIO
from idiombench.plots.idioms import PAIRS

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
expected, cases, scaling, versions, zero = set(), {}, {}, {}, set()
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
    for metric, kind in (("allocs_per_op", "allocs"), ("bytes_per_op", "bytes")):
        if metric in metrics:
            expected.add("%s-%s" % (kind, f))
            if all(float(r["median"]) == 0 for r in rows if r["metric"] == metric):
                zero.add("%s-%s" % (kind, f))
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
measured = set((r["family"], r["case"], r["metric"]) for r in meas)
pairs = [p for p in PAIRS if (p.family, p.reference, p.metric) in measured
         and (p.family, p.candidate, p.metric) in measured]
if pairs:
    expected.add("idioms")
fits = {}
complexity_path = os.path.join(run, "complexity.csv")
if os.path.exists(complexity_path):
    for r in read(complexity_path):
        if r["metric"] == "time_per_op":
            errors = sorted((float(r[column]), label) for label, column in CURVES)
            decided = errors[1][0] >= errors[0][0] * DECISIVE_RATIO
            fits[(r["python_version"], r["family"], r["case"])] = (
                errors[0][1], decided,
                [label for label, column in CURVES
                 if float(r[column]) <= errors[0][0] * DECISIVE_RATIO])

# charts.csv
with open(os.path.join(plots, "charts.csv"), newline="") as stream:
    header = stream.readline().strip()
expect(header == "name,title,png,svg,status,reason,headline", "charts.csv header: " + header)
charts = read(os.path.join(plots, "charts.csv"))
names = [c["name"] for c in charts]
expect(len(names) == len(set(names)), "charts.csv names a chart twice: %s" % names)

def base(name):
    m = re.match(r"^(.*)-(\d+)$", name)
    return m.group(1) if m and m.group(1) in expected else name

rendered = {}
for c in charts:
    expect(c["status"] in ("rendered", "skipped", "stated"),
           "%s: status %r" % (c["name"], c["status"]))
    if c["status"] == "rendered":
        rendered.setdefault(base(c["name"]), []).append(c)
        expect(c["png"] == c["name"] + ".png" and c["svg"] == c["name"] + ".svg",
               "%s: png/svg columns %r %r" % (c["name"], c["png"], c["svg"]))
        expect(not c["reason"], "%s is rendered but has a reason" % c["name"])
    else:
        expect(c["reason"].strip() != "", "%s is %s without a reason" % (c["name"], c["status"]))
        expect(not c["png"] and not c["svg"], "%s is %s but names files" % (c["name"], c["status"]))
        expect(not c["headline"], "%s is a headline but not drawn" % c["name"])
stated = dict((c["name"], c["reason"]) for c in charts if c["status"] == "stated")
for name in sorted(expected):
    if name in zero:
        expect(name in stated and "(0 " in stated[name] and name.split("-", 1)[1] in stated[name],
               "%s is all zeros: it should be stated in a sentence naming the family and the 0 "
               "(charts.csv: %s)" % (name, [(c["name"], c["status"], c["reason"]) for c in charts
                                            if base(c["name"]) == name]))
        continue
    expect(name in rendered, "%s should be rendered (charts.csv: %s)"
           % (name, [(c["name"], c["status"], c["reason"]) for c in charts if base(c["name"]) == name]))
expect(not set(stated) - zero, "stated but not all zeros: %s" % sorted(set(stated) - zero))
headlines = [c["name"] for c in charts if c["headline"] == "yes"]
expect(len(headlines) <= 6, "%d headline charts: %s" % (len(headlines), headlines))
if "idioms" in rendered:
    expect(headlines[:1] == ["idioms"], "idioms is drawn but not the first headline: %s" % headlines)
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
    expect(int.from_bytes(data[20:24], "big") <= 900, "%s is %d px tall, more than 900"
           % (c["png"], int.from_bytes(data[20:24], "big")))
    expect(os.path.getsize(svg) > 3000, "%s is only %d bytes" % (c["svg"], os.path.getsize(svg)))
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError as error:
        failures.append("%s is not well-formed XML: %s" % (c["svg"], error))
        continue
    expect(root.tag.endswith("svg"), "%s: root element %s" % (c["svg"], root.tag))
    found = ["".join(e.itertext()).strip() for e in root.iter() if e.tag.endswith("text")]
    texts[c["name"]] = found
    # A title too long for one line goes on in the next line of text.
    joined = " ".join(found)
    for half in c["title"].split(" — "):
        expect(half in joined, "%s: no text %r in the SVG" % (c["svg"], half))
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
            entries = [t for t in found if t.startswith(case + ": O(")]
            if not fit:
                continue
            best, decided, candidates = fit
            want = best if decided else " or ".join(candidates) + "?"
            prefix = "%s: %s" % (case, want)
            expect(len(entries) == 1 and entries[0].startswith(prefix)
                   and entries[0][len(prefix):][:1] in (",", " ")
                   and (decided or "undecided" in entries[0]),
                   "scaling-%s: the key gives %r where the fit says %r%s"
                   % (f, entries, want, "" if decided else " (undecided)"))
    found = shown("versions-" + f)
    if found:
        baseline = [r["baseline"] for r in read(os.path.join(run, "comparison.csv"))][0]
        for v in versions[f]:
            if v != baseline:
                expect(v in found, "versions-%s names no version %s" % (f, v))
        expect(any(t.endswith("as a ratio to " + baseline) for t in found),
               "versions-%s: no title naming the baseline %s" % (f, baseline))
        for case in cases[f]:
            expect(has_case(found, case), "versions-%s shows no case %r" % (f, case))
        expect("1×" in found, "versions-%s has no 1× tic" % f)
found = shown("startup")
for v in set(r["python_version"] for r in hyper if r["program"] == "startup"):
    expect(v in found, "startup names no interpreter %s" % v)
found = shown("idioms")
for p in pairs:
    expect(any(t == p.label or t.startswith(p.label + " (n=") for t in found),
           "idioms shows no pair %r" % p.label)
for name, found in texts.items():
    if re.match(r"^(time|allocs|bytes|memory|resources)-|^(startup|programs)$", name):
        text = " ".join(found)
        expect("median" in text and "interquartile range" in text,
               "%s does not say its dots are medians and its whiskers interquartile ranges" % name)
        expect("min to max" not in text and "standard deviation" not in text,
               "%s quotes min to max or a standard deviation" % name)
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
    # the skipped charts in one line of stdout; nothing on stderr: gnuplot said nothing
    [ "$(grep -c 'skipped' "$dir.stdout")" -eq 1 ] || fail "not one line of skipped charts" \
        "$(cat "$dir.stdout")"
    assert_contains "$(grep skipped "$dir.stdout")" "startup and programs"
    assert_contains "$(grep skipped "$dir.stdout")" "no hyperfine/hyperfine.csv"
    assert_contains "$(grep skipped "$dir.stdout")" "make compare"
    [ ! -s "$dir.stderr" ] || fail "unexpected lines on stderr" "$(cat "$dir.stderr")"
    assert_contains "$(cat "$dir.stdout")" "charts.csv lists them"
    # one prefix for every line, and no wall of lines
    if grep -v '^plots: ' "$dir.stdout"; then
        fail "a line of stdout without the prefix 'plots: '"
    fi
    [ "$(wc -l <"$dir.stdout")" -le 3 ] || fail "more than 3 lines on stdout" "$(cat "$dir.stdout")"
}

@test "a comparison run: every chart renders, clustered by version, with hyperfine's" {
    local dir=$BATS_FILE_TMPDIR/compare
    [ "$(cat "$dir.status")" -eq 0 ] || fail "exit status $(cat "$dir.status")" "$(cat "$dir.stderr")"
    check_charts "$dir"
    [ "$(chart_status "$dir" startup)" = rendered ]
    [ "$(chart_status "$dir" programs)" = rendered ]
    [ ! -s "$dir.stderr" ] || fail "unexpected lines on stderr" "$(cat "$dir.stderr")"
}

@test "the title names the machine and the versions; the axes their units" {
    local dir=$BATS_FILE_TMPDIR/compare family host svg
    family=$(csv_rows "$dir/measurements.csv" family metric=time_per_op | sed -n 1p)
    host=$(sed -n 's/^host: //p' "$dir/meta")
    svg=$(cat "$dir/plots/time-$family.svg")
    assert_contains "$svg" "$family: net time per operation"
    assert_contains "$svg" "on $host"
    assert_contains "$svg" "net time per operation"
    assert_contains "$svg" "dots: median of"
    assert_contains "$svg" "whiskers: interquartile range"
    assert_contains "$svg" "quick mode"
    assert_contains "$svg" "timing noise: median coefficient of variation"
    grep -Eq '[0-9] (ns|µs|ms|s)</text>' "$dir/plots/time-$family.svg" ||
        fail "time-$family.svg has no tic label with a time unit"
    assert_contains "$(cat "$dir/plots/startup.svg")" "wall time per start-up"
    assert_contains "$(cat "$dir/plots/startup.svg")" "dots: median of"
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
    assert_one_clear_line "is not a run folder" "no meta"
    [ ! -e "$SANDBOX/empty/plots" ]
    echo "host: vm" >"$SANDBOX/empty/meta"  # a meta, but nothing to draw from
    plots "$SANDBOX/empty"
    assert_status 2
    assert_one_clear_line "is not a run folder" "measurements.csv"
    [ ! -e "$SANDBOX/empty/plots" ]
}

@test "measurements.csv without some columns: named; hyperfine's charts still render" {
    copy_run compare "$SANDBOX/run"
    drop_columns "$SANDBOX/run/measurements.csv" median loops
    plots "$SANDBOX/run"
    assert_status 0
    assert_stderr_line "measurements.csv lacks the columns median, loops" "docs/run-folder.md"
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
    assert_stderr_line "skipped 2 charts" "startup and programs" "no hyperfine/hyperfine.csv"
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
    drop_columns "$SANDBOX/run/hyperfine/hyperfine.csv" median_s
    plots "$SANDBOX/run"
    assert_status 0
    assert_stderr_line "hyperfine.csv lacks the column median_s"
    assert_contains "$output" "startup and programs (hyperfine/hyperfine.csv is unusable)"
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
    assert_contains "$(cat "$SANDBOX/run/plots/$scaling.svg")" "no complexity fits in this run: no fitted curves"
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
    mkdir -p "$suite/bin" "$suite/py" "$suite/plots" "$suite/results" "$suite/docs"
    cp "$PLOTS" "$suite/bin/plots"
    cp -R "$REPO_ROOT/py/idiombench" "$suite/py/"
    cp "$REPO_ROOT/docs/run-folder.csv" "$suite/docs/"
    cp "$REPO_ROOT"/plots/*.gp "$suite/plots/"
    run --separate-stderr "$TEST_PYTHON" "$suite/bin/plots"
    assert_status 2
    assert_one_clear_line "results/latest does not exist" "make bench"
    copy_run bench "$suite/results/run-1"
    trim_run "$suite/results/run-1"
    ln -s run-1 "$suite/results/latest"
    run --separate-stderr "$TEST_PYTHON" "$suite/bin/plots"
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
    assert_one_clear_line "usage: bin/plots [RUN]"
}

@test "every chart says the same under gnuplot 5.4 and 6.0: its texts match the golden list" {
    # fixtures/plots/compare-svg-text.txt: every title, label, tic and key text of the
    # comparison fixture's SVGs, as gnuplot 5.4 (Debian 12) drew them; make test-distros
    # runs this under gnuplot 6.0 (Debian 13, sid). Regenerate it after changing a chart:
    #   bin/plots RUN && python3 tests/e2e/fixtures/plots/svg_text.py RUN/plots
    local dir=$BATS_FILE_TMPDIR/compare
    [ "$(cat "$dir.status")" -eq 0 ] || fail "exit status $(cat "$dir.status")" "$(cat "$dir.stderr")"
    run "$TEST_PYTHON" "$FIXTURES/plots/svg_text.py" "$dir/plots"
    assert_status 0
    diff -u "$FIXTURES/plots/compare-svg-text.txt" - <<<"$output" ||
        fail "the charts' texts differ from the golden list ($(gnuplot --version))"
}

# charts_data DIR SCRIPT: runs the python SCRIPT with `charts` (bin/plots' charts of
# DIR, not rendered: their data files and parameters) and `run` (the run) defined.
charts_data() {
    "$TEST_PYTHON" - "$1" "$2" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["REPO_ROOT"], "py"))
from idiombench.plots.charts import all_charts
from idiombench.plots.run import load_run
run, _ = load_run(sys.argv[1])
charts = all_charts(run)
failures = []
def expect(condition, message):
    if not condition:
        failures.append(message)
def dots(chart, panel=1):
    """[(x, y, rgb)] of a chart's dots, and {y: (low, high)} of its whiskers."""
    points = [tuple(float(v) for v in line.split()[:3])
              for line in chart.render.files["dots_%d.dat" % panel].splitlines()]
    whiskers = {}
    for line in chart.render.files["whisk_%d.dat" % panel].splitlines():
        x, y, low, high = (float(v) for v in line.split())
        whiskers[y] = (low, high)
    return [p for p in points if p[1] < 5], whiskers
exec(sys.argv[2])
if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
PY
}

@test "versions charts: each case's ratio to the baseline with its 95% interval, a line at 1x" {
    charts_data "$RUNS/compare" '
import csv, math
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "comparison.csv"))))
drawn = [c for c in charts if c.name.startswith("versions-") and c.render]
expect(drawn, "no versions chart")
for chart in drawn:
    family = chart.name.split("-")[1]
    points, whiskers = dots(chart)
    expect("P_REF[1] = 1\n" in chart.render.params, "%s: no line at 1x" % chart.name)
    expect("P_SCALE[1] = \x27log2\x27" in chart.render.params, "%s: not a log-2 axis" % chart.name)
    ratios = [(float(r["ratio"]), float(r["ci_low"]), float(r["ci_high"])) for r in rows
              if r["family"] == family and r["metric"] == "time_per_op" and r["ratio"]]
    expect(len(points) >= 1, "%s: no dots" % chart.name)
    for x, y, rgb in points:
        match = [r for r in ratios if math.isclose(r[0], x, rel_tol=1e-6)]
        expect(match, "%s: a dot at %g that is no ratio of comparison.csv" % (chart.name, x))
        if match and y in whiskers:
            low, high = whiskers[y]
            expect(any(math.isclose(low, r[1], rel_tol=1e-6) and math.isclose(high, r[2], rel_tol=1e-6)
                       for r in match), "%s: the whisker of %g is not its 95%% interval" % (chart.name, x))
        elif match:
            failures.append("%s: the ratio %g has no interval" % (chart.name, x))
    expect("95% interval" in chart.render.params, "%s: the subtitle does not name the interval" % chart.name)
'
}

@test "versions charts: a ratio is coloured only beyond the noise and the practical threshold" {
    copy_run compare "$SANDBOX/run"
    # two ratios beyond the noise: one within the practical threshold, one beyond it
    "$TEST_PYTHON" - "$SANDBOX/run/comparison.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
time_rows = [r for r in rows if r["metric"] == "time_per_op" and not r["n"]]
for r, (ratio, low, high) in zip(time_rows[:2], [(1.01, 1.005, 1.015), (1.5, 1.2, 1.9)]):
    # the verdict idiombench-compare gives an interval above 1
    r["ratio"], r["ci_low"], r["ci_high"] = str(ratio), str(low), str(high)
    r["verdict"] = "slower"
with open(sys.argv[1], "w", newline="") as stream:
    w = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
PY
    charts_data "$SANDBOX/run" '
from idiombench.claims.vocabulary import PRACTICAL
from idiombench.plots.format import NEUTRAL_RGB
low_bound, high_bound = 1 / (1 + PRACTICAL.share), 1 + PRACTICAL.share
coloured = 0
for chart in [c for c in charts if c.name.startswith("versions-") and c.render]:
    points, whiskers = dots(chart)
    expect("%g%%" % (PRACTICAL.share * 100) in chart.render.params,
           "%s: the threshold is not stated" % chart.name)
    for x, y, rgb in points:
        low, high = whiskers[y]
        beyond = (high < 1 and x < low_bound) or (low > 1 and x > high_bound)
        if int(rgb) != NEUTRAL_RGB:
            coloured += 1
        expect((int(rgb) != NEUTRAL_RGB) == beyond,
               "%s: ratio %g [%g, %g] is %s" % (chart.name, x, low, high,
                                               "grey" if int(rgb) == NEUTRAL_RGB else "coloured"))
expect(coloured > 0, "no ratio is coloured: the check proves nothing on this fixture")
near = [rgb for c in charts if c.name.startswith("versions-") and c.render
        for x, y, rgb in dots(c)[0] if abs(x - 1.01) < 1e-9]
expect(near and all(int(rgb) == NEUTRAL_RGB for rgb in near),
       "1.01x [1.005, 1.015] is beyond the noise, not the threshold: it should be grey")
'
}

@test "idioms: a row per pair of the article, the claims engine's ratio and interval per version" {
    [ -x "$REPO_ROOT/build/idiombench-compare" ] || make -C "$REPO_ROOT" --no-print-directory -f mk/compare.mk >/dev/null
    for kind in bench compare; do
        charts_data "$RUNS/$kind" '
import math, re
from idiombench.claims.run import Run as ClaimsRun
from idiombench.claims.vocabulary import largest_common_size
from idiombench.plots.idioms import PAIRS
from idiombench.plots.format import version_colours
idioms = [c for c in charts if c.name == "idioms"]
expect(len(idioms) == 1 and idioms[0].render, "no idioms chart: %s" % [(c.name, c.skip) for c in idioms])
chart = idioms[0]
points, whiskers = dots(chart)
claims = ClaimsRun(sys.argv[1])
colour = version_colours(run.versions)
expected = 0
for pair in PAIRS:
    for label in claims.versions:
        n = largest_common_size(claims, label, pair.family, (pair.reference, pair.candidate), pair.metric)
        c = claims.contrast(label, pair.family, pair.reference, pair.candidate, pair.metric, n)
        if c is None or c.verdict == "insufficient data":
            continue
        expected += 1
        found = [(x, y) for x, y, rgb in points if math.isclose(x, c.ratio, rel_tol=1e-6)
                 and int(rgb) == colour[label]]
        expect(found, "idioms: no dot for %s on %s at %g" % (pair.label, label, c.ratio))
        for x, y in found:
            if c.ci_low is not None and c.ci_low < c.ci_high:
                expect(y in whiskers and math.isclose(whiskers[y][0], c.ci_low, rel_tol=1e-6)
                       and math.isclose(whiskers[y][1], c.ci_high, rel_tol=1e-6),
                       "idioms: %s on %s has not its interval" % (pair.label, label))
    if any(pair.label in line for line in chart.render.params.splitlines() if "YTICS" in line):
        continue
    texts = " ".join(re.findall(r"\x27((?:[^\x27]|\x27\x27)*)\x27", chart.render.params))
    expect(pair.label in texts, "idioms names neither %r nor its absence" % pair.label)
expect(expected >= 3, "only %d contrasts: the fixture has the pairs" % expected)
expect(len(points) == expected, "%d dots for %d contrasts" % (len(points), expected))
expect("P_REF[1] = 1\n" in chart.render.params, "idioms: no line at 1x")
'
    done
}

@test "all zeros: a chart becomes one sentence; some zero rows are left out and named" {
    copy_run bench "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    local family
    family=$(csv_rows "$SANDBOX/run/measurements.csv" family metric=bytes_per_op | sed -n 1p)
    [ -n "$family" ] || skip "no bytes_per_op in the fixture"
    # every bytes_per_op figure 0, and the allocs_per_op of the first case only
    "$TEST_PYTHON" - "$SANDBOX/run" <<'PY'
import csv, os, sys
for name in ("measurements.csv", "samples.csv"):
    path = os.path.join(sys.argv[1], name)
    rows = list(csv.DictReader(open(path)))
    first = next(r["case"] for r in rows if r["metric"] == "allocs_per_op")
    for r in rows:
        column = "median" if name == "measurements.csv" else "value"
        if r["metric"] == "bytes_per_op" or (r["metric"] == "allocs_per_op" and r["case"] == first):
            r[column] = "0"
            for other in ("mean", "min", "max", "stddev", "cv"):
                if other in r:
                    r[other] = "0"
    with open(path, "w", newline="") as stream:
        w = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
PY
    plots "$SANDBOX/run"
    assert_status 0
    [ "$(chart_status "$SANDBOX/run" "bytes-$family")" = stated ]
    local sentence first
    sentence=$(csv_rows "$SANDBOX/run/plots/charts.csv" reason name="bytes-$family")
    assert_contains "$sentence" "$family: no case"
    assert_contains "$sentence" "(0 bytes/op)"
    [ ! -e "$SANDBOX/run/plots/bytes-$family.png" ]
    first=$(csv_rows "$SANDBOX/run/measurements.csv" case metric=allocs_per_op | sed -n 1p)
    [ "$(chart_status "$SANDBOX/run" "allocs-$family")" = rendered ]
    assert_contains "$(cat "$SANDBOX/run/plots/allocs-$family.svg")" "0 on every version, left out: $first"
}

@test "a family of many cases: parts at most 900 px tall, titled by what they hold" {
    copy_run bench "$SANDBOX/run"
    # 40 more identity cases: copies of its first, renamed a_00 .. d_09
    "$TEST_PYTHON" - "$SANDBOX/run" <<'PY'
import csv, os, sys
for name in ("measurements.csv", "samples.csv"):
    path = os.path.join(sys.argv[1], name)
    rows = list(csv.DictReader(open(path)))
    first = next(r["case"] for r in rows if r["family"] == "identity")
    extra = []
    for i in range(40):
        for r in rows:
            if r["family"] == "identity" and r["case"] == first:
                copy = dict(r)
                copy["case"] = "%s_%02d" % ("abcd"[i // 10], i % 10)
                extra.append(copy)
    with open(path, "w", newline="") as stream:
        w = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows + extra)
PY
    plots "$SANDBOX/run"
    assert_status 0
    check_charts "$SANDBOX/run"
    local titles
    titles=$(csv_rows "$SANDBOX/run/plots/charts.csv" title status=rendered | grep '^identity: net time')
    [ "$(wc -l <<<"$titles")" -ge 2 ] || fail "time-identity was not split" "$titles"
    if grep -q 'part [0-9]' <<<"$titles"; then
        fail "a part is titled by its number" "$titles"
    fi
    assert_contains "$titles" "c_… and d_…"
}

@test "scaling: a fit that cannot tell the curves apart prints no single complexity" {
    copy_run compare "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    # every fit undecided: O(n) and O(n log n) equally good
    "$TEST_PYTHON" - "$SANDBOX/run/complexity.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    r["rms_o1"], r["rms_on"], r["rms_onlogn"], r["rms_on2"] = "0.9", "0.05", "0.05", "0.4"
with open(sys.argv[1], "w", newline="") as stream:
    w = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
PY
    plots "$SANDBOX/run"
    assert_status 0
    check_charts "$SANDBOX/run"
    local svg
    svg=$(cat "$SANDBOX"/run/plots/scaling-*.svg)
    assert_contains "$svg" "O(n) or O(n log n)? (undecided)"
    if grep -Eo '>[a-z_0-9]+: O\([^<]*<' <<<"$svg" | grep -v 'or O(n log n)?'; then
        fail "a key entry names one complexity the fit does not decide"
    fi
    assert_contains "$svg" "time per element"
}

@test "startup and programs: medians, and the interquartile range of hyperfine's own runs" {
    copy_run compare "$SANDBOX/run"
    # hyperfine/runs.csv (bin/hyperfine-run) of five runs each: 0.8, 0.9, 1, 1.1 and
    # 1.3 times the median
    "$TEST_PYTHON" - "$SANDBOX/run" <<'PY'
import csv, os, sys
run = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(run, "hyperfine", "hyperfine.csv"))))
with open(os.path.join(run, "hyperfine", "runs.csv"), "w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["python_version", "program", "run", "seconds"])
    for r in rows:
        for i, f in enumerate((0.8, 0.9, 1.0, 1.1, 1.3), 1):
            w.writerow([r["python_version"], r["program"], i, float(r["median_s"]) * f])
PY
    charts_data "$SANDBOX/run" '
import csv, math
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "hyperfine", "hyperfine.csv"))))
for name in ("startup", "programs"):
    chart = [c for c in charts if c.name == name][0]
    points, whiskers = dots(chart)
    medians = [float(r["median_s"]) * 1e9 for r in rows if (r["program"] == "startup") == (name == "startup")]
    expect(sorted(round(x) for x, _, _ in points) == sorted(round(m) for m in medians),
           "%s: the dots are not the medians" % name)
    for x, y, _ in points:
        expect(y in whiskers and math.isclose(whiskers[y][0], 0.9 * x, rel_tol=1e-6)
               and math.isclose(whiskers[y][1], 1.1 * x, rel_tol=1e-6),
               "%s: the whisker of %g is not the interquartile range" % (name, x))
    expect("whiskers: interquartile range" in chart.render.params, "%s: not said" % name)
'
}

@test "a long host or CPU name ends in an ellipsis instead of running off the chart" {
    copy_run bench "$SANDBOX/run"
    trim_run "$SANDBOX/run"
    sed -i 's/^host: .*/host: a-very-long-host-name.with.several.domain.parts.example.internal.cluster.local/; s/^cpu: .*/cpu: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz with a long and verbose marketing name/' \
        "$SANDBOX/run/meta"
    plots "$SANDBOX/run"
    assert_status 0
    check_charts "$SANDBOX/run"
    local svg
    for svg in "$SANDBOX"/run/plots/*.svg; do
        "$TEST_PYTHON" - "$svg" <<'PY' || fail "${svg##*/}: a subtitle line too long to fit"
import sys, xml.etree.ElementTree as ET
texts = ["".join(e.itertext()) for e in ET.parse(sys.argv[1]).getroot().iter() if e.tag.endswith("text")]
machine = [t for t in texts if " on a-very-long" in t]
assert machine and all(len(t) <= 112 and "…" in t for t in machine), machine
PY
    done
}

@test "idioms-instructions: instruction counts, where the run has them, as exact ratios in a chart of their own" {
    copy_run bench "$SANDBOX/run"
    # instructions_per_op of x is None (100) and x == None (154)
    "$TEST_PYTHON" - "$SANDBOX/run" <<'PY'
import csv, os, sys
path = os.path.join(sys.argv[1], "measurements.csv")
rows = list(csv.DictReader(open(path)))
extra = []
for r in rows:
    if r["family"] == "identity" and r["case"] in ("is_none", "eq_none") and r["metric"] == "time_per_op":
        c = dict(r, metric="instructions_per_op", unit="instructions")
        c["median"] = "100" if r["case"] == "is_none" else "154"
        extra.append(c)
with open(path, "w", newline="") as stream:
    w = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows + extra)
PY
    charts_data "$SANDBOX/run" '
chart = [c for c in charts if c.name == "idioms-instructions"][0]
points, whiskers = dots(chart, 1)
expect([round(x, 6) for x, _, _ in points] == [1.54], "instruction ratios: %s" % points)
expect(not whiskers or all(y not in whiskers for _, y, _ in points), "an exact count has a whisker")
expect("exact counts" in chart.render.params, "the chart does not say the counts are exact")
'
}

@test "versions are coloured in order, light to dark apart, and 12 stay distinct" {
    "$TEST_PYTHON" - <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["REPO_ROOT"], "py"))
from idiombench.plots.format import version_colours
def luminance(rgb):
    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
for count in range(2, 13):
    versions = ["3.%d.0" % i for i in range(count)]
    colours = [version_colours(versions)[v] for v in versions]
    assert len(set(colours)) == count, (count, colours)
    light = [luminance(c) for c in colours]
    assert light == sorted(light), (count, "not sequential", colours)
    assert min(b - a for a, b in zip(light, light[1:])) > 5, (count, "two too alike", light)
PY
}
