"""Case records in each state, built through the services (a factory per state)."""

import datetime

from cases.models import EducationSetting
from cases.models.codes import RequestSource, SettingKind, SettingType
from cases.services import children, requests

SECTIONS = {
    "A": "Ava loves music and wants to be a vet.",
    "B": "Ava has a severe speech and language disorder.",
    "C": "Asthma, managed with an inhaler.",
    "D": "No social care needs.",
    "E": "By the end of Key Stage 2 Ava will speak in short sentences.",
    "F": "Speech and language therapy, 2 sessions a week.",
    "G": "Annual asthma review.",
    "H1": "",
    "H2": "",
    "I": "Riverside Primary School",
    "J": "No personal budget requested.",
    "K": "Advice from the educational psychologist, 3 March 2025.",
}


def setting(name="Riverside Primary School", urn="100001") -> EducationSetting:
    return EducationSetting.objects.create(
        name=name, kind=SettingKind.SCHOOL, setting_type=SettingType.MAINSTREAM_MAINTAINED, urn=urn
    )


def child(*, by, team, caseworker=None, **overrides):
    data = {
        "forename": "Ava",
        "surname": "Brown",
        "date_of_birth": datetime.date(2016, 5, 4),
        "sex": "F",
        "upn": "H801200001001",
    }
    data.update(overrides)
    return children.child_create(by=by, team=team, lead_caseworker=caseworker, **data)


def request_received(*, by, child, received_on=datetime.date(2024, 9, 2)):
    return requests.assessment_request_create(
        child=child, received_on=received_on, source=RequestSource.PARENT, by=by
    )


def request_assessing(*, by, child, received_on=datetime.date(2024, 9, 2), decided_on=None):
    request = request_received(by=by, child=child, received_on=received_on)
    return requests.request_decide(
        request=request,
        decided_to_assess=True,
        decided_on=decided_on or received_on + datetime.timedelta(weeks=5),
        by=by,
    )


def request_draft_issued(*, by, child, received_on=datetime.date(2024, 9, 2), served_on=None):
    request = request_assessing(by=by, child=child, received_on=received_on)
    requests.draft_plan_issue(
        request=request,
        served_on=served_on or received_on + datetime.timedelta(weeks=14),
        sections=SECTIONS,
        by=by,
    )
    request.refresh_from_db()
    return request


def plan_issued(*, by, child, received_on=datetime.date(2024, 9, 2), issued_on=None):
    request = request_draft_issued(by=by, child=child, received_on=received_on)
    version = requests.final_plan_issue(
        request=request,
        issued_on=issued_on or received_on + datetime.timedelta(weeks=19),
        named_setting=setting(urn=str(100000 + child.pk)),
        by=by,
    )
    return version.plan
