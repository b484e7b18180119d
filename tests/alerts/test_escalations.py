"""Escalations in a manager's inbox: a case with a statutory step overdue by more than the
threshold, and a case no caseworker leads. Raised once to each manager of the case's team (not
again each night), closed when the condition ends, never to another team's manager."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from alerts.digests import caseworker_digests_send, manager_summaries_send
from alerts.models import Alert, AlertKind, Threshold
from alerts.sweep import sweep_run
from alerts.sweep_escalate import escalations_raise
from cases.services import children, requests
from tests.cases import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
# The decision whether to assess is due 14 October 2024: more than 28 days overdue from 12 Nov.
DUE = datetime.date(2024, 10, 14)
ESCALATED_ON = datetime.date(2024, 11, 12)


@pytest.fixture
def other_manager(other_team):
    user = make_user("otto_manager", roles.MANAGER)
    other_team.managers.add(user)
    return user


@pytest.fixture
def overdue_case(caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        request = factories.request_received(by=caseworker, child=child)
    return child, request


@pytest.fixture
def unallocated_case(caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        return factories.child(
            by=caseworker, team=team, caseworker=None, upn="", upn_unknown_reason="UN8"
        )


def escalations(**filters):
    return Alert.objects.filter(threshold=Threshold.ESCALATED, **filters)


def test_a_long_overdue_step_is_escalated_once_to_the_teams_manager(
    overdue_case, manager, other_manager, caseworker
):
    child, _ = overdue_case
    sweep_run(today=ESCALATED_ON)
    alert = escalations(child=child).get()
    assert (alert.recipient, alert.kind, alert.closed_at) == (
        manager,
        AlertKind.ESCALATED_OVERDUE,
        None,
    )
    assert alert.title == "A statutory step is overdue by more than 4 weeks"
    # Nothing to another team's manager, nor to the caseworker (who has the overdue alert).
    assert not escalations(recipient__in=[other_manager, caseworker]).exists()
    # The next nights raise nothing new: the same open alert, read or not.
    Alert.objects.filter(pk=alert.pk).update(read_at=timezone.now())
    for day in (1, 2, 7):
        sweep_run(today=ESCALATED_ON + datetime.timedelta(days=day))
    assert list(escalations(child=child).values_list("pk", "closed_at")) == [(alert.pk, None)]


def test_not_escalated_until_past_the_threshold(overdue_case, manager):
    sweep_run(today=DUE + datetime.timedelta(days=28))
    assert not escalations().exists()
    sweep_run(today=DUE + datetime.timedelta(days=29))
    assert escalations().count() == 1


def test_the_threshold_is_a_setting(overdue_case, manager, settings):
    settings.SEND_ESCALATE_AFTER_DAYS = 10
    sweep_run(today=DUE + datetime.timedelta(days=11))
    assert escalations().get().title == "A statutory step is overdue by more than 10 days"


def test_each_manager_of_the_team_has_their_own(overdue_case, manager, team):
    second = make_user("morag_manager", roles.MANAGER)
    team.managers.add(second)
    sweep_run(today=ESCALATED_ON)
    assert set(escalations().values_list("recipient", flat=True)) == {manager.pk, second.pk}


def test_a_team_manager_without_the_manager_role_is_not_told(overdue_case, team, caseworker):
    team.managers.add(caseworker)  # left in the team's managers after losing the role
    sweep_run(today=ESCALATED_ON)
    assert not escalations().exists()


def test_closed_when_the_step_is_done(overdue_case, manager, caseworker):
    child, request = overdue_case
    sweep_run(today=ESCALATED_ON)
    with time_machine.travel(ESCALATED_ON, tick=False):
        requests.request_decide(
            request=request, decided_to_assess=True, decided_on=ESCALATED_ON, by=caseworker
        )
    sweep_run(today=ESCALATED_ON + datetime.timedelta(days=1))
    assert escalations(child=child).get().closed_at is not None
    assert not escalations(child=child, closed_at__isnull=True).exists()


def test_an_unallocated_case_is_escalated_once_and_closed_when_allocated(
    unallocated_case, manager, other_manager, caseworker
):
    today = datetime.date(2024, 9, 11)
    sweep_run(today=today)
    alert = escalations(child=unallocated_case).get()
    assert (alert.recipient, alert.kind) == (manager, AlertKind.UNALLOCATED)
    assert not escalations(recipient=other_manager).exists()
    sweep_run(today=today + datetime.timedelta(days=1))
    assert escalations(child=unallocated_case).count() == 1
    children.child_reassign(child=unallocated_case, to=caseworker, by=manager)
    sweep_run(today=today + datetime.timedelta(days=2))
    alert.refresh_from_db()
    assert alert.closed_at is not None
    assert not escalations(closed_at__isnull=True).exists()


def test_escalated_again_after_it_closed_and_came_back(unallocated_case, manager, caseworker):
    sweep_run(today=datetime.date(2024, 9, 11))
    children.child_reassign(child=unallocated_case, to=caseworker, by=manager)
    sweep_run(today=datetime.date(2024, 9, 12))
    type(unallocated_case).objects.filter(pk=unallocated_case.pk).update(lead_caseworker=None)
    sweep_run(today=datetime.date(2024, 9, 13))
    rows = escalations().order_by("pk").values_list("due_on", "closed_at")
    assert [(due_on, closed_at is None) for due_on, closed_at in rows] == [
        (datetime.date(2024, 9, 11), False),
        (datetime.date(2024, 9, 13), True),
    ]


def test_a_case_moved_to_another_team_goes_to_that_teams_manager(
    unallocated_case, manager, other_manager, other_team
):
    sweep_run(today=datetime.date(2024, 9, 11))
    type(unallocated_case).objects.filter(pk=unallocated_case.pk).update(team=other_team)
    sweep_run(today=datetime.date(2024, 9, 12))
    assert not escalations(recipient=manager, closed_at__isnull=True).exists()
    assert escalations(recipient=other_manager, closed_at__isnull=True).count() == 1


def test_closed_when_the_manager_leaves_the_team_or_the_case_is_archived(
    overdue_case, unallocated_case, manager, team
):
    sweep_run(today=ESCALATED_ON)
    assert escalations(closed_at__isnull=True).count() == 2
    type(unallocated_case).objects.filter(pk=unallocated_case.pk).update(archived_at=timezone.now())
    sweep_run(today=ESCALATED_ON + datetime.timedelta(days=1))
    assert list(escalations(closed_at__isnull=True).values_list("kind", flat=True)) == [
        AlertKind.ESCALATED_OVERDUE
    ]
    team.managers.remove(manager)
    sweep_run(today=ESCALATED_ON + datetime.timedelta(days=2))
    assert not escalations(closed_at__isnull=True).exists()


def test_raising_takes_the_same_queries_whatever_the_number_of_cases(
    caseworker, team, manager, django_assert_max_num_queries
):
    def count_queries(how_many):
        Alert.objects.all().delete()
        with django_assert_max_num_queries(100) as captured:
            escalations_raise(today=ESCALATED_ON)
        assert Alert.objects.count() == how_many
        return len(captured.captured_queries)

    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        factories.child(by=caseworker, team=team, caseworker=None, upn="", upn_unknown_reason="UN8")
        one = count_queries(1)
        for _ in range(4):
            factories.child(
                by=caseworker, team=team, caseworker=None, upn="", upn_unknown_reason="UN8"
            )
    assert count_queries(5) == one


def test_the_manager_sees_them_in_the_inbox_and_another_teams_manager_does_not(
    client, overdue_case, unallocated_case, manager, other_manager
):
    child, _ = overdue_case
    sweep_run(today=ESCALATED_ON)
    client.force_login(manager)
    with time_machine.travel(ESCALATED_ON, tick=False):
        page = client.get(reverse("alerts:inbox")).content.decode()
    assert "Escalated to you" in page
    assert "Decide whether to assess" in page or "decision" in page.lower()
    assert "29 days late" in page
    assert "overdue by more than 4 weeks" in page
    assert reverse("workspace:case", args=[child.reference]) in page
    assert "No caseworker leads this case" in page
    assert reverse("cases:hand_over", args=[unallocated_case.reference]) in page
    assert unallocated_case.reference in page
    client.force_login(other_manager)
    page = client.get(reverse("alerts:inbox")).content.decode()
    assert "There are no open alerts." in page
    assert child.reference not in page and unallocated_case.reference not in page


def test_a_manager_who_left_the_team_no_longer_sees_them_before_the_sweep_runs(
    client, unallocated_case, manager, team
):
    sweep_run(today=ESCALATED_ON)
    team.managers.remove(manager)
    client.force_login(manager)
    page = client.get(reverse("alerts:inbox")).content.decode()
    assert unallocated_case.reference not in page
    assert "There are no open alerts." in page


def test_the_manager_marks_a_cases_escalations_read(client, overdue_case, manager):
    child, _ = overdue_case
    sweep_run(today=ESCALATED_ON)
    client.force_login(manager)
    client.post(reverse("alerts:read_all"), {"reference": child.reference, "group": "case"})
    assert escalations(child=child).get().read_at is not None


def test_escalations_go_in_the_managers_summary_not_a_caseworker_digest(
    overdue_case, unallocated_case, manager, caseworker
):
    manager.email = "manager@example.org"
    manager.save()
    caseworker.email = "casey@example.org"
    caseworker.save()
    sweep_run(today=ESCALATED_ON)
    caseworker_digests_send(today=ESCALATED_ON)
    assert [message.to for message in mail.outbox] == [["casey@example.org"]]
    assert "Escalated" not in mail.outbox[0].body
    manager_summaries_send(today=ESCALATED_ON)
    assert "Escalated to you: 1 case with a step long overdue, 1 case no caseworker leads" in (
        mail.outbox[1].body
    )
