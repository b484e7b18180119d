from oauth2_provider.models import AccessToken
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """A rate per OAuth2 client (or per signed-in person)."""

    scope = "client"

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
