"""tools/labels.py: interpreter labels ("3.11.7", "3.11.7#2" for the second of one
version) and their order, for every tool that reads a run. Standard library; 3.6+.
(build/idiombench-compare orders its rows the same way, in C.)"""
import re

LABEL = re.compile(r"^(\d+(?:\.\d+)*)(.*?)(?:#(\d+))?$")


def label_key(label):
    """Sort key: 2.7.18 < 3.9.1 < 3.10.0 < 3.11.7 < 3.11.7#2; labels that are not
    versions after them, in name order."""
    match = LABEL.match(label)
    if not match:
        return (1, (), label, 0)
    numbers = tuple(int(part) for part in match.group(1).split("."))
    return (0, numbers, match.group(2), int(match.group(3) or 1))


def version_tuple(label):
    """(3, 11, 7) for "3.11.7" or "3.11.7#2"; () for a label that is not a version."""
    return label_key(label)[1]
