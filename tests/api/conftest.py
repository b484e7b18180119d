import base64
import datetime

import pytest
import time_machine
from django.test import Client
from oauth2_provider.models import Application

from api.models import PartnerClient
from cases.models import PartnerOrganisation
from cases.services import requests
from tests.cases import factories

ALL_SCOPES = "children:read requests:read advice:read advice:write plans:read settings:read"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


def make_client(name, kind, *, setting=None, scopes=ALL_SCOPES):
    """A partner organisation, its OAuth2 client, and a token obtained the way a partner system
    gets one: client credentials at /o/token/."""
    partner = PartnerOrganisation.objects.create(name=name, kind=kind, setting=setting)
    secret = f"secret-{kind}-{name}"
    app = Application.objects.create(
        name=f"{name} system",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    PartnerClient.objects.create(application=app, partner=partner)
    credentials = base64.b64encode(f"{app.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/o/token/",
        {"grant_type": "client_credentials", "scope": scopes},
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
