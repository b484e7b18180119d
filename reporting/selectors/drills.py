"""The records behind each number of the dashboards' figures: for each drill-down, the figure's
own condition (`band_conditions`, `decision_conditions`, ...) on the figure's own records in the
same scope, so the list and the number agree; and the kind of records it lists."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet
from django.http import Http404

from cases.models import OPEN_REQUEST_STATUSES, Appeal, Child
from cases.models.codes import AppealableDecision, AppealOutcome, NeedType

from ..scope import SETTING_GROUP_LABELS, DaysBetween, ReportScope
from .cohort import AGE_BANDS, age_band_expression, plans_in_force
from .measures import (
    decision_conditions,
    phase_transfer_conditions,
    phase_transfer_reviews,
    phase_transfer_round,
    request_annotations,
    requests_in_scope,
    review_conditions,
    reviews_in_scope,
)
from .timeliness import band_conditions, elapsed, issued_between, new_plans


def _pick(conditions: dict[str, Q], value: str) -> Q:
    if value not in conditions:
        raise Http404
    return conditions[value]


def date_param(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise Http404 from None


BANDS = {
    "issued": "New plans issued",
    "within": "New plans issued within 20 weeks",
    "issued_excluding": "New plans issued, excluding those with exceptions",
    "within_excluding": "New plans issued within 20 weeks, excluding those with exceptions",
    "weeks_20_to_52": "New plans issued in 20 to 52 weeks",
    "over_52": "New plans issued in more than 52 weeks",
}


def _plans_issued(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    records = new_plans(scope).annotate(elapsed=elapsed())
    records = records.filter(
        issued_between(scope.period.start, scope.period.end), _pick(band_conditions(), value)
    )
    return records, BANDS[value]


DECISIONS = {
    "decided": "Decisions whether to assess",
    "within": "Decisions whether to assess made within 6 weeks",
    "assess": "Decisions to assess",
    "not_assess": "Decisions not to assess",
    "not_issue_decided": "Decisions not to issue a plan",
    "not_issue_within": "Decisions not to issue a plan made within 16 weeks",
}


def _decisions(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    records = requests_in_scope(scope).annotate(**request_annotations())
    return records.filter(_pick(decision_conditions(scope.period), value)), DECISIONS[value]


REVIEWS = {
    "due": "Annual reviews due",
    "decided": "Annual review decisions notified",
    "decided_within": "Annual review decisions notified within 4 weeks of the meeting",
    "decided_on_time": "Annual reviews completed within the 12-month period",
    "overdue": "Annual reviews overdue now",
    "due_next_3_months": "Annual reviews due in the next 13 weeks",
}


def _reviews(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    records = reviews_in_scope(scope).annotate(
        elapsed=DaysBetween("decision_notified_on", "meeting_on")
    )
    return records.filter(_pick(review_conditions(scope), value)), REVIEWS[value]


TRANSFERS = {
    "reviews": "Phase-transfer reviews",
    "issued_on_time": "Phase transfers: amended plan issued on time",
    "issued_late": "Phase transfers: amended plan issued late",
    "on_track": "Phase transfers on track",
    "not_started": "Phase transfers: meeting not yet held",
    "missed": "Phase transfers: deadline missed",
}


def _transfers(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    due = date_param(params.get("on"))
    conditions = {"reviews": Q(), **phase_transfer_conditions(scope.today)}
    records = phase_transfer_reviews(scope, phase_transfer_round(scope.today)).filter(
        _pick(conditions, value), phase_transfer_due_on=due
    )
    return records, f"{TRANSFERS[value]}, due by {due:%-d %B %Y}"


def _need(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    labels = dict(NeedType.choices)
    plans = plans_in_force(scope)
    if value == "none":
        return plans.exclude(child__sen_needs__rank=1), "Plans in force, no primary need recorded"
    if value not in labels:
        raise Http404
    plans = plans.filter(child__sen_needs__rank=1, child__sen_needs__need_type=value)
    return plans, f"Plans in force, primary need {labels[value]}"


def _age(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    labels = {key: label for key, label, _low, _high in AGE_BANDS}
    if value not in labels:
        raise Http404
    plans = plans_in_force(scope).alias(age_band=age_band_expression(scope.today))
    return plans.filter(age_band=value), f"Plans in force, aged {labels[value].lower()}"


def _setting(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    if value not in SETTING_GROUP_LABELS:
        raise Http404
    plans = plans_in_force(replace(scope, setting_group=value))
    return plans, f"Plans in force, setting type {SETTING_GROUP_LABELS[value].lower()}"


BUDGETS = {
    "all": (Q(), "Plans in force"),
    "budget": (Q(personal_budget_taken_up=True), "Plans with a personal budget taken up"),
    "organised": (Q(organised_arrangements=True), "Plans with organised arrangements"),
    "direct": (Q(direct_payments=True), "Plans with direct payments"),
}


def _budgets(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    condition = _pick({key: q for key, (q, _t) in BUDGETS.items()}, value)
    return plans_in_force(scope).filter(condition), BUDGETS[value][1]


MONTHS = {
    "received": (Q(), "Requests received"),
    "assessed": (Q(decided_to_assess=True), "Requests decided to assess"),
    "not_assessed": (Q(decided_to_assess=False), "Requests decided not to assess"),
}


def _requests_month(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
    condition = _pick({key: q for key, (q, _t) in MONTHS.items()}, value)
    month = date_param(params.get("on")).replace(day=1)
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    period = scope.period
    records = requests_in_scope(scope).filter(
        condition,
        received_on__gte=max(month, period.start),
        received_on__lte=min(end, period.end),
    )
    return records, f"{MONTHS[value][1]} in {month:%B %Y}"


def _lead(params, child: str) -> Q:
    """The children whose lead caseworker is the one asked for (`lead`: an id, or "none")."""
    lead = params.get("lead") or ""
    if lead == "none":
        return Q(**{f"{child}lead_caseworker__isnull": True})
    if not lead.isdigit():
        raise Http404
    return Q(**{f"{child}lead_caseworker_id": int(lead)})


def _caseload(value: str):
    def records(scope: ReportScope, _value: str, params) -> tuple[QuerySet, str]:
        if value == "children":
            records, what = Child.objects.filter(scope.child_q(""), _lead(params, "")), "Children"
        elif value == "plans":
            records, what = plans_in_force(scope).filter(_lead(params, "child__")), "Plans in force"
        else:
            records = requests_in_scope(scope).filter(
                _lead(params, "child__"), status__in=OPEN_REQUEST_STATUSES
            )
            what = "Open requests"
        who = "no lead caseworker" if params.get("lead") == "none" else "one lead caseworker"
        return records, f"{what}, {who}"

    return records


def _appeals(field: str, labels: dict, undecided: str = ""):
    def records(scope: ReportScope, value: str, params) -> tuple[QuerySet, str]:
        code = "" if value == undecided and undecided else value
        if code not in labels:
            raise Http404
        period = scope.period
        appeals = Appeal.objects.filter(
            scope.child_q("child__"),
            appeal_registered_on__gte=period.start,
            appeal_registered_on__lte=period.end,
            **{field: code},
        )
        return appeals, f"Tribunal appeals registered: {labels[code]}"

    return records


@dataclass(frozen=True)
class Drill:
    kind: str  # of `drilldown.KINDS`
    records: Callable[[ReportScope, str, dict], tuple[QuerySet, str]]
    dashboard: str = "cohort"  # the page whose figure it is


DRILLS = {
    "plans-issued": Drill("requests", _plans_issued, "timeliness"),
    "decisions": Drill("requests", _decisions, "measures"),
    "reviews": Drill("reviews", _reviews, "measures"),
    "transfers": Drill("transfers", _transfers, "measures"),
    "need": Drill("plans", _need),
    "age": Drill("plans", _age),
    "setting": Drill("plans", _setting),
    "budgets": Drill("plans", _budgets),
    "requests": Drill("requests", _requests_month),
    "caseload-children": Drill("children", _caseload("children")),
    "caseload-plans": Drill("plans", _caseload("plans")),
    "caseload-requests": Drill("requests", _caseload("open_requests")),
    "appeal-outcome": Drill(
        "appeals",
        _appeals("outcome", {**dict(AppealOutcome.choices), "": "not yet decided"}, "undecided"),
    ),
    "appeal-decision": Drill(
        "appeals", _appeals("decision_appealed", dict(AppealableDecision.choices))
    ),
}
