"""py/idiombench/claims/rules/release.py: the rule of the claim the release family
(bench/release.py) decides: C22 (docs/CLAIMS.md).

Standard library only; Python 3.6+.
"""
from idiombench.claims.rules.shared import loops_note, lower_on_the_whole, programs_text
from idiombench.claims.vocabulary import (contrast_text, decide, effect, figure_text,
                                          largest_common_size, missing, observed, part, shown,
                                          too_few_exact)


TITLES = {
    "C22": "without with the file stays",
}


def decide_c22(run, label):
    """C22: without `with`, a file that was read stays in memory (its reference count
    stays 1); with `with`, it is released when the block ends.

    Criterion, in two parts:
    - the descriptor: `with` closes the file when the block ends (C22_closed_after_with)
      while without it the file is still open after the read (first of
      C22_after_del_without_with) -> holds; `with` leaving it open -> fails.
    - the memory: with tracemalloc, release/with_open peaks or retains less than
      open_rebind (`f = open(path); data = f.read()`, no close) beyond the noise and by
      at least half the file's size (the file the article says stays in memory;
      C22_len_data_after_with gives it) -> holds; more in either, or in both a saving
      that the 95% interval puts below half the file (the claim's own margin, tested
      one-sided: the interval of the ratio, times without's figure, bounds the saving)
      -> fails (retained and peak bytes judged together as in C19); otherwise
      inconclusive. Without the file's size, the practical margin replaces half the
      file. Without those figures
      (2.7) the observations decide: the name still holds the file object after the
      block with the same count as without `with` (C22_getrefcount_after_with vs
      C22_getrefcount_without_with) -> fails; a lower count -> holds.
    Both parts hold -> holds; one holds and one fails -> partly; neither -> fails;
    an inconclusive part is named and decides nothing. The descriptors a run
    leaves open (fds_delta of open_rebind, open_kept) and the ResourceWarnings of
    open_rebind are given as evidence: without `with` the file is closed when its last
    reference goes.
    """
    notes = []
    parts = [_c22_descriptor(run, label, notes)]
    size, why = observed(run, label, "release", "C22_len_data_after_with")
    file_bytes = size if not why and isinstance(size, int) else None
    if file_bytes is not None:
        notes.append("the data read (%d characters) outlives the with block" % file_bytes)
    n = largest_common_size(run, label, "release", ("with_open", "open_rebind"), "peak_bytes")
    parts.append(_c22_memory(run, label, n, file_bytes, notes))
    for case in ("open_rebind", "open_kept"):
        fds = run.figure(label, "release", case, "fds_delta", n)
        if fds is not None:
            notes.append("descriptors left open by a run of %s, %s: %s"
                         % (loops_note(n), case, figure_text(fds)))
    warnings = run.figure(label, "release", "open_rebind", "resource_warnings", n)
    if warnings is not None:
        notes.append("ResourceWarnings, open_rebind: %s" % figure_text(warnings))
    evidence = "; ".join(notes) + "."
    evidence += programs_text(run, label, ("read_with", "read_without_with"))
    return decide(parts, evidence=evidence)


def _c22_descriptor(run, label, notes):
    """C22's first condition: `with` closes the file at the block's end (and without
    it the file is still open after the read); its observations go to notes."""
    closed, why = observed(run, label, "release", "C22_closed_after_with")
    if why:
        return part("with closes the file when the block ends", None,
                    "release/C22_closed_after_with not recorded")
    after_del, why_after = observed(run, label, "release", "C22_after_del_without_with")
    open_before = None
    if not why_after and isinstance(after_del, tuple):
        open_before = after_del[0] is False
        notes.append("without with: closed after the read %s, and after del f the file "
                     "object is freed %s, its descriptor closed %s" % after_del[:3])
    notes.insert(0, "f.closed right after the with block: %s" % shown(
        run, label, "release", "C22_closed_after_with"))
    return part("with closes the file when the block ends",
                closed is True and open_before is not False)


def _c22_saving(contrast, margin_bytes):
    """What with_open / open_rebind (contrast) shows against a claimed saving of at
    least margin_bytes: "lower" (a saving beyond the noise whose whole interval reaches
    the margin), "same" (the interval's largest saving stays under it), "higher", or
    None (the interval holds savings on both sides of the margin). Exact comparisons
    (no interval) go by their medians."""
    found = effect(contrast)
    if found is None and too_few_exact(contrast):
        return None
    if found == "higher":
        return found
    if contrast.test == "exact" or contrast.ci_low is None or contrast.ci_high is None:
        saved = contrast.reference - contrast.candidate
        return None if found is None else "lower" if saved >= margin_bytes else "same"
    least = contrast.reference * (1.0 - contrast.ci_high)
    most = contrast.reference * (1.0 - contrast.ci_low)
    if found == "lower" and least >= margin_bytes:
        return "lower"
    return "same" if most < margin_bytes else None


def _c22_memory(run, label, n, file_bytes, notes):
    """C22's second condition: with `with` the file's memory is released at the block's
    end: tracemalloc's peak or retained bytes lower beyond the noise by at least half
    the file; else, without those figures, the reference counts observed."""
    name = "with releases the file's memory at the block's end"
    found, mem_notes, intervals = [], [], []
    for metric in ("peak_bytes", "retained_bytes"):
        c = run.contrast(label, "release", "open_rebind", "with_open", metric, n=n)
        if c is None or c.verdict == "insufficient data":
            continue
        without = run.figure(label, "release", "open_rebind", metric, n)
        within = run.figure(label, "release", "with_open", metric, n)
        found.append(effect(c) if file_bytes is None else _c22_saving(c, file_bytes / 2.0))
        if found[-1] is None:
            intervals.append("%s %s" % (metric, contrast_text(c)))
        mem_notes.append("%s of a run of %s files: without with %s, with %s; with / without "
                         "%s" % (metric, loops_note(n), figure_text(without),
                                 figure_text(within), contrast_text(c)))
    notes.extend(mem_notes)
    if found and all(f == "same" for f in found) and file_bytes is not None:
        notes.append("the 95%% intervals leave no saving of half the file (%d bytes)"
                     % (file_bytes // 2))
    counts_without, why_without = observed(run, label, "release", "C22_getrefcount_without_with")
    counts_after, why_after = observed(run, label, "release", "C22_getrefcount_after_with")
    if not why_without and not why_after:
        notes.append("sys.getrefcount(f) without with %s, after the with block %s"
                     % (counts_without, counts_after))
    if found:
        return part(name, lower_on_the_whole(found), "", True, "; ".join(intervals))
    if isinstance(counts_without, int) and isinstance(counts_after, int):
        return part(name, counts_after < counts_without)
    return part(name, None, missing(run, label, "release", "with_open", "peak_bytes"))


RULES = {
    "C22": decide_c22,
}
