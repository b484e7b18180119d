"""The real thing: a Celery worker over the real Redis writes alerts into PostgreSQL; and the
portal keeps working when the broker is down."""

import datetime
import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import time_machine
from django.db import connection

from alerts.models import Alert
from alerts.tasks import enqueue_on_commit, nightly_sweep
from send_portal.celery import app
from tests.cases import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_broker(redis_url):
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    yield redis_url
    app.conf.task_always_eager, app.conf.broker_url = previous


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_sweep_and_alerts_land_in_postgresql(
    postgres, real_broker, caseworker, team
):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        factories.request_received(by=caseworker, child=child)
    queue = f"e2e-{uuid.uuid4().hex[:8]}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="send_portal.settings.test",
        DATABASE_URL=database_url(),
        REDIS_URL=real_broker,
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "send_portal",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**env, "CELERY_WORKER_EAGER": "0"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        with app.connection_for_write(real_broker) as broker:
            nightly_sweep.apply_async(kwargs={"on": "2024-10-15"}, queue=queue, connection=broker)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not Alert.objects.filter(child=child).exists():
            assert worker.poll() is None, worker.stdout.read().decode()[-2000:]
            time.sleep(0.5)
        alert = Alert.objects.get(child=child, threshold="overdue")
        assert alert.key.endswith("decision_to_assess") and alert.recipient == caseworker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.django_db
def test_with_the_broker_down_enqueueing_logs_and_the_request_goes_on(
    caplog, django_capture_on_commit_callbacks
):
    saved = (app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app._pool = app.amqp._producer_pool = None  # connections are pooled per broker address
    try:
        started = time.monotonic()
        with (
            caplog.at_level(logging.WARNING, logger="alerts.tasks"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            enqueue_on_commit(nightly_sweep, on="2024-10-15")
        assert time.monotonic() - started < 20
        assert "broker unavailable" in caplog.text
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


@pytest.mark.django_db
def test_pages_work_with_the_broker_down(client, caseworker, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    client.force_login(caseworker)
    assert client.get("/").status_code == 200
    assert client.get("/inbox/").status_code == 200
    assert client.get("/healthz").status_code == 503
