"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "3f9a-8c2e-41d7-b6a0-e5c4d2f1a9b8-unique-value"


def run(args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "send_portal.settings.production",
            "ALLOWED_HOSTS": "send.example.gov.uk",
        }
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["check"])
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run(["check"], SECRET_KEY=GOOD_KEY, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run(["check", "--deploy", "--fail-level", "WARNING"], SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


SHOW = """
import json
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "sessions": settings.SESSION_ENGINE,
    "storage": type(storages["default"]).__name__,
    "storage_backend": settings.STORAGES["default"]["BACKEND"],
    "bucket": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "email": settings.EMAIL_BACKEND,
    "email_host": settings.EMAIL_HOST,
    "email_port": settings.EMAIL_PORT,
    "email_tls": settings.EMAIL_USE_TLS,
    "redirect_exempt": settings.SECURE_REDIRECT_EXEMPT,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def production_settings(**env_overrides):
    env = {"SECRET_KEY": GOOD_KEY, "REDIS_URL": "", "REDIS_CACHE_URL": ""}
    env.update(env_overrides)
    result = run(["shell", "-c", SHOW], **env)
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_counts_rate_limits_in_redis_shared_by_every_worker():
    shown = production_settings(REDIS_URL="redis://redis:6379/0")
    assert shown["cache"] == "send_portal.cache.SharedRedisCache"
    assert shown["cache_location"] == "redis://redis:6379/0"
    assert shown["sessions"] == "django.contrib.sessions.backends.db"
    own = production_settings(REDIS_URL="redis://redis:6379/0", REDIS_CACHE_URL="redis://c:6379/1")
    assert own["cache_location"] == "redis://c:6379/1"


def test_without_redis_the_embedded_default_keeps_a_cache_in_memory():
    shown = production_settings()
    assert shown["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["sessions"] == "django.contrib.sessions.backends.db"


def test_sen2_files_go_to_object_storage_when_a_bucket_is_named():
    assert production_settings()["storage"] == "FileSystemStorage"
    shown = production_settings(AWS_STORAGE_BUCKET_NAME="council-send-files")
    assert shown["storage"] == "S3Storage"
    assert shown["bucket"] == "council-send-files"


def test_without_email_url_emails_go_to_the_log_and_with_it_to_the_relay():
    assert production_settings()["email"] == "django.core.mail.backends.console.EmailBackend"
    shown = production_settings(EMAIL_URL="smtp+tls://user:pass@smtp.example.gov.uk:587")
    assert shown["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (shown["email_host"], shown["email_port"], shown["email_tls"]) == (
        "smtp.example.gov.uk",
        587,
        True,
    )


def test_tls_ends_at_the_proxy_and_the_health_check_is_answered_over_http():
    shown = production_settings()
    assert shown["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["redirect_exempt"] == ["^healthz$"]


def test_an_empty_database_url_means_the_embedded_default():
    # What `DATABASE_URL= REDIS_URL= bin/test` and .ci/run's SQLite pass rely on.
    result = run(
        ["shell", "-c", "from django.conf import settings; print(settings.DATABASES['default'])"],
        SECRET_KEY=GOOD_KEY,
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3" in result.stdout and "db.sqlite3" in result.stdout
