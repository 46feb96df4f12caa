"""py/idiombench/run/labels.py: interpreter labels ("3.11.7", "3.11.7#2" for the second of one
version, "3.14.0t" for a free-threaded build, as bin/pyconfig's PY_VERSION gives it;
"3.13.1@ci-arm", "3.13.1#2@ci-arm" in a run that make merge folded from several hosts)
and their order, for every tool that reads a run. Standard library; 3.6+.
(build/idiombench-compare orders its rows the same way, in C.)"""
import re

LABEL = re.compile(r"^(\d+(?:\.\d+)*)([^#@]*?)(?:#(\d+))?(?:@(.+))?$")


def label_key(label):
    """Sort key: 2.7.18 < 3.9.1 < 3.10.0 < 3.11.7 < 3.11.7#2 < 3.11.7@arm <
    3.11.7#2@arm < 3.11.7t < 3.11.7t#2 < 3.11.8; labels that are not versions after
    them, in name order."""
    match = LABEL.match(label)
    if not match:
        return (1, (), label, "", 0)
    numbers = tuple(int(part) for part in match.group(1).split("."))
    return (0, numbers, match.group(2), match.group(4) or "", int(match.group(3) or 1))


def host(label):
    """"ci-arm" for "3.13.1@ci-arm" or "3.13.1#2@ci-arm"; "" for a label without one."""
    match = LABEL.match(label)
    return (match.group(4) or "") if match else ""


def version_tuple(label):
    """(3, 11, 7) for "3.11.7", "3.11.7#2" or "3.11.7t"; () for a label that is not a
    version."""
    return label_key(label)[1]


def free_threaded(label):
    """True for a free-threaded build's label: "3.14.0t", "3.14.0t#2"."""
    match = LABEL.match(label)
    return bool(match) and match.group(2) == "t"


def names(prefix, label):
    """True when the version PREFIX ("3.9", "3.9.18"; "3.14t" for a free-threaded build)
    names LABEL: its numbers start LABEL's, both free-threaded or neither, and LABEL is
    no "#N" repeat (its host, "@ci-arm", does not matter)."""
    wanted, want_free = (prefix[:-1], True) if prefix.endswith("t") else (prefix, False)
    match = LABEL.match(label)
    if not match or match.group(3) or free_threaded(label) != want_free:
        return False
    return (match.group(1) + ".").startswith(wanted + ".")
