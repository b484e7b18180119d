"""Shared fixtures: people in each role, real services (fail in CI, never skip there), a browser."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Team, User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DEMO_PASSWORD = "correct-horse-battery-staple"


def service_missing(what: str) -> None:
    """A test whose service is missing fails in CI and is skipped (with the reason) elsewhere."""
    message = f"{what} is not available"
    if IN_CI:
        pytest.fail(f"{message}: CI must run every test against the real service")
    pytest.skip(message)


def port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rate-limit counters never carry from one test to
    the next (on SQLite a rolled-back test's ids are used again, so its API client would inherit
    the last one's count)."""
    from django.core.cache import caches

    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def redis_url(settings):
    url = os.environ.get("REDIS_URL", "")
    if not url or not port_open(url, 6379):
        service_missing("Redis (set REDIS_URL)")
    return url


@pytest.fixture
def postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        service_missing("PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture
def team(db):
    return Team.objects.create(name="North team")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="South team")


def make_user(username: str, *role_names: str, team=None, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=extra.pop("first_name", username.split("_")[0].title()),
        last_name=extra.pop("last_name", "Tester"),
        team=team,
        is_staff=roles.ADMINISTRATOR in role_names,
        **extra,
    )
    # get_or_create: a transactional test flushes the groups the migration made.
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in role_names])
    return user


@pytest.fixture
def make_person(db):
    return make_user


@pytest.fixture
def caseworker(db, team):
    return make_user("casey_worker", roles.CASEWORKER, team=team)


@pytest.fixture
def other_caseworker(db, other_team):
    return make_user("other_worker", roles.CASEWORKER, team=other_team)


@pytest.fixture
def manager(db, team):
    user = make_user("mandy_manager", roles.MANAGER)
    team.managers.add(user)
    return user


@pytest.fixture
def head_of_service(db):
    return make_user("hope_head", roles.HEAD_OF_SERVICE)


@pytest.fixture
def panel_member(db):
    return make_user("pat_panel", roles.PANEL_MEMBER)


@pytest.fixture
def directory_editor(db):
    return make_user("dee_editor", roles.DIRECTORY_EDITOR)


@pytest.fixture
def administrator(db):
    return make_user("ada_admin", roles.ADMINISTRATOR)


@pytest.fixture
def people(caseworker, manager, head_of_service, panel_member, directory_editor, administrator):
    """One person in each role, keyed by role name."""
    return {
        roles.CASEWORKER: caseworker,
        roles.MANAGER: manager,
        roles.HEAD_OF_SERVICE: head_of_service,
        roles.PANEL_MEMBER: panel_member,
        roles.DIRECTORY_EDITOR: directory_editor,
        roles.ADMINISTRATOR: administrator,
    }
