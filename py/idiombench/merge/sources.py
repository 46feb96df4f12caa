"""py/idiombench/merge/sources.py: the run folders make merge folds, read and checked,
and the labels their interpreters take in the merged run.

    sources = read_all(["results/a", "results/b"])   # Stop (exit 2) on a bad input
    mapping = relabel(sources)                         # [{old label: new label}] per source

Standard library only; Python 3.6+.
"""
import csv
import io
import math
import os

from idiombench.run import schema
from idiombench.run.errors import Stop
from idiombench.run.folder import checked
from idiombench.run.labels import LABEL, host
from idiombench.run.meta import meta_pairs
from idiombench.run.table import Table

# The files a run folder must hold to be merged.
REQUIRED = ("samples.csv", "measurements.csv")
FIX = "give run folders that make bench or make compare wrote, in RUNS=\"DIR1 DIR2 ...\""
UNKNOWN = "unknown"  # the host of a run whose meta names none
USAGE = 'make merge RUNS="DIR1 DIR2 ..."; a folder whose name has blanks: bin/merge DIR1 DIR2'


class Source:
    """One run folder: its meta pairs, host and interpreter labels; what its catalogue
    defined is read once, when first asked for."""

    def __init__(self, folder):
        self.folder = folder
        self.meta = meta_pairs(os.path.join(folder, "meta"))
        values = dict(self.meta)
        self.values = values
        self.host = values.get("host", "").strip() or UNKNOWN
        if len(self.host.split()) != 1:
            raise Stop("%s: its meta's host %r holds a blank, which a label cannot: write "
                       "the host's name without blanks in that meta" % (folder, self.host))
        self._definitions = self._sizes = None
        self.is_compare = values.get("run") == "compare"
        if self.is_compare:
            self.labels = values.get("pythons", "").split()
        else:
            self.labels = [values["python_version"]] if values.get("python_version") else []
        if not self.labels:
            raise Stop("%s: its meta names no interpreter (python_version or pythons); %s"
                       % (folder, FIX))


def read(folder):
    checked(folder, USAGE)
    for name in REQUIRED:
        if not os.path.isfile(os.path.join(folder, name)):
            raise Stop("%s has no %s: it is not a complete run; %s" % (folder, name, FIX))
    try:
        return Source(folder)
    except OSError as error:
        raise Stop(unreadable(os.path.join(folder, "meta"), error))


def read_all(folders):
    """The sources, checked: 2 or more, none given twice, all of one catalogue."""
    if len(folders) < 2:
        raise Stop("make merge needs 2 or more run folders, got %d: %s"
                   % (len(folders), FIX))
    seen = {}
    for folder in folders:
        real = os.path.realpath(folder)
        if real in seen:
            raise Stop("%s and %s are the same run folder: give each run once"
                       % (seen[real], folder))
        seen[real] = folder
    sources = [read(folder) for folder in folders]
    nameless = [source.folder for source in sources  # (a merge of several: `hosts`)
                if source.host == UNKNOWN and not source.values.get("hosts")]
    if len(nameless) > 1:
        raise Stop("%s name no host in their meta, so make merge cannot tell whether they "
                   "ran on one machine: add a line 'host: <name>' to each meta"
                   % " and ".join(nameless))
    for index, first in enumerate(sources):
        for other in sources[index + 1:]:
            check_suites(first, other)
    return sources


def unreadable(path, error):
    return "cannot read %s: %s; make it readable, or leave that run out" % (
        path, error.strerror or error)


def source_rows(folder, name):
    """The rows of folder/name ([] when the file is not there); Stop when it cannot be
    read, holds binary data or text that is not UTF-8, lacks a column a reader of the
    merged run needs, has a row with more or fewer fields than the header, or (in
    samples.csv) a value that is not a finite number. A column no reader needs, missing
    from an older run, is left empty; a byte-order mark is skipped."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    damaged = "%s: %%s: the file is damaged or not this suite's; measure that run again" % path
    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            text = stream.read()
    except UnicodeDecodeError as error:
        raise Stop(damaged % ("byte %d is not UTF-8" % error.start))
    except OSError as error:
        raise Stop(unreadable(path, error))
    if "\0" in text:
        raise Stop(damaged % ("binary data (a NUL byte) on line %d"
                              % (text.count("\n", 0, text.index("\0")) + 1)))
    table = Table(io.StringIO(text, newline=""), name, "merge", also=["python_version"] + [
        column for column in schema.needed_by_any(name) if column != "python_version"])
    try:
        if table.missing:
            raise Stop(damaged % ("no column " + ", ".join(table.missing)))
        return [row for row in table if sound(table, row, name, damaged)]
    except csv.Error as error:
        raise Stop(damaged % ("line %d: %s" % (table.line, error)))


def sound(table, row, name, damaged):
    """True, or Stop when the row is ragged or (samples.csv) its value no number."""
    if table.shorter(row) or table.longer(row):
        raise Stop(damaged % ("line %d has %d fields, its header %d"
                              % (table.line, table.fields(row), len(table.header))))
    if name == "samples.csv" and not finite(row["value"]):
        raise Stop(damaged % ("line %d: value %r is not a number" % (table.line, row["value"])))
    return True


def finite(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def commit(source):
    """The suite's commit hash in source's meta ("" when absent)."""
    return (source.values.get("suite_commit", "").split() or [""])[0]


def case_sizes(source):
    """{(family, case): sizes} of source's samples: what its catalogue defined."""
    if source._sizes is None:
        source._sizes = {}
        for row in source_rows(source.folder, "samples.csv"):
            source._sizes.setdefault((row["family"], row["case"]), set()).add(row["n"])
    return source._sizes


def definitions(source):
    """{(family, case): its definitions} of source's cases.csv (the fingerprints the
    harness writes, one per interpreter); {} for a run that has no cases.csv."""
    if source._definitions is None:
        source._definitions = {}
        for row in source_rows(source.folder, "cases.csv"):
            source._definitions.setdefault((row["family"], row["case"]), set()).add(
                row["definition"])
    return source._definitions


def check_suites(first, other):
    """Stop when a case both runs measured was defined differently: by its fingerprint
    (cases.csv) where both runs have one, else, for runs of two suite commits, by its
    sizes; a commit apart with the same cases is fine."""
    mine, theirs = definitions(first), definitions(other)
    if mine and theirs:
        for key in sorted(set(mine) & set(theirs)):
            if mine[key] != theirs[key]:
                raise Stop("%s and %s define case %s/%s differently (definition %s and "
                           "%s in cases.csv: another catalogue or suite version): "
                           "measure them again with one catalogue and suite commit" % (
                               first.folder, other.folder, key[0], key[1],
                               " ".join(sorted(mine[key])), " ".join(sorted(theirs[key]))))
        return
    if commit(first) != commit(other):
        check_sizes(first, other)


def check_sizes(first, other):
    """Stop when a case both runs measured has other sizes in each (samples.csv)."""
    mine, theirs = case_sizes(first), case_sizes(other)
    for key in sorted(set(mine) & set(theirs)):
        if mine[key] != theirs[key]:
            raise Stop("%s and %s were measured by different suites (suite_commit %s and "
                       "%s) whose case %s/%s differs (sizes %s and %s): measure them again "
                       "with one suite commit" % (
                           first.folder, other.folder, commit(first)[:12] or "?",
                           commit(other)[:12] or "?", key[0], key[1],
                           " ".join(sorted(mine[key], key=sort_size)),
                           " ".join(sorted(theirs[key], key=sort_size))))


def sort_size(n):
    return (len(n), n)


def plain(label):
    """The label without its "#N" repeat and "@host": "3.11.7" for "3.11.7#2@arm"."""
    match = LABEL.match(label)
    return match.group(1) + match.group(2) if match else label


def relabel(sources):
    """[{old label: new label}], one per source: "@host" added where the sources'
    hosts differ, "#N" where one source holds a version twice (as bin/compare numbers
    them). Stop when two sources measured one interpreter on one host."""
    several = len(set(source.host for source in sources)) > 1
    owner, mappings = {}, []
    for source in sources:
        mapping = {}
        for old in source.labels:
            where = host(old) or source.host
            suffix = "@" + where if several or host(old) else ""
            new = plain(old) + suffix
            if owner.get(new, source) is not source:
                raise Stop(twice(owner[new], source, plain(old), where))
            k = 1
            while new in owner:
                k += 1
                new = "%s#%d%s" % (plain(old), k, suffix)
            owner[new] = source
            mapping[old] = new
        mappings.append(mapping)
    return mappings


def twice(first, other, version, where):
    """The refusal of one interpreter measured on one host by two runs."""
    return ("%s and %s both measured Python %s on host %s: a merged run holds one run "
            "of an interpreter per host; leave one of them out (for an A/A control of "
            "one interpreter, run make compare PYTHONS=\"%s %s\")"
            % (first.folder, other.folder, version, where, version, version))
