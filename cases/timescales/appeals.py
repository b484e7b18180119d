"""Mediation, appeals (HESC r20) and tribunal orders (regs 42 and 44); all deadlines at once."""

import datetime
from dataclasses import dataclass, replace

from .assessment import AssessmentFacts, assessment_deadlines
from .counting import (
    DEFAULT_SETTINGS,
    ClockSettings,
    days_within,
    months_after,
    tribunal_deadline,
    weeks_after,
    working_days_after,
)
from .reviews import ReviewFacts, review_deadlines
from .states import Clock, Deadline, Step


@dataclass(frozen=True)
class AppealFacts:
    id: int
    decision_notified_on: datetime.date
    mediation_adviser_contacted_on: datetime.date | None = None
    mediation_certificate_on: datetime.date | None = None
    appeal_registered_on: datetime.date | None = None
    setting_only: bool = False
    closed: bool = False
    mediation_wanted: bool | None = None
    mediation_held_on: datetime.date | None = None


MEDIATION_ADVISER = Step(
    key="mediation_adviser",
    stage="appeal",
    rule="reg 33",
    title="Family contacts a mediation adviser (if appealing)",
    limit="within 2 months",
    trigger="the decision notice",
    due=lambda on, settings: months_after(on, 2),
)
MEDIATION_CERTIFICATE = Step(
    key="mediation_certificate",
    stage="appeal",
    rule="regs 34-35",
    title="Mediation certificate issued",
    limit="certificate within 3 working days",
    trigger="the mediation adviser contacted",
    due=lambda on, settings: working_days_after(on, 3),
)
MEDIATION_ARRANGED = Step(
    key="mediation_arranged",
    stage="appeal",
    rule="reg 37",
    title="Council arranges mediation",
    limit="mediation within 30 days",
    trigger="being told mediation is wanted",
    due=lambda on, settings: days_within(on, 30, settings=settings),
)
TRIBUNAL_APPEAL = Step(
    key="tribunal_appeal",
    stage="appeal",
    rule="HESC r20",
    title="Family registers an appeal (if appealing)",
    limit="within 2 months (or 1 month from the mediation certificate if later), moved for weekends, bank holidays, August and Christmas",
    trigger="the decision notice",
)


def appeal_deadlines(
    facts: AppealFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    a = facts
    clock = Clock(today, settings)
    contacted = a.mediation_adviser_contacted_on
    out = []
    if not a.setting_only:
        out.append(
            clock.deadline(
                MEDIATION_ADVISER,
                a.decision_notified_on,
                contacted,
                applicable=not (a.closed or a.appeal_registered_on) or bool(contacted),
            )
        )
    if contacted:
        out.append(
            clock.deadline(
                MEDIATION_CERTIFICATE,
                contacted,
                a.mediation_certificate_on,
                applicable=not a.closed or bool(a.mediation_certificate_on),
            )
        )
    if a.mediation_wanted and contacted:
        out.append(
            clock.deadline(
                MEDIATION_ARRANGED,
                contacted,
                a.mediation_held_on,
                applicable=not a.closed or bool(a.mediation_held_on),
            )
        )
    out.append(
        clock.deadline(
            TRIBUNAL_APPEAL,
            a.decision_notified_on,
            a.appeal_registered_on,
            due_on=tribunal_deadline(a.decision_notified_on, a.mediation_certificate_on),
            applicable=not a.closed or bool(a.appeal_registered_on),
        )
    )
    return out


# reg 44 (tribunal orders) and reg 42 (mediation agreements): weeks to comply.
ORDER_LIMITS = {
    "assess": (2, "notify the decision to assess or re-assess within 2 weeks"),
    "make_plan": (11, "issue the final plan within 11 weeks"),
    "amend_plan": (5, "issue the amended plan within 5 weeks"),
    "change_setting": (2, "amend the named setting within 2 weeks"),
    "continue": (0, "continue to maintain the plan immediately"),
    "other_agreed": (2, "carry out the agreed action within 2 weeks"),
}


@dataclass(frozen=True)
class TribunalOrderFacts:
    id: int
    kind: str
    order_on: datetime.date
    complied_on: datetime.date | None = None


def tribunal_order_due(
    kind: str, order_on: datetime.date, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    weeks, _ = ORDER_LIMITS[kind]
    return weeks_after(order_on, weeks, settings=settings) if weeks else order_on


ORDER_DRAFT = Step(
    key="order_draft",
    stage="tribunal_order",
    rule="reg 44",
    title="Issue the draft plan the tribunal ordered",
    limit="draft within 5 weeks",
    trigger="the order",
    due=lambda on, settings: weeks_after(on, 5, settings=settings),
)
ORDER = Step(
    key="order",
    stage="tribunal_order",
    rule="reg 44",
    title="Comply with the tribunal order",
    limit="",  # the order's own limit (ORDER_LIMITS)
    trigger="the order",
)


def tribunal_order_deadlines(
    facts: TribunalOrderFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    o = facts
    clock = Clock(today, settings)
    rule = "reg 42" if o.kind == "other_agreed" else "reg 44"
    out = []
    if o.kind == "make_plan":
        out.append(clock.deadline(replace(ORDER_DRAFT, rule=rule), o.order_on, o.complied_on))
    _weeks, limit = ORDER_LIMITS[o.kind]
    due = tribunal_order_due(o.kind, o.order_on, settings=settings)
    order = replace(ORDER, rule=rule, limit=limit)
    out.append(clock.deadline(order, o.order_on, o.complied_on, due_on=due))
    return out


def case_deadlines(
    *,
    today: datetime.date,
    assessment: AssessmentFacts | None = None,
    reviews: tuple[ReviewFacts, ...] = (),
    appeals: tuple[AppealFacts, ...] = (),
    tribunal_orders: tuple[TribunalOrderFacts, ...] = (),
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> list[Deadline]:
    """Every deadline of a case, soonest first."""
    out = (
        list(assessment_deadlines(assessment, today=today, settings=settings)) if assessment else []
    )
    for review in reviews:
        out += review_deadlines(review, today=today, settings=settings)
    for appeal in appeals:
        out += appeal_deadlines(appeal, today=today, settings=settings)
    for order in tribunal_orders:
        out += tribunal_order_deadlines(order, today=today, settings=settings)
    return sorted(out, key=lambda d: d.due_on)
