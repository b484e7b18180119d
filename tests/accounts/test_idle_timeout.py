"""A sign-in ends after a spell without use; signing in again goes back to where the person was."""

import datetime

import pytest
import time_machine

from accounts.middleware import SIGNED_OUT_IDLE
from tests.cases import factories
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def case_url(caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    return f"/cases/{child.reference}/"


def test_a_sign_in_ends_after_thirty_minutes_without_use(client, caseworker, case_url, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(caseworker)
        assert client.get(case_url).status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(case_url)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={case_url}"
    assert not signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert SIGNED_OUT_IDLE.format(minutes=30) in page


def test_using_the_portal_keeps_the_sign_in_going(client, caseworker, case_url, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(caseworker)
        for _ in range(6):  # three hours of work, a page every 25 minutes
            clock.shift(datetime.timedelta(minutes=25))
            assert client.get(case_url).status_code == 200
        assert signed_in(client)


def test_a_form_sent_after_the_timeout_is_not_acted_on(client, caseworker, case_url, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(caseworker)
        client.get(case_url)
        clock.shift(datetime.timedelta(hours=2))
        response = client.post("/cases/register/", {"forename": "Zed"})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


def test_signing_in_again_returns_to_where_the_person_was(client, caseworker, case_url):
    page = client.get(f"/sign-in/?next={case_url}").content.decode()
    assert f'name="next" value="{case_url}"' in page
    response = client.post(
        "/sign-in/", {"username": caseworker.username, "password": DEMO_PASSWORD, "next": case_url}
    )
    assert response.status_code == 302
    assert response["Location"] == case_url


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/cases/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_signing_in_never_sends_the_person_off_the_portal(client, caseworker, next_url):
    response = client.post(
        "/sign-in/", {"username": caseworker.username, "password": DEMO_PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_idle_limit_can_be_turned_off(client, caseworker, case_url, settings):
    settings.SESSION_IDLE_SECONDS = 0
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(caseworker)
        client.get(case_url)
        clock.shift(datetime.timedelta(hours=3))
        assert client.get(case_url).status_code == 200
