"""The one CSV writer for every file the portal writes.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@` (and some with `|`, `%`, a tab or a
carriage return) as a formula: a child's surname or a service's name could then run code on the
reader's machine (CSV injection, OWASP). `defusedcsv` prefixes such text with an apostrophe and
leaves numbers alone; this module adds the leading tab and carriage return, which it lets through.
Never import `csv` to write a file: ask `writer` here.
"""

from defusedcsv import csv as _defused

_ALSO_ESCAPED = ("\t", "\r")


def neutralise(value):
    """The cell as it is safe to write: text a spreadsheet would run is prefixed with `'`."""
    if isinstance(value, str) and value.startswith(_ALSO_ESCAPED):
        return "'" + value
    return value


class _Writer:
    def __init__(self, out, **kwargs):
        self._writer = _defused.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs) -> _Writer:
    """A `csv.writer` whose cells can never be read as formulas."""
    return _Writer(out, **kwargs)
