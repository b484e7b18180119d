"""/api/v1/docs/ is served wholly by the portal: the page names no other host for anything it
loads, and Redoc's script is ours, without the logo it would fetch from Redocly's CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db

LOADS = re.compile(r"""(?:src|href|action|url)\s*[=(]\s*["']?((?:https?:)?//[^"' )>]+)""", re.I)


def test_the_docs_page_loads_nothing_from_another_host(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert LOADS.findall(page) == []
    assert not re.search(r"https?://", page), "an absolute address to another host"
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
    assert scripts == ["/api/v1/docs/redoc.standalone.js"]


def test_redocs_script_is_served_here_without_the_cdn_logo(client):
    response = client.get("/api/v1/docs/redoc.standalone.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    script = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Redoc" in script and len(script) > 500_000
    assert b"cdn.redoc.ly" not in script
    assert not re.search(rb"src:\s*\"https?://", script), "an image fetched from another host"
