"""Reads of the directory. What the public may see is decided here, once, for the pages and the
Open Referral UK feed alike; the directory team (directory editors) sees every service."""

import datetime
import uuid

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import roles

from .models import (
    Attribute,
    Feedback,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from .postcodes import distance_miles, district_centroid

# A temporarily closed service is still part of the Local Offer (its page says so); an inactive
# or defunct one is not: the public pages and the feed treat it as gone, editors still see it.
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
SERVICE_TYPES = "Service types"  # the taxonomy of kinds of service
ASSURANCE_LAPSES_AFTER = datetime.timedelta(days=91)  # about three months
SEARCH_RADIUS_MILES = 15
FEEDBACK_SHOWN = 100
METRES_A_MILE = 1609.34

# Everything a service's page and the feed's full record show.
FULL_PREFETCH = (
    "service_at_locations__location",
    "contacts",
    "schedules",
    "cost_options",
    "service_areas",
    "languages",
    Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
)


def services_public() -> QuerySet[Service]:
    return Service.objects.filter(status__in=PUBLIC_STATUSES)


def service_is_public(*, service: Service) -> bool:
    return service.status in PUBLIC_STATUSES


def may_edit(user) -> bool:
    return user.is_authenticated and user.has_role(roles.DIRECTORY_EDITOR)


def assurance_lapsed(*, service: Service, today: datetime.date | None = None) -> bool:
    """Whether the details were last checked too long ago (or never)."""
    today = today or timezone.localdate()
    return not service.assured_date or service.assured_date < today - ASSURANCE_LAPSES_AFTER


def services_search(
    *, q: str = "", need=None, age: int | None = None, postcode: str = "", free_only=False
) -> list[Service]:
    """The families' search: running services by words, need, age and price, by name; with a
    postcode in the council's area, those within 15 miles (or with no location), nearest first,
    each with its `distance` in miles."""
    results = (
        Service.objects.filter(status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .prefetch_related("service_at_locations__location")
    )
    if q:
        results = results.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if need:
        results = results.filter(attributes__taxonomy_term=need)
    if age is not None:
        results = results.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    if free_only:
        results = results.filter(is_free=True)
    found = list(results.distinct().order_by("name"))
    centre = district_centroid(postcode) if postcode else None
    if centre is None:
        return found
    for service in found:
        distances = [
            distance_miles(centre, (sal.location.latitude, sal.location.longitude))
            for sal in service.service_at_locations.all()
            if sal.location.latitude is not None
        ]
        service.distance = min(distances) if distances else None
    return sorted(
        (s for s in found if s.distance is None or s.distance <= SEARCH_RADIUS_MILES),
        key=lambda s: (s.distance is None, s.distance or 0, s.name),
    )


def service_for(*, user, pk) -> Service | None:
    """A service's page with everything it shows: the public sees it while it is in the Local
    Offer (None once it has gone), the directory team always. Not found: 404."""
    service = (
        Service.objects.select_related("organization")
        .prefetch_related(*FULL_PREFETCH)
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    if service_is_public(service=service) or may_edit(user):
        return service
    return None


def service_to_edit(*, pk) -> Service:
    """Any service, whatever its status, for the directory team."""
    service = Service.objects.filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def plans_relying_on(*, service: Service) -> int:
    """How many plans in force link their provision to the service: a count only (the directory
    team does not see whose plans)."""
    return service.plan_provision_links.filter(
        removed_on__isnull=True, plan__status="in_force"
    ).count()


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


def directory_overview(*, today: datetime.date | None = None) -> dict:
    """The directory team's page: public services whose details were last checked too long ago
    (or never), the feedback not yet handled, and how many services there are."""
    cutoff = (today or timezone.localdate()) - ASSURANCE_LAPSES_AFTER
    return {
        "lapsed": services_public()
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
        .order_by("assured_date", "name"),
        "feedback": Feedback.objects.filter(handled=False).select_related("service")[
            :FEEDBACK_SHOWN
        ],
        "total": Service.objects.count(),
    }


def services_running() -> QuerySet[Service]:
    """The services a plan's provision may be linked to: those running now."""
    return Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")


def service_kinds(*, services: QuerySet[Service]) -> dict:
    """{service id: the name of its "Service types" term}, for those that have one."""
    return dict(
        services.filter(attributes__taxonomy_term__taxonomy__name=SERVICE_TYPES).values_list(
            "pk", "attributes__taxonomy_term__name"
        )
    )


# The Open Referral UK feed: public services only, each list in a fixed order.


def _one(queryset: QuerySet, pk):
    """The row with this id (any text: a malformed UUID is simply not found), else 404."""
    try:
        return queryset.get(pk=uuid.UUID(str(pk)))
    except (ValueError, queryset.model.DoesNotExist) as error:
        raise Http404 from error


def feed_services(
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    minimum_age: int | None = None,
    maximum_age: int | None = None,
    day: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    modified_after: datetime.datetime | None = None,
) -> QuerySet[Service]:
    """Public services by words, term, taxonomy, the ages they serve (overlapping the range
    asked), opening (one schedule meets every time condition at once: one join, not one per
    condition) and last change."""
    services = services_public().select_related("organization")
    if search:
        services = services.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if taxonomy_term_id:
        services = services.filter(attributes__taxonomy_term_id=taxonomy_term_id)
    if taxonomy_id:
        services = services.filter(attributes__taxonomy_term__taxonomy_id=taxonomy_id)
    if minimum_age is not None:
        services = services.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=minimum_age))
    if maximum_age is not None:
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=maximum_age))
    schedule = Q()
    if day:
        schedule &= Q(schedules__byday__contains=day)
    if start_time is not None:
        schedule &= Q(schedules__closes_at__gt=start_time)
    if end_time is not None:
        schedule &= Q(schedules__opens_at__lt=end_time)
    if schedule:
        services = services.filter(schedule)
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
    return services.distinct().order_by("name", "id")


def feed_service(*, pk) -> Service:
    return _one(
        services_public().select_related("organization").prefetch_related(*FULL_PREFETCH), pk
    )


def feed_service_at_locations(
    *,
    services: QuerySet[Service],
    centre: tuple[float, float] | None = None,
    metres: int | None = None,
) -> QuerySet[ServiceAtLocation] | list[ServiceAtLocation]:
    """Where the services are delivered; given a centre, only the places within `metres` of it."""
    places = (
        ServiceAtLocation.objects.select_related("location", "service")
        .filter(service__in=services)
        .order_by("service__name", "id")
    )
    if centre is None:
        return places
    return [
        sal
        for sal in places
        if sal.location.latitude is not None
        and distance_miles(centre, (sal.location.latitude, sal.location.longitude)) * METRES_A_MILE
        <= metres
    ]


def feed_service_at_location(*, pk) -> ServiceAtLocation:
    return _one(
        ServiceAtLocation.objects.select_related("location", "service").filter(
            service__in=services_public()
        ),
        pk,
    )


def feed_taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "id")


def feed_taxonomy(*, pk) -> Taxonomy:
    return _one(Taxonomy.objects.all(), pk)


def feed_taxonomy_terms(
    *,
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "id")
    if taxonomy_id:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent_id=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms


def feed_taxonomy_term(*, pk) -> TaxonomyTerm:
    return _one(TaxonomyTerm.objects.select_related("taxonomy"), pk)
