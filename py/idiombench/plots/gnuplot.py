"""py/idiombench/plots/gnuplot.py: runs gnuplot for bin/plots.

gnuplot_command finds gnuplot 5.4+ (GNUPLOT=path overrides); render writes a chart's
data files and parameters to a work folder and has gnuplot draw its PNG and SVG under
temporary names, renamed when both are complete; write_charts_csv replaces charts.csv
whole; render_all renders every chart a few at a time, removes the outputs of charts
no longer drawn and writes charts.csv.
Standard library only; Python 3.6+.
"""
import concurrent.futures
import csv
import os
import re
import shutil
import subprocess
import tempfile


from idiombench.plots.format import gp_string
from idiombench.plots.run import warn
from idiombench.run import schema
from idiombench.run.errors import EXIT_ENVIRONMENT, EXIT_WRITE_FAILED, Stop
from idiombench.run.paths import REPO_ROOT as SUITE


SCRIPTS = os.path.join(SUITE, "plots")


def gnuplot_command():
    """The gnuplot to run, or Stop (exit 3) when there is none fit for the job."""
    name = os.environ.get("GNUPLOT") or "gnuplot"
    path = shutil.which(name)
    if path is None:
        where = ("%s not found" % name) if os.sep in name else ("no %s on PATH" % name)
        raise Stop("gnuplot is not installed (%s): apt-get install gnuplot-nox "
                   "fonts-dejavu-core" % where, EXIT_ENVIRONMENT)
    try:
        out = subprocess.run([path, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise Stop("%s does not run (%s): apt-get install gnuplot-nox fonts-dejavu-core"
                   % (path, error), EXIT_ENVIRONMENT)
    match = re.search(r"gnuplot (\d+)\.(\d+)", out)
    if not match or (int(match.group(1)), int(match.group(2))) < (5, 4):
        raise Stop("%s is not gnuplot 5.4 or newer ('%s'): apt-get install gnuplot-nox"
                   % (path, out.strip()[:60]), EXIT_ENVIRONMENT)
    return path


def check_font():
    """A warning when DejaVu Sans is missing (cairo would substitute it silently)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        out = subprocess.run([fc_list, ":family=DejaVu Sans"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return
    if not out.strip():
        warn("the font DejaVu Sans is not installed, so the PNGs use another: "
             "apt-get install fonts-dejavu-core")


def render(gnuplot, chart, plots_dir, work, temps):
    """Renders chart as PNG and SVG into plots_dir (temporary names, renamed when both
    are complete). Returns None, or the error's first line."""
    r = chart.render
    folder = os.path.join(work, chart.name)
    os.mkdir(folder)
    for name, text in r.files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as stream:
            stream.write(text)
    script_path = os.path.join(SCRIPTS, r.script)
    if r.script_text is not None:
        script_path = os.path.join(folder, r.script)
        with open(script_path, "w", encoding="utf-8") as stream:
            stream.write(r.script_text)
    params = os.path.join(folder, "params.gp")
    with open(params, "w", encoding="utf-8") as stream:
        stream.write("DATADIR = %s\n" % gp_string(folder))
        stream.write(r.params)
    # One gnuplot for both formats: the PNG, then (settings reset) the SVG.
    outputs, script = [], ["load %s" % gp_string(params)]
    for fmt in ("png", "svg"):
        final = os.path.join(os.path.abspath(plots_dir), "%s.%s" % (chart.name, fmt))
        temp = "%s.tmp.%d" % (final, os.getpid())
        temps.add(temp)
        outputs.append((temp, final))
        script += ["reset", "FORMAT = %s" % gp_string(fmt), "OUTPUT = %s" % gp_string(temp),
                   "load %s" % gp_string(os.path.join(SCRIPTS, "style.gp")),
                   "load %s" % gp_string(script_path),
                   "unset output"]
    main = os.path.join(folder, "main.gp")
    with open(main, "w", encoding="utf-8") as stream:
        stream.write("\n".join(script) + "\n")
    try:
        result = subprocess.run([gnuplot, main], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True, cwd=folder)
    except OSError as error:
        return "gnuplot did not run: %s" % error
    messages = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    missing = [temp for temp, _ in outputs if not os.path.isfile(temp) or os.path.getsize(temp) == 0]
    if result.returncode != 0 or missing:
        detail = next((m for m in messages if "line" in m or "error" in m.lower()),
                      messages[-1] if messages else "exit status %d" % result.returncode)
        return "gnuplot failed (%s): %s" % (
            r.script if r.script_text is not None else "plots/" + r.script, detail)
    for temp, final in outputs:
        os.replace(temp, final)
        temps.discard(temp)
    if messages:
        warn("%s: gnuplot warned: %s" % (chart.name, " | ".join(messages[:3])))
    return None


# charts.csv: status rendered (png, svg), stated (reason: the sentence that replaces a
# chart of zeros) or skipped (reason: why); headline "yes" for the few charts that
# answer a reader's questions (plots_charts.mark_headlines).
CHARTS_COLUMNS = schema.columns("plots/charts.csv")


def charts_row(chart):
    if chart.stated is not None:
        return [chart.name, chart.title, "", "", "stated", chart.stated, ""]
    if chart.skip is None and chart.error is None:
        return [chart.name, chart.title, chart.name + ".png", chart.name + ".svg",
                "rendered", "", "yes" if chart.headline else ""]
    return [chart.name, chart.title, "", "", "skipped", chart.skip or chart.error, ""]


def write_charts_csv(plots_dir, charts, temps):
    final = os.path.join(plots_dir, "charts.csv")
    temp = "%s.tmp.%d" % (final, os.getpid())
    temps.add(temp)
    with open(temp, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(CHARTS_COLUMNS)
        for chart in charts:
            writer.writerow(charts_row(chart))
    os.replace(temp, final)
    temps.discard(temp)


def previous_outputs(plots_dir):
    """The png and svg files the previous charts.csv listed."""
    found = set()
    try:
        with open(os.path.join(plots_dir, "charts.csv"), newline="", encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                for column in ("png", "svg"):
                    name = row.get(column) or ""
                    if name and "/" not in name and not name.startswith("."):
                        found.add(name)
    except (OSError, csv.Error, UnicodeDecodeError):
        pass
    return found


def open_plots_dir(folder):
    """RUN/plots, made and checked writable; Stop (exit 4) when it is not."""
    plots_dir = os.path.join(folder, "plots")
    try:
        os.makedirs(plots_dir, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=plots_dir, prefix=".write-test")
        probe.close()
    except OSError as error:
        raise Stop("cannot write %s: %s; give a run folder you can write to" % (
            plots_dir, error.strerror or error), EXIT_WRITE_FAILED)
    return plots_dir


def render_all(gnuplot, charts, plots_dir, workers):
    """Renders the charts to render, workers gnuplots at a time; removes the files of
    the previous charts.csv no longer drawn; writes charts.csv. Returns the charts
    rendered and how many failed."""
    previous = previous_outputs(plots_dir)
    temps = set()
    work = tempfile.mkdtemp(prefix="idiombench-plots.")
    try:
        todo = [chart for chart in charts if chart.render is not None]
        # a few gnuplots at a time: each chart is two short processes
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            errors = list(pool.map(lambda c: render(gnuplot, c, plots_dir, work, temps), todo))
        failed = note_results(todo, errors)
        rendered = [c for c in charts if c.render is not None and c.error is None]
        remove_stale(plots_dir, previous, rendered)
        write_charts_csv(plots_dir, charts, temps)
    finally:
        for temp in temps:
            try:
                os.remove(temp)
            except OSError:
                pass
        shutil.rmtree(work, ignore_errors=True)
    return rendered, failed


def note_results(todo, errors):
    """One line (stderr) per chart that failed; returns how many did."""
    failed = 0
    for chart, error in zip(todo, errors):
        if error:
            chart.error = error
            failed += 1
            script = ("its script" if chart.render.script_text is not None
                      else "plots/" + chart.render.script)
            warn("%s not rendered: %s (a bug in bin/plots or %s: please report it)"
                 % (chart.name, error, script))
    return failed


def remove_stale(plots_dir, previous, rendered):
    """Removes the files previously listed that no rendered chart wrote."""
    keep = set()
    for chart in rendered:
        keep.add(chart.name + ".png")
        keep.add(chart.name + ".svg")
    for name in sorted(previous - keep):
        try:
            os.remove(os.path.join(plots_dir, name))
        except OSError:
            pass
