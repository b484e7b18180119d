"""The EHC needs assessment, from the request to the final plan, one service per step: the request
and its decisions (`assessment`), advice and exceptions (`advice`), the draft to the final plan
(`drafting`). Gathered here under one name for the callers that take the whole assessment."""

from ..workflow.targets import (
    ADVICE_ALREADY_RETURNED,
    NOT_ASSESSING,
    NOT_AWAITING_DECISION,
    NOT_DRAFT,
    OPEN_REQUEST_EXISTS,
    REQUEST_CLOSED,
)
from .advice import EXCEPTION_NOT_FOR_ADVICE, advice_record, advice_request_create, exception_record
from .assessment import (
    HAS_PLAN,
    NO_PLAN_TO_REASSESS,
    assessment_request_create,
    request_decide,
    request_decide_not_to_issue,
    request_withdraw,
)
from .drafting import (
    COMMENT_PERIOD_OPEN,
    draft_plan_issue,
    final_plan_issue,
    representation_record,
    setting_consult,
    setting_response_record,
)

__all__ = [
    "ADVICE_ALREADY_RETURNED",
    "COMMENT_PERIOD_OPEN",
    "EXCEPTION_NOT_FOR_ADVICE",
    "HAS_PLAN",
    "NOT_ASSESSING",
    "NOT_AWAITING_DECISION",
    "NOT_DRAFT",
    "NO_PLAN_TO_REASSESS",
    "OPEN_REQUEST_EXISTS",
    "REQUEST_CLOSED",
    "advice_record",
    "advice_request_create",
    "assessment_request_create",
    "draft_plan_issue",
    "exception_record",
    "final_plan_issue",
    "representation_record",
    "request_decide",
    "request_decide_not_to_issue",
    "request_withdraw",
    "setting_consult",
    "setting_response_record",
]
