"""The EHC workflow, declared once: which steps a case may take now, and the one runner that
takes them. (Being moved here from cases/views/steps.py.)"""


def steps_available(child) -> list[tuple[str, str]]:
    """(slug, label) of every step the case may take now, in the order a caseworker meets them."""
    from ..views.steps import steps_allowed

    return steps_allowed(child)
