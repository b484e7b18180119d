"""Times the nightly sweep on generated data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/sweep.py --children 34000
    (a 25,000-plan council; target under 2 s)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_national .venv/bin/python bench/sweep.py --children 200 --national
    (national scale: 1,000,000 children, 640,000 plans; target under 60 s a night)

It (re)builds the database with `manage.py demo_data --children N` unless --reuse is given (with
--national it then adds bench/national.sql, synthetic cases written by SQL in a few minutes;
--national with --reuse adds them again, so reuse a national database without --national),
then runs the sweep three times as if on three consecutive days and prints each run's time and
what it did. The first run raises every alert at once; later nights find most of them there.
DEBUG is off (no query kept in memory); queries are counted as they run.
"""

import datetime
import subprocess
import sys
import time
from pathlib import Path

# The repository first, not this folder (whose api.py would shadow the api app).
sys.path[0] = str(Path(__file__).resolve().parents[1])
from bench.common import ROOT, arguments, build, database_url, setup  # noqa: E402


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument(
        "--national",
        action="store_true",
        help="add bench/national.sql: 1,000,000 children, 640,000 plans",
    )
    parser.add_argument("--nights", type=int, default=3)
    args = parser.parse_args()
    build(args)
    if args.national:
        started = time.perf_counter()
        subprocess.run(
            [
                "psql",
                database_url(),
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-f",
                str(ROOT / "bench" / "national.sql"),
            ],
            check=True,
        )
        print(f"generated the national-scale data in {time.perf_counter() - started:.0f} s")

    setup()
    from django.db import connection

    from alerts.sweep import sweep_run
    from cases.models import EHCPlan, StatutoryDeadline

    plans = EHCPlan.objects.filter(status="in_force").count()
    print(f"{plans} plans in force, {StatutoryDeadline.objects.count()} stored deadlines")
    today = datetime.date.today()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(None)
        return execute(sql, params, many, context)

    for day in range(args.nights):
        queries.clear()
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            counts = sweep_run(today=today + datetime.timedelta(days=day))
            elapsed = time.perf_counter() - started
        print(f"day {day + 1}: {elapsed:.2f} s, {len(queries)} queries, {counts}", flush=True)
        # Nights are a day apart in production, and autovacuum tidies up after each; here they
        # follow each other at once, so do its work before timing the next.
        with connection.cursor() as cursor:
            for table in ("cases_statutorydeadline", "alerts_alert"):
                cursor.execute(f"VACUUM ANALYZE {table}")


if __name__ == "__main__":
    main()
