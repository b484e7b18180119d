"""The EHC workflow, declared once: every step a case can take, the record it acts on, the states
that record must be in, any further condition, and the reason a caseworker reads when the step is
not allowed now.

This table is the one place that says which step may happen now. The case page, the partner API
and the services all read it: `steps_available` lists the steps a case may take (no queries beyond
loading the case once); the services' runner (`cases.services.runner.step_run`) refuses a step
the table does not allow before changing anything. Guards read the loaded case only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models import (
    OPEN_REQUEST_STATUSES,
    AppealStatus,
    PlanStatus,
    RequestStatus,
    ReviewStatus,
    SettingResponse,
)
from ..timescales import long_date
from .case import Case

STEP_NOT_ALLOWED = "This step is not allowed now: {reason}"


@dataclass(frozen=True)
class Transition:
    slug: str
    label: str
    # The record the step acts on, found in the loaded case (None: the case has none).
    target: Callable[[Case], Any]
    # Why the step is not allowed now, in a caseworker's words (after "This step is not allowed
    # now: "), or a function of the case giving the whole message.
    refusal: str | Callable[[Case, Any], str]
    # The states (the target's `status`) the step may start from; empty: any.
    sources: tuple[str, ...] = ()
    # Any further condition on the target and the case.
    guard: Callable[[Case, Any], bool] | None = None
    # Steps of the statutory process bring the case's deadlines up to date.
    statutory: bool = True
    # Who takes the step: "council" (caseworkers and managers). Family and adviser pages read
    # the same table to say what happens next and who acts.
    by: str = "council"
    # The statutory deadlines (the clock's keys) the step meets: the case page offers, as the
    # next action, the step that meets the soonest open deadline.
    completes: tuple[str, ...] = ()

    def refusal_for(self, case: Case, target: Any) -> str:
        if callable(self.refusal):
            return self.refusal(case, target)
        return STEP_NOT_ALLOWED.format(reason=self.refusal or "the case has changed")

    def allows(self, case: Case, target: Any) -> bool:
        if target is None:
            return False
        if self.sources and getattr(target, "status", None) not in self.sources:
            return False
        return self.guard is None or bool(self.guard(case, target))


def _child(case: Case):
    return case.child


def _no_open_request(case: Case, child) -> bool:
    return case.open_request is None


def _open_request(case: Case):
    return case.open_request


def _unreturned_advice(case: Case):
    request = case.open_request
    if request is None:
        return None
    return next((a for a in case.records_of(request).advice if a.returned_on is None), None)


def _awaiting_consultation(case: Case):
    request = case.open_request
    if request is None:
        return None
    return next(
        (
            c
            for c in case.records_of(request).consultations
            if c.response == SettingResponse.AWAITING
        ),
        None,
    )


def _open_review(case: Case):
    return case.open_review


def _amending_review(case: Case):
    plan = case.plan_in_force
    return next(
        (
            r
            for r in case.reviews
            if plan and r.plan_id == plan.pk and r.status == ReviewStatus.AMENDING
        ),
        None,
    )


def _plan_in_force(case: Case):
    return case.plan_in_force


def _plan_shown(case: Case):
    return case.plan_shown


def _order_to_comply(case: Case):
    for records in case.appeals:
        for order in records.orders:
            if order.complied_on is None:
                return order
    return None


def _review_refusal(reason: str, *, decided: str = "", unmet: str = ""):
    """A review's step is refused first because its plan is no longer in force; `decided` is the
    reason once the review decision is recorded and `unmet` before the meeting, when those
    differ."""

    def refusal(case: Case, review) -> str:
        if review is not None and review.plan.status != PlanStatus.IN_FORCE:
            return STEP_NOT_ALLOWED.format(reason=PLAN_NOT_IN_FORCE)
        if review is not None and decided and review.decision:
            return STEP_NOT_ALLOWED.format(reason=decided)
        if review is not None and unmet and review.meeting_on is None:
            return STEP_NOT_ALLOWED.format(reason=unmet)
        return STEP_NOT_ALLOWED.format(reason=reason)

    return refusal


def _plan_is_in_force(case: Case, review) -> bool:
    return review.plan.status == PlanStatus.IN_FORCE


def _no_open_review(case: Case, plan) -> bool:
    return case.open_review is None


def _report_not_sent(case: Case, review) -> bool:
    return _plan_is_in_force(case, review) and review.report_sent_on is None


def _no_meeting_yet(case: Case, review) -> bool:
    return review.meeting_on is None


OPEN = tuple(str(s) for s in OPEN_REQUEST_STATUSES)
AWAITING_DECISION = (RequestStatus.AWAITING_DECISION.value,)
ASSESSING = (RequestStatus.ASSESSING.value,)
DRAFT_ISSUED = (RequestStatus.DRAFT_ISSUED.value,)
IN_FORCE = (PlanStatus.IN_FORCE.value,)
NOT_CEASED = (PlanStatus.IN_FORCE.value, PlanStatus.DRAFT.value)

OPEN_REQUEST_EXISTS = (
    "This child already has an open request (received {on}). Record its outcome or withdraw it "
    "first."
)
NOT_AWAITING_DECISION = "the decision whether to assess has already been recorded"
NOT_ASSESSING = "the council has not decided to assess, or the assessment has finished"
NOT_DRAFT = "the draft plan has not been issued, or the final plan has already been issued"
REQUEST_CLOSED = "the request is already closed"
NO_OPEN_REQUEST = "there is no open request for an assessment"
ADVICE_ALREADY_RETURNED = "the advice has already been recorded as returned"
NO_ADVICE_AWAITED = "no advice is awaited"
NO_RESPONSE_AWAITED = "no setting's response is awaited"
PLAN_NOT_IN_FORCE = "the plan is not in force"
OPEN_REVIEW_EXISTS = "a review is already open for this plan"
NO_MEETING = "the review meeting has not been recorded"
MEETING_ALREADY = "the review meeting has already been recorded"
ALREADY_DECIDED = "the review decision has already been recorded"
REPORT_ALREADY = "the review report has already been recorded"
NOT_AMENDING = "the review did not decide to amend the plan, or the amended plan has been issued"
APPEAL_CLOSED = "the appeal already has an outcome"
NO_APPEAL = "no appealable decision has been recorded"
ORDER_COMPLIED = "the order has already been complied with"
NO_PLAN = "the child has no EHC plan"
NO_LINKS = "no Local Offer service is linked to the plan"

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
        _open_request,
        NOT_AWAITING_DECISION,
        AWAITING_DECISION,
        completes=("decision_to_assess", "reassessment_decision"),
    ),
    Transition("advice-request", "Request advice", _open_request, NOT_ASSESSING, ASSESSING),
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
        _open_request,
        NOT_ASSESSING,
        ASSESSING,
        completes=("not_to_issue",),
    ),
    Transition(
        "draft",
        "Issue the draft plan",
        _open_request,
        NOT_ASSESSING,
        ASSESSING,
        completes=("draft_planning_target", "not_to_issue"),
    ),
    Transition(
        "final",
        "Issue the final plan",
        _open_request,
        NOT_DRAFT,
        DRAFT_ISSUED,
        completes=("final_plan", "reassessment_plan", "draft_comments"),
    ),
    Transition("exception", "Record an exception", _open_request, REQUEST_CLOSED, OPEN),
    Transition(
        "withdraw", "Record that the request was withdrawn", _open_request, REQUEST_CLOSED, OPEN
    ),
    Transition(
        "consult-setting", "Consult a setting on the draft", _open_request, NOT_DRAFT, DRAFT_ISSUED
    ),
    Transition(
        "setting-response",
        "Record a setting's response",
        _awaiting_consultation,
        NO_RESPONSE_AWAITED,
        guard=lambda case, consultation: consultation.response == SettingResponse.AWAITING,
        statutory=False,
    ),
    Transition(
        "representations",
        "Record the family's representations",
        _open_request,
        NOT_DRAFT,
        DRAFT_ISSUED,
        statutory=False,
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
    ),
    Transition(
        "review-decision",
        "Record the review decision",
        _open_review,
        _review_refusal(NO_MEETING, decided=ALREADY_DECIDED),
        (ReviewStatus.MEETING_HELD.value,),
        guard=_plan_is_in_force,
        completes=("review_decision",),
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
    ),
    Transition(
        "order-complied",
        "Record an order complied with",
        _order_to_comply,
        ORDER_COMPLIED,
        guard=lambda case, order: order.complied_on is None,
        completes=("order", "order_draft"),
    ),
]

_RECORD = [
    Transition("placement", "Record a placement", _child, "", statutory=False),
    Transition("contact", "Add a parent or carer", _child, "", statutory=False),
    Transition("cease", "Cease the plan", _plan_in_force, PLAN_NOT_IN_FORCE, IN_FORCE),
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
