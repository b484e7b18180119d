"""The committed OpenAPI schema matches the generated one: an unplanned change fails here.
Regenerate with: manage.py spectacular --file api/schema/openapi.yaml"""

from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[2] / "api" / "schema" / "openapi.yaml"


def test_committed_schema_is_current(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == SCHEMA.read_text(), (
        "the API changed: regenerate api/schema/openapi.yaml"
    )


def test_schema_and_docs_are_served(client, db):
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200
