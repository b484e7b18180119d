"""Every operation documents the one error format and the statuses it can answer with."""

from drf_spectacular.contrib.django_oauth_toolkit import DjangoOAuthToolkitScheme
from drf_spectacular.openapi import AutoSchema

# The Error component itself is declared in SPECTACULAR_SETTINGS (APPEND_COMPONENTS).
ERRORS = {
    "400": "The request has errors (see `errors`); nothing was changed",
    "401": "No valid token or session",
    "403": "The client lacks the scope for this request",
    "404": "Not found, or not a record this client may see",
    "429": "Too many requests from this client",
}
CREATE_ERRORS = {
    "422": "The Idempotency-Key was already used for a different request; nothing was changed",
}
BODY_ERRORS = {
    "413": "The request body is larger than 128 KiB; nothing was changed",
}
WRITE_ERRORS = {
    "412": "The record changed since it was read (If-Match); nothing was changed",
    "428": "Send If-Match with the ETag of the record you read",
}


class PartnerAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        extra = dict(ERRORS)
        if self.method in ("PATCH", "PUT"):
            extra.update(WRITE_ERRORS)
        if self.method == "POST":
            extra.update(CREATE_ERRORS)
        if self.method in ("POST", "PATCH", "PUT"):
            extra.update(BODY_ERRORS)
        access = "read" if self.method in ("GET", "HEAD") else "write"
        if getattr(self.view, "partner_kinds", {}).get(access) is not None:
            extra["403"] = f"{extra['403']}, or: {self.view.partner_kinds_refusal}"
        for code, description in extra.items():
            responses.setdefault(
                code,
                {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                    "description": description,
                },
            )
        return responses


class PartnerOAuth2Scheme(DjangoOAuthToolkitScheme):
    """Documents the OAuth2 client-credentials flow and, per operation, the scope it needs (the
    resource's read or write scope, as api.access.ScopedResource checks it)."""

    target_class = "api.authentication.PartnerOAuth2Authentication"
    priority = 1

    def get_security_requirement(self, auto_schema):
        resource = getattr(auto_schema.view, "resource", "")
        if not resource:
            return super().get_security_requirement(auto_schema)
        access = "read" if auto_schema.method in ("GET", "HEAD") else "write"
        return {self.name: [f"{resource}:{access}"]}
