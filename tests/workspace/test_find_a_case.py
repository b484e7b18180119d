"""Find a case: any child the person may see, by any part of the name or any identifier, best
first, in one query, on SQLite and on PostgreSQL alike."""

import datetime

import pytest
import time_machine

from cases.models import Child
from tests.cases import factories
from workspace.folding import fold
from workspace.selectors.search import children_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


@pytest.fixture
def children(caseworker, other_caseworker, team, other_team):
    """Four children on the caseworker's team, one on another team."""
    made = {
        "zoe": factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            forename="Zoë",
            surname="O'Brien-Smith",
            upn="A801200001004",
            date_of_birth=datetime.date(2014, 2, 9),
        ),
        "ava": factories.child(by=caseworker, team=team, caseworker=caseworker),
        "jose": factories.child(
            by=caseworker,
            team=team,
            caseworker=None,  # on the team, in nobody's own caseload
            forename="José",
            surname="Núñez",
            upn="",
            upn_unknown_reason="UN8",
            date_of_birth=datetime.date(2012, 11, 30),
        ),
        "brownlow": factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            forename="Sam",
            surname="Brownlow",
            upn="",
            upn_unknown_reason="UN8",
        ),
        "theirs": factories.child(
            by=other_caseworker,
            team=other_team,
            caseworker=other_caseworker,
            forename="Ava",
            surname="Brown",
            upn="B801200005001",
        ),
    }
    Child.objects.filter(pk=made["zoe"].pk).update(
        postcode="PE1 1AA", uln="1234567890", nhs_number="9434765919"
    )
    Child.objects.filter(pk=made["jose"].pk).update(postcode="PE2 7BB")
    factories.request_received(by=caseworker, child=made["ava"])
    return made


def names(results) -> list[str]:
    return [r.child.reference for r in results]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("zoe", ["zoe"]),  # without the accent
        ("ZOË", ["zoe"]),
        ("o'brien", ["zoe"]),
        ("obrien", []),  # not a spelling of it
        ("smith zoe", ["zoe"]),  # any order
        ("zo bri", ["zoe"]),  # parts of each name
        ("jose nunez", ["jose"]),
        ("Núñez", ["jose"]),
        ("A801200001004", ["zoe"]),  # UPN
        ("a801200001004", ["zoe"]),
        ("1234567890", ["zoe"]),  # ULN
        ("943 476 5919", ["zoe"]),  # NHS number as written on a card
        ("09/02/2014", ["zoe"]),  # date of birth
        ("9/2/2014", ["zoe"]),
        ("pe11aa", ["zoe"]),  # postcode
        ("PE1 1AA", ["zoe"]),
        ("30/11/2012 jose", ["jose"]),
        ("31/02/2014", []),  # not a date: nothing, and no error
    ],
)
def test_finds_a_child_by_any_part_of_the_name_or_an_identifier(
    caseworker, children, query, expected
):
    assert names(children_search(user=caseworker, query=query)) == [
        children[key].reference for key in expected
    ]


def test_by_reference_in_full_or_by_its_number(caseworker, children):
    reference = children["jose"].reference
    assert names(children_search(user=caseworker, query=reference)) == [reference]
    assert names(children_search(user=caseworker, query=reference.lower())) == [reference]
    number = reference.split("-")[-1].lstrip("0")
    assert reference in names(children_search(user=caseworker, query=reference[-7:]))
    assert number  # the reference ends in digits


def test_an_exact_name_comes_before_a_longer_one(caseworker, children):
    found = names(children_search(user=caseworker, query="brown"))
    assert found == [children["ava"].reference, children["brownlow"].reference]
    found = names(children_search(user=caseworker, query="ava brown"))
    assert found[0] == children["ava"].reference


def test_only_children_the_person_may_see(caseworker, other_caseworker, children):
    found = children_search(user=caseworker, query="brown")
    assert children["theirs"].reference not in names(found)
    theirs = children_search(user=other_caseworker, query="ava")
    assert names(theirs) == [children["theirs"].reference]
    assert children_search(user=other_caseworker, query=children["zoe"].upn) == []


def test_a_child_with_no_open_step_is_found_with_their_stage(caseworker, children):
    (ava,) = children_search(user=caseworker, query="ava")
    assert ava.stage == "Decide whether to assess"
    (sam,) = children_search(user=caseworker, query="sam")
    assert sam.stage == "No open statutory step"


def test_one_query_whatever_the_number_found(caseworker, children, django_assert_num_queries):
    with django_assert_num_queries(1):
        children_search(user=caseworker, query="a")


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "'; drop table x; --", "\\", "a" * 500])
def test_odd_input_finds_nothing_or_something_and_never_fails(caseworker, children, query):
    assert isinstance(children_search(user=caseworker, query=query), list)


def test_the_search_is_posted_and_never_put_in_the_url(client, caseworker, children):
    client.force_login(caseworker)
    response = client.post("/cases/find/", {"q": "zoe"})
    assert response.status_code == 200
    body = response.content.decode()
    assert children["zoe"].reference in body and "9 Feb 2014" in body
    assert 'method="post"' in body and "?q=" not in body
    caseload = client.get("/cases/").content.decode()
    assert 'action="/cases/find/"' in caseload and 'method="post"' in caseload


def test_nothing_found_does_not_say_the_case_does_not_exist(client, other_caseworker, children):
    client.force_login(other_caseworker)
    body = client.post("/cases/find/", {"q": "zoe"}).content.decode()
    assert "No cases found that you can open" in body
    assert "may still be recorded" in body
    assert children["zoe"].reference not in body


def test_an_empty_search_says_what_to_enter(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/cases/find/", {"q": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in body and "Enter a name, case reference" in body
    assert client.get("/cases/find/").status_code == 200


def test_folding_matches_the_database(caseworker, children):
    assert fold("Zoë O’Brien") == "zoe o'brien"
    assert fold("ÅSA") == "asa"


@pytest.mark.postgres
def test_on_postgresql_a_name_spelt_nearly_right_is_found(postgres, caseworker, children):
    assert children["brownlow"].reference in names(
        children_search(user=caseworker, query="Brownlo")
    )
    assert names(children_search(user=caseworker, query="Brownlwo"))[:1] == [
        children["brownlow"].reference
    ]


def test_a_manager_finds_the_children_of_the_teams_they_manage(manager, children):
    found = names(children_search(user=manager, query="brown"))
    assert found == [children["ava"].reference, children["brownlow"].reference]
    assert children_search(user=manager, query=children["theirs"].upn) == []
