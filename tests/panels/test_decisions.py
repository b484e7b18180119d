"""Panels: quorum, conflicts, each decision moving the case through the case services, access."""

import datetime

import pytest
import time_machine

from accounts import roles
from cases.models import RecordAccess, RequestStatus, TimelineEvent
from cases.services.common import StepRefused
from panels import services
from panels.models import Meeting, Membership, PanelType
from tests.cases import factories

pytestmark = pytest.mark.django_db
MEETING_DAY = datetime.date(2024, 10, 10)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(MEETING_DAY, tick=False):
        yield


@pytest.fixture
def panel(make_person):
    chair = make_person("chair_person", roles.PANEL_MEMBER)
    ep = make_person("ep_person", roles.PANEL_MEMBER)
    health = make_person("dmo_person", roles.PANEL_MEMBER)
    school = make_person("head_person", roles.PANEL_MEMBER)
    panel_type = PanelType.objects.create(
        name="Decision to assess panel",
        kind="assess",
        quorum_minimum=3,
        quorum_roles=["ep", "health"],
    )
    meeting = Meeting.objects.create(panel_type=panel_type, held_on=MEETING_DAY, chair=chair)
    members = {
        "chair": Membership.objects.create(meeting=meeting, user=chair, professional_role="sen"),
        "ep": Membership.objects.create(meeting=meeting, user=ep, professional_role="ep"),
        "health": Membership.objects.create(
            meeting=meeting, user=health, professional_role="health"
        ),
        "school": Membership.objects.create(
            meeting=meeting, user=school, professional_role="school"
        ),
    }
    return meeting, members


@pytest.fixture
def item(panel, caseworker, team):
    meeting, _ = panel
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=child, received_on=datetime.date(2024, 9, 2))
    return services.agenda_item_add(
        meeting=meeting,
        child=child,
        summary="Request from the parent; school supports it.",
        by=caseworker,
    )


def test_agree_to_assess_moves_the_case_dated_the_panel_date(item, panel):
    meeting, members = panel
    decision = services.decision_record(
        item=item,
        by=members["ep"].user,
        option="agree_to_assess",
        reasons="Evidence of needs the school cannot meet from its own resources.",
    )
    services.decision_confirm(decision=decision, by=meeting.chair)
    item.request.refresh_from_db()
    assert item.request.status == RequestStatus.ASSESSING
    assert item.request.decision_on == MEETING_DAY
    assert TimelineEvent.objects.filter(child=item.child, verb="panel_decision").exists()
    letter = services.outcome_letter(decision)
    assert "agree to assess" in letter and "Tribunal" not in letter


def test_refuse_to_assess_is_appealable_in_the_letter(item, panel):
    meeting, members = panel
    decision = services.decision_record(
        item=item,
        by=members["ep"].user,
        option="refuse_to_assess",
        reasons="Needs can be met through SEN support.",
    )
    services.decision_confirm(decision=decision, by=meeting.chair)
    item.request.refresh_from_db()
    assert item.request.status == RequestStatus.NOT_ASSESSED
    letter = services.outcome_letter(decision)
    assert "mediation adviser within 2 months" in letter and "First-tier Tribunal" in letter
    assert item.child.surname not in letter


def test_refuse_to_issue_after_assessing(panel, caseworker, team):
    meeting, members = panel
    meeting.panel_type.kind = "issue"
    meeting.panel_type.save()
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    request = factories.request_assessing(
        by=caseworker,
        child=child,
        received_on=datetime.date(2024, 6, 3),
        decided_on=datetime.date(2024, 7, 1),
    )
    item = services.agenda_item_add(
        meeting=meeting, child=child, summary="Assessment complete.", by=caseworker
    )
    decision = services.decision_record(
        item=item,
        by=members["ep"].user,
        option="refuse_to_issue",
        reasons="Needs met from ordinarily available provision.",
    )
    services.decision_confirm(decision=decision, by=meeting.chair)
    request.refresh_from_db()
    assert request.status == RequestStatus.NOT_ISSUED and request.not_to_issue_on == MEETING_DAY


def test_without_quorum_the_decision_is_refused(item, panel):
    meeting, members = panel
    members["health"].attended = False
    members["health"].save()
    with pytest.raises(StepRefused, match="not quorate"):
        services.decision_record(
            item=item, by=members["ep"].user, option="agree_to_assess", reasons="Reasons"
        )


def test_a_conflicted_member_takes_no_part(item, panel):
    meeting, members = panel
    services.conflict_declare(item=item, member=members["school"])
    with pytest.raises(StepRefused, match="conflict of interest"):
        services.decision_record(
            item=item, by=members["school"].user, option="agree_to_assess", reasons="Reasons"
        )
    services.conflict_declare(item=item, member=members["health"])
    with pytest.raises(StepRefused, match="not quorate"):
        services.decision_record(
            item=item, by=members["ep"].user, option="agree_to_assess", reasons="Reasons"
        )


@pytest.mark.parametrize(
    "option, reasons, message",
    [
        ("issue_plan", "Reasons", "cannot decide"),
        ("agree_to_assess", "  ", "Enter the reasons"),
        ("made_up", "Reasons", "cannot decide"),
    ],
)
def test_bad_decisions_are_refused_and_write_nothing(item, panel, option, reasons, message):
    meeting, members = panel
    with pytest.raises(StepRefused, match=message):
        services.decision_record(item=item, by=members["ep"].user, option=option, reasons=reasons)
    assert not hasattr(item, "decision") or item.decision is None


def test_only_members_record_and_only_the_chair_confirms(item, panel, caseworker):
    meeting, members = panel
    with pytest.raises(StepRefused, match="Only a member"):
        services.decision_record(
            item=item, by=caseworker, option="agree_to_assess", reasons="Reasons"
        )
    decision = services.decision_record(
        item=item, by=members["ep"].user, option="agree_to_assess", reasons="Reasons"
    )
    with pytest.raises(StepRefused, match="Only the chair"):
        services.decision_confirm(decision=decision, by=members["ep"].user)
    item.request.refresh_from_db()
    assert item.request.status == RequestStatus.AWAITING_DECISION


def test_a_case_whose_deadline_falls_before_the_meeting_is_flagged(panel, caseworker, team):
    meeting, _ = panel
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(
        by=caseworker, child=child, received_on=datetime.date(2024, 8, 20)
    )  # due 1 October
    item = services.agenda_item_add(meeting=meeting, child=child, summary="Late", by=caseworker)
    assert item.deadline_before_meeting


def test_panel_members_see_only_their_open_items_and_each_view_is_logged(
    client, item, panel, make_person
):
    meeting, members = panel
    outsider = make_person("other_panel", roles.PANEL_MEMBER)
    client.force_login(outsider)
    assert client.get(f"/panels/items/{item.pk}/").status_code == 404
    client.force_login(members["ep"].user)
    assert client.get(f"/panels/items/{item.pk}/").status_code == 200
    assert RecordAccess.objects.filter(
        child=item.child, user=members["ep"].user, channel="panel"
    ).exists()
    decision = services.decision_record(
        item=item, by=members["ep"].user, option="agree_to_assess", reasons="Reasons"
    )
    services.decision_confirm(decision=decision, by=meeting.chair)
    assert client.get(f"/panels/items/{item.pk}/").status_code == 404  # closed


def test_a_decision_on_a_case_not_on_the_agenda_is_refused(client, panel, caseworker, team):
    meeting, members = panel
    client.force_login(members["ep"].user)
    assert (
        client.post(
            "/panels/items/9999/", {"option": "agree_to_assess", "reasons": "x"}
        ).status_code
        == 404
    )


def test_a_decision_before_the_meeting_is_refused(item, panel):
    meeting, members = panel
    with (
        time_machine.travel(datetime.date(2024, 10, 9), tick=False),
        pytest.raises(StepRefused, match="The panel meets on 10 October 2024"),
    ):
        services.decision_record(
            item=item, by=members["ep"].user, option="agree_to_assess", reasons="Reasons"
        )


@pytest.mark.parametrize(
    ("kind", "option", "appealable"),
    [
        ("issue", "issue_plan", False),
        ("placement", "agree_placement", False),
        ("placement", "refuse_placement", False),
        ("cease", "cease", True),
        ("cease", "continue", False),
        ("other", "note", False),
    ],
)
def test_decisions_that_start_later_steps_go_on_the_timeline_and_change_no_case_fields(
    panel, caseworker, team, kind, option, appealable
):
    """Issuing a plan, placements and ceasing are carried out later by their own steps (the
    draft plan, the named setting, the cease notice): the confirmed decision is recorded on the
    case timeline and in the family's letter, and the case records are left as they were."""
    meeting, members = panel
    meeting.panel_type.kind = kind
    meeting.panel_type.save()
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    if kind == "issue":
        request = factories.request_assessing(
            by=caseworker,
            child=child,
            received_on=datetime.date(2024, 6, 3),
            decided_on=datetime.date(2024, 7, 1),
        )
    else:
        with time_machine.travel(datetime.date(2024, 3, 1), tick=False):
            factories.plan_issued(by=caseworker, child=child, received_on=datetime.date(2023, 9, 4))
        request = child.requests.get()
    plan = child.plans.first()
    before = (request.status, plan and plan.status, plan and plan.named_setting_id)
    item = services.agenda_item_add(meeting=meeting, child=child, summary="Papers", by=caseworker)
    decision = services.decision_record(
        item=item, by=members["ep"].user, option=option, reasons="The panel's reasons."
    )
    services.decision_confirm(decision=decision, by=meeting.chair)
    request.refresh_from_db()
    if plan:
        plan.refresh_from_db()
    assert (request.status, plan and plan.status, plan and plan.named_setting_id) == before
    event = TimelineEvent.objects.get(child=child, verb="panel_decision")
    assert event.payload == {"option": option} and event.happened_on == MEETING_DAY
    assert ("Tribunal" in services.outcome_letter(decision)) is appealable
