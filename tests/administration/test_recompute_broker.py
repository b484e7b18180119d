"""A change to the counting setting with the real broker: the recompute goes to the worker's
queue (after every process has the new setting), and with the broker down it runs at once."""

import contextlib
import datetime
import html
import json

import pytest
import redis

from administration.tasks import deadlines_recompute_all
from cases.models import StatutoryDeadline
from send_portal.celery import app
from tests.cases import factories

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

DAY_ONE = {
    "name": "Northshire County Council",
    "la_number": "938",
    "receipt_day_is_day_one": "yes",
}


@contextlib.contextmanager
def broker(url: str):
    saved = (app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


@pytest.fixture
def queue(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.delete("celery")

    def waiting() -> list[dict]:
        return [
            json.loads(message)["headers"]
            for message in client.lrange("celery", 0, -1)
            if json.loads(message)["headers"]["task"] == deadlines_recompute_all.name
        ]

    yield waiting
    client.delete("celery")


@pytest.fixture
def decision(caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=child, received_on=datetime.date(2024, 9, 2))
    row = StatutoryDeadline.objects.get(child=child, key__contains="decision_to_assess")
    assert row.due_on == datetime.date(2024, 10, 14)
    return row


def test_with_a_broker_the_worker_recomputes_and_the_page_says_so(
    client, administrator, decision, queue, redis_url, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with broker(redis_url), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/administration/council/", DAY_ONE, follow=True)
    body = html.unescape(response.content.decode())
    assert "are being recomputed with the new way of counting days" in body
    waiting = queue()
    assert len(waiting) == 1 and waiting[0]["eta"], waiting  # after the cached copies expire
    decision.refresh_from_db()
    assert decision.due_on == datetime.date(2024, 10, 14)  # not in the web request
    deadlines_recompute_all.apply()  # what the worker runs
    decision.refresh_from_db()
    assert decision.due_on == datetime.date(2024, 10, 13)


def test_with_the_broker_down_the_recompute_still_happens(
    client, administrator, decision, django_capture_on_commit_callbacks, caplog
):
    client.force_login(administrator)
    with (
        broker("redis://127.0.0.1:1/0"),
        caplog.at_level("WARNING"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/administration/council/", DAY_ONE)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.due_on == datetime.date(2024, 10, 13)
    assert "runs in this process" in caplog.text
