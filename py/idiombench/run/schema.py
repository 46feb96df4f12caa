"""py/idiombench/run/schema.py: the run folder's definition, docs/run-folder.csv, the one
place that names every file's columns and meta's keys (docs/run-folder.md explains them).

    columns("measurements.csv")          # every column, in the order they are written
    needed("measurements.csv", "report") # the columns bin/report cannot do without
    optional("complexity.csv", "report") # the columns it reads when the file has them
    meta_keys()                          # every meta key, "@<label>" dropped
    host_keys()                          # the keys a comparison's meta gives once

A row of the definition: file, name (a column, or a meta key; "key@<label>" for a key a
comparison writes once per interpreter), unit, writers, readers (programs, space-
separated; "plots?" reads the column when the file has it) and meaning. Standard
library only; Python 3.6+.
"""
import csv
import os

from idiombench.run.paths import REPO_ROOT

DEFINITION = os.path.join(REPO_ROOT, "docs", "run-folder.csv")
PER_LABEL = "@<label>"
_ENTRIES = []


def entries():
    """Every row of the definition, as dicts, in its order (read once)."""
    if not _ENTRIES:
        with open(DEFINITION, newline="", encoding="utf-8") as stream:
            _ENTRIES.extend(csv.DictReader(stream))
    return _ENTRIES


def files():
    """The files the definition describes, in its order (meta among them)."""
    found = []
    for entry in entries():
        if entry["file"] not in found:
            found.append(entry["file"])
    return found


def columns(file):
    """Every column of file, in order: its header as the writers write it (KeyError for
    a file the definition does not have)."""
    names = [entry["name"] for entry in entries() if entry["file"] == file]
    if not names:
        raise KeyError("%s is not in %s" % (file, DEFINITION))
    return names


def needed(file, reader):
    """The columns of file that reader (claims, plots, report, ...) needs, in order."""
    return _read_by(file, reader)


def optional(file, reader):
    """The columns of file that reader uses when the file has them, in order."""
    return _read_by(file, reader + "?")


def needed_by_any(file):
    """The columns of file that some reader needs (not only uses when there), in order:
    what a program that copies the file (make merge) must find in it."""
    columns(file)  # KeyError for an unknown file
    return [entry["name"] for entry in entries() if entry["file"] == file and
            any(not token.endswith("?") for token in entry["readers"].split())]


def _read_by(file, token):
    columns(file)  # KeyError for an unknown file
    return [entry["name"] for entry in entries()
            if entry["file"] == file and token in entry["readers"].split()]


def meta_keys():
    """Every meta key, a per-interpreter one without its "@<label>"."""
    return [name.replace(PER_LABEL, "") for name in columns("meta")]


def host_keys():
    """The host's keys: written by the harness and given once by bin/compare (no
    "@<label>"), in the definition's order (the report's)."""
    return [entry["name"] for entry in entries()
            if entry["file"] == "meta" and PER_LABEL not in entry["name"]
            and set(("harness", "bin/compare")) <= set(entry["writers"].split())]
