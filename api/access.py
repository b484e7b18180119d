"""Who may see what: each client sees only what its partner organisation is entitled to."""

from django.db.models import Q, QuerySet
from oauth2_provider.models import AccessToken
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts import roles
from cases.models import Child, PartnerKind, PlanStatus
from cases.selectors import children_visible_to


def partner_for(request):
    token = request.auth
    if isinstance(token, AccessToken) and token.application_id:
        client = getattr(token.application, "partner_client", None)
        return client.partner if client else None
    return None


def client_label(request) -> str:
    partner = partner_for(request)
    return partner.name if partner else ""


def children_for(request) -> QuerySet[Child]:
    """A school: its own pupils with plans. A health trust: children it was asked for advice
    about. Council systems: everyone. Staff in a browser: as on the case pages. Never a child
    whose record is archived: the API no longer serves it, nor anything recorded about it."""
    if not isinstance(request.auth, AccessToken):
        return children_visible_to(user=request.user)
    return _partner_children(partner_for(request)).filter(archived_at__isnull=True)


def _partner_children(partner) -> QuerySet[Child]:
    if partner is None:
        return Child.objects.none()
    if partner.kind == PartnerKind.COUNCIL:
        return Child.objects.all()
    if partner.kind == PartnerKind.SCHOOL and partner.setting_id:
        return Child.objects.filter(
            Q(plans__status=PlanStatus.IN_FORCE, plans__named_setting_id=partner.setting_id)
            | Q(
                placements__setting_id=partner.setting_id,
                placements__leaving_on__isnull=True,
                plans__status=PlanStatus.IN_FORCE,
            )
        ).distinct()
    if partner.kind in (PartnerKind.HEALTH, PartnerKind.SOCIAL_CARE):
        return Child.objects.filter(requests__advice__partner=partner).distinct()
    return Child.objects.none()


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
