"""What the declared steps act on and when they are refused: each function reads the loaded case
only (no query), and each reason is what a caseworker reads after "This step is not allowed now:"."""

from ..models import (
    OPEN_REQUEST_STATUSES,
    PlanStatus,
    RequestStatus,
    ReviewStatus,
    SettingResponse,
)
from .case import Case
from .transition import STEP_NOT_ALLOWED


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
