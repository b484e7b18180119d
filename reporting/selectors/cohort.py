"""The cohort: plans in force by primary need, age band, setting type and personal budget; requests
per month; caseload per caseworker; tribunal appeals and their outcomes. Grouped and conditional
aggregates, a query or two each."""

import datetime
from collections import defaultdict

from django.db.models import Case, CharField, Count, FilteredRelation, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth

from cases.models import OPEN_REQUEST_STATUSES, Appeal, Child, EHCPlan, PlanStatus
from cases.models.codes import AppealableDecision, AppealOutcome, NeedType

from ..scope import SETTING_GROUPS, ReportScope, months_before, setting_group_expression
from .measures import requests_in_scope

AGE_BANDS = (
    ("under_5", "Under 5", 0, 5),
    ("5_10", "5 to 10", 5, 11),
    ("11_15", "11 to 15", 11, 16),
)
AGE_BANDS += (("16_19", "16 to 19", 16, 20), ("20_25", "20 to 25", 20, 26))


def plans_in_force(scope: ReportScope) -> QuerySet[EHCPlan]:
    plans = EHCPlan.objects.filter(scope.child_q("child__"), status=PlanStatus.IN_FORCE)
    return scope.plans(plans)


def _born_after(today: datetime.date, years: int) -> datetime.date:
    """Children born after this date are younger than `years` today."""
    return months_before(today, 12 * years)


def age_band_expression(today: datetime.date) -> Case:
    return Case(
        *(
            When(
                child__date_of_birth__gt=_born_after(today, high),
                child__date_of_birth__lte=_born_after(today, low),
                then=Value(key),
            )
            for key, _label, low, high in AGE_BANDS
        ),
        default=Value("other"),
        output_field=CharField(),
    )


def plans_profile(*, scope: ReportScope) -> dict:
    """Plans in force: total, by age band, by setting type and with a personal budget, in one
    query grouped by age band and setting type (each worked out once per plan)."""
    rows = (
        plans_in_force(scope)
        .annotate(
            age_band=age_band_expression(scope.today),
            setting_group=setting_group_expression(),
        )
        .values("age_band", "setting_group")
        .order_by()
        .annotate(
            plans=Count("pk"),
            budget=Count("pk", filter=Q(personal_budget_taken_up=True)),
            organised=Count("pk", filter=Q(organised_arrangements=True)),
            direct=Count("pk", filter=Q(direct_payments=True)),
        )
    )
    ages: dict[str, int] = defaultdict(int)
    settings: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        ages[row["age_band"]] += row["plans"]
        settings[row["setting_group"]] += row["plans"]
        for key in ("plans", "budget", "organised", "direct"):
            totals[key] += row[key]
    return {
        "total": totals["plans"],
        "age_bands": [(label, ages[key]) for key, label, _l, _h in AGE_BANDS],
        "setting_groups": [(label, settings[key]) for key, label in SETTING_GROUPS],
        "budgets": [
            ("Personal budget taken up", totals["budget"]),
            ("Organised arrangements", totals["organised"]),
            ("Direct payments", totals["direct"]),
        ],
    }


def plans_by_primary_need(*, scope: ReportScope) -> list[tuple[str, int]]:
    """Plans in force by the child's primary need (a plan without one is shown as such)."""
    rows = (
        plans_in_force(scope)
        .annotate(
            first_need=FilteredRelation("child__sen_needs", condition=Q(child__sen_needs__rank=1))
        )
        .values("first_need__need_type")
        .order_by()
        .annotate(plans=Count("pk"))  # one primary need per child (unique rank): no duplicates
    )
    labels = dict(NeedType.choices)
    result = [
        (labels.get(row["first_need__need_type"], "No primary need recorded"), row["plans"])
        for row in rows
    ]
    return sorted(result, key=lambda item: (-item[1], item[0]))


def requests_per_month(*, scope: ReportScope) -> list[dict]:
    """Requests received each month of the period and, of those, how many the council decided to
    assess (every month shown, including months with none)."""
    period = scope.period
    rows = (
        requests_in_scope(scope)
        .filter(received_on__gte=period.start, received_on__lte=period.end)
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .order_by("month")
        .annotate(
            received=Count("pk"),
            assessed=Count("pk", filter=Q(decided_to_assess=True)),
            not_assessed=Count("pk", filter=Q(decided_to_assess=False)),
        )
    )
    by_month = {_first_of_month(row["month"]): row for row in rows}
    months = []
    month = period.start.replace(day=1)
    while month <= period.end:
        row = by_month.get(month, {})
        months.append(
            {
                "month": month,
                "received": row.get("received", 0),
                "assessed": row.get("assessed", 0),
                "not_assessed": row.get("not_assessed", 0),
            }
        )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _first_of_month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def caseload_per_caseworker(*, scope: ReportScope) -> list[dict]:
    """Children, plans in force and open requests per lead caseworker (staff names only): three
    grouped counts, cheaper than one query joining children to plans and requests."""
    children = (
        Child.objects.filter(scope.child_q(""))
        .values("lead_caseworker", "lead_caseworker__first_name", "lead_caseworker__last_name")
        .order_by()
        .annotate(n=Count("pk"))
    )
    plans = (
        plans_in_force(scope).values("child__lead_caseworker").order_by().annotate(n=Count("pk"))
    )
    open_requests = (
        requests_in_scope(scope)
        .filter(status__in=OPEN_REQUEST_STATUSES)
        .values("child__lead_caseworker")
        .order_by()
        .annotate(n=Count("pk"))
    )
    plans_by = {row["child__lead_caseworker"]: row["n"] for row in plans}
    open_by = {row["child__lead_caseworker"]: row["n"] for row in open_requests}
    result = [
        {
            "caseworker_id": row["lead_caseworker"],
            "caseworker": (
                f"{row['lead_caseworker__first_name']} {row['lead_caseworker__last_name']}".strip()
                if row["lead_caseworker"]
                else "Not allocated"
            ),
            "children": row["n"],
            "plans": plans_by.get(row["lead_caseworker"], 0),
            "open_requests": open_by.get(row["lead_caseworker"], 0),
        }
        for row in children
    ]
    return sorted(result, key=lambda r: (-r["children"], r["caseworker"]))


def appeals_and_outcomes(*, scope: ReportScope) -> dict:
    """Tribunal appeals registered in the period: by outcome and by the decision appealed."""
    period = scope.period
    rows = (
        Appeal.objects.filter(
            scope.child_q("child__"),
            appeal_registered_on__gte=period.start,
            appeal_registered_on__lte=period.end,
        )
        .values("decision_appealed", "outcome")
        .order_by()
        .annotate(appeals=Count("pk"))
    )
    outcomes = dict.fromkeys([*AppealOutcome.values, ""], 0)
    decisions = dict.fromkeys(AppealableDecision.values, 0)
    for row in rows:
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["appeals"]
        decisions[row["decision_appealed"]] = (
            decisions.get(row["decision_appealed"], 0) + row["appeals"]
        )
    outcome_labels = {**dict(AppealOutcome.choices), "": "Not yet decided"}
    decision_labels = dict(AppealableDecision.choices)
    return {
        "total": sum(outcomes.values()),
        "by_outcome": [(outcome_labels.get(k, k), v) for k, v in outcomes.items()],
        "by_decision": [(decision_labels.get(k, k), v) for k, v in decisions.items()],
        # The codes behind each row, in the same order (for the drill-downs).
        "outcome_codes": list(outcomes),
        "decision_codes": list(decisions),
    }
