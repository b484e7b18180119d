"""No form says "This field is required." or offers "---------": every step page, empty and
submitted empty, in each state of a case, speaks GOV.UK."""

import datetime

import pytest
import time_machine
from django import forms

from cases.workflow import steps_available
from core.forms import GovukForm
from tests.cases import factories

pytestmark = pytest.mark.django_db

STATES = ("request_received", "request_assessing", "request_draft_issued", "plan_issued")


class Sample(GovukForm):
    reason = forms.CharField(label="The reason")
    setting = forms.ChoiceField(label="The setting", choices=[("", "---------"), ("a", "A")])


def test_a_form_gets_gov_uk_messages_instead_of_djangos():
    form = Sample({})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Enter the reason"]
    assert form.errors["setting"] == ["Choose the setting"]
    assert form.fields["setting"].choices[0] == ("", "Choose one")


@pytest.mark.parametrize("state", STATES)
def test_every_step_page_in_every_state_speaks_plainly(client, caseworker, team, state):
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        getattr(factories, state)(by=caseworker, child=child)
        client.force_login(caseworker)
        for slug, _label in steps_available(child):
            url = f"/cases/{child.reference}/{slug}/"
            shown = client.get(url).content.decode()
            assert "---------" not in shown, url
            posted = client.post(url, {})
            body = posted.content.decode()
            assert "This field is required" not in body, url
            assert posted.status_code in (200, 302), url
