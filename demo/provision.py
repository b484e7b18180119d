"""Local Offer services linked to provision in the plans in force (after the directory is built)."""

from django.db import transaction

from cases.models import EHCPlan, PlanStatus

BATCH = 2000

# Which Local Offer service types deliver provision in which plan section.
PROVISION_SOURCES = (
    ("F", "Education", "Specialist advice and training for the staff who teach them, each term"),
    ("G", "Health", "Assessment, a programme of therapy and a review every 6 months"),
    ("H2", "Short breaks and leisure", "Short breaks after school and in the holidays"),
)


@transaction.atomic
def build_provision_links(
    *, rng, faker, context: dict, children: int, progress: bool = True, **_
) -> None:
    """Links Local Offer services to provision in about a third of the plans in force."""
    from cases.models import ProvisionLink
    from local_offer.models import Service, ServiceStatus

    if ProvisionLink.objects.exists():
        return
    by_kind = {
        section: list(
            Service.objects.filter(
                status=ServiceStatus.ACTIVE, attributes__taxonomy_term__name=kind
            ).distinct()
        )
        for section, kind, _text in PROVISION_SOURCES
    }
    texts = {section: text for section, _kind, text in PROVISION_SOURCES}
    plans = EHCPlan.objects.filter(status=PlanStatus.IN_FORCE).values_list("pk", "first_issued_on")
    links = []
    for plan_id, issued_on in plans.iterator():
        if rng.random() > 0.35 or issued_on is None:
            continue
        for section in rng.sample(sorted(by_kind), k=rng.choice((1, 1, 2))):
            if not by_kind[section]:
                continue
            service = rng.choice(by_kind[section])
            links.append(
                ProvisionLink(
                    plan_id=plan_id,
                    section=section,
                    service=service,
                    provision=texts[section],
                    linked_on=issued_on,
                )
            )
    ProvisionLink.objects.bulk_create(links, batch_size=BATCH)
