"""Times the nightly sweep on generated data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/sweep.py --children 34000
    (a 25,000-plan council; target under 2 s)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_national .venv/bin/python bench/sweep.py --children 200 --national
    (national scale: 1,000,000 children, 640,000 plans; target under 60 s a night)

It (re)builds the database with `manage.py demo_data --children N` unless --reuse is given (with
--national it then adds bench/national.sql, synthetic cases written by SQL in a few minutes),
then runs the sweep three times as if on three consecutive days and prints each run's time and
what it did. The first run raises every alert at once; later nights find most of them there.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.local")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--children", type=int, default=34000)
    parser.add_argument("--reuse", action="store_true", help="use the data already in the database")
    parser.add_argument(
        "--national",
        action="store_true",
        help="add bench/national.sql: 1,000,000 children, 640,000 plans",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for benchmarking (it is flushed).")
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not args.reuse:
        subprocess.run([*manage, "flush", "--no-input"], check=True)
        subprocess.run([*manage, "migrate", "-v0"], check=True)
        started = time.perf_counter()
        subprocess.run(
            [*manage, "demo_data", "--children", str(args.children), "--quiet-progress"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"generated {args.children} children in {time.perf_counter() - started:.0f} s")
    if args.national:
        started = time.perf_counter()
        subprocess.run(
            [
                "psql",
                os.environ["DATABASE_URL"],
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-f",
                str(ROOT / "bench" / "national.sql"),
            ],
            check=True,
        )
        print(f"generated the national-scale data in {time.perf_counter() - started:.0f} s")

    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from alerts.sweep import sweep_run
    from cases.models import EHCPlan, StatutoryDeadline

    plans = EHCPlan.objects.filter(status="in_force").count()
    print(f"{plans} plans in force, {StatutoryDeadline.objects.count()} stored deadlines")
    today = datetime.date.today()
    for day in range(3):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            counts = sweep_run(today=today + datetime.timedelta(days=day))
            elapsed = time.perf_counter() - started
        print(f"day {day + 1}: {elapsed:.2f} s, {len(queries)} queries, {counts}")
        # Nights are a day apart in production, and autovacuum tidies up after each; here they
        # follow each other at once, so do its work before timing the next.
        with connection.cursor() as cursor:
            for table in ("cases_statutorydeadline", "alerts_alert"):
                cursor.execute(f"VACUUM ANALYZE {table}")


if __name__ == "__main__":
    main()
