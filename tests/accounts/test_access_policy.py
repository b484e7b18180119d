"""Deny by default: every URL declares who may use it, and each role gets exactly that."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import roles
from accounts.access import API, PUBLIC, policy_of

pytestmark = pytest.mark.django_db

# Sample arguments for URLs that take them. A new URL with arguments must add a sample here
# (built from the `url_samples` fixture) or the walk below fails.
ROLES_AND_ANONYMOUS = (*roles.ALL, None)
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin is checked on its own below
            ns = entry.namespace or namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.callback


ALL_URLS = list(walk())


@pytest.fixture
def url_samples(db, caseworker, team):
    """Keyword arguments for each named URL with parameters."""
    import datetime

    from tests.cases import factories

    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    case = {"reference": child.reference}

    from reporting.models import Sen2Return

    sen2 = Sen2Return.objects.create(
        census_date=datetime.date(2026, 1, 15),
        dmo_in_post="Yes",
        dco_in_post="Yes",
        dsco_in_post="No",
    )
    return {
        "reporting:sen2_status": {"pk": sen2.pk},
        "reporting:sen2_xml": {"pk": sen2.pk},
        "reporting:sen2_csv": {"pk": sen2.pk},
        "alerts:read": {"pk": 1},  # POST only: a GET is refused (403) or not allowed (405)
        "cases:case": case,
        "cases:plan_version": {**case, "number": 1},
        "cases:plan_compare": case,
        "cases:hand_over": case,
        "cases:step": {**case, "step": "note"},
        "panels:meeting": {"pk": 1},
        "panels:members": {"pk": 1},
        "panels:attendance": {"pk": 1},
        "panels:item": {"pk": 1},
        "panels:confirm": {"pk": 1},
        "panels:conflict": {"pk": 1},
        "panels:agenda_add": case,
        "local_offer:service": {"pk": UNKNOWN},
        "local_offer:service_edit": {"pk": UNKNOWN},
        "local_offer:feedback_handled": {"pk": 1},
        "oruk:service": {"pk": UNKNOWN},
        "oruk:service_at_location": {"pk": UNKNOWN},
        "oruk:taxonomy": {"pk": UNKNOWN},
        "oruk:taxonomy_term": {"pk": UNKNOWN},
    }


def concrete(route: str, name: str, samples: dict) -> str:
    from django.urls import reverse

    if "<" not in route and "(?P" not in route:
        return "/" + route.lstrip("^").rstrip("$")
    assert name in samples, f"add a sample for the URL {name!r} ({route}) to url_samples"
    return reverse(name, kwargs=samples[name])


def test_every_view_declares_who_may_use_it():
    undeclared = [name or route for route, name, view in ALL_URLS if not policy_of(view)]
    assert not undeclared, f"views without an access policy: {undeclared}"


@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS, ids=lambda r: r or "anonymous")
def test_each_role_gets_exactly_what_each_view_allows(client, people, url_samples, role):
    if role:
        client.force_login(people[role])
    problems = []
    for route, name, view in ALL_URLS:
        policy = policy_of(view)
        if policy == API:
            continue  # the API authorises itself; tests/api walks it per client
        url = concrete(route, name, url_samples)
        response = client.get(url)
        allowed = policy == PUBLIC or (role is not None and role in policy)
        if allowed and response.status_code in (401, 403):
            problems.append(f"{url}: {role} refused ({response.status_code})")
        if not allowed:
            if role is None and response.status_code == 302:
                if "/sign-in/" not in response["Location"]:
                    problems.append(f"{url}: anonymous redirected elsewhere")
            elif response.status_code != 403:
                problems.append(
                    f"{url}: {role or 'anonymous'} not refused ({response.status_code})"
                )
    assert not problems, "\n".join(problems)


def test_an_undeclared_view_is_refused(rf, caseworker):
    from django.core.exceptions import PermissionDenied
    from django.urls import ResolverMatch

    from accounts.middleware import AccessPolicyMiddleware

    def undeclared(request):
        raise AssertionError("must not run")

    request = rf.get("/anything")
    request.user = caseworker
    request.resolver_match = ResolverMatch(undeclared, (), {}, url_name="undeclared")
    with pytest.raises(PermissionDenied):
        AccessPolicyMiddleware(lambda r: None).process_view(request, undeclared, (), {})


@pytest.mark.parametrize("role", ROLES_AND_ANONYMOUS, ids=lambda r: r or "anonymous")
def test_only_administrators_reach_the_admin(client, people, role):
    if role:
        client.force_login(people[role])
    response = client.get("/admin/")
    if role == roles.ADMINISTRATOR:
        assert response.status_code == 200
    elif role is None:
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_forbidden_page_is_friendly_and_leaks_nothing(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/admin/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "You cannot see this page" in body
    assert "Traceback" not in body and "PermissionDenied" not in body


def test_unknown_page_is_friendly(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/cases/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
