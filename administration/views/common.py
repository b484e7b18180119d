"""Shared by the set-up pages: the administrators-only policy, and adding or saving a record
with a service's refusal shown on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from accounts import roles
from accounts.access import roles_required
from core.forms import errors_onto

administrators_only = roles_required(roles.ADMINISTRATOR)

__all__ = ["added_or_saved", "administrators_only", "errors_onto", "written"]


def written(request, form, write, **fields):
    """What the service `write` answers, given the fields and who is acting; a refusal goes onto
    the form instead, and the answer is None."""
    try:
        return write(**fields, by=request.user)
    except ValidationError as error:
        errors_onto(form, error)
        return None


def added_or_saved(request, form, *, write, adding: bool, **fields):
    """Adds a record (or saves the one being changed) through its service, and says so; a
    refusal goes onto the form instead, and the answer is None."""
    record = written(request, form, write, **fields)
    if record is not None:
        messages.success(request, f"{record.name} is {'added' if adding else 'saved'}.")
    return record
