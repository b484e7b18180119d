"""The steps over HTTP: forms for steps, refusals that write nothing. (The case page and the
caseload are tested in tests/workspace/.)"""

import datetime

import pytest
import time_machine

from cases.models import AssessmentRequest, TimelineEvent

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_recording_a_request_through_the_form(client, caseworker, child):
    client.force_login(caseworker)
    response = client.post(
        f"/cases/{child.reference}/request/",
        {**date_fields("received_on", datetime.date(2025, 2, 3)), "source": "1"},
    )
    assert response.status_code == 302
    request = AssessmentRequest.objects.get(child=child)
    assert request.decision_due_on == datetime.date(2025, 3, 17)


def test_a_wrong_date_keeps_what_was_typed_and_writes_nothing(client, caseworker, child):
    client.force_login(caseworker)
    response = client.post(
        f"/cases/{child.reference}/request/",
        {
            "received_on_day": "31",
            "received_on_month": "2",
            "received_on_year": "2025",
            "source": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "must be a real date" in body and 'value="31"' in body
    assert "<title>Error:" in body
    assert not AssessmentRequest.objects.exists()


def test_a_future_date_is_refused_by_the_service_with_its_message(client, caseworker, child):
    client.force_login(caseworker)
    response = client.post(
        f"/cases/{child.reference}/request/",
        {**date_fields("received_on", datetime.date(2025, 3, 10)), "source": "1"},
    )
    assert "cannot be in the future" in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_a_step_not_allowed_now_explains_why(client, caseworker, child):
    client.force_login(caseworker)
    response = client.get(f"/cases/{child.reference}/final/")
    assert response.status_code == 409
    assert "You cannot do this step now" in response.content.decode()


def test_invalid_upn_on_registration_says_which_check_failed(client, caseworker, team):
    client.force_login(caseworker)
    response = client.post(
        "/cases/register/",
        {
            "forename": "Ava",
            "surname": "Brown",
            **date_fields("date_of_birth", datetime.date(2016, 5, 4)),
            "sex": "F",
            "upn": "H801200001002",
        },
    )
    assert "UPN check letter is wrong" in response.content.decode()
    response = client.post(
        "/cases/register/",
        {
            "forename": "Ava",
            "surname": "Brown",
            **date_fields("date_of_birth", datetime.date(2016, 5, 4)),
            "sex": "F",
            "upn": "H801200001001",
        },
    )
    assert response.status_code == 302


def test_manager_hands_over_a_whole_caseload(client, manager, caseworker, team, make_person, child):
    from accounts import roles

    colleague = make_person("new_worker", roles.CASEWORKER, team=team)
    client.force_login(manager)
    response = client.post(
        f"/cases/{child.reference}/hand-over/", {"to": colleague.pk, "whole_caseload": "on"}
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.lead_caseworker == colleague
    assert TimelineEvent.objects.filter(child=child, verb="case_handed_over").exists()


def test_caseworkers_cannot_hand_over(client, caseworker, child):
    client.force_login(caseworker)
    assert client.get(f"/cases/{child.reference}/hand-over/").status_code == 403


def test_every_step_offered_renders_its_form(client, caseworker, child):
    """Whatever the stage, each step the case page offers opens a working form."""
    from cases.views.steps import steps_allowed

    factories.plan_issued(by=caseworker, child=child)
    client.force_login(caseworker)
    for slug, label in steps_allowed(child):
        response = client.get(f"/cases/{child.reference}/{slug}/")
        assert response.status_code == 200, slug
        assert label in response.content.decode()


def test_appeal_and_tribunal_order_through_the_forms(client, caseworker, child):
    client.force_login(caseworker)
    client.post(
        f"/cases/{child.reference}/appeal/",
        {
            "decision_appealed": "refuse_assess",
            **date_fields("decision_notified_on", datetime.date(2025, 1, 6)),
        },
    )
    client.post(
        f"/cases/{child.reference}/appeal-update/",
        {
            **date_fields("mediation_adviser_contacted_on", datetime.date(2025, 1, 20)),
            "mediation_wanted": "no",
            **date_fields("mediation_certificate_on", datetime.date(2025, 1, 22)),
        },
    )
    response = client.post(
        f"/cases/{child.reference}/tribunal-order/",
        {"kind": "assess", **date_fields("order_on", datetime.date(2025, 2, 20))},
    )
    assert response.status_code == 302
    order = child.appeals.get().orders.get()
    assert order.due_on == datetime.date(2025, 3, 6)
    assert child.appeals.get().mediation_wanted is False


def test_changing_details_records_which_fields_changed_without_copying_them(
    client, caseworker, child
):
    client.force_login(caseworker)
    response = client.post(
        f"/cases/{child.reference}/details/",
        {
            "forename": "Ava",
            "surname": "Green",
            **date_fields("date_of_birth", child.date_of_birth),
            "sex": "F",
            "upn": child.upn,
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.surname == "Green"
    event = TimelineEvent.objects.get(child=child, verb="child_updated")
    assert event.payload == {"fields": ["surname"]} and "Brown" not in event.summary
