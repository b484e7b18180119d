"""The council's settings: set in the portal, read everywhere through one accessor."""

import datetime
import html

import pytest

from accounts.council import council_settings
from accounts.models import LA_NUMBER_INVALID, CouncilSettings
from administration.models import AdministrationChange, Area
from cases.models import StatutoryDeadline
from reporting.sen2.builder import sen2_build
from tests.cases import factories

pytestmark = pytest.mark.django_db

SETTINGS = {"name": "Northshire County Council", "la_number": "938", "receipt_day_is_day_one": "no"}


@pytest.fixture
def signed_in(client, administrator):
    client.force_login(administrator)
    return client


def test_until_saved_the_environment_applies(settings, signed_in):
    settings.COUNCIL_NAME = "Env Borough Council"
    settings.COUNCIL_LA_NUMBER = 42
    current = council_settings()
    assert (current.name, current.la_number, current.saved) == ("Env Borough Council", "042", False)
    body = signed_in.get("/administration/council/").content.decode()
    assert "come from the server" in body and 'value="042"' in body


def test_the_name_and_la_number_are_used_by_the_header_and_the_sen2_return(signed_in):
    response = signed_in.post("/administration/council/", SETTINGS, follow=True)
    body = html.unescape(response.content.decode())
    assert "The council's settings are saved." in body
    page = signed_in.get("/").content.decode()
    assert "Northshire County Council" in page
    data = sen2_build(census_date=datetime.date(2026, 1, 15))
    assert data.header["LEA"] == "938"
    change = AdministrationChange.objects.get(area=Area.COUNCIL)
    assert "Council name: Demo Borough Council to Northshire County Council" in change.summary
    assert "LA number: 801 to 938" in change.summary
    assert "recomputed" not in change.summary
    body = html.unescape(signed_in.get("/administration/council/").content.decode())
    assert "LA number: 801 to 938" in body  # the record, on the page


@pytest.mark.parametrize("la_number", ("80", "8011", "abc", "8 1", "-12", "８０１"))
def test_the_la_number_must_be_three_digits(signed_in, la_number):
    response = signed_in.post("/administration/council/", {**SETTINGS, "la_number": la_number})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in body and (
        LA_NUMBER_INVALID in body or "Ensure this value has at most" in body
    )
    assert not CouncilSettings.objects.exists()
    assert council_settings().la_number == "801"


def test_an_empty_form_says_what_is_missing(signed_in):
    response = signed_in.post("/administration/council/", {})
    body = html.unescape(response.content.decode())
    assert "Enter the council's name" in body
    assert "Enter the LA number" in body
    assert "Choose how days are counted" in body
    assert not CouncilSettings.objects.exists()


def test_changing_the_counting_recomputes_every_stored_deadline(
    signed_in, caseworker, team, django_capture_on_commit_callbacks
):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=child, received_on=datetime.date(2024, 9, 2))
    decision = StatutoryDeadline.objects.get(child=child, key__contains="decision_to_assess")
    assert decision.due_on == datetime.date(2024, 10, 14)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            "/administration/council/", {**SETTINGS, "receipt_day_is_day_one": "yes"}
        )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.due_on == datetime.date(2024, 10, 13)
    body = html.unescape(signed_in.get("/administration/council/").content.decode())
    assert "every case's deadlines have been recomputed" in body
    change = AdministrationChange.objects.get(area=Area.COUNCIL)
    assert "Day of receipt counted as day one: no to yes" in change.summary
    # A new step recorded after the change uses the new convention too.
    other = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="B801200005001", surname="Other"
    )
    factories.request_received(by=caseworker, child=other, received_on=datetime.date(2024, 9, 2))
    assert StatutoryDeadline.objects.get(
        child=other, key__contains="decision_to_assess"
    ).due_on == datetime.date(2024, 10, 13)


def test_saving_without_changing_the_counting_leaves_deadlines_alone(
    signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signed_in.post("/administration/council/", SETTINGS)
    from administration.tasks import deadlines_recompute_all

    assert all(deadlines_recompute_all.name not in repr(c) for c in callbacks)
    assert len(callbacks) == 1  # only forgetting the cached copy


def test_the_reports_count_days_the_way_the_council_set(administrator):
    from administration.services import council_settings_update
    from reporting.scope import limit_days

    assert limit_days(20) == 140
    council_settings_update(
        name="Northshire County Council",
        la_number="938",
        receipt_day_is_day_one=True,
        by=administrator,
    )
    assert limit_days(20) == 139
