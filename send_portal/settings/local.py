"""A developer's machine: the embedded default unless DATABASE_URL / REDIS_URL say otherwise."""

from .base import *  # noqa: F403
from .env import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-a-secret"  # noqa: F405
