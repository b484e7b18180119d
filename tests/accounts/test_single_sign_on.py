"""Single sign-on over OpenID Connect: a signed ID token's claims make or update the person, and
the provider's groups decide the portal roles. No network: the token is signed here."""

import datetime

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation

from accounts import roles
from accounts.models import User
from accounts.oidc import PortalOIDCBackend, group_roles_parse, roles_from_groups

pytestmark = pytest.mark.django_db

CLIENT_ID = "6f1c0d5e-portal"
ISSUER = "https://login.example.gov.uk/tenant/v2.0"
GROUP_ROLES = "sg-send-caseworkers=caseworker,sg-send-managers=manager,sg-send-admins=administrator"


@pytest.fixture(scope="module")
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def oidc(settings, signing_key):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "not-a-real-secret"
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.gov.uk/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example.gov.uk/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_IDP_SIGN_KEY = (
        signing_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    settings.OIDC_GROUP_ROLES = GROUP_ROLES
    return settings


def id_token(signing_key, **overrides) -> str:
    now = datetime.datetime.now(tz=datetime.UTC)
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        "iat": now,
        "nbf": now,
        "exp": now + datetime.timedelta(hours=1),
        "nonce": "n-0S6_WzA2Mj",
        "email": "Priya.Shah@example.gov.uk",
        "preferred_username": "priya.shah@example.gov.uk",
        "given_name": "Priya",
        "family_name": "Shah",
        "groups": ["sg-all-staff", "sg-send-caseworkers"],
    }
    claims.update(overrides)
    return jwt.encode(claims, signing_key, algorithm="RS256")


def sign_in_with(signing_key, **overrides) -> User:
    backend = PortalOIDCBackend()
    token = id_token(signing_key, **overrides)
    payload = backend.verify_token(token, nonce="n-0S6_WzA2Mj")
    return backend.get_or_create_user("an-access-token", token, payload)


def test_the_group_mapping_is_read_from_one_setting():
    assert group_roles_parse(value=GROUP_ROLES + ", ") == {
        "sg-send-caseworkers": roles.CASEWORKER,
        "sg-send-managers": roles.MANAGER,
        "sg-send-admins": roles.ADMINISTRATOR,
    }
    # Entra ID sends group object ids unless told to send names: those work as keys too.
    assert group_roles_parse(value="0b7e7c5a-1d2e-4f00-9a1b-2c3d4e5f6a7b=manager") == {
        "0b7e7c5a-1d2e-4f00-9a1b-2c3d4e5f6a7b": roles.MANAGER
    }


@pytest.mark.parametrize("value", ["sg-send=superuser", "sg-send-caseworkers", "=manager"])
def test_a_mistyped_mapping_stops_the_start(value):
    with pytest.raises(ImproperlyConfigured):
        group_roles_parse(value=value)


def test_roles_come_only_from_mapped_groups():
    mapping = group_roles_parse(value=GROUP_ROLES)
    assert roles_from_groups(groups=["sg-all-staff"], mapping=mapping) == set()
    assert roles_from_groups(
        groups=["sg-send-managers", "sg-send-caseworkers", "SG-SEND-ADMINS"], mapping=mapping
    ) == {roles.MANAGER, roles.CASEWORKER}
    assert roles_from_groups(groups="sg-send-managers", mapping=mapping) == {roles.MANAGER}


def test_a_first_sign_in_creates_the_person_with_their_roles(oidc, signing_key):
    user = sign_in_with(signing_key)
    assert user.username == "priya.shah@example.gov.uk"
    assert user.email == "priya.shah@example.gov.uk"
    assert (user.first_name, user.last_name) == ("Priya", "Shah")
    assert not user.has_usable_password()
    assert User.objects.get(pk=user.pk).role_names == {roles.CASEWORKER}


def test_a_later_sign_in_updates_the_roles_from_the_groups(oidc, signing_key):
    first = sign_in_with(signing_key)
    again = sign_in_with(signing_key, groups=["sg-send-managers"], family_name="Shah-Jones")
    assert again.pk == first.pk
    assert User.objects.count() == 1
    again = User.objects.get(pk=first.pk)
    assert again.role_names == {roles.MANAGER}
    assert again.last_name == "Shah-Jones"


def test_an_existing_account_is_matched_by_email(oidc, signing_key):
    local = User.objects.create_user("pshah", email="priya.shah@example.gov.uk")
    assert sign_in_with(signing_key).pk == local.pk


def test_someone_in_no_mapped_group_is_refused(oidc, signing_key):
    with pytest.raises(SuspiciousOperation):
        sign_in_with(signing_key, groups=["sg-all-staff"])
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "another-application"},
        {"iss": "https://login.example.com/other-tenant/v2.0"},
        {"exp": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
    ],
)
def test_a_token_for_another_application_or_issuer_or_expired_is_refused(
    oidc, signing_key, overrides
):
    with pytest.raises(SuspiciousOperation):
        sign_in_with(signing_key, **overrides)
    assert not User.objects.exists()


def test_a_token_signed_with_another_key_is_refused(oidc):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(SuspiciousOperation):
        sign_in_with(other_key)


def test_single_sign_on_counts_as_two_factor(client, oidc, signing_key):
    oidc.OTP_ENFORCE = True
    oidc.AUTHENTICATION_BACKENDS = [*oidc.AUTHENTICATION_BACKENDS, oidc.OIDC_BACKEND]
    user = sign_in_with(signing_key, groups=["sg-send-managers"])
    client.force_login(user, backend=oidc.OIDC_BACKEND)
    assert client.get("/cases/").status_code == 200
    # The same person with a portal password would have to set up an authenticator app.
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/cases/").status_code == 302
