"""The other statutory measures (statutory-timescales.md sections 2, 5, 6 and 10): each one or
two aggregate queries over the scope, never a loop over cases."""

import datetime

from django.db.models import Count, F, Q, QuerySet

from cases.models import AnnualReview, AssessmentRequest, PlanStatus
from cases.models.codes import PhaseTransfer, ReviewKind

from ..scope import DaysBetween, ReportScope, limit_days
from .breaches import BREACH_REASONS, breach_aggregates, forecast_breaches, forecast_breaches_for
from .timeliness import percent


def _days_between(later: str, earlier: str) -> DaysBetween:
    return DaysBetween(later, earlier)


def requests_in_scope(scope: ReportScope) -> QuerySet[AssessmentRequest]:
    return AssessmentRequest.objects.filter(scope.child_q("child__"), is_reassessment=False)


def decision_conditions(period) -> dict[str, Q]:
    """Which requests count in each decision measure for `period` (on `to_decision` and
    `to_not_issue`, `request_annotations`): the aggregates count them, the drill-downs list them."""
    assess = Q(decision_on__gte=period.start, decision_on__lte=period.end)
    not_issue = Q(not_to_issue_on__gte=period.start, not_to_issue_on__lte=period.end)
    return {
        "decided": assess,
        "within": assess & Q(to_decision__lte=limit_days(6)),
        "assess": assess & Q(decided_to_assess=True),
        "not_assess": assess & Q(decided_to_assess=False),
        "not_issue_decided": not_issue,
        "not_issue_within": not_issue & Q(to_not_issue__lte=limit_days(16)),
    }


def request_annotations() -> dict:
    return {
        "to_decision": _days_between("decision_on", "received_on"),
        "to_not_issue": _days_between("not_to_issue_on", "received_on"),
    }


def request_decisions(*, scope: ReportScope) -> dict[str, dict]:
    """Decisions notified in the period, in one pass over the requests: whether to assess,
    and how many within 6 weeks of the request (reg 5(1)); not to issue a plan, and how many
    within 16 weeks (reg 10(1)); and, in the same pass, the open assessments at risk of
    missing 20 weeks (`breaches`)."""
    row = (
        requests_in_scope(scope)
        .annotate(**request_annotations())
        .aggregate(
            **{
                name: Count("pk", filter=cond)
                for name, cond in decision_conditions(scope.period).items()
            },
            **{f"breach_{key}": value for key, value in breach_aggregates(scope.today).items()},
        )
    )
    breaches = {key[7:]: row.pop(key) for key in list(row) if key.startswith("breach_")}
    not_to_issue = {"decided": row.pop("not_issue_decided"), "within": row.pop("not_issue_within")}
    for measure in (row, not_to_issue):
        measure["percent"] = percent(measure["within"], measure["decided"])
    return {"decisions": row, "not_to_issue": not_to_issue, "breaches": breaches}


def decisions_within_6_weeks(*, scope: ReportScope) -> dict:
    """Decisions whether to assess notified in the period, and how many within 6 weeks."""
    return request_decisions(scope=scope)["decisions"]


def not_to_issue_within_16_weeks(*, scope: ReportScope) -> dict:
    """Decisions not to issue a plan notified in the period, and how many within 16 weeks."""
    return request_decisions(scope=scope)["not_to_issue"]


def reviews_in_scope(scope: ReportScope) -> QuerySet[AnnualReview]:
    reviews = AnnualReview.objects.filter(scope.child_q("plan__child__"))
    return scope.plans(reviews, "plan__")


def review_conditions(scope: ReportScope) -> dict[str, Q]:
    """Which reviews count in each annual-review figure (on `elapsed`, meeting to decision)."""
    period, today = scope.period, scope.today
    in_force = Q(plan__status=PlanStatus.IN_FORCE)
    decided_in_period = Q(
        decision_notified_on__gte=period.start, decision_notified_on__lte=period.end
    )
    return {
        "due": Q(due_on__gte=period.start, due_on__lte=period.end),
        "decided": decided_in_period,
        "decided_on_time": decided_in_period & Q(decision_notified_on__lte=F("due_on")),
        "decided_within": decided_in_period & Q(elapsed__lte=28),
        "overdue": in_force & Q(completed=False, due_on__lt=today),
        "due_next_3_months": in_force
        & Q(
            completed=False,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(weeks=13),
        ),
    }


def annual_reviews(*, scope: ReportScope) -> dict:
    """Reviews due in the period; decisions notified in the period, how many by the date the
    review was due (review timeliness) and how many within 4 weeks of the meeting (reg 20(10));
    reviews on plans in force past their due date, not completed.

    A review's due date is stored by the services from the clock (`annual_review_due`): the last
    day of the 12 months starting with the plan made or the last review decision (CFA s44(1)),
    or an earlier phase-transfer deadline. A review completed on the anniversary is a day late."""
    row = (
        reviews_in_scope(scope)
        .annotate(elapsed=_days_between("decision_notified_on", "meeting_on"))
        .aggregate(
            **{name: Count("pk", filter=cond) for name, cond in review_conditions(scope).items()}
        )
    )
    row["percent"] = percent(row["decided_within"], row["decided"])
    row["on_time_percent"] = percent(row["decided_on_time"], row["decided"])
    return row


def phase_transfer_round(today: datetime.date) -> int:
    """The calendar year of the next (or current) round of phase-transfer deadlines."""
    return today.year if today <= datetime.date(today.year, 3, 31) else today.year + 1


def phase_transfer_reviews(scope: ReportScope, year: int) -> QuerySet[AnnualReview]:
    return reviews_in_scope(scope).filter(
        Q(kind=ReviewKind.PHASE_TRANSFER) | ~Q(phase_transfer=""),
        phase_transfer_due_on__year=year,
    )


def phase_transfer_conditions(today: datetime.date) -> dict[str, Q]:
    """Which phase-transfer reviews count in each column of the figure."""
    issued = Q(amended_plan_issued_on__isnull=False)
    open_ = Q(amended_plan_issued_on__isnull=True)
    return {
        "issued_on_time": issued & Q(amended_plan_issued_on__lte=F("phase_transfer_due_on")),
        "issued_late": issued & Q(amended_plan_issued_on__gt=F("phase_transfer_due_on")),
        "on_track": open_ & Q(phase_transfer_due_on__gte=today, meeting_on__isnull=False),
        "not_started": open_ & Q(phase_transfer_due_on__gte=today, meeting_on__isnull=True),
        "missed": open_ & Q(phase_transfer_due_on__lt=today),
    }


def phase_transfers(*, scope: ReportScope) -> list[dict]:
    """Phase-transfer reviews for this round (reg 18): by deadline (15 February; 31 March for
    secondary to post-16), how many have the amended plan issued on time, are on track (meeting
    held, deadline not passed), not started, or have missed the deadline."""
    year = phase_transfer_round(scope.today)
    conditions = phase_transfer_conditions(scope.today)
    rows = (
        phase_transfer_reviews(scope, year)
        .values("phase_transfer_due_on")
        .order_by()
        .annotate(
            reviews=Count("pk"),
            post16=Count("pk", filter=Q(phase_transfer=PhaseTransfer.SECONDARY_TO_POST16)),
            **{name: Count("pk", filter=cond) for name, cond in conditions.items()},
        )
        .order_by("phase_transfer_due_on")
    )
    return [
        {
            **row,
            "deadline": "31 March (secondary to post-16)"
            if row["post16"] == row["reviews"]
            else "15 February",
            "due_on": row["phase_transfer_due_on"],
        }
        for row in rows
    ]


__all__ = ["BREACH_REASONS", "forecast_breaches", "forecast_breaches_for"]
