"""Who is calling, decided from the request's headers alone: nothing in the body is read until
the client is known, so an anonymous request is refused (401) before its body is parsed."""

from oauth2_provider.contrib.rest_framework import OAuth2Authentication


class PartnerOAuth2Authentication(OAuth2Authentication):
    """A bearer token from the Authorization header (RFC 9700: never from the body or the URL).

    django-oauth-toolkit reads `request.POST` while it checks a token, which on a DRF request
    parses the body with the API's parsers; the request as Django received it parses only form
    bodies (within Django's own limits) and never JSON."""

    def authenticate(self, request):
        return super().authenticate(getattr(request, "_request", request))
