"""The caseload: filters, counts, search and pages, in a query count that does not grow."""

import datetime

import pytest
import time_machine

from tests.cases import factories
from workspace.selectors.caseload import caseload_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def many_cases(caseworker, team, count):
    kids = []
    for index in range(count):
        kid = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            upn="",
            upn_unknown_reason="UN8",
            surname="Case " + "".join("ABCDEFGHIJ"[int(digit)] for digit in f"{index:03d}"),
            forename="Kim",
        )
        factories.request_received(
            by=caseworker,
            child=kid,
            received_on=datetime.date(2024, 9, 2) + datetime.timedelta(days=index),
        )
        kids.append(kid)
    return kids


def test_caseload_query_count_does_not_grow_with_cases(
    client, caseworker, team, django_assert_max_num_queries
):
    many_cases(caseworker, team, 12)
    client.force_login(caseworker)
    with django_assert_max_num_queries(12):
        response = client.get("/cases/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 12


def test_search_by_reference_is_posted_not_put_in_the_url(client, caseworker, team, child):
    factories.request_received(by=caseworker, child=child)
    other = factories.child(by=caseworker, team=team, caseworker=caseworker, upn="A801200001004")
    client.force_login(caseworker)
    caseload = client.get("/cases/").content.decode()
    assert '<form method="post" action="/cases/find/"' in caseload
    response = client.post("/cases/find/", {"q": child.reference})
    assert response.status_code == 200
    assert [r.child for r in response.context["found"]] == [child]
    assert other.reference not in response.content.decode()


def test_each_page_link_keeps_the_filters_and_has_one_question_mark(client, caseworker, team):
    many_cases(caseworker, team, 120)  # 120 open decisions: three pages of 50
    client.force_login(caseworker)
    response = client.get("/cases/", {"scope": "mine", "stage": "decision", "page": "2"})
    body = response.content.decode()
    assert response.context["page"].number == 2
    assert "??" not in body
    assert 'href="?scope=mine&amp;stage=decision&amp;page=3"' in body
    assert 'href="?scope=mine&amp;stage=decision&amp;page=1"' in body
    assert 'aria-current="page"' in body
    page_three = client.get("/cases/", {"scope": "mine", "stage": "decision", "page": "3"})
    first = {d.pk for d in response.context["page"]}
    third = {d.pk for d in page_three.context["page"]}
    assert first and third and not first & third


def test_the_selector_lists_only_cases_the_person_may_see(
    caseworker, other_caseworker, team, other_team, child
):
    factories.request_received(by=caseworker, child=child)
    theirs = factories.child(
        by=other_caseworker, team=other_team, caseworker=other_caseworker, upn="B801200005001"
    )
    factories.request_received(by=other_caseworker, child=theirs)
    mine = caseload_for(user=caseworker, filters={"scope": "all"})
    assert {d.child for d in mine.page} == {child}
    other = caseload_for(user=other_caseworker, filters={"scope": f"team-{team.pk}"})
    assert list(other.page) == []  # not their team: nothing, not the team's cases
    assert other.counts == {"overdue": 0, "due_this_week": 0, "due_next_4_weeks": 0}
    assert {d.child for d in caseload_for(user=other_caseworker, filters={}).page} == {theirs}


def test_a_bad_page_number_shows_a_page(client, caseworker, child):
    factories.request_received(by=caseworker, child=child)
    client.force_login(caseworker)
    for page in ("x", "999", "-1"):
        assert client.get("/cases/", {"page": page}).status_code == 200


def test_a_manager_narrows_the_caseload_to_one_caseworker_of_their_teams(
    client, manager, caseworker, other_caseworker, team, make_person
):
    from accounts import roles

    second = make_person("second_worker", roles.CASEWORKER, team=team)
    mine = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(by=caseworker, child=mine)
    theirs = factories.child(by=second, team=team, caseworker=second, upn="B801200005001")
    factories.request_received(by=second, child=theirs)
    client.force_login(manager)
    page = client.get(f"/cases/?scope=all&caseworker={second.pk}").context["page"]
    assert {deadline.child_id for deadline in page} == {theirs.pk}
    refused = client.get(f"/cases/?scope=all&caseworker={other_caseworker.pk}")
    assert "Choose a caseworker in a team you manage" in refused.content.decode()
    client.force_login(caseworker)  # a caseworker has no such choice
    assert 'name="caseworker"' not in client.get("/cases/").content.decode()
