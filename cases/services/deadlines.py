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

OPEN_STATES = (DeadlineState.DUE, DeadlineState.DUE_SOON, DeadlineState.OVERDUE)


def clock_settings() -> timescales.ClockSettings:
    return timescales.ClockSettings(
        receipt_day_is_day_one=settings.SEND_RECEIPT_DAY_IS_DAY_ONE,
        phase_transfer_by=settings.SEND_PHASE_TRANSFER_BY,
    )


def _exception_facts(exception: StatutoryException) -> timescales.ExceptionFacts:
    return timescales.ExceptionFacts(
        reason=exception.reason,
        stage=exception.stage,
        starts_on=exception.starts_on,
        ends_on=exception.ends_on,
        advice_requested_on=exception.advice.sent_on if exception.advice_id else None,
        closure_starts_on=exception.closure_starts_on,
        closure_ends_on=exception.closure_ends_on,
    )


def assessment_facts(request: AssessmentRequest) -> timescales.AssessmentFacts:
    """Maps a request (with `advice` and `exceptions` prefetched) onto the clock's facts."""
    exceptions = list(request.exceptions.all())
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
                exceptions=tuple(_exception_facts(e) for e in exceptions if e.advice_id == advice.pk),
            )
            for advice in request.advice.all()
        ),
        exceptions=tuple(_exception_facts(e) for e in exceptions if not e.advice_id),
    )


def review_facts(review: AnnualReview) -> timescales.ReviewFacts:
    return timescales.ReviewFacts(
        id=review.pk,
        due_on=review.due_on,
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
        closed=bool(appeal.outcome),
    )


def order_facts(order: TribunalOrder) -> timescales.TribunalOrderFacts:
    return timescales.TribunalOrderFacts(
        id=order.pk, kind=order.kind, order_on=order.order_on, complied_on=order.complied_on
    )


def case_deadlines(*, child: Child, today: datetime.date | None = None) -> list[tuple]:
    """(deadline, source object) for every statutory deadline of the case, from the clock."""
    today = today or timezone.localdate()
    clock = clock_settings()
    results = []
    requests = child.requests.prefetch_related(
        Prefetch("advice", queryset=AdviceRequest.objects.order_by("sent_on", "pk")),
        Prefetch("exceptions", queryset=StatutoryException.objects.select_related("advice")),
    )
    for request in requests:
        for deadline in timescales.assessment_deadlines(assessment_facts(request), today=today, settings=clock):
            results.append((f"request{request.pk}:{deadline.key}", deadline, request))
    reviews = AnnualReview.objects.filter(plan__child=child, plan__status=PlanStatus.IN_FORCE)
    for review in reviews:
        for deadline in timescales.review_deadlines(review_facts(review), today=today, settings=clock):
            results.append((f"review{review.pk}:{deadline.key}", deadline, review))
    for appeal in child.appeals.prefetch_related("orders"):
        for deadline in timescales.appeal_deadlines(appeal_facts(appeal), today=today, settings=clock):
            results.append((f"appeal{appeal.pk}:{deadline.key}", deadline, appeal))
        for order in appeal.orders.all():
            for deadline in timescales.tribunal_order_deadlines(order_facts(order), today=today, settings=clock):
                results.append((f"order{order.pk}:{deadline.key}", deadline, order))
    return results


def _store_due_dates(results) -> None:
    """Keeps the due dates held on the step records themselves in line with the clock."""
    by_source: dict = {}
    for key, deadline, source in results:
        by_source.setdefault(source, {})[key.split(":", 1)[1]] = deadline.due_on
    for source, due in by_source.items():
        updates = {}
        if isinstance(source, AssessmentRequest):
            decision_key = "reassessment_decision" if source.is_reassessment else "decision_to_assess"
            plan_key = "reassessment_plan" if source.is_reassessment else "final_plan"
            updates = {
                "decision_due_on": due.get(decision_key),
                "not_to_issue_due_on": due.get("not_to_issue"),
                "final_plan_due_on": due.get(plan_key),
            }
            for advice in source.advice.all():
                advice_due = due.get(f"advice:{advice.pk}")
                if advice_due != advice.due_on:
                    AdviceRequest.objects.filter(pk=advice.pk).update(due_on=advice_due)
        elif isinstance(source, AnnualReview):
            updates = {
                "report_due_on": due.get("review_report"),
                "decision_due_on": due.get("review_decision"),
                "amended_plan_due_on": due.get("amended_plan"),
            }
        elif isinstance(source, Appeal):
            updates = {"mediation_adviser_due_on": due.get("mediation_adviser"), "appeal_due_on": due.get("tribunal_appeal")}
        changed = {k: v for k, v in updates.items() if getattr(source, k) != v}
        if changed:
            type(source).objects.filter(pk=source.pk).update(**changed)
            for k, v in changed.items():
                setattr(source, k, v)


OPEN_CLOCK_STATES = {"due", "due_soon", "overdue"}


@transaction.atomic
def deadlines_refresh(*, child: Child, today: datetime.date | None = None) -> list[StatutoryDeadline]:
    """Recomputes and stores every deadline of one case (called by each step's service)."""
    results = case_deadlines(child=child, today=today)
    _store_due_dates(results)
    rows = [
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
            state=str(deadline.state.value if hasattr(deadline.state, "value") else deadline.state),
            exception_applied=deadline.exception_applied,
            statutory=deadline.statutory,
            is_open=deadline.done_on is None
            and str(getattr(deadline.state, "value", deadline.state)) in OPEN_CLOCK_STATES | {"excepted"},
        )
        for key, deadline, _source in results
    ]
    StatutoryDeadline.objects.filter(child=child).exclude(key__in=[row.key for row in rows]).delete()
    if rows:
        StatutoryDeadline.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["child", "key"],
            update_fields=[
                "stage", "rule", "title", "explanation", "trigger_on", "due_on", "done_on",
                "state", "exception_applied", "statutory", "is_open", "updated_at",
            ],
        )
    return rows


def deadline_states_update(*, today: datetime.date | None = None, due_soon_days: int | None = None) -> int:
    """Moves every open deadline's state on to today's, in one set-based UPDATE: no Python loop
    over cases. An exception never moves the due date; past it, the state is 'excepted'."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=due_soon_days or clock_settings().due_soon_days)
    new_state = Case(
        When(Q(due_on__lt=today, exception_applied=True), then=Value(DeadlineState.EXCEPTED.value)),
        When(due_on__lt=today, then=Value(DeadlineState.OVERDUE.value)),
        When(due_on__lte=soon, then=Value(DeadlineState.DUE_SOON.value)),
        default=Value(DeadlineState.DUE.value),
    )
    stale = StatutoryDeadline.objects.filter(is_open=True).exclude(state=new_state)
    return stale.update(state=new_state, updated_at=timezone.now())
