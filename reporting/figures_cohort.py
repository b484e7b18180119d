"""The cohort dashboard's figures."""

from cases.models.codes import NeedType

from .figure_base import Figure, chart_figure, drill, lower_first, once, simple_figure
from .scope import SETTING_GROUPS, ReportScope
from .selectors import cohort

NEED_CODES = {label: code for code, label in NeedType.choices}


def figure_need(scope: ReportScope, memo: dict) -> Figure:
    rows = cohort.plans_by_primary_need(scope=scope)
    links = [drill("need", NEED_CODES.get(label, "none")) for label, _n in rows]
    return simple_figure(
        "need", "Plans in force by primary need", rows, "Plans", scope.label, links
    )


def figure_age(scope: ReportScope, memo: dict) -> Figure:
    rows = once(memo, "profile", cohort.plans_profile, scope)["age_bands"]
    links = [drill("age", key) for key, _label, _low, _high in cohort.AGE_BANDS]
    return simple_figure("age", "Plans in force by age", rows, "Plans", scope.label, links)


def figure_setting(scope: ReportScope, memo: dict) -> Figure:
    rows = once(memo, "profile", cohort.plans_profile, scope)["setting_groups"]
    links = [drill("setting", key) for key, _label in SETTING_GROUPS]
    figure = simple_figure(
        "setting", "Plans in force by setting type", rows, "Plans", scope.label, links
    )
    figure.notes.append("Setting type is that of the setting named in Section I of the plan.")
    return figure


def figure_budgets(scope: ReportScope, memo: dict) -> Figure:
    profile = once(memo, "profile", cohort.plans_profile, scope)
    rows = [("Plans in force", profile["total"]), *profile["budgets"]]
    links = [drill("budgets", key) for key in ("all", "budget", "organised", "direct")]
    return simple_figure("budgets", "Personal budgets", rows, "Plans", scope.label, links)


_MONTH_KEYS = ("received", "assessed", "not_assessed")


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
        links=[
            [None, *(drill("requests", k, on=m["month"].isoformat()) for k in _MONTH_KEYS)]
            for m in months
        ],
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
        links=[
            [None, *(drill(f"caseload-{k}", lead=r["caseworker_id"] or "none") for k in _LOAD)]
            for r in data
        ],
    )


_LOAD = ("children", "plans", "requests")


def figure_appeals(scope: ReportScope, memo: dict) -> Figure:
    data = cohort.appeals_and_outcomes(scope=scope)
    lead = f"{data['total']} tribunal appeals registered, {lower_first(scope.period.label)}"
    figure = simple_figure(
        "appeals", "Tribunal appeals by outcome", data["by_outcome"], "Appeals", lead
    )
    figure.rows += [[f"Appealed: {label}", n] for label, n in data["by_decision"]]
    figure.links = [
        *([None, drill("appeal-outcome", code or "undecided")] for code in data["outcome_codes"]),
        *([None, drill("appeal-decision", code)] for code in data["decision_codes"]),
    ]
    return figure
