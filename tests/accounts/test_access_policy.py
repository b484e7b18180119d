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
        "workspace:case": case,
        "workspace:plan_version": {**case, "number": 1},
        "workspace:plan_compare": case,
        "cases:hand_over": case,
        "workspace:team_hand_over": {"pk": caseworker.pk},
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
        **{
            f"administration:{name}": {"pk": 1}
            for name in (
                "staff_member",
                "staff_deactivate",
                "staff_reactivate",
                "staff_password",
                "team_edit",
                "panel_type_edit",
                "panel_type_delete",
                "api_client",
                "api_client_rotate",
            )
        },
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


# Every download, export and bulk operation, with exactly the roles that may use it. A new file
# or bulk action must be added here, and widening one is a visible change to this table.
# The head of service has the service's figures and the SEN2 return, not case records: case and
# panel pages refuse the role (a manager of every team would be a case-access decision of its own).
CASE_ROLES = {roles.CASEWORKER, roles.MANAGER}
PANEL_ROLES = {roles.PANEL_MEMBER, *CASE_ROLES}
DOWNLOADS_AND_BULK = {
    "reporting:figure_csv": {roles.MANAGER, roles.HEAD_OF_SERVICE},
    "reporting:sen2_xml": {roles.HEAD_OF_SERVICE},
    "reporting:sen2_csv": {roles.HEAD_OF_SERVICE},
    "local_offer:export": {roles.DIRECTORY_EDITOR},
    "cases:hand_over": {roles.MANAGER},  # one case, or the whole caseload of its caseworker
    "workspace:plan_version": CASE_ROLES,  # the plan laid out for printing
    "workspace:children_csv": CASE_ROLES,  # the children list, downloaded
    "workspace:team_hand_over": {roles.MANAGER},  # a caseworker's whole caseload
    "panels:meeting": PANEL_ROLES,  # the agenda: the panel pack
    "panels:item": PANEL_ROLES,  # the papers and the outcome letter
}
DOWNLOAD_ENDINGS = (".csv", ".xml", ".zip", ".pdf", ".json", "export/", "download/")


def test_downloads_exports_and_bulk_operations_are_for_exactly_the_roles_listed():
    by_name = {name: policy_of(view) for _, name, view in ALL_URLS if name}
    problems = [
        f"{name}: {sorted(by_name.get(name) or ())} != {sorted(expected)}"
        for name, expected in DOWNLOADS_AND_BULK.items()
        if set(by_name.get(name) or ()) != expected
    ]
    assert not problems, "\n".join(problems)


def test_every_file_download_is_in_the_table():
    unlisted = [
        name or route
        for route, name, view in ALL_URLS
        if route.rstrip("$").endswith(DOWNLOAD_ENDINGS)
        and policy_of(view) not in (PUBLIC, API)
        and name not in DOWNLOADS_AND_BULK
    ]
    assert not unlisted, f"add these downloads to DOWNLOADS_AND_BULK: {unlisted}"


# Within a role, what each person may reach: a case of team 1 through each page, file and bulk
# operation, tried by everyone. "sees" means the page answers and names the case; anyone else
# gets 403 or 404 and nothing about the case.
ACTORS = (
    "worker_1",
    "worker_2",
    "manager_1",
    "manager_2",
    "sitting_member",
    "other_member",
    roles.HEAD_OF_SERVICE,
    roles.DIRECTORY_EDITOR,
    roles.ADMINISTRATOR,
)
SEES_THE_CASE = {
    "case page": {"worker_1", "manager_1"},
    "printable plan": {"worker_1", "manager_1"},
    "caseload search": {"worker_1", "manager_1"},
    "home page": {"worker_1", "manager_1"},
    "panel agenda": {"worker_1", "manager_1", "sitting_member"},
    "panel papers and letter": {"worker_1", "manager_1", "sitting_member"},
    "hand-over form": {"manager_1"},
    "children list": {"worker_1", "manager_1"},
    "children download": {"worker_1", "manager_1"},
    "team view": {"manager_1"},
    "caseload hand-over form": {"manager_1"},
}


@pytest.fixture
def two_teams(make_person):
    import datetime

    import time_machine

    from accounts.models import Team
    from panels.models import Meeting, Membership, PanelType
    from panels.services import agenda_item_add
    from tests.cases import factories

    team_1 = Team.objects.create(name="Team 1")
    team_2 = Team.objects.create(name="Team 2")
    people = {
        "worker_1": make_person("worker_one", roles.CASEWORKER, team=team_1),
        "worker_2": make_person("worker_two", roles.CASEWORKER, team=team_2),
        "manager_1": make_person("manager_one", roles.MANAGER),
        "manager_2": make_person("manager_two", roles.MANAGER),
        "sitting_member": make_person("sitting_member", roles.PANEL_MEMBER),
        "other_member": make_person("other_member", roles.PANEL_MEMBER),
        roles.HEAD_OF_SERVICE: make_person("head_person", roles.HEAD_OF_SERVICE),
        roles.DIRECTORY_EDITOR: make_person("editor_person", roles.DIRECTORY_EDITOR),
        roles.ADMINISTRATOR: make_person("admin_person", roles.ADMINISTRATOR),
    }
    team_1.managers.add(people["manager_1"])
    team_2.managers.add(people["manager_2"])
    with time_machine.travel(datetime.date(2025, 1, 6), tick=False):
        child = factories.child(
            by=people["worker_1"], team=team_1, caseworker=people["worker_1"], surname="Team-One"
        )
        # An open request: its decision is overdue, so the case is on every list of steps.
        factories.request_received(
            by=people["worker_1"], child=child, received_on=datetime.date(2024, 11, 4)
        )
        planned = factories.child(
            by=people["worker_1"],
            team=team_1,
            caseworker=people["worker_1"],
            surname="Team-One",
            upn="",
            upn_unknown_reason="UN1",
        )
        factories.plan_issued(
            by=people["worker_1"], child=planned, received_on=datetime.date(2024, 6, 3)
        )
        panel_type = PanelType.objects.create(name="Placement panel", kind="placement")
        meeting = Meeting.objects.create(
            panel_type=panel_type,
            held_on=datetime.date(2025, 1, 20),
            chair=people["sitting_member"],
        )
        Membership.objects.create(
            meeting=meeting, user=people["sitting_member"], professional_role="sen"
        )
        item = agenda_item_add(
            meeting=meeting, child=child, summary="A change of placement.", by=people["worker_1"]
        )
    return {
        "people": people,
        "child": child,
        "planned": planned,
        "meeting": meeting,
        "item": item,
    }


def _try(client, operation: str, world) -> tuple[int, str, str]:
    """The answer's status and body, and what in it would name the case."""
    ref = world["child"].reference
    if operation == "caseload search":
        # Posted, as the page does, so the term never lands in a URL; the term typed is echoed
        # in the box, so a case shown is a link to it.
        response = client.post("/cases/", {"scope": "all", "q": ref})
        return response.status_code, response.content.decode(), f'href="/cases/{ref}/"'
    if operation in ("team view", "caseload hand-over form"):
        # These name the caseworker, not the case: a manager of another team must not see them.
        worker = world["people"]["worker_1"]
        url = "/team/" if operation == "team view" else f"/team/{worker.pk}/hand-over/"
        response = client.get(url)
        marker = (
            f'href="/team/{worker.pk}/hand-over/"'
            if operation == "team view"
            else "Hand over the caseload of"
        )
        return response.status_code, response.content.decode(), marker
    if operation == "printable plan":
        ref = world["planned"].reference
        response = client.get(f"/cases/{ref}/plan/1/")
        return response.status_code, response.content.decode(), ref
    url = {
        "case page": f"/cases/{ref}/",
        "home page": "/",
        "panel agenda": f"/panels/{world['meeting'].pk}/",
        "panel papers and letter": f"/panels/items/{world['item'].pk}/",
        "hand-over form": f"/cases/{ref}/hand-over/",
        "children list": "/children/?scope=all",
        "children download": "/children/children.csv?scope=all",
    }[operation]
    response = client.get(url)
    return response.status_code, response.content.decode(), ref


@pytest.mark.parametrize("operation", sorted(SEES_THE_CASE))
def test_each_person_reaches_a_teams_case_only_where_they_may(client, two_teams, operation):
    problems = []
    for actor in ACTORS:
        client.force_login(two_teams["people"][actor])
        status, body, marker = _try(client, operation, two_teams)
        sees = status == 200 and marker in body
        if actor in SEES_THE_CASE[operation] and not sees:
            problems.append(f"{actor} should see the case ({status})")
        if actor not in SEES_THE_CASE[operation]:
            if sees or "Team-One" in body:
                problems.append(f"{actor} was shown the case ({status})")
            if status not in (200, 403, 404):
                problems.append(f"{actor} got {status}")
    assert not problems, f"{operation}: " + "; ".join(problems)


@pytest.mark.parametrize("actor", ["manager_2", "worker_1", "worker_2", roles.HEAD_OF_SERVICE])
@pytest.mark.parametrize("whole_caseload", [False, True])
def test_only_the_teams_manager_hands_a_case_or_a_caseload_over(
    client, two_teams, make_person, actor, whole_caseload
):
    from accounts.models import User

    child = two_teams["child"]
    team_2_worker = two_teams["people"]["worker_2"]
    client.force_login(two_teams["people"][actor])
    data = {"to": team_2_worker.pk, **({"whole_caseload": "on"} if whole_caseload else {})}
    response = client.post(f"/cases/{child.reference}/hand-over/", data)
    assert response.status_code in (403, 404)
    child.refresh_from_db()
    assert child.lead_caseworker == two_teams["people"]["worker_1"]
    assert child.team.name == "Team 1"
    # The team's own manager may, to a caseworker of a team they manage, and no one else's.
    manager_1 = two_teams["people"]["manager_1"]
    client.force_login(manager_1)
    response = client.post(f"/cases/{child.reference}/hand-over/", data)
    assert response.status_code == 200
    assert "only to a caseworker in a team you manage" in response.content.decode()
    child.refresh_from_db()
    assert child.lead_caseworker == two_teams["people"]["worker_1"]
    colleague = make_person("team_one_colleague", roles.CASEWORKER, team=child.team)
    response = client.post(f"/cases/{child.reference}/hand-over/", {**data, "to": colleague.pk})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.lead_caseworker == User.objects.get(pk=colleague.pk)
