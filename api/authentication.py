"""Who is calling, decided from the request's headers alone: nothing in the body is read until
the client is known, so an anonymous request is refused (401) before its body is parsed.

A partner system calls many times a minute with the same token, so a token found valid is kept
in this process's memory, with its client and partner organisation, for TOKEN_CACHE_SECONDS:
the next requests skip the three look-ups. How long a change takes to count:

- a token revoked (deleted), a client's secret rotated, a client or partner organisation changed
  through the portal: at the next request in the process that made the change, within a second
  (GENERATION_CHECK_SECONDS) in every other. Each such change writes a new "generation" to the
  shared cache (Redis), which each process reads at most once a second and compares with the
  one its copies were taken under;
- a token past its expiry: at once (checked on every request, as before);
- a change made outside the portal's models (raw SQL) or while the shared cache does not answer:
  within TOKEN_CACHE_SECONDS. Without a shared cache (the embedded default's single process)
  the generation is this process's own, which is all there is.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from oauth2_provider.contrib.rest_framework import OAuth2Authentication

GENERATION_KEY = "api:token-generation"
CACHE_LIMIT = 10_000  # tokens kept per process; past it the copies are dropped and taken again

GENERATION_CHECK_SECONDS = 1.0

_tokens: dict[str, tuple[float, object, object]] = {}  # checksum -> (kept until, generation, token)
_generation: list = []  # [when asked, the shared generation then]


def token_cache_seconds() -> int:
    return getattr(settings, "API_TOKEN_CACHE_SECONDS", 30)


def tokens_changed() -> None:
    """Every copy of every token, in every process, is taken again at its next use."""
    _tokens.clear()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _generation.clear()


def _current_generation():
    """The shared generation, asked of the cache at most once every GENERATION_CHECK_SECONDS
    by each process (a request a worker answers within that time trusts the last answer)."""
    now = time.monotonic()
    if not _generation or now - _generation[0] > GENERATION_CHECK_SECONDS:
        _generation[:] = [now, cache.get(GENERATION_KEY)]
    return _generation[1]


def token_changed(sender, created=False, **kwargs) -> None:
    """A token, client or partner organisation saved or deleted (a new token is in no one's
    memory yet)."""
    from oauth2_provider.models import AccessToken

    if not (created and issubclass(sender, AccessToken)):
        tokens_changed()


def _bearer(request) -> str | None:
    parts = request.META.get("HTTP_AUTHORIZATION", "").split(" ")
    if len(parts) == 2 and parts[0].lower() == "bearer" and parts[1]:
        return parts[1]
    return None


def _checksum(bearer: str) -> str:
    return hashlib.sha256(bearer.encode()).hexdigest()


def _kept(checksum: str):
    entry = _tokens.get(checksum)
    if entry is None:
        return None
    until, generation, token = entry
    if time.monotonic() > until or token.is_expired() or _current_generation() != generation:
        _tokens.pop(checksum, None)
        return None
    return token


def _keep(checksum: str, token) -> None:
    """Only a client's own token (client credentials, no person, no audience restriction), with
    its client and partner organisation loaded, so that a kept copy answers every question."""
    if token.user_id is not None or getattr(token, "resource", None):
        return
    application = token.application
    client = getattr(application, "partner_client", None)
    if client is not None:
        client.partner  # noqa: B018 - loaded now, read from memory afterwards
    if len(_tokens) >= CACHE_LIMIT:
        _tokens.clear()
    generation = _current_generation()
    _tokens[checksum] = (time.monotonic() + token_cache_seconds(), generation, token)


class PartnerOAuth2Authentication(OAuth2Authentication):
    """A bearer token from the Authorization header (RFC 9700: never from the body or the URL).

    django-oauth-toolkit reads `request.POST` while it checks a token, which on a DRF request
    parses the body with the API's parsers; the request as Django received it parses only form
    bodies (within Django's own limits) and never JSON."""

    def authenticate(self, request):
        django_request = getattr(request, "_request", request)
        bearer = _bearer(django_request)
        if bearer is None:
            return super().authenticate(django_request)
        checksum = _checksum(bearer)
        token = _kept(checksum)
        if token is not None:
            return None, token
        found = super().authenticate(django_request)
        if found is not None:
            _keep(checksum, found[1])
        return found
