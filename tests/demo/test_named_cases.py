"""The demo sign-ins and the named cases they see, written through the services."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from cases.models import AssessmentRequest, Child, StatutoryDeadline, TimelineEvent
from cases.services.deadlines import deadlines_refresh
from demo.named import NAMED_CASES
from demo.people import DEMO_PASSWORD, SIGN_INS
from panels.models import AgendaItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo_data", children=60, seed=11, quiet_progress=True)


def _stored(child):
    return sorted(
        StatutoryDeadline.objects.filter(child=child).values_list(
            "key", "due_on", "done_on", "state", "is_open", "exception_applied"
        )
    )


def test_every_demo_sign_in_exists_and_signs_in_with_the_printed_password(demo):
    for username, *_rest, role_names, _team, _title in SIGN_INS:
        user = User.objects.get(username=username)
        assert set(user.groups.values_list("name", flat=True)) == set(role_names)
        response = Client().post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username


def test_the_named_cases_are_the_demo_caseworkers_with_each_step_on_their_timeline(demo):
    caseworker = User.objects.get(username="caseworker")
    named = Child.objects.filter(created_by=caseworker).order_by("pk")
    assert [(c.forename, c.surname) for c in named] == [(f, s) for f, s, *_ in NAMED_CASES]
    assert all(c.lead_caseworker == caseworker and c.team == caseworker.team for c in named)
    statuses = set(
        AssessmentRequest.objects.filter(child__in=named).values_list("status", flat=True)
    )
    assert {"awaiting_decision", "assessing", "draft_issued", "plan_issued", "not_assessed"} <= (
        statuses
    )
    verbs = set(TimelineEvent.objects.filter(child__in=named).values_list("verb", flat=True))
    assert {
        "child_registered",
        "request_received",
        "decided_to_assess",
        "advice_requested",
        "advice_returned",
        "exception_recorded",
        "draft_plan_issued",
        "final_plan_issued",
        "review_meeting_held",
        "review_decided",
        "appealable_decision_recorded",
    } <= verbs
    states = set(StatutoryDeadline.objects.filter(child__in=named).values_list("state", flat=True))
    assert {"due_soon", "overdue", "done_on_time"} <= states


def test_the_named_cases_stored_deadlines_are_what_the_clock_gives_today(demo):
    for child in Child.objects.filter(created_by__username="caseworker"):
        before = _stored(child)
        assert before, child.reference
        deadlines_refresh(child=child)
        assert _stored(child) == before, child.reference


def test_the_demo_caseworker_puts_their_named_cases_to_next_weeks_panels(demo):
    items = AgendaItem.objects.filter(child__created_by__username="caseworker")
    kinds = set(items.values_list("meeting__panel_type__kind", flat=True))
    assert kinds == {"assess", "issue"}
    assert (
        TimelineEvent.objects.filter(verb="panel_item_added").count() == AgendaItem.objects.count()
    )
