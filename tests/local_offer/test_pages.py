import datetime

import pytest

from local_offer.models import Feedback, Service

pytestmark = pytest.mark.django_db


def test_public_search_needs_no_sign_in_and_filters(client, directory):
    response = client.get("/local-offer/", {"q": "swimming", "age": "10"})
    assert response.status_code == 200
    names = [s.name for s in response.context["page"]]
    assert names and all("Swimming" in n for n in names)


def test_search_by_postcode_orders_by_distance(client, directory):
    response = client.get("/local-offer/", {"postcode": "PE1 1AA"})
    distances = [s.distance for s in response.context["page"] if s.distance is not None]
    assert distances == sorted(distances) and distances


@pytest.mark.parametrize(
    "params", [{"age": "forty"}, {"age": "40"}, {"postcode": "ZZ99"}, {"need": "nonsense"}]
)
def test_nonsense_search_gets_a_clear_error_not_a_500(client, directory, params):
    response = client.get("/local-offer/", params)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_service_page_and_feedback(client, service):
    response = client.get(f"/local-offer/services/{service.pk}/")
    body = response.content.decode()
    assert "What it offers" in body and "last checked on" in body
    client.post(
        f"/local-offer/services/{service.pk}/",
        {"useful": "no", "problem": "The phone number is wrong"},
    )
    assert Feedback.objects.get(service=service).problem == "The phone number is wrong"


def test_directory_pages_are_for_directory_editors_only(
    client, directory, caseworker, directory_editor
):
    client.force_login(caseworker)
    assert client.get("/directory/").status_code == 403
    client.force_login(directory_editor)
    assert client.get("/directory/").status_code == 200


def test_editor_form_refuses_bad_input_and_writes_nothing(client, directory, directory_editor):
    client.force_login(directory_editor)
    org = Service.objects.first().organization_id
    before = Service.objects.count()
    response = client.post(
        "/directory/services/new/",
        {
            "organization": org,
            "name": "",
            "description": "x",
            "status": "active",
            "email": "not-an-email",
            "url": "nope",
            "minimum_age": 10,
            "maximum_age": 5,
        },
    )
    body = response.content.decode()
    assert "Enter the name of the service" in body
    assert "Enter an email address in the correct format" in body
    assert "Enter a website address in the correct format" in body
    assert "maximum age must be the same as or more than the minimum age" in body
    assert Service.objects.count() == before


def test_lapsed_assurance_list(client, directory, directory_editor):
    stale = Service.objects.first()
    stale.assured_date = datetime.date.today() - datetime.timedelta(days=120)
    stale.save()
    client.force_login(directory_editor)
    assert stale in client.get("/directory/").context["lapsed"]


def test_csv_round_trip(client, directory, directory_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(directory_editor)
    exported = client.get("/directory/export.csv").content.decode()
    assert exported.splitlines()[0].startswith("id,organization_id,name")
    edited = exported.replace("Saturday Club", "Saturday Activity Club")
    response = client.post(
        "/directory/import/", {"file": SimpleUploadedFile("services.csv", edited.encode())}
    )
    assert response.status_code == 302
    assert Service.objects.filter(name__contains="Saturday Activity Club").exists()
    bad = edited.replace(",active,", ",sometimes,", 1)
    count = Service.objects.filter(name__contains="Saturday Activity Club").count()
    response = client.post(
        "/directory/import/", {"file": SimpleUploadedFile("services.csv", bad.encode())}
    )
    assert response.status_code == 400
    assert Service.objects.filter(name__contains="Saturday Activity Club").count() == count
