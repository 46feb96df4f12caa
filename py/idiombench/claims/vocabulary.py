"""py/idiombench/claims/vocabulary.py: the one vocabulary of the claims' rules
(py/idiombench/claims/rules/<family>.py): how a rule reads the run, judges a condition,
words what it found and turns its conditions into a verdict.

A rule reads gather -> decide -> word: it gathers figures and observations (observed,
speed, run.contrast), decides each condition of its claim (part: supported,
contradicted, inconclusive, or untested when the run lacks what it needs) and lets
decide() turn the conditions into a Decision whose evidence is the conditions' words.

Outcomes of a condition:
- supported: the effect the claim states, beyond the noise (or the behaviour it states);
- contradicted: the opposite effect beyond the noise, or an equivalence within
  PRACTICAL (the 95% interval of the ratio inside [1/(1 + share), 1 + share], or
  instruction counts that differ by less than the practical threshold) where the claim
  states an effect; for a claim of no difference, a difference beyond the noise;
- inconclusive: neither; the interval that was too wide is given. Never evidence
  against a claim.

Cost in time is decided from instructions per operation where the run has them
(callgrind's counts are exact: a difference counts only when it is at least
PRACTICAL.share of the reference AND at least PRACTICAL.instructions per operation),
and from the time's ratio and its 95% interval otherwise; the evidence gives both, and
says so where they disagree beyond the noise.

Standard library only; Python 3.6+.
"""
import ast
import math
import re
from collections import namedtuple

from idiombench.claims.run import Decision

SUPPORTED, CONTRADICTED, INCONCLUSIVE = "supported", "contradicted", "inconclusive"

# The practical threshold: a difference of instruction counts counts only when it is at
# least `share` of the reference AND at least `instructions` per operation; a time ratio
# whose 95% interval lies inside [1/(1 + share), 1 + share] shows an equivalence (TOST:
# two one-sided tests, each at 2.5%).
Practical = namedtuple("Practical", "share instructions")
PRACTICAL = Practical(0.02, 5)

THRESHOLD_TEXT = ("instruction counts differ only by at least %g%% and %d per operation; "
                  "time is equivalent where the 95%% interval of its ratio lies within "
                  "+-%g%%" % (PRACTICAL.share * 100, PRACTICAL.instructions,
                              PRACTICAL.share * 100))

# Metrics whose samples move from process to process (the clock; the heap's state for
# tracemalloc's and the RSS figures). When every sample on both sides is equal,
# idiombench-compare calls the comparison exact; for these that means something only
# with MIN_EXACT_SAMPLES or more a side: two equal retained_bytes samples came out of
# one comparison where two others of the same cases spread 1287..1622 bytes.
VARYING_METRICS = ("time_per_op", "retained_bytes", "peak_bytes", "rss_delta_bytes")
MIN_EXACT_SAMPLES = 3

BEYOND_HIGHER = ("slower", "higher")
BEYOND_LOWER = ("faster", "lower")


# --- reading observations ------------------------------------------------------------

def observed(run, label, family, name):
    """(value, why): the observation's Python value and None, or None and why there is
    no value (not recorded, raised, not a literal)."""
    found = run.observation(label, family, name)
    if found is None:
        return None, run.missing_observation(label, family, name)
    if found.error:
        return None, "%s/%s raised %s" % (family, name, found.error)
    try:
        return ast.literal_eval(found.value), None
    except (SyntaxError, ValueError):
        return None, "%s/%s gave %s, not a literal" % (family, name, found.value)


def shown(run, label, family, name):
    """The observation as recorded: its value's text, or "raises Type: message"."""
    found = run.observation(label, family, name)
    if found is None:
        return "not recorded"
    return found.value if not found.error else "raises " + found.error


def raised(run, label, family, name):
    """The observation's error ("Type: message"), or None (no error, or not recorded)."""
    found = run.observation(label, family, name)
    return found.error if found is not None else None


def behaviour(run, label, family, name, what, expect, text, essential=True):
    """A condition decided by one observation: supported when expect(value) is true,
    contradicted when not; the evidence quotes text (the code, in words) and the value."""
    value, why = observed(run, label, family, name)
    if why:
        return part(what, None, why, essential)
    return part(what, bool(expect(value)), "%s -> %s" % (text, shown(run, label, family, name)),
                essential)


def item(value, index):
    """value[index] when value is a sequence long enough, else None."""
    try:
        return value[index]
    except (TypeError, IndexError, KeyError):
        return None


def missing(run, label, family, case, metric, n=None):
    """Why a figure cannot be judged, in a few words (never empty)."""
    return run.missing(label, family, case, metric, n) or (
        "%s/%s %s: too few samples" % (family, case, metric))


def common_sizes(run, label, family, cases, metric):
    """The sizes every case has for metric on label, smallest first (None first)."""
    common = None
    for case in cases:
        sizes = set(run.sizes(label, family, case, metric) or [None])
        common = sizes if common is None else common & sizes
    return sorted(common or [], key=lambda n: -1 if n is None else n)


def largest_common_size(run, label, family, cases, metric):
    """The largest n every case has for metric (None: unsized, or none in common)."""
    sizes = [n for n in common_sizes(run, label, family, cases, metric) if n is not None]
    return sizes[-1] if sizes else None


# --- judging a difference ------------------------------------------------------------

def effect(contrast):
    """What a contrast (candidate / reference) shows: "higher" or "lower" beyond the
    noise, "same" (exact counts equal, or the 95% interval within PRACTICAL.share of 1),
    or None (the noise hides it, or it could not be judged)."""
    if contrast is None or contrast.verdict == "insufficient data" or too_few_exact(contrast):
        return None
    if contrast.verdict in BEYOND_HIGHER:
        return "higher"
    if contrast.verdict in BEYOND_LOWER:
        return "lower"
    if contrast.test == "exact" or equivalent(contrast):
        return "same"
    return None


def too_few_exact(contrast):
    """True for an exact comparison (every sample equal) of a metric that varies from
    process to process, on fewer than MIN_EXACT_SAMPLES samples a side."""
    return (contrast.test == "exact" and contrast.metric in VARYING_METRICS and
            min(contrast.samples or (0,)) < MIN_EXACT_SAMPLES)


def equivalent(contrast):
    """True when the ratio's 95% interval lies within [1/(1 + share), 1 + share]."""
    if contrast.ci_low is None or contrast.ci_high is None:
        return False
    return contrast.ci_low >= 1 / (1 + PRACTICAL.share) and contrast.ci_high <= 1 + PRACTICAL.share


def judged(contrast):
    """True when the contrast could be judged (two or more samples on each side)."""
    return contrast is not None and contrast.verdict != "insufficient data"


def outcome(found, claimed):
    """The outcome of a condition that claims `claimed` ("higher", "lower", "same",
    "not higher", "not lower") of what was found (effect(), or an instruction or
    ratio effect)."""
    if found is None:
        return INCONCLUSIVE
    accepted = {"higher": ("higher",), "lower": ("lower",), "same": ("same",),
                "not higher": ("same", "lower"), "not lower": ("same", "higher")}[claimed]
    return SUPPORTED if found in accepted else CONTRADICTED


def at_least(contrast, factor):
    """Whether candidate / reference is at least factor: "higher" (yes, beyond the
    noise: the interval's low end at or above it), "lower" (no: its high end below it),
    None (the interval straddles it)."""
    if not judged(contrast) or contrast.ratio is None:
        return None
    low = contrast.ci_low if contrast.ci_low is not None else contrast.ratio
    high = contrast.ci_high if contrast.ci_high is not None else contrast.ratio
    if low >= factor:
        return "higher"
    if high < factor:
        return "lower"
    return None


# --- instructions and time: the speed of one case against another --------------------

# reference and candidate: each side's median; low/high: the range of each side's
# samples; effect: "higher", "lower", "same" or None (the samples moved across the
# threshold).
Instructions = namedtuple("Instructions", "reference candidate reference_range "
                                          "candidate_range effect")
# A time contrast and an Instructions (either may be None); effect: what decides
# (instructions when settled, else time); disagree: instructions and time point
# different ways, both beyond the noise.
Speed = namedtuple("Speed", "instructions time effect disagree")


def practical(difference, reference):
    """True when a difference of instruction counts counts (PRACTICAL)."""
    return (abs(difference) >= PRACTICAL.instructions
            and abs(difference) >= PRACTICAL.share * abs(reference))


def instructions(run, label, family, reference, candidate, n=None, candidate_n=None):
    """Instructions of candidate against reference (from their samples, else their
    medians), or None where either is not measured."""
    cn = n if candidate_n is None else candidate_n
    ref = run.counts(label, family, reference, "instructions_per_op", n)
    cand = run.counts(label, family, candidate, "instructions_per_op", cn)
    if ref is None or cand is None:
        return None
    least, most = cand[1] - ref[2], cand[2] - ref[1]
    if practical(least, ref[0]) and least > 0:
        found = "higher"
    elif practical(most, ref[0]) and most < 0:
        found = "lower"
    elif not practical(least, ref[0]) and not practical(most, ref[0]):
        found = "same"
    else:
        found = None
    return Instructions(ref[0], cand[0], ref[1:], cand[1:], found)


def speed(run, label, family, reference, candidate, n=None, candidate_n=None):
    """Speed of candidate against reference: instructions where measured, time always."""
    counted = instructions(run, label, family, reference, candidate, n, candidate_n)
    timed = run.contrast(label, family, reference, candidate, "time_per_op", n, candidate_n)
    time_effect = effect(timed)
    decided = counted.effect if counted is not None and counted.effect else time_effect
    disagree = bool(counted is not None and counted.effect and time_effect
                    and judged(timed) and timed.verdict in BEYOND_HIGHER + BEYOND_LOWER
                    and counted.effect != time_effect)
    if counted is None and not judged(timed):
        return None
    return Speed(counted, timed, decided, disagree)


def speed_outcome(found, claimed="higher"):
    """The outcome of "the candidate takes longer" (claimed "higher") or of another
    claimed effect, from a Speed (None: untested)."""
    if found is None:
        return None
    return outcome(found.effect, claimed)


# --- wording -------------------------------------------------------------------------

def sig(value, digits=3):
    """A number with `digits` significant digits, without exponent for everyday sizes."""
    if value is None:
        return "?"
    if value == 0 or not math.isfinite(value):
        return "%g" % value
    magnitude = int(math.floor(math.log10(abs(value))))
    decimals = max(0, digits - 1 - magnitude)
    if magnitude >= 15 or magnitude < -6:
        return "%.*g" % (digits, value)
    return "%.*f" % (decimals, round(value, decimals))


def amount(value, unit=""):
    """A figure in its unit: whole counts as they are (8016 bytes, 2 allocs, 65
    instructions), times and large byte counts scaled (49.5 ns, 1.63 ms, 7.35 MB),
    others to 3 significant figures (0.0047 allocs)."""
    if value is None:
        return "?"
    if unit == "ns":
        for scale, name in ((1e9, "s"), (1e6, "ms"), (1e3, "us")):
            if abs(value) >= scale:
                return "%s %s" % (sig(value / scale), name)
        return "%s ns" % sig(value)
    if unit == "bytes" and abs(value) >= 1e5:
        for scale, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
            if abs(value) >= scale:
                return "%s %s" % (sig(value / scale), name)
    if value == int(value) and abs(value) < 1e15:
        text = "%d" % value
    else:
        text = sig(value)
    return text + (" " + unit if unit else "")


def figure_text(figure):
    """`median ± stddev unit (k samples)`: a figure and its noise."""
    if figure is None:
        return "not measured"
    return "%s ± %s (%s sample%s)" % (amount(figure.median, figure.unit),
                                       amount(figure.stddev, figure.unit), figure.repetitions,
                                       "" if figure.repetitions == 1 else "s")


def contrast_text(contrast):
    """The one wording of a ratio, candidate / reference: "2.06x [1.95, 2.18] (95% CI,
    welch-log, 5+5 samples: beyond the noise)", "1.04x [0.91, 1.19] (95% CI, ...:
    within the noise)", "482x (exact counts, 3+3 samples)". The interval's bounds get
    as many digits as it takes to tell them from 1 and from each other (up to 6)."""
    if contrast is None:
        return "no samples"
    samples = "%s+%s samples" % tuple(contrast.samples)
    if contrast.ratio is None:
        return "no ratio (%s, %s)" % (contrast.verdict, samples)
    if not_a_ratio(contrast):
        # A side at or below zero (retained bytes can be negative: the heap ended
        # smaller) makes the ratio meaningless; the medians say what there is to say.
        return "%s against %s (%s, %s)" % (
            amount(contrast.candidate, contrast.unit), amount(contrast.reference, contrast.unit),
            samples, "each side's equal" if contrast.test == "exact" else contrast.verdict)
    if contrast.verdict == "insufficient data":
        return "%sx (%s: too few to judge)" % (sig(contrast.ratio), samples)
    if too_few_exact(contrast):
        return "%sx (%s, each side's equal: too few for a figure that varies by process)" \
            % (sig(contrast.ratio), samples)
    if contrast.test == "exact":
        return "%sx (exact counts, %s)" % (sig(contrast.ratio), samples)
    if contrast.ci_low is None or contrast.ci_high is None:
        return "%sx (%s, %s)" % (sig(contrast.ratio), contrast.verdict, samples)
    digits = 3
    low, high = contrast.ci_low, contrast.ci_high
    while digits < 6 and (sig(low, digits) == sig(high, digits) or any(
            sig(b, digits) == sig(1.0, digits) and b != 1.0 for b in (low, high))):
        digits += 1
    where = "beyond the noise" if contrast.verdict in BEYOND_HIGHER + BEYOND_LOWER else (
        "within the noise")
    return "%sx [%s, %s] (95%% CI, %s, %s: %s)" % (sig(contrast.ratio), sig(low, digits),
                                                  sig(high, digits), contrast.test,
                                                  samples, where)


def not_a_ratio(contrast):
    """True when a side's median is at or below zero, where candidate / reference means
    nothing, or when a sample is (test welch: idiombench-compare compared arithmetic
    means, whose ratio can stray far from the medians')."""
    return contrast.test == "welch" or (
        contrast.reference is not None and contrast.candidate is not None and
        min(contrast.reference, contrast.candidate) <= 0)


def count_text(value):
    """Instructions per operation (a count over a fixed loop, so fractional): whole
    from 10 up ("133", "24057850"), 3 significant figures below ("2.50")."""
    return "%d" % round(value) if abs(value) >= 10 else sig(value)


def instructions_text(counted, comparative=True):
    """The reference against the candidate: "54 fewer instructions (65 vs 119)"
    (comparative) or "instructions 65 vs 119, 54 fewer"; "as many instructions, within
    the threshold (65 vs 66)"; a range where the samples moved."""
    def side(value, spread):
        low, high = count_text(spread[0]), count_text(spread[1])
        return count_text(value) if low == high else "%s..%s" % (low, high)
    figures = "%s vs %s" % (side(counted.reference, counted.reference_range),
                            side(counted.candidate, counted.candidate_range))
    difference = counted.candidate - counted.reference
    if counted.effect == "same":
        return "as many instructions, within the threshold (%s)" % figures
    if counted.effect is None:
        return "instructions unsettled, their samples straddle the threshold (%s)" % figures
    fewer = "%s %s" % (count_text(abs(difference)), "fewer" if difference > 0 else "more")
    if comparative:
        return "%s instructions (%s)" % (fewer, figures)
    return "instructions %s, %s" % (figures, fewer)


def time_text(timed):
    """"1.5x [1.45, 1.52] faster" (the reference against the candidate, beyond the
    noise), "1.3x [1.2, 1.4] slower"; for exact times, their ratio."""
    if timed.test == "exact" or timed.ci_low is None or timed.ci_high is None:
        return "time %s" % contrast_text(timed)
    if not_a_ratio(timed):
        return "%s (by mean times: a sample <= 0 leaves no ratio)" % (
            "faster" if timed.verdict in BEYOND_HIGHER else "slower")
    if timed.verdict in BEYOND_HIGHER:
        return "%sx [%s, %s] faster" % (sig(timed.ratio), sig(timed.ci_low), sig(timed.ci_high))
    return "%sx [%s, %s] slower" % (sig(1 / timed.ratio), sig(1 / timed.ci_high),
                                   sig(1 / timed.ci_low))


def speed_text(reference_name, candidate_name, found):
    """"`x is None`: 54 fewer instructions (65 vs 119) and 1.5x [1.45, 1.52] faster
    than `x == None` (3.00 ns vs 6.00 ns)" where both tell a difference; otherwise
    "`x is True` vs `x == True`: as many instructions, within the threshold (65 vs 66);
    time 3.00 ns vs 3.00 ns, 0.977x [0.721, 1.32] (95% CI, ...: within the noise)".
    Where instructions and time disagree beyond the noise, it says so."""
    if found is None:
        return "%s vs %s: not measured" % (reference_name, candidate_name)
    counted, timed = found.instructions, found.time if judged(found.time) else None
    comparative = (counted is None or counted.effect in ("higher", "lower")) and (
        timed is None or timed.verdict in BEYOND_HIGHER + BEYOND_LOWER)
    words = []
    if counted is not None:
        words.append(instructions_text(counted, comparative))
    if comparative:
        if timed is not None:
            words.append(time_text(timed))
        text = "%s: %s than %s" % (reference_name, " and ".join(words), candidate_name)
        if timed is not None:
            text += " (%s vs %s)" % (amount(timed.reference, "ns"),
                                     amount(timed.candidate, "ns"))
    else:
        if timed is not None:
            words.append("time %s vs %s, %s%s" % (
                amount(timed.reference, "ns"), amount(timed.candidate, "ns"),
                contrast_text(timed), ", equivalent within +-%g%%" % (PRACTICAL.share * 100)
                if equivalent(timed) else ""))
        text = "%s vs %s: %s" % (reference_name, candidate_name, "; ".join(words))
    if found.disagree:
        text += "; instructions and time disagree beyond the noise (instructions decide)"
    return text


def names(items, limit=None):
    """"a, b and c"."""
    items = list(items)
    if limit is not None and len(items) > limit:
        items = items[:limit] + ["%d more" % (len(items) - limit)]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def size_list(sizes):
    """"n=10..100000" for several sizes, "n=1000" for one, "" for the unsized."""
    sizes = [n for n in sizes if n is not None]
    if not sizes:
        return ""
    if len(sizes) == 1:
        return "n=%d" % sizes[0]
    return "n=%d..%d" % (min(sizes), max(sizes))


# --- deciding a claim from its conditions ----------------------------------------------

# A condition of a claim. outcome: supported, contradicted, inconclusive, or None
# (untested: evidence says why). essential: one of the claim's own statements; the
# others are further conditions it is checked under (operand kinds, sizes, a
# supporting measurement). interval: for an inconclusive condition, the interval that
# was too wide.
Part = namedtuple("Part", "name outcome evidence essential interval")


def part(name, outcome_or_ok, evidence="", essential=True, interval=""):
    """A condition: outcome_or_ok is an outcome, or True (supported), False
    (contradicted), None (untested)."""
    found = {True: SUPPORTED, False: CONTRADICTED}.get(outcome_or_ok, outcome_or_ok) \
        if isinstance(outcome_or_ok, bool) or outcome_or_ok is None else outcome_or_ok
    if found not in (SUPPORTED, CONTRADICTED, INCONCLUSIVE, None):
        raise ValueError("outcome %r" % (outcome_or_ok,))
    return Part(name, found, evidence, essential, interval)


def speed_part(run, label, family, reference, candidate, name, reference_name,
               candidate_name, essential=True, claimed="higher", n=None, candidate_n=None):
    """The condition "reference is faster than candidate" (claimed "higher": the
    candidate takes longer), gathered, decided and worded."""
    found = speed(run, label, family, reference, candidate, n, candidate_n)
    if found is None:
        cn = n if candidate_n is None else candidate_n
        why = (run.missing(label, family, reference, "time_per_op", n)
               or missing(run, label, family, candidate, "time_per_op", cn))
        return part(name, None, why, essential)
    interval = ""
    if found.effect is None and judged(found.time):
        interval = "time %s" % contrast_text(found.time)
    return part(name, speed_outcome(found, claimed),
                speed_text(reference_name, candidate_name, found), essential, interval)


def decide(parts, evidence=None, prefix=""):
    """The Decision of a claim made of conditions.

    fails: every essential condition tested is contradicted and none supported;
    partly: some conditions supported and some contradicted; untestable: an essential
    condition could not be tested and none is contradicted; holds: some essential
    condition supported and none contradicted; inconclusive: nothing supported or
    contradicted, some condition inconclusive. Inconclusive conditions are named in the
    conditions with their interval, whatever the verdict; untested ones too, except
    under holds (its evidence names them). evidence defaults to the conditions'
    evidence joined by "; "; prefix (e.g. the criterion) goes before it."""
    essential = [p for p in parts if p.essential]
    core = essential or parts
    supported = [p for p in parts if p.outcome == SUPPORTED]
    contradicted = [p for p in parts if p.outcome == CONTRADICTED]
    inconclusive = [p for p in parts if p.outcome == INCONCLUSIVE]
    missing_parts = [p for p in essential if p.outcome is None]
    optional = [p for p in parts if p.outcome is None and not p.essential]
    if evidence is None:
        texts = [p.evidence for p in parts if p.evidence and not (
            p.outcome is None and not p.essential)]
        if optional:
            texts.append(untested_text(optional))
        evidence = "; ".join(_unique(texts))
    elif optional:
        evidence = _join(evidence.rstrip("."), untested_text(optional)) + "."
    if prefix:
        evidence = prefix + (": " + evidence if evidence else "")
    notes = _notes(inconclusive, missing_parts + optional)
    held_notes = _notes(inconclusive, [])
    core_supported = [p for p in core if p.outcome == SUPPORTED]
    core_contradicted = [p for p in core if p.outcome == CONTRADICTED]
    if core_contradicted and not core_supported:
        return Decision("fails", _join("not: " + names(p.name for p in core_contradicted),
                                       notes), evidence, deciding_text(core_contradicted))
    if contradicted and supported:
        return Decision("partly", _join("holds: %s; not: %s" % (
            names(p.name for p in supported), names(p.name for p in contradicted)), notes),
            evidence, partly_text(supported, contradicted))
    if missing_parts:
        why = [p.evidence or p.name for p in missing_parts]
        return Decision("untestable", "missing: " + "; ".join(_unique(why)), evidence,
                        shortened("missing: " + why[0]))
    if core_supported:
        return Decision("holds", held_notes, evidence, deciding_text(core_supported))
    if inconclusive:
        return Decision("inconclusive", _join("not: " + names(p.name for p in contradicted)
                                              if contradicted else "", notes), evidence,
                        inconclusive_text(inconclusive))
    why = [p.evidence or p.name for p in optional] or ["nothing to test it on"]
    return Decision("untestable", "missing: " + "; ".join(_unique(why)), evidence,
                    shortened("missing: " + why[0]))


# The longest deciding figure (claims.csv's `deciding`): one line of the report's
# claims matrix.
DECIDING_CHARS = 160
# Parentheses that repeat the figures behind a ratio ("(65 vs 119)", "(3.00 ns vs 6.00
# ns)", "(95% CI, welch-log, 5+5 samples: beyond the noise)"): dropped from a deciding
# figure, which keeps the ratio and its interval.
_DETAIL = re.compile(r" \((?:[^()]* vs [^()]*|95% CI[^()]*)\)")


def shortened(text, limit=DECIDING_CHARS):
    """text without the parenthesised details, cut at a word to at most limit chars."""
    text = _DETAIL.sub("", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 3].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


def _deciding_part(parts):
    """The condition that best shows a verdict: the first whose evidence holds an
    interval or a count ([lo, hi] or digits), else the first."""
    with_figure = [p for p in parts if "[" in p.evidence] or \
        [p for p in parts if re.search(r"\d", p.evidence)]
    return (with_figure or parts)[0]


def _part_text(chosen, limit=DECIDING_CHARS):
    """A condition's evidence, else its name: names state the claim, so a contradicted
    condition's name is given as "not: <name>"."""
    if chosen.evidence:
        return shortened(chosen.evidence, limit)
    if chosen.outcome == CONTRADICTED:
        return shortened("not: " + chosen.name, limit)
    return shortened(chosen.name, limit)


def deciding_text(parts):
    """The deciding figure of a verdict decided by these conditions (all supported, or
    all contradicted): one of them, in its own words, shortened."""
    return _part_text(_deciding_part(parts))


def partly_text(supported, contradicted):
    """One supported condition and one contradicted, each in half the room."""
    half = DECIDING_CHARS // 2 - 4
    return "%s; but %s" % (_part_text(_deciding_part(supported), half),
                           _part_text(_deciding_part(contradicted), half))


def inconclusive_text(inconclusive):
    """The interval too wide to decide: "None: time 3.35x [0.965, 11.7]"."""
    chosen = [p for p in inconclusive if p.interval] or inconclusive
    return shortened("%s: %s" % (chosen[0].name, chosen[0].interval or "inconclusive"))


def _notes(inconclusive, untested):
    texts = []
    if inconclusive:
        texts.append("inconclusive: " + "; ".join(
            p.name + (" (%s)" % p.interval if p.interval else "") for p in inconclusive))
    if untested:
        texts.append(untested_text(untested))
    return "; ".join(texts)


def _join(*texts):
    return "; ".join(t for t in texts if t)


def untested_text(parts):
    """"untested: A, B and C (why A)" for conditions that could not be tested; the first
    condition's reason stands for the others when they differ only in the case named."""
    reasons = _unique(p.evidence for p in parts if p.evidence)
    text = "untested: " + names((p.name for p in parts), 4)
    if reasons:
        text += " (%s%s)" % (reasons[0], ", ..." if len(reasons) > 1 else "")
    return text


def _unique(items):
    seen = []
    for entry in items:
        if entry not in seen:
            seen.append(entry)
    return seen
