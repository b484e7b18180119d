"""Nothing with personal data is kept by a browser or a proxy: Cache-Control: no-store."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from accounts import roles
from accounts.access import public, roles_required
from tests.api.conftest import make_client
from tests.cases import factories

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_a_case_page_is_not_stored(client, caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    client.force_login(caseworker)
    response = client.get(f"/cases/{child.reference}/")
    assert response.status_code == 200
    assert no_store(response)


def test_a_download_is_not_stored(client, directory_editor):
    client.force_login(directory_editor)
    response = client.get("/directory/export.csv")
    assert response.status_code == 200
    assert no_store(response)


@pytest.mark.parametrize("path", ["/", "/inbox/", "/cases/", "/accessibility/"])
def test_every_page_a_signed_in_person_sees_is_not_stored(client, caseworker, path):
    client.force_login(caseworker)
    assert no_store(client.get(path))


def test_the_sign_in_page_and_a_refusal_are_not_stored(client):
    assert no_store(client.get("/sign-in/"))
    assert no_store(client.get("/cases/"))  # the redirect to sign in


def test_the_partner_api_is_not_stored(client, caseworker):
    headers, _ = make_client("County Council", "council")
    response = client.get("/api/v1/children/", **headers)
    assert response.status_code == 200
    assert no_store(response)


@roles_required(*roles.ALL)
def cached_for_an_hour(request):
    response = HttpResponse("a name and a date of birth")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@public
def public_cached(request):
    response = HttpResponse("a public list of services")
    response["Cache-Control"] = "public, max-age=300"
    return response


urlpatterns = [
    path("cached/", cached_for_an_hour),
    path("public-cached/", public_cached),
]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_cannot_let_a_signed_in_persons_page_be_cached(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/cached/")
    assert response["Cache-Control"] == "private, no-store"


@override_settings(ROOT_URLCONF=__name__)
def test_a_public_page_keeps_the_caching_it_chose(client):
    assert client.get("/public-cached/")["Cache-Control"] == "public, max-age=300"


def test_static_files_keep_their_caching(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/assets/images/govuk-crest.svg")
    assert response.status_code == 200
    assert not no_store(response)
