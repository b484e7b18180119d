"""A night raising more alerts than the table holds writes them as a bulk load on PostgreSQL
(foreign keys and secondary indexes set aside and made again): the same alerts as row by row,
the table's constraints and indexes as they were, and row by row when its locks are not free."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from alerts import sweep_bulk
from alerts.models import Alert
from alerts.sweep import sweep_run
from tests.cases import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 11, 12)


@pytest.fixture
def cases(caseworker, team, manager):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        for n in range(3):
            child = factories.child(
                by=caseworker,
                team=team,
                caseworker=caseworker if n else None,
                upn="",
                upn_unknown_reason="UN8",
            )
            factories.request_received(by=caseworker, child=child)


def rows():
    return sorted(
        Alert.objects.values_list(
            "recipient_id", "child_id", "deadline_id", "kind", "key", "threshold", "due_on"
        )
    )


def shape():
    """The alert table's foreign keys and indexes, as PostgreSQL defines them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'alerts_alert'::regclass ORDER BY conname"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'alerts_alert'"
            " ORDER BY indexname"
        )
        return constraints, cursor.fetchall()


def test_a_bulk_load_raises_the_same_alerts_and_leaves_the_table_as_it_was(
    postgres, cases, monkeypatch
):
    sweep_run(today=TODAY)
    row_by_row = rows()
    assert len(row_by_row) > 3
    before = shape()
    Alert.objects.all().delete()
    used = []
    bulk_insert = sweep_bulk.bulk_insert
    monkeypatch.setattr(sweep_bulk, "BULK_ROWS", 1)
    monkeypatch.setattr(
        "alerts.sweep_insert.bulk_insert", lambda *a: used.append(1) or bulk_insert(*a)
    )
    sweep_run(today=TODAY)
    assert used
    assert rows() == row_by_row
    assert shape() == before
    # The foreign keys are back and enforced.
    alert = Alert.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.filter(pk=alert.pk).update(child_id=alert.child_id + 10_000)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_without_its_locks_it_inserts_row_by_row(postgres, cases, monkeypatch):
    sweep_run(today=TODAY)
    row_by_row = rows()
    Alert.objects.all().delete()
    monkeypatch.setattr(sweep_bulk, "BULK_ROWS", 1)
    monkeypatch.setattr(sweep_bulk, "LOCK_WAIT", "1ms")
    # Another session holds the children's table: setting the foreign keys aside must wait.
    from django.db import connections

    other = connections.create_connection("default")
    other.set_autocommit(False)
    with other.cursor() as cursor:
        cursor.execute("LOCK TABLE cases_child IN ACCESS SHARE MODE")
    try:
        before = shape()
        sweep_run(today=TODAY)
    finally:
        other.rollback()
        other.close()
    assert rows() == row_by_row
    assert shape() == before


def test_a_small_batch_or_a_full_table_is_inserted_row_by_row(postgres, cases, monkeypatch):
    used = []
    monkeypatch.setattr("alerts.sweep_insert.bulk_insert", lambda *a: used.append(1))
    sweep_run(today=TODAY)
    assert not used
    with connection.cursor() as cursor:
        monkeypatch.setattr(sweep_bulk, "BULK_ROWS", 10)
        assert not sweep_bulk.worth_bulk(cursor, new_rows=9)
        monkeypatch.setattr(sweep_bulk, "_existing_rows", lambda cursor, table: 100)
        assert not sweep_bulk.worth_bulk(cursor, new_rows=49)
        assert sweep_bulk.worth_bulk(cursor, new_rows=50)
