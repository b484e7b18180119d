"""The partner API: each client sees only what it is entitled to; writes go through the services."""

import base64
import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from cases.models import AdviceRequest, RecordAccess

from .conftest import make_client, register_client

pytestmark = pytest.mark.django_db


def references(client, headers, path="/api/v1/children/"):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    return {item["reference"] for item in response.json()["results"]}


def test_each_client_sees_only_what_it_is_entitled_to(client, world):
    everyone = {world[k].reference for k in ("with_plan", "asked", "other")}
    assert references(client, world["council"]) == everyone
    assert references(client, world["school"]) == {world["with_plan"].reference}
    assert references(client, world["health"]) == {world["asked"].reference}


@pytest.mark.parametrize(
    "kind, child, status",
    [
        ("school", "other", 404),
        ("health", "with_plan", 404),
        ("council", "other", 200),
        ("school", "with_plan", 200),
    ],
)
def test_someone_elses_child_is_404(client, world, kind, child, status):
    assert (
        client.get(f"/api/v1/children/{world[child].reference}/", **world[kind]).status_code
        == status
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/children/",
        "/api/v1/requests/",
        "/api/v1/advice/",
        "/api/v1/plans/",
        "/api/v1/settings/",
    ],
)
def test_a_client_without_the_scope_is_refused(client, world, path):
    headers, _ = make_client(
        "Narrow system",
        "council",
        scopes="settings:read" if "settings" not in path else "children:read",
    )
    response = client.get(path, **headers)
    assert response.status_code == 403
    assert response.json()["status"] == 403


@pytest.mark.parametrize("path", ["/api/v1/children/", "/api/v1/plans/"])
def test_no_token_is_401_and_not_a_redirect(client, world, path):
    assert client.get(path).status_code == 401


def test_requests_carry_deadlines_states_and_explanations(client, world):
    body = client.get("/api/v1/requests/", **world["health"]).json()
    request = body["results"][0]
    keys = {d["key"] for d in request["deadlines"]}
    assert any(k.endswith(":final_plan") for k in keys)
    final = next(d for d in request["deadlines"] if d["key"].endswith(":final_plan"))
    assert final["explanation"].startswith("reg 13(2)")


def test_plans_have_the_current_version_with_sections(client, world):
    plan = client.get("/api/v1/plans/", **world["school"]).json()["results"][0]
    assert plan["current_version"]["kind"] == "final"
    assert plan["current_version"]["sections"]["F"]


def test_every_api_read_is_logged_with_the_client(client, world):
    client.get("/api/v1/children/", **world["council"])
    logged = RecordAccess.objects.filter(channel="api", client_label="County Council")
    assert logged.count() == 3


def test_health_trust_submits_advice_with_if_match(client, world):
    advice = world["advice"]
    url = f"/api/v1/advice/{advice.pk}/"
    read = client.get(url, **world["health"])
    etag = read["ETag"]
    response = client.patch(
        url,
        {
            "received_by_adviser_on": "2025-02-05",
            "returned_on": "2025-03-01",
            "summary": "Speech and language needs",
        },
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **world["health"],
    )
    assert response.status_code == 200, response.content
    advice.refresh_from_db()
    assert advice.returned_on == datetime.date(2025, 3, 1)
    assert advice.request.child.timeline.filter(
        verb="advice_returned", actor_label="Community Health Trust"
    ).exists()


def test_two_writers_race_one_gets_412_and_nothing_changes(client, world):
    advice = world["advice"]
    url = f"/api/v1/advice/{advice.pk}/"
    etag = client.get(url, **world["health"])["ETag"]
    first = client.patch(
        url,
        {"received_by_adviser_on": "2025-02-05"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **world["health"],
    )
    assert first.status_code == 200
    second = client.patch(
        url,
        {"returned_on": "2025-03-01", "summary": "late writer"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **world["health"],
    )
    assert second.status_code == 412
    advice.refresh_from_db()
    assert advice.returned_on is None and advice.summary == ""


@pytest.mark.parametrize(
    "body, field",
    [
        ({"returned_on": "2025-13-01"}, "returned_on"),
        ({"returned_on": "2025-02-01"}, "returned_on"),
        ({"returned_on": "2025-12-01"}, "returned_on"),
        ({}, "non_field_errors"),
    ],
)
def test_bad_input_is_400_with_field_errors_and_writes_nothing(client, world, body, field):
    advice = world["advice"]
    url = f"/api/v1/advice/{advice.pk}/"
    etag = client.get(url, **world["health"])["ETag"]
    response = client.patch(
        url, body, content_type="application/json", HTTP_IF_MATCH=etag, **world["health"]
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert AdviceRequest.objects.get(pk=advice.pk).returned_on is None


def test_malformed_json_is_400(client, world):
    advice = world["advice"]
    response = client.patch(
        f"/api/v1/advice/{advice.pk}/",
        "{not json",
        content_type="application/json",
        HTTP_IF_MATCH="x",
        **world["health"],
    )
    assert response.status_code == 400


def test_the_change_feed_pages_through_everything_exactly_once(client, world):
    seen = []
    url = "/api/v1/children/?page_size=1&modified_since=2000-01-01T00:00:00Z"
    while url:
        body = client.get(url, **world["council"]).json()
        seen += [item["reference"] for item in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted({world[k].reference for k in ("with_plan", "asked", "other")})
    assert len(seen) == len(set(seen))


def test_staff_in_a_browser_see_what_the_case_pages_show(client, world, other_caseworker):
    client.force_login(other_caseworker)
    assert client.get("/api/v1/children/").json()["results"] == []


def test_advice_without_if_match_is_428_and_changes_nothing(client, world):
    advice = world["advice"]
    response = client.patch(
        f"/api/v1/advice/{advice.pk}/",
        {"received_by_adviser_on": "2025-02-05"},
        content_type="application/json",
        **world["health"],
    )
    assert response.status_code == 428
    assert response.json() == {
        "status": 428,
        "detail": "Send If-Match with the ETag of the record you read",
        "errors": {},
    }
    assert AdviceRequest.objects.get(pk=advice.pk).received_by_adviser_on is None


@pytest.mark.parametrize(
    "since, status",
    [
        ("0034-04-11T14:56:23.123+16:07", 200),  # an offset PostgreSQL cannot store: normalised
        ("2025-03-02T23:00:00-14:00", 200),
        ("0001-01-01T00:00:00+10:00", 400),  # before the year 1 once in UTC
        ("2025-02-30T00:00:00Z", 400),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/settings/", "/api/v1/alerts/"])
def test_modified_since_is_read_in_utc_and_odd_values_are_400_not_500(
    client, world, since, status, path
):
    response = client.get(path, {"modified_since": since}, **world["council"])
    assert response.status_code == status, response.content
    if status == 400:
        assert "modified_since" in response.json()["errors"]


def test_alerts_dated_the_same_night_page_through_exactly_once(client, world, caseworker):
    """Thousands of alerts share the night they were raised: the feed still pages through each
    once, and one that closes while a partner is paging comes again at the end."""
    from alerts.models import Alert

    child = world["other"]
    Alert.objects.bulk_create(
        Alert(
            recipient=caseworker,
            child=child,
            kind="deadline",
            key=f"request1:step{n}",
            threshold="overdue",
            due_on=datetime.date(2025, 3, 1),
            title="A step",
            created_on=datetime.date(2025, 3, 3),
        )
        for n in range(1205)
    )
    seen, url, pages = [], "/api/v1/alerts/?page_size=200", 0
    while url:
        assert pages < 8, "the cursor did not move on"
        body = client.get(url, **world["council"]).json()
        seen += [alert["id"] for alert in body["results"]]
        url, pages = body["next"], pages + 1
        if pages == 2:  # one already delivered closes while the partner pages on
            Alert.objects.filter(pk=seen[0]).update(
                closed_at=timezone.now() + datetime.timedelta(hours=9)
            )
    every = set(Alert.objects.values_list("pk", flat=True))
    assert len(every) == 1205
    assert set(seen) == every and len(seen) == 1206 and seen[-1] == seen[0]


@pytest.mark.parametrize(
    "cursor",
    [
        "bm9wZQ==",
        "!!",
        "eyJtIjogIngiLCAiaSI6IDF9",
        "eyJtIjogIjIwMjUtMDMtMDNUMDA6MDA6MDArMDA6MDAiLCAiaSI6IDEwMDAwMDAwMDAwMDAwMDAwMDAwMH0=",
    ],
)
def test_a_made_up_cursor_is_404_not_500(client, world, cursor):
    response = client.get("/api/v1/children/", {"cursor": cursor}, **world["council"])
    assert response.status_code == 404


def token_response(kind, scopes=None):
    app, _ = register_client(f"A {kind}", kind, "s3cret")
    credentials = base64.b64encode(f"{app.client_id}:s3cret".encode()).decode()
    return Client().post(
        "/o/token/",
        {"grant_type": "client_credentials", **({"scope": scopes} if scopes else {})},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


@pytest.mark.parametrize(
    ("kind", "asked", "granted"),
    [
        ("school", "requests:write", None),
        ("school", "alerts:read", None),
        ("health", "requests:write", None),
        ("school", "children:read plans:read", {"children:read", "plans:read"}),
        ("health", "advice:write", {"advice:write"}),
        ("council", "alerts:read requests:write", {"alerts:read", "requests:write"}),
    ],
)
def test_a_client_is_granted_only_the_scopes_its_kind_may_hold(db, kind, asked, granted):
    response = token_response(kind, asked)
    if granted is None:
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_scope"
    else:
        assert response.status_code == 200
        assert set(response.json()["scope"].split()) == granted


def test_asking_for_no_scope_grants_what_the_kind_may_hold(db):
    school = set(token_response("school").json()["scope"].split())
    assert school == {
        "children:read",
        "plans:read",
        "reviews:read",
        "panel_decisions:read",
        "settings:read",
    }
    council = set(token_response("council").json()["scope"].split())
    assert {"alerts:read", "requests:write", "advice:write"} <= council


def test_plans_link_the_local_offer_services_delivering_provision(client, world, caseworker):
    from cases.services import plans
    from local_offer.models import Organization, Service

    plan = world["with_plan"].plans.get()
    therapy = Service.objects.create(
        organization=Organization.objects.create(name="Health trust", description="NHS"),
        name="Speech and language therapy",
        description="Therapy",
    )
    first_page = client.get("/api/v1/plans/", **world["school"]).json()
    assert first_page["results"][0]["provision_links"] == []
    with time_machine.travel(datetime.datetime(2025, 3, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        link = plans.provision_link_add(
            plan=plan, section="G", service=therapy, provision="Therapy weekly", by=caseworker
        )
    # The link brings the plan round again in the change feed.
    since = first_page["results"][0]["modified_at"]
    changed = client.get(f"/api/v1/plans/?modified_since={since}", **world["school"]).json()
    assert [p["id"] for p in changed["results"]] == [plan.pk]
    assert changed["results"][0]["provision_links"] == [
        {
            "section": "G",
            "provision": "Therapy weekly",
            "service": str(therapy.pk),
            "service_name": "Speech and language therapy",
            "linked_on": link.linked_on.isoformat(),
        }
    ]
    with time_machine.travel(datetime.datetime(2025, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        plans.provision_link_remove(link=link, by=caseworker)
    body = client.get(f"/api/v1/plans/{plan.pk}/", **world["school"]).json()
    assert body["provision_links"] == []


def test_a_browser_session_writes_only_with_the_csrf_token(world, caseworker):
    advice = world["advice"]
    url = f"/api/v1/advice/{advice.pk}/"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)
    read = browser.get(url)
    assert read.status_code == 200
    body = {"received_by_adviser_on": "2025-02-05"}
    refused = browser.patch(url, body, content_type="application/json", HTTP_IF_MATCH=read["ETag"])
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    advice.refresh_from_db()
    assert advice.received_by_adviser_on is None
    browser.get("/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(
        url,
        body,
        content_type="application/json",
        HTTP_IF_MATCH=read["ETag"],
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200, accepted.content
    advice.refresh_from_db()
    assert advice.received_by_adviser_on == datetime.date(2025, 2, 5)
