"""Who may see what: each client sees only what its partner organisation is entitled to."""

from dataclasses import dataclass

from oauth2_provider.models import AccessToken
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts import roles


@dataclass(frozen=True)
class Caller:
    """Who is asking: a partner's system (`client`, acting for `partner`, None if the client is
    tied to no organisation) or a member of staff signed in to the portal (`user`)."""

    client: bool
    partner: object = None
    user: object = None


# A caller who may see nothing: the schema generator's, which reads only the records' model.
NOBODY = Caller(client=True)


def partner_for(request):
    token = request.auth
    if isinstance(token, AccessToken) and token.application_id:
        client = getattr(token.application, "partner_client", None)
        return client.partner if client else None
    return None


def caller(request) -> Caller:
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    if isinstance(request.auth, AccessToken):
        return Caller(client=True, partner=partner_for(request), user=user)
    return Caller(client=False, user=request.user)


def client_label(request) -> str:
    partner = partner_for(request)
    return partner.name if partner else ""


STAFF = "staff"  # staff signed in to the portal in a browser, as opposed to a partner's system


class ScopedResource(BasePermission):
    """Clients need the resource's read or write scope; staff in a browser need a case role."""

    message = "This client does not have the scope for this request"

    def has_permission(self, request, view) -> bool:
        needed = f"{view.resource}:{'read' if request.method in SAFE_METHODS else 'write'}"
        if isinstance(request.auth, AccessToken):
            return request.auth.is_valid([needed]) and partner_for(request) is not None
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(*roles.CASE_STAFF))


class PartnerKindAllowed(BasePermission):
    """Some resources are for some organisations only: a view's `partner_kinds` maps "read" or
    "write" to the partner kinds (and STAFF) allowed; a missing entry allows everyone."""

    message = "This organisation's systems may not make this request"

    def has_permission(self, request, view) -> bool:
        access = "read" if request.method in SAFE_METHODS else "write"
        allowed = getattr(view, "partner_kinds", {}).get(access)
        if allowed is None:
            return True
        partner = partner_for(request)
        kind = partner.kind if partner is not None else STAFF
        if kind in allowed:
            return True
        self.message = view.partner_kinds_refusal
        return False
