"""The SEN2 census date: the third Thursday of January (15 January 2026, 16 January 2025,
18 January 2024, as the DfE's SEN2 guides give them)."""

import datetime

THURSDAY = 3


def census_date_for(year: int) -> datetime.date:
    first = datetime.date(year, 1, 1)
    first_thursday = first + datetime.timedelta(days=(THURSDAY - first.weekday()) % 7)
    return first_thursday + datetime.timedelta(weeks=2)


def census_to_return(today: datetime.date) -> datetime.date:
    """The census the next return is for: this January's once it has passed, otherwise last
    January's (a return can only be generated once its census date has passed)."""
    this_year = census_date_for(today.year)
    return this_year if this_year <= today else census_date_for(today.year - 1)
