"""Mediation, appeals to the First-tier Tribunal (SEND) and tribunal orders (reg 44)."""

import datetime

from accounts.models import User

from .. import timescales
from ..models import Appeal, Child, TribunalOrder
from ..models.codes import AppealOutcome
from ..workflow.case import AppealRecords
from .common import check_date, refuse
from .deadlines import clock_settings
from .runner import changed, record_update, step_run

OUTCOME_REQUIRED = "Choose the outcome of the appeal"


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

    def change(case, child):
        appeal = Appeal(
            child=child,
            request=request,
            decision_appealed=decision_appealed,
            decision_notified_on=decision_notified_on,
        )
        case.appeals.append(AppealRecords(appeal=appeal, orders=[]))
        return changed(
            appeal,
            "appealable_decision_recorded",
            f"Appealable decision recorded: {appeal.get_decision_appealed_display().lower()}",
            decision_notified_on,
        )

    return step_run("appeal", child=child, by=by, change=change)


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


def appeal_update(*, appeal: Appeal, by: User, **dates) -> Appeal:
    """Records mediation and tribunal steps as they happen, each in order."""

    def change(case, appeal):
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
        recorded = ", ".join(f.replace("_on", "").replace("_", " ") for f in dates if dates[f])
        happened = [v for v in dates.values() if isinstance(v, datetime.date)]
        return changed(
            appeal,
            "appeal_updated",
            f"Mediation or appeal updated: {recorded or 'details'}"
            + (f"; outcome {appeal.get_outcome_display().lower()}" if outcome else ""),
            max(happened or [appeal.decision_notified_on]),
        )

    return step_run("appeal-update", by=by, given=appeal, change=change)


def tribunal_order_record(
    *, appeal: Appeal, kind: str, order_on: datetime.date, by: User, details: str = ""
) -> TribunalOrder:
    def change(case, appeal):
        order = TribunalOrder(
            appeal=appeal,
            kind=kind,
            order_on=order_on,
            details=details,
            due_on=timescales.tribunal_order_due(kind, order_on, settings=clock_settings()),
        )
        case.appeal_records(appeal).orders.append(order)
        return changed(
            order,
            "tribunal_order_recorded",
            f"Tribunal order: {order.get_kind_display().lower()}",
        )

    return step_run("tribunal-order", by=by, given=appeal, change=change, on=order_on)


def tribunal_order_comply(
    *, order: TribunalOrder, complied_on: datetime.date, by: User
) -> TribunalOrder:
    return record_update(
        "order-complied",
        order,
        by=by,
        on=complied_on,
        values={"complied_on": complied_on},
        verb="tribunal_order_complied",
        summary=f"Tribunal order complied with: {order.get_kind_display().lower()}",
    )
