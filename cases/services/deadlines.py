"""Every statutory deadline of a case, computed by the clock and stored, so that caseloads, alerts
and reports are queries over `StatutoryDeadline` rather than Python loops over cases.

Each service that records a step calls `deadlines_refresh(child=...)` in its transaction: the
case's facts are read in a handful of queries, the pure clock computes every deadline, and the
stored rows are brought in line (insert, update, delete) in bulk. The nightly sweep then only
moves states on as days pass, in one set-based UPDATE (`deadline_states_update`).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone

from accounts.council import council_settings

from .. import timescales
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
    TribunalOrder,
)
from ..signals import deadlines_removing


def clock_settings() -> timescales.ClockSettings:
    return timescales.ClockSettings(
        receipt_day_is_day_one=council_settings().receipt_day_is_day_one,
        phase_transfer_by=settings.SEND_PHASE_TRANSFER_BY,
    )


def _exception_facts(exception: StatutoryException) -> timescales.ExceptionFacts:
    return timescales.ExceptionFacts(
        reason=exception.reason,
        stage=exception.stage,
        starts_on=exception.starts_on,
        ends_on=exception.ends_on,
        advice_requested_on=exception.advice.sent_on
        if exception.advice_id and exception.advice
        else None,
        closure_starts_on=exception.closure_starts_on,
        closure_ends_on=exception.closure_ends_on,
    )


def assessment_facts(
    request: AssessmentRequest, *, advice_requests, exceptions
) -> timescales.AssessmentFacts:
    """Maps a request, its advice requests and its exceptions onto the clock's facts."""
    return timescales.AssessmentFacts(
        request_received_on=request.received_on,
        decided_to_assess=request.decided_to_assess,
        decision_on=request.decision_on,
        withdrawn_on=request.withdrawn_on,
        not_to_issue_on=request.not_to_issue_on,
        draft_served_on=request.draft_served_on,
        final_issued_on=request.final_issued_on,
        is_reassessment=request.is_reassessment,
        advice=tuple(
            timescales.AdviceFacts(
                id=advice.pk,
                adviser=advice.adviser,
                sent_on=advice.sent_on,
                received_by_adviser_on=advice.received_by_adviser_on,
                returned_on=advice.returned_on,
                exceptions=tuple(
                    _exception_facts(e) for e in exceptions if e.advice_id == advice.pk
                ),
            )
            for advice in advice_requests
        ),
        exceptions=tuple(_exception_facts(e) for e in exceptions if not e.advice_id),
    )


def review_period_starts(reviews) -> list[tuple[datetime.date, bool]]:
    """For each review (in the order given), the start of its CFA s44(1) period and whether that
    start is a review decision: the latest decision notified on an earlier review of the same
    plan, else the date the plan was first made. Reviews of a plan follow one another (only one is
    open at a time), so "earlier" is creation order. Works on records in memory (`review.plan`
    loaded)."""
    last_decision: dict[int, datetime.date] = {}
    starts: dict[int, tuple[datetime.date, bool]] = {}
    ordered = sorted(enumerate(reviews), key=lambda item: (item[1].pk is None, item[1].pk or 0))
    for index, review in ordered:
        previous = last_decision.get(review.plan_id)
        starts[index] = (previous, True) if previous else (review.plan.first_issued_on, False)
        if review.decision_notified_on and (
            previous is None or review.decision_notified_on > previous
        ):
            last_decision[review.plan_id] = review.decision_notified_on
    return [starts[index] for index in range(len(reviews))]


def review_facts(
    review: AnnualReview, *, period_starts_on: datetime.date, starts_with_review: bool
) -> timescales.ReviewFacts:
    return timescales.ReviewFacts(
        id=review.pk,
        period_starts_on=period_starts_on,
        period_starts_with_review=starts_with_review,
        meeting_on=review.meeting_on,
        notice_sent_on=review.notice_sent_on,
        report_sent_on=review.report_sent_on,
        decision=review.decision or None,
        decision_notified_on=review.decision_notified_on,
        proposed_amendments_sent_on=review.proposed_amendments_sent_on,
        amended_plan_issued_on=review.amended_plan_issued_on,
        phase_transfer_due_on=review.phase_transfer_due_on,
    )


def appeal_facts(appeal: Appeal) -> timescales.AppealFacts:
    return timescales.AppealFacts(
        id=appeal.pk,
        decision_notified_on=appeal.decision_notified_on,
        mediation_adviser_contacted_on=appeal.mediation_adviser_contacted_on,
        mediation_certificate_on=appeal.mediation_certificate_on,
        appeal_registered_on=appeal.appeal_registered_on,
        setting_only=appeal.decision_appealed == "setting_only",
        mediation_wanted=appeal.mediation_wanted,
        mediation_held_on=appeal.mediation_held_on,
        closed=bool(appeal.outcome),
    )


def order_facts(order: TribunalOrder) -> timescales.TribunalOrderFacts:
    return timescales.TribunalOrderFacts(
        id=order.pk, kind=order.kind, order_on=order.order_on, complied_on=order.complied_on
    )


def _clock_results(*, requests, reviews, appeals, today: datetime.date) -> list[tuple]:
    """(key, deadline, source) for each deadline; pure: works on objects already in memory.

    `requests` is [(request, advice list, exception list)], `appeals` is [(appeal, order list)].
    """
    clock = clock_settings()
    results = []
    for request, advice, exceptions in requests:
        facts = assessment_facts(request, advice_requests=advice, exceptions=exceptions)
        for deadline in timescales.assessment_deadlines(facts, today=today, settings=clock):
            results.append((f"request{request.pk}:{deadline.key}", deadline, request))
    for review, (start, with_review) in zip(reviews, review_period_starts(reviews), strict=True):
        facts = review_facts(review, period_starts_on=start, starts_with_review=with_review)
        for deadline in timescales.review_deadlines(facts, today=today, settings=clock):
            results.append((f"review{review.pk}:{deadline.key}", deadline, review))
    for appeal, orders in appeals:
        for deadline in timescales.appeal_deadlines(
            appeal_facts(appeal), today=today, settings=clock
        ):
            results.append((f"appeal{appeal.pk}:{deadline.key}", deadline, appeal))
        for order in orders:
            for deadline in timescales.tribunal_order_deadlines(
                order_facts(order), today=today, settings=clock
            ):
                results.append((f"order{order.pk}:{deadline.key}", deadline, order))
    return results


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


STORED_DUE_DATES = {
    # model: {field on the record: clock key (a callable for keys that depend on the record)}
    "assessmentrequest": {
        "decision_due_on": lambda r: (
            "reassessment_decision" if r.is_reassessment else "decision_to_assess"
        ),
        "not_to_issue_due_on": lambda r: "not_to_issue",
        "final_plan_due_on": lambda r: "reassessment_plan" if r.is_reassessment else "final_plan",
    },
    "annualreview": {
        "report_due_on": lambda r: "review_report",
        "decision_due_on": lambda r: "review_decision",
        "amended_plan_due_on": lambda r: "amended_plan",
    },
    "appeal": {
        "mediation_adviser_due_on": lambda r: "mediation_adviser",
        "appeal_due_on": lambda r: "tribunal_appeal",
    },
}


def apply_due_dates(results, requests=()) -> list:
    """Sets the due dates held on the step records themselves (in memory) from the clock's
    results; returns the records whose dates changed, to be saved by the caller. `requests` is
    [(request, advice list, ...)], for the advice requests' own due dates. Records are matched by
    identity, so records a step has not saved yet take their dates before their first save."""
    due_by_source: dict[int, tuple] = {}
    for key, deadline, source in results:
        due_by_source.setdefault(id(source), (source, {}))[1][key.split(":", 1)[1]] = (
            deadline.due_on
        )
    advice_by_request = {id(request): advice for request, advice, *_rest in requests}
    changed = []
    for source, due in due_by_source.values():
        fields = STORED_DUE_DATES.get(source._meta.model_name, {})
        dirty = False
        for field, clock_key in fields.items():
            value = due.get(clock_key(source))
            if getattr(source, field) != value:
                setattr(source, field, value)
                dirty = True
        if dirty:
            changed.append(source)
        for advice in advice_by_request.get(id(source), []):
            value = due.get(f"advice:{advice.pk}")
            if advice.due_on != value:
                advice.due_on = value
                changed.append(advice)
    return changed


def week20_flags_apply(requests) -> list[AssessmentRequest]:
    """Sets each request's stored `exception_applied` (what the dashboards' "excluding
    exceptions" and the SEN2 Week20 read) from the clock's `week20_flag`, in memory; returns the
    requests whose flag changed, stamped as modified, to be saved by the caller. `requests` is
    [(request, advice list, exception list)]."""
    changed = []
    for request, advice, exceptions in requests:
        facts = assessment_facts(request, advice_requests=advice, exceptions=exceptions)
        flag = bool(timescales.week20_flag(facts))
        if request.exception_applied != flag:
            request.exception_applied, request.modified_at = flag, timezone.now()
            changed.append(request)
    return changed


def _state(deadline) -> str:
    return str(getattr(deadline.state, "value", deadline.state))


def rows_from_results(*, child: Child, results) -> list[StatutoryDeadline]:
    return [
        StatutoryDeadline(
            child=child,
            key=key,
            stage=deadline.stage,
            rule=deadline.rule,
            title=deadline.title,
            explanation=deadline.explanation,
            trigger_on=deadline.trigger_on,
            due_on=deadline.due_on,
            done_on=deadline.done_on,
            state=_state(deadline),
            exception_applied=deadline.exception_applied,
            statutory=deadline.statutory,
            is_open=deadline.is_open,
        )
        for key, deadline, _source in results
    ]


def compute_deadline_rows(*, child, requests, reviews, appeals, today) -> list[StatutoryDeadline]:
    """For bulk builders: the stored rows for records already in memory (sets due dates on the
    records in memory too; the caller saves them)."""
    results = _clock_results(requests=requests, reviews=reviews, appeals=appeals, today=today)
    apply_due_dates(results, requests)
    return rows_from_results(child=child, results=results)


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


ROW_FIELDS = [
    "stage",
    "rule",
    "title",
    "explanation",
    "trigger_on",
    "due_on",
    "done_on",
    "state",
    "exception_applied",
    "statutory",
    "is_open",
    "updated_at",
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
