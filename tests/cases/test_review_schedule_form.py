"""Scheduling a review through the form: a completion date after the last day of the CFA s44(1)
period is refused with the reason, keeps what was typed and writes nothing; leaving it empty
takes the Act's date."""

import datetime

import pytest
import time_machine

from cases.models import AnnualReview

from . import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan(caseworker, team):
    with time_machine.travel(D(2025, 3, 3), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        return factories.plan_issued(by=caseworker, child=child, issued_on=D(2025, 1, 13))


def _dates(day):
    return {"due_on_day": day.day, "due_on_month": day.month, "due_on_year": day.year}


@time_machine.travel(D(2025, 11, 3), tick=False)
def test_a_date_after_the_period_is_refused_with_the_reason(client, caseworker, plan):
    client.force_login(caseworker)
    url = f"/cases/{plan.child.reference}/review-schedule/"
    form = client.get(url).content.decode()
    assert "12 months starting with the date the plan was made" in form
    response = client.post(url, _dates(D(2026, 1, 13)))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "The review must be completed by 12 January 2026, the last day of the 12 months starting "
        "with the plan made on 13 January 2025 (CFA s44(1))"
    ) in page
    assert 'value="13"' in page  # what was typed is kept
    assert not AnnualReview.objects.exists()
    response = client.post(url, {"due_on_day": "", "due_on_month": "", "due_on_year": ""})
    assert response.status_code == 302
    assert AnnualReview.objects.get().due_on == D(2026, 1, 12)
