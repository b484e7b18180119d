"""Only administrators reach the set-up pages; a Django superuser counts as one there, and
nowhere else. Walks every URL of the administration app with each role."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from accounts import roles
from accounts.access import policy_of
from accounts.models import User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def administration_urls():
    resolver = get_resolver()
    for entry in resolver.url_patterns:
        if getattr(entry, "app_name", None) == "administration":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern)
                yield f"administration:{pattern.name}", pattern.callback


ADMIN_URLS = list(administration_urls())


@pytest.fixture
def url_samples(administrator, team):
    from panels.models import PanelType

    panel_type = PanelType.objects.create(name="Decision to assess panel", kind="assess")
    from administration.services import api_client_register

    client, _secret = api_client_register(
        name="Health system",
        partner=None,
        new_partner_name="Northshire Health Trust",
        new_partner_kind="health",
        by=administrator,
    )
    other = make_user("olly_other", roles.CASEWORKER, team=team)
    return {
        "administration:staff_member": {"pk": other.pk},
        "administration:staff_deactivate": {"pk": other.pk},
        "administration:staff_reactivate": {"pk": other.pk},
        "administration:staff_password": {"pk": other.pk},
        "administration:team_edit": {"pk": team.pk},
        "administration:panel_type_edit": {"pk": panel_type.pk},
        "administration:panel_type_delete": {"pk": panel_type.pk},
        "administration:api_client": {"pk": client.pk},
        "administration:api_client_rotate": {"pk": client.pk},
    }


def test_the_walk_finds_every_page():
    names = {name for name, _view in ADMIN_URLS}
    assert {"administration:index", "administration:staff", "administration:council"} <= names
    assert len(ADMIN_URLS) >= 20


def test_every_administration_view_allows_administrators_only():
    wrong = [name for name, view in ADMIN_URLS if policy_of(view) != (roles.ADMINISTRATOR,)]
    assert not wrong, f"not limited to administrators: {wrong}"


def _url(name, samples):
    return reverse(name, kwargs=samples.get(name, {}))


@pytest.mark.parametrize("role", (*roles.ALL, None), ids=lambda r: r or "anonymous")
def test_each_role_is_refused_or_let_in(client, url_samples, role):
    if role:
        client.force_login(make_user(f"someone_{role}", role))
    problems = []
    for name, _view in ADMIN_URLS:
        url = _url(name, url_samples)
        response = client.get(url)
        if role == roles.ADMINISTRATOR:
            if response.status_code not in (200, 405):
                problems.append(f"{url}: administrator got {response.status_code}")
        elif role is None:
            if response.status_code != 302 or "/sign-in/" not in response["Location"]:
                problems.append(f"{url}: anonymous got {response.status_code}")
        elif response.status_code != 403:
            problems.append(f"{url}: {role} got {response.status_code}")
        if role != roles.ADMINISTRATOR:
            # A refused POST writes nothing.
            response = client.post(url, {"name": "x"})
            if response.status_code not in (302, 403):
                problems.append(f"POST {url}: {role or 'anonymous'} got {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_superuser_is_an_administrator_here_and_nowhere_else(client):
    superuser = User.objects.create_superuser("root", "root@example.gov.uk", "a-long-password-1")
    client.force_login(superuser)
    assert client.get("/administration/").status_code == 200
    assert client.get("/administration/staff/").status_code == 200
    assert client.get("/cases/").status_code == 403
    assert client.get("/reports/").status_code == 403


def test_a_deactivated_administrator_is_refused(client, administrator):
    client.force_login(administrator)
    User.objects.filter(pk=administrator.pk).update(is_active=False)
    response = client.get("/administration/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_administrator_navigation_leads_to_the_portal_pages(client, administrator):
    client.force_login(administrator)
    body = client.get("/").content.decode()
    assert 'href="/administration/"' in body
    assert 'href="/admin/"' not in body


def test_an_administrators_home_page_says_what_is_left_to_set_up(client, administrator):
    client.force_login(administrator)
    body = client.get("/").content.decode()
    assert "Setting up Demo Borough Council" in body
    assert "Check and save the council" in body
    assert 'href="/administration/staff/add/"' in body


def test_other_roles_home_pages_have_no_set_up_section(client, caseworker):
    client.force_login(caseworker)
    assert "Setting up" not in client.get("/").content.decode()
