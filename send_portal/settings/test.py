"""The test suite: fast password hashing, mail kept in memory."""

from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Tasks run in-process in tests; the end-to-end test starts a real worker and switches this off.
CELERY_TASK_ALWAYS_EAGER = True
# Each test starts with an empty cache of its own (tests/conftest.py clears it), so a rate limit
# counted in one test never throttles the next; tests/test_production_shape.py proves the shared
# Redis cache of the production settings.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# On SQLite the test database is a file beside the configured one, not Django's shared in-memory
# database: in that one two threads writing at once fail at once ("table is locked") instead of
# taking turns as they do on a SQLite file (the API's concurrent Idempotency-Key test).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _database = Path(DATABASES["default"]["NAME"])  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_database.with_name(f"test_{_database.name}"))}  # noqa: F405
