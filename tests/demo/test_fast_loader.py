"""The bulk loader: each table written once (COPY on PostgreSQL), with the clock's own deadlines."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
    StatutoryDeadline,
    TimelineEvent,
)
from cases.services.deadlines import deadlines_refresh
from demo import bulk, clock
from demo import cases as demo_cases
from demo.fake import make_faker
from demo.people import build_people

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


def _case_state(child):
    """Everything the clock decides about a case: its stored deadlines and the due dates and
    flags held on its records."""
    return (
        sorted(
            StatutoryDeadline.objects.filter(child=child).values_list(
                "key",
                "stage",
                "rule",
                "title",
                "explanation",
                "trigger_on",
                "due_on",
                "done_on",
                "state",
                "exception_applied",
                "statutory",
                "is_open",
            )
        ),
        sorted(
            AssessmentRequest.objects.filter(child=child).values_list(
                "pk",
                "decision_due_on",
                "not_to_issue_due_on",
                "final_plan_due_on",
                "exception_applied",
            )
        ),
        sorted(AdviceRequest.objects.filter(request__child=child).values_list("pk", "due_on")),
        sorted(
            AnnualReview.objects.filter(plan__child=child).values_list(
                "pk", "report_due_on", "decision_due_on", "amended_plan_due_on"
            )
        ),
    )


def test_generated_cases_store_exactly_what_deadlines_refresh_computes():
    call_command("demo_data", children=400, seed=5, quiet_progress=True)
    generated = list(Child.objects.filter(created_by=None).values_list("pk", flat=True))
    assert len(generated) == 400
    sample = random.Random(5).sample(generated, 60)
    checked = 0
    for child in Child.objects.filter(pk__in=sample):
        stored = _case_state(child)
        deadlines_refresh(child=child)
        assert _case_state(child) == stored, child.reference
        checked += len(stored[0])
    assert checked > 60 * 5  # about 16 deadlines a case


def test_references_follow_the_keys_and_new_records_get_new_keys_after_a_load():
    call_command("demo_data", children=50, seed=2, quiet_progress=True)
    assert all(
        reference == f"SEND-{pk:07d}"
        for pk, reference in Child.objects.values_list("pk", "reference")
    )
    last = Child.objects.order_by("-pk").first()
    caseworker = User.objects.get(username="caseworker")
    child = Child.objects.create(
        reference="x",
        forename="New",
        surname="Child",
        date_of_birth=datetime.date(2015, 1, 1),
        team=caseworker.team,
    )
    assert child.pk > last.pk
    request = AssessmentRequest.objects.create(
        child=child, received_on=timezone.localdate(), source="1"
    )
    assert request.pk > AssessmentRequest.objects.exclude(pk=request.pk).order_by("-pk")[0].pk


def test_text_with_tabs_newlines_and_backslashes_is_written_as_it_was(db):
    child = Child.objects.create(
        reference="SEND-9999999", forename="A", surname="B", date_of_birth=datetime.date(2014, 2, 3)
    )
    table = bulk.Table(TimelineEvent, with_ids=False, now=timezone.now())
    summary = "Line one\nline\ttwo \\N back\\slash\r end"
    payload = {"note": "tab\there", "path": "C:\\demo", "list": [1, None, "x\ny"]}
    table.add(
        bulk.Maker(TimelineEvent).make(
            child_id=child.pk,
            verb="note",
            summary=summary,
            happened_on=datetime.date(2025, 5, 14),
            payload=payload,
        )
    )
    assert table.write() == 1
    event = TimelineEvent.objects.get(child=child)
    assert (event.summary, event.payload, event.happened_on) == (
        summary,
        payload,
        datetime.date(2025, 5, 14),
    )
    assert event.actor_id is None and event.created_at is not None


def test_the_clock_shared_among_worker_processes_gives_the_same_rows(monkeypatch):
    rng = random.Random(9)
    faker = make_faker(9)
    context = build_people(rng=rng, faker=faker, caseworkers_per_team=4)
    council = demo_cases.Council(rng=rng, faker=faker, context=context, children=120)
    cases = [demo_cases._case(council) for _ in range(120)]
    monkeypatch.setattr(clock, "PARALLEL_FROM", 1)
    alone = clock.clock_rows(cases, council.tables, today=council.today, jobs=1)
    shared = clock.clock_rows(cases, council.tables, today=council.today, jobs=3)
    assert len(alone[StatutoryDeadline]) > 120 * 5
    assert alone == shared


def test_the_rows_written_are_compute_deadline_rows_field_for_field():
    """The loader writes each deadline's values without a model instance per row: the same
    rows, formatted, as `compute_deadline_rows` gives for the same records."""
    rng = random.Random(11)
    faker = make_faker(11)
    context = build_people(rng=rng, faker=faker, caseworkers_per_team=4)
    council = demo_cases.Council(rng=rng, faker=faker, context=context, children=300)
    cases = [demo_cases._case(council) for _ in range(300)]
    table = council.tables[StatutoryDeadline]
    instances = clock.deadline_rows(cases, today=council.today)
    assert all(isinstance(row, StatutoryDeadline) for row in instances)
    values = clock.deadline_values(cases, today=council.today)
    assert len(values) == len(instances) > 300 * 5
    assert table.format_values(values) == table.format(instances)
    assert {row.state for row in instances} >= {"done_on_time", "done_late", "overdue", "due"}
    assert any(row.exception_applied for row in instances)


def test_a_load_in_batches_with_workers_writes_what_one_batch_in_one_process_does(monkeypatch):
    """The clock's workers run on one batch while the next is made and the last written: the
    data is the same as a load made in one batch, the clock in the loading process."""
    context = build_people(rng=random.Random(8), faker=make_faker(8), caseworkers_per_team=4)

    def load(batch: int, jobs: int) -> list:
        """The cases loaded, then rolled back (the next load takes the same keys)."""
        monkeypatch.setattr(demo_cases, "BATCH", batch)
        try:
            with transaction.atomic():
                demo_cases.build_cases(
                    rng=random.Random(8),
                    faker=make_faker(8),
                    context=context,
                    children=90,
                    progress=False,
                    jobs=jobs,
                )
                loaded = [
                    (child.reference, child.forename, child.surname, child.date_of_birth)
                    + _case_state(child)
                    for child in Child.objects.filter(created_by=None).order_by("pk")
                ]
                raise RolledBack
        except RolledBack:
            return loaded

    monkeypatch.setattr(clock, "PARALLEL_FROM", 1)
    one = load(1000, 1)
    several = load(20, 2)
    assert len(one) == 90 and sum(len(case[4]) for case in one) > 90 * 5
    assert several == one


def _schema(cursor, tables):
    cursor.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE indrelid::regclass::text = ANY(%s) ORDER BY 1",
        [tables],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1",
        [tables],
    )
    return indexes, cursor.fetchall()


def test_a_large_load_on_postgresql_builds_its_indexes_and_keys_again_after(postgres, monkeypatch):
    tables = [model._meta.db_table for model in demo_cases.TABLES]
    with postgres.cursor() as cursor:
        before = _schema(cursor, tables)
    assert len(before[0]) > 30 and len(before[1]) > 20
    monkeypatch.setattr(demo_cases, "REBUILD_INDEXES_FROM", 0)
    call_command("demo_data", children=30, seed=4, quiet_progress=True)
    with postgres.cursor() as cursor:
        assert _schema(cursor, tables) == before
    child = Child.objects.filter(created_by=None).first()
    stored = _case_state(child)
    deadlines_refresh(child=child)
    assert _case_state(child) == stored


def test_the_clock_settings_are_read_once_for_the_load_not_for_each_case(monkeypatch):
    """Workers share the loader's database connection: nothing in the clock may read the
    council's settings (from the cache, or the database on a miss) case by case."""
    from django.core.cache import caches

    from accounts.council import CACHE_KEY

    rng = random.Random(3)
    faker = make_faker(3)
    context = build_people(rng=rng, faker=faker, caseworkers_per_team=4)
    council = demo_cases.Council(rng=rng, faker=faker, context=context, children=30)
    cases = [demo_cases._case(council) for _ in range(30)]
    read = caches["default"].get

    def get(key, *args, **kwargs):
        assert key != CACHE_KEY, "the council's settings were read for a case"
        return read(key, *args, **kwargs)

    monkeypatch.setattr(caches["default"], "get", get)
    with clock.clock_settings_held(council.clock):
        rows = clock.clock_rows(cases, council.tables, today=council.today, jobs=1)
    assert len(rows[StatutoryDeadline]) > 30
