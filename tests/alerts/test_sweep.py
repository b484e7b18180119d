"""The nightly sweep: thresholds on fixed dates, one alert per step and threshold however often it
runs, alerts closing themselves, a killed sweep re-run, and emails without personal data."""

import datetime

import pytest
import time_machine
from django.core import mail

from alerts.digests import caseworker_digests_send, manager_summaries_send
from alerts.models import Alert, Threshold
from alerts.sweep import SweepInterrupted, sweep_run
from cases.models import DeadlineState, StatutoryDeadline
from cases.services import requests, reviews
from tests.cases import factories

pytestmark = pytest.mark.django_db
RECEIVED = datetime.date(2024, 9, 2)  # decision due 14 October, final plan 20 January


@pytest.fixture
def case(caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        request = factories.request_received(by=caseworker, child=child)
    return child, request


def alerts(child):
    return set(
        Alert.objects.filter(child=child, closed_at__isnull=True).values_list("key", "threshold")
    )


@pytest.mark.parametrize(
    "today, threshold",
    [
        (datetime.date(2024, 9, 30), Threshold.DUE_2_WEEKS),
        (datetime.date(2024, 10, 7), Threshold.DUE_1_WEEK),
        (datetime.date(2024, 10, 14), Threshold.DUE_TODAY),
        (datetime.date(2024, 10, 15), Threshold.OVERDUE),
    ],
)
def test_thresholds(case, today, threshold):
    child, request = case
    sweep_run(today=today)
    assert (f"request{request.pk}:decision_to_assess", threshold) in alerts(child)
    deadline = StatutoryDeadline.objects.get(
        child=child, key=f"request{request.pk}:decision_to_assess"
    )
    expected_state = (
        DeadlineState.OVERDUE if threshold == Threshold.OVERDUE else DeadlineState.DUE_SOON
    )
    assert deadline.state == expected_state


def test_nothing_is_raised_three_weeks_ahead(case):
    child, _ = case
    sweep_run(today=datetime.date(2024, 9, 20))
    assert alerts(child) == set()


def test_two_runs_make_the_same_rows(case):
    child, _ = case
    sweep_run(today=datetime.date(2024, 10, 15))
    first = list(Alert.objects.values_list("pk", "key", "threshold", "due_on", "closed_at"))
    sweep_run(today=datetime.date(2024, 10, 15))
    assert list(Alert.objects.values_list("pk", "key", "threshold", "due_on", "closed_at")) == first
    assert Alert.objects.filter(threshold=Threshold.OVERDUE).count() == 1


def test_a_sweep_killed_halfway_and_run_again_equals_one_clean_run(case, caseworker, team):
    today = datetime.date(2024, 10, 15)
    with pytest.raises(SweepInterrupted):
        sweep_run(today=today, stop_after="deadline_alerts")
    sweep_run(today=today)
    crashed = sorted(
        Alert.objects.values_list("child_id", "key", "threshold", "due_on", "closed_at")
    )
    Alert.objects.all().delete()
    sweep_run(today=today)
    clean = sorted(Alert.objects.values_list("child_id", "key", "threshold", "due_on", "closed_at"))
    assert crashed == clean and clean


def test_alerts_close_themselves_when_the_step_is_done(case, caseworker):
    child, request = case
    with time_machine.travel(datetime.date(2024, 10, 15), tick=False):
        sweep_run(today=datetime.date(2024, 10, 15))
    with time_machine.travel(datetime.date(2024, 10, 16), tick=False):
        requests.request_decide(
            request=request,
            decided_to_assess=True,
            decided_on=datetime.date(2024, 10, 16),
            by=caseworker,
        )
        # The sweep after the step looks at the steps changed since the last one finished.
        sweep_run(today=datetime.date(2024, 10, 16))
    assert (f"request{request.pk}:decision_to_assess", Threshold.OVERDUE) not in alerts(child)
    closed = Alert.objects.get(
        key=f"request{request.pk}:decision_to_assess", threshold=Threshold.OVERDUE
    )
    assert closed.closed_at is not None


def test_a_nearer_threshold_takes_over(case):
    child, request = case
    sweep_run(today=datetime.date(2024, 9, 30))
    sweep_run(today=datetime.date(2024, 10, 7))
    open_thresholds = {t for k, t in alerts(child) if k.endswith("decision_to_assess")}
    assert open_thresholds == {Threshold.DUE_1_WEEK}


def test_advice_overdue_asks_to_chase_the_adviser(case, caseworker):
    child, request = case
    with time_machine.travel(datetime.date(2024, 10, 10), tick=False):
        requests.request_decide(
            request=request,
            decided_to_assess=True,
            decided_on=datetime.date(2024, 10, 1),
            by=caseworker,
        )
        advice = requests.advice_request_create(
            request=request,
            adviser_type="health",
            adviser="Community paediatrics",
            sent_on=datetime.date(2024, 10, 2),
            received_by_adviser_on=datetime.date(2024, 10, 3),
            by=caseworker,
        )
    sweep_run(today=datetime.date(2024, 11, 20))
    alert = Alert.objects.get(
        key=f"request{request.pk}:advice:{advice.pk}", threshold=Threshold.OVERDUE
    )
    assert alert.kind == "advice"


def test_annual_review_coming_due_raises_a_notice_reminder(caseworker, team):
    from cases.services import reviews

    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        plan = factories.plan_issued(
            by=caseworker, child=child, issued_on=datetime.date(2025, 1, 13)
        )
    with time_machine.travel(datetime.date(2025, 11, 1), tick=False):
        review = reviews.review_schedule(plan=plan, by=caseworker)
    sweep_run(today=datetime.date(2025, 11, 1))  # due 12 January 2026: 8 weeks ahead is 17 November
    assert not Alert.objects.filter(key=f"review{review.pk}:notice").exists()
    sweep_run(today=datetime.date(2025, 11, 20))
    assert Alert.objects.filter(key=f"review{review.pk}:notice", closed_at__isnull=True).exists()
    with time_machine.travel(datetime.date(2025, 12, 10), tick=False):
        reviews.review_meeting_record(
            review=review, meeting_on=datetime.date(2025, 12, 10), by=caseworker
        )
    sweep_run(today=datetime.date(2025, 12, 11))
    assert not Alert.objects.filter(
        key=f"review{review.pk}:notice", closed_at__isnull=True
    ).exists()


def test_year_6_child_without_a_phase_transfer_review_is_flagged_from_september(caseworker, team):
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            date_of_birth=datetime.date(2015, 1, 10),
        )
        factories.plan_issued(by=caseworker, child=child, issued_on=datetime.date(2025, 1, 13))
    sweep_run(today=datetime.date(2025, 8, 20))
    assert not Alert.objects.filter(kind="phase_transfer").exists()
    sweep_run(today=datetime.date(2025, 9, 3))
    alert = Alert.objects.get(kind="phase_transfer")
    assert alert.due_on == datetime.date(2026, 2, 14)


def test_under_five_plan_gets_a_review_reminder(caseworker, team):
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            date_of_birth=datetime.date(2022, 2, 1),
            upn="",
            upn_unknown_reason="UN1",
        )
        factories.plan_issued(by=caseworker, child=child, issued_on=datetime.date(2025, 1, 13))
    sweep_run(today=datetime.date(2025, 6, 1))
    assert not Alert.objects.filter(kind="under_five").exists()
    sweep_run(today=datetime.date(2025, 7, 14))
    assert Alert.objects.get(kind="under_five").due_on == datetime.date(2025, 7, 13)
    sweep_run(today=datetime.date(2025, 7, 15))  # not raised twice in one cycle
    assert Alert.objects.filter(kind="under_five").count() == 1
    plan = child.plans.get()
    with time_machine.travel(datetime.date(2025, 8, 4), tick=False):
        review = reviews.review_schedule(plan=plan, by=caseworker)
        reviews.review_meeting_record(
            review=review, meeting_on=datetime.date(2025, 7, 28), by=caseworker
        )
        reviews.review_decide(
            review=review, decision="M", notified_on=datetime.date(2025, 8, 1), by=caseworker
        )
        sweep_run(today=datetime.date(2025, 8, 4))
    assert Alert.objects.get(kind="under_five").closed_at is not None
    with time_machine.travel(datetime.date(2026, 2, 2), tick=False):
        sweep_run(today=datetime.date(2026, 2, 2))  # the next cycle: 6 months from the review
    assert sorted(Alert.objects.filter(kind="under_five").values_list("due_on", flat=True)) == [
        datetime.date(2025, 7, 13),
        datetime.date(2026, 2, 1),
    ]


def test_digest_emails_carry_references_and_never_personal_data(case, caseworker, manager):
    child, request = case
    caseworker.email = "casey@example.gov.uk"
    caseworker.save()
    manager.email = "mandy@example.gov.uk"
    manager.save()
    sweep_run(today=datetime.date(2024, 10, 15))
    assert caseworker_digests_send(today=datetime.date(2024, 10, 15)) == 1
    assert manager_summaries_send(today=datetime.date(2024, 10, 15)) == 1
    assert caseworker_digests_send(today=datetime.date(2024, 10, 15)) == 0  # once a day
    digest, summary = mail.outbox
    assert child.reference in digest.body and "Decide whether to assess" in digest.body
    for message in (digest, summary):
        text = message.subject + message.body
        for personal in (
            child.forename,
            child.surname,
            child.upn,
            child.date_of_birth.isoformat(),
            "4 May 2016",
        ):
            assert personal not in text
    assert "1 overdue" in summary.body


def test_the_inbox_lists_my_open_alerts_and_counts_unread(client, case, caseworker):
    child, request = case
    sweep_run(today=datetime.date(2024, 10, 15))
    client.force_login(caseworker)
    response = client.get("/inbox/")
    assert response.status_code == 200
    assert child.reference in response.content.decode()
    assert response.context["inbox_unread"] == Alert.objects.filter(recipient=caseworker).count()
    alert = Alert.objects.filter(recipient=caseworker).first()
    client.post(f"/inbox/{alert.pk}/read/")
    alert.refresh_from_db()
    assert alert.read_at is not None


def test_someone_elses_alert_cannot_be_marked(client, case, other_caseworker):
    sweep_run(today=datetime.date(2024, 10, 15))
    alert = Alert.objects.first()
    client.force_login(other_caseworker)
    assert client.post(f"/inbox/{alert.pk}/read/").status_code == 404


def test_a_task_that_fails_for_good_is_logged_with_ids_only(caplog):
    import logging

    from alerts.signals import log_task_failure
    from alerts.tasks import case_deadlines_refresh

    with caplog.at_level(logging.ERROR, logger="alerts.tasks"):
        log_task_failure(
            sender=case_deadlines_refresh,
            task_id="t-1",
            exception=RuntimeError("Ava Brown 4 May 2016"),
            kwargs={"child_id": 7, "note": "Ava Brown"},
        )
    assert "alerts.case_deadlines_refresh" in caplog.text and "child_id" in caplog.text
    assert "Ava Brown" not in caplog.text and "4 May 2016" not in caplog.text


def test_nights_missed_are_caught_up_and_a_state_move_is_not_a_change_to_the_step(case):
    """The sweep looks only at steps that can have moved on since the last finished sweep: a
    step falling due while the job was not running still moves on when it next runs."""
    child, request = case
    key = f"request{request.pk}:decision_to_assess"
    with time_machine.travel(datetime.date(2024, 9, 20), tick=False):
        sweep_run(today=datetime.date(2024, 9, 20))
    deadline = StatutoryDeadline.objects.get(child=child, key=key)
    assert deadline.state == DeadlineState.DUE
    changed_at = deadline.updated_at
    with time_machine.travel(datetime.date(2024, 10, 20), tick=False):  # a month without a run
        sweep_run(today=datetime.date(2024, 10, 20))
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.OVERDUE
    assert deadline.updated_at == changed_at
    assert (key, Threshold.OVERDUE) in alerts(child)


def test_a_tribunal_order_not_yet_complied_with_is_raised_and_closes_when_it_is(caseworker, team):
    from alerts.models import AlertKind
    from cases.services import appeals

    with time_machine.travel(datetime.date(2025, 9, 1), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        appeal = appeals.appeal_record(
            child=child,
            decision_appealed="refuse_assess",
            decision_notified_on=datetime.date(2025, 6, 2),
            by=caseworker,
        )
        order = appeals.tribunal_order_record(
            appeal=appeal, kind="assess", order_on=datetime.date(2025, 9, 1), by=caseworker
        )  # reg 44: the council must act within 2 weeks, by 15 September
    with time_machine.travel(datetime.date(2025, 9, 16), tick=False):
        sweep_run(today=datetime.date(2025, 9, 16))
    raised = Alert.objects.get(child=child, kind=AlertKind.TRIBUNAL_ORDER, closed_at__isnull=True)
    assert raised.threshold == Threshold.OVERDUE and raised.key.startswith(f"order{order.pk}:")
    with time_machine.travel(datetime.date(2025, 9, 17), tick=False):
        appeals.tribunal_order_comply(
            order=order, complied_on=datetime.date(2025, 9, 17), by=caseworker
        )
        sweep_run(today=datetime.date(2025, 9, 17))
    raised.refresh_from_db()
    assert raised.closed_at is not None


def test_when_a_plan_ceases_its_review_alerts_close_and_are_kept(caseworker, team):
    """Ceasing removes the plan's review deadlines: their alerts close (kept, not deleted),
    and the reminders to arrange the review meeting close with them."""
    from cases.services import plans

    with time_machine.travel(datetime.date(2025, 1, 13), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        plan = factories.plan_issued(
            by=caseworker, child=child, issued_on=datetime.date(2025, 1, 13)
        )
    with time_machine.travel(datetime.date(2025, 12, 1), tick=False):
        reviews.review_schedule(plan=plan, by=caseworker)  # due by 12 January 2026 (CFA s44(1))
    with time_machine.travel(datetime.date(2026, 1, 14), tick=False):
        sweep_run(today=datetime.date(2026, 1, 14))
    raised = set(Alert.objects.filter(child=child).values_list("kind", "threshold"))
    assert ("deadline", Threshold.OVERDUE) in raised and (
        "review_notice",
        Threshold.REMINDER,
    ) in raised
    with time_machine.travel(datetime.date(2026, 1, 20), tick=False):
        plans.plan_cease(plan=plan, ceased_on=datetime.date(2026, 1, 20), reason="5", by=caseworker)
        sweep_run(today=datetime.date(2026, 1, 20))
    alerts_now = Alert.objects.filter(child=child)
    assert alerts_now.count() == len(raised)  # none deleted
    assert not alerts_now.filter(closed_at__isnull=True).exists()
