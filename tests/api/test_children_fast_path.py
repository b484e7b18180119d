"""A page of children is built from plain rows, not serializers: it gives each child exactly as
one child's record does, in a fixed number of queries; one child's record also names the steps
the case may take now."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import RecordAccess, SenNeed
from cases.workflow import steps_available
from tests.cases import factories

pytestmark = pytest.mark.django_db


def page(client, headers, path="/api/v1/children/"):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_page_gives_each_child_as_their_own_record_does(client, world):
    SenNeed.objects.create(child=world["asked"], need_type="SLCN", rank=2)
    SenNeed.objects.create(child=world["asked"], need_type="ASD", rank=1)
    items = page(client, world["council"])["results"]
    assert len(items) == 3
    assert any(item["deadlines"] for item in items)
    assert {item["primary_need"] for item in items} >= {"ASD"}
    for item in items:
        record = page(client, world["council"], f"/api/v1/children/{item['reference']}/")
        steps = record.pop("steps_available")
        assert isinstance(steps, list)
        assert item == record
        assert list(item) == list(record)  # the same fields, in the same order


def test_a_childs_record_names_the_steps_available_now(client, world):
    child = world["asked"]
    record = page(client, world["council"], f"/api/v1/children/{child.reference}/")
    expected = [{"slug": slug, "label": str(label)} for slug, label in steps_available(child)]
    assert record["steps_available"] == expected
    assert expected, "a child with a request being assessed has steps to take"
    assert all(set(step) == {"slug", "label"} for step in record["steps_available"])


def test_the_feed_does_not_carry_the_steps(client, world):
    assert all("steps_available" not in item for item in page(client, world["council"])["results"])


def queries_for_a_page(client, headers) -> list[str]:
    page(client, headers)  # the token is looked up once, then kept (api.authentication)
    with CaptureQueriesContext(connection) as queries:
        body = page(client, headers)
    assert body["results"]
    return [q["sql"] for q in queries]


def test_a_page_takes_the_same_queries_whatever_its_size(client, world, caseworker, team):
    few = queries_for_a_page(client, world["council"])
    for n in range(6):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            surname=f"More{'abcdef'[n]}",
            upn="",
            upn_unknown_reason="UN8",
        )
        SenNeed.objects.create(child=child, need_type="MLD", rank=1)
    many = queries_for_a_page(client, world["council"])
    assert len(page(client, world["council"])["results"]) == 9
    assert len(many) == len(few)
    assert not any("cases_senneed" in sql and "cases_child" not in sql for sql in many)
    assert sum("cases_statutorydeadline" in sql for sql in many) == 1
    assert sum(sql.startswith("INSERT") for sql in many) == 1


def test_each_child_on_a_page_is_logged_once(client, world):
    page(client, world["council"])
    logged = RecordAccess.objects.filter(channel="api", what="api children list")
    assert sorted(logged.values_list("child_id", flat=True)) == sorted(
        world[k].pk for k in ("with_plan", "asked", "other")
    )
    assert set(logged.values_list("client_label", "user")) == {("County Council", None)}


def test_the_next_page_follows_from_plain_rows(client, world):
    first = page(client, world["council"], "/api/v1/children/?page_size=2")
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"], **world["council"]).json()
    seen = [item["reference"] for item in first["results"] + second["results"]]
    assert sorted(seen) == sorted(world[k].reference for k in ("with_plan", "asked", "other"))


def test_modified_since_filters_the_plain_rows(client, world):
    later = "2030-01-01T00:00:00Z"
    assert (
        page(client, world["council"], f"/api/v1/children/?modified_since={later}")["results"] == []
    )


def test_the_log_rows_are_those_of_a_model_write(client, world, caseworker):
    client.force_login(caseworker)
    assert client.get("/api/v1/children/").status_code == 200
    logged = RecordAccess.objects.get(child=world["with_plan"], what="api children list")
    assert logged.user == caseworker and logged.client_label == ""
    assert logged.channel == RecordAccess.Channel.API
    assert logged.at == timezone.now()


def test_a_page_larger_than_a_statement_takes_is_logged_whole(client, world, monkeypatch):
    """SQLite limits the parameters of one statement: a page is then logged in several."""
    monkeypatch.setattr(connection.features, "max_query_params", 12)  # two rows a statement
    with CaptureQueriesContext(connection) as queries:
        page(client, world["council"])
    assert sum(q["sql"].startswith("INSERT") for q in queries) == 2
    assert RecordAccess.objects.filter(what="api children list").count() == 3
