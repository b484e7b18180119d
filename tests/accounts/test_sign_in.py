import pytest
from django.conf import settings

from accounts.forms import SIGN_IN_FAILED
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_sign_in_takes_a_caseworker_home(client, caseworker):
    response = sign_in(client, caseworker.username, DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Welcome, Casey" in client.get("/").content.decode()


@pytest.mark.parametrize("which", ["password", "username"])
def test_wrong_sign_in_says_nothing_about_which_part_was_wrong(client, caseworker, which):
    username = "nobody" if which == "username" else caseworker.username
    password = "wrong-password" if which == "password" else DEMO_PASSWORD
    response = sign_in(client, username, password)
    body = response.content.decode()
    assert response.status_code == 200
    assert SIGN_IN_FAILED in body
    assert "govuk-error-summary" in body
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, caseworker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, caseworker.username, "wrong-password")
    response = sign_in(client, caseworker.username, DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_csrf_is_enforced_on_sign_in(caseworker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/sign-in/", {"username": caseworker.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
