"""The dashboards and their figures: 20-week timeliness and the other statutory measures here,
the cohort in `figures_cohort`; each figure built from the selectors."""

from collections.abc import Callable

from . import charts
from .figure_base import Figure, chart_figure, drill, lower_first, once, percent_text
from .figures_cohort import (
    figure_age,
    figure_appeals,
    figure_budgets,
    figure_caseload,
    figure_need,
    figure_requests,
    figure_setting,
)
from .scope import ENGLAND_2024_EXCLUDING_EXCEPTIONS, ReportScope, calendar_year, last_12_months
from .selectors import measures, timeliness

__all__ = ["DASHBOARDS", "FIGURES", "Figure"]


def timeliness_periods(scope: ReportScope) -> list:
    periods = [last_12_months(scope.today), calendar_year(scope.today.year, scope.today)]
    if scope.period.key not in [p.key for p in periods]:
        periods.append(scope.period)
    return periods


def _timeliness(scope: ReportScope, memo: dict) -> dict:
    """Every period's 20-week figures, by period key, in one pass (the spread's period is one
    of them)."""
    if "timeliness" not in memo:
        periods = timeliness_periods(scope)
        rows = timeliness.timeliness_by_period(
            scope=scope, periods=[(p.start, p.end) for p in periods]
        )
        memo["timeliness"] = {p.key: (p, row) for p, row in zip(periods, rows, strict=True)}
    return memo["timeliness"]


def _bands(keys: list[str | None], **params) -> list[dict | None]:
    return [None if key is None else drill("plans-issued", key, **params) for key in keys]


def figure_timeliness(scope: ReportScope, memo: dict) -> Figure:
    rows, incl, excl, labels, links = [], [], [], [], []
    bands = [None, "issued", "within", None, "issued_excluding", "within_excluding", None]
    for period, row in _timeliness(scope, memo).values():
        links.append(_bands(bands, period=period.key))
        rows.append(
            [
                period.label,
                row["issued"],
                row["within"],
                row["percent"],
                row["issued_excluding"],
                row["within_excluding"],
                row["percent_excluding"],
            ]
        )
        labels.append(period.label)
        incl.append(row["percent"])
        excl.append(row["percent_excluding"])
    labels.append("England, 2024 (published)")
    incl.append(None)
    excl.append(ENGLAND_2024_EXCLUDING_EXCEPTIONS)
    first = rows[0]
    summary = (
        f"{scope.label}: {percent_text(first[3])} of {first[1]} new plans ({first[0]}) were "
        f"issued within 20 weeks including exceptions, {percent_text(first[6])} excluding exceptions. "
        f"England in 2024: {ENGLAND_2024_EXCLUDING_EXCEPTIONS}% excluding exceptions."
    )
    return chart_figure(
        key="timeliness",
        title="New EHC plans issued within 20 weeks",
        summary=summary,
        columns=[
            "Period",
            "Plans issued",
            "Within 20 weeks",
            "Per cent within 20 weeks",
            "Plans issued (excluding exceptions)",
            "Within 20 weeks (excluding exceptions)",
            "Per cent within 20 weeks (excluding exceptions)",
        ],
        rows=rows,
        chart_title="New EHC plans issued within 20 weeks, per cent",
        labels=labels,
        series={"Including exceptions": incl, "Excluding exceptions": excl},
        unit="%",
        max_value=100,
        links=links,
        notes=[
            "Excluding exceptions removes every plan whose assessment had a permitted exception "
            "at any stage from both the plans counted and those within 20 weeks."
        ],
    )


def figure_spread(scope: ReportScope, memo: dict) -> Figure:
    period = scope.period
    _period, row = _timeliness(scope, memo)[period.key]
    bands = [
        ("Within 20 weeks", row["within"]),
        ("20 to 52 weeks", row["weeks_20_to_52"]),
        ("Over 52 weeks", row["over_52"]),
    ]
    average = "no plans" if row["average_weeks"] is None else f"{row['average_weeks']} weeks"
    summary = (
        f"{period.label}: of {row['issued']} new plans, "
        + ", ".join(f"{n} {label.lower()}" for label, n in bands)
        + f". Average time to issue: {average}."
    )
    return chart_figure(
        key="spread",
        title=f"Time from request to final plan, {lower_first(period.label)}",
        summary=summary,
        columns=["Time to issue", "Plans"],
        rows=[[label, n] for label, n in bands]
        + [["Average weeks to issue", row["average_weeks"]]],
        chart_title="New plans by time from request to final plan",
        labels=[label for label, _n in bands],
        series={"Plans": [n for _l, n in bands]},
        links=[_bands([None, key]) for key in ("within", "weeks_20_to_52", "over_52")],
    )


TREND_FILLS = (
    "The trend fills itself: one point a month, the rolling 12 months as they stood on the last "
    "day of the month. A snapshot is taken every night, and the last one of each month is the "
    "month's point. When the first snapshot is taken, the months before it (up to 24, back to the "
    "first plan on record) are worked out from the requests' received and final-issue dates."
)


def figure_trend(scope: ReportScope, memo: dict) -> Figure:
    rows = timeliness.timeliness_trend(scope=scope)
    labels = [f"{row['taken_on']:%b %Y}" for row in rows]
    summary = (
        f"No points yet. {TREND_FILLS}"
        if not rows
        else f"{scope.label}, rolling 12 months, month by month from {labels[0]} to {labels[-1]}: "
        + "; ".join(
            f"{label} {percent_text(row['percent'])} ({percent_text(row['percent_excluding'])} excluding exceptions)"
            for label, row in zip(labels, rows, strict=True)
        )
        + "."
    )
    backfilled = [row["taken_on"] for row in rows if row["backfilled"]]
    notes = [TREND_FILLS] if rows else []
    if backfilled:
        notes.append(
            f"{len(backfilled)} month{'s' if len(backfilled) != 1 else ''} ({backfilled[0]:%B %Y}"
            f" to {backfilled[-1]:%B %Y}) worked out afterwards from the records, each child in "
            "their team of the day it was worked out; the others counted on the night."
        )
    notes.append(
        "The trend covers all needs, settings and caseworkers: those filters do not apply."
    )
    return Figure(
        key="trend",
        title="Trend: rolling 12 months within 20 weeks, month by month",
        summary=summary,
        columns=[
            "Snapshot date",
            "Plans issued in the 12 months",
            "Within 20 weeks",
            "Per cent",
            "Per cent excluding exceptions",
            "Counted",
        ],
        rows=[
            [
                row["taken_on"],
                row["issued"],
                row["within"],
                row["percent"],
                row["percent_excluding"],
                "Afterwards, from the records" if row["backfilled"] else "On the night",
            ]
            for row in rows
        ],
        links=[
            _bands([None, "issued", "within"], snapshot=row["taken_on"].isoformat()) for row in rows
        ],
        chart=charts.line_chart(
            chart_id="chart-trend",
            title="Rolling 12-month percentage of new plans issued within 20 weeks",
            description=summary,
            labels=labels,
            series={
                "Including exceptions": [row["percent"] for row in rows],
                "Excluding exceptions": [row["percent_excluding"] for row in rows],
            },
            reference=("England 2024: 46.4%", ENGLAND_2024_EXCLUDING_EXCEPTIONS),
        )
        if rows
        else None,
        notes=notes,
    )


REVIEW_PERIOD_NOTE = (
    "A review is completed when its decision is notified. It is on time on or before the last "
    "day of the 12 months starting with the date the plan was made or the last review decision "
    "was notified (Children and Families Act 2014 s44(1)), or an earlier phase-transfer deadline: "
    "a review completed on the anniversary itself is a day late."
)


def figure_statutory(scope: ReportScope, memo: dict) -> Figure:
    both = once(memo, "decisions", measures.request_decisions, scope)
    decisions, not_issue = both["decisions"], both["not_to_issue"]
    reviews = once(memo, "reviews", measures.annual_reviews, scope)
    rows = [
        [
            "Decisions whether to assess, within 6 weeks",
            decisions["decided"],
            decisions["within"],
            decisions["percent"],
        ],
        [
            "Decisions not to issue a plan, within 16 weeks",
            not_issue["decided"],
            not_issue["within"],
            not_issue["percent"],
        ],
        [
            "Annual review decisions, within 4 weeks of the meeting",
            reviews["decided"],
            reviews["decided_within"],
            reviews["percent"],
        ],
        [
            "Annual reviews completed within the 12-month period",
            reviews["decided"],
            reviews["decided_on_time"],
            reviews["on_time_percent"],
        ],
    ]
    links = [
        [None, drill(cases, decided), drill(cases, within), None]
        for cases, decided, within in (
            ("decisions", "decided", "within"),
            ("decisions", "not_issue_decided", "not_issue_within"),
            ("reviews", "decided", "decided_within"),
            ("reviews", "decided", "decided_on_time"),
        )
    ]
    summary = (
        f"{scope.period.label}: "
        + "; ".join(f"{lower_first(r[0])}: {r[2]} of {r[1]} ({percent_text(r[3])})" for r in rows)
        + "."
    )
    return chart_figure(
        key="statutory",
        title="Statutory decisions made on time",
        summary=summary,
        columns=["Measure", "Decisions", "Within the limit", "Per cent"],
        rows=rows,
        chart_title="Statutory decisions made on time, per cent",
        labels=[
            "Decision to assess (6 weeks)",
            "Not to issue (16 weeks)",
            "Annual review (4 weeks)",
            "Annual review (12-month period)",
        ],
        series={"On time": [r[3] for r in rows]},
        unit="%",
        max_value=100,
        links=links,
    )


def figure_reviews(scope: ReportScope, memo: dict) -> Figure:
    row = once(memo, "reviews", measures.annual_reviews, scope)
    rows = [
        [f"Reviews due, {lower_first(scope.period.label)}", row["due"]],
        ["Decisions notified", row["decided"]],
        ["Decisions notified within 4 weeks of the meeting", row["decided_within"]],
        ["Reviews completed within the 12-month period (CFA s44(1))", row["decided_on_time"]],
        ["Overdue now (plan in force, review not completed)", row["overdue"]],
        ["Due in the next 13 weeks", row["due_next_3_months"]],
    ]
    summary = "; ".join(f"{label}: {n}" for label, n in rows) + "."
    return chart_figure(
        key="reviews",
        title="Annual reviews",
        summary=summary,
        columns=["Annual reviews", "Number"],
        rows=rows,
        labels=[r[0] for r in rows],
        series={"Reviews": [r[1] for r in rows]},
        links=[
            [None, drill("reviews", key)]
            for key in (
                "due",
                "decided",
                "decided_within",
                "decided_on_time",
                "overdue",
                "due_next_3_months",
            )
        ],
        notes=[REVIEW_PERIOD_NOTE],
    )


def figure_phase_transfers(scope: ReportScope, memo: dict) -> Figure:
    year = measures.phase_transfer_round(scope.today)
    data = measures.phase_transfers(scope=scope)
    columns = [
        "Deadline",
        "Due by",
        "Reviews",
        "Amended plan issued on time",
        "Issued late",
        "On track",
        "Meeting not yet held",
        "Missed",
    ]
    keys = ["issued_on_time", "issued_late", "on_track", "not_started", "missed"]
    rows = [[r["deadline"], r["due_on"], r["reviews"], *(r[k] for k in keys)] for r in data]
    links = [
        [
            None,
            None,
            *(drill("transfers", k, on=r["due_on"].isoformat()) for k in ["reviews", *keys]),
        ]
        for r in data
    ]
    summary = (
        f"No phase-transfer reviews for the {year} round."
        if not rows
        else f"Phase transfers for {year}: "
        + "; ".join(
            f"due by {r[1]:%-d %B}: {r[2]} reviews, {r[3]} issued on time, {r[5]} on track, "
            f"{r[6]} meeting not yet held, {r[7]} missed"
            for r in rows
        )
        + "."
    )
    return chart_figure(
        key="phase-transfers",
        title=f"Phase-transfer reviews for {year}",
        summary=summary,
        columns=columns,
        rows=rows,
        chart_id="chart-phase",
        links=links,
        labels=[f"Due by {r[1]:%-d %B}" for r in rows],
        series={c: [r[i + 3] for r in rows] for i, c in enumerate(columns[3:])},
    )


FIGURES: dict[str, Callable[[ReportScope, dict], Figure]] = {
    "timeliness": figure_timeliness,
    "spread": figure_spread,
    "trend": figure_trend,
    "statutory": figure_statutory,
    "reviews": figure_reviews,
    "phase-transfers": figure_phase_transfers,
    "need": figure_need,
    "age": figure_age,
    "setting": figure_setting,
    "budgets": figure_budgets,
    "requests": figure_requests,
    "caseload": figure_caseload,
    "appeals": figure_appeals,
}
DASHBOARDS = {
    "timeliness": ("20-week timeliness", ["timeliness", "spread", "trend"]),
    "measures": ("Statutory measures", ["statutory", "reviews", "phase-transfers"]),
    "cohort": (
        "Cohort",
        ["need", "age", "setting", "budgets", "requests", "caseload", "appeals"],
    ),
}
