"""The shared cache: Django's Redis cache that carries on when Redis does not answer.

The cache holds only what can be rebuilt (rate-limit counters), so a Redis outage must not turn
every page or API call into a server error: a read misses, a write is dropped, and the outage is
logged once per connection until Redis answers again.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class KeptClients(RedisCacheClient):
    """One Redis client per connection pool, made once. Django's makes a new one for every cache
    call, and redis-py builds its table of every command's reply for each: about a millisecond
    of CPU a call, more than the call itself takes."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        kept = self.__dict__.setdefault("_kept_clients", {})
        client = kept.get(id(pool))
        if client is None:
            client = kept[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    _warned = False  # this connection has logged the outage that is going on

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClients

    def _unavailable(self, default=None):
        if not self._warned:
            logger.warning("cache unavailable: carrying on without it")
            self._warned = True
        return default

    def _answered(self, value):
        self._warned = False
        return value

    def _carry_on(self, fallback, method, *args):
        """super().method(*args), or `fallback` when Redis does not answer."""
        try:
            return self._answered(getattr(super(), method)(*args))
        except UNAVAILABLE:
            return self._unavailable(fallback)

    def get(self, key, default=None, version=None):
        return self._carry_on(default, "get", key, default, version)

    def get_many(self, keys, version=None):
        return self._carry_on({}, "get_many", keys, version)

    def add(self, key, value, timeout=None, version=None):
        return self._carry_on(False, "add", key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None):
        self._carry_on(None, "set", key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._carry_on(list(data), "set_many", data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._carry_on(False, "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._carry_on(False, "delete", key, version)

    def delete_many(self, keys, version=None):
        self._carry_on(None, "delete_many", keys, version)

    def has_key(self, key, version=None):
        return self._carry_on(False, "has_key", key, version)

    def run_script(self, script, keys, args, fallback):
        """The Lua `script` (redis-py's Script, from register_script) run on these cache keys in
        one call, atomically; `fallback` when Redis does not answer."""
        keys = [self.make_and_validate_key(key) for key in keys]
        try:
            return self._answered(script(keys, args, client=self._cache.get_client(write=True)))
        except UNAVAILABLE:
            return self._unavailable(fallback)

    def incr(self, key, delta=1, version=None):
        try:
            return self._answered(super().incr(key, delta, version))
        except UNAVAILABLE:
            # Like a missing key: callers that count fall back to starting again.
            self._unavailable()
            raise ValueError(f"Key '{key}' not found") from None
