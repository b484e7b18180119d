"""The EHC workflow, declared once (`declaration.TRANSITIONS`): which steps a case may take now,
read by the case page, the partner API and the services' runner alike."""

from .case import Case, case_load
from .declaration import TRANSITIONS, Transition
from .declaration import steps_available as _steps_available


def steps_available(child, *, case: Case | None = None) -> list[tuple[str, str]]:
    """(slug, label) of every step the case may take now, in the order a caseworker meets them;
    loads the case once (or uses the one given) and runs no further queries."""
    case = case or case_load(child)
    return [(t.slug, t.label) for t in _steps_available(case)]


__all__ = ["TRANSITIONS", "Case", "Transition", "case_load", "steps_available"]
