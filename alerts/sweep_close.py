"""Alerts close themselves: the step done or no longer applying, its due date changed, a
nearer threshold taken over, a review arranged, a plan ceased. A handful of set-based UPDATEs."""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from cases.models import AnnualReview, EHCPlan, PlanStatus
from cases.models.codes import ReviewKind

from .models import Alert, AlertKind, SweepRun, Threshold
from .sweep_escalate import ESCALATION_KINDS, escalations_close
from .sweep_insert import windows


def last_finished() -> SweepRun | None:
    return SweepRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def alerts_close(*, today: datetime.date) -> int:
    """Alerts close themselves when the step is done or no longer applies, when its due date
    changed, or when a nearer threshold has taken over (2 weeks, then 1 week, then today)."""
    now = timezone.now()
    # While an alert's due date is its step's, the threshold windows can be tested on the
    # alert's own due date, without a join.
    moved_on = Q()
    for threshold, window in windows(today).items():
        if threshold != Threshold.OVERDUE:
            moved_on |= Q(threshold=threshold) & ~window
    on_deadline = Alert.objects.filter(closed_at__isnull=True, deadline__isnull=False)
    closed = on_deadline.filter(moved_on).update(closed_at=now)
    # A step is done, or its due date moves, only through deadlines_refresh, which stamps the
    # row's updated_at (the nightly state moves do not): look only at steps changed since the
    # last sweep that finished (all of them if none has), with an hour's margin for
    # transactions open when it started.
    changed = on_deadline.filter(Q(deadline__is_open=False) | ~Q(deadline__due_on=F("due_on")))
    last = last_finished()
    if last is not None:
        changed = changed.filter(
            deadline__updated_at__gte=last.started_at - datetime.timedelta(hours=1)
        )
    closed += changed.update(closed_at=now)
    on_review = Alert.objects.filter(closed_at__isnull=True, review__isnull=False)
    closed += on_review.filter(
        Q(review__meeting_on__isnull=False)
        | Q(review__completed=True)
        | ~Q(review__plan__status=PlanStatus.IN_FORCE)  # the plan ceased: no review to arrange
    ).update(closed_at=now)
    on_plan = Alert.objects.filter(
        closed_at__isnull=True, deadline__isnull=True, review__isnull=True
    )
    # Reminders about a plan close when the child no longer has a plan in force; an alert whose
    # step no longer exists (closed as its deadline was removed) has nothing left to wait for.
    plan_in_force = EHCPlan.objects.filter(child=OuterRef("child"), status=PlanStatus.IN_FORCE)
    closed += on_plan.filter(
        ~Q(kind__in=(AlertKind.PHASE_TRANSFER, AlertKind.UNDER_FIVE, *ESCALATION_KINDS))
        | Q(kind__in=(AlertKind.PHASE_TRANSFER, AlertKind.UNDER_FIVE)) & ~Exists(plan_in_force)
    ).update(closed_at=now)
    transfer_scheduled = AnnualReview.objects.filter(
        plan__child=OuterRef("child"),
        kind=ReviewKind.PHASE_TRANSFER,
        phase_transfer_due_on=OuterRef("due_on"),
    )
    closed += (
        on_plan.filter(kind=AlertKind.PHASE_TRANSFER)
        .filter(Exists(transfer_scheduled))
        .update(closed_at=now)
    )
    reviewed_since = AnnualReview.objects.filter(
        plan__child=OuterRef("child"), decision_notified_on__gte=OuterRef("created_on")
    )
    closed += (
        on_plan.filter(kind=AlertKind.UNDER_FIVE)
        .filter(Exists(reviewed_since))
        .update(closed_at=now)
    )
    # Escalations to managers close on their own conditions (sweep_escalate).
    closed += escalations_close(today=today)
    return closed
