"""Importing services from the HSDS tabular CSV: limits and broken files are a clear message on
the page (a 400), never a 500, and nothing is written unless every row is good."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from local_offer import services as lo
from local_offer.models import Attribute, Service

pytestmark = pytest.mark.django_db

HEADER = ",".join(lo.CSV_FIELDS)


@pytest.fixture
def editor_client(client, directory_editor):
    client.force_login(directory_editor)
    return client


def row(service, **changes) -> list[str]:
    values = {
        "id": str(service.pk),
        "organization_id": str(service.organization_id),
        "name": service.name,
        "description": service.description,
        "url": "",
        "email": "",
        "status": "active",
        "fees_description": "",
        "eligibility_description": "",
        "application_process": "",
        "minimum_age": "5",
        "maximum_age": "11",
        "assured_date": "",
        "assurer_email": "",
        "taxonomy_term_ids": " ".join(str(a.taxonomy_term_id) for a in service.attributes.all()),
    }
    values.update(changes)
    return [values[name] for name in lo.CSV_FIELDS]


def csv_text(*rows, header=lo.CSV_FIELDS) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def upload(client, content, name="services.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post("/directory/import/", {"file": SimpleUploadedFile(name, data)})


def snapshot():
    return (
        sorted(Service.objects.values_list("id", "name", "description", "minimum_age")),
        sorted(Attribute.objects.values_list("service_id", "taxonomy_term_id")),
    )


def assert_refused(response, message):
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert message.replace("'", "&#x27;") in body, body[body.find("govuk-error-summary") :][:600]


def test_a_good_file_imports_and_a_new_row_keeps_its_id(editor_client, small_directory):
    new_id = "0b7a3bd4-95a2-4c38-9a5b-1f61c8a0a111"
    text = csv_text(
        row(small_directory, name="Saturday Play Club"),
        row(small_directory, id=new_id, name="Holiday Club", taxonomy_term_ids=""),
    )
    response = upload(editor_client, text)
    assert response.status_code == 302
    assert Service.objects.get(pk=small_directory.pk).name == "Saturday Play Club"
    assert Service.objects.get(pk=new_id).name == "Holiday Club"


def test_a_cell_over_the_csv_modules_128_kb_limit_is_a_message_not_a_500(
    editor_client, small_directory
):
    before = snapshot()
    text = csv_text(
        row(small_directory, name="Changed"),
        row(small_directory, id="", description="x" * (128 * 1024 + 10)),
    )
    response = upload(editor_client, text)
    assert_refused(response, lo.IMPORT_CELL_FAR_TOO_LONG.format(row=3))
    assert snapshot() == before


def test_a_cell_over_the_directory_limit_names_the_row_and_column(editor_client, small_directory):
    before = snapshot()
    text = csv_text(row(small_directory, description="x" * (lo.IMPORT_MAX_CELL_CHARS + 1)))
    assert_refused(
        upload(editor_client, text), lo.IMPORT_CELL_TOO_LONG.format(row=2, column="description")
    )
    assert snapshot() == before


def test_a_file_over_5_mb_is_refused_before_it_is_read(editor_client, small_directory):
    before = snapshot()
    text = HEADER + "\n" + ("a," * 14 + "b\n") * (lo.IMPORT_MAX_BYTES // 30 + 1)
    assert len(text) > lo.IMPORT_MAX_BYTES
    assert_refused(upload(editor_client, text), lo.IMPORT_TOO_BIG)
    assert snapshot() == before


def test_more_rows_than_the_limit_are_refused_and_nothing_is_written(
    editor_client, small_directory, settings
):
    before = snapshot()
    good = row(small_directory, id="", name="Copy")
    text = csv_text(*[good] * (lo.IMPORT_MAX_ROWS + 1))
    assert_refused(upload(editor_client, text), lo.IMPORT_TOO_MANY_ROWS)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,name\n".encode("utf-16"), lo.IMPORT_NOT_UTF8),
        ("name,description\nCafé,x\n".encode("cp1252"), lo.IMPORT_NOT_UTF8),
        (b"\x89PNG\r\n\x1a\n\x00\x00", lo.IMPORT_NOT_UTF8),
        (b"organization_id,name,description\nx,\x00,y\n", lo.IMPORT_NOT_TEXT),
        (b"", lo.IMPORT_EMPTY),
        (b"\r\n\r\n", lo.IMPORT_EMPTY),
        (
            b"id,name\n1,Club\n",
            lo.IMPORT_MISSING_COLUMNS.format(columns="organization_id, description"),
        ),
        (
            b"id;organization_id;name;description\n",
            lo.IMPORT_MISSING_COLUMNS.format(columns="organization_id, name, description"),
        ),
        (HEADER.encode() + b",colour\n", lo.IMPORT_UNKNOWN_COLUMNS.format(columns="colour")),
        (HEADER.encode() + b",name\n", lo.IMPORT_REPEATED_COLUMN),
        (
            HEADER.encode() + b"\n1,2,3\n",
            lo.IMPORT_WRONG_CELL_COUNT.format(row=2, cells=3, columns=15),
        ),
        (HEADER.encode() + b'\n"unclosed,' + b"a," * 14 + b"\n", lo.IMPORT_MALFORMED.format(row=2)),
        (HEADER.encode() + b'\n"a"b,' + b"a," * 13 + b"a\n", lo.IMPORT_MALFORMED.format(row=2)),
    ],
)
def test_broken_files_are_a_clear_message(editor_client, small_directory, content, message):
    before = snapshot()
    assert_refused(upload(editor_client, content), message)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"organization_id": "nonsense"},
            lo.IMPORT_NOT_AN_ID.format(row=3, column="organization_id"),
        ),
        (
            {"organization_id": "0b7a3bd4-95a2-4c38-9a5b-1f61c8a0a000"},
            "Row 3: organisation 0b7a3bd4-95a2-4c38-9a5b-1f61c8a0a000 is not in the directory",
        ),
        ({"id": "12"}, lo.IMPORT_NOT_AN_ID.format(row=3, column="id")),
        ({"minimum_age": "five"}, lo.IMPORT_NOT_AN_AGE.format(row=3, column="minimum_age")),
        ({"maximum_age": "9" * 5000}, lo.IMPORT_NOT_AN_AGE.format(row=3, column="maximum_age")),
        (
            {"taxonomy_term_ids": "nonsense"},
            lo.IMPORT_NOT_AN_ID.format(row=3, column="taxonomy_term_ids"),
        ),
        (
            {"taxonomy_term_ids": "0b7a3bd4-95a2-4c38-9a5b-1f61c8a0a000"},
            lo.IMPORT_UNKNOWN_TERM.format(row=3),
        ),
        ({"assured_date": "31/02/2024"}, "Row 3: assured_date"),
        ({"status": "sometimes"}, "Row 3: status"),
        ({"name": "x" * 201}, "Row 3: name"),
    ],
)
def test_a_bad_row_names_itself_and_nothing_from_earlier_rows_is_written(
    editor_client, small_directory, changes, message
):
    before = snapshot()
    text = csv_text(
        row(small_directory, name="Changed on row 2", taxonomy_term_ids=""),
        row(small_directory, **{"id": "", **changes}),
    )
    assert_refused(upload(editor_client, text), message)
    assert snapshot() == before


def test_the_same_id_twice_is_refused(editor_client, small_directory):
    text = csv_text(row(small_directory), row(small_directory, name="Other"))
    assert_refused(upload(editor_client, text), lo.IMPORT_REPEATED_ID.format(row=3))
