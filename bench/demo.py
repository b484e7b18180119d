"""Times loading the demo data: N children (default 100,000) into a fresh database.

    .venv/bin/python bench/demo.py                                   # PostgreSQL, sp_bench_demo
    .venv/bin/python bench/demo.py --database-url sqlite:////tmp/bench_demo.sqlite3
    .venv/bin/python bench/demo.py --children 10000 --keep

The database named by --database-url is dropped and made again (its name must contain
"bench"), migrated, then `manage.py demo_data --children N` runs with DEBUG off and is timed.
Goal: under 120 s on PostgreSQL, and within 3x of that (360 s) on SQLite. Prints the time
beside the goal and the rows written, and exits 1 past the goal. The database is dropped at the
end unless --keep is given.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sp_bench_demo"
GOAL_POSTGRES = 120.0
GOAL_SQLITE = 3 * GOAL_POSTGRES


def _fresh(url: str) -> None:
    """Drops and creates the database in `url` (a PostgreSQL database or a SQLite file)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = Path(parsed.path)
        if "bench" not in path.name:
            sys.exit(f"{path} is not a bench database: its name must contain 'bench'")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"{name} is not a bench database: its name must contain 'bench'")
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(url.replace(parsed.path, "/postgres", 1))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def _drop(url: str) -> None:
    from django.db import connections

    connections.close_all()
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        Path(parsed.path).unlink(missing_ok=True)
        return
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(url.replace(parsed.path, "/postgres", 1))
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = parsed.path.lstrip("/")
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    admin.close()


def _cpu() -> float:
    """CPU seconds used by this process and its finished worker processes (on a shared machine
    the wall time also counts time spent waiting for a core)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--goal", type=float, help="seconds (default: 120 PostgreSQL, 360 SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the loaded database")
    args = parser.parse_args()
    url = args.database_url
    sqlite = url.startswith("sqlite")
    goal = args.goal or (GOAL_SQLITE if sqlite else GOAL_POSTGRES)

    _fresh(url)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("REDIS_URL", "")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from cases.models import Child, StatutoryDeadline, TimelineEvent

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    started, cpu = time.perf_counter(), _cpu()
    with open(os.devnull, "w") as quiet:
        call_command(
            "demo_data", children=args.children, seed=args.seed, quiet_progress=True, stdout=quiet
        )
    took, cpu = time.perf_counter() - started, _cpu() - cpu
    engine = "SQLite" if sqlite else "PostgreSQL"
    print(
        f"{engine}: {Child.objects.count():,} children, "
        f"{StatutoryDeadline.objects.count():,} stored deadlines, "
        f"{TimelineEvent.objects.count():,} timeline events"
    )
    verdict = "within" if took <= goal else "PAST"
    print(
        f"demo_data --children {args.children:,}: {took:.1f} s (goal {goal:.0f} s: {verdict}); "
        f"CPU {cpu:.1f} s (this process and its workers), load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MiB (this process), {workers:.0f} MiB (largest worker)")
    if not args.keep:
        _drop(url)
    return 0 if took <= goal else 1


if __name__ == "__main__":
    sys.exit(main())
