"""The request for an EHC needs assessment and its decisions: recorded, decided, withdrawn, or a
plan not issued after assessing.

Each step is declared in `cases.workflow` (when it is allowed) and run by `runner.step_run` (lock,
guard, change, clock, save once, timeline, deadlines); the functions here check the step's input
and make its change in memory.
"""

import datetime

from accounts.models import User

from ..models import AssessmentRequest, Child, RequestStatus
from ..workflow.targets import OPEN_REQUEST_EXISTS as OPEN_REQUEST_EXISTS
from .common import check_date, refuse
from .runner import changed, record_update, step_run

HAS_PLAN = (
    "This child already has an EHC plan in force: record a request for a re-assessment instead."
)
NO_PLAN_TO_REASSESS = "A re-assessment can only be requested for a child with an EHC plan in force."


def assessment_request_create(
    *,
    child: Child,
    received_on: datetime.date,
    source: str,
    by: User,
    council_became_responsible: bool = False,
    youth_custody: bool = False,
    is_reassessment: bool = False,
    actor_label: str = "",
) -> AssessmentRequest:
    """Records a request; `actor_label` names a partner system recording it through the API."""
    label = (
        "The date the council became responsible"
        if council_became_responsible
        else "The date the request was received"
    )
    check_date(
        received_on,
        label=label,
        field="received_on",
        after=(child.date_of_birth, "the date of birth"),
    )

    def change(case, child):
        plan = case.plan_in_force
        if plan and not is_reassessment:
            refuse(HAS_PLAN)
        if is_reassessment and not plan:
            refuse(NO_PLAN_TO_REASSESS)
        request = AssessmentRequest(
            child=child,
            received_on=received_on,
            source=source,
            council_became_responsible=council_became_responsible,
            youth_custody=youth_custody,
            is_reassessment=is_reassessment,
            reassessed_plan=plan if is_reassessment else None,
        )
        case.add_request(request)
        kind = (
            "Request for a re-assessment"
            if is_reassessment
            else "Request for an EHC needs assessment"
        )
        return changed(
            request,
            "request_received",
            f"{kind} received ({request.get_source_display().lower()})",
        )

    return step_run(
        "request", child=child, by=by, change=change, on=received_on, actor_label=actor_label
    )


def request_decide(
    *, request: AssessmentRequest, decided_to_assess: bool, decided_on: datetime.date, by: User
) -> AssessmentRequest:
    """Decision whether to assess (reg 5: 6 weeks; reg 25: 15 days for a re-assessment)."""
    return record_update(
        "decide",
        request,
        by=by,
        on=decided_on,
        values={
            "decided_to_assess": decided_to_assess,
            "decision_on": decided_on,
            "status": RequestStatus.ASSESSING if decided_to_assess else RequestStatus.NOT_ASSESSED,
        },
        verb="decided_to_assess" if decided_to_assess else "decided_not_to_assess",
        summary="Decided to assess" if decided_to_assess else "Decided not to assess",
    )


def request_withdraw(
    *, request: AssessmentRequest, withdrawn_on: datetime.date, reason: str, by: User
) -> AssessmentRequest:
    return record_update(
        "withdraw",
        request,
        by=by,
        on=withdrawn_on,
        values={
            "withdrawn_on": withdrawn_on,
            "withdrawal_reason": reason,
            "status": RequestStatus.WITHDRAWN,
        },
        verb="request_withdrawn",
        summary="Request withdrawn",
        payload={"reason": reason},
    )


def request_decide_not_to_issue(
    *, request: AssessmentRequest, notified_on: datetime.date, by: User
) -> AssessmentRequest:
    """Decision not to issue a plan after assessing, notified within 16 weeks (reg 10(1))."""
    return record_update(
        "not-to-issue",
        request,
        by=by,
        on=notified_on,
        values={
            "decided_to_issue": False,
            "not_to_issue_on": notified_on,
            "status": RequestStatus.NOT_ISSUED,
        },
        verb="decided_not_to_issue",
        summary="Decided not to issue an EHC plan",
    )
