"""New EHC plans issued within 20 weeks (statutory-timescales.md section 10): one aggregate query
per period, and the monthly trend from the daily snapshots.

"New plans" are first plans from a request for an assessment (not re-assessments): their final
issue date falls in the period. "Excluding exceptions" removes every plan whose assessment
carries an exception at any stage from both the numerator and the denominator."""

import datetime

from django.db.models import (
    Avg,
    Count,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth

from cases.models import AssessmentRequest

from ..models import TimelinessSnapshot
from ..scope import DaysBetween, ReportScope, limit_days


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def new_plans(scope: ReportScope) -> QuerySet[AssessmentRequest]:
    requests = AssessmentRequest.objects.filter(
        scope.child_q("child__"), is_reassessment=False, final_issued_on__isnull=False
    )
    return scope.plans(requests, "plan__")


def elapsed() -> DaysBetween:
    return DaysBetween("final_issued_on", "received_on")


def band_conditions() -> dict[str, Q]:
    """Which plans issued count in each of the 20-week figures (on `elapsed`, the days from
    request to final plan): the aggregates count them, the drill-downs list them."""
    within, year = limit_days(20), limit_days(52)
    return {
        "issued": Q(),
        "within": Q(elapsed__lte=within),
        "issued_excluding": Q(exception_applied=False),
        "within_excluding": Q(exception_applied=False, elapsed__lte=within),
        "weeks_20_to_52": Q(elapsed__gt=within, elapsed__lte=year),
        "over_52": Q(elapsed__gt=year),
    }


def issued_between(start: datetime.date, end: datetime.date) -> Q:
    return Q(final_issued_on__gte=start, final_issued_on__lte=end)


def _counts(period: Q) -> dict:
    """The 20-week counts and the spread for plans issued in `period`, as aggregates."""
    return {
        **{name: Count("pk", filter=period & cond) for name, cond in band_conditions().items()},
        "average": Avg("elapsed", filter=period),
    }


def _finish(row: dict) -> dict:
    average = row.pop("average")
    row["average_weeks"] = round(average / 7, 1) if average is not None else None
    row["percent"] = percent(row["within"], row["issued"])
    row["percent_excluding"] = percent(row["within_excluding"], row["issued_excluding"])
    return row


def timeliness_by_period(
    *, scope: ReportScope, periods: list[tuple[datetime.date, datetime.date]]
) -> list[dict[str, int | float | None]]:
    """For each (start, end), inclusive: plans issued, within 20 weeks (with and without
    exceptions), 20 to 52 weeks, over 52 weeks and the average weeks to issue. One pass over
    the plans issued in any of the periods, whatever their number."""
    aggregates = {}
    for n, (start, end) in enumerate(periods):
        period = issued_between(start, end)
        aggregates.update({f"p{n}_{name}": value for name, value in _counts(period).items()})
    row = (
        new_plans(scope)
        .filter(
            final_issued_on__gte=min(start for start, _end in periods),
            final_issued_on__lte=max(end for _start, end in periods),
        )
        .annotate(elapsed=elapsed())
        .aggregate(**aggregates)
    )
    return [
        _finish({name: row[f"p{n}_{name}"] for name in _counts(Q())}) for n in range(len(periods))
    ]


def timeliness_for(
    *, scope: ReportScope, start: datetime.date, end: datetime.date
) -> dict[str, int | float | None]:
    """Plans issued from `start` to `end` inclusive (see `timeliness_by_period`)."""
    return timeliness_by_period(scope=scope, periods=[(start, end)])[0]


def timeliness_by_team(
    *, start: datetime.date, end: datetime.date, year_start: datetime.date
) -> list[dict]:
    """For the daily snapshot: every team's counts (and the whole service's, team None) for the
    rolling period and the calendar year to date, in two aggregate queries."""
    within = limit_days(20)
    scope = ReportScope(today=end, period=None)
    issued = Q(final_issued_on__gte=start, final_issued_on__lte=end)
    year = Q(final_issued_on__gte=year_start, final_issued_on__lte=end)
    counts = {
        "plans_issued": Count("pk", filter=issued),
        "within_20_weeks": Count("pk", filter=issued & Q(elapsed__lte=within)),
        "plans_issued_excluding_exceptions": Count(
            "pk", filter=issued & Q(exception_applied=False)
        ),
        "within_20_weeks_excluding_exceptions": Count(
            "pk", filter=issued & Q(exception_applied=False, elapsed__lte=within)
        ),
        "year_plans_issued": Count("pk", filter=year),
        "year_within_20_weeks": Count("pk", filter=year & Q(elapsed__lte=within)),
    }
    base = new_plans(scope).filter(
        final_issued_on__gte=min(start, year_start), final_issued_on__lte=end
    )
    base = base.annotate(elapsed=elapsed())
    rows = [
        {"team_id": row.pop("child__team_id"), **row}
        for row in base.values("child__team_id").order_by().annotate(**counts)
        if row["child__team_id"] is not None
    ]
    rows.append({"team_id": None, **base.aggregate(**counts)})
    return rows


def first_plan_issued_on() -> datetime.date | None:
    """The day the first new plan on record was issued: the trend's history starts there."""
    scope = ReportScope(today=datetime.date.max, period=None)
    return new_plans(scope).aggregate(first=Min("final_issued_on"))["first"]


def snapshot_months(*, since: datetime.date) -> set[tuple[int, int]]:
    """The (year, month)s from `since` that already have a snapshot of the whole service."""
    taken = TimelinessSnapshot.objects.filter(team__isnull=True, taken_on__gte=since)
    return {(day.year, day.month) for day in taken.values_list("taken_on", flat=True)}


def timeliness_trend(*, scope: ReportScope, months: int = 24) -> list[dict]:
    """Month by month (the last snapshot taken in each month): the rolling 12-month percentage
    within 20 weeks, including and excluding exceptions. Teams' counts add up to the scope."""
    snapshots = TimelinessSnapshot.objects.filter(
        taken_on__gt=datetime.date(scope.today.year - months // 12, scope.today.month, 1),
        taken_on__lte=scope.today,
    )
    if scope.team_ids is None:
        snapshots = snapshots.filter(team__isnull=True)
    else:
        snapshots = snapshots.filter(team_id__in=scope.team_ids)
    last_days = (
        snapshots.annotate(month=TruncMonth("taken_on"))
        .values("month")
        .order_by()
        .annotate(last=Max("taken_on"))
        .values_list("last", flat=True)
    )
    rows = (
        snapshots.filter(taken_on__in=last_days)
        .values("taken_on")
        .order_by("taken_on")
        .annotate(
            issued=Sum("plans_issued"),
            within=Sum("within_20_weeks"),
            issued_excluding=Sum("plans_issued_excluding_exceptions"),
            within_excluding=Sum("within_20_weeks_excluding_exceptions"),
            backfilled=Count("pk", filter=Q(backfilled=True)),
        )
    )
    return [
        {
            **row,
            "backfilled": bool(row["backfilled"]),
            "percent": percent(row["within"], row["issued"]),
            "percent_excluding": percent(row["within_excluding"], row["issued_excluding"]),
        }
        for row in rows
    ]
