import datetime

import pytest
import time_machine

from tests.cases import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2024, 10, 20), tick=False):
        yield


def test_caseworker_home_counts_their_own_statutory_steps(
    client, caseworker, other_caseworker, team, other_team
):
    mine = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=mine)  # decision due 14 October: overdue
    theirs = factories.child(
        by=other_caseworker, team=other_team, caseworker=other_caseworker, upn="B801200005001"
    )
    factories.request_received(
        by=other_caseworker, child=theirs, received_on=datetime.date(2024, 10, 1)
    )
    client.force_login(caseworker)
    response = client.get("/")
    counts = response.context["counts"]
    assert counts["overdue"] == 1
    assert [d.child for d in response.context["next_deadlines"]][0] == mine
    assert theirs.reference not in response.content.decode()


def test_panel_member_home_has_no_caseload(client, panel_member):
    client.force_login(panel_member)
    response = client.get("/")
    assert response.status_code == 200
    assert "counts" not in response.context


def test_administrator_home_shows_what_is_left_to_set_up(client, make_person):
    from accounts import roles

    admin = make_person("ada_admin", roles.ADMINISTRATOR)
    client.force_login(admin)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["setup"]["staff"] >= 1
    assert "Add a member of staff" in response.content.decode()


def test_accounts_depends_on_neither_cases_nor_reporting():
    """Staff, teams and access are the ground floor: the pages built on cases live here."""
    import ast
    from pathlib import Path

    accounts = Path(__file__).resolve().parents[2] / "accounts"
    offending = []
    for module in accounts.rglob("*.py"):
        if "migrations" in module.parts:
            continue
        for node in ast.walk(ast.parse(module.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offending += [
                f"{module.name}: {name}"
                for name in names
                if name.split(".")[0] in ("cases", "reporting", "workspace")
            ]
    assert offending == []


def test_the_panel_members_home_lists_their_meetings(client, panel_member, make_person):
    from panels.models import Meeting, Membership, PanelType

    panel_type = PanelType.objects.create(name="Decision to assess panel", kind="assess")
    soon = Meeting.objects.create(
        panel_type=panel_type, held_on=datetime.date(2024, 10, 24), chair=panel_member
    )
    other = Meeting.objects.create(
        panel_type=panel_type,
        held_on=datetime.date(2024, 10, 31),
        chair=make_person("another_chair", "panel_member"),
    )
    Membership.objects.create(meeting=soon, user=panel_member, professional_role="sen")
    client.force_login(panel_member)
    body = client.get("/").content.decode()
    assert f"/panels/{soon.pk}/" in body and "(you chair it)" in body
    assert f"/panels/{other.pk}/" not in body


def test_the_managers_home_escalates_long_overdue_and_unallocated_cases(
    client, manager, caseworker, team
):
    from cases.models import Child

    late = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=late, received_on=datetime.date(2024, 7, 1))
    unled = factories.child(by=caseworker, team=team, caseworker=caseworker, upn="B801200005001")
    Child.objects.filter(pk=unled.pk).update(lead_caseworker=None)
    client.force_login(manager)
    response = client.get("/")
    assert response.context["escalations"] == {
        "long_overdue": 1,
        "after_days": 28,
        "unallocated": 1,
    }
    body = response.content.decode()
    assert "/children/?scope=all&amp;unallocated=on" in body
    assert f"{late.forename} {late.surname}" in body  # the most urgent name the child


def test_the_editors_home_counts_the_directorys_work(client, directory_editor):
    client.force_login(directory_editor)
    response = client.get("/")
    assert response.context["directory"] == {"total": 0, "lapsed": 0, "feedback": 0}
    assert "The Local Offer directory" in response.content.decode()


def test_the_managers_home_escalates_by_the_same_rule_as_the_inbox(
    client, manager, caseworker, team, settings
):
    """The home page's count and the inbox's escalations agree: the threshold is the council's
    setting, and a step the limit does not apply to (excepted) is not overdue."""
    from cases.models import StatutoryDeadline

    late = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=late, received_on=datetime.date(2024, 7, 1))
    client.force_login(manager)
    assert client.get("/").context["escalations"]["long_overdue"] == 1

    settings.SEND_ESCALATE_AFTER_DAYS = 100_000
    escalations = client.get("/").context["escalations"]
    assert escalations["long_overdue"] == 0 and escalations["after_days"] == 100_000

    settings.SEND_ESCALATE_AFTER_DAYS = 28
    StatutoryDeadline.objects.filter(child=late, is_open=True).update(exception_applied=True)
    assert client.get("/").context["escalations"]["long_overdue"] == 0
