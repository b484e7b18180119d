import datetime

import pytest
import time_machine

from cases.models import StatutoryDeadline
from cases.services import appeals
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 9, 30), tick=False):
        yield


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def test_appeal_windows_and_tribunal_order(child, caseworker):
    appeal = appeals.appeal_record(
        child=child,
        decision_appealed="refuse_assess",
        decision_notified_on=datetime.date(2025, 6, 2),
        by=caseworker,
    )
    appeal.refresh_from_db()
    assert appeal.mediation_adviser_due_on == datetime.date(2025, 8, 2)  # reg 33: 2 months
    # HESC r20: 2 months ends on 2 August, in August, so it moves to the next working day after it
    assert appeal.appeal_due_on == datetime.date(2025, 9, 1)
    appeals.appeal_update(
        appeal=appeal,
        mediation_adviser_contacted_on=datetime.date(2025, 6, 20),
        mediation_certificate_on=datetime.date(2025, 6, 23),
        appeal_registered_on=datetime.date(2025, 7, 10),
        by=caseworker,
    )
    appeals.appeal_update(
        appeal=appeal, outcome_on=datetime.date(2025, 9, 1), outcome="upheld", by=caseworker
    )
    order = appeals.tribunal_order_record(
        appeal=appeal, kind="assess", order_on=datetime.date(2025, 9, 1), by=caseworker
    )
    assert order.due_on == datetime.date(2025, 9, 15)  # reg 44: notify within 2 weeks
    assert StatutoryDeadline.objects.filter(
        child=child, key__startswith=f"order{order.pk}:"
    ).exists()
    appeals.tribunal_order_comply(
        order=order, complied_on=datetime.date(2025, 9, 12), by=caseworker
    )
    with pytest.raises(StepRefused, match="already been complied"):
        appeals.tribunal_order_comply(
            order=order, complied_on=datetime.date(2025, 9, 13), by=caseworker
        )


def test_appeal_steps_out_of_order_are_refused(child, caseworker):
    appeal = appeals.appeal_record(
        child=child,
        decision_appealed="refuse_issue",
        decision_notified_on=datetime.date(2025, 6, 2),
        by=caseworker,
    )
    with pytest.raises(StepRefused, match="cannot be before"):
        appeals.appeal_update(
            appeal=appeal,
            mediation_certificate_on=datetime.date(2025, 6, 1),
            mediation_adviser_contacted_on=datetime.date(2025, 6, 3),
            by=caseworker,
        )
    appeal.refresh_from_db()
    assert appeal.mediation_certificate_on is None
