"""Permitted exceptions: reg 10(4)(a)-(d) and an adviser's reg 8(2) exceptions."""

import datetime
from dataclasses import dataclass

from .states import long_date

REG_10_REASONS = ("a", "b", "c", "d")
ADVICE_REASONS = ("advice_exceptional", "advice_absence", "advice_missed_appointment")
REG_10_STAGES = ("decision_to_assess", "not_to_issue", "final_plan", "reassessment_plan")

EXCEPTION_ENDS_BEFORE_START = "The exception cannot end before it starts"
EXCEPTION_WRONG_STAGE_REG10 = "Exceptions (a) to (d) apply only to the 6-week decision, the 16-week decision, the 20-week final plan and the 14-week re-assessment plan (reg 10(4))"
EXCEPTION_WRONG_STAGE_ADVICE = (
    "An adviser's exception (reg 8(2)) applies only to that adviser's advice"
)
EXCEPTION_ABSENCE_TOO_SHORT = "An absence from the area counts only if it lasts at least 4 weeks (reg 10(4)(d)); this one lasts {days} days"
EXCEPTION_CLOSURE_DATES = "Enter the dates the setting closed and re-opened"
EXCEPTION_CLOSURE_TOO_SHORT = "A closure counts only if the setting is closed for a continuous period of at least 4 weeks (reg 10(4)(a)-(b)); this one lasts {days} days"
EXCEPTION_ADVICE_DATE = "Enter the date the setting was asked for advice"
EXCEPTION_OUTSIDE_WINDOW = "The setting was asked for advice on {asked}, outside the period from one week before it closed ({start}) to one week before it re-opened ({end}), so the closure exception cannot apply (reg 10(4)(a)-(b))"
EXCEPTION_UNKNOWN = "{reason} is not a permitted exception"


@dataclass(frozen=True)
class ExceptionFacts:
    reason: str
    stage: str
    starts_on: datetime.date
    ends_on: datetime.date
    advice_requested_on: datetime.date | None = None
    closure_starts_on: datetime.date | None = None
    closure_ends_on: datetime.date | None = None  # the day the setting re-opens


def exception_refusal(exc: ExceptionFacts) -> str | None:
    """Why an exception cannot qualify, or None if it can."""
    if exc.reason not in REG_10_REASONS + ADVICE_REASONS:
        return EXCEPTION_UNKNOWN.format(reason=exc.reason)
    if exc.ends_on < exc.starts_on:
        return EXCEPTION_ENDS_BEFORE_START
    if exc.reason in REG_10_REASONS and exc.stage not in REG_10_STAGES:
        return EXCEPTION_WRONG_STAGE_REG10
    if exc.reason in ADVICE_REASONS and exc.stage != "advice":
        return EXCEPTION_WRONG_STAGE_ADVICE
    if exc.reason in ("d", "advice_absence"):
        days = (exc.ends_on - exc.starts_on).days + 1
        if days < 28:
            return EXCEPTION_ABSENCE_TOO_SHORT.format(days=days)
    if exc.reason in ("a", "b"):
        if not (exc.closure_starts_on and exc.closure_ends_on):
            return EXCEPTION_CLOSURE_DATES
        closed_days = (exc.closure_ends_on - exc.closure_starts_on).days
        if closed_days < 28:
            return EXCEPTION_CLOSURE_TOO_SHORT.format(days=closed_days)
        if not exc.advice_requested_on:
            return EXCEPTION_ADVICE_DATE
        window_start = exc.closure_starts_on - datetime.timedelta(weeks=1)
        window_end = exc.closure_ends_on - datetime.timedelta(weeks=1)
        if not window_start <= exc.advice_requested_on <= window_end:
            return EXCEPTION_OUTSIDE_WINDOW.format(
                asked=long_date(exc.advice_requested_on),
                start=long_date(window_start),
                end=long_date(window_end),
            )
    return None


def _exception_for(exceptions, stage: str) -> ExceptionFacts | None:
    return next((e for e in exceptions if e.stage == stage and exception_refusal(e) is None), None)
