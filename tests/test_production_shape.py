"""The production shape, as far as a machine without Docker allows: docker-compose.yml is parsed,
and its web, worker and beat commands run here exactly as the containers run them - same command,
same environment, the production settings - against this run's PostgreSQL and Redis; then each
service's own health check command, the exact one in the compose file, must pass."""

import base64
import datetime
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
README = (ROOT / "README.md").read_text()
GOOD_KEY = "compose-test-" + "9f3b2c7d-41e8-4a6b-b0d5-8e2f1c3a7b64" * 2
# What the README tells an operator to set before `docker compose up`.
OPERATOR_ENV = {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "send.example.gov.uk"}
PORTAL_SERVICES = ("web", "worker", "beat")
# The variables whose compose values name the containers' network or file system; the test points
# them at this machine's services and a temporary folder. Nothing else differs from compose.
MACHINE_SPECIFIC = {
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_CACHE_URL",
    "MEDIA_ROOT",
    "CELERY_BEAT_SCHEDULE_FILENAME",
    "PORT",
}

_VARIABLE = re.compile(r"\$(?:(?P<dollar>\$)|\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})")


def interpolate(value, environ: dict) -> str:
    """Compose's variable substitution: ${X}, ${X:-default}, ${X-default}, ${X:?error}, $$."""

    def substitute(match):
        if match["dollar"]:
            return "$"
        name, op, arg = match["name"], match["op"], match["arg"]
        current = environ.get(name)
        if op in (":?", "?"):
            missing = not current if op == ":?" else current is None
            if missing:
                raise KeyError(f"{name}: {arg}")
            return current
        if op == ":-":
            return current or arg
        if op == "-":
            return arg if current is None else current
        return current or ""

    return _VARIABLE.sub(substitute, str(value))


def service(name: str) -> dict:
    return COMPOSE["services"][name]


def compose_environment(name: str) -> dict:
    return {
        key: interpolate(value, OPERATOR_ENV)
        for key, value in (service(name).get("environment") or {}).items()
    }


def command_args(command) -> list[str]:
    """Compose runs a string command split like a shell would, not through a shell."""
    if isinstance(command, list):
        return command
    return shlex.split(command)


def healthcheck_args(name: str, environ: dict) -> list[str]:
    test = service(name)["healthcheck"]["test"]
    kind, rest = test[0], [interpolate(part, environ) for part in test[1:]]
    if kind == "CMD":
        return rest
    assert kind == "CMD-SHELL", test
    return ["/bin/sh", "-c", rest[0]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_of_this_run() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


class Container:
    """One compose service's command, run on this machine with the compose environment."""

    def __init__(self, name: str, environ: dict, log: Path):
        self.name, self.environ, self.log_path = name, environ, log
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [interpolate(arg, OPERATOR_ENV) for arg in command_args(service(name)["command"])],
            cwd=ROOT,
            env=environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def healthcheck(self) -> subprocess.CompletedProcess:
        timeout = int(str(service(self.name)["healthcheck"]["timeout"]).rstrip("s"))
        return subprocess.run(
            healthcheck_args(self.name, self.environ),
            cwd=ROOT,
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=timeout + 30,
        )

    def wait_healthy(self, within: float) -> subprocess.CompletedProcess:
        deadline = time.monotonic() + within
        while True:
            assert self.process.poll() is None, f"{self.name} exited:\n{self.output()}"
            result = self.healthcheck()
            if result.returncode == 0 or time.monotonic() > deadline:
                return result
            time.sleep(1)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def run_service(postgres, redis_url, tmp_path):
    """Start a compose service's command with its compose environment, pointed at this run's
    PostgreSQL, Redis and a temporary folder; stopped (its whole process group) afterwards."""
    started = []
    bin_dir = str(Path(sys.executable).parent)

    def start(name: str, **extra: str) -> Container:
        environ = compose_environment(name)
        machine = {
            "DATABASE_URL": database_url_of_this_run(),
            "REDIS_URL": redis_url,
            "REDIS_CACHE_URL": redis_url,
            "MEDIA_ROOT": str(tmp_path / "media"),
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
            "PORT": str(free_port()),
        }
        assert set(machine) == MACHINE_SPECIFIC and set(environ) >= MACHINE_SPECIFIC
        environ.update(machine)
        environ.update(
            # What the image adds (Dockerfile) and what a container has: its host name.
            PATH=f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            HOME=str(tmp_path),
            PYTHONUNBUFFERED="1",
            HOSTNAME=socket.gethostname(),
        )
        environ.update(extra)
        assert environ["DJANGO_SETTINGS_MODULE"] == "send_portal.settings.production"
        container = Container(name, environ, tmp_path / f"{name}.log")
        started.append(container)
        return container

    yield start
    for container in started:
        container.stop()


def http(port: str, path: str, *, host="send.example.gov.uk", headers=None):
    """(status, Location) of a request to the local gunicorn, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **(headers or {})}
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=20) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_web_starts_healthy_behind_a_tls_proxy_and_its_rate_limits_hold_across_workers(
    run_service, redis_url
):
    # A low API rate (API_RATE_LIMIT, as an operator may set it) keeps the test quick.
    web = run_service("web", API_RATE_LIMIT="100/minute")
    result = web.wait_healthy(within=120)
    assert result.returncode == 0, f"{result.stdout}{result.stderr}\n{web.output()}"
    port = web.environ["PORT"]

    # TLS ends at the proxy: plain HTTP is sent to HTTPS, what the proxy forwarded is served,
    # and only the host names in ALLOWED_HOSTS are answered.
    assert http(port, "/") == (301, "https://send.example.gov.uk/")
    status, location = http(port, "/", headers={"X-Forwarded-Proto": "https"})
    assert status == 302 and location.startswith("/sign-in/")
    assert http(port, "/healthz", host="attacker.example")[0] == 400

    # The API's rate limit is counted once for the whole service, not once per gunicorn worker
    # (three here): from a shared Redis cache.
    from oauth2_provider.models import AccessToken, Application

    from api.models import PartnerClient
    from cases.models import PartnerOrganisation

    app = Application.objects.create(
        name="County Council system",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
    )
    partner = PartnerOrganisation.objects.create(name="County Council", kind="council")
    PartnerClient.objects.create(application=app, partner=partner)
    token = AccessToken.objects.create(
        application=app,
        token=base64.urlsafe_b64encode(uuid.uuid4().bytes).decode(),
        expires=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1),
        scope="settings:read",
    )
    limit = 100
    # Ids start again with each test database: forget any count an earlier run left in Redis.
    from send_portal.cache import SharedRedisCache

    SharedRedisCache(redis_url, {"KEY_PREFIX": "send-portal"}).delete(
        f"throttle_client_client-{app.pk}"
    )
    headers = {"X-Forwarded-Proto": "https", "Authorization": f"Bearer {token.token}"}
    # One after another, so that no two requests race to count (DRF's count is not atomic);
    # gunicorn hands successive connections to whichever of its workers is free.
    started = time.monotonic()
    statuses = [http(port, "/api/v1/settings/", headers=headers)[0] for _ in range(limit + 20)]
    elapsed = time.monotonic() - started
    assert elapsed < 60, "the limit is per minute: the requests must all fall within one"
    # Each worker counting for itself would let through up to three times the limit.
    assert statuses == [200] * limit + [429] * 20, (statuses.count(200), statuses.count(429))


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_worker_starts_healthy(run_service):
    worker = run_service("worker")
    result = worker.wait_healthy(within=150)
    assert result.returncode == 0, f"{result.stdout}{result.stderr}\n{worker.output()}"
    assert "pong" in result.stdout


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_beat_starts_healthy_and_its_check_fails_when_it_stalls(run_service):
    beat = run_service("beat")
    result = beat.wait_healthy(within=90)
    assert result.returncode == 0, f"{result.stdout}{result.stderr}\n{beat.output()}"
    heartbeat = Path(beat.environ["CELERY_BEAT_SCHEDULE_FILENAME"] + ".heartbeat")
    beat.stop()
    stalled = time.time() - 10 * 60
    os.utime(heartbeat, (stalled, stalled))
    result = beat.healthcheck()
    assert result.returncode != 0 and "heartbeat" in result.stdout


def test_every_portal_service_has_a_health_check_and_web_and_worker_share_the_files():
    for name in (*PORTAL_SERVICES, "db", "redis"):
        assert service(name).get("healthcheck", {}).get("test"), name
    for name in ("web", "worker"):
        environ = compose_environment(name)
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in service(name)["volumes"]}
        assert mounts.get(environ["MEDIA_ROOT"]) == "media", name
    assert "media" in COMPOSE["volumes"]


def test_every_address_in_the_compose_environment_names_a_service_that_exists():
    for name in PORTAL_SERVICES:
        for key, value in compose_environment(name).items():
            host = urlparse(value).hostname if "://" in value else None
            assert host is None or host in COMPOSE["services"], (name, key, value)


def test_the_compose_file_needs_a_secret_key_and_allowed_hosts_from_the_operator():
    for missing in OPERATOR_ENV:
        environ = {k: v for k, v in OPERATOR_ENV.items() if k != missing}
        with pytest.raises(KeyError, match=missing):
            interpolate(service("web")["environment"][missing], environ)


ENV_READ = re.compile(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")
ENVIRON_READ = re.compile(r"""os\.environ(?:\.get)?[(\[]\s*["']([A-Z][A-Z0-9_]*)["']""")


def variables_read() -> set[str]:
    found = set()
    for path in (ROOT / "send_portal" / "settings").glob("*.py"):
        found |= set(ENV_READ.findall(path.read_text()))
    found |= set(ENVIRON_READ.findall((ROOT / "bin" / "healthcheck").read_text()))
    for name in PORTAL_SERVICES:
        found |= set(service(name).get("environment") or {})
    return found


def test_every_variable_compose_or_the_settings_read_is_in_the_readme_table():
    configuration = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for line in configuration.splitlines():
        if line.startswith("| `"):
            documented |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    assert {"DATABASE_URL", "EMAIL_URL", "REPLICA_DATABASE_URL"} <= variables_read()
    assert variables_read() - documented == set()
