"""The EHC needs assessment: decision, advice, not to issue, draft, final plan, re-assessment."""

import datetime
from dataclasses import dataclass, field

from .counting import DEFAULT_SETTINGS, ClockSettings, days_beginning_with, days_within, weeks_after
from .exceptions import REG_10_STAGES, ExceptionFacts, _exception_for, exception_refusal
from .states import Deadline, _deadline


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


def assessment_deadlines(
    facts: AssessmentFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    f = facts
    received = f.request_received_on
    common = {"today": today, "settings": settings}
    out: list[Deadline] = []
    closed_before_decision = f.withdrawn_on is not None and f.decision_on is None
    assessing = f.decided_to_assess is True
    finished = f.final_issued_on or f.not_to_issue_on or (f.withdrawn_on if assessing else None)

    def exc(stage):
        e = _exception_for(f.exceptions, stage)
        return (e is not None, f"({e.reason})" if e else "")

    if f.is_reassessment:
        excepted, label = exc("decision_to_assess")
        out.append(
            _deadline(
                key="reassessment_decision",
                stage="decision",
                rule="reg 25",
                title="Decide whether to re-assess",
                limit="decision within 15 days",
                trigger="the request received",
                trigger_on=received,
                due_on=days_within(received, 15, settings=settings),
                done_on=f.decision_on,
                applicable=not closed_before_decision,
                excepted=excepted,
                exception_label=label,
                **common,
            )
        )
    else:
        excepted, label = exc("decision_to_assess")
        out.append(
            _deadline(
                key="decision_to_assess",
                stage="decision",
                rule="reg 5(1)",
                title="Decide whether to assess",
                limit="decision within 6 weeks",
                trigger="the request received",
                trigger_on=received,
                due_on=weeks_after(received, 6, settings=settings),
                done_on=f.decision_on,
                applicable=not closed_before_decision,
                excepted=excepted,
                exception_label=label,
                **common,
            )
        )

    for advice in f.advice:
        trigger_on = advice.received_by_adviser_on or advice.sent_on
        e = _exception_for(advice.exceptions, "advice")
        out.append(
            _deadline(
                key=f"advice:{advice.id}",
                stage="advice",
                rule="reg 8(1)",
                title=f"Advice from {advice.adviser}",
                limit="advice within 6 weeks",
                trigger="the adviser's receipt of the request"
                if advice.received_by_adviser_on
                else "the request for advice sent (receipt not yet recorded)",
                trigger_on=trigger_on,
                due_on=weeks_after(trigger_on, 6, settings=settings),
                done_on=advice.returned_on,
                applicable=not (finished and advice.returned_on is None),
                excepted=e is not None,
                exception_label=f"({e.reason.replace('advice_', '')}, reg 8(2))" if e else "",
                **common,
            )
        )

    if f.is_reassessment:
        if assessing:
            excepted, label = exc("reassessment_plan")
            out.append(
                _deadline(
                    key="reassessment_plan",
                    stage="final_plan",
                    rule="reg 27(2)",
                    title="Issue the plan after re-assessment",
                    limit="plan within 14 weeks",
                    trigger="the decision to re-assess",
                    trigger_on=f.decision_on,
                    due_on=weeks_after(f.decision_on, 14, settings=settings),
                    done_on=f.final_issued_on,
                    applicable=not (f.withdrawn_on or f.not_to_issue_on) or bool(f.final_issued_on),
                    excepted=excepted,
                    exception_label=label,
                    **common,
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
    excepted, label = exc("not_to_issue")
    out.append(
        _deadline(
            key="not_to_issue",
            stage="outcome",
            rule="reg 10(1)",
            title="Decide not to issue a plan (if so)",
            limit="notice within 16 weeks",
            trigger="the request received",
            trigger_on=received,
            due_on=weeks_after(received, 16, settings=settings),
            done_on=f.not_to_issue_on,
            applicable=not_issue_applicable or bool(f.not_to_issue_on),
            excepted=excepted,
            exception_label=label,
            **common,
        )
    )
    final_applicable = (
        plan_possible and not f.not_to_issue_on and not (f.withdrawn_on and not f.final_issued_on)
    )
    out.append(
        _deadline(
            key="draft_planning_target",
            stage="draft",
            rule="planning target",
            title="Serve the draft plan (planning target, leaving time for comments and consultation)",
            limit="draft within 16 weeks",
            trigger="the request received",
            trigger_on=received,
            due_on=weeks_after(received, 16, settings=settings),
            done_on=f.draft_served_on,
            applicable=final_applicable,
            statutory=False,
            **common,
        )
    )
    if f.draft_served_on:
        end = days_beginning_with(f.draft_served_on, 15)
        out.append(
            _deadline(
                key="draft_comments",
                stage="draft",
                rule="reg 13(1)",
                title="Family's comments on the draft",
                limit="at least 15 days, beginning with the day",
                trigger="the draft served",
                trigger_on=f.draft_served_on,
                due_on=end,
                done_on=end if (today > end or f.final_issued_on) else None,
                **common,
            )
        )
    excepted, label = exc("final_plan")
    out.append(
        _deadline(
            key="final_plan",
            stage="final_plan",
            rule="reg 13(2)",
            title="Issue the final plan",
            limit="final plan within 20 weeks",
            trigger="the request received",
            trigger_on=received,
            due_on=weeks_after(received, 20, settings=settings),
            done_on=f.final_issued_on,
            applicable=final_applicable,
            excepted=excepted,
            exception_label=label,
            **common,
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
