"""Deadline states and the Deadline record every rule returns."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.formats import long_date as long_date  # pure, no Django: the one long date


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


# Open: not done and still to be acted on. An excepted step stays open until it is done: the
# exception lifts the limit, but the council must still act as soon as practicable.
OPEN_STATES = frozenset({State.DUE, State.DUE_SOON, State.OVERDUE, State.EXCEPTED})


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

    @property
    def is_open(self) -> bool:
        return self.done_on is None and self.state in OPEN_STATES


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


def deadline_state(
    *,
    due_on: datetime.date,
    done_on: datetime.date | None,
    today: datetime.date,
    excepted: bool,
    settings,
) -> State:
    """The state rule, for a step that still applies. The nightly sweep's set-based UPDATE
    (`cases.services.deadlines.deadline_states_update`) is the same rule in SQL for open steps;
    a test holds the two together."""
    return _state(due_on=due_on, done_on=done_on, today=today, excepted=excepted, settings=settings)


@dataclass(frozen=True, kw_only=True)
class Step:
    """One statutory step in words (what is to be done, by which rule, within what limit of what
    event) and how its limit counts from that event: `due(trigger_on, settings)`. A step whose
    due date needs more than its trigger has no `due`; the caller gives the date."""

    key: str
    stage: str
    rule: str
    title: str
    limit: str
    trigger: str
    due: Callable[[datetime.date, Any], datetime.date] | None = None
    # "reg 13(2): final plan within 20 weeks of the request received on ..."; a rule whose limit
    # already ends in its preposition ("... starting with") has link="".
    link: str = "of"
    statutory: bool = True


@dataclass(frozen=True)
class Clock:
    """Makes a case's deadlines as they stand on `today`, under the council's counting."""

    today: datetime.date
    settings: Any

    def deadline(
        self,
        step: Step,
        trigger_on: datetime.date,
        done_on: datetime.date | None,
        *,
        due_on: datetime.date | None = None,
        applicable: bool = True,
        exception: str | None = None,
        key: str | None = None,
    ) -> Deadline:
        """`exception` names the recorded exception that lifts the limit ("(reason)"), if any;
        `key` is this deadline's own key where one step stands for several (each adviser's
        advice), else the step's."""
        if due_on is None:
            due_on = step.due(trigger_on, self.settings)
        excepted = exception is not None
        state = _state(
            due_on=due_on,
            done_on=done_on,
            today=self.today,
            excepted=excepted,
            settings=self.settings,
            applicable=applicable,
        )
        limit = f"{step.limit} {step.link}" if step.link else step.limit
        explanation = (
            f"{step.rule}: {limit} {step.trigger} on {long_date(trigger_on)}, "
            f"so by {long_date(due_on)}"
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
                f"; exception {exception} recorded: the limit does not apply, but the council "
                "must still act as soon as practicable"
            )
        return Deadline(
            key=step.key if key is None else key,
            stage=step.stage,
            rule=step.rule,
            title=step.title,
            trigger=step.trigger,
            trigger_on=trigger_on,
            due_on=due_on,
            done_on=done_on,
            state=state,
            explanation=explanation,
            exception_applied=excepted,
            statutory=step.statutory,
        )
