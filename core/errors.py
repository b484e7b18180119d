"""How a service refuses: one exception every app raises and every view and API view catches."""

from django.core.exceptions import ValidationError

STEP_NOT_ALLOWED = "This step is not allowed now: {reason}"


class StepRefused(ValidationError):
    """A step refused because of its input or because it is out of sequence; nothing was written."""


def refuse(message: str, field: str | None = None) -> None:
    raise StepRefused({field: [message]} if field else message)
