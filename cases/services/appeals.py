"""Mediation, appeals to the First-tier Tribunal (SEND) and tribunal orders (reg 44)."""

import datetime

from django.db import transaction

from accounts.models import User

from .. import timescales
from ..models import Appeal, Child, TribunalOrder
from ..models.codes import AppealOutcome
from .common import STEP_NOT_ALLOWED, check_date, refuse, timeline_record
from .deadlines import clock_settings, deadlines_refresh

APPEAL_CLOSED = "the appeal already has an outcome"
ORDER_COMPLIED = "the order has already been complied with"
OUTCOME_REQUIRED = "Choose the outcome of the appeal"


@transaction.atomic
def appeal_record(
    *,
    child: Child,
    decision_appealed: str,
    decision_notified_on: datetime.date,
    by: User,
    request=None,
) -> Appeal:
    check_date(
        decision_notified_on,
        label="The date the decision was notified",
        field="decision_notified_on",
    )
    appeal = Appeal(
        child=child,
        request=request,
        decision_appealed=decision_appealed,
        decision_notified_on=decision_notified_on,
        created_by=by,
        modified_by=by,
    )
    appeal.full_clean()
    appeal.save()
    timeline_record(
        child=child,
        verb="appealable_decision_recorded",
        summary=f"Appealable decision recorded: {appeal.get_decision_appealed_display().lower()}",
        happened_on=decision_notified_on,
        by=by,
        target=appeal,
    )
    deadlines_refresh(child=child)
    return appeal


APPEAL_STEPS = (
    # field, label, the field it cannot precede, that field's label
    (
        "mediation_adviser_contacted_on",
        "The date the mediation adviser was contacted",
        "decision_notified_on",
        "the decision notice",
    ),
    (
        "mediation_certificate_on",
        "The certificate date",
        "mediation_adviser_contacted_on",
        "the date the mediation adviser was contacted",
    ),
    (
        "mediation_held_on",
        "The mediation date",
        "mediation_adviser_contacted_on",
        "the date the mediation adviser was contacted",
    ),
    (
        "appeal_registered_on",
        "The date the appeal was registered",
        "decision_notified_on",
        "the decision notice",
    ),
    ("outcome_on", "The outcome date", "decision_notified_on", "the decision notice"),
)


@transaction.atomic
def appeal_update(*, appeal: Appeal, by: User, **dates) -> Appeal:
    """Records mediation and tribunal steps as they happen, each in order."""
    appeal = Appeal.objects.select_for_update().select_related("child").get(pk=appeal.pk)
    if appeal.outcome:
        refuse(STEP_NOT_ALLOWED.format(reason=APPEAL_CLOSED))
    outcome = dates.pop("outcome", "")
    mediation_wanted = dates.pop("mediation_wanted", None)
    for field, label, after, after_label in APPEAL_STEPS:
        value = dates.get(field)
        if value:
            earlier = dates.get(after) or getattr(appeal, after)
            check_date(value, label=label, field=field, after=(earlier, after_label))
            setattr(appeal, field, value)
    if outcome:
        if outcome not in AppealOutcome.values:
            refuse(OUTCOME_REQUIRED, "outcome")
        if not appeal.outcome_on:
            refuse("Enter the outcome date", "outcome_on")
        appeal.outcome = outcome
    if mediation_wanted is not None:
        appeal.mediation_wanted = mediation_wanted
    appeal.modified_by = by
    appeal.save()
    recorded = ", ".join(f.replace("_on", "").replace("_", " ") for f in dates if dates[f])
    timeline_record(
        child=appeal.child,
        verb="appeal_updated",
        summary=f"Mediation or appeal updated: {recorded or 'details'}"
        + (f"; outcome {appeal.get_outcome_display().lower()}" if outcome else ""),
        happened_on=max(
            [v for v in dates.values() if isinstance(v, datetime.date)]
            or [appeal.decision_notified_on]
        ),
        by=by,
        target=appeal,
    )
    deadlines_refresh(child=appeal.child)
    return appeal


@transaction.atomic
def tribunal_order_record(
    *, appeal: Appeal, kind: str, order_on: datetime.date, by: User, details: str = ""
) -> TribunalOrder:
    check_date(
        order_on,
        label="The order date",
        field="order_on",
        after=(appeal.decision_notified_on, "the decision notice"),
    )
    order = TribunalOrder(
        appeal=appeal,
        kind=kind,
        order_on=order_on,
        details=details,
        due_on=timescales.tribunal_order_due(kind, order_on, settings=clock_settings()),
        created_by=by,
        modified_by=by,
    )
    order.full_clean()
    order.save()
    timeline_record(
        child=appeal.child,
        verb="tribunal_order_recorded",
        summary=f"Tribunal order: {order.get_kind_display().lower()}",
        happened_on=order_on,
        by=by,
        target=order,
    )
    deadlines_refresh(child=appeal.child)
    return order


@transaction.atomic
def tribunal_order_comply(
    *, order: TribunalOrder, complied_on: datetime.date, by: User
) -> TribunalOrder:
    order = (
        TribunalOrder.objects.select_for_update().select_related("appeal__child").get(pk=order.pk)
    )
    if order.complied_on:
        refuse(STEP_NOT_ALLOWED.format(reason=ORDER_COMPLIED))
    check_date(
        complied_on,
        label="The compliance date",
        field="complied_on",
        after=(order.order_on, "the order date"),
    )
    order.complied_on = complied_on
    order.modified_by = by
    order.save()
    timeline_record(
        child=order.appeal.child,
        verb="tribunal_order_complied",
        summary=f"Tribunal order complied with: {order.get_kind_display().lower()}",
        happened_on=complied_on,
        by=by,
        target=order,
    )
    deadlines_refresh(child=order.appeal.child)
    return order
