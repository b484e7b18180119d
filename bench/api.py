"""Times the partner API under load: GET /api/v1/children/ (a page of 50) beside /healthz on the
same server, and beside one hand-written SQL statement that returns the same page as JSON.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench \\
        .venv/bin/python bench/api.py --children 2000        # builds demo data first
    DATABASE_URL=... .venv/bin/python bench/api.py --reuse  # uses the data already there

Serves the portal with gunicorn (4 workers, DEBUG off, the API's rate limit lifted for the run)
on 127.0.0.1, loads it from threads with http.client for a bounded number of requests, prints
each figure beside its anchor, and exits 1 past the goal: at least 300 requests a second, p95
under 50 ms, and within 3x of the SQL statement's time per page. It also prints the CPU time one
process spends per request (through the Django stack, no HTTP), which other work sharing the
machine moves much less than the rates. Runs ANALYZE first, as autovacuum would. Not run by CI.
"""

import argparse
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.local")
os.environ["DEBUG"] = "false"
# The same for the in-process measurement as for the server below.
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
os.environ["API_RATE_LIMIT"] = "1000000/minute"

GOAL_RATE = 300
GOAL_P95_MS = 50
GOAL_SQL_FACTOR = 3

# The children page as one statement: 50 children in feed order, each with its primary need and
# open deadlines, aggregated to JSON in the database.
PAGE_SQL = """
SELECT json_agg(row_to_json(page)) FROM (
  SELECT c.reference, c.forename, c.surname, c.date_of_birth, c.sex, c.upn, c.uln,
         c.upn_unknown_reason, c.looked_after, c.modified_at,
         (SELECT n.need_type FROM cases_senneed n WHERE n.child_id = c.id AND n.rank = 1
          LIMIT 1) AS primary_need,
         COALESCE((SELECT json_agg(json_build_object(
             'key', d.key, 'stage', d.stage, 'rule', d.rule, 'title', d.title,
             'explanation', d.explanation, 'trigger_on', d.trigger_on, 'due_on', d.due_on,
             'done_on', d.done_on, 'state', d.state, 'exception_applied', d.exception_applied,
             'statutory', d.statutory))
           FROM cases_statutorydeadline d WHERE d.child_id = c.id AND d.is_open), '[]')
           AS deadlines
  FROM cases_child c WHERE c.archived_at IS NULL
  ORDER BY c.modified_at, c.id LIMIT 50
) page
"""


def setup_client() -> str:
    """A council partner client and a bearer token for it."""
    import datetime

    from django.utils import timezone
    from oauth2_provider.models import AccessToken, Application

    from api.models import PartnerClient
    from cases.models import PartnerOrganisation

    partner, _ = PartnerOrganisation.objects.get_or_create(name="Bench council", kind="council")
    app = Application.objects.filter(name="Bench council system").first()
    if app is None:
        app = Application.objects.create(
            name="Bench council system",
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secrets.token_urlsafe(20),
        )
        PartnerClient.objects.create(application=app, partner=partner)
    token = AccessToken.objects.create(
        application=app,
        token=secrets.token_urlsafe(30),
        expires=timezone.now() + datetime.timedelta(hours=2),
        scope="children:read settings:read",
    )
    return token.token


def sql_page_ms(repeats: int = 30) -> float:
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for _ in range(repeats):
            started = time.perf_counter()
            cursor.execute(PAGE_SQL)
            cursor.fetchone()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def cpu_ms(path: str, headers: dict, repeats: int = 100) -> float:
    """This process's CPU time per request, through the whole Django stack (no HTTP): less
    moved than requests a second by other work on a shared machine."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(10):
        assert client.get(path, **headers).status_code == 200
    started = time.process_time()
    for _ in range(repeats):
        client.get(path, **headers)
    return (time.process_time() - started) * 1000 / repeats


def load(
    port: int, path: str, headers: dict, *, clients: int, requests: int
) -> tuple[float, float]:
    """Requests a second and p95 (ms) for `requests` requests from `clients` threads."""
    timings: list[float] = []
    failures: list[int] = []
    per_client = requests // clients

    def run():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_client):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            timings.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                failures.append(response.status)
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{path}: {len(failures)} responses were not 200 (e.g. {failures[0]})")
    timings.sort()
    return len(timings) / elapsed, timings[int(len(timings) * 0.95) - 1]


def cpu_seconds(pids) -> dict[int, float]:
    """User and system CPU time of each of these processes so far (those gone are left out)."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time used between the two readings, a process started since counting whole."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in after.items())


def server_pids(master: int) -> tuple[list[int], list[int]]:
    """The gunicorn workers of `master`, and the PostgreSQL backends serving this database
    (their connections are kept between requests), but not this process's own."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(stat.parent.name))
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        backends = [pid for (pid,) in cursor.fetchall()]
    return workers, backends


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="use the data already there")
    parser.add_argument("--children", type=int, default=2000, help="demo children to build")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=1600, help="requests per endpoint")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench/api.py measures PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    if not args.reuse:
        call_command("demo_data", children=args.children, quiet_progress=True)
    token = setup_client()
    # Planner statistics, as autovacuum keeps them in a running database (it is off on some
    # machines, and freshly loaded tables have none): both the API and the SQL anchor need them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sql_ms = sql_page_ms()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    cpu = {
        "/healthz": cpu_ms("/healthz", {}),
        "/api/v1/children/": cpu_ms("/api/v1/children/", bearer),
        "/api/v1/settings/": cpu_ms("/api/v1/settings/", bearer),
    }
    connection.close()

    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_RATE_LIMIT": "1000000/minute",
        "LOG_LEVEL": "WARNING",
        # Each worker keeps its connection for the whole run, so that its backend's CPU is read.
        "DB_CONN_MAX_AGE": "600",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "send_portal.wsgi:application",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(args.port)
        headers = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1"}
        page = "/api/v1/children/"
        load(args.port, page, headers, clients=args.clients, requests=args.clients * 5)  # warm
        load(
            args.port,
            "/healthz",
            {"Host": "127.0.0.1"},
            clients=args.clients,
            requests=args.clients * 5,
        )
        server_cpu = {}

        def measured(path, path_headers):
            pids = server_pids(server.pid)
            before = [cpu_seconds(group) for group in pids]
            figures = load(
                args.port, path, path_headers, clients=args.clients, requests=args.requests
            )
            after = [cpu_seconds(group) for group in server_pids(server.pid)]
            done = args.requests // args.clients * args.clients
            server_cpu[path] = tuple(
                1000 * cpu_used(b, a) / done for b, a in zip(before, after, strict=True)
            )
            return figures

        health_rate, health_p95 = measured("/healthz", {"Host": "127.0.0.1"})
        rate, p95 = measured(page, headers)
        settings_rate, settings_p95 = measured("/api/v1/settings/", headers)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    per_request_ms = 1000 * 4 / rate  # worker time per page, 4 workers busy
    print(f"/healthz:            {health_rate:7.0f} req/s  p95 {health_p95:6.1f} ms  (anchor)")
    print(
        f"/api/v1/children/:   {rate:7.0f} req/s  p95 {p95:6.1f} ms  (goal >= {GOAL_RATE} req/s, p95 < {GOAL_P95_MS} ms)"
    )
    print(f"/api/v1/settings/:   {settings_rate:7.0f} req/s  p95 {settings_p95:6.1f} ms")
    print(
        f"one SQL statement, the same page as JSON: {sql_ms:.1f} ms; the API: {per_request_ms:.1f} ms of a worker per page ({per_request_ms / sql_ms:.1f}x, goal within {GOAL_SQL_FACTOR}x)"
    )
    print(
        "CPU per request in one process: "
        + ", ".join(f"{path} {ms:.1f} ms" for path, ms in cpu.items())
    )
    print(
        "server CPU per request under load (gunicorn workers + PostgreSQL backends): "
        + ", ".join(f"{path} {w:.1f} + {d:.1f} ms" for path, (w, d) in server_cpu.items())
    )
    worker_ms, database_ms = server_cpu[page]
    print(
        f"so two cores given to the server alone would serve about "
        f"{2000 / (worker_ms + database_ms):.0f} pages a second "
        f"(/healthz: {2000 / sum(server_cpu['/healthz']):.0f})"
    )
    failed = rate < GOAL_RATE or p95 >= GOAL_P95_MS or per_request_ms > GOAL_SQL_FACTOR * sql_ms
    print("PAST THE GOAL" if failed else "within the goal")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
