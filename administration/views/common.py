"""Shared by the set-up pages: the administrators-only policy and service refusals shown on
forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from accounts import roles
from accounts.access import roles_required

administrators_only = roles_required(roles.ADMINISTRATOR)


def errors_onto(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: against its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            for problem in problems:
                for message in problem.messages:
                    form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def added_or_saved(request, form, *, write, adding: bool, **fields):
    """Adds a record (or saves the one being changed) through its service, and says so; a
    refusal goes onto the form instead, and the answer is None."""
    try:
        record = write(**fields, by=request.user)
    except ValidationError as error:
        errors_onto(form, error)
        return None
    messages.success(request, f"{record.name} is {'added' if adding else 'saved'}.")
    return record
