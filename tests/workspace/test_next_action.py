"""The case page says what to do next: the stage and the week of the 20, one next action (the step
that meets the soonest deadline), the live deadlines first, one flag per miss, the child's name
as the heading."""

import datetime

import pytest
import time_machine

from cases.services import requests, reviews
from cases.workflow import TRANSITIONS, next_action
from tests.cases import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker, forename="Julie")


def page(client, user, child):
    client.force_login(user)
    response = client.get(f"/cases/{child.reference}/")
    assert response.status_code == 200
    return response.context["case"], response.content.decode()


def test_an_assessment_shows_its_week_and_the_decision_as_the_next_action(
    client, caseworker, child
):
    with time_machine.travel(datetime.date(2024, 10, 1), tick=False):
        factories.request_received(by=caseworker, child=child)
        case, body = page(client, caseworker, child)
    assert case.stage == "Awaiting decision to assess: week 5 of 20"
    assert case.next_step == ("decide", "Record the decision whether to assess")
    assert "decide" not in [slug for slug, _ in case.other_steps]
    assert f">Julie {child.surname}</h1>" in body and body.count(f"Julie {child.surname}") == 1
    assert 'id="next-action"' in body and f"/cases/{child.reference}/decide/" in body
    assert [d.due_on for d in case.live_deadlines] == sorted(d.due_on for d in case.live_deadlines)


def test_the_sixteen_week_decision_is_one_flag_not_two(client, caseworker, child):
    with time_machine.travel(datetime.date(2025, 1, 6), tick=False):
        factories.request_assessing(by=caseworker, child=child)  # received 2 September 2024
        case, _body = page(client, caseworker, child)
    late = [d for d in case.live_deadlines if d.state == "overdue"]
    keys = [d.key.split(":", 1)[1] for d in late]
    assert "draft_planning_target" in keys and "not_to_issue" not in keys
    assert case.next_step[0] == "draft"


def test_a_plan_in_force_shows_the_annual_review_and_keeps_the_history_folded(
    client, caseworker, child
):
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        plan = factories.plan_issued(by=caseworker, child=child)
        reviews.review_schedule(plan=plan, by=caseworker)
        case, body = page(client, caseworker, child)
    assert case.stage.startswith("EHC plan in force: next review by ")
    assert all(d.is_open for d in case.live_deadlines)
    assert any(d.key.endswith(":annual_review") for d in case.live_deadlines)
    assert not any(d.key.endswith(":final_plan") for d in case.live_deadlines)
    assert any(d.key.endswith(":final_plan") for d in case.finished_deadlines)
    assert "Finished steps" in body
    assert case.next_step[0] == "review-meeting"


def test_the_next_action_meets_the_soonest_open_deadline(child, caseworker):
    with time_machine.travel(datetime.date(2024, 10, 15), tick=False):
        request = factories.request_assessing(by=caseworker, child=child)
        requests.advice_request_create(
            request=request,
            adviser_type="educational_psychology",
            adviser="EP service",
            sent_on=datetime.date(2024, 10, 14),
            by=caseworker,
        )
    from cases.models import StatutoryDeadline

    open_deadlines = list(StatutoryDeadline.objects.filter(child=child, is_open=True))
    available = [TRANSITIONS[s] for s in ("advice-returned", "draft", "not-to-issue", "note")]
    # The advice is due in November, the 16-week decision in December: advice first.
    assert next_action(available, open_deadlines).slug == "advice-returned"
    assert next_action([TRANSITIONS["note"]], open_deadlines) is None
