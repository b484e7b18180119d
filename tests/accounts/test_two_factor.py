"""Two-factor sign-in with an authenticator app (TOTP), recovery codes and an administrator's reset."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import (
    CODE_OR_RECOVERY_WRONG,
    CODE_WRONG,
    RECOVERY_CODE_COUNT,
    TOO_MANY_TRIES,
    two_factor_reset,
)
from tests.cases import factories
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def enforced(settings):
    settings.OTP_ENFORCE = True
    settings.OTP_REQUIRED_ROLES = ["manager", "head_of_service", "administrator"]
    settings.OTP_REQUIRED_FOR_ALL = False
    return settings


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, user, next_url=None):
    data = {"username": user.username, "password": DEMO_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/sign-in/", data)


def set_up_authenticator(client, user) -> tuple[TOTPDevice, list[str]]:
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/account/two-factor/", {"code": code_for(device)})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    return device, codes


@pytest.fixture
def case_url(caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    return f"/cases/{child.reference}/"


def test_a_manager_must_set_up_two_factor_before_opening_anything(
    client, enforced, manager, case_url, clock
):
    response = sign_in(client, manager, next_url=case_url)
    assert response["Location"] == case_url
    response = client.get(case_url)
    assert response.status_code == 302
    assert response["Location"] == f"/account/two-factor/?next={case_url.replace('/', '%2F')}"
    assert client.get("/cases/").status_code == 302

    page = client.get(response["Location"]).content.decode()
    assert "Set up two-factor sign-in" in page
    assert '<svg role="img"' in page
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert device.config_url.split("secret=")[1].split("&")[0] in page.replace(" ", "")

    wrong = client.post("/account/two-factor/", {"code": "000000", "next": case_url})
    assert CODE_WRONG in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    clock.shift(datetime.timedelta(seconds=2))  # past the wait after one wrong code
    done = client.post("/account/two-factor/", {"code": code_for(device), "next": case_url})
    body = done.content.decode()
    assert "Two-factor sign-in is on" in body
    assert len(re.findall(r"<li><code>[a-z0-9]+</code></li>", body)) == RECOVERY_CODE_COUNT
    assert f'href="{case_url}"' in body
    assert client.get(case_url).status_code == 200


def test_with_an_authenticator_the_password_alone_opens_nothing(client, caseworker, case_url):
    client.force_login(caseworker)
    device, _ = set_up_authenticator(client, caseworker)
    client.post("/sign-out/")

    sign_in(client, caseworker, next_url=case_url)
    response = client.get(case_url)
    assert response.status_code == 302
    verify_url = response["Location"]
    assert verify_url.startswith("/sign-in/verify/?next=")
    assert client.get("/api/v1/children/").status_code == 403

    page = client.get(verify_url).content.decode()
    assert f'name="next" value="{case_url}"' in page
    wrong = client.post("/sign-in/verify/", {"code": "123456", "next": case_url})
    assert CODE_OR_RECOVERY_WRONG in wrong.content.decode()
    assert client.get(case_url).status_code == 302

    with time_machine.travel(NOW + datetime.timedelta(seconds=60), tick=False):
        response = client.post("/sign-in/verify/", {"code": code_for(device), "next": case_url})
        assert response.status_code == 302 and response["Location"] == case_url
        assert client.get(case_url).status_code == 200


def test_a_recovery_code_signs_in_once(client, caseworker):
    client.force_login(caseworker)
    _, codes = set_up_authenticator(client, caseworker)
    assert len(codes) == RECOVERY_CODE_COUNT
    client.post("/sign-out/")

    sign_in(client, caseworker)
    response = client.post("/sign-in/verify/", {"code": codes[0].upper()})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/cases/").status_code == 200
    assert StaticToken.objects.filter(device__user=caseworker).count() == RECOVERY_CODE_COUNT - 1
    client.post("/sign-out/")

    sign_in(client, caseworker)
    again = client.post("/sign-in/verify/", {"code": codes[0]})
    assert CODE_OR_RECOVERY_WRONG in again.content.decode()


def test_wrong_codes_are_slowed_down(client, caseworker, clock):
    client.force_login(caseworker)
    device, _ = set_up_authenticator(client, caseworker)
    client.post("/sign-out/")
    sign_in(client, caseworker)
    clock.shift(datetime.timedelta(seconds=31))
    for _ in range(3):
        client.post("/sign-in/verify/", {"code": "111111"})
    response = client.post("/sign-in/verify/", {"code": code_for(device)})
    assert TOO_MANY_TRIES in response.content.decode()
    assert client.get("/cases/").status_code == 302
    clock.shift(datetime.timedelta(seconds=5))  # the wait doubles with each wrong code
    response = client.post("/sign-in/verify/", {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get("/cases/").status_code == 200


def test_verify_never_sends_the_person_off_the_portal(client, caseworker):
    client.force_login(caseworker)
    _, codes = set_up_authenticator(client, caseworker)
    client.post("/sign-out/")
    sign_in(client, caseworker)
    response = client.post("/sign-in/verify/", {"code": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_without_enforcement_the_demo_signs_in_with_a_password(client, settings, manager):
    settings.OTP_ENFORCE = False
    sign_in(client, manager)
    assert client.get("/cases/").status_code == 200


def test_enforcement_covers_the_chosen_roles_or_everyone(client, enforced, caseworker):
    sign_in(client, caseworker)
    assert client.get("/cases/").status_code == 200, "caseworkers are not in OTP_REQUIRED_ROLES"
    enforced.OTP_REQUIRED_FOR_ALL = True
    response = client.get("/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")


def test_administrators_cannot_reach_the_django_admin_on_a_password_alone(
    client, enforced, administrator
):
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")


def test_public_pages_and_sign_out_stay_open(client, enforced, manager):
    sign_in(client, manager)
    assert client.get("/accessibility/").status_code == 200
    assert client.post("/sign-out/").status_code == 302


def test_an_administrators_reset_makes_the_person_set_up_again(
    client, enforced, manager, administrator
):
    client.force_login(manager)
    set_up_authenticator(client, manager)
    assert two_factor_reset(user=manager, by=administrator) == 2
    client.post("/sign-out/")
    sign_in(client, manager)
    response = client.get("/cases/")
    assert response["Location"].startswith("/account/two-factor/")


def test_the_reset_command(caseworker, client):
    client.force_login(caseworker)
    set_up_authenticator(client, caseworker)
    call_command("two_factor_reset", caseworker.username)
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not StaticToken.objects.filter(device__user=caseworker).exists()


def test_the_set_up_page_once_set_up_says_so(client, caseworker):
    client.force_login(caseworker)
    set_up_authenticator(client, caseworker)
    page = client.get("/account/two-factor/").content.decode()
    assert "Two-factor sign-in is on for your account" in page
    assert f"{RECOVERY_CODE_COUNT} recovery codes left" in page
