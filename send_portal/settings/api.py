"""Django REST framework, OAuth2 for partner systems, the OpenAPI schema, and CORS."""

from .env import env

# Scopes: read and write per resource. A client is also limited to what its partner
# organisation is entitled to see (api.permissions).
API_SCOPES = {
    "children:read": "Read children and young people the partner is entitled to",
    "requests:read": "Read requests for assessment and their statutory deadlines",
    "requests:write": "Record a request for an EHC needs assessment (council systems only)",
    "advice:read": "Read advice requests",
    "advice:write": "Submit advice and the date it was received",
    "plans:read": "Read EHC plans and their versions",
    "settings:read": "Read education settings",
    "reviews:read": "Read annual and phase-transfer reviews and their statutory deadlines",
    "panel_decisions:read": "Read confirmed panel decisions",
    "alerts:read": "Read alerts raised by the nightly statutory checks (council systems only)",
}

# A JSON body larger than this is refused with 413, one nested deeper with 400 (api.parsers): the
# largest legitimate body, advice with a 20,000-character summary, is well within both.
API_MAX_BODY_BYTES = 128 * 1024
API_MAX_JSON_DEPTH = 32

# The token endpoint (/o/token/): after this many failed requests from one address within the
# window, it answers 429 until the window ends (guessing client secrets).
API_TOKEN_FAILURE_LIMIT = env.int("API_TOKEN_FAILURE_LIMIT", default=10)
API_TOKEN_FAILURE_WINDOW_SECONDS = env.int("API_TOKEN_FAILURE_WINDOW_SECONDS", default=15 * 60)

# A token found valid is kept in each worker's memory this long (api.authentication): a token
# revoked or a client changed through the portal counts at the next request in every worker; a
# change made without the portal's models (raw SQL, or while Redis is down) within this window.
API_TOKEN_CACHE_SECONDS = env.int("API_TOKEN_CACHE_SECONDS", default=30)

# A retry with the same Idempotency-Key within this many days gets the first answer.
API_IDEMPOTENCY_KEY_DAYS = 7

OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"

OAUTH2_PROVIDER = {
    "SCOPES": API_SCOPES,
    "SCOPES_BACKEND_CLASS": "api.scopes.PartnerScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    # Partner systems use client credentials only; every RFC 9700 (OAuth 2.0 security BCP)
    # safeguard is on.
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PartnerOAuth2Authentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ChangeFeedPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.PartnerAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    # Per OAuth2 client (or person signed in), counted in the default cache: Redis in production,
    # so the limit holds across every worker and machine. A partner syncing a council pages the
    # change feed 1,000 records at a time, so 6,000 requests a minute is room to spare.
    "DEFAULT_THROTTLE_RATES": {"client": env("API_RATE_LIMIT", default="6000/minute")},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "SEND portal partner API",
    "DESCRIPTION": "Children, requests and their statutory deadlines, advice, plans, annual reviews, panel decisions, alerts and settings, for partner systems. OAuth2 client credentials; each client sees only what its organisation is entitled to. Every list is a change feed: pass modified_since and follow next. A request that creates a record may carry an Idempotency-Key header so that it can be retried safely. A child whose record the council has archived is no longer served, nor is anything about them (their requests, advice, plans, reviews, decisions and alerts): it leaves the feeds without a last entry, and its reference answers 404, which is how a partner learns to remove it. Responses carry Cache-Control: no-store.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAUTH2_FLOWS": ["clientCredentials"],
    "OAUTH2_TOKEN_URL": "/o/token/",
    # Several models have a "kind": pin each enum's name so that adding a resource never renames
    # one that partners' generated clients already use.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "cases.models.codes.SettingKind",
        "ReviewKindEnum": "cases.models.codes.ReviewKind",
        "AlertKindEnum": "alerts.models.AlertKind",
    },
    "APPEND_COMPONENTS": {
        "schemas": {
            "Error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "errors": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "required": ["status", "detail", "errors"],
            }
        }
    },
}

# Only the public Open Referral UK feed is open to other origins.
CORS_URLS_REGEX = r"^/api/oruk/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
