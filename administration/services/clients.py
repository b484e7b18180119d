"""Partner API clients: an OAuth2 client (client credentials) for a partner organisation's
system. The secret is generated here, shown to the administrator once and stored only hashed
(django-oauth-toolkit hashes it on save)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application

from accounts.models import User
from api.models import PartnerClient
from cases.models import EducationSetting, PartnerKind, PartnerOrganisation

from ..models import Area
from .record import change_record

CLIENT_NAME_REQUIRED = "Enter a name for the partner's system"
CLIENT_NAME_TAKEN = "There is already a client with that name"
PARTNER_REQUIRED = "Choose the partner organisation, or enter a new one's name and kind"
PARTNER_NAME_TAKEN = "There is already a partner organisation with that name: choose it instead"
PARTNER_KIND_REQUIRED = "Choose what kind of organisation the new partner is"
SCHOOL_URN_UNKNOWN = "No school or college has that URN. Check it, or leave it empty"
SCHOOL_URN_LINKED = "That school or college already has a partner organisation: choose it"


@transaction.atomic
def api_client_register(
    *,
    name: str,
    partner: PartnerOrganisation | None,
    new_partner_name: str = "",
    new_partner_kind: str = "",
    new_partner_urn: str = "",
    by: User,
) -> tuple[PartnerClient, str]:
    """Registers a partner's system; returns the client and its secret, to be shown once."""
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = CLIENT_NAME_REQUIRED
    elif Application.objects.filter(name__iexact=name).exists():
        errors["name"] = CLIENT_NAME_TAKEN
    setting = None
    if partner is None:
        new_partner_name = new_partner_name.strip()
        if not new_partner_name:
            errors["partner"] = PARTNER_REQUIRED
        elif PartnerOrganisation.objects.filter(name__iexact=new_partner_name).exists():
            errors["new_partner_name"] = PARTNER_NAME_TAKEN
        if new_partner_name and new_partner_kind not in PartnerKind.values:
            errors["new_partner_kind"] = PARTNER_KIND_REQUIRED
        if new_partner_urn.strip():
            setting = EducationSetting.objects.filter(urn=new_partner_urn.strip()).first()
            if setting is None:
                errors["new_partner_urn"] = SCHOOL_URN_UNKNOWN
            elif PartnerOrganisation.objects.filter(setting=setting).exists():
                errors["new_partner_urn"] = SCHOOL_URN_LINKED
    if errors:
        raise ValidationError(errors)
    created_partner = partner is None
    if created_partner:
        partner = PartnerOrganisation(
            name=new_partner_name,
            kind=new_partner_kind,
            setting=setting,
            created_by=by,
            modified_by=by,
        )
        partner.full_clean()
        partner.save()
    secret = generate_client_secret()
    application = Application(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    application.full_clean(exclude=["user"])
    application.save()
    client = PartnerClient.objects.create(application=application, partner=partner)
    change_record(
        area=Area.API_CLIENT,
        target=client,
        label=name,
        summary=(
            f"Registered for {partner.name} ({partner.get_kind_display()}"
            f"{', a new partner organisation' if created_partner else ''}); "
            f"client id {application.client_id}; secret shown once"
        ),
        by=by,
    )
    return client, secret


@transaction.atomic
def api_client_rotate_secret(*, client: PartnerClient, by: User) -> str:
    """A new secret, shown once: the old one stops working at once, and so do the tokens
    issued with it."""
    application = Application.objects.select_for_update().get(pk=client.application_id)
    secret = generate_client_secret()
    application.client_secret = secret
    application.save()
    tokens = AccessToken.objects.filter(application=application)
    revoked = tokens.filter(expires__gt=timezone.now()).count()
    tokens.delete()
    change_record(
        area=Area.API_CLIENT,
        target=client,
        label=application.name,
        summary=f"Secret rotated; the old secret stopped working; {revoked} "
        f"access token{'s' if revoked != 1 else ''} revoked",
        by=by,
    )
    return secret
