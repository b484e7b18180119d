"""Annual and phase-transfer reviews (CFA s44, regs 18-22)."""

import datetime
from dataclasses import dataclass

from .counting import DEFAULT_SETTINGS, ClockSettings, months_after, weeks_after
from .states import Deadline, _deadline


@dataclass(frozen=True)
class ReviewFacts:
    id: int
    due_on: datetime.date
    meeting_on: datetime.date | None = None
    notice_sent_on: datetime.date | None = None
    report_sent_on: datetime.date | None = None
    decision: str | None = None  # M maintain, A amend, C cease
    decision_notified_on: datetime.date | None = None
    proposed_amendments_sent_on: datetime.date | None = None
    amended_plan_issued_on: datetime.date | None = None
    phase_transfer_due_on: datetime.date | None = None


def review_deadlines(
    facts: ReviewFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    r = facts
    common = {"today": today, "settings": settings}
    previous = months_after(r.due_on, -12)
    out = [
        _deadline(
            key="annual_review",
            stage="review",
            rule="CFA s44(1)",
            title="Complete the annual review",
            limit="review completed (decision notified) within 12 months",
            trigger="the plan's issue or the last review decision",
            trigger_on=previous,
            due_on=r.due_on,
            done_on=r.decision_notified_on,
            **common,
        )
    ]
    if r.meeting_on:
        out.append(
            _deadline(
                key="review_report",
                stage="review",
                rule="reg 20(7)",
                title="Send the review report",
                limit="report within 2 weeks",
                trigger="the review meeting",
                trigger_on=r.meeting_on,
                due_on=weeks_after(r.meeting_on, 2, settings=settings),
                done_on=r.report_sent_on,
                **common,
            )
        )
        out.append(
            _deadline(
                key="review_decision",
                stage="review",
                rule="reg 20(10)",
                title="Decide to maintain, amend or cease",
                limit="decision notified within 4 weeks",
                trigger="the review meeting",
                trigger_on=r.meeting_on,
                due_on=weeks_after(r.meeting_on, 4, settings=settings),
                done_on=r.decision_notified_on,
                **common,
            )
        )
    if r.decision == "A" and r.proposed_amendments_sent_on:
        due = min(
            weeks_after(r.proposed_amendments_sent_on, 8, settings=settings),
            weeks_after(r.meeting_on, 12, settings=settings) if r.meeting_on else datetime.date.max,
        )
        out.append(
            _deadline(
                key="amended_plan",
                stage="review",
                rule="reg 22(3)",
                title="Issue the amended plan",
                limit="amended plan within 8 weeks (at most 12 weeks from the meeting)",
                trigger="the proposed amendments sent",
                trigger_on=r.proposed_amendments_sent_on,
                due_on=due,
                done_on=r.amended_plan_issued_on,
                **common,
            )
        )
    if r.phase_transfer_due_on:
        done = r.amended_plan_issued_on or (
            r.decision_notified_on if r.decision and r.decision != "A" else None
        )
        out.append(
            _deadline(
                key="phase_transfer",
                stage="review",
                rule="reg 18(1)",
                title="Amend the plan for the phase transfer",
                limit="plan reviewed and amended, naming the new setting, by the transfer deadline",
                trigger="the phase transfer review scheduled",
                trigger_on=min(previous, r.phase_transfer_due_on),
                due_on=r.phase_transfer_due_on,
                done_on=done,
                **common,
            )
        )
    return out


def under_five_review_due(last_review_on: datetime.date, *, months: int = 6) -> datetime.date:
    """CoP 9.178 (guidance): consider reviewing an under-five's plan every 3 to 6 months."""
    return months_after(last_review_on, months)
