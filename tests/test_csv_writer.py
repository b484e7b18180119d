"""Every CSV the portal writes goes through one writer that neutralises formulas."""

import csv
import io

import pytest

from core import csv as portal_csv


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTaylor", "'\tTaylor"),
        ("\r=1", "'\r=1"),
        ("Taylor", "Taylor"),
        ("-12", "-12"),
        ("3.5", "3.5"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell, written):
    out = io.StringIO()
    portal_csv.writer(out).writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written]


def test_numbers_and_empty_cells_are_written_as_they_are():
    out = io.StringIO()
    portal_csv.writer(out, lineterminator="\n").writerows([[1, -2, None, ""]])
    assert out.getvalue() == "1,-2,,\n"
