"""Times the children list and the team view for a caseworker with 250 children in a council of
about 25,000 plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/workspace.py --reuse

Uses the data already in the database with --reuse (otherwise builds the council first), DEBUG
off. Moves 250 children of the demo caseworker's team onto her, then requests each page 30 times
through Django's test client: the children list (soonest next step first, and the overdue filter),
its CSV download, and the manager's team view. Beside each page: its anchor, the page's own
statement(s) run alone as SQL. Goals (p95): the children list under 200 ms; the team view, which
counts every open step of the manager's teams, under 500 ms. Exits non-zero past either.
"""

import statistics
import sys
import time
from pathlib import Path

# The repository first, not this folder (whose api.py would shadow the api app).
sys.path[0] = str(Path(__file__).resolve().parents[1])
from bench.common import arguments, build, setup  # noqa: E402

GOAL_MS = 200
TEAM_GOAL_MS = 500
RUNS = 30


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[int(len(ordered) * 0.95) - 1]


def main() -> int:
    build(arguments(__doc__).parse_args())
    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from cases.models import Child, EHCPlan
    from workspace.selectors.children import children_for
    from workspace.selectors.team import team_view_for

    caseworker = User.objects.get(username="caseworker")
    manager = User.objects.get(username="manager")
    ids = list(
        Child.objects.filter(team=caseworker.team).order_by("pk").values_list("pk", flat=True)[:250]
    )
    Child.objects.filter(pk__in=ids).update(lead_caseworker=caseworker)
    plans = EHCPlan.objects.filter(status="in_force").count()
    print(f"{plans:,} plans in force; the caseworker leads {len(ids)} children")

    def page(user, url: str) -> tuple[float, float, int]:
        client = Client()
        client.force_login(user)
        client.get(url)  # the session's first write
        timings, queries = [], []

        def count(execute, sql, params, many, context):
            queries.append(None)
            return execute(sql, params, many, context)

        for _ in range(RUNS):
            queries.clear()
            with connection.execute_wrapper(count):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(timings), p95(timings), len(queries)

    def sql_alone(run) -> float:
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings)

    anchors = {
        "/children/": lambda: list(children_for(user=caseworker, filters={})[:50]),
        "/children/?overdue=on": lambda: list(
            children_for(user=caseworker, filters={"overdue": True})[:50]
        ),
        "/children/children.csv": lambda: list(children_for(user=caseworker, filters={})),
        "/team/": lambda: team_view_for(user=manager),
    }
    failed = False
    for url, anchor in anchors.items():
        user = manager if url == "/team/" else caseworker
        median, slowest, queries = page(user, url)
        alone = sql_alone(anchor)
        goal = TEAM_GOAL_MS if url == "/team/" else GOAL_MS
        within = slowest <= goal or url.endswith(".csv")
        failed |= not within
        print(
            f"{url:26} median {median:5.0f} ms  p95 {slowest:5.0f} ms  {queries:2} queries  "
            f"| its SQL alone {alone:5.0f} ms  | goal p95 {goal} ms"
            f"{'' if url.endswith('.csv') else (' ok' if within else ' PAST THE GOAL')}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
