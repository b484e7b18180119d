"""Pages of the settings feed are the same for every caller and come from the shared cache; a
setting saved shows at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import EducationSetting

pytestmark = pytest.mark.django_db


def settings_page(client, headers, path="/api/v1/settings/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    read = sum("cases_educationsetting" in q["sql"] for q in queries)
    return response.json(), read


def test_a_page_is_read_once_then_kept(client, world):
    first, read = settings_page(client, world["council"])
    assert read == 1 and first["results"]
    again, read = settings_page(client, world["school"])
    assert (again, read) == (first, 0)


def test_a_setting_saved_shows_at_the_next_request(client, world):
    settings_page(client, world["council"])
    setting = EducationSetting.objects.get(urn="100001")
    setting.name = "Riverside Primary Academy"
    setting.save()
    page, read = settings_page(client, world["council"])
    assert read == 1
    assert "Riverside Primary Academy" in {s["name"] for s in page["results"]}


def test_each_address_is_kept_apart(client, world):
    EducationSetting.objects.create(name="Hillside School", kind="school", urn="100002")
    whole, _ = settings_page(client, world["council"])
    first, _ = settings_page(client, world["council"], "/api/v1/settings/?page_size=1")
    assert len(whole["results"]) >= 2 and len(first["results"]) == 1
    assert first["next"]


def test_a_refused_caller_gets_no_kept_page(client, world):
    settings_page(client, world["council"])
    assert client.get("/api/v1/settings/").status_code == 401
