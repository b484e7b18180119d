"""A body is parsed only for a known client, and only within bounds: a 200 KB nested list sent
without a token was a 500 (RecursionError) on every endpoint, because the token check parsed it."""

import json

import pytest

from api.parsers import BODY_TOO_DEEP, BODY_TOO_LARGE
from cases.models import AssessmentRequest

pytestmark = pytest.mark.django_db

NESTED = "[" * 100_000 + "]" * 100_000  # 200 KB
ENDPOINTS = [
    ("post", "/api/v1/requests/"),
    ("patch", "/api/v1/advice/1/"),
    ("get", "/api/v1/children/"),
    ("post", "/api/v1/children/"),
    ("put", "/api/v1/plans/1/"),
    ("delete", "/api/v1/alerts/1/"),
    ("post", "/api/v1/settings/"),
]


def send(client, method, url, body, **headers):
    return client.generic(method.upper(), url, body, content_type="application/json", **headers)


@pytest.mark.parametrize("method,url", ENDPOINTS)
@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}],
    ids=["no token", "made-up token"],
)
def test_a_deeply_nested_body_without_a_valid_token_is_refused_before_it_is_read(
    client, method, url, headers
):
    response = send(client, method, url, NESTED, **headers)
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == 401 and body["errors"] == {}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_body_over_the_limit_is_413_for_a_client(client, world):
    before = AssessmentRequest.objects.count()
    response = send(client, "post", "/api/v1/requests/", NESTED, **world["council"])
    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "detail": BODY_TOO_LARGE.format(limit=128),
        "errors": {},
    }
    assert AssessmentRequest.objects.count() == before


@pytest.mark.parametrize("depth", [33, 5_000, 30_000])
def test_a_body_nested_too_deeply_is_400_for_a_client(client, world, depth):
    before = AssessmentRequest.objects.count()
    nested = "[" * depth + "]" * depth
    response = send(client, "post", "/api/v1/requests/", nested, **world["council"])
    assert response.status_code == 400
    assert response.json()["detail"] == BODY_TOO_DEEP.format(limit=32)
    assert AssessmentRequest.objects.count() == before


def test_a_body_within_the_bounds_is_read_as_before(client, world):
    body = {"child": world["other"].reference, "received_on": "2025-02-03", "source": "1"}
    body["note"] = [[[{"deep": ["enough"]}]]]
    response = send(client, "post", "/api/v1/requests/", json.dumps(body), **world["council"])
    assert response.status_code == 201, response.content


def test_broken_json_is_400_in_the_api_format(client, world):
    response = send(client, "post", "/api/v1/requests/", '{"child": ', **world["council"])
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON")
