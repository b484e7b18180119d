"""The EHC needs assessment: decision, advice, not to issue, draft, final plan, re-assessment."""

import datetime
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .counting import DEFAULT_SETTINGS, ClockSettings, days_beginning_with, days_within, weeks_after
from .exceptions import REG_10_STAGES, ExceptionFacts, _exception_for, exception_refusal
from .states import Clock, Deadline, Step


@dataclass(frozen=True)
class AdviceFacts:
    id: int
    adviser: str
    sent_on: datetime.date
    received_by_adviser_on: datetime.date | None = None
    returned_on: datetime.date | None = None
    exceptions: tuple[ExceptionFacts, ...] = ()


@dataclass(frozen=True)
class AssessmentFacts:
    request_received_on: datetime.date
    decided_to_assess: bool | None = None
    decision_on: datetime.date | None = None
    withdrawn_on: datetime.date | None = None
    not_to_issue_on: datetime.date | None = None
    draft_served_on: datetime.date | None = None
    final_issued_on: datetime.date | None = None
    is_reassessment: bool = False
    advice: tuple[AdviceFacts, ...] = ()
    exceptions: tuple[ExceptionFacts, ...] = field(default_factory=tuple)


REASSESSMENT_DECISION = Step(
    key="reassessment_decision",
    stage="decision",
    rule="reg 25",
    title="Decide whether to re-assess",
    limit="decision within 15 days",
    trigger="the request received",
    due=lambda on, settings: days_within(on, 15, settings=settings),
)
DECISION_TO_ASSESS = Step(
    key="decision_to_assess",
    stage="decision",
    rule="reg 5(1)",
    title="Decide whether to assess",
    limit="decision within 6 weeks",
    trigger="the request received",
    due=lambda on, settings: weeks_after(on, 6, settings=settings),
)
ADVICE = Step(
    key="advice:{id}",
    stage="advice",
    rule="reg 8(1)",
    title="Advice from {adviser}",
    limit="advice within 6 weeks",
    trigger="the adviser's receipt of the request",
    due=lambda on, settings: weeks_after(on, 6, settings=settings),
)
ADVICE_RECEIPT_UNKNOWN = "the request for advice sent (receipt not yet recorded)"
REASSESSMENT_PLAN = Step(
    key="reassessment_plan",
    stage="final_plan",
    rule="reg 27(2)",
    title="Issue the plan after re-assessment",
    limit="plan within 14 weeks",
    trigger="the decision to re-assess",
    due=lambda on, settings: weeks_after(on, 14, settings=settings),
)
NOT_TO_ISSUE = Step(
    key="not_to_issue",
    stage="outcome",
    rule="reg 10(1)",
    title="Decide not to issue a plan (if so)",
    limit="notice within 16 weeks",
    trigger="the request received",
    due=lambda on, settings: weeks_after(on, 16, settings=settings),
)
DRAFT_PLANNING_TARGET = Step(
    key="draft_planning_target",
    stage="draft",
    rule="planning target",
    title="Serve the draft plan (planning target, leaving time for comments and consultation)",
    limit="draft within 16 weeks",
    trigger="the request received",
    due=lambda on, settings: weeks_after(on, 16, settings=settings),
    statutory=False,
)
DRAFT_COMMENTS = Step(
    key="draft_comments",
    stage="draft",
    rule="reg 13(1)",
    title="Family's comments on the draft",
    limit="at least 15 days, beginning with the day",
    trigger="the draft served",
    due=lambda on, settings: days_beginning_with(on, 15),
)
FINAL_PLAN = Step(
    key="final_plan",
    stage="final_plan",
    rule="reg 13(2)",
    title="Issue the final plan",
    limit="final plan within 20 weeks",
    trigger="the request received",
    due=lambda on, settings: weeks_after(on, 20, settings=settings),
)


@lru_cache(maxsize=4096)
def _advice_step(adviser: str, receipt_known: bool) -> Step:
    """The advice step for an adviser (made once per adviser, not once per request for advice;
    each deadline takes its own key, `advice:<id>`)."""
    return replace(
        ADVICE,
        title=ADVICE.title.format(adviser=adviser),
        trigger=ADVICE.trigger if receipt_known else ADVICE_RECEIPT_UNKNOWN,
    )


def assessment_deadlines(
    facts: AssessmentFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    f = facts
    received = f.request_received_on
    clock = Clock(today, settings)
    closed_before_decision = f.withdrawn_on is not None and f.decision_on is None
    assessing = f.decided_to_assess is True
    finished = f.final_issued_on or f.not_to_issue_on or (f.withdrawn_on if assessing else None)

    def exception(stage):
        e = _exception_for(f.exceptions, stage)
        return f"({e.reason})" if e else None

    decision = REASSESSMENT_DECISION if f.is_reassessment else DECISION_TO_ASSESS
    out = [
        clock.deadline(
            decision,
            received,
            f.decision_on,
            applicable=not closed_before_decision,
            exception=exception("decision_to_assess"),
        )
    ]
    for advice in f.advice:
        e = _exception_for(advice.exceptions, "advice")
        out.append(
            clock.deadline(
                _advice_step(advice.adviser, bool(advice.received_by_adviser_on)),
                advice.received_by_adviser_on or advice.sent_on,
                advice.returned_on,
                applicable=not (finished and advice.returned_on is None),
                exception=f"({e.reason.replace('advice_', '')}, reg 8(2))" if e else None,
                key=ADVICE.key.format(id=advice.id),
            )
        )

    if f.is_reassessment:
        if assessing:
            out.append(
                clock.deadline(
                    REASSESSMENT_PLAN,
                    f.decision_on,
                    f.final_issued_on,
                    applicable=not (f.withdrawn_on or f.not_to_issue_on) or bool(f.final_issued_on),
                    exception=exception("reassessment_plan"),
                )
            )
        return out

    plan_possible = f.decided_to_assess is not False and not closed_before_decision
    not_issue_applicable = (
        plan_possible
        and not f.draft_served_on
        and not f.final_issued_on
        and not (f.withdrawn_on and not f.not_to_issue_on)
    )
    out.append(
        clock.deadline(
            NOT_TO_ISSUE,
            received,
            f.not_to_issue_on,
            applicable=not_issue_applicable or bool(f.not_to_issue_on),
            exception=exception("not_to_issue"),
        )
    )
    final_applicable = (
        plan_possible and not f.not_to_issue_on and not (f.withdrawn_on and not f.final_issued_on)
    )
    out.append(
        clock.deadline(
            DRAFT_PLANNING_TARGET, received, f.draft_served_on, applicable=final_applicable
        )
    )
    if f.draft_served_on:
        end = DRAFT_COMMENTS.due(f.draft_served_on, settings)
        done = end if (today > end or f.final_issued_on) else None
        out.append(clock.deadline(DRAFT_COMMENTS, f.draft_served_on, done))
    out.append(
        clock.deadline(
            FINAL_PLAN,
            received,
            f.final_issued_on,
            applicable=final_applicable,
            exception=exception("final_plan"),
        )
    )
    return out


def week20_flag(facts: AssessmentFacts) -> int:
    """SEN2 Week20, and the request's stored `exception_applied` (the one rule for both): 1 where
    a reg 10(4)(a)-(d) exception that qualifies is recorded against one of the council's limits
    (the 6-week decision, reg 5(4); the 16-week decision not to issue, reg 10(3); the 20-week
    final plan, reg 13(3); the 14-week re-assessment plan, reg 27(3)), else 0.

    An adviser's reg 8(2) exception relieves only that adviser's 6 weeks: it does not lift the
    council's 20 weeks, so it does not set the flag (docs/adr/0004-week20-exceptions.md)."""
    recorded = [*facts.exceptions, *(e for a in facts.advice for e in a.exceptions)]
    return int(any(e.stage in REG_10_STAGES and exception_refusal(e) is None for e in recorded))


def issued_within_20_weeks(
    facts: AssessmentFacts, settings: ClockSettings = DEFAULT_SETTINGS
) -> bool | None:
    if not facts.final_issued_on:
        return None
    return facts.final_issued_on <= weeks_after(facts.request_received_on, 20, settings=settings)
