"""The sweep's review alerts fall on the Act's date (CFA s44(1)): a plan made on 13 January 2025
is reviewed by 12 January 2026, so the review is overdue on the anniversary itself."""

import datetime

import pytest
import time_machine

from alerts.models import Alert, Threshold
from alerts.sweep import sweep_run
from cases.services import reviews
from tests.cases import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def review(caseworker, team):
    with time_machine.travel(D(2025, 3, 3), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        plan = factories.plan_issued(by=caseworker, child=child, issued_on=D(2025, 1, 13))
    with time_machine.travel(D(2025, 11, 1), tick=False):
        return reviews.review_schedule(plan=plan, by=caseworker)


def _review_alerts(review):
    return {
        (alert.key.split(":", 1)[1], alert.threshold, alert.due_on)
        for alert in Alert.objects.filter(child=review.plan.child, key__startswith="review")
    }


def test_the_review_notice_reminder_counts_back_from_the_act_date(review):
    # 8 weeks before 12 January 2026 is 17 November 2025 (the anniversary would give the 18th).
    sweep_run(today=D(2025, 11, 16))
    assert not _review_alerts(review)
    sweep_run(today=D(2025, 11, 17))
    assert _review_alerts(review) == {("notice", Threshold.REMINDER, D(2026, 1, 12))}


def test_the_review_is_due_on_the_last_day_and_overdue_on_the_anniversary(review):
    sweep_run(today=D(2026, 1, 12))
    assert ("annual_review", Threshold.DUE_TODAY, D(2026, 1, 12)) in _review_alerts(review)
    sweep_run(today=D(2026, 1, 13))
    assert ("annual_review", Threshold.OVERDUE, D(2026, 1, 12)) in _review_alerts(review)
