"""The broker (Redis) down while the portal is up: asking for a SEN2 return still answers with a
clear page, the return is marked as not sent, asking again is not refused, and once the broker
is back the return is sent again by the periodic task (or by asking again) and generated once.
A real closed port stands in for the dead broker, and the real Redis for the live one."""

import contextlib
import datetime
import json
import logging

import pytest
import redis
import time_machine

from core import queue as portal_tasks
from reporting import services
from reporting.models import Sen2Return, Sen2Status
from reporting.tasks import generate_sen2_return, resume_sen2_returns
from send_portal.celery import app

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 2, 10, 10, 0, tzinfo=datetime.UTC)
DEAD_BROKER = "redis://127.0.0.1:1/0"  # a closed port: nothing listens there
ASKED = {
    "census_date_day": "15",
    "census_date_month": "1",
    "census_date_year": "2026",
    "dmo_in_post": "Yes",
    "dco_in_post": "No",
    "dsco_in_post": "Recruiting",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@contextlib.contextmanager
def broker(url: str):
    """Celery talking to `url` for real (not in-process); connections are pooled per broker
    address, so the pools are emptied on the way in and out."""
    saved = (app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


@pytest.fixture
def live_queue(redis_url):
    """The real Redis, and the generation jobs waiting in its default queue."""
    client = redis.Redis.from_url(redis_url)
    client.delete("celery")

    def waiting() -> list[list]:
        return [
            json.loads(message)["headers"]["argsrepr"]
            for message in client.lrange("celery", 0, -1)
            if json.loads(message)["headers"]["task"] == generate_sen2_return.name
        ]

    yield waiting
    client.delete("celery")


def ask(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/reports/sen2/", ASKED)


@time_machine.travel(NOW, tick=False)
def test_asking_with_the_broker_down_answers_and_asking_again_works_once_it_is_back(
    client,
    head_of_service,
    council,
    live_queue,
    redis_url,
    caplog,
    django_capture_on_commit_callbacks,
):
    client.force_login(head_of_service)
    with broker(DEAD_BROKER), caplog.at_level(logging.WARNING, logger="core.queue"):
        response = ask(client, django_capture_on_commit_callbacks)
        first = Sen2Return.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/reports/sen2/{first.pk}/"
        assert (
            "broker unavailable, reporting.tasks.generate_sen2_return not enqueued" in caplog.text
        )
        assert first.status == Sen2Status.QUEUED and first.enqueued_at is None
        page = client.get(response["Location"])
        body = page.content.decode()
        assert page.status_code == 200
        assert "The background service that generates returns is not answering" in body
        assert "Try again now" in body
        # Asking again while it is still down: not refused as "already being generated".
        again = ask(client, django_capture_on_commit_callbacks)
        assert again.status_code == 302, again.content.decode()[:2000]
    first.refresh_from_db()
    assert (first.status, first.error) == (Sen2Status.FAILED, services.NOT_STARTED)
    second = Sen2Return.objects.exclude(pk=first.pk).get()
    assert second.status == Sen2Status.QUEUED and second.enqueued_at is None

    with broker(redis_url):
        third_response = ask(client, django_capture_on_commit_callbacks)
    assert third_response.status_code == 302
    third = Sen2Return.objects.exclude(pk__in=(first.pk, second.pk)).get()
    assert third.enqueued_at == NOW and third.status == Sen2Status.QUEUED
    assert live_queue() == [f"({third.pk},)"]
    second.refresh_from_db()
    assert (second.status, second.error) == (Sen2Status.FAILED, services.NOT_STARTED)
    body = client.get(f"/reports/sen2/{third.pk}/").content.decode()
    assert "Waiting to start" in body and "not answering" not in body


@time_machine.travel(NOW, tick=False)
def test_a_return_the_broker_never_took_is_sent_again_once_it_is_back_and_runs_once(
    client, head_of_service, council, live_queue, redis_url, django_capture_on_commit_callbacks
):
    client.force_login(head_of_service)
    with broker(DEAD_BROKER):
        ask(client, django_capture_on_commit_callbacks)
        sen2_return = Sen2Return.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            assert resume_sen2_returns() == {"sent_again": 1, "stopped": 0}
        sen2_return.refresh_from_db()
        assert sen2_return.enqueued_at is None  # still down: still waiting, nothing lost
    with broker(redis_url), django_capture_on_commit_callbacks(execute=True):
        assert resume_sen2_returns() == {"sent_again": 1, "stopped": 0}
    sen2_return.refresh_from_db()
    assert sen2_return.enqueued_at == NOW and sen2_return.stage == ""
    assert live_queue() == [f"({sen2_return.pk},)"]
    # The worker runs it; the same job delivered twice generates the return once.
    assert generate_sen2_return(sen2_return.pk) == Sen2Status.COMPLETE
    finished_at = Sen2Return.objects.get().finished_at
    assert generate_sen2_return(sen2_return.pk) == Sen2Status.COMPLETE
    assert Sen2Return.objects.get().finished_at == finished_at
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_sen2_returns() == {"sent_again": 0, "stopped": 0}


def test_a_return_whose_worker_died_does_not_block_the_next(
    client, head_of_service, council, redis_url, live_queue, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW, tick=False):
        died = Sen2Return.objects.create(
            census_date=datetime.date(2026, 1, 15),
            dmo_in_post="Yes",
            dco_in_post="Yes",
            dsco_in_post="Yes",
            status=Sen2Status.RUNNING,
            started_at=NOW,
            enqueued_at=NOW,
            progress=40,
        )
    client.force_login(head_of_service)
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        refused = client.post("/reports/sen2/", ASKED)  # still running: wait for it
        assert refused.status_code == 400
        assert services.ALREADY_RUNNING in refused.content.decode()
    with (
        time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False),
        broker(redis_url),
    ):
        client.logout()  # signed in afresh: an hour idle ends a sign-in
        client.force_login(head_of_service)
        response = ask(client, django_capture_on_commit_callbacks)
    died.refresh_from_db()
    asked = Sen2Return.objects.exclude(pk=died.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/reports/sen2/{asked.pk}/"
    assert (died.status, died.error) == (Sen2Status.FAILED, services.STOPPED)
    assert Sen2Return.objects.filter(status=Sen2Status.QUEUED).count() == 1


def test_the_periodic_task_marks_a_dead_run_as_stopped(head_of_service, council):
    with time_machine.travel(NOW, tick=False):
        died = Sen2Return.objects.create(
            census_date=datetime.date(2026, 1, 15),
            dmo_in_post="Yes",
            dco_in_post="Yes",
            dsco_in_post="Yes",
            status=Sen2Status.RUNNING,
            started_at=NOW,
        )
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        assert resume_sen2_returns() == {"sent_again": 0, "stopped": 1}
    died.refresh_from_db()
    assert (died.status, died.error) == (Sen2Status.FAILED, services.STOPPED)


def test_the_enqueue_helper_gives_up_quickly_and_says_so(caplog):
    import time

    with broker(DEAD_BROKER), caplog.at_level(logging.WARNING, logger="core.queue"):
        started = time.monotonic()
        assert portal_tasks.enqueue(generate_sen2_return, args=(1,)) is False
        assert time.monotonic() - started < 20
    assert "broker unavailable" in caplog.text
    assert "(1,)" not in caplog.text  # never the job's arguments
