"""Panel types and quorum rules, partner API clients, and the first administrator."""

import base64
import datetime
import html
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from oauth2_provider.models import AccessToken, Application

from accounts import roles
from accounts.models import User
from administration.models import AdministrationChange, Area
from administration.services import clients as client_services
from administration.services import panel_types as panel_services
from api.models import PartnerClient
from cases.models import PartnerOrganisation
from panels.models import Meeting, Membership, PanelType
from panels.services import meeting_quorum_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, administrator):
    client.force_login(administrator)
    return client


PANEL = {
    "name": "Decision to assess panel",
    "kind": "assess",
    "quorum_minimum": "3",
    "quorum_roles": ["ep", "health"],
}


def test_a_panel_type_is_added_and_its_quorum_rules_apply_to_meetings(
    signed_in, panel_member, manager
):
    response = signed_in.post("/administration/panel-types/add/", PANEL)
    assert response.status_code == 302
    panel_type = PanelType.objects.get()
    assert panel_type.quorum_roles == ["ep", "health"] and panel_type.quorum_minimum == 3
    meeting = Meeting.objects.create(
        panel_type=panel_type, held_on=datetime.date(2027, 3, 1), chair=manager
    )
    Membership.objects.create(meeting=meeting, user=manager, professional_role="sen")
    Membership.objects.create(meeting=meeting, user=panel_member, professional_role="ep")
    assert "at least 3" in meeting_quorum_problem(meeting)
    # The administrator lowers the quorum: the meeting is now quorate.
    response = signed_in.post(
        f"/administration/panel-types/{panel_type.pk}/",
        {**PANEL, "quorum_minimum": "2", "quorum_roles": ["ep"]},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting_quorum_problem(Meeting.objects.get(pk=meeting.pk)) is None
    page = signed_in.get(f"/administration/panel-types/{panel_type.pk}/").content.decode()
    assert "Quorum: 3 to 2" in page
    assert "Educational psychologist, Health" in page  # the earlier rule, kept in the record


@pytest.mark.parametrize(
    ("fields", "message"),
    (
        ({"quorum_minimum": "0"}, panel_services.QUORUM_RANGE),
        ({"quorum_minimum": "three"}, "The quorum must be a whole number, like 3"),
        ({"quorum_minimum": "1"}, "at least the number of professional roles"),
        ({"name": " "}, panel_services.PANEL_NAME_REQUIRED),
        ({"kind": ""}, "Choose what the panel decides"),
        ({"kind": "nonsense"}, "Select a valid choice"),
    ),
)
def test_a_wrong_panel_type_is_refused_with_a_clear_message(signed_in, fields, message):
    response = signed_in.post("/administration/panel-types/add/", {**PANEL, **fields})
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "There is a problem" in body and message in body
    assert not PanelType.objects.exists()


def test_a_used_panel_type_keeps_its_kind_and_cannot_be_removed(signed_in, manager):
    panel_type = PanelType.objects.create(name="Placement panel", kind="placement")
    unused = PanelType.objects.create(name="Old panel", kind="other")
    Meeting.objects.create(panel_type=panel_type, held_on=datetime.date(2027, 3, 1), chair=manager)
    response = signed_in.post(
        f"/administration/panel-types/{panel_type.pk}/",
        {"name": "Placement panel", "kind": "cease", "quorum_minimum": "3"},
    )
    assert panel_services.KIND_FIXED in response.content.decode()
    response = signed_in.post(f"/administration/panel-types/{panel_type.pk}/remove/")
    assert response.status_code == 302
    assert PanelType.objects.filter(pk=panel_type.pk).exists()
    follow = signed_in.get(response["Location"]).content.decode()
    assert "it cannot be removed" in follow
    response = signed_in.post(f"/administration/panel-types/{unused.pk}/remove/")
    assert not PanelType.objects.filter(pk=unused.pk).exists()
    assert AdministrationChange.objects.filter(
        area=Area.PANEL_TYPE, summary="Removed (never used)"
    ).exists()
    assert signed_in.get(f"/administration/panel-types/{unused.pk}/remove/").status_code == 405


def _token(client_id: str, secret: str):
    credentials = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return Client().post(
        "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}"
    )


def test_a_partner_system_is_registered_its_secret_shown_once_and_it_gets_tokens(signed_in):
    response = signed_in.post(
        "/administration/api-clients/add/",
        {
            "name": "Northshire Health records",
            "partner": "",
            "new_partner_name": "Northshire Health Trust",
            "new_partner_kind": "health",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    secret = body.split('id="client-secret">')[1].split("<")[0]
    client = PartnerClient.objects.select_related("application", "partner").get()
    assert client.partner.kind == "health"
    # Stored hashed, never in plain text; shown nowhere else.
    assert client.application.client_secret != secret
    assert secret not in signed_in.get(f"/administration/api-clients/{client.pk}/").content.decode()
    token = _token(client.application.client_id, secret)
    assert token.status_code == 200
    assert "advice:write" in token.json()["scope"] and "alerts:read" not in token.json()["scope"]
    change = AdministrationChange.objects.get(area=Area.API_CLIENT)
    assert secret not in change.summary and change.by.username == "ada_admin"


def test_rotating_a_secret_stops_the_old_one_and_its_tokens(signed_in, administrator):
    client, old_secret = client_services.api_client_register(
        name="Council case system",
        partner=None,
        new_partner_name="Demo council systems",
        new_partner_kind="council",
        by=administrator,
    )
    token = _token(client.application.client_id, old_secret).json()["access_token"]
    assert AccessToken.objects.filter(token_checksum__isnull=False).exists() or token
    assert signed_in.get(f"/administration/api-clients/{client.pk}/rotate/").status_code == 200
    response = signed_in.post(f"/administration/api-clients/{client.pk}/rotate/")
    new_secret = response.content.decode().split('id="client-secret">')[1].split("<")[0]
    assert new_secret != old_secret
    assert _token(client.application.client_id, old_secret).status_code == 401
    assert _token(client.application.client_id, new_secret).status_code == 200
    old = Client().get("/api/v1/children/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert old.status_code == 401
    page = signed_in.get(f"/administration/api-clients/{client.pk}/").content.decode()
    assert "Secret rotated" in page and "1 access token revoked" in page


def test_registering_with_problems_writes_nothing(signed_in, administrator):
    PartnerOrganisation.objects.create(name="Riverside School", kind="school")
    cases = (
        ({"name": "", "new_partner_name": "X", "new_partner_kind": "health"}, "Enter a name"),
        ({"name": "System"}, client_services.PARTNER_REQUIRED),
        ({"name": "System", "new_partner_name": "New org"}, client_services.PARTNER_KIND_REQUIRED),
        (
            {
                "name": "System",
                "new_partner_name": "riverside school",
                "new_partner_kind": "school",
            },
            "choose it instead",
        ),
        (
            {
                "name": "System",
                "new_partner_name": "New school",
                "new_partner_kind": "school",
                "new_partner_urn": "999999",
            },
            client_services.SCHOOL_URN_UNKNOWN,
        ),
    )
    for fields, message in cases:
        response = signed_in.post("/administration/api-clients/add/", fields)
        body = html.unescape(response.content.decode())
        assert response.status_code == 200 and "There is a problem" in body, fields
        assert message in body, (fields, message)
    assert not Application.objects.exists()
    assert PartnerOrganisation.objects.count() == 1


def test_make_administrator_promotes_a_createsuperuser_account_and_creates_one(client):
    User.objects.create_superuser("root", "root@example.gov.uk", "a-long-password-1")
    out = io.StringIO()
    call_command("make_administrator", "root", stdout=out)
    root = User.objects.get(username="root")
    assert root.groups.filter(name=roles.ADMINISTRATOR).exists() and root.is_staff
    assert "now an administrator" in out.getvalue()
    out = io.StringIO()
    call_command("make_administrator", "first.admin", "--email", "a@example.gov.uk", stdout=out)
    password = out.getvalue().split("(shown only now): ")[1].split()[0]
    response = client.post("/sign-in/", {"username": "first.admin", "password": password})
    assert response.status_code == 302
    assert client.get("/administration/").status_code == 200
    assert client.get("/administration/staff/").status_code == 200
    summaries = set(AdministrationChange.objects.values_list("summary", flat=True))
    assert "Made an administrator on the server's command line" in summaries
    assert "Added as an administrator on the server's command line" in summaries
    page = client.get(f"/administration/staff/{root.pk}/").content.decode()
    assert "On the server's command line" in page
    with pytest.raises(CommandError):
        call_command("make_administrator", "bad name!", stdout=io.StringIO())
