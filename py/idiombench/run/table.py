"""py/idiombench/run/table.py: the one reader of a run folder's CSV files, for every
program that reads them (claims, plots, report, compare).

    with open(path, newline="", encoding="utf-8") as stream:
        table = Table(stream, "measurements.csv", "report")
        if table.missing: ...                  # the columns report needs, not in the header
        for row in table: ...                  # dicts, as csv.DictReader gives them
            table.line                         # the line the row ends on

The columns a reader needs come from the definition (idiombench.run.schema), never from
a list of its own. What to say about a missing column, a ragged row or a bad figure is
the reader's: each has its own messages. csv.Error and UnicodeDecodeError come from the
stream as they are. Standard library only; Python 3.6+.
"""
import csv

from idiombench.run import schema


class Table(object):
    """A CSV file of a run folder being read by one program, its header checked."""

    def __init__(self, stream, file, reader, also=()):
        """stream: the open file; file: its name in the definition ("hyperfine/
        hyperfine.csv"); reader: the program reading it ("claims"); also: optional
        columns this reader requires too (ones the file has, found with has())."""
        self._reader = csv.DictReader(stream)
        self.columns = schema.needed(file, reader) + list(also)

    @property
    def header(self):
        """The header's names ([] for an empty file); read on first use."""
        return self._reader.fieldnames or []

    @property
    def missing(self):
        """The columns needed that the header lacks, in the definition's order."""
        return [name for name in self.columns if name not in self.header]

    def __iter__(self):
        return iter(self._reader)

    @property
    def line(self):
        """The number of the last line read (a row's last line)."""
        return self._reader.line_num

    def longer(self, row):
        """True when the row has more fields than the header."""
        return None in row

    def shorter(self, row):
        """True when the row lacks a field of a needed column."""
        return any(row[name] is None for name in self.columns)

    def fields(self, row):
        """How many fields the row has (the extra ones counting as one)."""
        return len([value for value in row.values() if value is not None])


def has(header, names):
    """names, when the header has them all; () otherwise (a file older than them)."""
    return tuple(names) if all(name in header for name in names) else ()
