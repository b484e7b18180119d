"""How dates read on pages, letters and explanations. Pure Python, no Django: the statutory
clock (`cases.timescales`) imports it."""

import datetime


def long_date(day: datetime.date) -> str:
    """The one long date: "14 May 2025"."""
    return f"{day.day} {day:%B %Y}"
