"""The one place that reads the environment (django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's .env file, if there is one; the real environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
