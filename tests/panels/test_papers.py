"""Panel papers a member can decide on: the child, the request, the advice, the deadlines; a form
that fits the panel; the meeting day said before submitting; a case on two agendas."""

import datetime

import pytest
import time_machine

from accounts import roles
from cases.models import RecordAccess
from cases.services import children
from panels import services
from panels.models import Meeting, Membership, PanelType
from tests.cases import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 10, 3)
MEETING_DAY = datetime.date(2024, 10, 10)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def meeting_of(kind: str, chair, held_on=MEETING_DAY) -> Meeting:
    panel_type = PanelType.objects.create(name=f"{kind} panel", kind=kind, quorum_minimum=1)
    meeting = Meeting.objects.create(panel_type=panel_type, held_on=held_on, chair=chair)
    Membership.objects.create(meeting=meeting, user=chair, professional_role="sen")
    return meeting


@pytest.fixture
def member(make_person):
    return make_person("panel_chair", roles.PANEL_MEMBER)


@pytest.fixture
def child(caseworker, team):
    child = factories.child(
        by=caseworker, team=team, caseworker=caseworker, date_of_birth=datetime.date(2016, 5, 4)
    )
    children.needs_set(child=child, by=caseworker, primary="SLCN", secondary=None)
    factories.request_received(by=caseworker, child=child, received_on=datetime.date(2024, 9, 2))
    return child


def test_the_papers_show_the_child_the_request_and_the_deadlines(client, member, child, caseworker):
    meeting = meeting_of("assess", member)
    item = services.agenda_item_add(
        meeting=meeting, child=child, summary="Parent asks.", by=caseworker
    )
    client.force_login(member)
    body = client.get(f"/panels/items/{item.pk}/").content.decode()
    assert f"{child.forename} {child.surname}</h1>" in body
    assert ">8</dd>" in body  # age on 3 October 2024
    assert "Speech, language and communication needs" in body
    assert "Decide whether to assess" in body or "decision" in body.lower()
    assert "14 October 2024" in body  # the decision's deadline (reg 5(1))
    assert RecordAccess.objects.filter(child=child, user=member, what="panel papers").exists()


def test_a_decision_to_assess_asks_no_funding_band_and_an_issue_panel_does(
    client, member, child, caseworker
):
    assess = meeting_of("assess", member)
    issue = meeting_of("issue", member, held_on=MEETING_DAY + datetime.timedelta(days=7))
    on_assess = services.agenda_item_add(meeting=assess, child=child, summary="A", by=caseworker)
    on_issue = services.agenda_item_add(meeting=issue, child=child, summary="B", by=caseworker)
    client.force_login(member)
    assess_page = client.get(f"/panels/items/{on_assess.pk}/").content.decode()
    issue_page = client.get(f"/panels/items/{on_issue.pk}/").content.decode()
    assert 'name="funding_band"' not in assess_page
    assert 'name="funding_band"' in issue_page


def test_the_member_is_told_before_submitting_that_the_decision_waits_for_the_meeting_day(
    client, member, child, caseworker
):
    meeting = meeting_of("assess", member)
    item = services.agenda_item_add(meeting=meeting, child=child, summary="A", by=caseworker)
    client.force_login(member)
    body = client.get(f"/panels/items/{item.pk}/").content.decode()
    assert 'id="meeting-day"' in body and "10 October 2024" in body
    with time_machine.travel(MEETING_DAY, tick=False):
        client.force_login(member)
        on_the_day = client.get(f"/panels/items/{item.pk}/").content.decode()
    assert 'id="meeting-day"' not in on_the_day


def test_a_case_on_two_agendas_is_flagged_and_shows_where_it_was_decided(
    client, member, child, caseworker
):
    first = meeting_of("assess", member)
    second = meeting_of("assess", member, held_on=MEETING_DAY + datetime.timedelta(days=14))
    decided = services.agenda_item_add(meeting=first, child=child, summary="A", by=caseworker)
    waiting = services.agenda_item_add(meeting=second, child=child, summary="B", by=caseworker)
    client.force_login(member)
    body = client.get(f"/panels/items/{waiting.pk}/").content.decode()
    assert "on another panel&#x27;s agenda too" in body or "on another panel's agenda too" in body
    assert "not yet decided" in body
    with time_machine.travel(MEETING_DAY, tick=False):
        services.decision_record(
            item=decided, by=member, option="agree_to_assess", reasons="Evidence of need."
        )
        client.force_login(member)  # a week on: the earlier session has timed out
        body = client.get(f"/panels/items/{waiting.pk}/").content.decode()
    assert "decided there: agree to assess" in body
