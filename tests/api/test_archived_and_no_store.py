"""Least exposure: an archived child's record (name, date of birth and all recorded about them)
is no longer served to partners, and no response with personal data may be kept by a cache."""

import pytest
from django.utils import timezone

from cases.models import Child

pytestmark = pytest.mark.django_db


def archive(child):
    Child.objects.filter(pk=child.pk).update(archived_at=timezone.now())


def results(client, headers, path):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_an_archived_child_leaves_the_childrens_feed_and_is_404(client, world):
    council = world["council"]
    archive(world["with_plan"])
    references = {c["reference"] for c in results(client, council, "/api/v1/children/")}
    assert world["with_plan"].reference not in references
    assert world["asked"].reference in references
    response = client.get(f"/api/v1/children/{world['with_plan'].reference}/", **council)
    assert response.status_code == 404
    assert world["with_plan"].surname not in response.content.decode()


def test_nothing_about_an_archived_child_is_served(client, world, records):
    council = world["council"]
    archive(world["with_plan"])
    reference = world["with_plan"].reference
    for path in (
        "/api/v1/requests/",
        "/api/v1/plans/",
        "/api/v1/reviews/",
        "/api/v1/panel-decisions/",
        "/api/v1/alerts/",
    ):
        assert reference not in {r["child"] for r in results(client, council, path)}, path
    plan = world["with_plan"].plans.get()
    assert client.get(f"/api/v1/plans/{plan.pk}/", **council).status_code == 404
    assert client.get(f"/api/v1/reviews/{records['review'].pk}/", **council).status_code == 404


def test_a_school_no_longer_sees_its_archived_pupil(client, world):
    assert results(client, world["school"], "/api/v1/children/")
    archive(world["with_plan"])
    assert results(client, world["school"], "/api/v1/children/") == []


@pytest.mark.parametrize(
    "path", ["/api/v1/children/", "/api/v1/requests/", "/api/v1/children/nope/"]
)
def test_api_responses_are_not_stored(client, world, path):
    response = client.get(path, **world["council"])
    assert response["Cache-Control"] == "no-store"
    detail = client.get(f"/api/v1/children/{world['asked'].reference}/", **world["council"])
    assert detail.status_code == 200 and detail["Cache-Control"] == "no-store"


def test_a_refused_request_is_not_stored_either(client):
    response = client.get("/api/v1/children/")
    assert response.status_code == 401 and response["Cache-Control"] == "no-store"
