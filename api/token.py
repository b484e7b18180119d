"""The OAuth2 token endpoint, slowed for an address that keeps failing: guessing a client's
secret (or trying stolen ones) meets a 429 after a few failures, counted in the shared cache so
that the limit holds across every worker."""

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from oauth2_provider.views import TokenView

from accounts.client_address import client_ip

TOO_MANY_FAILURES = "Too many failed requests for a token from this address: try again later"


def failures_key(address: str | None) -> str:
    return f"api:token-failures:{address or 'unknown'}"


class ThrottledTokenView(TokenView):
    def post(self, request, *args, **kwargs):
        key = failures_key(client_ip(request))
        window = settings.API_TOKEN_FAILURE_WINDOW_SECONDS
        if (cache.get(key) or 0) >= settings.API_TOKEN_FAILURE_LIMIT:
            response = JsonResponse(
                {"error": "slow_down", "error_description": TOO_MANY_FAILURES}, status=429
            )
            response["Retry-After"] = str(window)
            return response
        response = super().post(request, *args, **kwargs)
        # add() starts the window with the first failure; incr() counts on within it.
        if response.status_code in (400, 401) and not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # the window ended between the two calls
                cache.add(key, 1, timeout=window)
        return response
