"""What every service shares: refusing a step with a message a caseworker understands, the
checks on dates, and the timeline entry each step writes."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import Child, TimelineEvent
from ..timescales import long_date as long_date  # the one long date: "14 May 2025"

DATE_IN_FUTURE = "{label} cannot be in the future"
DATE_BEFORE = "{label} cannot be before {other_label} ({other})"
STEP_NOT_ALLOWED = "This step is not allowed now: {reason}"


class StepRefused(ValidationError):
    """A step refused because of its input or because it is out of sequence; nothing was written."""


def today() -> datetime.date:
    return timezone.localdate()


def refuse(message: str, field: str | None = None) -> None:
    raise StepRefused({field: [message]} if field else message)


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


def timeline_record(
    *,
    child: Child,
    verb: str,
    summary: str,
    happened_on: datetime.date,
    by=None,
    actor_label: str = "",
    target=None,
    payload: dict | None = None,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        child=child,
        verb=verb,
        summary=summary,
        happened_on=happened_on,
        actor=by if getattr(by, "pk", None) else None,
        actor_label=actor_label,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        payload=_jsonable(payload or {}),
    )


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def changes(instance, data: dict) -> dict:
    """Applies `data` to `instance`; returns {field: [before, after]} for what actually changed."""
    changed = {}
    for name, value in data.items():
        before = getattr(instance, name)
        if before != value:
            changed[name] = [before, value]
            setattr(instance, name, value)
    return changed
