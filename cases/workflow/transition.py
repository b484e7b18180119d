"""What a declared step is: the record it acts on, the states it starts from, its guard, its
refusal, the date it records and the deadlines it meets."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .case import Case

STEP_NOT_ALLOWED = "This step is not allowed now: {reason}"


@dataclass(frozen=True)
class DateRule:
    """The date a step records: never in the future, never before the date it follows (a field
    of the record the step acts on, e.g. "received_on" or "plan.first_issued_on")."""

    field: str
    label: str
    after: str = ""
    after_label: str = ""

    def follows(self, target):
        if not self.after:
            return None
        value = target
        for name in self.after.split("."):
            value = getattr(value, name, None)
        return value


@dataclass(frozen=True)
class Transition:
    slug: str
    label: str
    # The record the step acts on, found in the loaded case (None: the case has none).
    target: Callable[[Case], Any]
    # Why the step is not allowed now, in a caseworker's words (after "This step is not allowed
    # now: "), or a function of the case giving the whole message.
    refusal: str | Callable[[Case, Any], str]
    # The states (the target's `status`) the step may start from; empty: any.
    sources: tuple[str, ...] = ()
    # Any further condition on the target and the case.
    guard: Callable[[Case, Any], bool] | None = None
    # Steps of the statutory process bring the case's deadlines up to date.
    statutory: bool = True
    # Who takes the step: "council" (caseworkers and managers). Family and adviser pages read
    # the same table to say what happens next and who acts.
    by: str = "council"
    # The statutory deadlines (the clock's keys) the step meets: the case page offers, as the
    # next action, the step that meets the soonest open deadline.
    completes: tuple[str, ...] = ()
    # The date the step records, checked by the runner before any change.
    date: DateRule | None = None

    def refusal_for(self, case: Case, target: Any) -> str:
        if callable(self.refusal):
            return self.refusal(case, target)
        return STEP_NOT_ALLOWED.format(reason=self.refusal or "the case has changed")

    def allows(self, case: Case, target: Any) -> bool:
        if target is None:
            return False
        if self.sources and getattr(target, "status", None) not in self.sources:
            return False
        return self.guard is None or bool(self.guard(case, target))
