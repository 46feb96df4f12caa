"""bin/plots [RUN]: the charts of a run folder, rendered by gnuplot as PNG and SVG.

    bin/plots [RUN]        (make plots [RUN=dir]); RUN defaults to results/latest

Reads RUN's measurements.csv, samples.csv, complexity.csv, comparison.csv, meta and
hyperfine/ (hyperfine.csv and runs.csv), each as docs/run-folder.md
describes them, and renders RUN/plots/<name>.png (800 px wide, at most 900 px tall) and
<name>.svg:

  idioms             the article's contrasts (py/idiombench/plots/idioms.py: `is`/`==`, `+=`/join,
                     slice/copy/deepcopy, interned/plain, with/without `with`) as ratios
                     with 95% intervals, computed as the claims report does
                     (py/idiombench/claims/run.py, build/idiombench-compare); a dot per version;
                     their instruction-count ratios too where the run has them
  time-<family>      time per operation by case, a dot per Python version
  scaling-<family>   time per element (per operation ÷ n) against n, log-log, a line per
                     case measured at 3+ sizes: flat is O(n); the key names a case's
                     complexity only where the fit decides it (py/idiombench/run/fit_label.py)
  instructions-<family>, allocs-<family>, bytes-<family>
                     instructions, allocation requests and bytes requested per operation
  memory-<family>    retained, peak and resident bytes per run (families measuring memory)
  resources-<family> descriptors left open, ResourceWarnings, collections, per run
  versions-<family>  each case's time on each version as a ratio to the baseline (its
                     host's, in a run merged from several hosts) with its 95% interval
                     (comparison.csv), coloured faster or slower only beyond the noise
                     and the practical threshold (PRACTICAL.share of
                     py/idiombench/claims/vocabulary.py), grey otherwise (make compare runs)
  startup            interpreter start-up time per interpreter (hyperfine)
  programs           bench/programs/ whole-program times per interpreter (hyperfine)

and RUN/plots/charts.csv: name,title,png,svg,status,reason,headline, one row per chart
considered: `rendered`; `stated` when every figure is zero (reason: the sentence that
says so instead of a chart); or `skipped` with the reason. headline is "yes" on at most
6 charts that answer a reader's questions (idioms, then the versions and scaling charts
of the idioms' families). png and svg are relative to plots/. A chart taller than
900 px is split into parts <name>, <name>-2, ..., titled by the rows they hold.

Rules (stated in each chart's subtitle, with the mode and the timing noise): dots, not
bars; a dot of absolute values is a median and its whiskers the interquartile range of
its samples (samples.csv; hyperfine: of its runs); a ratio is a ratio of geometric
means with its 95% interval, on a log-2 axis with a dashed line at 1×. Rows that are
zero on every version are left out and named. In time, allocs and bytes charts a case
measured at 3 or more sizes appears at one size, the largest most of the family's
scaling cases share (every size is in scaling-<family>); a scaling chart of a run with
more than 3 versions draws the baseline and the newest (each host's, in a run merged from
several hosts: report/baselines.py). Versions are coloured from a sequential palette (old
dark, new light) that keeps 12 versions apart.

Every file is written to a temporary name and renamed: a failure never leaves half a
chart, and charts.csv is replaced whole. Two renders of one run are byte-identical.

Output: "plots: " lines on stdout (the charts written; the skipped ones in one line).
Problems get one line on stderr starting "idiombench: " (an unusable file, a gnuplot
failure). Exit status: 0 some chart rendered; 1 gnuplot failed on some chart (the others
are written); 2 nothing could be drawn (no such run folder, unusable CSV files, no
data); 3 gnuplot (5.4 or newer) is not installed; 4 RUN/plots cannot be written.

Standard library only; Python 3.6+. GNUPLOT=path overrides the gnuplot found on PATH.
"""
import os
import signal

# The work is in py/idiombench/plots/: run (reading the run folder, messages), charts
# (which charts), dots, ratios and lines (each kind of chart), select (a family's rows and
# notes), format (axes, numbers, colours, gnuplot text), gnuplot (running gnuplot, atomic
# outputs, charts.csv).
from idiombench.plots.charts import all_charts, skipped_summary
from idiombench.plots.gnuplot import check_font, gnuplot_command, open_plots_dir, render_all
from idiombench.plots.run import load_run, say, warn
from idiombench.run.errors import EXIT_CASES_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Stop
from idiombench.run.interrupts import exit_on_signal
from idiombench.run.paths import REPO_ROOT as SUITE

DEFAULT_RUN = os.path.join(SUITE, "results", "latest")

WORKERS = max(1, min(4, os.cpu_count() or 1))  # gnuplots run at once


def run_folder(argv):
    """The run folder argv names (default results/latest); None for --help."""
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        return None
    if len(args) > 1 or (args and args[0].startswith("-")):
        raise Stop("usage: bin/plots [RUN] (one run folder; default results/latest)")
    folder = args[0] if args and args[0] else DEFAULT_RUN
    if os.path.abspath(folder) == os.path.abspath(DEFAULT_RUN):
        if not os.path.exists(folder):
            raise Stop("no run to plot: results/latest does not exist; measure with make "
                       "bench or make compare first, or give RUN=<run folder>")
    return folder


def main(argv):
    folder = run_folder(argv)
    if folder is None:
        print(__doc__.strip())
        return EXIT_OK
    gnuplot = gnuplot_command()
    run, problems = load_run(folder)
    for problem in problems:
        warn(problem)
    check_font()
    charts = all_charts(run)
    plots_dir = open_plots_dir(folder)
    rendered, failed = render_all(gnuplot, charts, plots_dir, WORKERS)
    summary = skipped_summary(charts)
    if not rendered:
        if summary:
            warn(summary)
        raise Stop("nothing to draw from %s (charts.csv lists why each chart is skipped)"
                   % folder, EXIT_CASES_FAILED if failed else EXIT_USAGE)
    stated = [c for c in charts if c.stated is not None]
    say("%d charts in %s (PNG and SVG)%s; charts.csv lists them" % (
        len(rendered), plots_dir,
        ", %d stated in one sentence (all zeros)" % len(stated) if stated else ""))
    if summary:
        say(summary)
    return EXIT_CASES_FAILED if failed else EXIT_OK


def program(argv):
    """What bin/plots runs: main(argv) with SIGTERM, Ctrl-C and Stop turned into the exit
    status (Stop's message on stderr); returns it."""
    signal.signal(signal.SIGTERM, exit_on_signal)
    try:
        return main(argv)
    except Stop as stop:
        warn(str(stop))
        return stop.status
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
