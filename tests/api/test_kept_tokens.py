"""A token found valid is kept in the process's memory for a short while (api.authentication):
the next requests skip its look-up, yet a token revoked, expired or narrowed, or a client's
organisation changed, counts at the next request."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oauth2_provider.models import AccessToken

from api import authentication

pytestmark = pytest.mark.django_db


def token_lookups(client, headers, path="/api/v1/children/"):
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path, **headers).status_code
    looked_up = sum("oauth2_provider_accesstoken" in q["sql"] for q in queries)
    return status, looked_up


def token_of(headers) -> AccessToken:
    bearer = headers["HTTP_AUTHORIZATION"].split(" ")[1]
    return AccessToken.objects.get(token_checksum=hashlib.sha256(bearer.encode()).hexdigest())


def test_a_token_is_looked_up_once_then_kept(client, world):
    assert token_lookups(client, world["council"]) == (200, 1)
    assert token_lookups(client, world["council"]) == (200, 0)
    assert token_lookups(client, world["council"], "/api/v1/plans/") == (200, 0)


def test_a_revoked_token_stops_at_the_next_request(client, world):
    assert token_lookups(client, world["council"]) == (200, 1)
    token_of(world["council"]).revoke()
    assert token_lookups(client, world["council"])[0] == 401


def test_a_narrowed_token_counts_at_the_next_request(client, world):
    client.get("/api/v1/children/", **world["council"])
    token = token_of(world["council"])
    token.scope = "plans:read"
    token.save()
    assert token_lookups(client, world["council"])[0] == 403


def test_an_expired_token_stops_though_it_is_kept(client, world):
    assert token_lookups(client, world["council"]) == (200, 1)
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=datetime.UTC), tick=False):
        assert token_lookups(client, world["council"])[0] == 401


def test_a_change_in_another_process_counts_within_a_second(client, world):
    """Another process revoked a token or changed a client: a new generation in the shared
    cache makes every kept copy be taken again, once this process next asks the cache."""
    assert token_lookups(client, world["council"]) == (200, 1)
    cache.set(authentication.GENERATION_KEY, "changed elsewhere", timeout=None)
    authentication._generation[0] -= authentication.GENERATION_CHECK_SECONDS + 1  # a second on
    assert token_lookups(client, world["council"]) == (200, 1)
    assert token_lookups(client, world["council"]) == (200, 0)


def test_the_shared_generation_is_asked_at_most_once_a_second(client, world, monkeypatch):
    monkeypatch.setattr(authentication, "GENERATION_CHECK_SECONDS", 60)  # a slow machine's second
    authentication._generation.clear()
    assert token_lookups(client, world["council"]) == (200, 1)
    cache.set(authentication.GENERATION_KEY, "changed elsewhere", timeout=None)
    assert token_lookups(client, world["council"]) == (200, 0)  # within the second


def test_a_kept_copy_is_taken_again_after_its_time(client, world, monkeypatch):
    monkeypatch.setattr(authentication, "token_cache_seconds", lambda: -1)
    assert token_lookups(client, world["council"]) == (200, 1)
    assert token_lookups(client, world["council"]) == (200, 1)


def test_a_partner_changing_kind_counts_at_the_next_request(client, world):
    assert client.get("/api/v1/alerts/", **world["council"]).status_code == 200
    partner = token_of(world["council"]).application.partner_client.partner
    partner.kind = "school"
    partner.save()
    assert client.get("/api/v1/alerts/", **world["council"]).status_code == 403
