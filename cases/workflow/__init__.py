"""The EHC workflow, declared once (`declaration.TRANSITIONS`): which steps a case may take now,
read by the case page, the partner API and the services' runner alike."""

from .case import AppealRecords, Case, RequestRecords, case_load
from .declaration import TRANSITIONS, Transition, next_action
from .declaration import steps_available as _steps_available


def steps_available(child, *, case: Case | None = None) -> list[tuple[str, str]]:
    """(slug, label) of every step the case may take now, in the order a caseworker meets them;
    loads the case once (or uses the one given) and runs no further queries."""
    case = case or case_load(child)
    return [(t.slug, t.label) for t in _steps_available(case)]


def next_steps(child, *, open_deadlines, case: Case | None = None) -> tuple:
    """(the next action, the other steps available now), each as (slug, label): the next action
    is the step that meets the soonest open deadline (None when nothing is due)."""
    available = _steps_available(case or case_load(child))
    primary = next_action(available, open_deadlines)
    others = [(t.slug, t.label) for t in available if t is not primary]
    return ((primary.slug, primary.label) if primary else None), others


__all__ = [
    "TRANSITIONS",
    "AppealRecords",
    "Case",
    "RequestRecords",
    "Transition",
    "case_load",
    "next_action",
    "next_steps",
    "steps_available",
]
