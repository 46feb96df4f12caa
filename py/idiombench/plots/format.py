"""py/idiombench/plots/format.py: numbers, axes and gnuplot text for bin/plots.

Tic labels (fmt_value), value axes (Axis: linear, log, symlog or a ratio's log 2;
line_tics), the colours of versions (version_colours), gnuplot strings, arrays and data
lines, subtitles (wrap, header_params), the chart records (Chart, Render) and the
splitting of long charts into parts named by what they hold (split_by_prefix,
part_name, part_title). Standard library only; Python 3.6+.
"""
import math


WIDTH = 800                  # pixels: blog width
LOG_SPAN = 20.0              # values spanning more than this factor: log axis
SUBTITLE_CHARS = 100         # wrap subtitles at about this many characters
TITLE_CHARS = 88             # a title longer than this goes on into the subtitle
MAX_HEIGHT_PX = 900          # a chart taller than this is split into parts

# Versions are ordered, so their colours are too: a sequential palette (viridis, dark
# purple to green-yellow, its palest yellow left out to stay visible on white), spread
# evenly over the versions of a run; 12 steps stay distinct.
SEQUENTIAL = [0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884,
              0x44bf70, 0x7ad151, 0x9fd83c, 0xbddf26, 0xd8e219]
# Verdict colours of ratio charts: faster (blue), slower (vermilion), no practical
# difference (grey); colour-blind safe (Okabe-Ito).
FASTER_RGB, SLOWER_RGB, NEUTRAL_RGB = 0x0072b2, 0xd55e00, 0x9a9a9a
POINT_SHAPES = [7, 5, 9, 13, 11, 15, 4, 6, 8, 10, 12, 14]  # filled circle, square, ...


def version_colours(versions):
    """{version: rgb}: the sequential palette spread over versions (in order)."""
    count = len(versions)
    if count == 1:
        return {versions[0]: SEQUENTIAL[3]}
    last = len(SEQUENTIAL) - 1
    return dict((v, SEQUENTIAL[int(round(i * last / float(count - 1)))] if count <= 12
                 else SEQUENTIAL[i % 12]) for i, v in enumerate(versions))


def ratio_text(value):
    """'1.49×', '0.5×'; a power of 2 below 1 as a fraction ('1/16×'), one above as a
    whole number ('1024×')."""
    exponent = math.log(value, 2) if value > 0 else 0.5
    if abs(exponent - round(exponent)) < 1e-9:
        k = int(round(exponent))
        return ("1/%d×" % 2 ** -k) if k < 0 else ("%d×" % 2 ** k)
    return "%s×" % short(value)


def short(value):
    """A number with at most 3 significant digits, no trailing zeros."""
    if value == 0:
        return "0"
    text = "%.3g" % value
    if "e" in text:
        mantissa, exponent = text.split("e")
        return "%se%d" % (mantissa, int(exponent))
    return text


PREFIXES = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
TIME_UNITS = [(1e9, "s"), (1e6, "ms"), (1e3, "µs"), (1.0, "ns")]


def fmt_value(value, kind):
    """A tic label: times (kind 'time', in ns) with their unit, bytes as B/kB/MB,
    counts with k/M, ratios as 0.5×."""
    if kind == "ratio":
        return ratio_text(value)
    if value == 0:
        return "0"
    size = abs(value)
    if kind == "time":
        for factor, unit in TIME_UNITS:
            if size >= factor * 0.9995 or factor == 1.0:
                return "%s %s" % (short(value / factor), unit)
    for factor, prefix in PREFIXES:
        if size >= factor * 0.9995:
            if kind == "bytes":
                return "%s %sB" % (short(value / factor), prefix)
            return short(value / factor) + prefix
    return short(value) + (" B" if kind == "bytes" else "")


def power(k):
    return float("1e%d" % k)


def nice_step(span, count):
    raw = span / count
    base = power(int(math.floor(math.log10(raw))))
    for factor in (1, 2, 5, 10):
        if raw <= factor * base:
            return factor * base
    return 10 * base


class Axis:
    """A value axis: scale ('linear', 'log' or 'symlog'), range, tics, symlog's C, and
    the value bars start from."""

    def __init__(self, values, extremes, kind, allow_log=True):
        """values: the medians; extremes: whisker ends too. kind: 'time', 'bytes' or
        'count' (tic labels)."""
        self.kind = kind
        self.symc = 1.0
        if kind == "ratio":
            self.scale = "log2"
            self.ticks = self._log2(values, extremes)
            return
        nonzero = [abs(v) for v in values if v != 0]
        positive = all(v > 0 for v in values) and values
        spread = max(nonzero) / min(nonzero) if nonzero else 1.0
        if not allow_log or not nonzero or spread <= LOG_SPAN:
            self.scale = "linear"
        elif positive:
            self.scale = "log"
        else:
            self.scale = "symlog"
        if self.scale == "log":
            ticks = self._log(values, extremes)
        elif self.scale == "symlog":
            ticks = self._symlog(nonzero, extremes)
        else:
            ticks = self._linear(extremes)
        self.ticks = sorted(set(ticks))

    def _log(self, values, extremes):
        """Decades from below the least median to above the greatest whisker end."""
        shown = [v for v in extremes if v > 0]
        low = min(values)
        high = max(shown)
        first = int(math.floor(math.log10(low)))
        if low / power(first) < 1.5:
            first -= 1  # a bar at the axis' start would have no length
        last = int(math.ceil(math.log10(high)))
        if high / power(last) > 0.7:
            last += 1  # a dot on the axis' end would sit on the frame
        self.low, self.high = power(first), power(last)
        ticks = [power(k) for k in range(first, last + 1)]
        if last - first <= 2:
            ticks += [m * power(k) for k in range(first, last) for m in (2, 5)]
        elif last - first > 9:
            ticks = [power(k) for k in range(first, last + 1, 2)]
        self.base = self.low
        return ticks

    def _log2(self, values, extremes):
        """Powers of 2 around 1 (always shown) covering every ratio and interval end."""
        shown = [v for v in list(values) + list(extremes) if v > 0] + [1.0]
        first = int(math.floor(math.log(min(shown), 2) - 0.15))
        last = int(math.ceil(math.log(max(shown), 2) + 0.15))
        first, last = min(first, -1), max(last, 1)
        self.low, self.high = 2.0 ** first, 2.0 ** last
        self.base = 1.0
        step = 1 if last - first <= 8 else 2
        return [2.0 ** k for k in range(first, last + 1) if k % step == 0]

    def _symlog(self, nonzero, extremes):
        """Log beyond symc, linear within; decades each side of 0 as the values need."""
        self.symc = power(int(math.floor(math.log10(min(nonzero)))))
        top = max(abs(v) for v in extremes)
        decades = max(1, int(math.ceil(math.log10(top / self.symc + 1e-12))))
        if decades > 8:
            self.symc = power(int(math.ceil(math.log10(top))) - 8)
            decades = 8
        high = self.symc * power(decades)
        negatives = [v for v in extremes if v < 0]
        if negatives:
            neg = max(1, int(math.ceil(math.log10(max(-v for v in negatives) / self.symc + 1e-12))))
        else:
            neg = 0
        self.low = -self.symc * power(neg) if neg else 0.0
        self.high = high
        step = 2 if decades + neg > 8 else 1
        ticks = [0.0] + [self.symc * power(k) for k in range(0, decades + 1, step)]
        ticks += [-self.symc * power(k) for k in range(0, neg + 1, step)]
        self.base = 0.0
        return ticks

    def _linear(self, extremes):
        """From 0 (or the least value) to a little above the greatest, at nice steps."""
        low = min([0.0] + list(extremes))
        high = max([0.0] + list(extremes))
        if high == low:
            high = 1.0
        step = nice_step(high - low, 7)
        self.low = math.floor(low / step + 1e-9) * step
        # headroom, so that the longest bar does not end on the frame
        self.high = math.ceil(high * 1.02 / step - 1e-9) * step
        count = int(round((self.high - self.low) / step))
        ticks = [self.low + i * step for i in range(count + 1)]
        ticks = [0.0 if abs(t) < step * 1e-9 else t for t in ticks]
        self.base = 0.0
        return ticks

    def clip(self, value):
        return min(max(value, self.low), self.high)

    def gp_range(self):
        """The range to give gnuplot: a hair wider, or it drops tics at the ends."""
        if self.scale in ("log", "log2"):
            return self.low * 0.9999, self.high * 1.0001
        pad = (self.high - self.low) * 1e-6
        return self.low - pad, self.high + pad

    def tics(self):
        """gnuplot's `set xtics (...)` list."""
        return "(" + ", ".join("%s %.12g" % (gp_string(fmt_value(t, self.kind)), t)
                               for t in self.ticks) + ")"

    def describe(self, unit_text):
        """Axis label: what it counts, and how the scale runs."""
        if self.scale == "log":
            return unit_text + ", log scale"
        if self.scale == "log2":
            return unit_text + ", log scale (each step doubles)"
        if self.scale == "symlog":
            return "%s, log scale beyond %s (linear around 0)" % (
                unit_text, fmt_value(self.symc, self.kind))
        return unit_text


def line_tics(low, high, kind):
    """Log axis range and tics over [low, high] (both > 0)."""
    first = int(math.floor(math.log10(low)))
    last = int(math.ceil(math.log10(high)))
    if last == first:
        last += 1
    ticks = [power(k) for k in range(first, last + 1)]
    if last - first <= 2:
        ticks += [m * power(k) for k in range(first, last) for m in (2, 5)]
    elif last - first > 8:
        ticks = [power(k) for k in range(first, last + 1, 2)]
    tics = "(" + ", ".join("%s %.12g" % (gp_string(fmt_value(t, kind)), t)
                           for t in sorted(ticks)) + ")"
    # a hair wider than the tics: gnuplot drops a tic at the very end of a log range
    return power(first) * 0.9999, power(last) * 1.0001, tics


def gp_string(text):
    """A gnuplot single-quoted string (no escapes but '')."""
    return "'" + str(text).replace("'", "''").replace("\n", " ") + "'"


def gp_array(name, values, empty=1.0):
    """A gnuplot array; an empty one holds one placeholder (empty), as gnuplot
    evaluates a loop's body even when the loop runs no times."""
    if not values:
        values = [empty]
    items = ", ".join(gp_string(v) if isinstance(v, str) else "%.12g" % v for v in values)
    return "array %s[%d] = [%s]\n" % (name, len(values), items)


def data_line(*fields):
    out = []
    for field in fields:
        if isinstance(field, str):
            out.append('"%s"' % field.replace('"', "'"))
        elif field is None or (isinstance(field, float) and not math.isfinite(field)):
            out.append("NaN")
        else:
            out.append("%.9g" % field)
    return " ".join(out) + "\n"


def wrap(parts, width=SUBTITLE_CHARS):
    """Joins parts with '; ' into lines of at most width characters; a part longer
    than a line is broken between words (never clipped by the chart's edge)."""
    lines, line = [], ""
    for part in parts:
        if not part:
            continue
        candidate = part if not line else line + "; " + part
        if line and len(candidate) > width:
            lines.append(line)
            line = part
        else:
            line = candidate
        while len(line) > width and " " in line[:width]:
            cut = line.rindex(" ", 0, width)
            lines.append(line[:cut])
            line = line[cut + 1:]
    if line:
        lines.append(line)
    return lines


class Render:
    """What gnuplot needs for one chart: the script, the parameters, the data files
    and the height in pixels."""

    def __init__(self, script, height, params, files, script_text=None):
        self.script = script            # plots/<script>, or the name of script_text
        self.height = int(height)
        self.params = params
        self.files = files
        self.script_text = script_text  # the script itself, when bin/plots holds it


class Chart:
    def __init__(self, name, title, render=None, skip=None, line_reason=None, stated=None):
        self.name = name
        self.title = title
        self.render = render
        self.skip = skip              # reason, for charts.csv
        self.line_reason = line_reason or skip  # the same, in the summary line
        self.stated = stated          # the sentence that replaces a chart of zeros
        self.error = None
        self.headline = False


def header_params(title, subtitle_lines, height):
    """TITLE, the subtitle's lines (NSUB, SUB[]), WIDTH and HEIGHT, for style.gp."""
    text = "TITLE = %s\n" % gp_string(title)
    text += "NSUB = %d\n" % len(subtitle_lines)
    text += gp_array("SUB", list(subtitle_lines), "")
    text += "WIDTH = %d\nHEIGHT = %d\n" % (WIDTH, height)
    return text


def split_title(title, subtitle_lines):
    """(the title's first line, its other lines + subtitle_lines): a title too long for
    the chart's width (a part named by its rows) is broken between words and goes on
    in the subtitle, never clipped by the chart's edge."""
    lines = wrap([title], TITLE_CHARS)
    return lines[0], lines[1:] + list(subtitle_lines)


def header_px(subtitle_lines):
    return 30 + 16.5 * len(subtitle_lines)


def split_evenly(items, size):
    """items in consecutive chunks of at most size, as equal as possible."""
    if len(items) <= size:
        return [items]
    parts = int(math.ceil(len(items) / float(size)))
    base, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + base + (1 if i < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def prefix_of(label):
    return label.split("_", 1)[0] if "_" in label else label


def split_by_prefix(labels, size):
    """Indexes of labels in as few consecutive chunks of at most size as possible, of
    nearly equal lengths; a cut moves to the nearest change of name prefix (the part
    before the first _: dict_*, flat_*) when one is within a quarter chunk."""
    count = len(labels)
    parts = int(math.ceil(count / float(size)))
    if parts <= 1:
        return [list(range(count))]
    changes = [j for j in range(1, count) if prefix_of(labels[j - 1]) != prefix_of(labels[j])]
    reach = max(1, size // 4)
    cuts, last = [], 0
    for i in range(1, parts):
        ideal = int(round(i * count / float(parts)))
        near = [j for j in changes if abs(j - ideal) <= reach and j > last and j - last <= size]
        cut = min(near, key=lambda j: (abs(j - ideal), j)) if near else ideal
        cuts.append(cut)
        last = cut
    bounds = [0] + cuts + [count]
    chunks = [list(range(bounds[i], bounds[i + 1])) for i in range(len(bounds) - 1)]
    if any(len(chunk) > size or not chunk for chunk in chunks):
        return split_evenly(list(range(count)), size)
    return chunks


def part_name(name, index):
    return name if index == 0 else "%s-%d" % (name, index + 1)


def part_title(title, chunk, chunks):
    """title, and for a part (chunks > 1) what it holds: its rows' name prefixes
    ('eq_… and is_…') when no other part shares them, else its first and last rows."""
    if len(chunks) == 1:
        return title
    prefixes = []
    for label in chunk:
        if prefix_of(label) not in prefixes:
            prefixes.append(prefix_of(label))
    others = set(prefix_of(label) for other in chunks if other is not chunk for label in other)
    if len(prefixes) <= 3 and not others & set(prefixes):
        names = [p + "_…" if any(label.startswith(p + "_") for label in chunk) else p
                 for p in prefixes]
        what = " and ".join(names) if len(names) <= 2 else "%s, %s and %s" % tuple(names)
    else:
        first, last = chunk[0].split(" (")[0], chunk[-1].split(" (")[0]
        if first.split(" ")[0] == last.split(" ")[0] and " " in last:
            last = last.split(" ", 1)[1]  # 'case n=10 to n=100'
        what = "%s to %s" % (first, last) if len(chunk) > 1 else first
    return "%s: %s" % (title, what)


def text_px(text):
    """About how wide text is at 10 pt DejaVu Sans, in pixels."""
    return 7.4 * len(text)
