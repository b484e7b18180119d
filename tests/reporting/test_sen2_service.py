"""Asking for a SEN2 return, generating it in the background, keeping the files."""

import datetime
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest
import time_machine
from django.core.exceptions import ValidationError

from reporting import services
from reporting.models import Sen2Return, Sen2Status, TimelinessSnapshot
from reporting.tasks import generate_sen2_return, take_timeliness_snapshot

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def eager():
    """Runs Celery tasks in-process, as the embedded default does without a broker."""
    from send_portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def _ask(head_of_service, census=d(2026, 1, 15)):
    return services.sen2_return_request(
        census_date=census,
        by=head_of_service,
        dmo_in_post="Yes",
        dco_in_post="No",
        dsco_in_post="Yes",
    )


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
def test_generate_keeps_the_files_findings_and_counts(council, head_of_service, media):
    sen2_return = _ask(head_of_service)
    assert sen2_return.status == Sen2Status.QUEUED
    assert generate_sen2_return(sen2_return.pk) == Sen2Status.COMPLETE
    sen2_return.refresh_from_db()
    assert (sen2_return.progress, sen2_return.stage) == (100, "Ready")
    assert sen2_return.xml_file.name.startswith("sen2/sen2_20260115_")
    root = ET.fromstring(sen2_return.xml_file.read())
    assert root.findtext("Header/Officers/DCO") == "No"
    assert root.findtext("Header/Source/SerialNo") == str(sen2_return.pk)
    with sen2_return.csv_file.open("rb") as handle:
        assert len(zipfile.ZipFile(io.BytesIO(handle.read())).namelist()) == 9
    assert sen2_return.counts["1 Person"] == 17
    assert sen2_return.error_count == 2  # E no primary need; O1 undecided
    assert sen2_return.warning_count == 2
    assert (media / sen2_return.xml_file.name).exists()
    # Safe to run twice: a finished return is left as it is.
    name = sen2_return.xml_file.name
    assert generate_sen2_return(sen2_return.pk) == Sen2Status.COMPLETE
    sen2_return.refresh_from_db()
    assert sen2_return.xml_file.name == name


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
def test_a_failure_is_recorded_with_a_readable_message(council, head_of_service, monkeypatch):
    sen2_return = _ask(head_of_service)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "sen2_persons", broken)
    assert generate_sen2_return(sen2_return.pk) == Sen2Status.FAILED
    sen2_return.refresh_from_db()
    assert sen2_return.error == services.GENERATION_FAILED
    assert not sen2_return.xml_file


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
@pytest.mark.parametrize(
    ("census", "message"),
    [
        (d(2026, 2, 1), services.CENSUS_NOT_JANUARY),
        (d(2027, 1, 14), services.CENSUS_IN_FUTURE),
        (d(2014, 1, 16), services.CENSUS_TOO_EARLY),
    ],
)
def test_census_date_is_checked(head_of_service, census, message):
    with pytest.raises(ValidationError) as error:
        _ask(head_of_service, census)
    assert error.value.message_dict == {"census_date": [message]}
    assert not Sen2Return.objects.exists()


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
def test_one_return_at_a_time_per_census_date(head_of_service):
    _ask(head_of_service)
    with pytest.raises(ValidationError) as error:
        _ask(head_of_service)
    assert error.value.message_dict == {"census_date": [services.ALREADY_RUNNING]}


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
def test_request_queues_the_job_on_commit(
    council, head_of_service, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sen2_return = _ask(head_of_service)
    sen2_return.refresh_from_db()
    assert sen2_return.status == Sen2Status.COMPLETE


@time_machine.travel(datetime.datetime(2026, 2, 10, 23, 0), tick=False)
def test_daily_snapshot_task_takes_today(council):
    assert take_timeliness_snapshot() == 3  # two teams and the whole service
    nightly = TimelinessSnapshot.objects.filter(backfilled=False)
    assert set(nightly.values_list("taken_on", flat=True)) == {d(2026, 2, 10)}
    # The first run also filled the 12 months before from the records: a row for the service
    # and each team with plans in the 12 months (South's first, H, in August 2025).
    assert TimelinessSnapshot.objects.filter(backfilled=True).count() == 6 * 2 + 6 * 3
    assert take_timeliness_snapshot("2026-01-31") == 3  # taken on the night replaces the fill
    assert set(nightly.values_list("taken_on", flat=True)) == {d(2026, 2, 10), d(2026, 1, 31)}
    assert TimelinessSnapshot.objects.count() == 33


@time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False)
@pytest.mark.parametrize("role", ["manager", "caseworker", "administrator"])
def test_only_the_head_of_service_may_ask_for_or_read_the_return(
    request, council, head_of_service, role
):
    """The return names every child in the service: the service and the selectors refuse
    anyone but the head of service, whatever view calls them."""
    from django.core.exceptions import PermissionDenied

    from reporting.selectors.access import (
        SEN2_NOT_ALLOWED,
        sen2_file_for,
        sen2_return_get_for,
        sen2_returns_for,
    )

    other = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied) as refused:
        _ask(other)
    assert str(refused.value) == SEN2_NOT_ALLOWED
    assert not Sen2Return.objects.exists()
    finished = services.sen2_return_generate(sen2_return=_ask(head_of_service))
    assert finished.status == Sen2Status.COMPLETE
    for read in (
        lambda user: sen2_returns_for(user=user),
        lambda user: sen2_return_get_for(user=user, pk=finished.pk),
        lambda user: sen2_file_for(user=user, pk=finished.pk, kind="xml"),
        lambda user: sen2_file_for(user=user, pk=finished.pk, kind="csv"),
    ):
        with pytest.raises(PermissionDenied):
            read(other)
        assert read(head_of_service)
