"""Rate limits partners can plan for: a configured rate per client that holds across workers (the
shared Redis cache), failed token requests slowed per address, and large change-feed pages."""

import base64
import threading
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client

from api.throttling import ClientRateThrottle
from api.token import TOO_MANY_FAILURES
from send_portal.cache import SharedRedisCache

from .conftest import register_client

pytestmark = pytest.mark.django_db


def test_the_default_rate_suits_a_partner_syncing_a_council(settings):
    from send_portal.settings import api

    assert api.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["client"] == "6000/minute"


def test_a_client_past_its_configured_rate_is_429_in_the_api_format(client, world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"client": "3/minute"},
    }
    statuses = [client.get("/api/v1/settings/", **world["council"]).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/settings/", **world["council"])
    assert refused.json()["status"] == 429 and "Retry-After" in refused
    # Another client has its own count.
    assert client.get("/api/v1/settings/", **world["school"]).status_code == 200


def test_the_count_is_shared_by_every_worker_through_redis(redis_url):
    """Two workers are two processes, each with its own connection to Redis and its own
    throttle: the limit is for the client, whichever worker answers."""
    prefix = f"throttle-test-{uuid.uuid4()}"
    workers = []
    for _ in range(2):
        throttle = ClientRateThrottle()
        throttle.cache = SharedRedisCache(redis_url, {"KEY_PREFIX": prefix})
        throttle.rate = "5/minute"
        throttle.num_requests, throttle.duration = throttle.parse_rate(throttle.rate)
        workers.append(throttle)
    request = SimpleNamespace(auth=None, user=SimpleNamespace(is_authenticated=True, pk=7), META={})
    allowed = [workers[n % 2].allow_request(request, None) for n in range(8)]
    assert allowed == [True] * 5 + [False] * 3
    workers[0].cache.clear()


def redis_throttles(redis_url, rate, count=2):
    """`count` workers' throttles: each its own process's connection to Redis."""
    prefix = f"throttle-test-{uuid.uuid4()}"
    workers = []
    for _ in range(count):
        throttle = ClientRateThrottle()
        throttle.cache = SharedRedisCache(redis_url, {"KEY_PREFIX": prefix})
        throttle.rate = rate
        throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
        workers.append(throttle)
    return workers


def test_workers_answering_at_once_never_let_a_client_past_its_rate(redis_url):
    """The count is checked and taken in one step in Redis: requests answered at the same
    moment by different workers cannot both take the last place."""
    workers = redis_throttles(redis_url, "25/minute")
    request = SimpleNamespace(auth=None, user=SimpleNamespace(is_authenticated=True, pk=8), META={})
    allowed = []

    def worker(n):
        for _ in range(10):
            allowed.append(workers[n % 2].allow_request(request, None))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 25 and len(allowed) == 80
    workers[0].cache.clear()


def test_the_limit_through_redis_answers_as_before(client, world, settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "send_portal.cache.SharedRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"throttle-test-{uuid.uuid4()}",
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"client": "3/minute"},
    }
    statuses = [client.get("/api/v1/settings/", **world["council"]).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/settings/", **world["council"])
    assert refused.json()["status"] == 429
    assert refused["Retry-After"] == "60"  # the time is held still: the first request's minute
    assert client.get("/api/v1/settings/", **world["school"]).status_code == 200


def test_with_redis_down_the_limit_lets_requests_through(caplog):
    (throttle,) = redis_throttles("redis://127.0.0.1:1/0", "1/minute", count=1)
    throttle.cache = SharedRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    )
    request = SimpleNamespace(auth=None, user=SimpleNamespace(is_authenticated=True, pk=9), META={})
    assert [throttle.allow_request(request, None) for _ in range(3)] == [True] * 3
    assert "cache unavailable" in caplog.text


def test_the_cache_keeps_its_redis_client(redis_url):
    """Django's Redis cache made a client (and redis-py its table of commands) for every call."""
    cache = SharedRedisCache(redis_url, {})
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def token_client(name="Token test"):
    app, _ = register_client(name, "council", "the-right-secret")
    return app.client_id


def ask_for_token(client_id, secret, address):
    credentials = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return Client(REMOTE_ADDR=address).post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def test_an_address_guessing_secrets_is_slowed_and_others_are_not(settings):
    settings.API_TOKEN_FAILURE_LIMIT = 3
    client_id = token_client()
    guesses = [ask_for_token(client_id, f"guess-{n}", "203.0.113.9") for n in range(3)]
    assert {r.status_code for r in guesses} <= {400, 401}
    refused = ask_for_token(client_id, "the-right-secret", "203.0.113.9")
    assert refused.status_code == 429
    assert refused.json()["error_description"] == TOO_MANY_FAILURES
    assert refused["Retry-After"] == str(settings.API_TOKEN_FAILURE_WINDOW_SECONDS)
    assert ask_for_token(client_id, "the-right-secret", "198.51.100.4").status_code == 200


def test_successful_token_requests_are_not_counted(settings):
    settings.API_TOKEN_FAILURE_LIMIT = 2
    client_id = token_client()
    for _ in range(4):
        assert ask_for_token(client_id, "the-right-secret", "203.0.113.10").status_code == 200


def test_the_change_feed_takes_pages_of_a_thousand(client, world):
    response = client.get("/api/v1/children/?page_size=1000", **world["council"])
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
    too_many = client.get("/api/v1/children/?page_size=1001", **world["council"])
    assert too_many.status_code == 400
    assert "page_size" in too_many.json()["errors"]
