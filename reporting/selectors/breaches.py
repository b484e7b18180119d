"""Open assessments at risk of missing 20 weeks (statutory-timescales.md section 10): counted
over the scope (in the same pass over the requests as the decision measures, `measures`), and
listed, with their case references, for the children the person asking may see."""

import datetime

from django.db.models import Count, F, Q, QuerySet

from cases.models import OPEN_REQUEST_STATUSES, AssessmentRequest
from cases.models.assessments import RequestStatus
from cases.selectors import children_visible_to

from ..scope import ReportScope, limit_days


def _days(weeks: int) -> datetime.timedelta:
    return datetime.timedelta(days=limit_days(weeks))


BREACH_REASONS = {
    "overdue": "20 weeks have passed without a final plan",
    "decision_late": "Decision whether to assess not yet made and past 6 weeks",
    "no_draft": "No draft plan by week 16",
    "draft_late": "Draft's comment period ends after week 20",
}
OPEN = Q(status__in=OPEN_REQUEST_STATUSES, final_issued_on__isnull=True)


def _conditions(today: datetime.date) -> dict[str, Q]:
    """Past the limit; decision whether to assess still not made after 6 weeks; no draft by
    week 16 (too late for 15 days' comments and consultation); or a draft whose comment period
    runs past week 20. received_on thresholds: the clock's day-count rule, worked out once."""
    return {
        "overdue": Q(received_on__lt=today - _days(20)),
        "decision_late": Q(
            status=RequestStatus.AWAITING_DECISION, received_on__lt=today - _days(6)
        ),
        "no_draft": Q(status=RequestStatus.ASSESSING, received_on__lt=today - _days(16)),
        "draft_late": Q(
            status=RequestStatus.DRAFT_ISSUED,
            draft_served_on__gt=F("received_on") + datetime.timedelta(days=limit_days(20) - 14),
        ),
    }


def _at_risk(conditions: dict[str, Q]) -> Q:
    at_risk = Q()
    for condition in conditions.values():
        at_risk |= condition
    return OPEN & at_risk


def breach_aggregates(today: datetime.date) -> dict:
    """The counts, as aggregates over the requests in scope: the total and one per reason."""
    conditions = _conditions(today)
    return {
        "total": Count("pk", filter=_at_risk(conditions)),
        **{key: Count("pk", filter=OPEN & cond) for key, cond in conditions.items()},
    }


def _in_scope(scope: ReportScope) -> QuerySet[AssessmentRequest]:
    return AssessmentRequest.objects.filter(scope.child_q("child__"), is_reassessment=False)


def forecast_breaches(
    *, scope: ReportScope, visible=None, limit: int = 200, counts: dict | None = None
) -> dict:
    """Open assessments that will miss (or have missed) 20 weeks, counted over the scope (or
    `counts` already counted); listed only for children `visible` to the person asking."""
    today = scope.today
    conditions = _conditions(today)
    if counts is None:
        counts = _in_scope(scope).aggregate(**breach_aggregates(today))
    counts = dict(counts)
    listed = _in_scope(scope).filter(_at_risk(conditions))
    if visible is not None:
        listed = listed.filter(child__in=visible)
    statuses = dict(RequestStatus.choices)
    rows = []
    for request in listed.order_by("received_on", "pk").values(
        "child__reference", "received_on", "status", "draft_served_on"
    )[:limit]:
        reason = next(key for key in conditions if _matches(key, request, today))
        rows.append(
            {
                "reference": request["child__reference"],
                "received_on": request["received_on"],
                "due_on": request["received_on"] + _days(20),
                "status": statuses.get(request["status"], request["status"]),
                "reason": BREACH_REASONS[reason],
            }
        )
    counts["listed"] = rows
    counts["not_listed"] = counts["total"] - len(rows)
    return counts


def forecast_breaches_for(
    *, scope: ReportScope, user, limit: int = 200, counts: dict | None = None
) -> dict:
    """`forecast_breaches`, listing only the cases `user` may see."""
    return forecast_breaches(
        scope=scope, visible=children_visible_to(user=user), limit=limit, counts=counts
    )


def _matches(key: str, request: dict, today: datetime.date) -> bool:
    """The same conditions as `_conditions`, for the reason shown beside each case."""
    received, status = request["received_on"], request["status"]
    if key == "overdue":
        return received < today - _days(20)
    if key == "decision_late":
        return status == RequestStatus.AWAITING_DECISION and received < today - _days(6)
    if key == "no_draft":
        return status == RequestStatus.ASSESSING and received < today - _days(16)
    return status == RequestStatus.DRAFT_ISSUED and bool(request["draft_served_on"])
