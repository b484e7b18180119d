"""The Open Referral UK feed: shape against the official schemas, pagination, filters, bad input."""

import json
from pathlib import Path

import jsonschema
import pytest

from local_offer.models import Service, TaxonomyTerm

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "oruk" / "schema" / "compiled"


def validate(schema_name, document):
    schema = json.loads((SCHEMAS / f"{schema_name}.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [e.message for e in validator.iter_errors(document)]


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
