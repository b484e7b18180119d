import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied

from . import roles
from .access import API, PUBLIC, policy_of

logger = logging.getLogger(__name__)


class AccessPolicyMiddleware:
    """Enforces each view's declared access policy; a view without one is refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

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
    """Headers Django has no setting for: Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
