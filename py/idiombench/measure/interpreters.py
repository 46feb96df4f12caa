"""py/idiombench/measure/interpreters.py: which CPythons a comparison runs, under which
labels, against which baseline. Used by bin/compare; standard library only, Python 3.6+.

An interpreter is described by bin/pyconfig (the same resolution `make bench
PYTHON=...` uses), labelled by its version ("3.11.7"; "3.14.0t" for a free-threaded
build, a version apart from 3.14.0); a version given twice (the same interpreter, or two
installs of one version) gets "#2", "#3"... on its later entries.
"""
import collections
import shlex
import subprocess

from idiombench.run.errors import Skip, Stop
from idiombench.run.labels import label_key, names
from idiombench.run.paths import bin_path

Interpreter = collections.namedtuple("Interpreter", "label version exe tag entry")


def discover():
    """Every CPython bin/find-pythons finds (2.7 included), oldest first."""
    out = subprocess.run([bin_path("find-pythons"), "--all"],
                         stdout=subprocess.PIPE, universal_newlines=True, check=False)
    return [line for line in out.stdout.splitlines() if line.strip()]


def describe(entry):
    """The pyconfig facts of one PYTHONS entry (a version, name or path)."""
    out = subprocess.run([bin_path("pyconfig"), entry], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True, check=False)
    if out.returncode != 0:
        reason = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "pyconfig failed"
        reason = reason.replace("idiombench: ", "")
        if reason.startswith("unknown Python"):
            raise Stop("PYTHONS entry '%s': %s" % (entry, reason))
        raise Skip(reason)  # it exists, but cannot be embedded: left out
    facts = {}
    for line in out.stdout.splitlines():
        name, _, value = line.partition("=")
        facts[name] = " ".join(shlex.split(value))
    return facts


def resolve(entries):
    """(interpreters, {entry: why left out}): the PYTHONS entries (discovered ones when
    empty), labelled, oldest first; those that exist but cannot be embedded apart."""
    if not entries:
        entries = discover()
        if not entries:
            raise Stop("no CPython found on PATH, in pyenv, uv, mise, asdf or conda "
                       "installs or in /usr/bin; install one or name it with "
                       "PYTHONS=/path/to/python3")
    seen = collections.Counter()
    chosen, unusable = [], collections.OrderedDict()
    for entry in entries:
        try:
            facts = describe(entry)
        except Skip as why:
            unusable[entry] = str(why)
            continue
        version = facts["PY_VERSION"]
        seen[version] += 1
        label = version if seen[version] == 1 else "%s#%d" % (version, seen[version])
        chosen.append(Interpreter(label, version, facts["PY_EXE"], facts["PY_TAG"], entry))
    if not chosen:
        raise Stop("no interpreter can be embedded: %s" % "; ".join(unusable.values()))
    return sorted(chosen, key=lambda it: label_key(it.label)), unusable


def choose_baseline(interpreters, wanted):
    """The label to compare against: BASELINE (a label, or a version prefix such as
    "3.9", or "3.14t" for a free-threaded build, naming one interpreter), else the
    oldest 3.x, else the oldest."""
    labels = [it.label for it in interpreters]
    if not wanted:
        py3 = [it.label for it in interpreters if it.version.startswith("3.")]
        return (py3 or labels)[0]
    if wanted in labels:
        return wanted
    matches = [label for label in labels if names(wanted, label)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise Stop("BASELINE=%s matches %s; give the full version" %
                   (wanted, ", ".join(matches)))
    raise Stop("BASELINE=%s is not among the interpreters compared (%s); "
               "pick one of them or add it to PYTHONS" % (wanted, ", ".join(labels)))
