"""The Open Referral UK feed's parameters and pages: every parameter is read here, and a value
that makes no sense is a `BadParameter` the feed answers with a 400 and a message, never a 500.

HSDS 3.0 UK profile; the views are in `views_oruk.py`, the records in `oruk_format.py`, and every
endpoint is validated against the profile's schemas vendored in `oruk_schema/` by
tests/local_offer/test_feed.py.
"""

import datetime
import math
import uuid

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import public

from .oruk_format import clean

PROFILE = "https://openreferraluk.org/profile/3.0"
MAX_PER_PAGE = 200
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ERROR_DAY = "day must be one of MO, TU, WE, TH, FR, SA, SU"


class BadParameter(ValueError):
    pass


MAX_PARAMETER_LENGTH = 200
ERROR_NUL = "{name} must not contain a NUL character"
ERROR_TOO_LONG = "{name} must be at most {limit} characters"
ERROR_WHOLE_NUMBER = "{name} must be a whole number"
ERROR_DATETIME = "{name} must be an ISO 8601 date-time, like 2024-05-01T09:00:00Z"
ERROR_DATETIME_RANGE = "{name} is outside the dates this feed can compare"
ERROR_TIME = "{name} must be a time of day, like 09:30"
ERROR_BOOLEAN = "{name} must be true or false"
ERROR_UUID = "{name} must be a UUID"


def _check_query(request) -> None:
    """Every parameter, known or not: no NUL (PostgreSQL refuses it in text) and a sane length."""
    for name, values in request.GET.lists():
        if "\x00" in name:
            raise BadParameter(ERROR_NUL.format(name="A parameter name"))
        for value in values:
            if "\x00" in value:
                raise BadParameter(ERROR_NUL.format(name=name))
            if len(value) > MAX_PARAMETER_LENGTH:
                raise BadParameter(ERROR_TOO_LONG.format(name=name, limit=MAX_PARAMETER_LENGTH))


def int_param(request, name, default=None, *, low=0, high=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadParameter(ERROR_WHOLE_NUMBER.format(name=name)) from error
    if value < low or (high is not None and value > high):
        raise BadParameter(
            f"{name} must be between {low} and {high}" if high else f"{name} must be at least {low}"
        )
    return value


def _parsed(request, name, parse, error_message: str, *, strip: bool = True):
    """The parameter as `parse` reads it; None when it is absent or empty."""
    raw = request.GET.get(name, "")
    if strip:
        raw = raw.strip()
    if not raw:
        return None
    try:
        return parse(raw)
    except ValueError as error:
        raise BadParameter(error_message.format(name=name)) from error


def uuid_param(request, name):
    return _parsed(request, name, uuid.UUID, ERROR_UUID, strip=False)


def datetime_param(request, name) -> datetime.datetime | None:
    """An ISO 8601 date-time as UTC; naive ones are read in the council's time zone. An offset
    that takes it past year 1 or 9999 is refused here rather than by the database."""
    value = _parsed(request, name, datetime.datetime.fromisoformat, ERROR_DATETIME)
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise BadParameter(ERROR_DATETIME_RANGE.format(name=name)) from error


def time_param(request, name) -> datetime.time | None:
    value = _parsed(request, name, datetime.time.fromisoformat, ERROR_TIME)
    return value.replace(tzinfo=None) if value is not None else None


def boolean_param(request, name) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(ERROR_BOOLEAN.format(name=name))


def day_param(request, name) -> str:
    """A day of the week as iCalendar writes it (MO to SU), or ""."""
    day = request.GET.get(name, "").strip().upper()
    if day and day not in DAYS:
        raise BadParameter(ERROR_DAY)
    return day


def page_of(request, items, to_dict) -> dict:
    page = int_param(request, "page", 1, low=1)
    per_page = int_param(request, "per_page", 50, low=1, high=MAX_PER_PAGE)
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    pages = max(1, math.ceil(total / per_page))
    # A page past the end is empty without asking the database for an offset it cannot hold.
    start = (page - 1) * per_page
    contents = (
        [clean(to_dict(item)) for item in items[start : start + per_page]] if page <= pages else []
    )
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def feed_view(view):
    """Public, GET only, JSON; nonsense parameters give a 400 with a message, never a 500."""

    @public
    @require_GET
    def wrapped(request, *args, **kwargs):
        try:
            _check_query(request)
            return JsonResponse(
                view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False}
            )
        except BadParameter as error:
            return JsonResponse({"error": str(error)}, status=400)

    wrapped.__name__ = view.__name__
    return wrapped
