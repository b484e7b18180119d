"""The checks every step's dates go through: not in the future, not before the date they follow."""

import datetime

from django.utils import timezone

from .errors import refuse
from .formats import long_date

DATE_IN_FUTURE = "{label} cannot be in the future"
DATE_BEFORE = "{label} cannot be before {other_label} ({other})"


def today() -> datetime.date:
    return timezone.localdate()


def check_not_future(value: datetime.date | None, *, label: str, field: str | None = None) -> None:
    if value is not None and value > today():
        refuse(DATE_IN_FUTURE.format(label=label), field)


def check_not_before(
    value: datetime.date | None,
    other: datetime.date | None,
    *,
    label: str,
    other_label: str,
    field: str | None = None,
) -> None:
    if value is not None and other is not None and value < other:
        refuse(
            DATE_BEFORE.format(label=label, other_label=other_label, other=long_date(other)), field
        )


def check_date(
    value: datetime.date,
    *,
    label: str,
    field: str | None = None,
    after: tuple[datetime.date | None, str] | None = None,
) -> None:
    """A step's date: not in the future, and not before the date it follows."""
    check_not_future(value, label=label, field=field)
    if after is not None:
        check_not_before(value, after[0], label=label, other_label=after[1], field=field)
