"""Arranging a panel meeting in the portal: date and chair, members with their professional roles,
attendance; refused with a reason when it cannot be done, and frozen once decisions are made."""

import datetime

import pytest
import time_machine

from accounts import roles
from cases.services.common import StepRefused
from panels import services
from panels.models import Meeting, Membership, PanelType
from tests.cases import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 10, 3)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def panel_type(db):
    return PanelType.objects.create(
        name="Decision to assess panel",
        kind="assess",
        quorum_minimum=3,
        quorum_roles=["ep", "health"],
    )


@pytest.fixture
def people(make_person):
    return {
        name: make_person(f"{name}_person", roles.PANEL_MEMBER)
        for name in ("ep", "health", "school")
    }


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_a_manager_arranges_a_meeting_adds_members_and_records_attendance(
    client, manager, panel_type, people
):
    client.force_login(manager)
    response = client.post(
        "/panels/new/",
        {
            "panel_type": panel_type.pk,
            **date_fields("held_on", datetime.date(2024, 10, 10)),
            "chair": manager.pk,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/panels/{meeting.pk}/members/"
    assert (meeting.held_on, meeting.chair) == (datetime.date(2024, 10, 10), manager)

    page = client.get(f"/panels/{meeting.pk}/members/").content.decode()
    assert "not quorate" in page and "educational psychologist" in page
    for name, role in (("ep", "ep"), ("health", "health"), ("school", "school")):
        response = client.post(
            f"/panels/{meeting.pk}/members/",
            {"add": "1", "user": people[name].pk, "professional_role": role},
        )
        assert response.status_code == 302
    assert "make the panel quorate" in client.get(f"/panels/{meeting.pk}/members/").content.decode()

    school = Membership.objects.get(user=people["school"])
    response = client.post(
        f"/panels/{meeting.pk}/attendance/",
        {"attended": [m.pk for m in meeting.members.exclude(pk=school.pk)]},
    )
    assert response.status_code == 302
    assert list(meeting.members.filter(attended=False)) == [school]
    page = client.get(f"/panels/{meeting.pk}/").content.decode()
    assert "(sent apologies)" in page and "not quorate" in page


def test_adding_the_same_person_twice_keeps_the_form_and_writes_nothing(
    client, manager, panel_type, people
):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    services.membership_add(meeting=meeting, user=people["ep"], professional_role="ep", by=manager)
    client.force_login(manager)
    response = client.post(
        f"/panels/{meeting.pk}/members/",
        {"add": "1", "user": people["ep"].pk, "professional_role": "health"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "is already a member of this meeting" in body
    assert "<title>Error:" in body
    assert meeting.members.count() == 1


@pytest.mark.parametrize(
    ("held_on", "chair", "field", "message"),
    [
        (datetime.date(2024, 10, 2), "manager", "held_on", "a date that has passed"),
        (datetime.date(2024, 10, 10), "caseworker", "chair", "must be a manager or a panel member"),
    ],
)
def test_bad_meetings_are_refused(manager, caseworker, panel_type, held_on, chair, field, message):
    chair = {"manager": manager, "caseworker": caseworker}[chair]
    with pytest.raises(StepRefused) as refused:
        services.meeting_arrange(panel_type=panel_type, held_on=held_on, chair=chair, by=manager)
    assert message in refused.value.message_dict[field][0]
    assert not Meeting.objects.exists()


def test_only_panel_people_can_be_members(manager, caseworker, panel_type):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    with pytest.raises(StepRefused, match="is not a panel member"):
        services.membership_add(
            meeting=meeting, user=caseworker, professional_role="sen", by=manager
        )
    assert not meeting.members.exists()


def test_membership_and_attendance_are_frozen_once_a_decision_is_recorded(
    manager, caseworker, team, panel_type, people
):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    members = [
        services.membership_add(meeting=meeting, user=people[n], professional_role=r, by=manager)
        for n, r in (("ep", "ep"), ("health", "health"), ("school", "school"))
    ]
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=child, received_on=datetime.date(2024, 9, 2))
    item = services.agenda_item_add(meeting=meeting, child=child, summary="Request", by=caseworker)
    services.decision_record(
        item=item, by=people["ep"], option="agree_to_assess", reasons="Evidence of need"
    )
    with pytest.raises(StepRefused, match="already recorded a decision"):
        services.attendance_record(meeting=meeting, attended={members[0].pk}, by=manager)
    with pytest.raises(StepRefused, match="already recorded a decision"):
        services.membership_remove(membership=members[1], by=manager)
    assert meeting.members.filter(attended=True).count() == 3


def test_only_managers_and_the_chair_manage_a_meeting(
    client, manager, panel_type, people, caseworker
):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=people["ep"], by=manager
    )
    services.membership_add(
        meeting=meeting, user=people["health"], professional_role="health", by=manager
    )
    client.force_login(people["health"])  # a member, not the chair
    assert client.get(f"/panels/{meeting.pk}/members/").status_code == 403
    assert client.get(f"/panels/{meeting.pk}/attendance/").status_code == 403
    assert client.get("/panels/new/").status_code == 403
    client.force_login(people["ep"])  # the chair
    assert client.get(f"/panels/{meeting.pk}/attendance/").status_code == 200
    client.force_login(caseworker)
    assert client.get(f"/panels/{meeting.pk}/members/").status_code == 403


def test_every_change_to_a_meeting_is_attributable(client, manager, panel_type, people):
    from panels.models import MeetingChange

    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    member = services.membership_add(
        meeting=meeting, user=people["ep"], professional_role="ep", by=manager
    )
    services.attendance_record(meeting=meeting, attended=set(), by=manager)
    services.membership_remove(membership=member, by=manager)
    assert list(MeetingChange.objects.values_list("summary", "by")) == [
        ("Meeting arranged, chaired by Mandy Tester", manager.pk),
        ("Ep Tester added as educational psychologist", manager.pk),
        ("Attendance recorded: 0 attending, 1 sent apologies", manager.pk),
        ("Ep Tester removed", manager.pk),
    ]
    client.force_login(manager)
    page = client.get(f"/panels/{meeting.pk}/members/").content.decode()
    assert "Ep Tester added as educational psychologist (Mandy Tester)" in page


def test_members_cannot_change_once_the_meeting_has_taken_place(
    client, manager, panel_type, people, today
):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    member = services.membership_add(
        meeting=meeting, user=people["ep"], professional_role="ep", by=manager
    )
    today.move_to(TODAY + datetime.timedelta(days=1))
    with pytest.raises(StepRefused, match="has taken place"):
        services.membership_add(
            meeting=meeting, user=people["health"], professional_role="health", by=manager
        )
    with pytest.raises(StepRefused, match="has taken place"):
        services.membership_remove(membership=member, by=manager)
    # Attendance is recorded on or after the day.
    services.attendance_record(meeting=meeting, attended={member.pk}, by=manager)
    client.force_login(manager)
    assert client.post(f"/panels/{meeting.pk}/members/", {"remove": "abc"}).status_code == 404
    assert meeting.members.count() == 1


def test_a_member_who_is_not_the_chair_cannot_change_a_meeting_by_posting(
    client, manager, panel_type, people
):
    meeting = services.meeting_arrange(
        panel_type=panel_type, held_on=TODAY, chair=manager, by=manager
    )
    member = services.membership_add(
        meeting=meeting, user=people["health"], professional_role="health", by=manager
    )
    client.force_login(people["health"])
    posts = [
        (
            f"/panels/{meeting.pk}/members/",
            {"add": "1", "user": people["ep"].pk, "professional_role": "ep"},
        ),
        (f"/panels/{meeting.pk}/members/", {"remove": str(member.pk)}),
        (f"/panels/{meeting.pk}/attendance/", {"attended": []}),
        ("/panels/new/", {"panel_type": panel_type.pk, "chair": people["health"].pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert list(meeting.members.values_list("user", "attended")) == [(people["health"].pk, True)]
    assert Meeting.objects.count() == 1
