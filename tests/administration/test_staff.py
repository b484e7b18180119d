"""Staff: add, change roles and teams, deactivate and reactivate, one-time passwords, the
last-administrator and own-account rules, and a list that copes with hundreds of staff."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from accounts import roles
from accounts.models import Team, User
from administration import services
from administration.models import AdministrationChange
from administration.services import staff as staff_services
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "username": "j.smith",
    "first_name": "Jo",
    "last_name": "Smith",
    "email": "jo.smith@example.gov.uk",
    "job_title": "EHC coordinator",
    "roles": [roles.CASEWORKER],
}


@pytest.fixture
def signed_in(client, administrator):
    client.force_login(administrator)
    return client


def test_an_administrator_adds_a_caseworker_who_can_then_sign_in(signed_in, team, client):
    response = signed_in.post("/administration/staff/add/", {**NEW_PERSON, "team": team.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jo Smith is added" in body
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    person = User.objects.get(username="j.smith")
    assert person.team == team and person.role_names == {roles.CASEWORKER}
    password = body.split('id="one-time-password">')[1].split("<")[0]
    assert len(password) >= 16 and not person.password.endswith(password)
    # The password works at the sign-in page, for that person only.
    signed_in.logout()
    response = client.post("/sign-in/", {"username": "j.smith", "password": password})
    assert response.status_code == 302
    assert client.get("/cases/").status_code == 200
    change = AdministrationChange.objects.get(target_id=str(person.pk))
    assert change.by.username == "ada_admin"
    assert "Caseworker" in change.summary and "North team" in change.summary


def test_adding_staff_with_problems_shows_them_all_and_writes_nothing(signed_in, caseworker):
    response = signed_in.post(
        "/administration/staff/add/",
        {"username": caseworker.username.upper(), "first_name": "", "last_name": "Smith"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter their first name" in body
    assert User.objects.count() == 2  # the administrator and the caseworker only
    response = signed_in.post(
        "/administration/staff/add/", {**NEW_PERSON, "username": caseworker.username.upper()}
    )
    body = response.content.decode()
    assert staff_services.USERNAME_TAKEN in body
    response = signed_in.post("/administration/staff/add/", {**NEW_PERSON, "roles": []})
    assert staff_services.ROLE_REQUIRED in response.content.decode()
    response = signed_in.post("/administration/staff/add/", {**NEW_PERSON, "username": "bad name!"})
    assert "A user name can only have" in response.content.decode()
    assert not User.objects.filter(username__iexact="j.smith").exists()
    assert not AdministrationChange.objects.exists()


def test_roles_team_and_teams_managed_are_changed_and_recorded(
    signed_in, caseworker, team, other_team
):
    url = f"/administration/staff/{caseworker.pk}/"
    response = signed_in.post(
        url,
        {
            "first_name": "Casey",
            "last_name": "Worker",
            "email": "casey@example.gov.uk",
            "roles": [roles.MANAGER],
            "team": "",
            "managed_teams": [team.pk, other_team.pk],
        },
    )
    assert response.status_code == 302
    person = User.objects.get(pk=caseworker.pk)
    assert person.role_names == {roles.MANAGER}
    assert set(person.managed_teams.all()) == {team, other_team}
    page = signed_in.get(url).content.decode()
    assert "Roles: Caseworker to Manager" in page
    assert "Manages: none to North team, South team" in page
    assert "Ada Tester" in page  # who made the change, shown on the page


def test_only_a_manager_can_manage_a_team(signed_in, caseworker, team):
    response = signed_in.post(
        f"/administration/staff/{caseworker.pk}/",
        {
            "first_name": "Casey",
            "last_name": "Worker",
            "roles": [roles.CASEWORKER],
            "managed_teams": [team.pk],
        },
    )
    assert staff_services.MANAGER_ROLE_NEEDED in response.content.decode()
    assert not team.managers.exists()


def test_a_deactivated_person_cannot_sign_in_and_is_signed_out(
    signed_in, caseworker, client, django_user_model
):
    from django.test import Client

    theirs = Client()
    theirs.force_login(caseworker)
    assert theirs.get("/cases/").status_code == 200
    response = signed_in.post(f"/administration/staff/{caseworker.pk}/deactivate/")
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    # Their session ends at the next request, and signing in again fails.
    response = theirs.get("/cases/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    from tests.conftest import DEMO_PASSWORD

    response = Client().post(
        "/sign-in/", {"username": caseworker.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    assert "The user name or password is not right" in response.content.decode()
    # Nothing is deleted, and the person can come back.
    assert User.objects.filter(pk=caseworker.pk).exists()
    response = signed_in.post(f"/administration/staff/{caseworker.pk}/reactivate/")
    assert response.status_code == 302
    response = Client().post(
        "/sign-in/", {"username": caseworker.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    summaries = list(
        AdministrationChange.objects.filter(target_id=str(caseworker.pk))
        .order_by("at", "pk")
        .values_list("summary", flat=True)
    )
    assert summaries == ["Deactivated", "Reactivated"]


def test_an_administrator_cannot_deactivate_themselves(signed_in, administrator):
    response = signed_in.post(f"/administration/staff/{administrator.pk}/deactivate/")
    assert response.status_code == 400
    assert staff_services.CANNOT_DEACTIVATE_SELF in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active


def test_an_administrator_cannot_drop_their_own_administrator_role(signed_in, administrator):
    response = signed_in.post(
        f"/administration/staff/{administrator.pk}/",
        {"first_name": "Ada", "last_name": "Tester", "roles": [roles.MANAGER]},
    )
    assert staff_services.CANNOT_DROP_OWN_ADMIN in response.content.decode()
    assert User.objects.get(pk=administrator.pk).has_role(roles.ADMINISTRATOR)


def test_the_last_administrator_always_remains(administrator, manager):
    # Only reachable through the service (an administrator acting is one themselves), but the
    # rule holds wherever the call comes from.
    with pytest.raises(ValidationError) as error:
        services.staff_deactivate(user=administrator, by=manager)
    assert error.value.messages == [staff_services.LAST_ADMINISTRATOR]
    with pytest.raises(ValidationError) as error:
        services.staff_update(
            user=administrator,
            first_name="Ada",
            last_name="Tester",
            email="",
            job_title="",
            team=None,
            role_names=[roles.MANAGER],
            managed_teams=[],
            by=manager,
        )
    assert error.value.message_dict["roles"] == [staff_services.LAST_ADMINISTRATOR]
    # With a second administrator, one may go.
    second = make_user("second_admin", roles.ADMINISTRATOR)
    services.staff_deactivate(user=administrator, by=second)


def test_a_new_password_is_shown_once_and_the_old_one_stops(signed_in, caseworker):
    from tests.conftest import DEMO_PASSWORD

    assert signed_in.get(f"/administration/staff/{caseworker.pk}/password/").status_code == 200
    response = signed_in.post(f"/administration/staff/{caseworker.pk}/password/")
    password = response.content.decode().split('id="one-time-password">')[1].split("<")[0]
    caseworker.refresh_from_db()
    assert not caseworker.check_password(DEMO_PASSWORD)
    assert caseworker.check_password(password)
    # The staff page never shows it again.
    assert password not in signed_in.get(f"/administration/staff/{caseworker.pk}/").content.decode()


@pytest.fixture
def many_staff(team, other_team):
    caseworker_group = Group.objects.get_or_create(name=roles.CASEWORKER)[0]
    manager_group = Group.objects.get_or_create(name=roles.MANAGER)[0]
    people = [
        User(
            username=f"staff-{index:03d}",
            first_name=f"Person{index:03d}",
            last_name="Zephyr" if index % 10 == 0 else "Yates",
            email=f"staff{index:03d}@example.gov.uk",
            team=team if index % 2 else other_team,
            is_active=index % 7 != 0,
        )
        for index in range(230)
    ]
    User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="staff-").order_by("username"))
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(
                user_id=p.pk, group_id=(manager_group if i % 5 == 0 else caseworker_group).pk
            )
            for i, p in enumerate(people)
        ]
    )
    return people


def test_the_staff_list_finds_filters_and_pages_hundreds_of_staff(
    signed_in, many_staff, team, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = signed_in.get("/administration/staff/")
    body = response.content.decode()
    active = sum(1 for i in range(230) if i % 7 != 0) + 1  # and the administrator
    assert f"{active} members of staff" in body
    assert "Page 1 of 4" in body
    assert len(re.findall(r'href="/administration/staff/\d+/"', body)) == 50
    page4 = signed_in.get("/administration/staff/?page=4").content.decode()
    assert "Page 4 of 4" in page4
    # By name, by email, by role, team and status.
    body = signed_in.get("/administration/staff/?q=person012").content.decode()
    assert "1 member of staff" in body and "Person012" in body
    body = signed_in.get("/administration/staff/?q=staff013%40example").content.decode()
    assert "1 member of staff" in body
    body = signed_in.get("/administration/staff/?q=zephyr&status=all").content.decode()
    assert "23 members of staff" in body
    expected = sum(1 for i in range(230) if i % 5 == 0 and i % 7 != 0)
    body = signed_in.get(f"/administration/staff/?role={roles.MANAGER}").content.decode()
    assert f"{expected} members of staff" in body
    body = signed_in.get(
        f"/administration/staff/?team={team.pk}&status=deactivated"
    ).content.decode()
    expected = sum(1 for i in range(230) if i % 2 and i % 7 == 0)
    assert f"{expected} members of staff" in body and "Deactivated" in body
    # Nonsense in the filters is ignored, never a 500.
    response = signed_in.get("/administration/staff/?team=abc&role=x&status=y&page=zz")
    assert response.status_code == 200


def test_a_team_is_added_with_its_managers_and_renamed(signed_in, manager, caseworker):
    response = signed_in.post(
        "/administration/teams/add/", {"name": "Post-16 team", "managers": [manager.pk]}
    )
    team = Team.objects.get(name="Post-16 team")
    assert response.status_code == 302
    assert list(team.managers.all()) == [manager]
    response = signed_in.post(
        f"/administration/teams/{team.pk}/", {"name": "Preparing for adulthood", "managers": []}
    )
    team.refresh_from_db()
    assert team.name == "Preparing for adulthood" and not team.managers.exists()
    page = signed_in.get(f"/administration/teams/{team.pk}/").content.decode()
    assert "Name: Post-16 team to Preparing for adulthood" in page
    # A duplicate name and a caseworker as manager are refused with clear messages.
    response = signed_in.post(
        "/administration/teams/add/", {"name": "preparing for adulthood", "managers": []}
    )
    assert "There is already a team with that name" in response.content.decode()
    response = services.team_create
    with pytest.raises(ValidationError) as error:
        services.team_create(name="East", managers=[caseworker], by=manager)
    assert "cannot manage a team" in error.value.message_dict["managers"][0]
    assert Team.objects.count() == 2  # the fixture's North team and this one


def test_a_user_name_taken_a_moment_ago_is_a_clear_message_not_an_error(
    administrator, caseworker, monkeypatch
):
    # Two administrators adding the same person at once: the second passes the check before
    # the first has saved. The database's unique index decides, and the message is the same.
    monkeypatch.setattr(staff_services, "_check_details", lambda **kwargs: None)
    with pytest.raises(ValidationError) as error:
        services.staff_create(
            username=caseworker.username,
            first_name="Jo",
            last_name="Smith",
            email="",
            job_title="",
            team=None,
            role_names=[roles.CASEWORKER],
            managed_teams=[],
            by=administrator,
        )
    assert error.value.message_dict["username"] == [staff_services.USERNAME_TAKEN]
    assert not AdministrationChange.objects.exists()
