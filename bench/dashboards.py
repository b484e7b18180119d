"""Times each reporting dashboard beside the hand-written SQL for its figures (goal: every
dashboard within 2x of its SQL, and under 300 ms), and checks that the figures agree.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_reporting \\
        .venv/bin/python bench/dashboards.py --children 34000 [--bulk] [--runs 7]
    DATABASE_URL=... .venv/bin/python bench/dashboards.py --reuse

Uses the database in DATABASE_URL (flushed and loaded with the demo council unless --reuse;
--bulk builds the rows directly with bulk inserts instead, much faster). Then, signed in as a
manager who is also head of service, it requests each dashboard (whole service and one team)
and two figures' CSVs through the full Django stack, and runs `bench/dashboard_sql.py`'s SQL
for the same figures. Prints each page's median beside its SQL's and exits 1 if any page is
past 2x its SQL or 300 ms, or if a figure differs from the SQL's.
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

# The repository first, not this folder (whose api.py would shadow the api app).
sys.path[0] = str(Path(__file__).resolve().parents[1])
from bench.common import arguments, build, manage, setup  # noqa: E402

TARGET_MS = 300
TARGET_RATIO = 2.0
PLAN_SHARE = 0.72  # the demo builder's share of children with a plan


def _snapshots() -> None:
    from django.utils import timezone

    from reporting.services import timeliness_snapshot_take

    today = timezone.localdate()
    day = today.replace(day=1) - datetime.timedelta(days=1)
    for _ in range(23):
        timeliness_snapshot_take(on=day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    timeliness_snapshot_take(on=today)


def _manager():
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from accounts import roles
    from accounts.models import Team, User

    user, _ = User.objects.get_or_create(username="bench_manager")
    # A team manager who is also head of service: the whole-service figures are the head's alone.
    for role in (roles.MANAGER, roles.HEAD_OF_SERVICE):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    # The team with the most children (demo data may also hold teams with none).
    team = Team.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    team.managers.add(user)
    return user, team


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _page(client, url: str, runs: int, anchor=None) -> tuple[float, int, float | None]:
    """The page's median time and its queries, and its SQL's median time, the two taken in
    turn so that both meet the same load on a shared machine."""
    from django.db import connection

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        get()  # also the warm-up
    if anchor is not None:
        anchor()
    pages, anchors = [], []
    for _ in range(runs):
        pages.append(_timed(get))
        if anchor is not None:
            anchors.append(_timed(anchor))
    return (
        statistics.median(pages),
        len(queries),
        statistics.median(anchors) if anchors else None,
    )


def _figures(name: str, today: datetime.date):
    """The figures the selectors give for the whole service, shaped as the SQL returns them."""
    from reporting.scope import SETTING_GROUPS, ReportScope, calendar_year, last_12_months
    from reporting.selectors import cohort, measures, timeliness
    from reporting.selectors.cohort import AGE_BANDS

    scope = ReportScope(today=today, period=last_12_months(today))
    if name == "timeliness":
        keys = ("issued", "within", "issued_excluding", "within_excluding")
        keys += ("weeks_20_to_52", "over_52", "average_weeks")
        periods = [last_12_months(today), calendar_year(today.year, today)]
        rows = [timeliness.timeliness_for(scope=scope, start=p.start, end=p.end) for p in periods]
        trend = timeliness.timeliness_trend(scope=scope)
        return {
            "periods": [[row[k] for k in keys] for row in rows],
            "trend": [
                [
                    r["taken_on"],
                    r["issued"],
                    r["within"],
                    r["issued_excluding"],
                    r["within_excluding"],
                ]
                for r in trend
            ],
        }
    if name == "measures":
        decisions = measures.decisions_within_6_weeks(scope=scope)
        not_issue = measures.not_to_issue_within_16_weeks(scope=scope)
        breaches = measures.forecast_breaches(scope=scope)
        reviews = measures.annual_reviews(scope=scope)
        review_keys = ("due", "decided", "decided_on_time", "decided_within", "overdue")
        return {
            "requests": [
                decisions["decided"],
                decisions["within"],
                not_issue["decided"],
                not_issue["within"],
                breaches["total"],
            ],
            "listed": [[row["reference"], row["received_on"]] for row in breaches["listed"]],
            "reviews": [reviews[k] for k in (*review_keys, "due_next_3_months")],
            "phase": [[r["due_on"], r["reviews"]] for r in measures.phase_transfers(scope=scope)],
        }
    profile = cohort.plans_profile(scope=scope)
    ages = dict(profile["age_bands"])
    settings = dict(profile["setting_groups"])
    labels = dict(SETTING_GROUPS)
    return {
        "total": profile["total"],
        "budget": profile["budgets"][0][1],
        "ages": {key: ages[label] for key, label, *_r in AGE_BANDS},
        "settings": sorted((k, settings[labels[k]]) for k in labels if settings[labels[k]]),
        "needs": sorted(n for _label, n in cohort.plans_by_primary_need(scope=scope)),
        "months": [m["received"] for m in cohort.requests_per_month(scope=scope) if m["received"]],
        "caseload": sorted(
            (r["children"], r["plans"], r["open_requests"])
            for r in cohort.caseload_per_caseworker(scope=scope)
        ),
        "appeals": cohort.appeals_and_outcomes(scope=scope)["total"],
    }


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bulk", action="store_true", help="build the rows with bulk inserts")
    args = parser.parse_args()
    loaded = not args.reuse
    if args.bulk and not args.reuse:
        manage("flush", "--no-input")
        manage("migrate", "-v0")
        args.reuse = True  # nothing for `build` to do
    build(args)
    setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench import dashboard_sql
    from cases.models import Child, EHCPlan, PlanStatus

    if loaded:
        started = time.perf_counter()
        if args.bulk:
            from bench.bulk_council import bulk_council

            bulk_council(int(args.children * PLAN_SHARE), args.seed)
        _snapshots()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"loaded in {time.perf_counter() - started:.0f} s")
    plans = EHCPlan.objects.filter(status=PlanStatus.IN_FORCE).count()
    print(f"Plans in force: {plans:,}; children: {Child.objects.count():,}")
    today = timezone.localdate()
    client = Client()
    manager, team = _manager()
    client.force_login(manager)
    pages = [
        ("timeliness", "/reports/?team=service", "20-week timeliness, whole service"),
        (None, f"/reports/?team={team.pk}", "20-week timeliness, one team"),
        ("measures", "/reports/measures/?team=service", "Statutory measures, whole service"),
        (None, f"/reports/measures/?team={team.pk}", "Statutory measures, one team"),
        ("cohort", "/reports/cohort/?team=service", "Cohort, whole service"),
        (None, f"/reports/cohort/?team={team.pk}&need=ASD", "Cohort, one team, ASD"),
        (None, "/reports/download.csv?figure=timeliness&team=service", "CSV: timeliness"),
        (None, "/reports/download.csv?figure=need&team=service", "CSV: plans by need"),
    ]
    failed = []
    print(f"\n{'Dashboard':<38} {'page ms':>8} {'queries':>8} {'SQL ms':>8} {'ratio':>6}")
    for anchor, url, label in pages:
        run = dashboard_sql.ANCHORS[anchor] if anchor else None
        median, queries, sql_ms = _page(
            client, url, args.runs, (lambda run=run: run(today)) if run else None
        )
        ratio = None
        if anchor:
            ratio = median / sql_ms
            if run(today) != _figures(anchor, today):
                failed.append(f"{label}: the figures differ from the SQL's")
            if ratio > TARGET_RATIO:
                failed.append(f"{label}: {ratio:.1f}x its SQL (goal {TARGET_RATIO}x)")
        if median > TARGET_MS:
            failed.append(f"{label}: {median:.0f} ms (goal {TARGET_MS} ms)")
        sql_text = f"{sql_ms:>8.1f} {ratio:>5.1f}x" if anchor else ""
        print(f"{label:<38} {median:>8.1f} {queries:>8} {sql_text}")
    for line in failed:
        print(f"past the goal: {line}")
    print("every dashboard within the goal; figures agree with the SQL" if not failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
