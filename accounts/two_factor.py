"""Two-factor sign-in (TOTP with django-otp): who must use it, setting it up, checking a code.

A person with an authenticator app set up always gives a code after their password. Whether a
person without one must set one up is the council's choice: OTP_ENFORCE (on in production) for
the roles in OTP_REQUIRED_ROLES, or for everyone with OTP_REQUIRED_FOR_ALL. Recovery codes
(django-otp's static tokens, each good once) cover a lost phone; an administrator can also reset
a person's two-factor sign-in, after which they set it up again.
"""

import io
import logging

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

logger = logging.getLogger(__name__)

AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"
RECOVERY_CODE_COUNT = 10

CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"
CODE_WRONG = "The code is not right. Enter the code your authenticator app shows now"
CODE_OR_RECOVERY_WRONG = (
    "The code is not right. Enter the 6-digit code your authenticator app shows now, "
    "or one of your recovery codes"
)
QR_LABEL = "QR code to scan with your authenticator app"
TOO_MANY_TRIES = "You have entered too many wrong codes. Wait a minute, then try again"
ALREADY_SET_UP = "Two-factor sign-in is already set up for this account"


class TwoFactorError(Exception):
    pass


def two_factor_required_for(*, user: User) -> bool:
    """Must this person have two-factor sign-in before they use the portal?"""
    if not settings.OTP_ENFORCE:
        return False
    if settings.OTP_REQUIRED_FOR_ALL:
        return True
    return user.has_role(*settings.OTP_REQUIRED_ROLES)


def authenticator_for(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def authenticator_start(*, user: User) -> TOTPDevice:
    """The (unconfirmed) authenticator being set up: the same secret until it is confirmed."""
    if authenticator_for(user=user) is not None:
        raise TwoFactorError(ALREADY_SET_UP)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=AUTHENTICATOR, confirmed=False)
        device.full_clean()
        device.save()
    return device


def authenticator_confirm(*, request, user: User, token: str) -> list[str]:
    """Confirms the authenticator with a code it shows; returns new recovery codes (shown once)."""
    token = _normalise(token)
    if not token:
        raise TwoFactorError(CODE_REQUIRED)
    # A wrong code is recorded (django-otp's throttling) and only then refused, outside the
    # transaction, so that refusing does not roll the record back.
    error = None
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            error = ALREADY_SET_UP
        elif not device.verify_is_allowed()[0]:
            error = TOO_MANY_TRIES
        elif not device.verify_token(token):
            error = CODE_WRONG
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _recovery_codes_replace(user=user)
    if error:
        raise TwoFactorError(error)
    otp_login(request, device)
    logger.info("two-factor sign-in set up for user %s", user.pk)
    return codes


def _recovery_codes_replace(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_verify(*, request, user: User, token: str) -> None:
    """Checks a code from the authenticator, or a recovery code, and marks the sign-in verified."""
    token = _normalise(token)
    if not token:
        raise TwoFactorError(CODE_REQUIRED)
    devices = [authenticator_for(user=user)]
    if not token.isdigit():
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    devices = [device for device in devices if device is not None]
    verified, error = None, CODE_OR_RECOVERY_WRONG
    with transaction.atomic():
        for device in devices:
            device = type(device).objects.select_for_update().get(pk=device.pk)
            if not device.verify_is_allowed()[0]:
                error = TOO_MANY_TRIES
                break
            if device.verify_token(token):
                verified = device
                break
    if verified is None:
        raise TwoFactorError(error)  # after the transaction: the wrong code stays counted
    otp_login(request, verified)
    device = verified
    if isinstance(device, StaticDevice):
        logger.info("recovery code used by user %s", user.pk)


def two_factor_reset(*, user: User, by: User | None) -> int:
    """Removes a person's authenticator and recovery codes: they set it up again at next sign-in."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).count()
        removed += StaticDevice.objects.filter(user=user).count()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    logger.info(
        "two-factor sign-in reset for user %s by %s", user.pk, by.pk if by else "the command line"
    )
    return removed


def qr_code_svg(*, text: str) -> str:
    """An SVG QR code of text, to put in the page (no image request, nothing for the CSP)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{QR_LABEL}" ', 1)


def _normalise(token: str) -> str:
    return "".join((token or "").split()).lower()
