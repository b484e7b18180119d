"""Shared by the set-up pages: the administrators-only policy, adding or saving a record with a
service's refusal shown on the form, and the pages that show a new secret once."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required
from core.forms import errors_onto

administrators_only = roles_required(roles.ADMINISTRATOR)

__all__ = [
    "CLIENT_SECRET",
    "PASSWORD",
    "OneTimeSecret",
    "added_or_saved",
    "administrators_only",
    "errors_onto",
    "written",
]


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


@dataclass(frozen=True)
class OneTimeSecret:
    """A secret made for a record (an API client's secret, a member of staff's sign-in password):
    shown in one response only, on `template` (as `secret_as`, beside the record as `record_as`),
    never stored or sent anywhere else. The views that show it are never cached."""

    template: str
    record_as: str
    secret_as: str

    def shown(self, request, record, secret: str, *, new: bool):
        return render(
            request, self.template, {self.record_as: record, self.secret_as: secret, "new": new}
        )

    def renewal(self, request, record, renew, *, ask: str):
        """On POST, a new secret from `renew(by=...)`, shown once; otherwise the page `ask`, which
        asks the administrator to confirm."""
        if request.method == "POST":
            return self.shown(request, record, renew(by=request.user), new=False)
        return render(request, ask, {self.record_as: record})


CLIENT_SECRET = OneTimeSecret("administration/secret_once.html", "client", "secret")
PASSWORD = OneTimeSecret("administration/password_once.html", "person", "password")
