"""The Open Referral UK feed: nine public GET endpoints, the page envelope, empty fields omitted.
Each view reads its parameters (`oruk`), asks one selector and returns the records
(`oruk_format`)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.access import public

from . import selectors
from .oruk import (
    PROFILE,
    BadParameter,
    boolean_param,
    datetime_param,
    day_param,
    feed_view,
    int_param,
    page_of,
    time_param,
    uuid_param,
)
from .oruk_format import clean, sal_dict, service_full, service_summary, taxonomy_dict, term_dict
from .oruk_schema import SCHEMA_DIR
from .postcodes import district_centroid

ERROR_POSTCODE = "postcode is not a postcode in this area"


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
    return selectors.feed_services(
        search=request.GET.get("search", "").strip(),
        taxonomy_term_id=uuid_param(request, "taxonomy_term_id"),
        taxonomy_id=uuid_param(request, "taxonomy_id"),
        minimum_age=int_param(request, "minimum_age", low=0, high=120),
        maximum_age=int_param(request, "maximum_age", low=0, high=120),
        day=day_param(request, "day"),
        start_time=time_param(request, "start_time"),
        end_time=time_param(request, "end_time"),
        modified_after=datetime_param(request, "modified_after"),
    )


@feed_view
def services(request):
    return page_of(request, filtered_services(request), service_summary)


@feed_view
def service(request, pk):
    return clean(service_full(selectors.feed_service(pk=pk)))


@feed_view
def service_at_locations(request):
    services = filtered_services(request)
    if postcode := request.GET.get("postcode"):
        centre = district_centroid(postcode)
        if centre is None:
            raise BadParameter(ERROR_POSTCODE)
        metres = int_param(request, "proximity", 10000, low=1, high=200000)
        places = selectors.feed_service_at_locations(
            services=services, centre=centre, metres=metres
        )
    else:
        places = selectors.feed_service_at_locations(services=services)
    return page_of(request, places, sal_dict)


@feed_view
def service_at_location(request, pk):
    return clean(sal_dict(selectors.feed_service_at_location(pk=pk)))


@feed_view
def taxonomies(request):
    return page_of(request, selectors.feed_taxonomies(), taxonomy_dict)


@feed_view
def taxonomy(request, pk):
    return clean(taxonomy_dict(selectors.feed_taxonomy(pk=pk)))


@feed_view
def taxonomy_terms(request):
    terms = selectors.feed_taxonomy_terms(
        taxonomy_id=uuid_param(request, "taxonomy_id"),
        parent_id=uuid_param(request, "parent_id"),
        top_only=boolean_param(request, "top_only"),
    )
    return page_of(request, terms, term_dict)


@feed_view
def taxonomy_term(request, pk):
    return clean(term_dict(selectors.feed_taxonomy_term(pk=pk)))
