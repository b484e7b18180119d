"""The EHC workflow, declared once: every step a case can take, the record it acts on, the states
that record must be in, any further condition, and the reason a caseworker reads when the step is
not allowed now.

This table is the one place that says which step may happen now. The case page, the partner API
and the services all read it: `steps_available` lists the steps a case may take (no queries beyond
loading the case once); the services' runner (`cases.services.runner.step_run`) refuses a step
the table does not allow before changing anything. Guards read the loaded case only.
"""

from ..models import AppealStatus, PlanStatus, ReviewStatus, SettingResponse
from ..timescales import long_date
from .case import Case
from .targets import (
    ADVICE_ALREADY_RETURNED,
    ALREADY_DECIDED,
    APPEAL_CLOSED,
    ASSESSING,
    AWAITING_DECISION,
    DRAFT_ISSUED,
    IN_FORCE,
    MEETING_ALREADY,
    NO_APPEAL,
    NO_LINKS,
    NO_MEETING,
    NO_PLAN,
    NO_RESPONSE_AWAITED,
    NOT_AMENDING,
    NOT_ASSESSING,
    NOT_AWAITING_DECISION,
    NOT_CEASED,
    NOT_DRAFT,
    OPEN,
    OPEN_REQUEST_EXISTS,
    OPEN_REVIEW_EXISTS,
    ORDER_COMPLIED,
    PLAN_NOT_IN_FORCE,
    REPORT_ALREADY,
    REQUEST_CLOSED,
    _amending_review,
    _awaiting_consultation,
    _child,
    _no_open_request,
    _no_open_review,
    _open_request,
    _open_review,
    _order_to_comply,
    _plan_in_force,
    _plan_is_in_force,
    _plan_shown,
    _report_not_sent,
    _review_refusal,
    _unreturned_advice,
)
from .transition import STEP_NOT_ALLOWED, DateRule, Transition

# Where a step on the case's open request starts: the request, the reason it may not otherwise,
# and the request's states it starts from.
AWAITING = (_open_request, NOT_AWAITING_DECISION, AWAITING_DECISION)
BEING_ASSESSED = (_open_request, NOT_ASSESSING, ASSESSING)
WITH_DRAFT = (_open_request, NOT_DRAFT, DRAFT_ISSUED)
STILL_OPEN = (_open_request, REQUEST_CLOSED, OPEN)

# The dates a step's date cannot precede: the field of the record the step acts on, and the
# words a caseworker reads.
RECEIVED = ("received_on", "the date the request was received")
DECIDED = ("decision_on", "the decision to assess")
DRAFT_SERVED = ("draft_served_on", "the date the draft was served")
NOTIFIED = ("decision_notified_on", "the decision notice")
MEETING = ("meeting_on", "the meeting")

_REQUEST = [
    Transition(
        "request",
        "Record a request for an assessment",
        _child,
        lambda case, child: OPEN_REQUEST_EXISTS.format(on=long_date(case.open_request.received_on)),
        guard=_no_open_request,
    ),
    Transition(
        "decide",
        "Record the decision whether to assess",
        *AWAITING,
        completes=("decision_to_assess", "reassessment_decision"),
        date=DateRule("decided_on", "The decision date", *RECEIVED),
    ),
    Transition(
        "advice-request",
        "Request advice",
        *BEING_ASSESSED,
        date=DateRule("sent_on", "The date the request for advice was sent", *DECIDED),
    ),
    Transition(
        "advice-returned",
        "Record advice returned",
        _unreturned_advice,
        ADVICE_ALREADY_RETURNED,
        guard=lambda case, advice: advice.returned_on is None,
        completes=("advice",),
    ),
    Transition(
        "not-to-issue",
        "Record a decision not to issue a plan",
        *BEING_ASSESSED,
        completes=("not_to_issue",),
        date=DateRule("notified_on", "The date the decision was notified", *DECIDED),
    ),
    Transition(
        "draft",
        "Issue the draft plan",
        *BEING_ASSESSED,
        completes=("draft_planning_target", "not_to_issue"),
        date=DateRule("served_on", "The date the draft was served", *DECIDED),
    ),
    Transition(
        "final",
        "Issue the final plan",
        *WITH_DRAFT,
        completes=("final_plan", "reassessment_plan", "draft_comments"),
        date=DateRule("issued_on", "The issue date", *DRAFT_SERVED),
    ),
    Transition(
        "exception",
        "Record an exception",
        *STILL_OPEN,
        date=DateRule("starts_on", "The start date", *RECEIVED),
    ),
    Transition(
        "withdraw",
        "Record that the request was withdrawn",
        *STILL_OPEN,
        date=DateRule("withdrawn_on", "The withdrawal date", *RECEIVED),
    ),
    Transition(
        "consult-setting",
        "Consult a setting on the draft",
        *WITH_DRAFT,
        date=DateRule("consulted_on", "The consultation date", *DRAFT_SERVED),
    ),
    Transition(
        "setting-response",
        "Record a setting's response",
        _awaiting_consultation,
        NO_RESPONSE_AWAITED,
        guard=lambda case, consultation: consultation.response == SettingResponse.AWAITING,
        statutory=False,
        date=DateRule("responded_on", "The response date", "consulted_on", "the consultation date"),
    ),
    Transition(
        "representations",
        "Record the family's representations",
        *WITH_DRAFT,
        statutory=False,
        date=DateRule("received_on", "The date the representations were received", *DRAFT_SERVED),
    ),
]

_REVIEW = [
    Transition(
        "review-schedule",
        "Schedule the annual review",
        _plan_in_force,
        lambda case, plan: STEP_NOT_ALLOWED.format(
            reason=OPEN_REVIEW_EXISTS
            if plan is not None and plan.status == PlanStatus.IN_FORCE
            else PLAN_NOT_IN_FORCE
        ),
        IN_FORCE,
        guard=_no_open_review,
        completes=("annual_review", "phase_transfer"),
    ),
    Transition(
        "review-meeting",
        "Record the review meeting",
        _open_review,
        _review_refusal(MEETING_ALREADY),
        (ReviewStatus.SCHEDULED.value,),
        guard=_plan_is_in_force,
        completes=("annual_review", "phase_transfer"),
        date=DateRule(
            "meeting_on", "The meeting date", "plan.first_issued_on", "the date the plan was issued"
        ),
    ),
    Transition(
        "review-decision",
        "Record the review decision",
        _open_review,
        _review_refusal(NO_MEETING, decided=ALREADY_DECIDED),
        (ReviewStatus.MEETING_HELD.value,),
        guard=_plan_is_in_force,
        completes=("review_decision",),
        date=DateRule("notified_on", "The date the decision was notified", *MEETING),
    ),
    Transition(
        "review-report",
        "Record the review report sent",
        _open_review,
        _review_refusal(REPORT_ALREADY, unmet=NO_MEETING),
        (
            ReviewStatus.MEETING_HELD.value,
            ReviewStatus.AMENDING.value,
            ReviewStatus.COMPLETED.value,
        ),
        guard=_report_not_sent,
        completes=("review_report",),
        date=DateRule("sent_on", "The date the report was sent", *MEETING),
    ),
    Transition(
        "amended-plan",
        "Issue the amended plan",
        _amending_review,
        _review_refusal(NOT_AMENDING),
        (ReviewStatus.AMENDING.value,),
        guard=_plan_is_in_force,
        completes=("amended_plan",),
    ),
]

_APPEAL = [
    Transition("appeal", "Record an appealable decision", _child, ""),
    Transition(
        "appeal-update",
        "Record mediation or appeal progress",
        lambda case: case.open_appeal,
        APPEAL_CLOSED,
        tuple(s.value for s in AppealStatus if s != AppealStatus.CLOSED),
        completes=(
            "mediation_adviser",
            "mediation_arranged",
            "mediation_certificate",
            "tribunal_appeal",
        ),
    ),
    Transition(
        "tribunal-order",
        "Record a tribunal order",
        lambda case: case.latest_appeal,
        NO_APPEAL,
        date=DateRule("order_on", "The order date", *NOTIFIED),
    ),
    Transition(
        "order-complied",
        "Record an order complied with",
        _order_to_comply,
        ORDER_COMPLIED,
        guard=lambda case, order: order.complied_on is None,
        completes=("order", "order_draft"),
        date=DateRule("complied_on", "The compliance date", "order_on", "the order date"),
    ),
]

_RECORD = [
    Transition("placement", "Record a placement", _child, "", statutory=False),
    Transition("contact", "Add a parent or carer", _child, "", statutory=False),
    Transition(
        "cease",
        "Cease the plan",
        _plan_in_force,
        PLAN_NOT_IN_FORCE,
        IN_FORCE,
        date=DateRule(
            "ceased_on",
            "The date the plan ceased",
            "first_issued_on",
            "the date the plan was issued",
        ),
    ),
    Transition(
        "provision-link",
        "Link a Local Offer service to provision in the plan",
        _plan_shown,
        NO_PLAN,
        NOT_CEASED,
        statutory=False,
    ),
    Transition(
        "provision-unlink",
        "Remove a Local Offer service from the plan",
        _plan_shown,
        NO_LINKS,
        NOT_CEASED,
        guard=lambda case, plan: case.plan_has_links,
        statutory=False,
    ),
    Transition("details", "Change personal details", _child, "", statutory=False),
    Transition("needs", "Record special educational needs", _child, "", statutory=False),
    Transition("note", "Add a case note", _child, "", statutory=False),
]

TRANSITIONS: dict[str, Transition] = {t.slug: t for t in _REQUEST + _REVIEW + _APPEAL + _RECORD}


def steps_available(case: Case) -> list[Transition]:
    """The steps the case may take now, in the order a caseworker meets them."""
    return [t for t in TRANSITIONS.values() if t.allows(case, t.target(case))]


def next_action(available: list[Transition], open_deadlines) -> Transition | None:
    """The step to take next: the available step that meets the soonest open deadline (stored
    keys such as "request12:decision_to_assess" or "request12:advice:34"), else the first
    available step of the statutory process, else None."""
    for deadline in sorted(open_deadlines, key=lambda d: (d.due_on, d.key)):
        kind = deadline.key.split(":", 1)[-1].split(":", 1)[0]
        step = next((t for t in available if kind in t.completes), None)
        if step is not None:
            return step
    return next((t for t in available if t.statutory and t.completes), None)
