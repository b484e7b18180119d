"""A service's refusal shown on a form: against the field it names when the form has that field,
above the form otherwise."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovukForm, errors_onto


class NameForm(GovukForm):
    name = forms.CharField()


def bound():
    form = NameForm({"name": "Panel"})
    assert form.is_valid()
    return form


def test_a_refusal_about_a_field_the_form_has_goes_on_that_field():
    form = bound()
    errors_onto(form, ValidationError({"name": "Taken", "kind": "Choose a kind"}))
    assert form.errors["name"] == ["Taken"]
    assert form.non_field_errors() == ["Choose a kind"]


def test_a_refusal_without_a_field_goes_above_the_form():
    form = bound()
    errors_onto(form, ValidationError(["First problem", "Second problem"]))
    assert form.non_field_errors() == ["First problem", "Second problem"]
    assert "name" not in form.errors
