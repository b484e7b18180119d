"""The Open Referral UK feed: every endpoint against the profile's vendored schemas, pagination,
filters, bad input."""

import json
from urllib.parse import quote

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from local_offer.models import Service, TaxonomyTerm
from local_offer.oruk_schema import SCHEMA_DIR, UPSTREAM_BASE

pytestmark = pytest.mark.django_db
OPENAPI = UPSTREAM_BASE + "openapi.json"


def _registry() -> Registry:
    """Every vendored file under the address the OpenAPI description's `$ref`s use, so nothing
    is fetched from the network and a missing file fails the test."""
    resources = [
        (
            UPSTREAM_BASE + path.relative_to(SCHEMA_DIR).as_posix(),
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in SCHEMA_DIR.rglob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_schema(path: str) -> dict:
    """The 200 response's schema for `path` in the profile's OpenAPI description."""
    return {
        "$ref": OPENAPI
        + "#/"
        + _pointer("paths", path, "get", "responses", "200", "content", "application/json")
        + "/schema"
    }


def validate_against(schema: dict, document) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        schema, registry=REGISTRY, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def validate(schema_name, document):
    """One item against a compiled schema of the profile."""
    return validate_against({"$ref": UPSTREAM_BASE + f"compiled/{schema_name}.json"}, document)


def no_nulls(value):
    if value is None or value == "":
        return False
    if isinstance(value, dict):
        return all(no_nulls(v) for v in value.values())
    if isinstance(value, list):
        return all(no_nulls(v) for v in value)
    return True


def test_root_and_cors(client, directory):
    response = client.get("/api/oruk/", HTTP_ORIGIN="https://example.org")
    assert response.json()["version"] == "3.0"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_services_page_envelope_and_items_validate(client, directory):
    body = client.get("/api/oruk/services?per_page=10&page=2").json()
    assert body["total_items"] == Service.objects.count()
    assert body["page_number"] == 2 and body["size"] == 10 and not body["first_page"]
    assert body["total_pages"] == -(-body["total_items"] // 10)
    for item in body["contents"]:
        assert validate("service_list", item) == []
        assert no_nulls(item)


def test_a_full_service_validates_and_omits_empty_fields(client, service):
    body = client.get(f"/api/oruk/services/{service.pk}").json()
    assert validate("service", body) == []
    assert no_nulls(body)
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} >= {
        "Autistic spectrum disorder"
    }


def test_pagination_reaches_every_service_once(client, directory):
    seen = []
    page = 1
    while True:
        body = client.get(f"/api/oruk/services?per_page=40&page={page}").json()
        seen += [item["id"] for item in body["contents"]]
        if body["last_page"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == Service.objects.count()


def test_filters(client, directory):
    autism = TaxonomyTerm.objects.get(code="ASD")
    by_term = client.get(f"/api/oruk/services?taxonomy_term_id={autism.pk}").json()
    assert (
        by_term["total_items"]
        == Service.objects.filter(attributes__taxonomy_term=autism).count()
        > 0
    )
    adults = client.get("/api/oruk/services?minimum_age=20").json()
    assert all(item["maximum_age"] >= 20 for item in adults["contents"])
    searched = client.get("/api/oruk/services?search=swimming").json()
    assert searched["total_items"] > 0 and all(
        "Swimming" in item["name"] for item in searched["contents"]
    )
    near = client.get("/api/oruk/service_at_locations?postcode=PE1&proximity=8000").json()
    assert near["total_items"] > 0


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "per_page=0",
        "per_page=100000",
        "minimum_age=old",
        "taxonomy_term_id=not-a-uuid",
        "day=XX",
        "modified_after=yesterday",
        "page=-1",
    ],
)
def test_nonsense_parameters_get_a_400_never_a_500(client, directory, query):
    response = client.get(f"/api/oruk/services?{query}")
    assert response.status_code == 400
    assert "error" in response.json()


def test_a_page_past_the_end_is_empty_and_well_formed(client, directory):
    body = client.get("/api/oruk/services?page=999").json()
    assert body["empty"] is True and body["contents"] == [] and body["size"] == 0


@pytest.mark.parametrize(
    "path", ["services", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_ids_are_404(client, directory, path):
    assert client.get(f"/api/oruk/{path}/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get(f"/api/oruk/{path}/nonsense").status_code == 404


def test_taxonomies_and_terms(client, directory):
    taxonomies = client.get("/api/oruk/taxonomies").json()
    assert taxonomies["total_items"] == 2
    first = taxonomies["contents"][0]["id"]
    terms = client.get(f"/api/oruk/taxonomy_terms?taxonomy_id={first}&top_only=true").json()
    assert terms["total_items"] > 0
    one = client.get(f"/api/oruk/taxonomy_terms/{terms['contents'][0]['id']}").json()
    assert one["taxonomy_id"] == first


# Each endpoint the feed serves, with the OpenAPI path whose 200 schema it must meet. The
# profile's description gives /service_at_locations/{id} the *service* schema (an upstream slip:
# the validator checks it as a service-at-location), so that one is checked against
# compiled/service_at_location.json instead.
LISTS = {
    "services": "/services",
    "service_at_locations": "/service_at_locations",
    "taxonomies": "/taxonomies",
    "taxonomy_terms": "/taxonomy_terms",
}
DETAILS = {
    "services": response_schema("/services/{id}"),
    "service_at_locations": {"$ref": UPSTREAM_BASE + "compiled/service_at_location.json"},
    "taxonomies": response_schema("/taxonomies/{id}"),
    "taxonomy_terms": response_schema("/taxonomy_terms/{id}"),
}


def every_page(client, name):
    page, items = 1, []
    while True:
        response = client.get(f"/api/oruk/{name}?per_page=200&page={page}")
        assert response.status_code == 200, name
        body = response.json()
        assert validate_against(response_schema(LISTS[name]), body) == [], name
        assert no_nulls(body["contents"]), name
        items += body["contents"]
        if body["last_page"]:
            return items
        page += 1


def test_the_vendored_schemas_are_what_the_openapi_description_names(client):
    """A schema missing from the vendored folder would be an unresolvable `$ref`, not a skip."""
    for path in (
        "/",
        *LISTS.values(),
        "/services/{id}",
        "/taxonomies/{id}",
        "/taxonomy_terms/{id}",
    ):
        validator = jsonschema.Draft202012Validator(response_schema(path), registry=REGISTRY)
        list(validator.iter_errors({}))  # resolves every reference on the way


def test_root_and_its_openapi_description_validate(client, directory):
    root = client.get("/api/oruk/")
    assert validate_against(response_schema("/"), root.json()) == []
    openapi_url = root.json()["openapi_url"]
    assert openapi_url == "http://testserver/api/oruk/openapi.json"
    described = client.get(openapi_url)
    assert described.status_code == 200 and described["Content-Type"] == "application/json"
    assert set(LISTS.values()) <= set(json.loads(described.content)["paths"])


@pytest.mark.parametrize("name", list(LISTS))
def test_every_item_of_every_endpoint_validates_against_the_vendored_schema(
    client, directory, name
):
    items = every_page(client, name)
    assert items, f"the demo directory has no {name}"
    for item in items:
        response = client.get(f"/api/oruk/{name}/{quote(item['id'])}")
        assert response.status_code == 200
        body = response.json()
        assert validate_against(DETAILS[name], body) == [], (name, item["id"])
        assert no_nulls(body), (name, item["id"])


def test_the_schema_check_catches_a_broken_service(client, service):
    """The check can fail: a service without its required status is reported."""
    body = client.get(f"/api/oruk/services/{service.pk}").json()
    del body["status"]
    assert validate_against(DETAILS["services"], body) == ["$: 'status' is a required property"]
