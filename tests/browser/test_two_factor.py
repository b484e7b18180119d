"""Two-factor sign-in pages in chromium: set up, recovery codes, the code after the password."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_manager_sets_up_two_factor_and_then_signs_in_with_a_code(page, settings, manager):
    settings.OTP_ENFORCE = True
    sign_in(page, manager.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 375")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    page.wait_for_timeout(1100)  # one wrong code: a second's wait before the next try
    page.get_by_label("Code from your authenticator app").fill(current_code(manager))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in is on")
    codes = page.locator(".portal-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
