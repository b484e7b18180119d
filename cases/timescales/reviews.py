"""Annual and phase-transfer reviews (CFA s44, regs 18-22).

The annual review period follows the Act, not the Code's paraphrase. CFA s44(1): the council
reviews the plan "in the period of 12 months starting with the date on which the plan was first
made", then "in each subsequent period of 12 months starting with the date on which the plan was
last reviewed" (a review counts once its decision is notified). A period "starting with" a date
includes that date, so it ends on the day before the same date 12 months on: a plan made on
14 May 2025 is reviewed by 13 May 2026. The SEND Code of Practice (9.169) says "within 12 months",
which read as "by the anniversary" is one day looser; meeting the Act's date satisfies both, so
the clock warns by the Act's. A period starting on 29 February ends on the last day of the next
February (there is no 29 February to start the next period on). `annual_review_due` is the one
place that works this out: services, stored deadlines, the sweep and the API all use its answer.
"""

import datetime
from dataclasses import dataclass, replace
from functools import cache

from .counting import DAY, DEFAULT_SETTINGS, ClockSettings, months_after, weeks_after
from .states import Clock, Deadline, Step

ANNUAL_REVIEW_RULE = "CFA s44(1)"


def annual_review_due(*, start: datetime.date) -> datetime.date:
    """The last day of the 12-month review period starting with `start` (the date the plan was
    first made, or the date the last review's decision was notified): the day before the same
    date 12 months on. 14 May 2025 -> 13 May 2026; 29 February 2024 -> 28 February 2025."""
    year = start.year + 1
    try:
        next_start = datetime.date(year, start.month, start.day)
    except ValueError:  # 29 February with no 29 February a year on: the next period starts 1 March
        next_start = datetime.date(year, start.month + 1, 1)
    return next_start - DAY


@dataclass(frozen=True, kw_only=True)
class ReviewFacts:
    id: int
    # The start of the review period (CFA s44(1)): the date the plan was first made, or the date
    # the last review's decision was notified (`period_starts_with_review`).
    period_starts_on: datetime.date
    period_starts_with_review: bool = False
    meeting_on: datetime.date | None = None
    notice_sent_on: datetime.date | None = None
    report_sent_on: datetime.date | None = None
    decision: str | None = None  # M maintain, A amend, C cease
    decision_notified_on: datetime.date | None = None
    proposed_amendments_sent_on: datetime.date | None = None
    amended_plan_issued_on: datetime.date | None = None
    phase_transfer_due_on: datetime.date | None = None


def review_period_trigger(facts: ReviewFacts) -> str:
    return (
        "the last review decision notified" if facts.period_starts_with_review else "the plan made"
    )


ANNUAL_REVIEW = Step(
    key="annual_review",
    stage="review",
    rule=ANNUAL_REVIEW_RULE,
    title="Complete the annual review",
    limit="review within the period of 12 months starting with",
    link="",
    trigger="the plan made",
    due=lambda on, settings: annual_review_due(start=on),
)
REVIEW_REPORT = Step(
    key="review_report",
    stage="review",
    rule="reg 20(7)",
    title="Send the review report",
    limit="report within 2 weeks",
    trigger="the review meeting",
    due=lambda on, settings: weeks_after(on, 2, settings=settings),
)
REVIEW_DECISION = Step(
    key="review_decision",
    stage="review",
    rule="reg 20(10)",
    title="Decide to maintain, amend or cease",
    limit="decision notified within 4 weeks",
    trigger="the review meeting",
    due=lambda on, settings: weeks_after(on, 4, settings=settings),
)
AMENDED_PLAN = Step(
    key="amended_plan",
    stage="review",
    rule="reg 22(3)",
    title="Issue the amended plan",
    limit="amended plan within 8 weeks (at most 12 weeks from the meeting)",
    trigger="the proposed amendments sent",
)
PHASE_TRANSFER = Step(
    key="phase_transfer",
    stage="review",
    rule="reg 18(1)",
    title="Amend the plan for the phase transfer",
    limit="plan reviewed and amended, naming the new setting, by the transfer deadline",
    trigger="the phase transfer review scheduled",
)


@cache
def _annual_review_step(trigger: str) -> Step:
    """The annual review's step for the start of its period (two of them: made once each)."""
    return replace(ANNUAL_REVIEW, trigger=trigger)


def review_deadlines(
    facts: ReviewFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    r = facts
    clock = Clock(today, settings)
    start = r.period_starts_on
    annual = _annual_review_step(review_period_trigger(r))
    out = [clock.deadline(annual, start, r.decision_notified_on)]
    if r.meeting_on:
        out.append(clock.deadline(REVIEW_REPORT, r.meeting_on, r.report_sent_on))
        out.append(clock.deadline(REVIEW_DECISION, r.meeting_on, r.decision_notified_on))
    if r.decision == "A" and r.proposed_amendments_sent_on:
        due = min(
            weeks_after(r.proposed_amendments_sent_on, 8, settings=settings),
            weeks_after(r.meeting_on, 12, settings=settings) if r.meeting_on else datetime.date.max,
        )
        out.append(
            clock.deadline(
                AMENDED_PLAN, r.proposed_amendments_sent_on, r.amended_plan_issued_on, due_on=due
            )
        )
    if r.phase_transfer_due_on:
        done = r.amended_plan_issued_on or (
            r.decision_notified_on if r.decision and r.decision != "A" else None
        )
        out.append(
            clock.deadline(
                PHASE_TRANSFER,
                min(start, r.phase_transfer_due_on),
                done,
                due_on=r.phase_transfer_due_on,
            )
        )
    return out


def under_five_review_due(last_review_on: datetime.date, *, months: int = 6) -> datetime.date:
    """CoP 9.178 (guidance): consider reviewing an under-five's plan every 3 to 6 months."""
    return months_after(last_review_on, months)
