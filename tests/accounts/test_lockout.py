"""Sign-in lock-out: per user and address, per address (password spraying), through trusted proxies."""

import pytest
from django.test import Client, RequestFactory

from accounts.client_address import client_ip
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ALICE = "203.0.113.5"
BOB = "198.51.100.7"


def sign_in(client, username, password, **meta):
    return client.post("/sign-in/", {"username": username, "password": password}, **meta)


def locked(response) -> bool:
    return response.status_code == 429 and "Your account is locked" in response.content.decode()


def test_spraying_many_user_names_from_one_address_locks_the_address(settings, caseworker):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    client = Client(REMOTE_ADDR=ALICE)
    responses = [
        sign_in(client, f"user{n}", password)
        for n in range(11)
        for password in ("Summer2026!", "Password1", "Welcome1", "Council123")
    ]
    assert not any(locked(response) for response in responses[:19])
    assert all(locked(response) for response in responses[20:])
    # Even the right password for a real account is refused from that address for now...
    assert locked(sign_in(client, caseworker.username, DEMO_PASSWORD))
    # ...while the same person elsewhere is not affected.
    elsewhere = sign_in(Client(REMOTE_ADDR=BOB), caseworker.username, DEMO_PASSWORD)
    assert elsewhere.status_code == 302


def test_a_good_sign_in_does_not_clear_an_address_of_its_spraying(
    settings, caseworker, other_caseworker
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    client = Client(REMOTE_ADDR=ALICE)
    for n in range(7):
        sign_in(client, f"user{n}", "Password1")
    # The attacker's own (or a stolen) account signs in: its own failures are cleared, not others'.
    assert sign_in(client, caseworker.username, DEMO_PASSWORD).status_code == 302
    client.post("/sign-out/")
    sign_in(client, "user99", "Password1")
    assert locked(sign_in(client, other_caseworker.username, DEMO_PASSWORD))


def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(settings, caseworker):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.AXES_FAILURE_LIMIT = 5
    alice = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE)
    bob = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=BOB)
    for _ in range(5):
        sign_in(alice, caseworker.username, "wrong-password")
    assert locked(sign_in(alice, caseworker.username, DEMO_PASSWORD))
    # Someone trying to lock Casey out from elsewhere does not lock out Casey's own desk.
    assert sign_in(bob, caseworker.username, DEMO_PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_count(
    settings, caseworker
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        # The client writes a new address each time; the proxy appends the real one.
        forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ALICE}")
        sign_in(forged, caseworker.username, "wrong-password")
    again = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.77, {ALICE}")
    assert locked(sign_in(again, caseworker.username, DEMO_PASSWORD))


def test_with_no_trusted_proxy_a_forged_forwarded_for_is_ignored(settings, caseworker):
    settings.TRUSTED_PROXIES = []
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        client = Client(REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        sign_in(client, caseworker.username, "wrong-password")
    client = Client(REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert locked(sign_in(client, caseworker.username, DEMO_PASSWORD))


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], ALICE, None, ALICE),
        ([], PROXY, ALICE, PROXY),
        (["10.0.0.0/24"], PROXY, ALICE, ALICE),
        (["10.0.0.0/24"], PROXY, f"192.0.2.1, {ALICE}", ALICE),
        (["10.0.0.0/24"], PROXY, f"{ALICE}, 10.0.0.9", ALICE),
        (["10.0.0.0/24"], PROXY, None, PROXY),
        (["10.0.0.0/24"], BOB, ALICE, BOB),
        (["10.0.0.0/24"], PROXY, "not-an-address", PROXY),
        (["2001:db8::/32"], "2001:db8::1", f"{ALICE}, 2001:db8::2", ALICE),
    ],
)
def test_client_address_reads_forwarded_for_only_through_trusted_proxies(
    settings, trusted, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected
