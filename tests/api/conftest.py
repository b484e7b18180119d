import base64
import datetime

import pytest
import time_machine
from django.test import Client
from oauth2_provider.models import Application

from accounts import roles
from alerts.models import Alert
from alerts.sweep import sweep_run
from api.models import PartnerClient
from cases.models import PartnerOrganisation
from cases.services import requests, reviews
from panels import services as panels
from panels.models import Meeting, Membership, PanelType
from tests.cases import factories

ALL_SCOPES = (
    "children:read requests:read requests:write advice:read advice:write plans:read "
    "settings:read reviews:read panel_decisions:read alerts:read"
)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


def register_client(name, kind, secret, *, setting=None):
    """A partner organisation and its OAuth2 client (client credentials, this secret)."""
    partner = PartnerOrganisation.objects.create(name=name, kind=kind, setting=setting)
    app = Application.objects.create(
        name=f"{name} system",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    PartnerClient.objects.create(application=app, partner=partner)
    return app, partner


def make_client(name, kind, *, setting=None, scopes=None):
    """A partner organisation, its OAuth2 client, and a token obtained the way a partner system
    gets one: client credentials at /o/token/. Without `scopes` the client asks for none and
    is granted every scope its kind of organisation may hold."""
    secret = f"secret-{kind}-{name}"
    app, partner = register_client(name, kind, secret, setting=setting)
    credentials = base64.b64encode(f"{app.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/o/token/",
        {"grant_type": "client_credentials", **({"scope": scopes} if scopes else {})},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code == 200, response.content
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['access_token']}"}, partner


@pytest.fixture
def world(caseworker, team):
    """Three children: one with a plan at the school, one the health trust was asked about, one neither."""
    school_setting = factories.setting(name="Riverside Primary School", urn="100001")
    with_plan = factories.child(by=caseworker, team=team, caseworker=caseworker)
    request = factories.request_draft_issued(by=caseworker, child=with_plan)
    requests.final_plan_issue(
        request=request,
        issued_on=datetime.date(2025, 1, 13),
        named_setting=school_setting,
        by=caseworker,
    )
    asked = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="B801200005001", surname="Asked"
    )
    assessing = factories.request_assessing(
        by=caseworker,
        child=asked,
        received_on=datetime.date(2025, 1, 6),
        decided_on=datetime.date(2025, 2, 3),
    )
    other = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="G80120000101A", surname="Other"
    )
    council, _ = make_client("County Council", "council")
    school, _ = make_client("Riverside Primary School", "school", setting=school_setting)
    health, trust = make_client("Community Health Trust", "health")
    advice = requests.advice_request_create(
        request=assessing,
        adviser_type="health",
        adviser="Community paediatrics",
        sent_on=datetime.date(2025, 2, 4),
        partner=trust,
        by=caseworker,
    )
    return {
        "council": council,
        "school": school,
        "health": health,
        "with_plan": with_plan,
        "asked": asked,
        "other": other,
        "advice": advice,
    }


@pytest.fixture
def records(world, caseworker, make_person):
    """Beyond `world`: a review of the school pupil's plan; a placement panel that confirmed a
    decision about the pupil and one about the child the trust advised on, and recorded (but did
    not confirm) one about the third; the alerts of the nightly check a week later."""
    plan = world["with_plan"].plans.get()
    review = reviews.review_schedule(plan=plan, by=caseworker)
    chair = make_person("chair_person", roles.PANEL_MEMBER)
    meeting = Meeting.objects.create(
        panel_type=PanelType.objects.create(
            name="Placement panel", kind="placement", quorum_minimum=1
        ),
        held_on=datetime.date(2025, 3, 3),
        chair=chair,
    )
    Membership.objects.create(meeting=meeting, user=chair, professional_role="sen")
    setting = plan.named_setting
    decisions = {}
    for key, option in (
        ("with_plan", "agree_placement"),
        ("asked", "refuse_placement"),
        ("other", "agree_placement"),
    ):
        item = panels.agenda_item_add(
            meeting=meeting, child=world[key], summary="Placement requested.", by=caseworker
        )
        decisions[key] = panels.decision_record(
            item=item,
            by=chair,
            option=option,
            reasons="The setting can meet the needs in section F.",
            conditions="Review the placement after one term." if key == "with_plan" else "",
            funding_band="C" if key == "with_plan" else "",
            setting=setting,
        )
        if key != "other":
            panels.decision_confirm(decision=decisions[key], by=chair)
    sweep_run(today=datetime.date(2025, 3, 10))  # the trust's advice is due on 18 March
    return {
        "review": review,
        "decisions": decisions,
        "alerts": {key: Alert.objects.filter(child=world[key]) for key in ("with_plan", "asked")},
    }


def token_beyond_its_kind(partner, scopes: str) -> dict:
    """A token holding scopes the token endpoint would not grant this partner's kind (as if
    issued before its scopes were narrowed): the views' own partner-kind checks still refuse."""
    import secrets

    from django.utils import timezone
    from oauth2_provider.models import AccessToken

    token = AccessToken.objects.create(
        application=partner.clients.get().application,
        token=secrets.token_urlsafe(30),
        expires=timezone.now() + datetime.timedelta(hours=1),
        scope=scopes,
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {token.token}"}
