"""The shared cache: Django's Redis cache that carries on when Redis does not answer.

The cache holds only what can be rebuilt (rate-limit counters), so a Redis outage must not turn
every page or API call into a server error: a read misses, a write is dropped, and the outage is
logged once per connection until Redis answers again.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class SharedRedisCache(RedisCache):
    _warned = False  # this connection has logged the outage that is going on

    def _unavailable(self, default=None):
        if not self._warned:
            logger.warning("cache unavailable: carrying on without it")
            self._warned = True
        return default

    def _answered(self, value):
        self._warned = False
        return value

    def get(self, key, default=None, version=None):
        try:
            return self._answered(super().get(key, default, version))
        except UNAVAILABLE:
            return self._unavailable(default)

    def get_many(self, keys, version=None):
        try:
            return self._answered(super().get_many(keys, version))
        except UNAVAILABLE:
            return self._unavailable({})

    def add(self, key, value, timeout=None, version=None):
        try:
            return self._answered(super().add(key, value, timeout, version))
        except UNAVAILABLE:
            return self._unavailable(False)

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE:
            self._unavailable()

    def set_many(self, data, timeout=None, version=None):
        try:
            return self._answered(super().set_many(data, timeout, version))
        except UNAVAILABLE:
            return self._unavailable(list(data))

    def touch(self, key, timeout=None, version=None):
        try:
            return self._answered(super().touch(key, timeout, version))
        except UNAVAILABLE:
            return self._unavailable(False)

    def delete(self, key, version=None):
        try:
            return self._answered(super().delete(key, version))
        except UNAVAILABLE:
            return self._unavailable(False)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE:
            self._unavailable()

    def has_key(self, key, version=None):
        try:
            return self._answered(super().has_key(key, version))
        except UNAVAILABLE:
            return self._unavailable(False)

    def incr(self, key, delta=1, version=None):
        try:
            return self._answered(super().incr(key, delta, version))
        except UNAVAILABLE:
            # Like a missing key: callers that count fall back to starting again.
            self._unavailable()
            raise ValueError(f"Key '{key}' not found") from None
