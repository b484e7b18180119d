import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from . import roles
from .access import API, PUBLIC, policy_of

logger = logging.getLogger(__name__)


class AccessPolicyMiddleware(MiddlewareMixin):
    """Enforces each view's declared access policy; a view without one is refused."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.app_name == "admin":
            return self._admin(request)
        policy = policy_of(view_func)
        if policy in (PUBLIC, API):
            return None
        if not policy:
            logger.error(
                "view without an access policy refused: %s", match.view_name if match else "?"
            )
            raise PermissionDenied
        user = request.user
        if not user.is_authenticated or not user.has_role(*policy):
            raise PermissionDenied
        return None

    @staticmethod
    def _admin(request):
        user = request.user
        # The admin's own sign-in page is reachable; everything else needs the administrator role.
        if request.resolver_match.url_name in ("login", "logout"):
            return None
        if user.is_authenticated and not user.has_role(roles.ADMINISTRATOR):
            raise PermissionDenied
        return None


class SecurityHeadersMiddleware:
    """Headers Django has no setting for, on every response.

    Permissions-Policy. Cache-Control: nothing a signed-in person is shown may be kept by the
    browser or a proxy (a shared council PC's back button, a caching proxy), so their responses are
    `no-store` whatever the view said; any other response is `no-store` unless the view (or
    WhiteNoise, for static files) chose its own caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        caching = response.get("Cache-Control", "")
        if "no-store" not in caching and (_signed_in(request) or not caching):
            response["Cache-Control"] = NO_STORE
        return response


NO_STORE = "private, no-store"


def _signed_in(request) -> bool:
    # Not set for requests answered before authentication (static files); set by DRF for the API.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


SIGNED_OUT_IDLE = (
    "You were signed out because you had not used the portal for {minutes} minutes. "
    "Sign in again to carry on where you were."
)
LAST_SEEN = "portal_last_seen"


class IdleTimeoutMiddleware:
    """Ends a sign-in after SESSION_IDLE_SECONDS without a request.

    The request then goes on as anyone's would: a page that needs a sign-in sends the person to
    the sign-in page with ?next= set to where they were. The time seen is written at most once a
    minute, not on every request.
    """

    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and settings.SESSION_IDLE_SECONDS:
            now = timezone.now().timestamp()
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                minutes = round(settings.SESSION_IDLE_SECONDS / 60)
                messages.info(request, SIGNED_OUT_IDLE.format(minutes=minutes))
            elif last_seen is None or now - last_seen >= self.WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


# Pages a signed-in person reaches before giving their second factor.
TWO_FACTOR_OPEN = frozenset(
    {"login", "logout", "two_factor_verify", "two_factor_setup", "admin:login", "admin:logout"}
)


class TwoFactorMiddleware(MiddlewareMixin):
    """A password alone opens nothing but the two-factor pages when a second factor is due.

    Due when the person has an authenticator app set up, or must have one (OTP_ENFORCE with
    their role; accounts.two_factor). Single sign-on counts as two-factor: the council's
    identity provider is where that is enforced. The REST API answers 403 rather than redirect.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        from .two_factor import authenticator_for, two_factor_required_for

        user = request.user
        if not user.is_authenticated or user.is_verified() or _signed_in_through_sso(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_OPEN:
            return None
        policy = policy_of(view_func)
        if policy == PUBLIC:
            return None
        if authenticator_for(user=user) is not None:
            target = "two_factor_verify"
        elif two_factor_required_for(user=user):
            target = "two_factor_setup"
        else:
            return None
        if policy == API:
            raise PermissionDenied
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))


def _signed_in_through_sso(request) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == settings.OIDC_BACKEND
