"""The inbox: a person marks their own alerts read, one or all at once; nobody else's."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from alerts.models import Alert
from alerts.sweep import sweep_run
from tests.cases import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        factories.request_received(by=caseworker, child=child)
    sweep_run(today=datetime.date(2024, 10, 15))
    alerts = list(Alert.objects.filter(recipient=caseworker, closed_at__isnull=True))
    assert alerts and all(alert.read_at is None for alert in alerts)
    return alerts


def test_marking_one_alert_read_keeps_the_first_reading(client, caseworker, inbox):
    client.force_login(caseworker)
    alert = inbox[0]
    response = client.post(reverse("alerts:read", args=[alert.pk]))
    assert response.status_code == 302
    alert.refresh_from_db()
    first = alert.read_at
    assert first is not None
    client.post(reverse("alerts:read", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.read_at == first
    assert (
        Alert.objects.filter(recipient=caseworker, read_at__isnull=True).count() == len(inbox) - 1
    )


def test_nobody_marks_another_persons_alert(client, other_caseworker, inbox):
    client.force_login(other_caseworker)
    alert = inbox[0]
    assert client.post(reverse("alerts:read", args=[alert.pk])).status_code == 404
    assert client.post(reverse("alerts:read", args=[999_999])).status_code == 404
    alert.refresh_from_db()
    assert alert.read_at is None


def test_mark_all_read_marks_only_ones_own_inbox(client, caseworker, other_caseworker, inbox):
    client.force_login(other_caseworker)
    assert client.post(reverse("alerts:read_all")).status_code == 302
    assert not Alert.objects.filter(read_at__isnull=False).exists()
    client.force_login(caseworker)
    assert client.post(reverse("alerts:read_all")).status_code == 302
    assert not Alert.objects.filter(
        recipient=caseworker, closed_at__isnull=True, read_at__isnull=True
    ).exists()


def test_one_cases_alerts_are_marked_read_from_the_grouped_inbox(client, caseworker, team, inbox):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        second = factories.child(
            by=caseworker, team=team, caseworker=caseworker, upn="B801200005001"
        )
        factories.request_received(by=caseworker, child=second)
    sweep_run(today=datetime.date(2024, 10, 15))
    client.force_login(caseworker)
    grouped = client.get(reverse("alerts:inbox") + "?group=case")
    references = [alert.child.reference for alert in grouped.context["page"]]
    assert references == sorted(references)
    response = client.post(
        reverse("alerts:read_all"), {"reference": second.reference, "group": "case"}
    )
    assert response["Location"].endswith("?group=case")
    unread = Alert.objects.filter(
        recipient=caseworker, closed_at__isnull=True, read_at__isnull=True
    )
    assert not unread.filter(child=second).exists()
    assert unread.filter(child=inbox[0].child).count() == len(inbox)
