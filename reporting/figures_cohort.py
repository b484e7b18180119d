"""The cohort dashboard's figures."""

from .figure_base import Figure, chart_figure, lower_first, once, simple_figure
from .scope import ReportScope
from .selectors import cohort


def figure_need(scope: ReportScope, memo: dict) -> Figure:
    rows = cohort.plans_by_primary_need(scope=scope)
    return simple_figure("need", "Plans in force by primary need", rows, "Plans", scope.label)


def figure_age(scope: ReportScope, memo: dict) -> Figure:
    rows = once(memo, "profile", cohort.plans_profile, scope)["age_bands"]
    return simple_figure("age", "Plans in force by age", rows, "Plans", scope.label)


def figure_setting(scope: ReportScope, memo: dict) -> Figure:
    rows = once(memo, "profile", cohort.plans_profile, scope)["setting_groups"]
    figure = simple_figure("setting", "Plans in force by setting type", rows, "Plans", scope.label)
    figure.notes.append("Setting type is that of the setting named in Section I of the plan.")
    return figure


def figure_budgets(scope: ReportScope, memo: dict) -> Figure:
    profile = once(memo, "profile", cohort.plans_profile, scope)
    rows = [("Plans in force", profile["total"]), *profile["budgets"]]
    return simple_figure("budgets", "Personal budgets", rows, "Plans", scope.label)


def figure_requests(scope: ReportScope, memo: dict) -> Figure:
    months = cohort.requests_per_month(scope=scope)
    rows = [
        [f"{m['month']:%B %Y}", m["received"], m["assessed"], m["not_assessed"]] for m in months
    ]
    summary = (
        f"Requests received, {lower_first(scope.period.label)}: "
        + "; ".join(f"{r[0]} {r[1]}" for r in rows)
        + "."
    )
    return chart_figure(
        key="requests",
        title="Requests for an assessment per month",
        summary=summary,
        columns=["Month received", "Requests", "Decided to assess", "Decided not to assess"],
        rows=rows,
        labels=[r[0] for r in rows],
        series={"Requests": [r[1] for r in rows], "Decided to assess": [r[2] for r in rows]},
        empty_chart=True,
    )


def figure_caseload(scope: ReportScope, memo: dict) -> Figure:
    data = cohort.caseload_per_caseworker(scope=scope)
    rows = [[r["caseworker"], r["children"], r["plans"], r["open_requests"]] for r in data]
    summary = "Children per lead caseworker: " + "; ".join(f"{r[0]} {r[1]}" for r in rows) + "."
    return chart_figure(
        key="caseload",
        title="Caseload per caseworker",
        summary=summary,
        columns=["Lead caseworker", "Children", "Plans in force", "Open requests"],
        rows=rows,
        chart_title="Children per lead caseworker",
        labels=[r[0] for r in rows],
        series={"Children": [r[1] for r in rows]},
    )


def figure_appeals(scope: ReportScope, memo: dict) -> Figure:
    data = cohort.appeals_and_outcomes(scope=scope)
    lead = f"{data['total']} tribunal appeals registered, {lower_first(scope.period.label)}"
    figure = simple_figure(
        "appeals", "Tribunal appeals by outcome", data["by_outcome"], "Appeals", lead
    )
    figure.rows += [[f"Appealed: {label}", n] for label, n in data["by_decision"]]
    return figure
