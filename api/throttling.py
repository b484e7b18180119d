"""The API's rate limit: API_RATE_LIMIT requests (6000/minute unless set) per OAuth2 client, or per
person signed in, in any sliding window of that length, counted in the shared cache so that it
holds across every worker and machine.

DRF's SimpleRateThrottle keeps each client's request times as a pickled list that it reads and
writes back whole (two calls to the cache, and a list that grows to the rate: 6,000 times a
minute), and two workers answering the same client at once can each write over the other's
count. On Redis the same sliding log is a sorted set that one Lua script trims, counts and adds
to: one call a request, atomic across workers. Another cache (the embedded default's memory)
takes DRF's own path."""

import secrets

from oauth2_provider.models import AccessToken
from redis.commands.core import Script
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

# KEYS[1]: the client's log. ARGV: now, window (seconds), limit, a member unique to this request.
# Returns {1 if allowed, requests in the window before this one, the oldest one's time}.
SLIDING_LOG = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2] or ''
if count >= tonumber(ARGV[3]) then
  return {0, count, oldest}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('EXPIRE', key, window)
return {1, count, oldest}
"""
_script = Script(None, SLIDING_LOG.encode())  # its SHA worked out once; run by the cache


class ClientRateThrottle(SimpleRateThrottle):
    """A rate per OAuth2 client (or per signed-in person)."""

    scope = "client"
    # Not DRF's key: a worker still running the list version during a deploy must not find a
    # sorted set where it expects its list (nor this one a list), whatever each counts meanwhile.
    cache_format = "throttle_log_%(scope)s_%(ident)s"

    def get_rate(self):
        # Read when a request comes, not when the module was imported: API_RATE_LIMIT as set.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, AccessToken):
            ident = f"client-{request.auth.application_id}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view):
        run_script = getattr(self.cache, "run_script", None)  # SharedRedisCache's
        if run_script is None:
            return super().allow_request(request, view)
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        member = f"{self.now!r}:{secrets.token_hex(6)}"
        # Redis not answering lets the request through, as a missed read of the list did.
        allowed, count, oldest = run_script(
            _script,
            [self.key],
            [repr(self.now), self.duration, self.num_requests, member],
            fallback=(1, 0, b""),
        )
        # What DRF's wait() reads: the requests in the window, the oldest last.
        self.history = [float(oldest)] * count if count else []
        return bool(allowed)
