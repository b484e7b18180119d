"""On PostgreSQL a partner's page of children is built as JSON by the database in one statement
(api.children_json): it is byte for byte the page the Python path builds from plain rows, with
the same headers, for every kind of partner, every page, any time zone and any text; and it
sees exactly the children the ORM's rules give each partner."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import children_json
from api.access import Caller
from api.selectors import _partner_children
from cases.models import (
    Child,
    PartnerKind,
    PartnerOrganisation,
    Placement,
    RecordAccess,
    SenNeed,
    StatutoryDeadline,
)
from cases.services import requests
from tests.cases import factories

pytestmark = pytest.mark.django_db

HEADERS_SET_BY_DJANGO = {"Content-Length"}


def both(client, monkeypatch, headers, path):
    """The page built by PostgreSQL and the page built in Python, for the same request."""
    built = client.get(path, **headers)
    with monkeypatch.context() as m:
        m.setattr(children_json, "builds_children_page", lambda caller: False)
        python = client.get(path, **headers)
    return built, python


def assert_same_feed(client, monkeypatch, headers, path="/api/v1/children/?page_size=2"):
    """Every page of the feed from `path` on, followed by its next links; returns the items."""
    items = []
    while path:
        built, python = both(client, monkeypatch, headers, path)
        assert built.status_code == python.status_code == 200, built.content
        assert built.content == python.content
        assert dict(built.items()) == dict(python.items())
        body = built.json()
        items += body["results"]
        path = body["next"]
    return items


@pytest.fixture
def awkward(world, caseworker, team):
    """Children whose records test the JSON: every kind of character a name may hold, a
    modified time in summer time with microseconds, one exactly on the second, no primary need,
    and a deadline done but still open."""
    odd = factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        surname="Unal",
        upn="",
        upn_unknown_reason="UN8",
    )
    SenNeed.objects.create(child=odd, need_type="ASD", rank=1)
    # Stored as written by an older import, past the form's checks.
    Child.objects.filter(pk=odd.pk).update(
        forename='Zoë "Jo" O\'Neil\\\t\n\r\x01\x1f\u2028\u2029😀',
        surname="Ünal",
        modified_at=datetime.datetime(2025, 7, 1, 9, 30, 15, 120, tzinfo=datetime.UTC),
    )
    odd.refresh_from_db()
    plain = factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        surname="Plain",
        upn="",
        upn_unknown_reason="UN8",
    )
    Child.objects.filter(pk=plain.pk).update(
        modified_at=datetime.datetime(2025, 1, 10, 12, 0, 0, tzinfo=datetime.UTC)
    )
    StatutoryDeadline.objects.filter(child=world["asked"], is_open=True).update(
        done_on=datetime.date(2025, 2, 28), title='Title with \u2028 and "quotes"'
    )
    return {"odd": odd, "plain": plain}


@pytest.mark.parametrize("who", ["council", "school", "health"])
def test_every_page_is_the_python_page_byte_for_byte(
    client, monkeypatch, postgres, world, awkward, who
):
    items = assert_same_feed(client, monkeypatch, world[who])
    if who == "council":
        assert {item["reference"] for item in items} >= {awkward["odd"].reference}
        assert any(item["deadlines"] for item in items)


def test_the_awkward_child_is_given_as_stored(client, postgres, world, awkward):
    items = client.get("/api/v1/children/?page_size=100", **world["council"]).json()["results"]
    odd = next(item for item in items if item["reference"] == awkward["odd"].reference)
    assert odd["forename"] == awkward["odd"].forename
    assert odd["modified_at"] == "2025-07-01T10:30:15.000120+01:00"
    plain = next(item for item in items if item["reference"] == awkward["plain"].reference)
    assert plain["modified_at"] == "2025-01-10T12:00:00Z"
    assert plain["primary_need"] is None


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "UTC"])
def test_date_times_follow_the_current_time_zone(
    client, monkeypatch, postgres, world, awkward, zone
):
    with timezone.override(zone):
        items = assert_same_feed(client, monkeypatch, world["council"])
    assert len(items) == 5


def test_modified_since_and_large_pages_are_the_same(client, monkeypatch, postgres, world, awkward):
    since = "/api/v1/children/?modified_since=2025-06-01T00:00:00%2B01:00&page_size=1"
    items = assert_same_feed(client, monkeypatch, world["council"], since)
    assert [item["reference"] for item in items] == [awkward["odd"].reference]
    assert (
        len(
            assert_same_feed(
                client, monkeypatch, world["council"], "/api/v1/children/?page_size=1000"
            )
        )
        == 5
    )


@pytest.mark.parametrize(
    "query",
    ["modified_since=", "modified_since=yesterday", "cursor=abc", "cursor=", "page_size=0"],
)
def test_a_wrong_query_is_refused_in_the_same_words(client, monkeypatch, postgres, world, query):
    built, python = both(client, monkeypatch, world["council"], f"/api/v1/children/?{query}")
    assert built.status_code in (400, 404)
    assert (built.status_code, built.content) == (python.status_code, python.content)


def test_a_page_is_one_statement_and_the_access_log(client, postgres, world, awkward):
    client.get("/api/v1/children/", **world["council"])  # the token kept
    RecordAccess.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/children/?page_size=2", **world["council"]).json()
    sql = [q["sql"] for q in queries if q["sql"] != "SELECT 1"]  # the connection's health check
    assert len(sql) == 2
    assert "cases_statutorydeadline" in sql[0] and "cases_senneed" in sql[0]
    assert sql[1].startswith("INSERT")
    # The row read to know there is a next page is not served, nor logged.
    logged = RecordAccess.objects.filter(what="api children list")
    served = [item["reference"] for item in body["results"]]
    assert sorted(logged.values_list("child__reference", flat=True)) == sorted(served)


def test_pretty_printed_json_is_still_given(client, postgres, world):
    headers = {**world["council"], "HTTP_ACCEPT": "application/json; indent=2"}
    response = client.get("/api/v1/children/", **headers)
    assert response.status_code == 200
    assert response.content.startswith(b'{\n  "next"')


def test_staff_in_a_browser_take_the_python_path(client, postgres, world, caseworker):
    client.force_login(caseworker)
    assert not children_json.builds_children_page(Caller(client=False, user=caseworker))
    assert len(client.get("/api/v1/children/").json()["results"]) == 3


@pytest.fixture
def partners(world, caseworker, team):
    """A partner of every kind, and children each sees or does not: a pupil placed at the school
    with a plan in force naming another setting (seen), one placed there without a plan in
    force, one who has left it (neither seen); an archived child."""
    school = PartnerOrganisation.objects.get(kind=PartnerKind.SCHOOL)
    elsewhere = factories.setting(name="Hillside Academy", urn="100002")
    placed = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Placed")
    no_plan = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Noplan")
    left = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Left")
    for child in (placed, left):
        requests.final_plan_issue(
            request=factories.request_draft_issued(by=caseworker, child=child),
            issued_on=datetime.date(2025, 1, 13),
            named_setting=elsewhere,
            by=caseworker,
        )
    entry = datetime.date(2024, 9, 2)
    for child, leaving_on in ((placed, None), (no_plan, None), (left, datetime.date(2025, 1, 1))):
        Placement.objects.create(
            child=child, setting=school.setting, entry_on=entry, leaving_on=leaving_on
        )
    archived = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Gone")
    Child.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    social = PartnerOrganisation.objects.create(name="Social care", kind=PartnerKind.SOCIAL_CARE)
    return {
        "council": PartnerOrganisation.objects.get(kind=PartnerKind.COUNCIL),
        "school": school,
        "health": PartnerOrganisation.objects.get(kind=PartnerKind.HEALTH),
        "social care, asked nothing": social,
        "school without a setting": PartnerOrganisation.objects.create(
            name="Unlinked school", kind=PartnerKind.SCHOOL
        ),
    }


def test_each_partner_sees_in_sql_whom_the_orm_gives_it(postgres, world, partners):
    kinds_seen = set()
    for name, partner in partners.items():
        kinds_seen.add(partner.kind)
        page = children_json.children_page(caller=Caller(client=True, partner=partner), limit=1000)
        expected = _partner_children(partner).filter(archived_at__isnull=True)
        assert sorted(row["id"] for row in page) == sorted(expected.values_list("pk", flat=True)), (
            name
        )
        assert all(json.loads(row["json"]) for row in page)
    assert kinds_seen == set(PartnerKind.values)
    school = children_json.children_page(
        caller=Caller(client=True, partner=partners["school"]), limit=1000
    )
    assert len(school) == 2  # the pupil named in a plan and the pupil placed there
    assert children_json.children_page(caller=Caller(client=True, partner=None), limit=10) == []
