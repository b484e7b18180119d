"""Reads of the directory. What the public may see is decided here, once, for the pages and the
Open Referral UK feed alike."""

from django.db.models import QuerySet

from .models import Service, ServiceStatus

# A temporarily closed service is still part of the Local Offer (its page says so); an inactive
# or defunct one is not: the public pages and the feed treat it as gone, editors still see it.
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def services_public() -> QuerySet[Service]:
    return Service.objects.filter(status__in=PUBLIC_STATUSES)


def service_is_public(*, service: Service) -> bool:
    return service.status in PUBLIC_STATUSES
