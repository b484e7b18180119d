"""The case page and the plan pages: access, the access log, what they show, and a fixed number
of queries however long the record."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from cases.models import RecordAccess
from cases.services import appeals, children, notes, reviews
from tests.cases import factories
from workspace.selectors.case_page import case_page_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def test_case_page_logs_each_view_and_shows_the_journey(client, caseworker, child):
    factories.request_received(by=caseworker, child=child)
    client.force_login(caseworker)
    response = client.get(f"/cases/{child.reference}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "reg 5(1): decision within 6 weeks of the request received on 2 September 2024" in body
    assert RecordAccess.objects.filter(child=child, user=caseworker, channel="browser").count() == 1


def test_another_teams_caseworker_gets_not_found(client, other_caseworker, child):
    client.force_login(other_caseworker)
    assert client.get(f"/cases/{child.reference}/").status_code == 404
    assert client.get(f"/cases/{child.reference}/note/").status_code == 404
    assert client.get(f"/cases/{child.reference}/plan/1/").status_code == 404
    assert client.get(f"/cases/{child.reference}/plan/compare/").status_code == 404
    assert not RecordAccess.objects.filter(child=child).exists()


def test_the_selector_refuses_someone_who_may_not_see_the_child(other_caseworker, child):
    from django.http import Http404

    with pytest.raises(Http404):
        case_page_for(user=other_caseworker, reference=child.reference)
    assert not RecordAccess.objects.filter(child=child).exists()


def test_manager_sees_the_access_log(client, manager, caseworker, child):
    client.force_login(caseworker)
    client.get(f"/cases/{child.reference}/")
    body = client.get(f"/cases/{child.reference}/").content.decode()
    assert "Who has looked at this record" not in body  # caseworkers do not see the log
    client.force_login(manager)
    body = client.get(f"/cases/{child.reference}/").content.decode()
    assert "Who has looked at this record" in body and caseworker.display_name in body


def test_the_steps_offered_are_the_workflows(client, caseworker, child):
    from cases import workflow

    factories.plan_issued(by=caseworker, child=child)
    client.force_login(caseworker)
    response = client.get(f"/cases/{child.reference}/")
    offered = response.context["case"].steps
    assert offered == workflow.steps_available(child)
    body = response.content.decode()
    for slug, _label in offered:
        assert f'href="/cases/{child.reference}/{slug}/"' in body


def test_the_addresses_people_know_still_lead_to_the_same_pages(child):
    assert resolve("/").view_name == "workspace:home"
    assert resolve("/cases/").view_name == "workspace:caseload"
    assert resolve(f"/cases/{child.reference}/").view_name == "workspace:case"
    assert resolve(f"/cases/{child.reference}/plan/2/").view_name == "workspace:plan_version"
    assert resolve(f"/cases/{child.reference}/plan/compare/").view_name == "workspace:plan_compare"
    # The cases app's pages are not shadowed by the case page, nor the case page by them.
    assert resolve("/cases/register/").view_name == "cases:register"
    assert resolve(f"/cases/{child.reference}/note/").view_name == "cases:step"
    assert resolve(f"/cases/{child.reference}/hand-over/").view_name == "cases:hand_over"


def _grow_the_record(child, by):
    """A plan with two versions and two reviews, a withdrawn request before it, two appeals with
    orders, notes, contacts and placements."""
    from cases.services import requests

    with time_machine.travel(datetime.date(2024, 6, 1), tick=False):
        early = factories.request_received(
            by=by, child=child, received_on=datetime.date(2024, 5, 1)
        )
        requests.request_withdraw(
            request=early, withdrawn_on=datetime.date(2024, 5, 20), reason="Family moved", by=by
        )
    with time_machine.travel(datetime.date(2025, 1, 20), tick=False):
        plan = factories.plan_issued(by=by, child=child, issued_on=datetime.date(2025, 1, 13))
    with time_machine.travel(datetime.date(2026, 3, 20), tick=False):
        review = reviews.review_schedule(plan=plan, by=by)
        reviews.review_meeting_record(review=review, meeting_on=datetime.date(2026, 1, 5), by=by)
        reviews.review_decide(
            review=review, decision="A", notified_on=datetime.date(2026, 1, 19), by=by
        )
        sections = dict(factories.SECTIONS, F="Speech and language therapy, 3 sessions a week.")
        reviews.amended_plan_issue(
            review=review, issued_on=datetime.date(2026, 2, 20), sections=sections, by=by
        )
        reviews.review_schedule(plan=plan, by=by)
        for decision_appealed, notified in (
            ("refuse_assess", datetime.date(2025, 6, 2)),
            ("refuse_issue", datetime.date(2025, 9, 1)),
        ):
            appeal = appeals.appeal_record(
                child=child,
                decision_appealed=decision_appealed,
                decision_notified_on=notified,
                by=by,
            )
            appeals.appeal_update(
                appeal=appeal,
                mediation_adviser_contacted_on=notified + datetime.timedelta(days=10),
                mediation_certificate_on=notified + datetime.timedelta(days=12),
                appeal_registered_on=notified + datetime.timedelta(days=30),
                by=by,
            )
            appeals.appeal_update(
                appeal=appeal,
                outcome_on=notified + datetime.timedelta(days=90),
                outcome="upheld",
                by=by,
            )
            appeals.tribunal_order_record(
                appeal=appeal,
                kind="assess",
                order_on=notified + datetime.timedelta(days=90),
                by=by,
            )
        for text in ("Called the family", "Visited the school", "Sent the advice"):
            notes.case_note_add(child=child, text=text, by=by)
        children.parent_carer_add(child=child, by=by, name="Sam Brown", relationship="mother")
        children.parent_carer_add(child=child, by=by, name="Lee Brown", relationship="father")
        children.placement_add(
            child=child, by=by, entry_on=datetime.date(2024, 9, 1), setting=factories.setting()
        )


def _queries_for_the_page(client, reference) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/cases/{reference}/")
    assert response.status_code == 200
    return len(queries), response


def test_case_page_reads_a_long_record_in_a_fixed_small_number_of_queries(
    client, manager, caseworker, team, django_assert_max_num_queries
):
    child = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="", upn_unknown_reason="UN8"
    )
    _grow_the_record(child, caseworker)
    assert child.requests.count() == 2 and child.appeals.count() == 2
    assert child.plans.get().reviews.count() == 2
    client.force_login(manager)  # the manager's page also reads the access log
    client.get(f"/cases/{child.reference}/")  # the session is written on the first page only
    with django_assert_max_num_queries(40):
        before, _ = _queries_for_the_page(client, child.reference)
    # More of every kind of record: the same number of queries.
    with time_machine.travel(datetime.date(2026, 3, 20), tick=False):
        appeal = appeals.appeal_record(
            child=child,
            decision_appealed="refuse_assess",
            decision_notified_on=datetime.date(2026, 3, 2),
            by=caseworker,
        )
        for number in range(5):
            notes.case_note_add(child=child, text=f"Note {number}", by=caseworker)
        children.parent_carer_add(child=child, by=caseworker, name="Jo Brown", relationship="aunt")
    assert appeal.pk and child.appeals.count() == 3
    after, response = _queries_for_the_page(client, child.reference)
    assert after <= before
    body = response.content.decode()
    assert "Note 4" in body and "Jo Brown" in body and "Version 2" in body


def test_the_case_page_selector_alone_runs_a_fixed_number_of_queries(
    manager, caseworker, team, django_assert_max_num_queries
):
    from cases import workflow

    long = factories.child(by=caseworker, team=team, caseworker=caseworker)
    _grow_the_record(long, caseworker)
    # One query for the child, one to log the read, one per kind of record shown (22 in all);
    # the steps available now are worked out from the same records, with no query of their own.
    with django_assert_max_num_queries(22):
        case = case_page_for(user=manager, reference=long.reference)
    assert case.steps == workflow.steps_available(long)
    assert case.next_step is None or case.next_step in case.steps
    # Everything the template shows is already loaded: reading it runs no query.
    with django_assert_max_num_queries(0):
        assert len(case.requests) == 2 and len(case.appeals) == 2 and len(case.reviews) == 2
        assert [len(r.advice.all()) + len(r.consultations.all()) for r in case.requests]
        assert all(a.orders.all() for a in case.appeals)
        _ = [link.service.organization.name for link in case.provision_links]
        assert [n.author.display_name for n in case.notes]
        assert [e.actor for e in case.history]
        assert [p.setting for p in case.placements]
        assert [a.user for a in case.accesses]
        assert case.child.team and case.child.lead_caseworker
        assert list(case.child.panel_items.all()) == []


def test_plan_version_and_comparison(client, caseworker, child):
    _grow_the_record(child, caseworker)
    client.force_login(caseworker)
    response = client.get(f"/cases/{child.reference}/plan/2/")
    assert response.status_code == 200
    assert "Section F" in response.content.decode()
    assert client.get(f"/cases/{child.reference}/plan/9/").status_code == 404
    response = client.get(f"/cases/{child.reference}/plan/compare/")
    body = response.content.decode()
    assert "3 sessions a week" in body and "2 sessions a week" in body
    response = client.get(f"/cases/{child.reference}/plan/compare/?from=1&to=1")
    assert "Nothing changed between these versions" in response.content.decode()
    response = client.get(f"/cases/{child.reference}/plan/compare/?from=x&to=")
    assert response.status_code == 200  # bad input: the last two versions
    assert RecordAccess.objects.filter(child=child, what="plan comparison").count() == 3
    assert RecordAccess.objects.filter(child=child, what="plan version 2").count() == 1


def test_plan_pages_without_a_plan(client, caseworker, child):
    client.force_login(caseworker)
    assert client.get(f"/cases/{child.reference}/plan/1/").status_code == 404
    assert client.get(f"/cases/{child.reference}/plan/compare/").status_code == 404
