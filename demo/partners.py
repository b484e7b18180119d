"""Demo partner systems: a council system, a health trust and a school, each an OAuth2 client."""

from django.db import transaction
from oauth2_provider.models import Application

from api.models import PartnerClient
from cases.models import AdviceRequest, EducationSetting, PartnerKind, PartnerOrganisation

DEMO_CLIENTS = (
    # (organisation, kind, client id, secret: demo data only)
    (
        "Demo Borough Council case systems",
        PartnerKind.COUNCIL,
        "demo-council",
        "demo-council-secret",
    ),
    ("Demo Community Health NHS Trust", PartnerKind.HEALTH, "demo-health", "demo-health-secret"),
    ("Demo school", PartnerKind.SCHOOL, "demo-school", "demo-school-secret"),
)


@transaction.atomic
def build_partners(*, rng, faker, context: dict, children: int, progress: bool = True, **_) -> None:
    if Application.objects.filter(client_id="demo-council").exists():
        return
    school = EducationSetting.objects.filter(named_in_plans__isnull=False).first()
    for name, kind, client_id, secret in DEMO_CLIENTS:
        partner = PartnerOrganisation.objects.create(
            name=school.name if kind == PartnerKind.SCHOOL and school else name,
            kind=kind,
            setting=school if kind == PartnerKind.SCHOOL else None,
        )
        app = Application.objects.create(
            name=f"{partner.name} system",
            client_id=client_id,
            client_secret=secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        )
        PartnerClient.objects.create(application=app, partner=partner)
        if kind == PartnerKind.HEALTH:
            AdviceRequest.objects.filter(adviser_type="health").update(partner=partner)
