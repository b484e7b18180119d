"""Reads of reports and the partner API from a read replica (REPLICA_DATABASE_URL).

The `replica` alias is a test mirror of the primary (the same test database through a second
connection), so these tests see which connection each query used, and run transactional so
that what one connection wrote the other can read."""

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oauth2_provider.models import AccessToken

from accounts.models import User
from alerts.models import Alert
from cases.models import Child
from reporting.models import Sen2Return
from send_portal.replica import (
    PRIMARY,
    REPLICA,
    ReplicaRouter,
    read_database,
    reading_from_replica,
)
from tests.api.conftest import make_client
from tests.cases import factories

router = ReplicaRouter()


@pytest.fixture
def replica_on(settings):
    settings.READ_REPLICA = True


def test_without_a_replica_everything_is_read_from_the_primary(settings):
    settings.READ_REPLICA = False
    with reading_from_replica():
        assert read_database(Child) == PRIMARY


def test_outside_a_report_or_an_api_read_everything_is_read_from_the_primary(replica_on):
    assert read_database(Child) == PRIMARY
    assert read_database(Alert) == PRIMARY


def test_a_report_or_api_read_takes_case_data_from_the_replica_and_people_from_the_primary(
    replica_on,
):
    with reading_from_replica():
        assert read_database(Child) == REPLICA
        assert read_database(Alert) == REPLICA
        # Who someone is and what they may do, and what a manager waits for, never lag.
        assert read_database(User) == PRIMARY
        assert read_database(AccessToken) == PRIMARY
        assert read_database(Sen2Return) == PRIMARY
    assert read_database(Child) == PRIMARY


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(replica_on):
    with reading_from_replica(), transaction.atomic():
        assert read_database(Child) == PRIMARY


def test_writes_and_migrations_go_to_the_primary_only():
    assert router.db_for_write(Child) == PRIMARY
    assert router.allow_migrate(PRIMARY, "cases") is True
    assert router.allow_migrate(REPLICA, "cases") is False


@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_an_api_read_runs_its_case_queries_on_the_replica(replica_on, caseworker, team):
    factories.child(by=caseworker, team=team, caseworker=caseworker)
    headers, _ = make_client("County Council", "council")
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        response = Client().get("/api/v1/children/", **headers)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == 1
    replica_reads = [q["sql"] for q in on_replica.captured_queries]
    primary_reads = [q["sql"] for q in on_primary.captured_queries if q["sql"].startswith("SELECT")]
    assert any('FROM "cases_child"' in sql for sql in replica_reads)
    assert not any('FROM "cases_child"' in sql for sql in primary_reads)
    # The client's token is checked on the primary: a new token counts at once.
    assert any("oauth2_provider_accesstoken" in sql for sql in primary_reads)
    assert not any("oauth2_provider_accesstoken" in sql for sql in replica_reads)


@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_a_write_through_the_api_never_touches_the_replica(replica_on, caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    headers, _ = make_client("County Council", "council")
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        Client().post(
            "/api/v1/requests/",
            {"child": child.reference, "received_on": "2025-02-03", "source": "1"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="replica-test-1",
            **headers,
        )
    assert on_replica.captured_queries == []
