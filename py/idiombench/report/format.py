"""py/idiombench/report/format.py: figures and Markdown for bin/report.

Numbers: 3 significant figures, never in exponent form; times in ns, µs, ms or s,
whichever keeps them readable; byte and allocation counts exact when whole (with
thousands separators). Markdown: GitHub-flavoured pipe tables; free text escaped so it
renders as written; identifiers (case names, programs) in code spans, so underscores stay
visible. Standard library only; Python 3.6+.
"""
import math
import re

SUPERSCRIPTS = {"0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                "7": "⁷", "8": "⁸", "9": "⁹"}

METRIC_LABELS = {
    "time_per_op": "time/op",
    "instructions_per_op": "instructions/op",
    "allocs_per_op": "allocs/op",
    "bytes_per_op": "bytes/op",
    "retained_bytes": "retained",
    "peak_bytes": "peak (traced)",
    "rss_delta_bytes": "RSS Δ",
    "fds_delta": "fds Δ",
    "resource_warnings": "ResourceWarnings",
    "gc_collections_gen0": "collections gen0",
    "gc_collections_gen1": "collections gen1",
    "gc_collections_gen2": "collections gen2",
    "gc_collected": "collected",
}


def sig(value, digits=3):
    """value with `digits` significant figures, in plain decimal notation."""
    if value == 0:
        return "0"
    magnitude = int(math.floor(math.log10(abs(value))))
    decimals = max(0, digits - 1 - magnitude)
    text = "%.*f" % (decimals, value)
    if float(text) == 0:
        text = text.lstrip("-")
    return text


def scaled(value, units, step):
    """value (in units[0]) in the largest unit it reaches, 3 significant figures."""
    index = 0
    while index + 1 < len(units) and abs(float(sig(value))) >= step:
        value /= step
        index += 1
    return "%s %s" % (sig(value), units[index])


def fmt_time_ns(ns):
    """A time in nanoseconds, e.g. 3.47 ns, 2.25 µs, 7.28 ms."""
    return scaled(ns, ("ns", "µs", "ms", "s"), 1000.0)


def fmt_time_s(seconds):
    """A time in seconds, e.g. 45.6 ms."""
    return fmt_time_ns(seconds * 1e9)


def fmt_count(value):
    """A count: exact with thousands separators when whole; else to the unit from 1000
    up, one decimal from 100, 3 significant figures below."""
    if value == int(value) and abs(value) < 1e15:
        return "{:,}".format(int(value))
    if abs(value) >= 1000:
        return "{:,}".format(int(round(value)))
    if abs(value) >= 100:
        return "%.1f" % value
    return sig(value)


def fmt_bytes(value):
    """Bytes, exact below 1 GiB (136 B, 800,056 B, 400,529,991 B), else scaled (37.3 GiB)."""
    if abs(value) >= 1024 ** 3:
        return scaled(value / 1024.0, ("KiB", "MiB", "GiB", "TiB"), 1024.0)
    return fmt_count(value) + " B"


def fmt_kib(kib):
    """A size in KiB, scaled: 6.50 MiB."""
    return scaled(kib, ("KiB", "MiB", "GiB"), 1024.0)


def fmt_halfwidth(halfwidth):
    """An interval's relative half-width (a fraction) as ±percent: ±1.2%, ±14%, ±inf%."""
    if halfwidth == float("inf"):
        return "±inf%"
    return "±" + fmt_cv(halfwidth)


def fmt_cv(cv):
    """A coefficient of variation (a fraction) as a percentage: 5.8%, 13%."""
    percent = cv * 100
    if abs(percent) < 10:
        return "%.1f%%" % percent
    return "%.0f%%" % percent


def fmt_ratio(ratio):
    """A ratio: 1.41×, 0.049×."""
    if abs(ratio) >= 0.1:
        return "%.2f×" % ratio
    return sig(ratio, 2) + "×"


def fmt_ratio_interval(ratio, low, high):
    """(ratio, low, high): the ratio as fmt_ratio gives it and the bounds of its interval
    without the ×, with as many more digits (up to 6) as it takes to tell the bounds
    apart: "1.0001×", "1.0001", "1.0002" rather than "1.00× [1.00, 1.00]"."""
    for digits in range(2, 7):
        shown = [places(value, digits) for value in (ratio, low, high)]
        if shown[1] != shown[2] or low == high:
            break
    return shown[0] + "×", shown[1], shown[2]


def places(value, digits):
    """value with `digits` decimals from 0.1 up, else `digits` significant figures."""
    return "%.*f" % (digits, value) if abs(value) >= 0.1 else sig(value, digits)


def fmt_value(metric, unit, value):
    """A measurement's figure in its unit, readably."""
    if unit == "ns":
        return fmt_time_ns(value)
    if unit == "bytes":
        return fmt_bytes(value)
    return fmt_count(value)


def superscript(number):
    return "".join(SUPERSCRIPTS[digit] for digit in str(number))


def text(value, code_spans=False):
    """Free text (an error, a reason, evidence) escaped to render as written. With
    code_spans, `...` spans are kept as code. `|` is left to table(), which escapes it
    in cells (inside code spans too, as GitHub wants)."""
    value = value.replace("\r", "").replace("\n", " ")
    if code_spans:
        parts = re.split(r"(`[^`]+`)", value)
        return "".join(part if i % 2 else text(part) for i, part in enumerate(parts))
    out = []
    for char in value:
        if char in "\\`*_[]<>~":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def code(value):
    """An identifier or command in a code span (backticks inside are fenced by more)."""
    value = value.replace("\n", " ")
    fence = "`"
    while fence in value:
        fence += "`"
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return "%s%s%s%s%s" % (fence, pad, value, pad, fence)


def table(headers, rows, align=None):
    """A pipe table: headers and rows of cell strings (already Markdown); `|` in a cell
    is escaped, newlines become spaces. align: a string of 'l'/'r' per column."""
    def cell(value):
        return value.replace("\n", " ").replace("|", "\\|") or " "
    align = align or "l" * len(headers)
    marks = {"l": "---", "r": "--:", "c": ":-:"}
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |",
             "|" + "|".join(marks[a] for a in align) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return lines


class Notes(object):
    """Numbered notes under a table: note(reason) gives the marker (¹, ², ...) of a
    reason, the same marker for the same reason."""

    def __init__(self):
        self.reasons = []

    def mark(self, reason):
        if reason not in self.reasons:
            self.reasons.append(reason)
        return superscript(self.reasons.index(reason) + 1)

    def lines(self, prefix="n/a"):
        return ["%s %s: %s" % (superscript(i + 1), prefix, text(reason))
                for i, reason in enumerate(self.reasons)]
