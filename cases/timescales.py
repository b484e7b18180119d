"""The statutory clock: every EHC deadline, its rule and its state, from a case's facts.

Pure: dates in, deadlines and reasons out; no database, no Django. Everything else asks this
module. Sources: Children and Families Act 2014 (CFA), the SEND Regulations 2014 ("reg"), the
SEND Code of Practice (CoP), the Tribunal Procedure (HESC) Rules 2008 (r20); see
shared/domain/statutory-timescales.md.

Counting (section 1): calendar weeks and days; "within N weeks of receiving" excludes the day of
receipt, so the last compliant day is received + 7N days (or + 7N - 1 when the council counts
receipt as day one: `ClockSettings.receipt_day_is_day_one`, applied everywhere the same way).
Months run by corresponding date (31 January + 1 month = 28/29 February). An exception never
restarts, pauses or moves the clock (R (W) v Hertfordshire CC [2023]): it marks the deadline
'excepted'.

Entry points: `assessment_deadlines`, `review_deadlines`, `appeal_deadlines`,
`tribunal_order_deadlines`, and `case_deadlines` for all of them at once.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

import holidays

DAY = datetime.timedelta(days=1)


# --- Counting ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockSettings:
    receipt_day_is_day_one: bool = False
    phase_transfer_by: bool = False  # False: due before 15 Feb / 31 Mar, i.e. by 14 Feb / 30 Mar
    due_soon_days: int = 14


DEFAULT_SETTINGS = ClockSettings()


def days_within(
    start: datetime.date, days: int, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """The last day of a limit of N days from an event (the event's day excluded by default)."""
    return start + datetime.timedelta(days=days - (1 if settings.receipt_day_is_day_one else 0))


def weeks_after(
    start: datetime.date, weeks: int, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """The last day of a limit of N weeks: received + 7N (or 7N - 1)."""
    return days_within(start, 7 * weeks, settings=settings)


def days_beginning_with(start: datetime.date, days: int) -> datetime.date:
    """The last day of a period of N days beginning with `start` (reg 13(1): 15 days from the
    day the draft is served, that day included)."""
    return start + datetime.timedelta(days=days - 1)


def months_after(start: datetime.date, months: int) -> datetime.date:
    """Calendar months by corresponding date; a missing day falls on the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # England and Wales share their bank holidays; the package works offline.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += DAY
    return day


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    day = start
    for _ in range(n):
        day += DAY
        day = next_working_day(day)
    return day


def _sen_tribunal_adjust(day: datetime.date) -> datetime.date:
    """HESC r20 in SEN cases: a deadline ending between 25 December and 1 January, or in August,
    moves to the next working day after that period; any other non-working day, to the next
    working day."""
    if day.month == 8:
        return next_working_day(datetime.date(day.year, 9, 1))
    if (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1):
        year = day.year + 1 if day.month == 12 else day.year
        return next_working_day(datetime.date(year, 1, 2))
    return next_working_day(day)


def tribunal_deadline(
    decision_notified_on: datetime.date, mediation_certificate_on: datetime.date | None = None
) -> datetime.date:
    """HESC r20: 2 months from the decision notice, or 1 month from the mediation certificate if
    that is later, adjusted for non-working days, August and Christmas."""
    due = months_after(decision_notified_on, 2)
    if mediation_certificate_on:
        due = max(due, months_after(mediation_certificate_on, 1))
    return _sen_tribunal_adjust(due)


def school_year_group(date_of_birth: datetime.date, on: datetime.date) -> int:
    """English school year: born 1 Sep B to 31 Aug B+1 -> Reception (0) from September B+5."""
    cohort = date_of_birth.year if date_of_birth.month >= 9 else date_of_birth.year - 1
    academic_year = on.year if on.month >= 9 else on.year - 1
    return academic_year - (cohort + 5)


def preparing_for_adulthood_applies(date_of_birth: datetime.date, on: datetime.date) -> bool:
    """From Year 9 every review considers preparing for adulthood (reg 20(6))."""
    return school_year_group(date_of_birth, on) >= 9


def phase_transfer_due(
    transfer_year: int, *, post16: bool, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    """Reg 18: amended plan naming the new setting before 15 February (31 March for secondary to
    post-16) of the calendar year of the move."""
    day = datetime.date(transfer_year, 3, 31) if post16 else datetime.date(transfer_year, 2, 15)
    return day if settings.phase_transfer_by else day - DAY


# --- States and deadlines -----------------------------------------------------------------


class State(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    EXCEPTED = "excepted"
    NOT_APPLICABLE = "not_applicable"


STATE_LABELS = {
    State.DONE_ON_TIME: "done on time",
    State.DONE_LATE: "done late",
    State.DUE: "due",
    State.DUE_SOON: "due soon",
    State.OVERDUE: "overdue",
    State.EXCEPTED: "exception applies",
    State.NOT_APPLICABLE: "not applicable",
}


@dataclass(frozen=True)
class Deadline:
    key: str
    stage: str
    rule: str
    title: str
    trigger: str
    trigger_on: datetime.date
    due_on: datetime.date
    done_on: datetime.date | None
    state: State
    explanation: str
    exception_applied: bool = False
    statutory: bool = True

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _state(*, due_on, done_on, today, excepted, settings, applicable=True) -> State:
    if not applicable:
        return State.NOT_APPLICABLE
    if done_on is not None:
        if done_on <= due_on:
            return State.DONE_ON_TIME
        return State.EXCEPTED if excepted else State.DONE_LATE
    if due_on < today:
        return State.EXCEPTED if excepted else State.OVERDUE
    if (due_on - today).days <= settings.due_soon_days:
        return State.DUE_SOON
    return State.DUE


def _deadline(
    *,
    key,
    stage,
    rule,
    title,
    limit,
    trigger,
    trigger_on,
    due_on,
    done_on,
    today,
    settings,
    excepted=False,
    applicable=True,
    statutory=True,
    exception_label="",
) -> Deadline:
    state = _state(
        due_on=due_on,
        done_on=done_on,
        today=today,
        excepted=excepted,
        settings=settings,
        applicable=applicable,
    )
    explanation = (
        f"{rule}: {limit} of {trigger} on {long_date(trigger_on)}, so by {long_date(due_on)}"
    )
    if state == State.NOT_APPLICABLE:
        explanation += "; no longer applies"
    elif done_on is not None:
        late = (done_on - due_on).days
        explanation += f"; done on {long_date(done_on)}" + (
            f", {late} day{'s' if late != 1 else ''} late" if late > 0 else ""
        )
    if excepted:
        explanation += (
            f"; exception {exception_label} recorded: the limit does not apply, but the council "
            "must still act as soon as practicable"
        )
    return Deadline(
        key=key,
        stage=stage,
        rule=rule,
        title=title,
        trigger=trigger,
        trigger_on=trigger_on,
        due_on=due_on,
        done_on=done_on,
        state=state,
        explanation=explanation,
        exception_applied=excepted,
        statutory=statutory,
    )


# --- Exceptions (reg 10(4), reg 8(2)) -----------------------------------------------------

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


# --- The assessment ---------------------------------------------------------------------


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
    """SEN2 Week20: 1 where any permitted exception applied at any stage, else 0."""
    stages = [e for e in facts.exceptions if exception_refusal(e) is None]
    stages += [e for a in facts.advice for e in a.exceptions if exception_refusal(e) is None]
    return 1 if stages else 0


def issued_within_20_weeks(
    facts: AssessmentFacts, settings: ClockSettings = DEFAULT_SETTINGS
) -> bool | None:
    if not facts.final_issued_on:
        return None
    return facts.final_issued_on <= weeks_after(facts.request_received_on, 20, settings=settings)


# --- Annual reviews (CFA s44, regs 18-22) --------------------------------------------------


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


# --- Mediation, appeals and tribunal orders ----------------------------------------------


@dataclass(frozen=True)
class AppealFacts:
    id: int
    decision_notified_on: datetime.date
    mediation_adviser_contacted_on: datetime.date | None = None
    mediation_certificate_on: datetime.date | None = None
    appeal_registered_on: datetime.date | None = None
    setting_only: bool = False
    closed: bool = False


def appeal_deadlines(
    facts: AppealFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    a = facts
    common = {"today": today, "settings": settings}
    out = []
    if not a.setting_only:
        out.append(
            _deadline(
                key="mediation_adviser",
                stage="appeal",
                rule="reg 33",
                title="Family contacts a mediation adviser (if appealing)",
                limit="within 2 months",
                trigger="the decision notice",
                trigger_on=a.decision_notified_on,
                due_on=months_after(a.decision_notified_on, 2),
                done_on=a.mediation_adviser_contacted_on,
                applicable=not (a.closed or a.appeal_registered_on)
                or bool(a.mediation_adviser_contacted_on),
                **common,
            )
        )
    if a.mediation_adviser_contacted_on:
        out.append(
            _deadline(
                key="mediation_certificate",
                stage="appeal",
                rule="regs 34-35",
                title="Mediation certificate issued",
                limit="certificate within 3 working days",
                trigger="the mediation adviser contacted",
                trigger_on=a.mediation_adviser_contacted_on,
                due_on=working_days_after(a.mediation_adviser_contacted_on, 3),
                done_on=a.mediation_certificate_on,
                applicable=not a.closed or bool(a.mediation_certificate_on),
                **common,
            )
        )
    out.append(
        _deadline(
            key="tribunal_appeal",
            stage="appeal",
            rule="HESC r20",
            title="Family registers an appeal (if appealing)",
            limit="within 2 months (or 1 month from the mediation certificate if later), moved for weekends, bank holidays, August and Christmas",
            trigger="the decision notice",
            trigger_on=a.decision_notified_on,
            due_on=tribunal_deadline(a.decision_notified_on, a.mediation_certificate_on),
            done_on=a.appeal_registered_on,
            applicable=not a.closed or bool(a.appeal_registered_on),
            **common,
        )
    )
    return out


# reg 44 (tribunal orders) and reg 42 (mediation agreements): weeks to comply.
ORDER_LIMITS = {
    "assess": (2, "notify the decision to assess or re-assess within 2 weeks"),
    "make_plan": (11, "issue the final plan within 11 weeks"),
    "amend_plan": (5, "issue the amended plan within 5 weeks"),
    "change_setting": (2, "amend the named setting within 2 weeks"),
    "continue": (0, "continue to maintain the plan immediately"),
    "other_agreed": (2, "carry out the agreed action within 2 weeks"),
}


@dataclass(frozen=True)
class TribunalOrderFacts:
    id: int
    kind: str
    order_on: datetime.date
    complied_on: datetime.date | None = None


def tribunal_order_due(
    kind: str, order_on: datetime.date, *, settings: ClockSettings = DEFAULT_SETTINGS
) -> datetime.date:
    weeks, _ = ORDER_LIMITS[kind]
    return weeks_after(order_on, weeks, settings=settings) if weeks else order_on


def tribunal_order_deadlines(
    facts: TribunalOrderFacts, *, today: datetime.date, settings: ClockSettings = DEFAULT_SETTINGS
) -> list[Deadline]:
    o = facts
    common = {"today": today, "settings": settings}
    rule = "reg 42" if o.kind == "other_agreed" else "reg 44"
    out = []
    if o.kind == "make_plan":
        out.append(
            _deadline(
                key="order_draft",
                stage="tribunal_order",
                rule=rule,
                title="Issue the draft plan the tribunal ordered",
                limit="draft within 5 weeks",
                trigger="the order",
                trigger_on=o.order_on,
                due_on=weeks_after(o.order_on, 5, settings=settings),
                done_on=o.complied_on,
                **common,
            )
        )
    _weeks, limit = ORDER_LIMITS[o.kind]
    out.append(
        _deadline(
            key="order",
            stage="tribunal_order",
            rule=rule,
            title="Comply with the tribunal order",
            limit=limit,
            trigger="the order",
            trigger_on=o.order_on,
            due_on=tribunal_order_due(o.kind, o.order_on, settings=settings),
            done_on=o.complied_on,
            **common,
        )
    )
    return out


def case_deadlines(
    *,
    today: datetime.date,
    assessment: AssessmentFacts | None = None,
    reviews: tuple[ReviewFacts, ...] = (),
    appeals: tuple[AppealFacts, ...] = (),
    tribunal_orders: tuple[TribunalOrderFacts, ...] = (),
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> list[Deadline]:
    """Every deadline of a case, soonest first."""
    out = (
        list(assessment_deadlines(assessment, today=today, settings=settings)) if assessment else []
    )
    for review in reviews:
        out += review_deadlines(review, today=today, settings=settings)
    for appeal in appeals:
        out += appeal_deadlines(appeal, today=today, settings=settings)
    for order in tribunal_orders:
        out += tribunal_order_deadlines(order, today=today, settings=settings)
    return sorted(out, key=lambda d: d.due_on)
