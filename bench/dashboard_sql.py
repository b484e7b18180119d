"""Hand-written PostgreSQL for each dashboard's figures (the whole service, the last 12 months):
the anchors `bench/dashboards.py` times the pages against, and the figures the pages must agree
with. Each function returns the same numbers as the selectors behind the dashboard, from SQL
written directly against the tables, one statement per kind of row."""

import datetime

from django.db import connection

from cases.models import OPEN_REQUEST_STATUSES
from reporting.scope import (
    INDEPENDENT,
    MAINSTREAM,
    NOT_IN_EDUCATION,
    POST_16,
    SPECIAL,
    calendar_year,
    last_12_months,
    limit_days,
    months_before,
)
from reporting.selectors.cohort import AGE_BANDS
from reporting.selectors.measures import phase_transfer_round


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in(values) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"  # constants from the code


def timeliness(today: datetime.date) -> dict:
    periods = [last_12_months(today), calendar_year(today.year, today)]
    within, year = limit_days(20), limit_days(52)
    columns = []
    for p in periods:
        in_p = f"r.final_issued_on BETWEEN '{p.start}' AND '{p.end}'"
        columns += [
            f"count(*) FILTER (WHERE {in_p})",
            f"count(*) FILTER (WHERE {in_p} AND d <= {within})",
            f"count(*) FILTER (WHERE {in_p} AND NOT r.exception_applied)",
            f"count(*) FILTER (WHERE {in_p} AND NOT r.exception_applied AND d <= {within})",
            f"count(*) FILTER (WHERE {in_p} AND d > {within} AND d <= {year})",
            f"count(*) FILTER (WHERE {in_p} AND d > {year})",
            f"round(avg(d) FILTER (WHERE {in_p}) / 7, 1)",
        ]
    start = min(p.start for p in periods)
    (row,) = _rows(
        f"SELECT {', '.join(columns)} FROM ("  # noqa: S608 - built from constants
        "  SELECT r.final_issued_on, r.exception_applied, r.final_issued_on - r.received_on AS d"
        "  FROM cases_assessmentrequest r JOIN cases_child c ON c.id = r.child_id"
        "  WHERE c.archived_at IS NULL AND NOT r.is_reassessment"
        "    AND r.final_issued_on BETWEEN %s AND %s) AS r",
        (start, today),
    )
    trend = _rows(
        "WITH s AS (SELECT * FROM reporting_timelinesssnapshot"
        "  WHERE team_id IS NULL AND taken_on > %s AND taken_on <= %s)"
        " SELECT taken_on, sum(plans_issued), sum(within_20_weeks),"
        " sum(plans_issued_excluding_exceptions), sum(within_20_weeks_excluding_exceptions) FROM s"
        " WHERE taken_on IN (SELECT max(taken_on) FROM s GROUP BY date_trunc('month', taken_on))"
        " GROUP BY taken_on ORDER BY taken_on",
        (datetime.date(today.year - 2, today.month, 1), today),
    )
    return {
        "periods": [
            [*row[n : n + 6], None if row[n + 6] is None else float(row[n + 6])]
            for n in range(0, len(row), 7)
        ],
        "trend": [list(r) for r in trend],
    }


def measures(today: datetime.date) -> dict:
    p = last_12_months(today)
    open_ = _in(OPEN_REQUEST_STATUSES)
    at_risk = (
        f"r.status IN {open_} AND r.final_issued_on IS NULL AND (r.received_on < %(past_20)s"
        " OR (r.status = 'awaiting_decision' AND r.received_on < %(past_6)s)"
        " OR (r.status = 'assessing' AND r.received_on < %(past_16)s)"
        " OR (r.status = 'draft_issued' AND r.draft_served_on > r.received_on + %(draft)s))"
    )
    params = {
        "start": p.start,
        "end": p.end,
        "w6": limit_days(6),
        "w16": limit_days(16),
        "past_20": today - datetime.timedelta(days=limit_days(20)),
        "past_16": today - datetime.timedelta(days=limit_days(16)),
        "past_6": today - datetime.timedelta(days=limit_days(6)),
        "draft": limit_days(20) - 14,
        "today": today,
        "next_13": today + datetime.timedelta(weeks=13),
        "year": phase_transfer_round(today),
    }
    (requests,) = _rows(
        "SELECT count(*) FILTER (WHERE r.decision_on BETWEEN %(start)s AND %(end)s),"  # noqa: S608
        " count(*) FILTER (WHERE r.decision_on BETWEEN %(start)s AND %(end)s"
        "   AND r.decision_on - r.received_on <= %(w6)s),"
        " count(*) FILTER (WHERE r.not_to_issue_on BETWEEN %(start)s AND %(end)s),"
        " count(*) FILTER (WHERE r.not_to_issue_on BETWEEN %(start)s AND %(end)s"
        "   AND r.not_to_issue_on - r.received_on <= %(w16)s),"
        f" count(*) FILTER (WHERE {at_risk})"
        " FROM cases_assessmentrequest r JOIN cases_child c ON c.id = r.child_id"
        " WHERE c.archived_at IS NULL AND NOT r.is_reassessment",
        params,
    )
    listed = _rows(
        "SELECT c.reference, r.received_on, r.status FROM cases_assessmentrequest r"  # noqa: S608
        " JOIN cases_child c ON c.id = r.child_id"
        f" WHERE c.archived_at IS NULL AND NOT r.is_reassessment AND {at_risk}"
        " ORDER BY r.received_on, r.id LIMIT 200",
        params,
    )
    decided = "v.decision_notified_on BETWEEN %(start)s AND %(end)s"
    (reviews,) = _rows(
        "SELECT count(*) FILTER (WHERE v.due_on BETWEEN %(start)s AND %(end)s),"  # noqa: S608
        f" count(*) FILTER (WHERE {decided}),"
        f" count(*) FILTER (WHERE {decided} AND v.decision_notified_on <= v.due_on),"
        f" count(*) FILTER (WHERE {decided} AND v.decision_notified_on - v.meeting_on <= 28),"
        " count(*) FILTER (WHERE p.status = 'in_force' AND NOT v.completed"
        "   AND v.due_on < %(today)s),"
        " count(*) FILTER (WHERE p.status = 'in_force' AND NOT v.completed"
        "   AND v.due_on BETWEEN %(today)s AND %(next_13)s)"
        " FROM cases_annualreview v JOIN cases_ehcplan p ON p.id = v.plan_id"
        " JOIN cases_child c ON c.id = p.child_id WHERE c.archived_at IS NULL",
        params,
    )
    phase = _rows(
        "SELECT v.phase_transfer_due_on, count(*) FROM cases_annualreview v"
        " JOIN cases_ehcplan p ON p.id = v.plan_id JOIN cases_child c ON c.id = p.child_id"
        " WHERE c.archived_at IS NULL AND (v.kind = 'phase_transfer' OR v.phase_transfer <> '')"
        "   AND extract(year FROM v.phase_transfer_due_on) = %(year)s"
        " GROUP BY 1 ORDER BY 1",
        params,
    )
    return {
        "requests": list(requests),
        "listed": [[reference, received] for reference, received, _status in listed],
        "reviews": list(reviews),
        "phase": [list(r) for r in phase],
    }


def _setting_group() -> str:
    s = "s"
    return (
        "CASE"
        f" WHEN p.named_setting_id IS NULL AND p.named_setting_code IN {_in(NOT_IN_EDUCATION)}"
        "  THEN 'not_in_education'"
        f" WHEN {s}.setting_type IN {_in(INDEPENDENT)} OR {s}.is_out_of_area THEN 'independent'"
        f" WHEN {s}.setting_type IN {_in(POST_16)} THEN 'post16'"
        f" WHEN {s}.setting_type IN {_in(SPECIAL)} THEN 'special'"
        f" WHEN {s}.setting_type IN {_in(MAINSTREAM)}"
        f"  AND ({s}.has_resourced_provision OR {s}.has_sen_unit) THEN 'resourced'"
        f" WHEN {s}.setting_type IN {_in(MAINSTREAM)} THEN 'mainstream'"
        " ELSE 'other' END"
    )


def cohort(today: datetime.date) -> dict:
    p = last_12_months(today)
    bands = " ".join(
        f"WHEN c.date_of_birth > '{months_before(today, 12 * high)}'"
        f" AND c.date_of_birth <= '{months_before(today, 12 * low)}' THEN '{key}'"
        for key, _label, low, high in AGE_BANDS
    )
    in_force = (
        " FROM cases_ehcplan p JOIN cases_child c ON c.id = p.child_id"
        " LEFT JOIN cases_educationsetting s ON s.id = p.named_setting_id"
        " WHERE c.archived_at IS NULL AND p.status = 'in_force'"
    )
    profile = _rows(
        f"SELECT CASE {bands} ELSE 'other' END, {_setting_group()}, count(*),"  # noqa: S608
        f" count(*) FILTER (WHERE p.personal_budget_taken_up){in_force} GROUP BY 1, 2"
    )
    needs = _rows(
        "SELECT n.need_type, count(*) FROM cases_ehcplan p JOIN cases_child c ON c.id = p.child_id"
        " LEFT JOIN cases_senneed n ON n.child_id = c.id AND n.rank = 1"
        " WHERE c.archived_at IS NULL AND p.status = 'in_force' GROUP BY 1"
    )
    months = _rows(
        "SELECT date_trunc('month', r.received_on)::date, count(*)"
        " FROM cases_assessmentrequest r JOIN cases_child c ON c.id = r.child_id"
        " WHERE c.archived_at IS NULL AND NOT r.is_reassessment"
        "   AND r.received_on BETWEEN %s AND %s GROUP BY 1 ORDER BY 1",
        (p.start, p.end),
    )
    open_requests = _in(OPEN_REQUEST_STATUSES)
    caseload = _rows(
        "WITH k AS (SELECT lead_caseworker_id AS w, count(*) AS n FROM cases_child"  # noqa: S608
        "   WHERE archived_at IS NULL GROUP BY 1),"
        " p AS (SELECT c.lead_caseworker_id AS w, count(*) AS n FROM cases_ehcplan p"
        "   JOIN cases_child c ON c.id = p.child_id"
        "   WHERE c.archived_at IS NULL AND p.status = 'in_force' GROUP BY 1),"
        " r AS (SELECT c.lead_caseworker_id AS w, count(*) AS n FROM cases_assessmentrequest r"
        "   JOIN cases_child c ON c.id = r.child_id WHERE c.archived_at IS NULL"
        f"   AND NOT r.is_reassessment AND r.status IN {open_requests} GROUP BY 1)"
        " SELECT k.w, k.n, coalesce(p.n, 0), coalesce(r.n, 0) FROM k"
        " LEFT JOIN p ON p.w IS NOT DISTINCT FROM k.w LEFT JOIN r ON r.w IS NOT DISTINCT FROM k.w"
    )
    appeals = _rows(
        "SELECT count(*) FROM cases_appeal a JOIN cases_child c ON c.id = a.child_id"
        " WHERE c.archived_at IS NULL AND a.appeal_registered_on BETWEEN %s AND %s",
        (p.start, p.end),
    )
    return {
        "total": sum(r[2] for r in profile),
        "budget": sum(r[3] for r in profile),
        "ages": {key: sum(r[2] for r in profile if r[0] == key) for key, *_r in AGE_BANDS},
        "settings": sorted(
            (g, sum(r[2] for r in profile if r[1] == g)) for g in {r[1] for r in profile}
        ),
        "needs": sorted(n for _need, n in needs),
        "months": [n for _month, n in months],
        "caseload": sorted((children, plans, open_) for _w, children, plans, open_ in caseload),
        "appeals": appeals[0][0],
    }


ANCHORS = {"timeliness": timeliness, "measures": measures, "cohort": cohort}
