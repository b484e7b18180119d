"""Which scopes each kind of partner may hold: least privilege at the token endpoint.

A client asks for scopes when it gets a token; it is granted only those its organisation's kind
may hold (and, if it asks for none, all of those). Entitlement to records (api.access) still
applies on top: a school's children:read covers only its own pupils with plans."""

from oauth2_provider.scopes import SettingsScopes

from cases.models import PartnerKind

READ_ABOUT_CHILDREN = {
    "children:read",
    "plans:read",
    "reviews:read",
    "panel_decisions:read",
    "settings:read",
}
SCOPES_BY_KIND = {
    PartnerKind.SCHOOL: READ_ABOUT_CHILDREN,
    PartnerKind.HEALTH: READ_ABOUT_CHILDREN | {"requests:read", "advice:read", "advice:write"},
    PartnerKind.SOCIAL_CARE: READ_ABOUT_CHILDREN | {"requests:read", "advice:read", "advice:write"},
}


class PartnerScopes(SettingsScopes):
    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        every = super().get_available_scopes(application, request, *args, **kwargs)
        if application is None:
            return every
        client = getattr(application, "partner_client", None)
        if client is None:
            return []  # an application not tied to a partner organisation holds nothing
        if client.partner.kind == PartnerKind.COUNCIL:
            return every
        allowed = SCOPES_BY_KIND.get(client.partner.kind, set())
        return [scope for scope in every if scope in allowed]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request, *args, **kwargs)
