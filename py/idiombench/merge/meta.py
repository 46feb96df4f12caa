"""py/idiombench/merge/meta.py: the meta file of a merged run (docs/run-folder.md, *A merged
run folder*): the run's keys, the hosts' keys (once, or `key@<host>`; an interpreter's own
`key@<label>` where runs of one host disagree), and each interpreter's keys relabelled.

    write_meta(work, sources, mappings, hosts, chosen)

Standard library only; Python 3.6+.
"""
import collections
import os
import re

from idiombench.run import schema
from idiombench.run.labels import host, label_key

HOST_KEYS = schema.host_keys()


def host_facts(source):
    """{host: [(key, value)]} of source's host keys: a run's own, or, in a run make
    merge folded from several hosts, its `key@<host>` ones."""
    if not source.values.get("hosts"):
        return {source.host: [(k, v) for k, v in source.meta if k in HOST_KEYS]}
    facts = collections.OrderedDict((where, []) for where in source.values["hosts"].split())
    for key, value in source.meta:
        base, _, where = key.partition("@")
        if base in HOST_KEYS and where in facts:
            facts[where].append((base, value))
    return facts


def label_facts(source, mapping):
    """[(new label, its host, [(key, value)])]: each interpreter's host keys, its own
    `key@<label>` where its run has one (a merged run whose runs of a host disagreed),
    else its host's."""
    by_host = host_facts(source)
    found = []
    for old, new in mapping.items():
        where = host(old) or source.host
        found.append((new, host(new) or source.host, [
            (key, source.values.get("%s@%s" % (key, old), value))
            for key, value in by_host.get(where, [])]))
    return found


def host_lines(sources, mappings):
    """The hosts' keys: once when the runs share one host, else `key@<host>` per host
    after `hosts: a b`. Where runs of one host disagree on a key (the machine changed
    between them), its value names each value's interpreters, and each interpreter
    gets its own `key@<label>`."""
    facts = collections.OrderedDict()
    for source, mapping in zip(sources, mappings):
        for label, where, pairs in label_facts(source, mapping):
            keys = facts.setdefault(where, collections.OrderedDict())
            for key, value in pairs:
                keys.setdefault(key, collections.OrderedDict()).setdefault(value, []).append(
                    label)
    lines = [] if len(facts) == 1 else ["hosts: %s" % " ".join(facts)]
    suffix = (lambda where: "") if len(facts) == 1 else (lambda where: "@" + where)
    for where, keys in facts.items():
        for key, values in keys.items():
            lines.append("%s%s: %s" % (key, suffix(where), value_text(values)))
    for keys in facts.values():
        for key, values in keys.items():
            if len(values) > 1:
                lines += ["%s@%s: %s" % (key, label, value)
                          for value, labels in values.items() for label in labels]
    return lines


def value_text(values):
    """"gcc 12.2.0" when every interpreter has it; else "clang 16 (3.12.1); gcc 12.2.0
    (2.7.18 3.6.15)": {value: [labels]}."""
    if len(values) == 1:
        return list(values)[0]
    return "; ".join("%s (%s)" % (value, " ".join(sorted(labels, key=label_key)))
                     for value, labels in values.items())


def label_lines(source, mapping):
    """source's per-interpreter keys as `key@<new label>`: a comparison's `key@label`
    relabelled, a bench run's own keys (the command left out, as compare does); and
    each interpreter's `filter` (its run's: a comparison's `filter`, a bench run's
    command's --filter) and a comparison's `rounds`."""
    lines = []
    for old, new in mapping.items():  # a merged run's own filter@ and rounds@ follow
        if "filter@" + old not in source.values:
            lines.append("filter@%s: %s" % (new, run_filter(source)))
        if source.values.get("rounds") and "rounds@" + old not in source.values:
            lines.append("rounds@%s: %s" % (new, source.values["rounds"]))
    for key, value in source.meta:
        base, _, label = key.partition("@")
        if base in HOST_KEYS:
            continue  # host_lines' (an interpreter's own host keys too)
        if source.is_compare and label in mapping:
            lines.append("%s@%s: %s" % (base, mapping[label], value))
        elif not source.is_compare and key != "command":
            lines.append("%s@%s: %s" % (key, mapping[source.labels[0]], value))
    return lines


def run_filter(source):
    """The FILTER a run was made with ("" for none), from its meta: a comparison's
    `filter`, or the --filter of a bench run's command (a regex with a blank in it is
    cut there: the command is recorded unquoted)."""
    if source.is_compare or "filter" in source.values:
        return source.values.get("filter", "")
    found = re.search(r"(?:^| )--filter(?:=| )(\S+)", source.values.get("command", ""))
    return found.group(1) if found else ""


def write_meta(work, sources, mappings, hosts, chosen):
    labels = sorted((label for m in mappings for label in m.values()), key=label_key)
    modes = set(source.values.get("mode") or mode_of(source) for source in sources)
    lines = ["run: compare", "merged: %s" % " ".join(s.folder for s in sources),
             "pythons: %s" % " ".join(labels), "baseline: %s" % main_baseline(hosts, chosen),
             "baselines: %s" % " ".join(chosen),
             "mode: %s" % (modes.pop() if len(modes) == 1 else "mixed")]
    lines += host_lines(sources, mappings)
    for source, mapping in zip(sources, mappings):
        lines += label_lines(source, mapping)
    with open(os.path.join(work, "meta"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main_baseline(hosts, chosen):
    """The baseline of the host with the most interpreters (the first of equals): the
    one the readers of a comparison (report, claims, plots) take as the run's."""
    sizes = [len(labels) for _, labels in hosts]
    return chosen[sizes.index(max(sizes))]


def mode_of(source):
    """A bench run's mode, from its settings."""
    return "quick" if "quick" in source.values.get("settings", "").split(", ") else "default"
