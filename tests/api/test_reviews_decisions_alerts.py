"""Annual reviews, panel decisions and alerts: who sees which, what each carries, the change feed,
and the access log."""

import datetime

import pytest
import time_machine

from alerts.sweep import sweep_run
from cases.models import PartnerOrganisation, RecordAccess
from cases.services import requests, reviews
from panels import services as panels

from .conftest import token_beyond_its_kind

pytestmark = pytest.mark.django_db


def children_in(client, headers, path):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    return sorted(item["child"] for item in response.json()["results"])


def refs(world, *keys):
    return sorted(world[k].reference for k in keys)


# --- Annual reviews ---------------------------------------------------------------------------


def test_a_review_carries_its_dates_and_its_statutory_deadline(client, world, records):
    review = records["review"]
    body = client.get(f"/api/v1/reviews/{review.pk}/", **world["school"]).json()
    assert body["plan"] == review.plan_id
    assert body["child"] == world["with_plan"].reference
    assert body["kind"] == "annual" and body["completed"] is False
    # The last day of the 12 months starting with the final plan of 13 January 2025 (CFA s44(1)).
    assert body["due_on"] == "2026-01-12"
    assert body["meeting_on"] is None and body["decision"] == ""
    (deadline,) = body["deadlines"]
    assert deadline["key"] == f"review{review.pk}:annual_review"
    assert deadline["due_on"] == "2026-01-12"
    assert deadline["explanation"].startswith(
        "CFA s44(1): review within the period of 12 months starting with the plan made on "
        "13 January 2025, so by 12 January 2026"
    )


@pytest.mark.parametrize(
    "kind, expected", [("council", ["with_plan"]), ("school", ["with_plan"]), ("health", [])]
)
def test_reviews_of_children_the_client_may_see(client, world, records, kind, expected):
    assert children_in(client, world[kind], "/api/v1/reviews/") == refs(world, *expected)


def test_a_review_the_client_may_not_see_is_404(client, world, records):
    response = client.get(f"/api/v1/reviews/{records['review'].pk}/", **world["health"])
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_the_review_feed_brings_a_review_again_when_its_meeting_is_recorded(
    client, world, records, caseworker
):
    feed = "/api/v1/reviews/?modified_since=2025-03-03T12:00:00Z"
    assert client.get(feed, **world["council"]).json()["results"] == []
    with time_machine.travel(
        datetime.datetime(2025, 11, 20, 9, 30, tzinfo=datetime.UTC), tick=False
    ):
        reviews.review_meeting_record(
            review=records["review"],
            meeting_on=datetime.date(2025, 11, 20),
            notice_sent_on=datetime.date(2025, 11, 3),
            by=caseworker,
        )
    (changed,) = client.get(feed, **world["council"]).json()["results"]
    assert changed["meeting_on"] == "2025-11-20" and changed["notice_sent_on"] == "2025-11-03"
    assert changed["modified_at"] == "2025-11-20T09:30:00Z"


def test_review_reads_are_logged(client, world, records):
    client.get("/api/v1/reviews/", **world["council"])
    client.get(f"/api/v1/reviews/{records['review'].pk}/", **world["school"])
    logged = RecordAccess.objects.filter(channel="api", child=world["with_plan"])
    assert set(logged.values_list("what", "client_label")) == {
        ("api reviews list", "County Council"),
        ("api reviews", "Riverside Primary School"),
    }


# --- Panel decisions --------------------------------------------------------------------------


def test_a_decision_carries_the_panel_the_option_and_the_funding(client, world, records):
    decision = records["decisions"]["with_plan"]
    body = client.get(f"/api/v1/panel-decisions/{decision.pk}/", **world["school"]).json()
    assert body == {
        "id": decision.pk,
        "child": world["with_plan"].reference,
        "panel_type": "Placement panel",
        "panel_kind": "placement",
        "meeting_on": "2025-03-03",
        "option": {"code": "agree_placement", "label": "Agree the placement"},
        "reasons": "The setting can meet the needs in section F.",
        "conditions": "Review the placement after one term.",
        "funding_band": "C",
        "setting": {"id": decision.setting_id, "name": "Riverside Primary School", "urn": "100001"},
        "confirmed_at": "2025-03-03T00:00:00Z",
        "modified_at": "2025-03-03T00:00:00Z",
    }
    assert "dissent" not in body and "recorded_by" not in body


@pytest.mark.parametrize(
    "kind, expected",
    [("council", ["with_plan", "asked"]), ("school", ["with_plan"]), ("health", ["asked"])],
)
def test_only_confirmed_decisions_about_children_the_client_may_see(
    client, world, records, kind, expected
):
    assert children_in(client, world[kind], "/api/v1/panel-decisions/") == refs(world, *expected)


def test_a_decision_not_yet_confirmed_is_404_even_for_the_council(client, world, records):
    unconfirmed = records["decisions"]["other"]
    assert (
        client.get(f"/api/v1/panel-decisions/{unconfirmed.pk}/", **world["council"]).status_code
        == 404
    )


def test_the_decision_feed_runs_on_the_time_of_confirmation(client, world, records):
    feed = "/api/v1/panel-decisions/?modified_since=2025-03-03T12:00:00Z"
    assert client.get(feed, **world["council"]).json()["results"] == []
    chair = records["decisions"]["other"].item.meeting.chair
    with time_machine.travel(datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC), tick=False):
        panels.decision_confirm(decision=records["decisions"]["other"], by=chair)
    (confirmed,) = client.get(feed, **world["council"]).json()["results"]
    assert confirmed["child"] == world["other"].reference
    assert confirmed["confirmed_at"] == confirmed["modified_at"] == "2025-03-04T10:00:00Z"


def test_decision_reads_are_logged(client, world, records):
    client.get("/api/v1/panel-decisions/", **world["health"])
    logged = RecordAccess.objects.filter(channel="api", what="api panel_decisions list")
    assert list(logged.values_list("child", "client_label")) == [
        (world["asked"].pk, "Community Health Trust")
    ]


# --- Alerts -----------------------------------------------------------------------------------


def test_the_council_system_reads_alerts_without_personal_details(client, world, records):
    (alert,) = records["alerts"]["asked"]
    (body,) = client.get("/api/v1/alerts/", **world["council"]).json()["results"]
    assert body == {
        "id": alert.pk,
        "child": world["asked"].reference,
        "kind": "advice",
        "threshold": "due_2_weeks",
        "key": alert.key,
        "title": alert.title,
        "due_on": "2025-03-18",
        "raised_on": "2025-03-10",
        "closed_at": None,
        "modified_at": "2025-03-10T00:00:00Z",
    }
    assert world["asked"].surname not in str(body)


@pytest.mark.parametrize("kind", ["school", "health"])
@pytest.mark.parametrize("detail", [False, True])
def test_alerts_are_403_for_schools_and_health_trusts(client, world, records, kind, detail):
    (alert,) = records["alerts"]["asked"]
    path = f"/api/v1/alerts/{alert.pk}/" if detail else "/api/v1/alerts/"
    response = client.get(path, **world[kind])
    assert response.status_code == 403  # their tokens cannot hold alerts:read
    assert response.json()["detail"] == "This client does not have the scope for this request"
    partner = PartnerOrganisation.objects.get(kind=kind)
    response = client.get(path, **token_beyond_its_kind(partner, "alerts:read"))
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "detail": "Alerts are for the council's own systems only",
        "errors": {},
    }


def test_staff_in_a_browser_see_alerts_about_the_children_they_can_see(
    client, world, records, other_caseworker, caseworker
):
    client.force_login(other_caseworker)
    assert client.get("/api/v1/alerts/").json()["results"] == []
    client.force_login(caseworker)
    assert children_in(client, {}, "/api/v1/alerts/") == refs(world, "asked")


def test_the_alert_feed_brings_an_alert_again_when_it_closes(client, world, records, caseworker):
    (alert,) = records["alerts"]["asked"]
    since = "/api/v1/alerts/?modified_since="
    # Raised on 10 March: dated by day, so a poll later that day still gets it (at least once).
    assert (
        len(client.get(since + "2025-03-10T08:00:00Z", **world["council"]).json()["results"]) == 1
    )
    assert client.get(since + "2025-03-11T00:00:00Z", **world["council"]).json()["results"] == []
    requests.advice_record(
        advice=world["advice"], returned_on=datetime.date(2025, 3, 1), by=caseworker
    )
    with time_machine.travel(datetime.datetime(2025, 3, 12, 2, 0, tzinfo=datetime.UTC), tick=False):
        sweep_run()
    (closed,) = client.get(since + "2025-03-11T00:00:00Z", **world["council"]).json()["results"]
    assert closed["id"] == alert.pk
    assert closed["closed_at"] == closed["modified_at"] == "2025-03-12T02:00:00Z"


def test_alert_reads_are_logged(client, world, records):
    (alert,) = records["alerts"]["asked"]
    client.get(f"/api/v1/alerts/{alert.pk}/", **world["council"])
    assert RecordAccess.objects.filter(
        channel="api", what="api alerts", child=world["asked"], client_label="County Council"
    ).exists()
