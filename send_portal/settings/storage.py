"""Where files, cached values and sessions live, so that every web and worker process - on one
machine or many - shares them, and none keeps them in its own memory.

Files (the SEN2 return's XML and CSV, written by the worker and downloaded through `web`): the
folder MEDIA_ROOT, which docker-compose.yml mounts as the named volume `media` in both; or object
storage (Amazon S3 or compatible) through django-storages when AWS_STORAGE_BUCKET_NAME is set.
Files are only ever served through the portal's own views, which check access: keep the bucket
private.

The cache (the API's rate limits): Redis when REDIS_URL is set, so a limit holds across every
gunicorn worker and machine; without Redis, this process's memory, which is right only for the
embedded default's single process. Sessions live in the database in every environment.
"""

from .env import BASE_DIR, env

MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Credentials come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) or the
    # machine's role, read by boto3 itself; they never pass through the settings.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "location": env("AWS_LOCATION", default=""),
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_CACHE_URL = env("REDIS_CACHE_URL", default="") or env("REDIS_URL", default="")
if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "send_portal.cache.SharedRedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": "send-portal",
            # A cache that does not answer is skipped quickly rather than holding up a page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"
