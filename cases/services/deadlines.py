"""Every statutory deadline of a case, computed by the clock and stored, so that caseloads, alerts
and reports are queries over `StatutoryDeadline` rather than Python loops over cases.

Each service that records a step calls `deadlines_refresh(child=...)` in its transaction: the
case's facts are read in a handful of queries, the pure clock computes every deadline, and the
stored rows are brought in line (insert, update, delete) in bulk. The nightly sweep then only
moves states on as days pass, in one set-based UPDATE (`deadline_states_update`).
"""

import datetime

from django.db import transaction
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone

from ..models import (
    AdviceRequest,
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    DeadlineState,
    PlanStatus,
    StatutoryDeadline,
    StatutoryException,
)
from ..signals import deadlines_removing
from .clock_records import STORED_DUE_DATES
from .clock_records import _clock_results as _clock_results
from .clock_records import apply_due_dates as apply_due_dates
from .clock_records import assessment_facts as assessment_facts
from .clock_records import clock_settings as clock_settings
from .clock_records import compute_deadline_rows as compute_deadline_rows
from .clock_records import review_period_starts as review_period_starts
from .clock_records import rows_from_results as rows_from_results
from .clock_records import week20_flags_apply as week20_flags_apply


def _case_records(child: Child):
    """A case's records for the clock, in a handful of queries."""
    requests = [
        (request, list(request.advice.all()), list(request.exceptions.all()))
        for request in child.requests.prefetch_related(
            Prefetch("advice", queryset=AdviceRequest.objects.order_by("sent_on", "pk")),
            Prefetch("exceptions", queryset=StatutoryException.objects.select_related("advice")),
        )
    ]
    reviews = list(
        AnnualReview.objects.filter(plan__child=child, plan__status=PlanStatus.IN_FORCE)
        .select_related("plan")
        .order_by("pk")
    )
    appeals = [
        (appeal, list(appeal.orders.all())) for appeal in child.appeals.prefetch_related("orders")
    ]
    return requests, reviews, appeals


@transaction.atomic
def deadlines_refresh(
    *, child: Child, today: datetime.date | None = None
) -> list[StatutoryDeadline]:
    """Recomputes and stores every deadline of one case (called by each step's service)."""
    today = today or timezone.localdate()
    requests, reviews, appeals = _case_records(child)
    results = _clock_results(requests=requests, reviews=reviews, appeals=appeals, today=today)
    for record in apply_due_dates(results, requests):
        fields = (
            ["due_on"]
            if isinstance(record, AdviceRequest)
            else list(STORED_DUE_DATES[record._meta.model_name])
        )
        type(record).objects.filter(pk=record.pk).update(**{f: getattr(record, f) for f in fields})
    for request in week20_flags_apply(requests):
        AssessmentRequest.objects.filter(pk=request.pk).update(
            exception_applied=request.exception_applied, modified_at=request.modified_at
        )
    rows = rows_from_results(child=child, results=results)
    gone = StatutoryDeadline.objects.filter(child=child).exclude(key__in=[row.key for row in rows])
    _rows_store(gone=gone, rows=rows)
    return rows


# On a conflict of (child, key), every other field of the stored row is brought up to date.
ROW_FIELDS = [
    f.name for f in StatutoryDeadline._meta.concrete_fields if f.name not in ("id", "child", "key")
]


def _rows_store(*, gone, rows: list[StatutoryDeadline]) -> None:
    """Deletes the rows of steps that no longer apply (their alerts closed and kept, not deleted
    with them) and inserts or updates the rest in one statement."""
    deadlines_removing.send(sender=StatutoryDeadline, deadlines=gone)
    gone.delete()
    if rows:
        StatutoryDeadline.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["child", "key"], update_fields=ROW_FIELDS
        )


@transaction.atomic
def deadlines_refresh_many(*, child_ids: list[int], today: datetime.date | None = None) -> int:
    """`deadlines_refresh` for a batch of cases in a fixed number of queries (not a handful per
    case): for a change of rule or of the day-counting setting (`deadlines_recompute`). Returns
    the number of stored deadlines."""
    today = today or timezone.localdate()
    children = {child.pk: child for child in Child.objects.filter(pk__in=child_ids)}
    by_child: dict[int, tuple[list, list, list]] = {pk: ([], [], []) for pk in children}
    for request in AssessmentRequest.objects.filter(child_id__in=children).prefetch_related(
        Prefetch("advice", queryset=AdviceRequest.objects.order_by("sent_on", "pk")),
        Prefetch("exceptions", queryset=StatutoryException.objects.select_related("advice")),
    ):
        by_child[request.child_id][0].append(
            (request, list(request.advice.all()), list(request.exceptions.all()))
        )
    for review in (
        AnnualReview.objects.filter(plan__child_id__in=children, plan__status=PlanStatus.IN_FORCE)
        .select_related("plan")
        .order_by("pk")
    ):
        by_child[review.plan.child_id][1].append(review)
    for appeal in Appeal.objects.filter(child_id__in=children).prefetch_related("orders"):
        by_child[appeal.child_id][2].append((appeal, list(appeal.orders.all())))
    rows: list[StatutoryDeadline] = []
    changed: dict[tuple, list] = {}
    for pk, (requests, reviews, appeals) in by_child.items():
        results = _clock_results(requests=requests, reviews=reviews, appeals=appeals, today=today)
        for record in apply_due_dates(results, requests):
            fields = (
                ("due_on",)
                if isinstance(record, AdviceRequest)
                else tuple(STORED_DUE_DATES[record._meta.model_name])
            )
            changed.setdefault((type(record), fields), []).append(record)
        for request in week20_flags_apply(requests):
            changed.setdefault(
                (AssessmentRequest, ("exception_applied", "modified_at")), []
            ).append(request)
        rows += rows_from_results(child=children[pk], results=results)
    for (model, fields), records in changed.items():
        model.objects.bulk_update(records, list(fields), batch_size=1000)
    keep = {(row.child_id, row.key) for row in rows}
    gone = [
        pk
        for pk, child_id, key in StatutoryDeadline.objects.filter(
            child_id__in=children
        ).values_list("pk", "child_id", "key")
        if (child_id, key) not in keep
    ]
    _rows_store(gone=StatutoryDeadline.objects.filter(pk__in=gone), rows=rows)
    return len(rows)


def deadline_states_update(
    *,
    today: datetime.date | None = None,
    due_soon_days: int | None = None,
    since: datetime.date | None = None,
) -> int:
    """Moves every open deadline's state on to today's, in one set-based UPDATE: no Python loop
    over cases. An exception never moves the due date; past it, the state is 'excepted'.

    `since` is the day the states were last brought up to date: only steps falling due since
    then (or marked due soon) can have moved on, so only those are looked at, through the
    (is_open, due_on) index. Services set a step's state themselves whenever they change it.
    A state moving on with the date is not a change to the step: updated_at stays as it was."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=due_soon_days or clock_settings().due_soon_days)
    new_state = Case(
        When(Q(due_on__lt=today, exception_applied=True), then=Value(DeadlineState.EXCEPTED.value)),
        When(due_on__lt=today, then=Value(DeadlineState.OVERDUE.value)),
        When(due_on__lte=soon, then=Value(DeadlineState.DUE_SOON.value)),
        default=Value(DeadlineState.DUE.value),
    )
    stale = StatutoryDeadline.objects.filter(is_open=True)
    if since is not None:
        since = min(since, today) - datetime.timedelta(days=1)
        stale = stale.filter(
            Q(due_on__gte=since, due_on__lte=soon) | Q(state=DeadlineState.DUE_SOON.value)
        )
    return stale.exclude(state=new_state).update(state=new_state)
