"""Reads of the directory. What the public may see is decided here, once, for the pages and the
Open Referral UK feed alike."""

from django.db.models import Q, QuerySet

from .models import Service, ServiceStatus

# A temporarily closed service is still part of the Local Offer (its page says so); an inactive
# or defunct one is not: the public pages and the feed treat it as gone, editors still see it.
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def services_public() -> QuerySet[Service]:
    return Service.objects.filter(status__in=PUBLIC_STATUSES)


def service_is_public(*, service: Service) -> bool:
    return service.status in PUBLIC_STATUSES


def services_for_editors(*, q: str = "", status: str = "") -> QuerySet[Service]:
    """Every service, whatever its status, for the directory team: by words in its name,
    description or organisation's name, and by status."""
    services = Service.objects.select_related("organization")
    for word in q.split():
        services = services.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    if status:
        services = services.filter(status=status)
    return services.order_by("name", "id")
