"""The timeline entry each step writes and the changes it records. Refusing a step
(`core.errors`) and the checks on dates (`core.dates`) are on the ground floor, named here too so
that `from .common import ...` reads as before."""

import datetime

from core.dates import DATE_BEFORE as DATE_BEFORE
from core.dates import DATE_IN_FUTURE as DATE_IN_FUTURE
from core.dates import check_date as check_date
from core.dates import check_not_before as check_not_before
from core.dates import check_not_future as check_not_future
from core.dates import today as today
from core.errors import STEP_NOT_ALLOWED as STEP_NOT_ALLOWED
from core.errors import StepRefused as StepRefused
from core.errors import refuse as refuse
from core.formats import long_date as long_date  # the one long date: "14 May 2025"

from ..models import Child, TimelineEvent


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


def added(
    record,
    *,
    child: Child,
    by,
    verb: str,
    summary: str,
    happened_on: datetime.date | None = None,
):
    """Validates and saves a record added to a child's case, stamped with who added it, and writes
    the timeline entry about it (happening `happened_on`, else today); returns the record."""
    for stamp in ("created_by", "modified_by"):
        if hasattr(record, f"{stamp}_id"):
            setattr(record, stamp, by)
    record.full_clean()
    record.save()
    timeline_record(
        child=child,
        verb=verb,
        summary=summary,
        happened_on=happened_on or today(),
        by=by,
        target=record,
    )
    return record


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
