"""The case's records as the statutory clock reads them, and the clock's answers written back:
facts from records, deadlines for a case's records in memory, the due dates held on the records
themselves, the stored Week20 flag, and the rows of `StatutoryDeadline`. No query: everything
works on records already loaded."""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone

from accounts.council import council_settings

from .. import timescales
from ..models import (
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    StatutoryDeadline,
    StatutoryException,
    TribunalOrder,
)


def clock_settings() -> timescales.ClockSettings:
    return timescales.ClockSettings(
        receipt_day_is_day_one=council_settings().receipt_day_is_day_one,
        phase_transfer_by=settings.SEND_PHASE_TRANSFER_BY,
    )


def _facts(kind, record, **given):
    """The clock's facts of `kind` (a dataclass) about a record: each field read from the record's
    field of the same name, unless `given`."""
    return kind(
        **{
            f.name: getattr(record, f.name) for f in dataclasses.fields(kind) if f.name not in given
        },
        **given,
    )


def _exception_facts(exception: StatutoryException) -> timescales.ExceptionFacts:
    return _facts(
        timescales.ExceptionFacts,
        exception,
        advice_requested_on=exception.advice.sent_on
        if exception.advice_id and exception.advice
        else None,
    )


def assessment_facts(
    request: AssessmentRequest, *, advice_requests, exceptions
) -> timescales.AssessmentFacts:
    """Maps a request, its advice requests and its exceptions onto the clock's facts."""
    return _facts(
        timescales.AssessmentFacts,
        request,
        request_received_on=request.received_on,
        advice=tuple(
            _facts(
                timescales.AdviceFacts,
                advice,
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
    return _facts(
        timescales.ReviewFacts,
        review,
        period_starts_on=period_starts_on,
        period_starts_with_review=starts_with_review,
        decision=review.decision or None,
    )


def appeal_facts(appeal: Appeal) -> timescales.AppealFacts:
    return _facts(
        timescales.AppealFacts,
        appeal,
        setting_only=appeal.decision_appealed == "setting_only",
        closed=bool(appeal.outcome),
    )


def order_facts(order: TribunalOrder) -> timescales.TribunalOrderFacts:
    return _facts(timescales.TribunalOrderFacts, order)


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
