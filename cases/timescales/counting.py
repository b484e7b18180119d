"""Counting: calendar weeks, days and months, working days and bank holidays, the tribunal
adjustments, school years (statutory-timescales.md sections 1, 6 and 8)."""

import calendar
import datetime
from dataclasses import dataclass
from functools import cache

import holidays

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class ClockSettings:
    receipt_day_is_day_one: bool = False
    phase_transfer_by: bool = False  # False: due before 15 Feb / 31 Mar, i.e. by 14 Feb / 30 Mar
    due_soon_days: int = 14


DEFAULT_SETTINGS = ClockSettings()


def days_within(
    start: datetime.date, days: int, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """The last day of a limit of N days from an event (the event's day excluded by default)."""
    return start + datetime.timedelta(days=days - (1 if settings.receipt_day_is_day_one else 0))


def weeks_after(
    start: datetime.date, weeks: int, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """The last day of a limit of N weeks: received + 7N (or 7N - 1)."""
    return days_within(start, 7 * weeks, settings=settings)


def days_beginning_with(start: datetime.date, days: int) -> datetime.date:
    """The last day of a period of N days beginning with `start` (reg 13(1): 15 days from the
    day the draft is served, that day included)."""
    return start + datetime.timedelta(days=days - 1)


def months_after(start: datetime.date, months: int) -> datetime.date:
    """Calendar months by corresponding date; a missing day falls on the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # England and Wales share their bank holidays; the package works offline.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += DAY
    return day


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    day = start
    for _ in range(n):
        day += DAY
        day = next_working_day(day)
    return day


def _sen_tribunal_adjust(day: datetime.date) -> datetime.date:
    """HESC r20 in SEN cases: a deadline ending between 25 December and 1 January, or in August,
    moves to the next working day after that period; any other non-working day, to the next
    working day."""
    if day.month == 8:
        return next_working_day(datetime.date(day.year, 9, 1))
    if (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1):
        year = day.year + 1 if day.month == 12 else day.year
        return next_working_day(datetime.date(year, 1, 2))
    return next_working_day(day)


def tribunal_deadline(
    decision_notified_on: datetime.date, mediation_certificate_on: datetime.date | None = None
) -> datetime.date:
    """HESC r20: 2 months from the decision notice, or 1 month from the mediation certificate if
    that is later, adjusted for non-working days, August and Christmas."""
    due = months_after(decision_notified_on, 2)
    if mediation_certificate_on:
        due = max(due, months_after(mediation_certificate_on, 1))
    return _sen_tribunal_adjust(due)


def school_year_group(date_of_birth: datetime.date, on: datetime.date) -> int:
    """English school year: born 1 Sep B to 31 Aug B+1 -> Reception (0) from September B+5."""
    cohort = date_of_birth.year if date_of_birth.month >= 9 else date_of_birth.year - 1
    academic_year = on.year if on.month >= 9 else on.year - 1
    return academic_year - (cohort + 5)


def preparing_for_adulthood_applies(date_of_birth: datetime.date, on: datetime.date) -> bool:
    """From Year 9 every review considers preparing for adulthood (reg 20(6))."""
    return school_year_group(date_of_birth, on) >= 9


def phase_transfer_due(
    transfer_year: int, *, post16: bool, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """Reg 18: amended plan naming the new setting before 15 February (31 March for secondary to
    post-16) of the calendar year of the move."""
    day = datetime.date(transfer_year, 3, 31) if post16 else datetime.date(transfer_year, 2, 15)
    return day if settings.phase_transfer_by else day - DAY
