import re

import pytest

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", ["/sign-in/", "/accessibility/", "/no-such-page/", "/"])
def test_every_page_carries_a_strict_content_security_policy(client, caseworker, path):
    client.force_login(caseworker)
    response = client.get(path)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[directive]
        assert "'unsafe-eval'" not in directives[directive]


def test_inline_scripts_carry_the_nonce_of_their_own_response(client):
    first, second = client.get("/sign-in/"), client.get("/sign-in/")
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        body = response.content.decode()
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
        assert inline_scripts, "the GOV.UK template has inline scripts"
        assert all(f'nonce="{nonce}"' in attrs for attrs in inline_scripts)
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_permissions_policy_turns_off_device_features(client):
    policy = client.get("/sign-in/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_the_api_carries_the_headers_too(client):
    response = client.get("/api/v1/children/")
    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response
