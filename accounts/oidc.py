"""Single sign-on over OpenID Connect: the provider's groups decide the portal roles.

mozilla-django-oidc runs the authorisation-code flow (with PKCE) and checks the ID token's
signature and nonce; this backend also checks its audience and issuer, takes the person's details
and groups from it, finds the person by email address (or creates them) and sets their roles
from OIDC_GROUP_ROLES. Someone in none of the mapped groups is refused.
"""

import logging
import re
from collections.abc import Iterable

import jwt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import roles
from .models import User

logger = logging.getLogger(__name__)


def group_roles_parse(*, value: str) -> dict[str, str]:
    """'sg-send-caseworkers=caseworker,sg-send-managers=manager' -> {group: role}."""
    mapping = {}
    for entry in value.split(","):
        if not entry.strip():
            continue
        group, separator, role = entry.rpartition("=")
        group, role = group.strip(), role.strip()
        if not separator or not group:
            raise ImproperlyConfigured(f"OIDC_GROUP_ROLES: {entry.strip()!r} is not group=role")
        if role not in roles.ALL:
            raise ImproperlyConfigured(
                f"OIDC_GROUP_ROLES: {role!r} is not a portal role ({', '.join(roles.ALL)})"
            )
        mapping[group] = role
    return mapping


def roles_from_groups(*, groups: Iterable[str], mapping: dict[str, str]) -> set[str]:
    """The portal roles a person's provider groups give them (groups compared exactly)."""
    if isinstance(groups, str):  # a provider that sends one group as a plain string
        groups = [groups]
    return {mapping[group] for group in groups if group in mapping}


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_roles = group_roles_parse(value=settings.OIDC_GROUP_ROLES)
        if not self.group_roles:
            raise ImproperlyConfigured("OIDC_GROUP_ROLES must map at least one group to a role")

    def _verify_jws(self, payload, key):
        # mozilla-django-oidc checks the signature but not the audience: a token the provider
        # issued to another application must not sign anyone in here.
        try:
            claims = super()._verify_jws(payload, key)
            jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER or None,
                options={"require": ["exp", "aud"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from None
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        return payload  # the verified ID token's claims

    def portal_roles(self, claims: dict) -> set[str]:
        groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        return roles_from_groups(groups=groups, mapping=self.group_roles)

    def verify_claims(self, claims):
        if not claims.get("email"):
            logger.warning("single sign-on refused: the provider sent no email address")
            return False
        if not self.portal_roles(claims):
            logger.warning("single sign-on refused: the person is in no mapped group")
            return False
        return True

    def filter_users_by_claims(self, claims):
        return User.objects.filter(email__iexact=claims["email"])

    def create_user(self, claims):
        with transaction.atomic():
            user = User(
                username=self._username(claims),
                email=claims["email"].lower(),
                first_name=claims.get("given_name", "")[:150],
                last_name=claims.get("family_name", "")[:150],
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            self._roles_set(user, claims)
        logger.info("single sign-on created user %s", user.pk)
        return user

    def update_user(self, user, claims):
        with transaction.atomic():
            user.first_name = claims.get("given_name", user.first_name)[:150]
            user.last_name = claims.get("family_name", user.last_name)[:150]
            user.save(update_fields=["first_name", "last_name"])
            self._roles_set(user, claims)
        return user

    def _roles_set(self, user: User, claims: dict) -> None:
        """The provider is the source of the roles: mapped ones added, unmapped ones removed."""
        wanted = self.portal_roles(claims)
        user.groups.remove(*Group.objects.filter(name__in=set(roles.ALL) - wanted))
        user.groups.add(*Group.objects.filter(name__in=wanted))
        user.__dict__.pop("role_names", None)

    @staticmethod
    def _username(claims: dict) -> str:
        base = (claims.get("preferred_username") or claims["email"]).lower()
        base = re.sub(r"[^\w.@+-]", "-", base)[:150]
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base[:140]}-{n}"
        return username
