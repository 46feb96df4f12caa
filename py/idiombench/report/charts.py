"""py/idiombench/report/charts.py: where each chart of plots/charts.csv goes in REPORT.md.

Each chart appears once, its title once (in bold above it; the image's alternative
text is its name). The headline charts come first, after the claims: the rows of
charts.csv marked `headline` yes, in its order; a charts.csv without that column (runs
plotted before it) gets the first FALLBACK_HEADLINES names it rendered. The other
rendered charts go with their family's tables, start-up and programs with hyperfine's,
the rest under "More charts"; a chart `stated` (its data said in one sentence, in
`reason`) is that sentence in its family's section; the charts not rendered are listed
with the diagnostics at the end. Standard library only; Python 3.6+.
"""
import os
import re
from urllib.parse import quote

from idiombench.report.format import code, text

CHART_KINDS = ("time", "scaling", "allocs", "bytes", "memory", "resources", "versions",
               "ratios", "idioms", "instructions")
HEADLINE_COLUMN = "headline"
MAX_HEADLINES = 6
# Without charts.csv's headline column: the charts of the article's main contrasts, in
# this order, the first MAX_HEADLINES of them that were rendered (a chart split in parts
# counts by its first part).
FALLBACK_HEADLINES = ("versions-identity", "versions-strings", "versions-copying",
                      "scaling-strings", "scaling-copying", "time-identity",
                      "time-strings", "time-copying")
RENDERED, STATED = "rendered", "stated"


def base_name(name):
    """A chart's name without its part number: time-strings-2 -> time-strings."""
    return re.sub(r"-\d+$", "", name)


def headline_names(charts):
    """The names of the headline charts, in the order they are shown (a stated one is
    its sentence there)."""
    rendered = [c for c in charts if c["status"] == RENDERED]
    if charts and HEADLINE_COLUMN in charts[0]:
        return [c["name"] for c in charts if c["status"] in (RENDERED, STATED)
                and (c.get(HEADLINE_COLUMN) or "").strip().lower() == "yes"]
    chosen = []
    for wanted in FALLBACK_HEADLINES:
        match = [c["name"] for c in rendered if base_name(c["name"]) == wanted]
        if match and len(chosen) < MAX_HEADLINES:
            chosen.append(match[0])
    return chosen


def chart_family(name, families):
    """The family a chart belongs to, or None."""
    kind, _, family = name.partition("-")
    if kind not in CHART_KINDS:
        return None
    for candidate in (family, base_name(family)):
        if candidate in families:
            return candidate
    return None


def chart_placement(run, families):
    """{'headline': [...], 'family:<f>': [...], 'hyperfine': [...], 'other': [...],
    'stated:<f>' / 'stated': [...], 'skipped': [...]}: every chart of charts.csv, once."""
    charts = run.charts or []
    headlines = headline_names(charts)
    placed = {"headline": [], "hyperfine": [], "other": [], "skipped": [], "stated": []}
    by_name = dict((c["name"], c) for c in charts)
    placed["headline"] = [by_name[name] for name in headlines]
    for chart in charts:
        if chart["name"] in headlines:
            continue
        family = chart_family(chart["name"], families)
        if chart["status"] == STATED:
            placed.setdefault("stated:" + family if family else "stated", []).append(chart)
        elif chart["status"] != RENDERED:
            placed["skipped"].append(chart)
        elif base_name(chart["name"]) in ("startup", "programs"):
            placed["hyperfine"].append(chart)
        elif family:
            placed.setdefault("family:" + family, []).append(chart)
        else:
            placed["other"].append(chart)
    return placed


def chart_lines(run, chart):
    """A chart: its title in bold, its PNG (linked to its SVG when there is one)."""
    title = chart["title"] or chart["name"]
    png = "plots/" + chart["png"]
    image = "![%s](%s)" % (text(chart["name"]), quote(png))
    if chart["svg"]:
        image = "[%s](%s)" % (image, quote("plots/" + chart["svg"]))
    lines = ["**%s**" % text(title), "", image]
    if not os.path.isfile(os.path.join(run.folder, png)):
        lines.extend(["", "(%s is listed in plots/charts.csv but missing: run `make plots` "
                          "again)" % code(png)])
    return lines + [""]


def stated_lines(charts):
    """Charts that became one sentence: "- **title**: sentence"."""
    return ["- **%s**: %s" % (text(c["title"] or c["name"]), text(c["reason"]))
            for c in charts]


def headline_section(run, placed):
    lines = ["## Headline charts", ""]
    if run.charts is None:
        return lines + ["No charts: run make plots (this run has no plots/charts.csv)."]
    if not placed["headline"]:
        return lines + ["None of this run's charts answers the article's main questions "
                        "(see each family's section)."]
    for chart in placed["headline"]:
        if chart["status"] == STATED:
            lines.extend(stated_lines([chart]) + [""])
        else:
            lines.extend(chart_lines(run, chart))
    while lines[-1] == "":
        lines.pop()
    return lines


def more_charts_section(run, placed):
    """Rendered charts that belong to no family nor to hyperfine, and stated ones of
    no family."""
    if not placed["other"] and not placed["stated"]:
        return []
    lines = ["## More charts", ""]
    for chart in placed["other"]:
        lines.extend(chart_lines(run, chart))
    lines.extend(stated_lines(placed["stated"]))
    while lines[-1] == "":
        lines.pop()
    return lines


def not_rendered_section(run, placed):
    lines = ["## Charts not rendered", ""]
    if run.charts is None:
        return lines + ["No plots/charts.csv in this run: run make plots."]
    rendered = [c for c in run.charts if c["status"] == RENDERED]
    lines.append("%d chart%s rendered (PNG; click one for its SVG)." % (
        len(rendered), "" if len(rendered) == 1 else "s"))
    if placed["skipped"]:
        lines.extend(["", "Not rendered:", ""])
        lines.extend("- %s (%s): %s" % (code(c["name"]), text(c["title"]),
                                        text(c["reason"] or c["status"]))
                     for c in placed["skipped"])
    return lines
