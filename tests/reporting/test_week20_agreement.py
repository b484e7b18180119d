"""One truth for Week20 (docs/adr/0004-week20-exceptions.md): the clock, the stored flag, the
dashboard's "excluding exceptions" figure and the SEN2 file agree, case by case.

Three plans issued in 2025 through the services, each 21 weeks after the request: one whose only
exception is an educational psychologist's missed appointment (reg 8(2): it relieves the
adviser's 6 weeks, not the council's 20), one with a reg 10(4)(c) exception on the final plan
(reg 13(3)) and one with none. Only the second is "excluding exceptions" / Week20 = 1."""

import datetime
from xml.etree import ElementTree as ET

import pytest
import time_machine

from cases import timescales
from cases.models import AssessmentRequest
from cases.services import requests
from cases.services.deadlines import assessment_facts, deadlines_refresh_many
from reporting.scope import ReportScope, calendar_year
from reporting.selectors.timeliness import timeliness_for
from reporting.sen2.builder import sen2_build
from reporting.sen2.writers import sen2_xml
from tests.cases import factories

pytestmark = pytest.mark.django_db
D = datetime.date
RECEIVED = D(2025, 1, 6)
CASES = {"Adviser": "advice", "Council": "final_plan", "None": None}


def _case(caseworker, team, surname: str, exception_stage: str | None, n: int):
    with time_machine.travel(D(2025, 6, 30), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker, surname=surname)
        request = factories.request_assessing(by=caseworker, child=child, received_on=RECEIVED)
        advice = requests.advice_request_create(
            request=request,
            adviser_type="educational_psychology",
            adviser="Educational psychology service",
            sent_on=D(2025, 2, 11),
            received_by_adviser_on=D(2025, 2, 11),
            by=caseworker,
        )
        if exception_stage == "advice":
            requests.exception_record(
                request=request,
                advice=advice,
                stage="advice",
                reason="advice_missed_appointment",
                starts_on=D(2025, 3, 3),
                ends_on=D(2025, 3, 3),
                evidence="The child missed the psychologist's appointment on 3 March",
                by=caseworker,
            )
        elif exception_stage == "final_plan":
            requests.exception_record(
                request=request,
                stage="final_plan",
                reason="c",
                starts_on=D(2025, 3, 3),
                ends_on=D(2025, 4, 25),
                evidence="Bereavement in the family; letter from the GP on file",
                by=caseworker,
            )
        requests.draft_plan_issue(
            request=request,
            served_on=RECEIVED + datetime.timedelta(weeks=17),
            sections=factories.SECTIONS,
            by=caseworker,
        )
        requests.final_plan_issue(
            request=request,
            issued_on=RECEIVED + datetime.timedelta(weeks=21),
            named_setting=factories.setting(urn=str(100100 + n)),
            by=caseworker,
        )
    return AssessmentRequest.objects.get(pk=request.pk)


@pytest.fixture
def cases(caseworker, team):
    return {
        surname: _case(caseworker, team, surname, stage, n)
        for n, (surname, stage) in enumerate(CASES.items())
    }


def _clock_flag(request: AssessmentRequest) -> int:
    facts = assessment_facts(
        request,
        advice_requests=list(request.advice.order_by("sent_on", "pk")),
        exceptions=list(request.exceptions.select_related("advice")),
    )
    return timescales.week20_flag(facts)


def _sen2_flags() -> dict[str, int]:
    root = ET.fromstring(sen2_xml(sen2_build(census_date=D(2026, 1, 15))))
    return {
        person.findtext("Surname"): int(person.findtext("Requests/Request/Assessment/Week20"))
        for person in root.iter("Person")
    }


def _dashboard_excluded() -> int:
    """Plans the dashboard leaves out of "excluding exceptions" in 2025."""
    year = calendar_year(2025, D(2026, 1, 15))
    row = timeliness_for(
        scope=ReportScope(today=D(2026, 1, 15), period=year), start=year.start, end=year.end
    )
    assert (row["issued"], row["within"]) == (3, 0)  # 147 days: all late
    return row["issued"] - row["issued_excluding"]


def _flags(cases) -> dict[str, tuple[int, int, int]]:
    sen2 = _sen2_flags()
    return {
        surname: (_clock_flag(request), int(request.exception_applied), sen2[surname])
        for surname, request in cases.items()
    }


def test_clock_stored_flag_dashboard_and_sen2_agree(cases):
    assert _flags(cases) == {"Adviser": (0, 0, 0), "Council": (1, 1, 1), "None": (0, 0, 0)}
    assert _dashboard_excluded() == 1


def test_a_stored_flag_out_of_line_with_the_clock_is_put_right(cases):
    """A flag stored under the old rule (an adviser's exception counted) is rewritten from the
    clock when the case's deadlines are recomputed."""
    AssessmentRequest.objects.filter(pk=cases["Adviser"].pk).update(exception_applied=True)
    AssessmentRequest.objects.filter(pk=cases["Council"].pk).update(exception_applied=False)
    deadlines_refresh_many(child_ids=[r.child_id for r in cases.values()])
    for request in cases.values():
        request.refresh_from_db()
    assert _flags(cases) == {"Adviser": (0, 0, 0), "Council": (1, 1, 1), "None": (0, 0, 0)}
    assert _dashboard_excluded() == 1
