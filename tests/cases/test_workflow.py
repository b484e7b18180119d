"""The declared workflow: the case page's list of steps, the services' refusals and the step pages
all read one table; a step reads the case once and writes each record once."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.services import requests, reviews
from cases.services.common import StepRefused
from cases.workflow import TRANSITIONS, case_load, steps_available
from cases.workflow.declaration import steps_available as declared_steps

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 3)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def writes(queries, table: str) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if re.match(rf'\s*(UPDATE|INSERT INTO) "?{table}"?', q["sql"], re.IGNORECASE)
    ]


def test_a_decision_writes_the_request_once_with_its_new_due_dates(child, caseworker):
    request = factories.request_received(by=caseworker, child=child)
    with CaptureQueriesContext(connection) as captured:
        decided = requests.request_decide(
            request=request,
            decided_to_assess=True,
            decided_on=datetime.date(2024, 10, 1),
            by=caseworker,
        )
    assert len(writes(captured.captured_queries, "cases_assessmentrequest")) == 1
    assert decided.not_to_issue_due_on == datetime.date(2024, 12, 23)  # reg 10(1): 16 weeks
    request.refresh_from_db()
    assert request.not_to_issue_due_on == datetime.date(2024, 12, 23)


def test_a_new_advice_request_is_inserted_once_with_its_due_date(child, caseworker):
    request = factories.request_assessing(by=caseworker, child=child)
    with CaptureQueriesContext(connection) as captured:
        advice = requests.advice_request_create(
            request=request,
            adviser_type="educational_psychology",
            adviser="Educational psychology service",
            sent_on=datetime.date(2024, 10, 7),
            by=caseworker,
        )
    assert len(writes(captured.captured_queries, "cases_advicerequest")) == 1
    assert advice.due_on == datetime.date(2024, 11, 18)  # reg 8(1): 6 weeks
    advice.refresh_from_db()
    assert advice.due_on == datetime.date(2024, 11, 18)


def test_the_steps_available_come_from_one_load_of_the_case(
    child, caseworker, django_assert_max_num_queries
):
    factories.plan_issued(by=caseworker, child=child)
    with django_assert_max_num_queries(9):
        slugs = [slug for slug, _label in steps_available(child)]
    assert "review-schedule" in slugs and "cease" in slugs
    assert "decide" not in slugs and "final" not in slugs


@pytest.mark.parametrize(
    "state",
    ["request_received", "request_assessing", "request_draft_issued", "plan_issued"],
)
def test_every_step_the_table_refuses_the_service_refuses_too(state, child, caseworker):
    """The services have no guards of their own: what the declaration refuses, they refuse with
    the declaration's reason, and the case page does not offer it."""
    getattr(factories, state)(by=caseworker, child=child)
    case = case_load(child)
    offered = {t.slug for t in declared_steps(case)}
    request = case.open_request or case.requests[-1].request
    for slug in ("decide", "advice-request", "not-to-issue", "draft", "final"):
        if slug in offered:
            continue
        call = {
            "decide": lambda: requests.request_decide(
                request=request, decided_to_assess=True, decided_on=TODAY, by=caseworker
            ),
            "advice-request": lambda: requests.advice_request_create(
                request=request,
                adviser_type="educational_psychology",
                adviser="EP",
                sent_on=TODAY,
                by=caseworker,
            ),
            "not-to-issue": lambda: requests.request_decide_not_to_issue(
                request=request, notified_on=TODAY, by=caseworker
            ),
            "draft": lambda: requests.draft_plan_issue(
                request=request, served_on=TODAY, sections={}, by=caseworker
            ),
            "final": lambda: requests.final_plan_issue(
                request=request, issued_on=TODAY, by=caseworker
            ),
        }[slug]
        with pytest.raises(StepRefused) as refused:
            call()
        transition = TRANSITIONS[slug]
        assert transition.refusal_for(case, request) in refused.value.messages


def test_review_statuses_follow_the_dates_recorded(child, caseworker):
    plan = factories.plan_issued(by=caseworker, child=child)
    review = reviews.review_schedule(plan=plan, by=caseworker)
    review.refresh_from_db()
    assert review.status == "scheduled"
    reviews.review_meeting_record(review=review, meeting_on=TODAY, by=caseworker)
    review.refresh_from_db()
    assert review.status == "meeting_held"
    reviews.review_decide(review=review, decision="A", notified_on=TODAY, by=caseworker)
    review.refresh_from_db()
    assert review.status == "amending"
    assert [slug for slug, _ in steps_available(child)].count("amended-plan") == 1


def test_every_declared_step_has_a_page_and_every_page_a_declared_step():
    from cases.views.steps import STEP_FORMS

    assert set(STEP_FORMS) == set(TRANSITIONS)
