"""Single sign-on with the council's identity provider over OpenID Connect (mozilla-django-oidc).

Off unless OIDC_RP_CLIENT_ID is set; the sign-in page then offers "Sign in with your council
account" beside the password form. The provider's groups claim decides a person's roles
(OIDC_GROUP_ROLES, e.g. "sg-send-caseworkers=caseworker,sg-send-managers=manager"); someone in
none of the mapped groups cannot sign in. See accounts/oidc.py and docs/adr.
"""

from .env import env

OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_BACKEND = "accounts.oidc.PortalOIDCBackend"
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
# e.g. Microsoft Entra ID: https://login.microsoftonline.com/<tenant>/v2.0 and its endpoints.
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="") or None
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
# The person's details and groups come from the signed ID token (Entra ID puts groups there).
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_GROUP_ROLES = env("OIDC_GROUP_ROLES", default="")
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/"
