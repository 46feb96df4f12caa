#!/usr/bin/env python3
"""tests/e2e/run_folder_check.py: checks that the writers and readers of a run folder
agree with its definition, docs/run-folder.csv (used by tests/e2e/schema.bats).

    run_folder_check.py ROOT headers DIR WRITER  every CSV file WRITER (harness,
                                                 idiombench-compare, bin/compare)
                                                 writes is in DIR with the defined
                                                 header; DIR/meta's keys are defined
    run_folder_check.py ROOT schema-h            src/common/schema.h's macros
    run_folder_check.py ROOT columns-read        every row["name"] in py/idiombench
    run_folder_check.py ROOT meta-read           every meta key py/idiombench reads
    run_folder_check.py ROOT doc                 docs/run-folder.md's tables

ROOT is a suite's folder (the repository, or a test's broken copy of parts of it): its
docs/run-folder.csv is the definition, its py/ the code. Prints one line per
disagreement and exits 1 when there is any. Standard library only; Python 3.6+.
"""
import csv
import os
import re
import sys

# Names the code reads from a row that are no column: added by the readers themselves
# (report: halfwidth; plots: times_s, from runs.csv), or of validate's timeit
# references, which are no run folder's rows.
NOT_COLUMNS = {"halfwidth", "times_s", "net", "net_pass", "spread", "number"}
ROW_READ = re.compile(r'\b(?:row|r)(?:\.get\(|\[)\s*"([A-Za-z0-9_]+)"')
META_READ = re.compile(r'\b(?:meta|meta_map|pairs)(?:\.get\(|\[)\s*"([A-Za-z0-9_]+)"'
                       r'|\bmeta_value\(\s*"([A-Za-z0-9_]+)"')
MACRO = re.compile(r'#define\s+([A-Z]+)_COLUMNS\s+((?:"[^"]*"\s*)+)')
TABLE_MARK = re.compile(r"^<!-- (columns|keys): (\S+) -->$")


def load_schema(root):
    sys.path.insert(0, os.path.join(root, "py"))
    from idiombench.run import schema
    return schema


def csv_header(path):
    with open(path, newline="", encoding="utf-8") as stream:
        return next(csv.reader(stream), [])


def meta_keys_of(path):
    with open(path, encoding="utf-8") as stream:
        return [line.split(": ", 1)[0] for line in stream if ": " in line]


def check_headers(schema, folder, writer):
    problems = []
    for name in schema.files():
        entries = [e for e in schema.entries() if e["file"] == name]
        if writer not in entries[0]["writers"].split() or name == "meta":
            continue
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            problems.append("%s: %s writes it, but it is not in %s" % (name, writer, folder))
        elif csv_header(path) != schema.columns(name):
            problems.append("%s: header %s, defined %s" % (
                name, ",".join(csv_header(path)), ",".join(schema.columns(name))))
    meta = os.path.join(folder, "meta")
    if writer == "harness" or os.path.isfile(meta):
        defined = set(schema.meta_keys())
        problems += ["meta: key %s is not defined" % key for key in meta_keys_of(meta)
                     if key.split("@", 1)[0] not in defined]
    return problems


def check_schema_h(schema, root):
    with open(os.path.join(root, "src", "common", "schema.h"), encoding="utf-8") as stream:
        text = stream.read().replace("\\\n", " ")
    problems = []
    found = set()
    for macro, literals in MACRO.findall(text):
        name = macro.lower() + ".csv"
        found.add(name)
        header = "".join(re.findall(r'"([^"]*)"', literals))
        if name not in schema.files():
            problems.append("schema.h: %s_COLUMNS names no defined file" % macro)
        elif header != ",".join(schema.columns(name)):
            problems.append("schema.h: %s_COLUMNS is %s, defined %s" % (
                macro, header, ",".join(schema.columns(name))))
    for name in schema.files():
        writers = set(e["writers"] for e in schema.entries() if e["file"] == name)
        in_c = any(set(w.split()) & {"harness", "idiombench-compare"} for w in writers)
        if in_c and name.endswith(".csv") and name not in found:
            problems.append("schema.h: no %s_COLUMNS for %s" % (name[:-4].upper(), name))
    return problems


def python_sources(root):
    for folder, _, names in os.walk(os.path.join(root, "py", "idiombench")):
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def reads(root, pattern):
    """(path, line number, name) of every match of pattern in the Python code."""
    for path in python_sources(root):
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                for match in pattern.finditer(line):
                    yield path, number, next(group for group in match.groups() if group)


def check_columns_read(schema, root):
    defined = set(e["name"] for e in schema.entries() if e["file"] != "meta")
    return ["%s:%d: row[%r] is no column of docs/run-folder.csv" % (path, number, name)
            for path, number, name in reads(root, ROW_READ)
            if name not in defined and name not in NOT_COLUMNS]


def check_meta_read(schema, root):
    from idiombench.report import sections
    from idiombench.compare import merge
    defined = set(schema.meta_keys())
    listed = (list(sections.PER_PYTHON_KEYS) + list(sections.COMPARE_KEYS) +
              list(sections.HOST_KEYS) + list(merge.NOISE_KEYS))
    problems = ["%s:%d: meta key %r is not defined" % (path, number, name)
                for path, number, name in reads(root, META_READ) if name not in defined]
    return problems + ["report/compare: meta key %r is not defined" % key
                       for key in listed if key not in defined]


def doc_tables(path):
    """[(kind, file, [names of the first cells' code spans])] of each marked table."""
    tables = []
    with open(path, encoding="utf-8") as stream:
        lines = [line.rstrip("\n") for line in stream]
    for index, line in enumerate(lines):
        if not re.match(r"^\| (column|key) \| meaning \|$", line):
            continue
        mark = TABLE_MARK.match(lines[index - 1]) if index else None
        names = []
        for row in lines[index + 2:]:
            if not row.startswith("|"):
                break
            names += re.findall(r"`([^`]+)`", row.split("|")[1])
        tables.append((mark.group(1) if mark else None, mark.group(2) if mark else None,
                       names, index + 1))
    return tables


def check_doc(schema, root):
    path = os.path.join(root, "docs", "run-folder.md")
    problems = []
    documented = set()
    for kind, name, names, line in doc_tables(path):
        if name is None:
            problems.append("run-folder.md:%d: a table without <!-- columns: FILE -->" % line)
            continue
        documented.add(name)
        want = schema.meta_keys() if kind == "keys" else schema.columns(name)
        if sorted(names) != sorted(want):
            problems.append("run-folder.md:%d: %s's table has %s, defined %s" % (
                line, name, ", ".join(names), ", ".join(want)))
    problems += ["run-folder.md: no table of %s" % name for name in schema.files()
                 if name not in documented]
    return problems


def check_definition(schema):
    """The file and name fields are plain (the shell reads them with awk -F,)."""
    return ["run-folder.csv: %r in %s is not a plain name" % (e["name"], e["file"])
            for e in schema.entries()
            if not re.match(r"^[A-Za-z0-9_./]+$", e["file"])
            or not re.match(r"^[A-Za-z0-9_@<>]+$", e["name"])]


def main(argv):
    root, what = argv[1], argv[2]
    schema = load_schema(root)
    checks = {
        "headers": lambda: check_headers(schema, argv[3], argv[4]),
        "schema-h": lambda: check_schema_h(schema, root),
        "columns-read": lambda: check_columns_read(schema, root),
        "meta-read": lambda: check_meta_read(schema, root),
        "doc": lambda: check_doc(schema, root) + check_definition(schema),
    }
    problems = checks[what]()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
