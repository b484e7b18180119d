"""The one runner every step of the statutory process goes through:

lock the case → load it once → check the declared workflow allows the step (its guard) → make the
change in memory → bring the due dates held on the records up to date from the clock, on the same
objects → validate and save each changed record once → write the timeline entry → store the
case's deadlines.

The step's own code (its "change") only checks its input and changes records in memory; it never
saves, never re-reads the case and never runs the clock. Nothing is written when anything refuses:
the whole step is one transaction.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import AdviceRequest, Child, StatutoryDeadline
from ..workflow import TRANSITIONS, Case, case_load
from .common import check_date, refuse, timeline_record
from .deadlines import (
    _clock_results,
    _rows_store,
    apply_due_dates,
    rows_from_results,
    week20_flags_apply,
)


@dataclass
class Event:
    """The timeline entry a step writes: by default it happened on the date the step records
    (`step_run`'s `on`) and is about what the step returns; `target` may be another record."""

    verb: str
    summary: str
    happened_on: datetime.date | None = None
    target: Any = None
    payload: dict | None = None


@dataclass
class Change:
    """What a step changed, in memory: the records to validate and save (parents before
    children, each once), its timeline entry and what the service returns."""

    saves: list = field(default_factory=list)
    event: Event | None = None
    result: Any = None


def changed(
    record, verb: str, summary: str, happened_on=None, *, saves=None, payload=None
) -> Change:
    """The usual change: the records to save (by default the record itself), one timeline entry
    about the record (on the step's date unless `happened_on` says otherwise), the record
    returned."""
    return Change(
        saves=[record] if saves is None else saves,
        event=Event(verb, summary, happened_on, payload=payload),
        result=record,
    )


def record_update(
    slug: str,
    record,
    *,
    by: User | None,
    on: datetime.date,
    values: dict,
    verb: str,
    summary: str | Callable[[Any], str],
    payload: dict | None = None,
) -> Any:
    """The usual step on a record the caller names: set `values` on the case's copy of it and
    record one timeline entry about it, happening `on`; returns the record. `summary` may be a
    function of the changed record."""

    def change(case: Case, target) -> Change:
        for name, value in values.items():
            setattr(target, name, value)
        text = summary(target) if callable(summary) else summary
        return changed(target, verb, text, payload=payload)

    return step_run(slug, by=by, given=record, change=change, on=on)


def child_id_of(record) -> int:
    """The child a step's record belongs to: its own, or its parent's (advice, consultations and
    representations through their request, reviews through their plan, orders through their
    appeal)."""
    while not hasattr(record, "child_id"):
        record = next(
            getattr(record, name) for name in ("request", "plan", "appeal") if hasattr(record, name)
        )
    return record.child_id


def _same(record, other) -> bool:
    return record is other or (
        type(record) is type(other) and record.pk is not None and record.pk == other.pk
    )


def _in_case(case: Case, given):
    """The loaded case's copy of a record a caller names (None when the case has no such record,
    e.g. a review of a plan no longer in force)."""
    candidates = [case.child, *case.plans, *case.reviews]
    for records in case.requests:
        candidates += [records.request, *records.advice, *records.consultations]
    for records in case.appeals:
        candidates += [records.appeal, *records.orders]
    return next((c for c in candidates if _same(c, given)), None)


def _link_saved_parents(record) -> None:
    """A record made in the same step as its parent (a plan and its first version) points at the
    parent object; once the parent is saved, its key is copied across for validation."""
    for model_field in record._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(record):
            parent = model_field.get_cached_value(record)
            if parent is not None and parent.pk is not None:
                setattr(record, model_field.attname, parent.pk)


def step_allowed(slug: str, case: Case, given=None):
    """The record the step acts on, or a refusal (StepRefused, nothing written)."""
    transition = TRANSITIONS[slug]
    target = _in_case(case, given) if given is not None else transition.target(case)
    if not transition.allows(case, target):
        refuse(transition.refusal_for(case, target))
    return target


def _clock(case: Case, today: datetime.date):
    return _clock_results(
        requests=case.clock_requests(),
        reviews=case.clock_reviews(),
        appeals=case.clock_appeals(),
        today=today,
    )


@transaction.atomic
def step_run(
    slug: str,
    *,
    by: User | None,
    change: Callable[[Case, Any], Change],
    child: Child | int | None = None,
    given=None,
    on: datetime.date | None = None,
    actor_label: str = "",
    today: datetime.date | None = None,
) -> Any:
    """Runs one declared step on a case; returns what the step's change returns. `on` is the
    date the step records, checked against the declaration's date rule before any change. The
    case is `child`'s, or that of the record `given`."""
    transition = TRANSITIONS[slug]
    if child is None:
        child = child_id_of(given)
    child = Child.objects.select_for_update().get(pk=getattr(child, "pk", child))
    case = case_load(child)
    target = step_allowed(slug, case, given)
    rule = transition.date
    if rule is not None and on is not None:
        check_date(
            on, label=rule.label, field=rule.field, after=(rule.follows(target), rule.after_label)
        )
    outcome = change(case, target)
    saves = list(outcome.saves)
    if transition.statutory:
        today = today or timezone.localdate()
        results = _clock(case, today)
        for record in apply_due_dates(results, case.clock_requests()) + week20_flags_apply(
            case.clock_requests()
        ):
            if not any(_same(record, saved) for saved in saves):
                saves.append(record)
    for record in saves:
        if by is not None and hasattr(record, "modified_by_id"):
            record.modified_by = by
        if record.pk is None and by is not None and hasattr(record, "created_by_id"):
            record.created_by = by
        _link_saved_parents(record)
        record.full_clean()
        record.save()
    if outcome.event is not None:
        event = outcome.event
        timeline_record(
            child=child,
            verb=event.verb,
            summary=event.summary,
            happened_on=event.happened_on or on,
            by=by,
            actor_label=actor_label,
            target=outcome.result if event.target is None else event.target,
            payload=event.payload,
        )
    if transition.statutory:
        results = _clock(case, today)  # again, now every record has its key: no queries
        rows = rows_from_results(child=child, results=results)
        gone = StatutoryDeadline.objects.filter(child=child).exclude(
            key__in=[row.key for row in rows]
        )
        _rows_store(gone=gone, rows=rows)
    return outcome.result


def new_advice(case: Case, advice: AdviceRequest) -> None:
    """Adds an advice request made by a step to the loaded case, so the clock sees it."""
    case.records_of(advice.request).advice.append(advice)
