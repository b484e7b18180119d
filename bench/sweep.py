"""Times the nightly sweep on generated data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/sweep.py --children 34000
    (a 25,000-plan council; target under 2 s)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_national .venv/bin/python bench/sweep.py --children 200 --national
    (national scale: 1,000,000 children, 640,000 plans; target under 60 s a night)

    DATABASE_URL=... .venv/bin/python bench/sweep.py --children 200 --synthetic 34000
    (bench/national.sql's synthetic cases at another size: here a council's 34,000 children)

It (re)builds the database with `manage.py demo_data --children N` unless --reuse is given (with
--national or --synthetic it then adds bench/national.sql, synthetic cases written by SQL in a
few minutes; with --reuse it adds them again, so reuse such a database without either), then
runs the sweep three times as if on three consecutive days and prints each run's time and what
it did. The first run raises every alert at once; later nights find most of them there.
DEBUG is off (no query kept in memory); queries are counted as they run.

On a shared machine wall time says little, so each step is also timed in CPU: this process's
(Python, this thread) and the database's (its backend for this connection and any parallel workers it
starts, read from /proc, so PostgreSQL must run on this machine; workers are sampled every
0.1 s, so a worker's last moments may be missed).
"""

import datetime
import os
import subprocess
import sys
import threading
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
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="N",
        help="add bench/national.sql with N children instead of 1,000,000",
    )
    parser.add_argument("--nights", type=int, default=3)
    parser.add_argument(
        "--first-night",
        action="store_true",
        help="delete the alerts and sweep records first, so the first run raises every alert again",
    )
    args = parser.parse_args()
    build(args)
    if args.national or args.synthetic:
        synthetic = args.synthetic or NATIONAL
        started = time.perf_counter()
        script = (ROOT / "bench" / "national.sql").read_text()
        assert f"generate_series(1, {NATIONAL})" in script
        subprocess.run(
            ["psql", database_url(), "-q", "-v", "ON_ERROR_STOP=1"],
            input=script.replace(
                f"generate_series(1, {NATIONAL})", f"generate_series(1, {synthetic})"
            ),
            text=True,
            check=True,
        )
        print(
            f"generated {synthetic:,} synthetic children in {time.perf_counter() - started:.0f} s"
        )

    setup()
    from django.db import connection

    from alerts.sweep import sweep_run
    from cases.models import EHCPlan, StatutoryDeadline

    if args.first_night:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE alerts_alert, alerts_sweeprun")
            cursor.execute("VACUUM ANALYZE alerts_alert")
    plans = EHCPlan.objects.filter(status="in_force").count()
    print(f"{plans} plans in force, {StatutoryDeadline.objects.count()} stored deadlines")
    today = datetime.date.today()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(None)
        return execute(sql, params, many, context)

    timings = _timed_steps(connection)
    for day in range(args.nights):
        queries.clear()
        timings.clear()
        with connection.execute_wrapper(count):
            started, cpu = time.perf_counter(), time.thread_time()
            db_started = _database_cpu(connection, timings)
            counts = sweep_run(today=today + datetime.timedelta(days=day))
            elapsed = time.perf_counter() - started
            cpu = time.thread_time() - cpu
            db = _database_cpu(connection, timings) - db_started
        print(
            f"day {day + 1}: {elapsed:.2f} s wall, {cpu:.2f} s Python CPU, {db:.2f} s database"
            f" CPU, {len(queries)} queries, {counts}, load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        for name, (wall, python, database) in timings.items():
            print(
                f"    {name:16} {wall:8.2f} s wall {python:8.2f} s Python {database:8.2f} s database"
            )
        # Nights are a day apart in production, and autovacuum tidies up after each; here they
        # follow each other at once, so do its work before timing the next.
        with connection.cursor() as cursor:
            for table in ("cases_statutorydeadline", "alerts_alert"):
                cursor.execute(f"VACUUM ANALYZE {table}")


NATIONAL = 1000000
TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    """A process's user and system CPU in seconds, from /proc (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


class _Workers(threading.Thread):
    """Samples the CPU of the parallel workers a backend starts (they are separate processes)."""

    def __init__(self, leader: int):
        super().__init__(daemon=True)
        self.leader, self.seen, self.running = leader, {}, True

    def run(self):
        marker = f"parallel worker for PID {self.leader}".encode()
        while self.running:
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        if marker in (entry / "cmdline").read_bytes():
                            cpu = _process_cpu(int(entry.name))
                            # Replaced whole, so the main thread never sums a dict that is changing.
                            self.seen = {
                                **self.seen,
                                entry.name: max(cpu, self.seen.get(entry.name, 0.0)),
                            }
                    except OSError:
                        continue
            time.sleep(0.1)


def _database_cpu(connection, timings) -> float:
    return _process_cpu(timings.backend) + sum(timings.workers.seen.values())


class _Timings(dict):
    pass


def _timed_steps(connection) -> _Timings:
    """Wraps each of the sweep's steps to record its wall, Python CPU and database CPU."""
    from alerts import sweep

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    timings = _Timings()
    timings.backend = backend
    timings.workers = _Workers(backend)
    timings.workers.start()

    def timed(name, step):
        def run(today):
            wall, python = time.perf_counter(), time.thread_time()
            database = _database_cpu(connection, timings)
            try:
                return step(today)
            finally:
                timings[name] = (
                    time.perf_counter() - wall,
                    time.thread_time() - python,
                    _database_cpu(connection, timings) - database,
                )

        return run

    sweep.STEPS = tuple((name, timed(name, step)) for name, step in sweep.STEPS)
    return timings


if __name__ == "__main__":
    main()
