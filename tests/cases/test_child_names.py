"""A child's names are names: letters (of any alphabet, with accents), spaces, hyphens,
apostrophes and full stops, starting with a letter - so no name is ever a spreadsheet formula."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from faker import Faker

from cases.models import Child
from cases.models.children import name_problem
from cases.services import children
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db

LAST_NAME_CHARACTERS = "Enter a last name using letters, spaces, hyphens and apostrophes only"
LAST_NAME_START = "Enter a last name that starts with a letter"


@pytest.mark.parametrize(
    "name",
    [
        "O'Brien",
        "O\u2019Brien",
        "Smith-Jones",
        "Zoë",
        "Zoe\u0308",  # the same name typed with a combining diaeresis
        "Siân",
        "Ní Bhriain",
        "St. John",
        "Łukasz",
        "Nguyễn",
        "محمد",
        "van der Berg",
    ],
)
def test_real_names_are_accepted(caseworker, team, name):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker, surname=name)
    child.refresh_from_db()
    assert name_problem(child.surname, label="last name") is None


@pytest.mark.parametrize(
    "name, message",
    [
        ('=HYPERLINK("http://x","y")', LAST_NAME_START),
        ("+44", LAST_NAME_START),
        ("-2+3", LAST_NAME_START),
        ("@SUM(A1)", LAST_NAME_START),
        ("\t=1+1", LAST_NAME_START),
        ("'Brien", LAST_NAME_START),
        ("Smith=1+1", LAST_NAME_CHARACTERS),
        ("Brown<script>", LAST_NAME_CHARACTERS),
        ("Brown2", LAST_NAME_CHARACTERS),
        ("Brown\r\n=1", LAST_NAME_CHARACTERS),
    ],
)
def test_a_name_that_could_be_a_formula_is_refused_with_a_clear_message(
    caseworker, team, name, message
):
    with pytest.raises(StepRefused) as refused:
        factories.child(by=caseworker, team=team, caseworker=caseworker, surname=name)
    assert refused.value.message_dict["surname"] == [message]
    assert not Child.objects.exists()


def test_first_names_are_checked_too_and_both_errors_come_together(caseworker, team):
    with pytest.raises(StepRefused) as refused:
        factories.child(
            by=caseworker, team=team, caseworker=caseworker, forename="=1+1", surname="+1", upn=""
        )
    errors = refused.value.message_dict
    assert errors["forename"] == ["Enter a first name that starts with a letter"]
    assert errors["surname"] == [LAST_NAME_START]
    assert "upn" in errors


def test_changing_details_to_a_formula_is_refused_and_nothing_changes(caseworker, team):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    with pytest.raises(StepRefused):
        children.child_update(child=child, by=caseworker, surname="=cmd|' /C calc'!A0")
    child.refresh_from_db()
    assert child.surname == "Brown"


def test_the_model_refuses_a_formula_whoever_saves_the_child(team):
    child = Child(
        reference="SEND-0000001",
        forename="Ava",
        surname="=1+1",
        date_of_birth=datetime.date(2016, 5, 4),
        team=team,
    )
    with pytest.raises(ValidationError) as refused:
        child.full_clean()
    assert refused.value.message_dict["surname"] == [LAST_NAME_START]


def test_the_registration_form_shows_the_message_and_writes_nothing(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        "/cases/register/",
        {
            "forename": "Ava",
            "surname": '=HYPERLINK("http://example.com")',
            "date_of_birth_day": "4",
            "date_of_birth_month": "5",
            "date_of_birth_year": "2016",
            "sex": "F",
            "upn_unknown_reason": "UN1",
        },
    )
    assert response.status_code == 200
    assert LAST_NAME_START in response.content.decode()
    assert not Child.objects.exists()


def test_spaces_around_a_name_are_tidied_not_refused(caseworker, team):
    child = factories.child(
        by=caseworker, team=team, caseworker=caseworker, forename="  Mary  Ann ", surname=" Smith"
    )
    assert (child.forename, child.surname) == ("Mary Ann", "Smith")


def test_the_demo_councils_names_are_all_accepted():
    """The demo data draws names from Faker's en_GB lists: every one of them is a valid name."""
    faker = Faker("en_GB")
    provider = faker.provider("faker.providers.person")
    names = {
        *provider.first_names_female,
        *provider.first_names_male,
        *provider.last_names,
    }
    assert len(names) > 100
    refused = [n for n in names if name_problem(n, label="name") is not None]
    assert not refused
