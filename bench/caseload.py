"""Times the caseload page for a 250-case caseload in a large council.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/caseload.py --reuse

Uses the data already in the database (build it with `manage.py demo_data --children 34000`
for a 25,000-plan council), moves 250 cases onto the demo caseworker, then requests the caseload
page 30 times through Django's test client and prints the median and 95th-percentile times and
the number of queries. Target: under 200 ms.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.local")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from cases.models import Child, EHCPlan

    settings.ALLOWED_HOSTS = ["*"]
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
    timings = []
    for _ in range(30):
        with CaptureQueriesContext(connection) as queries:
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
