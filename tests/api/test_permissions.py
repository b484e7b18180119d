"""Every endpoint, every method, as every kind of caller: the expected status comes from the
small table below (what each resource offers, who may use it, whose children each caller sees),
never from a recorded response."""

import pytest

from .conftest import ALL_SCOPES, make_client

pytestmark = pytest.mark.django_db

METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
CALLERS = ("council", "school", "health", "no_scope", "anonymous", "caseworker")

# resource: (scope name, the record a detail URL names (by the child it is about), methods on
# the list, methods on a record). Every record is about a `world` child, except a setting.
RESOURCES = {
    "children": ("children", "with_plan", {"GET"}, {"GET"}),
    "requests": ("requests", "with_plan", {"GET", "POST"}, {"GET"}),
    "advice": ("advice", "asked", {"GET"}, {"GET", "PATCH"}),
    "plans": ("plans", "with_plan", {"GET"}, {"GET"}),
    "settings": ("settings", None, {"GET"}, {"GET"}),
    "reviews": ("reviews", "with_plan", {"GET"}, {"GET"}),
    "panel-decisions": ("panel_decisions", "with_plan", {"GET"}, {"GET"}),
    "alerts": ("alerts", "asked", {"GET"}, {"GET"}),
}
# (resource, method): the only callers allowed; anyone else with the scope gets 403.
ONLY = {
    ("requests", "POST"): {"council"},
    ("alerts", "GET"): {"council", "caseworker"},
}
# The scopes a school's or health trust's token can hold (the token endpoint grants no others).
HOLDS = {
    "school": {"children", "plans", "reviews", "panel_decisions", "settings"},
    "health": {"children", "plans", "reviews", "panel_decisions", "settings", "requests", "advice"},
}
# Whose children each caller sees (the caseworker's team holds all three).
SEES = {
    "council": {"with_plan", "asked", "other"},
    "school": {"with_plan"},
    "health": {"asked"},
    "caseworker": {"with_plan", "asked", "other"},
}
# What an allowed call answers. The PATCH carries no If-Match: its 428 shows the write handler
# itself was reached; the If-Match protocol is tested in test_api.py.
SUCCESS = {"GET": 200, "POST": 201, "PATCH": 428}


def expected(caller: str, resource: str, detail: bool, method: str) -> int:
    _, child, on_list, on_record = RESOURCES[resource]
    if caller == "anonymous":
        return 401
    if method not in (on_record if detail else on_list):
        return 405
    if caller == "no_scope":
        return 403
    if caller in HOLDS and RESOURCES[resource][0] not in HOLDS[caller]:
        return 403
    if caller not in ONLY.get((resource, method), {caller}):
        return 403
    if detail and child is not None and child not in SEES[caller]:
        return 404
    return SUCCESS[method]


def record_id(resource, world, records):
    child = world[RESOURCES[resource][1]] if RESOURCES[resource][1] else None
    return {
        "children": lambda: child.reference,
        "requests": lambda: child.requests.get().pk,
        "advice": lambda: world["advice"].pk,
        "plans": lambda: child.plans.get().pk,
        "settings": lambda: child_setting(world),
        "reviews": lambda: records["review"].pk,
        "panel-decisions": lambda: records["decisions"]["with_plan"].pk,
        "alerts": lambda: records["alerts"]["asked"].get().pk,
    }[resource]()


def child_setting(world):
    return world["with_plan"].plans.get().named_setting_id


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("caller", CALLERS)
def test_permission_matrix(client, world, records, caseworker, caller, resource):
    scope = RESOURCES[resource][0]
    if caller == "no_scope":
        narrow = " ".join(s for s in ALL_SCOPES.split() if not s.startswith(f"{scope}:"))
        headers, _ = make_client("Narrow council system", "council", scopes=narrow)
    elif caller == "caseworker":
        client.force_login(caseworker)
        headers = {}
    else:
        headers = world.get(caller, {})
    # One body for every write: a valid new request for the child with none, and a valid advice
    # receipt; each endpoint ignores the other's fields.
    body = {
        "child": world["other"].reference,
        "received_on": "2025-02-03",
        "source": "1",
        "received_by_adviser_on": "2025-02-05",
    }
    urls = {
        False: f"/api/v1/{resource}/",
        True: f"/api/v1/{resource}/{record_id(resource, world, records)}/",
    }
    got, want = {}, {}
    for detail, url in urls.items():
        for method in METHODS:
            response = client.generic(
                method,
                url,
                "" if method == "GET" else client._encode_json(body, "application/json"),
                content_type="application/json",
                **headers,
            )
            where = f"{method} {'record' if detail else 'list'}"
            got[where] = response.status_code
            want[where] = expected(caller, resource, detail, method)
            if response.status_code >= 400:
                assert response.json()["status"] == response.status_code, (where, response.content)
    assert got == want
