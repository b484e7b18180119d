"""Logging: plain, structured lines with case references only, never a child's details.

Every record is printed once, by the root logger's one handler: Django's own loggers (`django`,
`django.request`, `django.security.*`) have no handlers of their own here and only pass their
records up. A refusal (403) is logged as one line without a traceback: it is the portal doing its
job, not an error; server errors (500) keep theirs.
"""

import logging

from .env import env


class RefusalsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"refusals_without_traceback": {"()": RefusalsWithoutTraceback}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["refusals_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default configuration gives `django` a console handler of its own (when DEBUG
        # is on) as well as passing records up to the root: each line would be printed twice.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
