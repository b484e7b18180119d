"""A manager narrows the reports to one caseworker of their teams: the forecast of assessments
that will miss 20 weeks, the figures and the downloads agree; a caseworker of another team is
refused with a message, never shown."""

import pytest
import time_machine

from accounts import roles
from cases.models import Child

from .test_views import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(council, make_person, team):
    """A second North caseworker, who leads O4's and O2's cases (both at risk)."""
    person = make_person("sam_second", roles.CASEWORKER, team=team, last_name="Second")
    Child.objects.filter(pk__in=[council.children["O4"].pk, council.children["O2"].pk]).update(
        lead_caseworker=person
    )
    return person


def at_risk(body: str) -> str:
    start = body.index('id="figure-breaches"')
    return body[start : body.index("</section>", start)]


@time_machine.travel(NOW, tick=False)
def test_the_forecast_list_narrows_to_one_caseworker(
    client, manager, council, second, other_caseworker
):
    client.force_login(manager)
    everyone = at_risk(client.get("/reports/measures/").content.decode())
    assert council.children["O4"].reference in everyone
    assert council.children["O3b"].reference in everyone  # led by casey_worker
    body = client.get(f"/reports/measures/?caseworker={second.pk}").content.decode()
    theirs = at_risk(body)
    assert council.children["O4"].reference in theirs
    assert council.children["O2"].reference in theirs
    assert council.children["O3b"].reference not in theirs
    assert "2 open assessments" in theirs  # the count agrees with the list
    assert "lead caseworker Sam Second (North team)" in body
    # The choice offers this manager's caseworkers only.
    assert (
        "Sam Second (North team)" in body
        and "Other" not in body.split('name="caseworker"')[1].split("</select>")[0]
    )


@time_machine.travel(NOW, tick=False)
def test_another_team_s_caseworker_is_refused_with_a_message(
    client, manager, council, other_caseworker
):
    client.force_login(manager)
    response = client.get(f"/reports/measures/?caseworker={other_caseworker.pk}")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose a caseworker in a team you manage" in body
    assert "lead caseworker Other" not in body


@time_machine.travel(NOW, tick=False)
def test_a_caseworker_outside_the_chosen_team_is_refused(
    client, head_of_service, council, other_team, second
):
    client.force_login(head_of_service)
    response = client.get(f"/reports/measures/?team={other_team.pk}&caseworker={second.pk}")
    assert response.status_code == 400
    assert (
        "Choose a caseworker in the team chosen, or choose all teams" in response.content.decode()
    )
    ok = client.get(f"/reports/measures/?team={council.team.pk}&caseworker={second.pk}")
    assert ok.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_figures_and_download_follow_the_caseworker(client, manager, council, second):
    client.force_login(manager)
    # Of North's 6 new plans none is led by Sam Second; of the open requests two are.
    body = client.get(f"/reports/?caseworker={second.pk}").content.decode()
    assert "of 0 new plans" in body
    lines = (
        client.get(f"/reports/download.csv?figure=caseload&caseworker={second.pk}")
        .content.decode()
        .splitlines()
    )
    assert "Filter: Lead caseworker,Sam Second (North team)" in lines
    assert lines[-1] == "Sam Second,2,0,2"
    links = client.get(f"/reports/cohort/?caseworker={second.pk}").content.decode()
    assert f"caseworker={second.pk}" in links.split('id="figure-caseload"')[1]
