"""The shared cache carries on when Redis does not answer: a miss, a dropped write, never a 500."""

import uuid

import pytest

from send_portal.cache import SharedRedisCache

OPTIONS = {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}


def test_with_redis_down_reads_miss_and_writes_are_dropped(caplog):
    cache = SharedRedisCache("redis://127.0.0.1:1/0", OPTIONS)  # nothing listens on port 1
    assert cache.get("throttle_client_1", []) == []
    cache.set("throttle_client_1", [1.0], 60)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")
    assert "cache unavailable" in caplog.text


@pytest.mark.redis
def test_two_processes_share_what_one_writes(redis_url):
    writer = SharedRedisCache(redis_url, OPTIONS)
    reader = SharedRedisCache(redis_url, OPTIONS)
    key = f"shared-{uuid.uuid4().hex}"
    writer.set(key, [1, 2, 3], 30)
    try:
        assert reader.get(key) == [1, 2, 3]
    finally:
        writer.delete(key)


@pytest.mark.django_db
def test_the_api_answers_when_the_cache_is_down(client, settings, caseworker):
    settings.CACHES = {
        "default": {
            "BACKEND": "send_portal.cache.SharedRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            **OPTIONS,
        }
    }
    client.force_login(caseworker)
    response = client.get("/api/v1/settings/")
    assert response.status_code != 500
