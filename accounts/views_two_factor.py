"""Two-factor sign-in pages: the code after the password, and setting up an authenticator app."""

from base64 import b32encode
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters

from . import roles
from .access import roles_required
from .forms import TwoFactorCodeForm
from .two_factor import (
    TwoFactorError,
    authenticator_confirm,
    authenticator_for,
    authenticator_start,
    qr_code_svg,
    recovery_codes_left,
    two_factor_required_for,
    two_factor_verify,
)


def safe_next(request) -> str:
    """Where the person was going, if it is a page of this portal; else the home page."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@roles_required(*roles.ALL)
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(safe_next(request))
    if authenticator_for(user=user) is None:
        return redirect(f"{_setup_url()}?{REDIRECT_FIELD_NAME}={_quoted_next(request)}")
    form = TwoFactorCodeForm(
        request.POST or None,
        label="Code from your authenticator app",
        hint="The 6-digit code your app shows now. If you have lost your phone, enter one of "
        "your recovery codes.",
        recovery=True,
    )
    if request.method == "POST":
        try:
            two_factor_verify(request=request, user=user, token=request.POST.get("code", ""))
        except TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            return redirect(safe_next(request))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_value(request)},
    )


@roles_required(*roles.ALL)
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    if authenticator_for(user=user) is not None:
        return render(
            request,
            "registration/two_factor_set_up.html",
            {
                "recovery_codes_left": recovery_codes_left(user=user),
                "next": _next_value(request),
            },
        )
    device = authenticator_start(user=user)
    form = TwoFactorCodeForm(
        request.POST or None,
        label="Code from your authenticator app",
        hint="Enter the 6-digit code the app shows after you have added the portal to it.",
    )
    if request.method == "POST":
        try:
            codes = authenticator_confirm(
                request=request, user=user, token=request.POST.get("code", "")
            )
        except TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            return render(
                request,
                "registration/two_factor_recovery_codes.html",
                {"codes": codes, "next": safe_next(request)},
            )
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_code_svg(text=device.config_url),
            "secret": " ".join(_chunks(b32encode(device.bin_key).decode(), 4)),
            "required": two_factor_required_for(user=user),
            "next": _next_value(request),
        },
    )


def _setup_url() -> str:
    return reverse("two_factor_setup")


def _next_value(request) -> str:
    target = safe_next(request)
    return "" if target == resolve_url(settings.LOGIN_REDIRECT_URL) else target


def _quoted_next(request) -> str:
    return quote(_next_value(request) or "/", safe="/")


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]
