"""A council system records a request for an EHC needs assessment: through the service, refused
with field errors and nothing written, and safe to retry with an Idempotency-Key."""

import datetime
import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from api.models import IdempotencyKey
from cases.models import AssessmentRequest, PartnerOrganisation, TimelineEvent
from cases.services.requests import HAS_PLAN, OPEN_REQUEST_EXISTS

from .conftest import make_client, token_beyond_its_kind

pytestmark = pytest.mark.django_db
URL = "/api/v1/requests/"


def body_for(who, **changes):
    return {"child": who.reference, "received_on": "2025-02-03", "source": "1", **changes}


def post(client, headers, body, key=None, raw=None):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        URL, raw if raw is not None else body, content_type="application/json", **headers, **extra
    )


def test_the_council_records_a_request_and_its_deadlines_start(client, world):
    response = post(client, world["council"], body_for(world["other"], youth_custody=True))
    assert response.status_code == 201, response.content
    body = response.json()
    request = AssessmentRequest.objects.get(child=world["other"])
    assert response["Location"] == f"/api/v1/requests/{request.pk}/"
    assert body["id"] == request.pk and body["child"] == world["other"].reference
    assert body["status"] == "awaiting_decision" and body["source"] == "1"
    assert body["decision_due_on"] == "2025-03-17"  # reg 4(2): 6 weeks from 3 February
    assert f"request{request.pk}:decision_to_assess" in {d["key"] for d in body["deadlines"]}
    assert request.youth_custody is True and request.received_on.isoformat() == "2025-02-03"
    event = TimelineEvent.objects.get(child=world["other"], verb="request_received")
    assert event.actor_label == "County Council"  # the history names the partner system


def test_the_same_key_and_body_again_returns_the_first_response_and_creates_nothing(client, world):
    first = post(client, world["council"], body_for(world["other"]), key="3f1c-7a2e")
    again = post(client, world["council"], body_for(world["other"]), key="3f1c-7a2e")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert AssessmentRequest.objects.filter(child=world["other"]).count() == 1
    assert IdempotencyKey.objects.get().response_status == 201


def test_the_same_body_formatted_differently_is_the_same_request(client, world):
    first = post(client, world["council"], body_for(world["other"]), key="k-1")
    reordered = json.dumps(dict(reversed(list(body_for(world["other"]).items()))), indent=2)
    again = post(client, world["council"], None, key="k-1", raw=reordered)
    assert again.status_code == 201 and again.json() == first.json()
    assert AssessmentRequest.objects.filter(child=world["other"]).count() == 1


def test_the_same_key_with_a_different_body_is_422_and_creates_nothing(client, world):
    post(client, world["council"], body_for(world["other"]), key="k-1")
    response = post(
        client, world["council"], body_for(world["other"], received_on="2025-02-04"), key="k-1"
    )
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["errors"]
    assert AssessmentRequest.objects.filter(child=world["other"]).count() == 1


def test_a_second_key_for_the_same_request_is_refused_by_the_service(client, world):
    assert post(client, world["council"], body_for(world["other"]), key="k-1").status_code == 201
    second = post(client, world["council"], body_for(world["other"]), key="k-2")
    assert second.status_code == 400
    assert second.json()["errors"] == {
        "non_field_errors": [OPEN_REQUEST_EXISTS.format(on="3 February 2025")]
    }
    assert AssessmentRequest.objects.filter(child=world["other"]).count() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["k-1"]


def test_keys_belong_to_one_client(client, world):
    assert post(client, world["council"], body_for(world["other"]), key="k-1").status_code == 201
    other_system, _ = make_client("Second council system", "council")
    response = post(client, other_system, body_for(world["other"]), key="k-1")
    assert response.status_code == 400  # not a replay of another client's response
    assert "Idempotent-Replayed" not in response


def test_a_refused_request_does_not_use_up_its_key(client, world):
    refused = post(client, world["council"], body_for(world["other"], source="9"), key="k-1")
    assert refused.status_code == 400 and "source" in refused.json()["errors"]
    assert not IdempotencyKey.objects.exists()
    corrected = post(client, world["council"], body_for(world["other"]), key="k-1")
    assert corrected.status_code == 201


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"received_on": "2025-03-04"}, "received_on"),  # tomorrow
        ({"received_on": "2001-01-01"}, "received_on"),  # before the child was born
        ({"received_on": "3 February 2025"}, "received_on"),
        ({"received_on": 20250203}, "received_on"),
        ({"received_on": None}, "received_on"),
        ({"source": "9"}, "source"),
        ({"source": 1.5}, "source"),
        ({"youth_custody": "perhaps"}, "youth_custody"),
        ({"child": "SEND-9999999"}, "child"),
        ({"child": ""}, "child"),
        ({"child": "x" * 21}, "child"),
        ({"child": ["SEND-0000001"]}, "child"),
        ({"child": "SEND\u0000"}, "child"),
    ],
)
def test_bad_input_is_400_with_field_errors_and_writes_nothing(client, world, changes, field):
    response = post(client, world["council"], body_for(world["other"], **changes), key="k-1")
    assert response.status_code == 400, response.content
    assert response.json()["status"] == 400
    assert field in response.json()["errors"]
    assert not AssessmentRequest.objects.filter(child=world["other"]).exists()
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize(
    "child, message",
    [("with_plan", HAS_PLAN), ("asked", OPEN_REQUEST_EXISTS.format(on="6 January 2025"))],
)
def test_a_step_the_service_refuses_is_400_and_writes_nothing(client, world, child, message):
    before = AssessmentRequest.objects.count()
    response = post(client, world["council"], body_for(world[child]), key="k-1")
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": [message]}
    assert AssessmentRequest.objects.count() == before
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize(
    "raw",
    ["{not json", "[]", '"a string"', "null", "", '{"child": {"reference": "SEND-0000003"}}'],
)
def test_a_body_that_is_not_a_request_is_400_not_500(client, world, raw):
    response = post(client, world["council"], None, raw=raw)
    assert response.status_code == 400, response.content
    assert response.json()["status"] == 400
    assert not AssessmentRequest.objects.filter(child=world["other"]).exists()


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "clé"])
def test_a_malformed_idempotency_key_is_400(client, world, key):
    response = post(client, world["council"], body_for(world["other"]), key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert not AssessmentRequest.objects.filter(child=world["other"]).exists()


@pytest.mark.parametrize("kind", ["school", "health"])
def test_only_the_councils_own_systems_record_requests(client, world, kind):
    body = body_for(world["with_plan" if kind == "school" else "asked"])
    before = AssessmentRequest.objects.count()
    response = post(client, world[kind], body)
    assert response.status_code == 403  # their tokens cannot hold requests:write
    assert response.json()["detail"] == "This client does not have the scope for this request"
    partner = PartnerOrganisation.objects.get(kind=kind)
    response = post(client, token_beyond_its_kind(partner, "requests:write"), body)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the council's own systems may record a request"
    assert AssessmentRequest.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_twice_at_once_creates_one_request(world):
    """The second waits on the first's key and then replays its response."""
    headers = world["council"]
    body = json.dumps(body_for(world["other"]))
    responses = []
    start = threading.Barrier(2)

    def send():
        start.wait()
        try:
            responses.append(
                Client().post(
                    URL,
                    body,
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY="k-1",
                    **headers,
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in responses) == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert AssessmentRequest.objects.filter(child=world["other"]).count() == 1


def test_keys_are_kept_for_a_week_then_removed_by_the_nightly_housekeeping(client, world):
    from api import tasks
    from send_portal.schedule import BEAT_SCHEDULE

    post(client, world["council"], body_for(world["other"]), key="old-key")
    old = IdempotencyKey.objects.get(key="old-key")
    IdempotencyKey.objects.create(
        application=old.application,
        key="new-key",
        request_hash=old.request_hash,
        response_status=old.response_status,
        response_body=old.response_body,
    )
    IdempotencyKey.objects.filter(key="old-key").update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert tasks.housekeeping.name in {entry["task"] for entry in BEAT_SCHEDULE.values()}
    result = tasks.housekeeping.apply().get()
    assert result == {"idempotency_keys": 1}
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new-key"]
