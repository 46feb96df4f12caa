#!/usr/bin/env bats
# bin/report (make report): RUN/REPORT.md from a run folder. Fast: no harness, no
# measuring; it reads copies of the fixture runs.
#
# fixtures/runs/bench: a single-version run; fixtures/runs/compare: a comparison of
# several interpreters, with comparison.csv and hyperfine/hyperfine.csv (read-only:
# each test copies the one it needs into $SANDBOX before adding plots or claims).
# fixtures/report/claims.csv: a synthetic claims.csv (make claims) with every verdict,
# a claim decided on one version only, and evidence with `code`, `|`, `_` and `*`, in
# the format before the deciding column. fixtures/report/claims-deciding.csv: what
# bin/claims writes for fixtures/runs/compare (a filtered run: some claims need
# cases it did not measure), with the deciding column.

load helper

REPORT=$REPO_ROOT/bin/report
RUNS=$FIXTURES/runs

setup_file() {
    # python3 itself first on PATH, not a pyenv shim (which costs about a second a
    # call): bin/report (#!/usr/bin/env python3) and the checks run on it.
    local real
    real=$("$TEST_PYTHON" -c 'import os, sys; print(os.path.realpath(sys.executable))')
    mkdir -p "$BATS_FILE_TMPDIR/bin"
    ln -sf "$real" "$BATS_FILE_TMPDIR/bin/python3"
    PATH=$BATS_FILE_TMPDIR/bin:$PATH
    TEST_PYTHON=$real
    export PATH TEST_PYTHON
}

setup() {
    make_sandbox
}

# copy_run NAME [DEST]: a writable copy of fixtures/runs/NAME's files in
# $SANDBOX/DEST (default NAME), without any REPORT.md. The fixture itself is never
# written to (its files are copied, symbolic links followed).
copy_run() {
    local dest=$SANDBOX/${2:-$1}
    mkdir -p "$dest"
    cp -RL "$RUNS/$1/." "$dest/"
    chmod -R u+w "$dest"
    rm -f "$dest/REPORT.md"
}

# add_charts DIR: DIR/plots/charts.csv as bin/plots wrote it before its headline
# column, with placeholder images: for the first family of the run a rendered time
# chart and the second part of a split versions chart (no SVG) (both named in the
# report's fallback list of headline charts), a rendered allocations chart, a skipped
# memory chart, and a rendered start-up chart.
add_charts() {
    local family
    family=$(csv_rows "$1/measurements.csv" family | sed -n 1p)
    mkdir -p "$1/plots"
    local name
    for name in time-$family allocs-$family startup; do
        printf 'png\n' >"$1/plots/$name.png"
        printf '<svg/>\n' >"$1/plots/$name.svg"
    done
    {
        echo "name,title,png,svg,status,reason"
        echo "time-$family,\"Time per operation, $family (ns)\",time-$family.png,time-$family.svg,rendered,"
        echo "allocs-$family,\"Allocations, $family\",allocs-$family.png,allocs-$family.svg,rendered,"
        echo "memory-$family,Memory: $family,,,skipped,no case of $family measures memory"
        echo "versions-$family-2,\"$family across versions, the large sizes\",time-$family.png,,rendered,"
        echo "startup,Interpreter start-up,startup.png,startup.svg,rendered,"
    } >"$1/plots/charts.csv"
}

# add_headline_charts DIR: DIR/plots/charts.csv with the headline column: two headline
# charts (the second listed first), a chart of the first family, one that became a
# sentence (stated), and a stated headline chart.
add_headline_charts() {
    local family name
    family=$(csv_rows "$1/measurements.csv" family | sed -n 1p)
    mkdir -p "$1/plots"
    for name in ratios-$family idioms time-$family; do
        printf 'png\n' >"$1/plots/$name.png"
    done
    {
        echo "name,title,png,svg,status,reason,headline"
        echo "time-$family,\"Time per operation, $family\",time-$family.png,,rendered,,"
        echo "idioms,The article's contrasts,idioms.png,,rendered,,yes"
        echo "allocs-$family,\"Allocations, $family\",,,stated,Every case of $family allocates nothing on every version.,"
        echo "ratios-$family,\"$family against the baseline\",ratios-$family.png,,rendered,,yes"
        echo "allocs-identity,\"Allocations, identity\",,,stated,No case of identity allocates.,yes"
    } >"$1/plots/charts.csv"
}

# report_copy NAME: reports a copy of fixtures/runs/NAME ($dir).
report_copy() {
    copy_run "$1"
    dir=$SANDBOX/$1
    report "$dir"
    assert_report_written "$dir"
}

# report_with_claims CSV [charts]: reports a copy of the compare fixture ($dir) with
# fixtures/report/CSV as its claims.csv (and add_charts' charts when asked).
report_with_claims() {
    copy_run compare
    dir=$SANDBOX/compare
    cp "$FIXTURES/report/$1" "$dir/claims.csv"
    [ "${2:-}" != charts ] || add_charts "$dir"
    report "$dir"
    assert_report_written "$dir"
}

# report [ARGS...]: bin/report with stdout and stderr apart.
report() {
    run --separate-stderr "$REPORT" "$@"
}

# assert_report_written DIR: exit 0, "report: wrote DIR/REPORT.md", nothing on stderr,
# no temporary file left.
assert_report_written() {
    assert_status 0
    assert_contains "$output" "report: wrote $1/REPORT.md"
    [ -z "$stderr" ] || fail "stderr should be empty" "$stderr"
    [ -s "$1/REPORT.md" ] || fail "no REPORT.md in $1"
    assert_no_temp_files "$1"
}

# assert_bad_input DIR TEXT...: exit 2, one line on stderr starting "idiombench: " with
# every TEXT, and no REPORT.md written in DIR (nor a temporary one).
assert_bad_input() {
    local dir=$1
    shift
    assert_status 2
    assert_one_clear_line "$@"
    case $stderr in
        "idiombench: "*) ;;
        *) fail "the line does not start with 'idiombench: '" "$stderr" ;;
    esac
    [ ! -e "$dir/REPORT.md" ] || fail "REPORT.md was written on bad input"
    if [ -d "$dir" ]; then
        assert_no_temp_files "$dir"
    fi
}

# assert_section DIR HEADING: REPORT.md has the line HEADING exactly.
assert_section() {
    grep -qxF -- "$2" "$1/REPORT.md" || fail "no line '$2' in $1/REPORT.md" "$(grep '^#' "$1/REPORT.md")"
}

# check_report DIR: the Python checks on stdin against DIR/REPORT.md and DIR's CSV files.
# They see report (the text), lines, section(heading) (the lines under a heading, to the
# next heading of its level or above), row(lines, case, n) (the table line of a case at
# a size: the first one), cells(lines, case, n, nth=0) (the nth such row as {column
# header: cell}),
# csv_rows(name), t(ns) (a time as the report should write it, computed here
# independently), samples(version, family, case, n, metric) (samples.csv's values),
# quartile(values, fraction) and geo(values) (computed here, independently of
# py/idiombench/report/stats.py), PRACTICAL (the threshold of py/idiombench/claims/vocabulary.py) and
# expect(condition, message).
check_report() {
    local checks
    checks=$(cat)
    "$TEST_PYTHON" - "$1" "$checks" <<'PY'
import csv, os, re, sys
folder, checks = sys.argv[1], sys.argv[2]
with open(os.path.join(folder, "REPORT.md"), encoding="utf-8") as stream:
    report = stream.read()
lines = report.split("\n")
failures = []

def expect(condition, message):
    if not condition:
        failures.append(message)

def csv_rows(name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))

def section(heading):
    level = len(heading) - len(heading.lstrip("#"))
    if heading not in lines:
        raise SystemExit("no heading %r in REPORT.md" % heading)
    start = lines.index(heading) + 1
    end = start
    while end < len(lines):
        match = re.match(r"^(#+) ", lines[end])
        if match and len(match.group(1)) <= level:
            break
        end += 1
    return lines[start:end]

def row(within, case, n):
    prefix = "| `%s` | %s |" % (case, n if n else " ")
    for line in within:
        if line.startswith(prefix):
            return line
    raise SystemExit("no table row %r" % prefix)

def cells(within, case, n, nth=0):
    """The nth table row (0: the first) of a case at a size, as {column header: cell}."""
    header = None
    prefix = "| `%s` | %s |" % (case, n if n else " ")
    for line in within:
        if line.startswith("| case |"):
            header = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        elif line.startswith(prefix) and header:
            if nth == 0:
                return dict(zip(header, [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]))
            nth -= 1
    raise SystemExit("no table row %r" % prefix)

def t(ns):
    for unit, scale in (("ns", 1.0), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)):
        if abs(ns) / scale < 999.5 or unit == "s":
            return ("%#.3g" % (ns / scale)).rstrip(".") + " " + unit

_samples = {}
def samples(version, family, case, n, metric):
    if not _samples:
        for r in csv_rows("samples.csv"):
            _samples.setdefault((r["python_version"], r["family"], r["case"], r["n"],
                                 r["metric"]), []).append(float(r["value"]))
    return _samples.get((version, family, case, n, metric), [])

def quartile(values, fraction):
    # Linear interpolation between the order statistics (R's type 7).
    values = sorted(values)
    h = (len(values) - 1) * fraction
    below = values[int(h)]
    above = values[min(int(h) + 1, len(values) - 1)]
    return below + (h - int(h)) * (above - below)

def geo(values):
    import math
    return math.exp(sum(math.log(v) for v in values) / len(values))

sys.path.insert(0, os.path.join(os.environ["REPO_ROOT"], "py"))
from idiombench.claims.vocabulary import PRACTICAL

exec(checks)
if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
PY
}

# check_tables DIR: every pipe table of DIR/REPORT.md has a separator line after its
# header and as many cells (split on unescaped |) in every row as in its header.
check_tables() {
    "$TEST_PYTHON" - "$1/REPORT.md" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def cells(line):
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2
problems, i, tables = [], 0, 0
while i < len(lines):
    if lines[i].startswith("|"):
        tables += 1
        width = cells(lines[i])
        if i + 1 >= len(lines) or not re.match(r"^\|(:?-+:?\|)+$", lines[i + 1]) \
                or cells(lines[i + 1]) != width:
            problems.append("line %d: no separator line after the header" % (i + 1))
        j = i + 1
        while j < len(lines) and lines[j].startswith("|"):
            if cells(lines[j]) != width:
                problems.append("line %d: %d cells, header has %d" % (j + 1, cells(lines[j]), width))
            j += 1
        i = j
    else:
        i += 1
if tables == 0:
    problems.append("no table at all")
if problems:
    sys.exit("\n".join(problems[:10]))
PY
}

@test "--help describes the command and exits 0" {
    report --help
    assert_status 0
    assert_contains "$output" "bin/report [RUN]"
    assert_contains "$output" "REPORT.md"
}

@test "report, claims and plots: a file they cannot write is one clear line, exit 4, what was there kept" {
    copy_run bench
    local run=$SANDBOX/bench
    # rename(2) cannot put a file over a non-empty folder, nor a folder where a file is.
    mkdir -p "$run/REPORT.md/kept"
    report "$run"
    assert_status 4
    assert_one_clear_line "cannot write $run/REPORT.md"
    mkdir -p "$run/claims.csv/kept"
    echo "not a folder" >"$run/plots"
    run --separate-stderr "$REPO_ROOT/bin/claims" "$run"
    assert_status 4
    assert_one_clear_line "cannot write $run/claims.csv"
    if command -v gnuplot >/dev/null; then  # else plots stops first: exit 3
        run --separate-stderr "$REPO_ROOT/bin/plots" "$run"
        assert_status 4
        assert_one_clear_line "cannot write $run/plots"
    fi
    [ -d "$run/REPORT.md/kept" ] && [ -d "$run/claims.csv/kept" ] &&
        [ "$(cat "$run/plots")" = "not a folder" ] || fail "what was there changed"
    [ -z "$(ls -A "$run" | grep -E '^\.|\.tmp')" ] || fail "temporary files left" "$(ls -A "$run")"
}

@test "compare fixture: every section, with charts, ratios, hyperfine and the lines for what it lacks" {
    copy_run compare
    local dir=$SANDBOX/compare family baseline heading
    add_charts "$dir"
    report "$dir"
    assert_report_written "$dir"
    baseline=$(sed -n 's/^baseline: //p' "$dir/meta")
    for heading in "## At a glance" "## The run" "### Interpreters" \
        "## How to read these figures" "## Headline charts" "## Results by family" \
        "## Failures" "## Start-up and whole programs" "## The article's claims" \
        "## Charts not rendered" "## Evidence of the claims"; do
        assert_section "$dir" "$heading"
    done
    for family in $(csv_rows "$dir/measurements.csv" family | sort -u); do
        assert_section "$dir" "### $family"
    done
    head -n 1 "$dir/REPORT.md" | grep -q '^# idiombench: ' || fail "no title" "$(head -n 1 "$dir/REPORT.md")"
    family=$(csv_rows "$dir/measurements.csv" family | sed -n 1p)
    local body
    body=$(cat "$dir/REPORT.md")
    # Metadata: the host, each interpreter's path, the rounds.
    assert_contains "$body" "| Host | \`$(sed -n 's/^host: //p' "$dir/meta")\` |"
    assert_contains "$body" "| Rounds | $(sed -n 's/^rounds: //p' "$dir/meta") |"
    assert_contains "$body" "| Baseline | $baseline |"
    local path
    while IFS= read -r path; do
        assert_contains "$body" "\`$path\`"
    done < <(sed -n 's/^python_path@[^:]*: //p' "$dir/meta")
    # Charts: embedded with their title once and a link to the SVG; the skipped one
    # listed.
    assert_contains "$body" "**Time per operation, $family (ns)**"
    assert_contains "$body" "[![time-$family](plots/time-$family.png)](plots/time-$family.svg)"
    assert_contains "$body" "- \`memory-$family\` (Memory: $family): no case of $family measures memory"
    assert_contains "$body" "[![startup](plots/startup.png)](plots/startup.svg)"
    local title
    for title in "Time per operation, $family (ns)" "Allocations, $family" \
        "$family across versions, the large sizes" "Interpreter start-up"; do
        [ "$(grep -cF -- "$title" "$dir/REPORT.md")" -eq 1 ] ||
            fail "the title '$title' is not in REPORT.md exactly once" "$(grep -nF -- "$title" "$dir/REPORT.md")"
    done
    # The comparison: the baseline's column, the verdict caveat; hyperfine with peak RSS.
    assert_contains "$body" "| $baseline (baseline) |"
    assert_contains "$body" "**Verdicts are at 95%.**"
    assert_contains "$body" "| start-up |"
    assert_contains "$body" "Peak resident set (RSS)"
    assert_contains "$body" "**Google Benchmark is a debug build**"
    assert_contains "$body" "The claims report has not been run for this run (no claims.csv)"
    check_tables "$dir"
}

@test "bench fixture: every section, each missing file named in one line" {
    copy_run bench
    local dir=$SANDBOX/bench family heading
    report "$dir"
    assert_report_written "$dir"
    for heading in "## The run" "### Interpreters" "## How to read these figures" \
        "## Headline charts" "## Results by family" "## Failures" \
        "## Start-up and whole programs" "## The article's claims" \
        "## Charts not rendered"; do
        assert_section "$dir" "$heading"
    done
    for family in $(csv_rows "$dir/measurements.csv" family | sort -u); do
        assert_section "$dir" "### $family"
    done
    local body
    body=$(cat "$dir/REPORT.md")
    assert_contains "$body" "No charts: run make plots"
    assert_contains "$body" "No hyperfine/hyperfine.csv in this run"
    assert_contains "$body" "The claims report has not been run for this run (no claims.csv)"
    assert_contains "$body" "| CPU | $(sed -n 's/^cpu: //p' "$dir/meta") |"
    case $body in
        *"(baseline)"* | *"Verdicts are at 95%"* | *"## At a glance"*)
            fail "a single-version run shows a comparison" ;;
    esac
    check_tables "$dir"
}

@test "bench fixture: the table figures are measurements.csv's medians" {
    local dir
    report_copy bench
    check_report "$dir" <<'PY'
rows = csv_rows("measurements.csv")
version = rows[0]["python_version"]
times = [r for r in rows if r["metric"] == "time_per_op" and float(r["median"]) > 0.5]
picked = [times[0], times[len(times) // 2], times[-1]]
for r in picked:
    line = row(section("### " + r["family"]), r["case"], r["n"])
    expect(" %s |" % t(float(r["median"])) in line,
           "%s/%s n=%s: time %s not in %r" % (r["family"], r["case"], r["n"], t(float(r["median"])), line))
    # The table's statistic is the charts': the median and the interquartile range of
    # the samples.
    values = samples(version, r["family"], r["case"], r["n"], "time_per_op")
    expect(len(values) > 1, "%s: no samples" % r["case"])
    expect(" %s |" % t(quartile(values, 0.5)) in line,
           "%s: the median of the samples %s not in %r" % (r["case"], t(quartile(values, 0.5)), line))
    low, high = t(quartile(values, 0.25)), t(quartile(values, 0.75))
    if low.split()[1] == high.split()[1]:
        low = low.split()[0]
    expect(" %s–%s |" % (low, high) in line,
           "%s: IQR %s–%s not in %r" % (r["case"], low, high, line))
    for metric, unit in (("allocs_per_op", ""), ("bytes_per_op", " B")):
        other = [o for o in rows if o["metric"] == metric and o["case"] == r["case"]
                 and o["n"] == r["n"] and o["family"] == r["family"]]
        if other and float(other[0]["median"]) == int(float(other[0]["median"])) \
                and float(other[0]["median"]) < 10 * 1024 * 1024:
            want = "{:,}".format(int(float(other[0]["median"]))) + unit
            expect(" %s |" % want in line, "%s: %s %s not in %r" % (r["case"], metric, want, line))
PY
}

@test "compare fixture: medians, ratios, intervals and verdicts are the CSV's" {
    local dir
    report_copy compare
    check_report "$dir" <<'PY'
comparison = [r for r in csv_rows("comparison.csv") if r["metric"] == "time_per_op" and r["ratio"]]
expect(comparison, "comparison.csv has no time row with a ratio")
marked = [r for r in comparison if r["verdict"] in ("faster", "slower")]
plain = [r for r in comparison if r["verdict"] == "no difference"]
picked = comparison[:2] + marked[:2] + plain[-1:]

def ratio(x):
    return "%.2f" % float(x)

def practical(r):
    ratio = float(r["ratio"])
    return not (1 / (1 + PRACTICAL.share) < ratio < 1 + PRACTICAL.share)

for r in picked:
    what = "%s/%s n=%s on %s" % (r["family"], r["case"], r["n"], r["python_version"])
    within = section("### " + r["family"])
    medians = cells(within, r["case"], r["n"])
    ratios = cells(within, r["case"], r["n"], nth=1)
    base = medians.get(r["baseline"] + " (baseline)", "")
    expect(base.startswith(t(float(r["baseline_median"])) + " ["),
           "%s: baseline cell %r, median %s" % (what, base, t(float(r["baseline_median"]))))
    expect(medians.get(r["python_version"], "").startswith(t(float(r["median"])) + " ["),
           "%s: cell %r, median %s" % (what, medians.get(r["python_version"]), t(float(r["median"]))))
    mine = ratios.get(r["python_version"], "")
    bold = r["verdict"] in ("faster", "slower") and practical(r)
    if bold:
        want = "**%s× %s**" % (ratio(r["ratio"]), r["verdict"])
    else:
        want = "%s×" % ratio(r["ratio"])
        expect("**" not in mine, "%s: not beyond both thresholds, yet bold: %r" % (what, mine))
    expect(mine.startswith(want), "%s: %r does not start %r" % (what, mine, want))
    if r["ci_low"] and float(r["ci_low"]) >= 0.1:
        want = "[%s, %s]" % (ratio(r["ci_low"]), ratio(r["ci_high"]))
        expect(want in mine, "%s: interval %r not in %r" % (what, want, mine))
    # Beside the ratio, the two geometric means it is made of, from samples.csv.
    mean = geo(samples(r["python_version"], r["family"], r["case"], r["n"], "time_per_op"))
    base_mean = geo(samples(r["baseline"], r["family"], r["case"], r["n"], "time_per_op"))
    expect(abs(mean / base_mean - float(r["ratio"])) < 1e-6 * float(r["ratio"]),
           "%s: the ratio is not of the geometric means" % what)
    expect(mine.endswith(" · %s / %s" % (t(mean), t(base_mean))),
           "%s: geometric means %s / %s not at the end of %r" % (what, t(mean), t(base_mean), mine))

# Every bold figure of every table is beyond the noise and the practical threshold.
ratios_seen = 0
for line in lines:
    for cell in re.split(r"(?<!\\)\|", line)[1:-1]:
        found = re.match(r"^\s*\*\*([0-9.]+)× (faster|slower|lower|higher)\*\* \[([0-9.]+), ([0-9.]+)\]", cell)
        if found:
            ratios_seen += 1
            value, low, high = (float(found.group(k)) for k in (1, 3, 4))
            expect(low > 1 or high < 1, "bold, yet its interval holds 1: %r" % cell)
            expect(not (1 / (1 + PRACTICAL.share) < value < 1 + PRACTICAL.share),
                   "bold, yet within the practical threshold: %r" % cell)
expect(ratios_seen > 0, "no bold ratio in the report")

# hyperfine: every interpreter's start-up median.
hyper = csv_rows("hyperfine/hyperfine.csv")
startup = [l for l in section("## Start-up and whole programs") if l.startswith("| start-up |")]
expect(len(startup) == 2, "expected a start-up row in the time and the peak RSS tables")
for r in hyper:
    if r["program"] == "startup":
        expect(t(float(r["median_s"]) * 1e9) in startup[0],
               "start-up of %s: %s not in %r" % (r["python_version"], t(float(r["median_s"]) * 1e9), startup[0]))
        if r["peak_rss_kib"] and 1024 <= float(r["peak_rss_kib"]) < 999.5 * 1024:
            want = ("%#.3g" % (float(r["peak_rss_kib"]) / 1024)).rstrip(".") + " MiB"
            expect(want in startup[-1], "peak RSS of %s: %s not in %r" % (r["python_version"], want, startup[-1]))
PY
}

@test "compare fixture: what 2.7 cannot measure is n/a with the reason, never 0" {
    copy_run compare
    local dir=$SANDBOX/compare
    add_charts "$dir"
    report "$dir"
    assert_report_written "$dir"
    check_report "$dir" <<'PY'
unavailable = [r for r in csv_rows("unavailable.csv") if r["metric"] == "allocs_per_op"]
expect(unavailable, "the fixture has no allocs_per_op row in unavailable.csv")
sizes = {}
for r in csv_rows("measurements.csv"):
    sizes.setdefault((r["family"], r["case"]), set()).add(r["n"])
for r in unavailable[:5]:
    within = section("### " + r["family"])
    for n in sorted(sizes[(r["family"], r["case"])]):
        cell = cells(within, r["case"], n, nth=2)[r["python_version"]]   # allocations table
        expect(cell.startswith("n/a") and "0" not in cell,
               "%s/%s n=%s on %s: %r, not n/a" % (r["family"], r["case"], n, r["python_version"], cell))
        mark = cell[len("n/a"):]
        expect("- %s n/a: %s" % (mark, r["reason"]) in within,
               "%s: no note %s with %r" % (r["family"], mark, r["reason"]))
# Without charts.csv's headline column, the charts of the fallback list lead (in its
# order: versions before time); the first family's other chart is in its section, the
# start-up chart with hyperfine's tables.
family = csv_rows("measurements.csv")[0]["family"]
headlines = section("## Headline charts")
expect(headlines.index("![versions-%s-2](plots/time-%s.png)" % (family, family)) <
       headlines.index("[![time-%s](plots/time-%s.png)](plots/time-%s.svg)" % ((family,) * 3)),
       "the fallback headline charts are not in order (or the split chart has an SVG link):\n"
       + "\n".join(headlines))
expect(any(l.startswith("[![allocs-%s]" % family) for l in section("### " + family)),
       "the allocations chart is not in its family's section")
expect(not any("time-%s.svg" % family in l for l in section("### " + family)),
       "a headline chart is shown again in its family's section")
expect(any(l.startswith("[![startup]") for l in section("## Start-up and whole programs")),
       "the start-up chart is not in the start-up section")
PY
}

@test "claims: a claims.csv without the deciding column: the matrix, the evidence shortened, the full evidence last" {
    local dir
    report_with_claims claims.csv
    check_report "$dir" <<'PY'
claims = section("## The article's claims")
body = "\n".join(claims)
expect("|   | claim | 2.7.18 | 3.6.15 | 3.11.7 | 3.13.0 | deciding figure on 3.13.0 |" in body,
       "no matrix header:\n" + body)
row_c02 = [l for l in claims if l.startswith("| C02 |")][0]
expect("| holds | holds | partly | partly | is\\_none 2.41 ns \\| eq\\_none 2.44 ns: no difference beyond the noise |" in row_c02,
       "C02's row, its evidence as the deciding figure: %r" % row_c02)
expect(any(l.startswith("| C12 |") and "| untestable | — | — | — |" in l for l in claims),
       "C12 (one version only)")
expect(any(l.startswith("| C20 |") and "| — | **fails** | — | **fails** |" in l for l in claims),
       "C20 fails, in bold")
expect(body.index("| C02 ") < body.index("| C09 ") < body.index("| C12 ") < body.index("| C20 "),
       "claims out of order")
evidence = "\n".join(section("## Evidence of the claims"))
expect("- 2.7.18, 3.6.15, 3.11.7, 3.13.0: holds. True, False, None, Ellipsis and NotImplemented" in evidence,
       "C09's evidence, shared by every version, once")
expect("- 3.11.7, 3.13.0: partly (only for None and True). is\\_none 2.41 ns | eq\\_none 2.44 ns" in evidence,
       "C02's conditions and evidence, _ escaped")
expect("`is_none` 3.10 ns against `eq_none` 4.05 ns" in evidence, "code spans kept")
expect("\\*in a function\\* += is O(n)" in evidence, "* escaped")
expect("has not been run" not in body, "the not-run line is shown with claims.csv")
expect(lines.index("## Evidence of the claims") > lines.index("## Results by family"),
       "the evidence is not after the results")
PY
    check_tables "$dir"
}

@test "claims: the first 150 lines hold the matrix with each claim's text and deciding figure" {
    local dir
    report_with_claims claims-deciding.csv charts
    check_report "$dir" <<'PY'
texts = {}
for line in open(os.path.join(os.environ["REPO_ROOT"], "docs", "CLAIMS.md"), encoding="utf-8"):
    found = re.match(r"^\| (C\d+) \| [^|]* \| (.+) \|$", line.strip())
    if found:
        texts[found.group(1)] = found.group(2)
expect(len(texts) == 22, "docs/CLAIMS.md has %d claims, not 22" % len(texts))
first = lines[:150]
expect("## The article's claims" in first, "the claims matrix is not in the first 150 lines")
expect("## Results by family" not in first or
       first.index("## Results by family") > first.index("## Headline charts"),
       "the results come before the headline charts")
rows = csv_rows("claims.csv")
newest = sorted(set(r["python_version"] for r in rows),
                key=lambda v: [int(x) for x in v.split(".")])[-1]
matrix = [l for l in first if re.match(r"^\| C\d+ \|", l)]
shown = set()
for r in rows:
    if r["python_version"] != newest:
        continue
    line = [l for l in matrix if l.startswith("| %s |" % r["claim"])]
    if r["verdict"] == "untestable" and "in this run" in r["conditions"]:
        continue   # checked below: a claim the run cannot decide on any version
    expect(line, "%s is not in the matrix" % r["claim"])
    if not line:
        continue
    line = line[0]
    shown.add(r["claim"])
    # Its text from docs/CLAIMS.md (Markdown-escaped outside code spans).
    expect(texts[r["claim"]] in line.replace("\\", ""),
           "%s: its text %r is not in %r" % (r["claim"], texts[r["claim"]], line))
    cells_ = re.split(r"(?<!\\)\|", line)[1:-1]
    expect(cells_[-1].strip().replace("\\", "")[:20] in r["deciding"].replace("\\", ""),
           "%s: deciding figure %r, claims.csv %r" % (r["claim"], cells_[-1], r["deciding"]))
    expect(len(r["deciding"]) <= 165, "%s: deciding figure of %d chars" % (r["claim"], len(r["deciding"])))
cost = [r for r in rows if r["claim"] == "C02" and r["verdict"] in ("holds", "fails", "partly")]
expect(cost and all(re.search(r"\[[0-9.]+, [0-9.]+\]", r["deciding"]) for r in cost),
       "C02 (a cost claim): a deciding figure without its interval")
for line in lines[:lines.index("## Results by family")]:
    expect(len(line) <= 600, "a line of %d characters before the details: %r" % (len(line), line[:80]))
PY
}

@test "claims: a filtered run shows only the claims its data bears on, and one line for the others" {
    local dir
    report_with_claims claims-deciding.csv
    check_report "$dir" <<'PY'
rows = csv_rows("claims.csv")
by = {}
for r in rows:
    by.setdefault(r["claim"], []).append(r)
elsewhere = sorted(c for c, rs in by.items()
                   if all(r["verdict"] == "untestable" and "in this run" in r["conditions"] for r in rs))
expect(elsewhere, "the fixture has no claim that needs the full catalogue")
claims = section("## The article's claims")
for claim in by:
    in_matrix = any(l.startswith("| %s |" % claim) for l in claims)
    expect(in_matrix == (claim not in elsewhere), "%s: in the matrix %s" % (claim, in_matrix))
line = [l for l in claims if "need cases this run did not measure" in l]
expect(len(line) == 1, "not one line for the claims the run cannot decide: %r" % line)
expect(line and line[0].startswith("%d other claims (%s)" % (len(elsewhere), ", ".join(elsewhere))),
       "the line does not name them: %r" % line)
expect(not any("untestable" in l for l in claims if any(l.startswith("| %s |" % c) for c in elsewhere)),
       "an untestable row of a claim the run cannot decide")
PY
}

@test "charts: the headline column leads in charts.csv order; a stated chart is its sentence" {
    copy_run compare
    local dir=$SANDBOX/compare
    add_headline_charts "$dir"
    report "$dir"
    assert_report_written "$dir"
    check_report "$dir" <<'PY'
family = csv_rows("measurements.csv")[0]["family"]
headlines = section("## Headline charts")
images = [l for l in headlines if l.startswith("![")]
expect(images == ["![idioms](plots/idioms.png)", "![ratios-%s](plots/ratios-%s.png)" % (family, family)],
       "the headline charts are not charts.csv's, in its order: %r" % images)
within = section("### " + family)
expect("![time-%s](plots/time-%s.png)" % (family, family) in within,
       "a chart not marked headline is not in its family's section")
expect("- **Allocations, %s**: Every case of %s allocates nothing on every version." % (family, family)
       in within, "the stated chart is not its sentence in its family's section")
expect(not any("Allocations, %s" % family in l for l in section("## Charts not rendered")),
       "a stated chart is listed as not rendered")
expect(headlines.count("- **Allocations, identity**: No case of identity allocates.") == 1,
       "a stated headline chart is not its sentence among the headlines")
expect(report.count("Allocations, identity") == 1, "a stated headline chart shown twice")
PY
}

@test "complexity: a label only where the fit decides it; none from a complexity.csv without its errors" {
    local dir
    report_copy compare
    check_report "$dir" <<'PY'
growth = [l for l in lines if l.startswith("Growth of time with n")]
expect(growth, "no growth line")
text = "\n".join(growth)
checked = 0
for r in csv_rows("complexity.csv"):
    if r["metric"] != "time_per_op":
        continue
    errors = sorted((float(r[c]), label) for label, c in (("O(1)", "rms_o1"), ("O(n)", "rms_on"),
                    ("O(n log n)", "rms_onlogn"), ("O(n^2)", "rms_on2")))
    decided = errors[1][0] >= 2.0 * errors[0][0]
    # The case's part of its family's growth line.
    part = re.search(r"`%s` ([^;\n]*?)\.?(?:;|$)" % re.escape(r["case"]), text, re.M)
    expect(part, "%s: not on a growth line" % r["case"])
    if not part:
        continue
    said = part.group(1)
    per_version = dict((v, k) for k, v in re.findall(r"([^,]+?) on ([0-9.]+)(?:, |$)", said))
    label = per_version.get(r["python_version"], said).strip()
    if decided:
        expect(label == errors[0][1], "%s on %s: the fit decides %s, the report says %r"
               % (r["case"], r["python_version"], errors[0][1], label))
    else:
        expect(label.endswith("?") and errors[0][1] in label,
               "%s on %s: the fit does not decide, yet the report says %r"
               % (r["case"], r["python_version"], label))
    checked += 1
expect(checked > 10, "only %d fits checked" % checked)
PY
    # A complexity.csv of before the errors' columns: no label at all.
    "$TEST_PYTHON" - "$dir/complexity.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keep = [c for c in rows[0] if not c.startswith("rms_")]
with open(sys.argv[1], "w", newline="") as stream:
    writer = csv.DictWriter(stream, keep, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
PY
    report "$dir"
    assert_report_written "$dir"
    if grep '^Growth of time with n' "$dir/REPORT.md" | grep -q 'O(n'; then
        fail "a complexity label without the fit's errors" "$(grep '^Growth' "$dir/REPORT.md")"
    fi
    assert_contains "$(cat "$dir/REPORT.md")" "predates the fits' errors"
}

@test "a ratio of arithmetic means (a sample <= 0) is never quoted, nor among the largest" {
    copy_run compare
    dir=$SANDBOX/compare
    # The first time row becomes the largest speed-up of all, but of means (test welch):
    # its interval can reach below 0, so it is not listed.
    "$TEST_PYTHON" - "$dir/comparison.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
row = [r for r in rows if r["metric"] == "time_per_op"][0]
row.update(test="welch", ratio="0.001", ci_low="-0.5", ci_high="0.002", verdict="faster")
with open(sys.argv[1], "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print("%s/%s" % (row["family"], row["case"]))
PY
    report "$dir"
    assert_report_written "$dir"
    local glance
    glance=$(awk '/^## At a glance/ { on = 1; next } /^## / { on = 0 } on' "$dir/REPORT.md")
    assert_contains "$glance" "Largest speed-ups"
    ! grep -q -- "0.0010×" <<<"$glance" || fail "a ratio of means is listed" "$glance"
    # Nor in the tables: the cell gives the two means, no ratio (-5.28× was seen).
    ! grep -q -- "0.0010×" "$dir/REPORT.md" || fail "a ratio of means is quoted"
    grep -q "no ratio (a sample ≤ 0) · " "$dir/REPORT.md" || fail "the cell does not say why"
}

@test "at a glance: each case once among the largest speed-ups, each beyond both thresholds" {
    local dir
    report_copy compare
    check_report "$dir" <<'PY'
glance = section("## At a glance")
listed = [l for l in glance if l.startswith("- `")]
expect(listed, "no speed-up or slow-down listed")
cases = [re.match(r"^- `([^`]*)`", l).group(1) for l in listed]
comparison = [r for r in csv_rows("comparison.csv") if r["metric"] == "time_per_op"]
for verdict in ("faster", "slower"):
    start = [i for i, l in enumerate(glance) if l.startswith("Largest speed-ups" if verdict == "faster" else "Largest slow-downs")]
    if not start:
        continue
    block = []
    for l in glance[start[0] + 2:]:
        if not l.startswith("- "):
            break
        block.append(l)
    names = [re.match(r"^- `([^`]*)`", l).group(1) for l in block]
    expect(len(names) == len(set(names)), "a case listed twice: %r" % names)
    for l in block:
        found = re.match(r"^- `([^/]*)/([^`]*)`(?: n=(\d+))? on ([^:]*): ([0-9.]+)×", l)
        rows = [r for r in comparison if (r["family"], r["case"], r["n"], r["python_version"])
                == (found.group(1), found.group(2), found.group(3) or "", found.group(4))]
        expect(rows and rows[0]["verdict"] == verdict, "%r is not %s in comparison.csv" % (l, verdict))
        expect(rows[0]["test"] == "welch-log", "%r: not a ratio of geometric means" % l)
        ratio = float(rows[0]["ratio"])
        expect(not (1 / (1 + PRACTICAL.share) < ratio < 1 + PRACTICAL.share),
               "%r is within the practical threshold" % l)
        mean = geo(samples(found.group(4), found.group(1), found.group(2), found.group(3) or "", "time_per_op"))
        base = geo(samples(rows[0]["baseline"], found.group(1), found.group(2), found.group(3) or "", "time_per_op"))
        expect(l.endswith("(%s / %s)" % (t(mean), t(base))), "%r: not its geometric means" % l)
# A bold allocation figure (129.1 B against 129 B is not) differs beyond the noise and
# the practical threshold in requests or bytes.
every = csv_rows("comparison.csv")
bold_seen = 0
for family in sorted(set(r["family"] for r in every)):
    within = section("### " + family)
    start = [i for i, l in enumerate(within) if l.startswith("Allocations per operation")]
    if not start:
        continue
    header = [c.strip() for c in re.split(r"(?<!\\)\|", within[start[0] + 2])[1:-1]]
    for line in within[start[0] + 4:]:
        if not line.startswith("|"):
            break
        row = dict(zip(header, [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]))
        for version, cell in row.items():
            if not cell.startswith("**"):
                continue
            bold_seen += 1
            case, n = row["case"].strip("`"), row["n"].strip()
            judged = [r for r in every if (r["family"], r["case"], r["n"], r["python_version"])
                      == (family, case, n, version) and r["metric"] in ("allocs_per_op", "bytes_per_op")]
            expect(any(r["verdict"] in ("lower", "higher") and
                       not (1 / (1 + PRACTICAL.share) < float(r["ratio"]) < 1 + PRACTICAL.share)
                       for r in judged), "%s/%s n=%s on %s: bold %r, not beyond both thresholds"
                   % (family, case, n, version, cell))
expect(bold_seen > 0, "no bold allocation figure to check")
PY
}

@test "claims: no claims.csv, no matrix" {
    copy_run compare
    report "$SANDBOX/compare"
    assert_report_written "$SANDBOX/compare"
    check_report "$SANDBOX/compare" <<'PY'
claims = section("## The article's claims")
expect(len([l for l in claims if l.strip()]) == 1, "more than one line: %r" % claims)
expect(not any(l.startswith("| claim") for l in lines), "a claims matrix without claims.csv")
PY
}

@test "unavailable figures show n/a with the reason in a note, never 0; failures are listed" {
    copy_run bench
    local dir=$SANDBOX/bench
    # A case whose allocation figures this Python "cannot measure", a case it skips
    # whole, and a case that failed at one size.
    "$TEST_PYTHON" - "$dir" <<'PY'
import csv, os, sys
folder = sys.argv[1]
path = os.path.join(folder, "measurements.csv")
with open(path, newline="") as stream:
    reader = csv.DictReader(stream)
    header, rows = reader.fieldnames, list(reader)
target = next(r for r in rows if r["metric"] == "allocs_per_op")
version, family, case = target["python_version"], target["family"], target["case"]
kept = [r for r in rows if not (r["case"] == case and r["family"] == family
                                and r["metric"] in ("allocs_per_op", "bytes_per_op"))]
with open(path, "w", newline="") as stream:
    writer = csv.DictWriter(stream, header)
    writer.writeheader()
    writer.writerows(kept)
with open(os.path.join(folder, "unavailable.csv"), "w", newline="") as stream:
    writer = csv.writer(stream)
    writer.writerow(["python_version", "family", "case", "metric", "reason"])
    for metric in ("allocs_per_op", "bytes_per_op"):
        writer.writerow([version, family, case, metric, "no allocator API in Python 2.7.18"])
    writer.writerow([version, family, "tomorrow", "*", "needs Python 99.0+ (the future)"])
with open(os.path.join(folder, "failures.csv"), "w", newline="") as stream:
    writer = csv.writer(stream)
    writer.writerow(["python_version", "family", "case", "n", "stage", "error", "traceback"])
    writer.writerow([version, family, "breaks", "10", "calibrate", "ZeroDivisionError: a|b", "Traceback\n  ..."])
with open(os.path.join(folder, "target"), "w") as stream:
    stream.write("%s\n%s\n" % (family, case))
PY
    local family case
    { read -r family; read -r case; } <"$dir/target"
    report "$dir"
    assert_report_written "$dir"
    FAMILY=$family CASE=$case check_report "$dir" <<'PY'
family, case = os.environ["FAMILY"], os.environ["CASE"]
within = section("### " + family)
for line in within:
    if line.startswith("| `%s` |" % case):
        expect(line.count("n/a¹") == 2, "allocs and bytes not n/a¹: %r" % line)
        expect("| 0 |" not in line and "| 0 B |" not in line, "a 0 for a figure it cannot measure: %r" % line)
expect("- ¹ n/a: no allocator API in Python 2.7.18" in within, "no note with the reason:\n" + "\n".join(within))
tomorrow = row(within, "tomorrow", "")
expect("n/a²" in tomorrow and "0" not in tomorrow.replace("n/a²", ""), "the skipped case: %r" % tomorrow)
expect("- ² n/a: needs Python 99.0+ (the future)" in within, "no note for the skipped case")
expect("failed" in row(within, "breaks", "10"), "the failed case's cell")
listed = "\n".join(section("## Failures"))
expect("| `%s/breaks` | 10 | calibrate | ZeroDivisionError: a\\|b |" % family in listed,
       "the failure is not listed:\n" + listed)
PY
    check_tables "$dir"
}

@test "a comparison without comparison.csv or hyperfine: those parts skipped with a line each" {
    copy_run compare
    local dir=$SANDBOX/compare
    rm "$dir/comparison.csv"
    rm -r "$dir/hyperfine"
    report "$dir"
    assert_report_written "$dir"
    local body
    body=$(cat "$dir/REPORT.md")
    assert_contains "$body" "No comparison.csv in this run: medians only, no ratios"
    assert_contains "$body" "No hyperfine/hyperfine.csv in this run"
    case $body in *"×"*) fail "ratios shown without comparison.csv" ;; esac
    check_tables "$dir"
}

@test "a run without unavailable.csv or failures.csv: a line for each" {
    copy_run bench
    local dir=$SANDBOX/bench
    rm "$dir/unavailable.csv" "$dir/failures.csv"
    report "$dir"
    assert_report_written "$dir"
    local body
    body=$(cat "$dir/REPORT.md")
    assert_contains "$body" "This run has no unavailable.csv"
    assert_contains "$body" "No failures.csv in this run: failures cannot be listed."
}

@test "RUN defaults to results/latest; the same run gives the same report" {
    mkdir -p "$SANDBOX/work/results"
    copy_run compare work/results/20260101-000000-compare
    ln -s 20260101-000000-compare "$SANDBOX/work/results/latest"
    cd "$SANDBOX/work"
    run --separate-stderr "$REPORT"
    assert_status 0
    assert_contains "$output" "results/latest/REPORT.md"
    head -n 3 results/latest/REPORT.md | grep -q '20260101-000000-compare' ||
        fail "the report does not name the run folder" "$(head -n 3 results/latest/REPORT.md)"
    cp results/latest/REPORT.md first.md
    run --separate-stderr "$REPORT" results/latest
    assert_status 0
    cmp first.md results/latest/REPORT.md || fail "two reports of one run differ"
}

# with_intervals DIR: gives DIR's measurements.csv the ci_low and ci_high columns, every
# interval ±1% of its median except the first time row's, ±20%; and meta a noise floor.
with_intervals() {
    "$TEST_PYTHON" - "$1/measurements.csv" <<'PY'
import csv, sys
path = sys.argv[1]
with open(path, newline="") as stream:
    reader = csv.DictReader(stream)
    columns, rows = reader.fieldnames + ["ci_low", "ci_high"], list(reader)
first = True
for row in rows:
    median = float(row["median"])
    width = 0.20 if first and row["metric"] == "time_per_op" else 0.01
    first = first and row["metric"] != "time_per_op"
    row["ci_low"] = repr(median - width * abs(median))
    row["ci_high"] = repr(median + width * abs(median))
with open(path, "w", newline="") as stream:
    writer = csv.DictWriter(stream, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
PY
    printf '%s\n' "noise_floor_cv_pct: 3.25" "noise_floor_drift_pct: -1.50" \
        "noise_floor_method: cv of 20 timings of the empty loop" >>"$1/meta"
}

@test "intervals: the unstable time row is marked, the unstable rows counted, the noise floor stated" {
    copy_run bench
    with_intervals "$SANDBOX/bench"
    report "$SANDBOX/bench"
    assert_report_written "$SANDBOX/bench"
    local md times
    md=$(cat "$SANDBOX/bench/REPORT.md")
    times=$(csv_rows "$SANDBOX/bench/measurements.csv" case metric=time_per_op | wc -l)
    [ "$(grep -c 'unstable ±20%' <<<"$md")" -eq 1 ] || fail "one row marked unstable ±20%" "$md"
    assert_contains "$md" "| 95% CI |"
    assert_contains "$md" "±1.0%"
    assert_contains "$md" "**Unstable rows.** 1 of $times time rows"
    assert_contains "$md" "**Noise floor.**"
    assert_contains "$md" "cv 3.25%, drift -1.50% from before the cases to after"
}

@test "intervals: a run without ci columns or noise floor (older) still reads, nothing marked" {
    copy_run bench
    report "$SANDBOX/bench"
    assert_report_written "$SANDBOX/bench"
    local md
    md=$(cat "$SANDBOX/bench/REPORT.md")
    ! grep -q "unstable\|Unstable rows" <<<"$md" || fail "an old run marked unstable" "$md"
    assert_contains "$md" "not recorded (a run older than the noise floor)"
}

@test "bad input: a run folder that does not exist" {
    report "$SANDBOX/no-such-run"
    assert_bad_input "$SANDBOX/no-such-run" "no run folder $SANDBOX/no-such-run" "make report RUN="
}

@test "bad input: a folder that is not a run folder" {
    mkdir "$SANDBOX/empty"
    report "$SANDBOX/empty"
    assert_bad_input "$SANDBOX/empty" "$SANDBOX/empty is not a run folder" "no meta"
}

@test "bad input: more than one argument" {
    report "$SANDBOX/a" "$SANDBOX/b"
    assert_bad_input "$SANDBOX" "one argument"
}

@test "bad input: measurements.csv without some columns names them; REPORT.md left as it was" {
    copy_run compare
    local dir=$SANDBOX/compare
    sed -i '1s/,median,/,middle,/; 1s/,cv,/,spread,/' "$dir/measurements.csv"
    echo "the previous report" >"$dir/REPORT.md"
    report "$dir"
    assert_status 2
    assert_one_clear_line "measurements.csv lacks the columns median, cv" "make compare"
    [ "$(cat "$dir/REPORT.md")" = "the previous report" ] || fail "REPORT.md was changed"
    assert_no_temp_files "$dir"
}

@test "bad input: comparison.csv, hyperfine.csv, charts.csv or claims.csv without a column" {
    local file column fix dir spec
    for spec in "comparison.csv verdict make compare" \
        "hyperfine/hyperfine.csv median_s make compare" \
        "plots/charts.csv status make plots" \
        "claims.csv evidence make claims"; do
        read -r file column fix <<<"$spec"
        copy_run compare "$column"
        dir=$SANDBOX/$column
        add_charts "$dir"
        cp "$FIXTURES/report/claims.csv" "$dir/claims.csv"
        sed -i "1s/\\b$column\\b/x_$column/" "$dir/$file"
        report "$dir"
        assert_bad_input "$dir" "$file lacks the column $column" "$fix"
    done
}

@test "bad input: a median that is not a number names the file, line and column" {
    copy_run bench
    local dir=$SANDBOX/bench
    "$TEST_PYTHON" - "$dir/measurements.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as stream:
    reader = csv.DictReader(stream)
    header, rows = reader.fieldnames, list(reader)
rows[1]["median"] = "fast"
with open(sys.argv[1], "w", newline="") as stream:
    writer = csv.DictWriter(stream, header)
    writer.writeheader()
    writer.writerows(rows)
PY
    report "$dir"
    assert_bad_input "$dir" "measurements.csv line 3: median is 'fast', not a number"
}

@test "bad input: an empty failures.csv" {
    copy_run bench
    : >"$SANDBOX/bench/failures.csv"
    report "$SANDBOX/bench"
    assert_bad_input "$SANDBOX/bench" "failures.csv is empty"
}
