"""How dates read on pages, letters and explanations. Pure Python, no Django: the statutory
clock (`cases.timescales`) imports it."""

import datetime
from functools import lru_cache


@lru_cache(maxsize=1 << 16)  # pure: the clock asks for the same few thousand days again and again
def long_date(day: datetime.date) -> str:
    """The one long date: "14 May 2025"."""
    return f"{day.day} {day:%B %Y}"
