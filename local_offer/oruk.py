"""The Open Referral UK feed: nine public GET endpoints, the page envelope, empty fields omitted.

HSDS 3.0 UK profile; every endpoint is validated against the profile's schemas vendored in
`oruk_schema/` by tests/local_offer/test_feed.py.
"""

import datetime
import math
import uuid

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import public

from .models import (
    Attribute,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .oruk_schema import SCHEMA_DIR
from .postcodes import distance_miles, district_centroid
from .selectors import services_public

PROFILE = "https://openreferraluk.org/profile/3.0"
MAX_PER_PAGE = 200


def _clean(value):
    """Omit empty fields rather than sending null or an empty string."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def taxonomy_dict(taxonomy: Taxonomy) -> dict:
    return {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": taxonomy.uri,
        "version": taxonomy.version,
    }


def term_dict(term: TaxonomyTerm, *, nested: bool = True) -> dict:
    data = {
        "id": term.id,
        "name": term.name,
        "description": term.description,
        "code": term.code,
        "parent_id": term.parent_id,
        "taxonomy_id": term.taxonomy_id,
    }
    if nested:
        data["taxonomy_detail"] = taxonomy_dict(term.taxonomy)
    return data


def service_summary(service: Service) -> dict:
    return {
        "id": service.id,
        "organization_id": service.organization_id,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.assured_date,
        "assurer_email": service.assurer_email,
        "alert": service.alert,
        "last_modified": service.last_modified,
    }


def location_dict(location) -> dict:
    return {
        "id": location.id,
        "location_type": "physical",
        "name": location.name,
        "description": location.description,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "addresses": [
            {
                "id": location.id,
                "location_id": location.id,
                "address_1": location.address_1,
                "city": location.city,
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
                "state_province": "England",
            }
        ]
        if location.address_1
        else [],
        "accessibility": [
            {"id": location.id, "location_id": location.id, "description": location.accessibility}
        ]
        if location.accessibility
        else [],
    }


def service_full(service: Service) -> dict:
    org = service.organization
    data = service_summary(service)
    data.update(
        {
            "organization": {
                "id": org.id,
                "name": org.name,
                "description": org.description,
                "email": org.email,
                "website": org.website,
            },
            "service_at_locations": [
                {
                    "id": sal.id,
                    "service_id": service.id,
                    "location_id": sal.location_id,
                    "location": location_dict(sal.location),
                }
                for sal in service.service_at_locations.all()
            ],
            "contacts": [
                {
                    "id": c.id,
                    "service_id": service.id,
                    "name": c.name,
                    "title": c.title,
                    "email": c.email,
                    "phones": [{"id": c.id, "contact_id": c.id, "number": c.phone}]
                    if c.phone
                    else [],
                }
                for c in service.contacts.all()
            ],
            "schedules": [
                {
                    "id": s.id,
                    "service_id": service.id,
                    "description": s.description,
                    "byday": s.byday,
                    "opens_at": s.opens_at.isoformat() if s.opens_at else None,
                    "closes_at": s.closes_at.isoformat() if s.closes_at else None,
                    "freq": "WEEKLY" if s.byday else None,
                }
                for s in service.schedules.all()
            ],
            "cost_options": [
                {
                    "id": c.id,
                    "service_id": service.id,
                    "option": c.option,
                    "amount": float(c.amount) if c.amount is not None else None,
                    "currency": "GBP" if c.amount is not None else None,
                    "amount_description": c.amount_description,
                }
                for c in service.cost_options.all()
            ],
            "service_areas": [
                {"id": a.id, "service_id": service.id, "name": a.name}
                for a in service.service_areas.all()
            ],
            "languages": [
                {"id": lang.id, "service_id": service.id, "name": lang.name, "code": lang.code}
                for lang in service.languages.all()
            ],
            "attributes": [
                {
                    "id": a.id,
                    "link_id": service.id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": a.taxonomy_term_id,
                    "taxonomy_term": term_dict(a.taxonomy_term, nested=False),
                }
                for a in service.attributes.all()
            ],
        }
    )
    return data


FULL_PREFETCH = (
    "service_at_locations__location",
    "contacts",
    "schedules",
    "cost_options",
    "service_areas",
    "languages",
    Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
)


class BadParameter(ValueError):
    pass


MAX_PARAMETER_LENGTH = 200
ERROR_NUL = "{name} must not contain a NUL character"
ERROR_TOO_LONG = "{name} must be at most {limit} characters"
ERROR_WHOLE_NUMBER = "{name} must be a whole number"
ERROR_DATETIME = "{name} must be an ISO 8601 date-time, like 2024-05-01T09:00:00Z"
ERROR_DATETIME_RANGE = "{name} is outside the dates this feed can compare"
ERROR_TIME = "{name} must be a time of day, like 09:30"
ERROR_BOOLEAN = "{name} must be true or false"


def _check_query(request) -> None:
    """Every parameter, known or not: no NUL (PostgreSQL refuses it in text) and a sane length."""
    for name, values in request.GET.lists():
        if "\x00" in name:
            raise BadParameter(ERROR_NUL.format(name="A parameter name"))
        for value in values:
            if "\x00" in value:
                raise BadParameter(ERROR_NUL.format(name=name))
            if len(value) > MAX_PARAMETER_LENGTH:
                raise BadParameter(ERROR_TOO_LONG.format(name=name, limit=MAX_PARAMETER_LENGTH))


def _int(request, name, default=None, *, low=0, high=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadParameter(ERROR_WHOLE_NUMBER.format(name=name)) from error
    if value < low or (high is not None and value > high):
        raise BadParameter(
            f"{name} must be between {low} and {high}" if high else f"{name} must be at least {low}"
        )
    return value


def _uuid(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise BadParameter(f"{name} must be a UUID") from error


def _datetime(request, name) -> datetime.datetime | None:
    """An ISO 8601 date-time as UTC; naive ones are read in the council's time zone. An offset
    that takes it past year 1 or 9999 is refused here rather than by the database."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.datetime.fromisoformat(raw)
    except ValueError as error:
        raise BadParameter(ERROR_DATETIME.format(name=name)) from error
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise BadParameter(ERROR_DATETIME_RANGE.format(name=name)) from error


def _time(request, name) -> datetime.time | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.time.fromisoformat(raw)
    except ValueError as error:
        raise BadParameter(ERROR_TIME.format(name=name)) from error
    return value.replace(tzinfo=None)


def _boolean(request, name) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(ERROR_BOOLEAN.format(name=name))


def page_of(request, items, to_dict) -> dict:
    page = _int(request, "page", 1, low=1)
    per_page = _int(request, "per_page", 50, low=1, high=MAX_PER_PAGE)
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    pages = max(1, math.ceil(total / per_page))
    # A page past the end is empty without asking the database for an offset it cannot hold.
    start = (page - 1) * per_page
    contents = (
        [_clean(to_dict(item)) for item in items[start : start + per_page]] if page <= pages else []
    )
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def feed_view(view):
    """Public, GET only, JSON; nonsense parameters give a 400 with a message, never a 500."""

    @public
    @require_GET
    def wrapped(request, *args, **kwargs):
        try:
            _check_query(request)
            return JsonResponse(
                view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False}
            )
        except BadParameter as error:
            return JsonResponse({"error": str(error)}, status=400)

    wrapped.__name__ = view.__name__
    return wrapped


@feed_view
def root(request):
    return {
        "version": "3.0",
        "profile": PROFILE,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
    }


@public
@require_GET
def openapi(request):
    """The profile's OpenAPI description this feed implements (the root's `openapi_url`)."""
    return HttpResponse((SCHEMA_DIR / "openapi.json").read_bytes(), content_type="application/json")


def filtered_services(request):
    services = services_public().select_related("organization")
    if search := request.GET.get("search", "").strip():
        services = services.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if term := _uuid(request, "taxonomy_term_id"):
        services = services.filter(attributes__taxonomy_term_id=term)
    if taxonomy := _uuid(request, "taxonomy_id"):
        services = services.filter(attributes__taxonomy_term__taxonomy_id=taxonomy)
    if (minimum := _int(request, "minimum_age", low=0, high=120)) is not None:
        services = services.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=minimum))
    if (maximum := _int(request, "maximum_age", low=0, high=120)) is not None:
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=maximum))
    # One schedule must meet every time condition at once (one join, not one per condition).
    schedule = Q()
    if day := request.GET.get("day", "").strip().upper():
        if day not in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
            raise BadParameter("day must be one of MO, TU, WE, TH, FR, SA, SU")
        schedule &= Q(schedules__byday__contains=day)
    if (start := _time(request, "start_time")) is not None:
        schedule &= Q(schedules__closes_at__gt=start)
    if (end := _time(request, "end_time")) is not None:
        schedule &= Q(schedules__opens_at__lt=end)
    if schedule:
        services = services.filter(schedule)
    if (since := _datetime(request, "modified_after")) is not None:
        services = services.filter(last_modified__gte=since)
    return services.distinct().order_by("name", "id")


@feed_view
def services(request):
    return page_of(request, filtered_services(request), service_summary)


def _get(queryset, pk):
    try:
        return queryset.get(pk=uuid.UUID(str(pk)))
    except (ValueError, queryset.model.DoesNotExist) as error:
        raise Http404 from error


@feed_view
def service(request, pk):
    return _clean(
        service_full(
            _get(
                services_public().select_related("organization").prefetch_related(*FULL_PREFETCH),
                pk,
            )
        )
    )


def sal_dict(sal):
    return {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "location": location_dict(sal.location),
        "service": service_summary(sal.service),
    }


@feed_view
def service_at_locations(request):
    items = (
        ServiceAtLocation.objects.select_related("location", "service")
        .filter(service__in=filtered_services(request))
        .order_by("service__name", "id")
    )
    if postcode := request.GET.get("postcode"):
        centre = district_centroid(postcode)
        if centre is None:
            raise BadParameter("postcode is not a postcode in this area")
        proximity = _int(request, "proximity", 10000, low=1, high=200000)  # metres
        items = [
            sal
            for sal in items
            if sal.location.latitude is not None
            and distance_miles(centre, (sal.location.latitude, sal.location.longitude)) * 1609.34
            <= proximity
        ]
    return page_of(request, items, sal_dict)


@feed_view
def service_at_location(request, pk):
    return _clean(
        sal_dict(
            _get(
                ServiceAtLocation.objects.select_related("location", "service").filter(
                    service__in=services_public()
                ),
                pk,
            )
        )
    )


@feed_view
def taxonomies(request):
    return page_of(request, Taxonomy.objects.order_by("name", "id"), taxonomy_dict)


@feed_view
def taxonomy(request, pk):
    return _clean(taxonomy_dict(_get(Taxonomy.objects.all(), pk)))


@feed_view
def taxonomy_terms(request):
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "id")
    if taxonomy_id := _uuid(request, "taxonomy_id"):
        terms = terms.filter(taxonomy_id=taxonomy_id)
    if parent_id := _uuid(request, "parent_id"):
        terms = terms.filter(parent_id=parent_id)
    if _boolean(request, "top_only"):
        terms = terms.filter(parent__isnull=True)
    return page_of(request, terms, term_dict)


@feed_view
def taxonomy_term(request, pk):
    return _clean(term_dict(_get(TaxonomyTerm.objects.select_related("taxonomy"), pk)))
