"""Times the caseload page for a 250-case caseload in a large council.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/caseload.py --reuse

Uses the data already in the database with --reuse (otherwise builds a 25,000-plan council with
`manage.py demo_data --children 34000` first), DEBUG off, moves 250 cases onto the demo
caseworker, then requests the caseload page 30 times through Django's test client and prints
the median and 95th-percentile times and the number of queries. Target: under 200 ms.
"""

import statistics
import sys
import time
from pathlib import Path

# The repository first, not this folder (whose api.py would shadow the api app).
sys.path[0] = str(Path(__file__).resolve().parents[1])
from bench.common import arguments, build, setup  # noqa: E402


def main() -> None:
    build(arguments(__doc__).parse_args())
    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from cases.models import Child, EHCPlan

    caseworker = User.objects.get(username="caseworker")
    ids = list(
        Child.objects.filter(team=caseworker.team).order_by("pk").values_list("pk", flat=True)[:250]
    )
    Child.objects.filter(pk__in=ids).update(lead_caseworker=caseworker)
    print(
        f"{EHCPlan.objects.filter(status='in_force').count()} plans in force; caseload of {len(ids)} cases"
    )
    client = Client()
    client.force_login(caseworker)
    timings, queries = [], []

    def count(execute, sql, params, many, context):
        queries.append(None)
        return execute(sql, params, many, context)

    for _ in range(30):
        queries.clear()
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            response = client.get("/cases/")
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    print(
        f"caseload page: median {statistics.median(timings):.0f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms, {len(queries)} queries"
    )


if __name__ == "__main__":
    main()
