"""Each log record is printed once; a refusal (403) is one line without a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging
import django
django.setup()
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response

request = RequestFactory().get("/reports/")
try:
    raise PermissionDenied
except PermissionDenied as exc:
    log_response("Forbidden (Permission denied): %s", request.path, response=HttpResponse(status=403), request=request, exception=exc)
logging.getLogger("django.security.csrf").warning(
    "Forbidden (CSRF cookie not set.): %s", "/sign-in/", extra={"status_code": 403, "request": request}
)
logging.getLogger("cases.services").info("case SEND-0000001 opened")
try:
    raise ValueError("boom")
except ValueError as exc:
    log_response("Internal Server Error: %s", "/cases/", response=HttpResponse(status=500), request=request, exception=exc)
"""


@pytest.mark.parametrize(
    "settings_module", ["send_portal.settings.local", "send_portal.settings.production"]
)
def test_each_record_is_printed_once_and_refusals_carry_no_traceback(settings_module):
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "LOG_LEVEL")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="log-test-" + "5c1e9a7b-2f4d-4e8a-9b3c-6d7e8f9a0b1c" * 2,
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    log = result.stderr
    assert log.count("Forbidden (Permission denied): /reports/") == 1, log
    assert log.count("Forbidden (CSRF cookie not set.): /sign-in/") == 1, log
    assert log.count("case SEND-0000001 opened") == 1, log
    assert log.count("Internal Server Error: /cases/") == 1, log
    # Only the server error carries a traceback.
    assert log.count("Traceback") == 1 and "ValueError: boom" in log, log
    assert "PermissionDenied" not in log, log
