"""py/idiombench/run/meta.py: a run's meta file, `key: value` lines (docs/run-folder.md), for every
tool that reads one. Standard library; Python 3.6+."""


def meta_pairs(path):
    """The (key, value) pairs of meta's `key: value` lines, in order, as written (a
    value keeps its blanks); other lines are skipped. OSError when the file cannot be
    read."""
    with open(path, encoding="utf-8-sig", errors="replace") as stream:
        lines = [line.rstrip("\n").partition(": ") for line in stream]
    return [(key, value) for key, sep, value in lines if sep]


def stripped(pairs):
    """The pairs with blanks trimmed around keys and values, for display."""
    return [(key.strip(), value.strip()) for key, value in pairs]


def meta_dict(path):
    """meta as a dict of trimmed keys and values (a key given twice keeps its first
    value); OSError as above."""
    meta = {}
    for key, value in stripped(meta_pairs(path)):
        meta.setdefault(key, value)
    return meta
